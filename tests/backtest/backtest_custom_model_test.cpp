// A model of one's own, registered by name and backtested beside the
// built-in ones: the interface docs/backtesting.md documents ("A model of
// your own").
//
// The model: the CRM's stage probability x 0.9 (a sales team that knows its
// CRM is optimistic), closing on the deal's expected close date, with no deals
// not yet created: a ModelSpec with crm_timing and without_new_deals, whose
// fit_win needs no training data.
//
// The hand-made book (one pipeline: Early 0.2, Late 0.6 open; Won; Lost).
// At the origin T = 2024-01-31 four deals are open; their expected close
// dates are those recorded in their history up to T:
//
// deal stage at T  amount  expected close  what happened (known at L = 2024-04-30)
// a    Early       1000    2024-02-15      won 2024-02-10
// b    Late        2000    2024-02-20      lost 2024-02-20
// c    Late         500    2024-03-10      won 2024-03-15
// d    Early        800    2024-04-20      still open
// e    (created 2024-04-30, after T: sets the book's latest day)
#include "pipecast/backtest/backtest.hpp"
#include "pipecast/core/book_builder.hpp"

#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>

namespace pipecast {
// Named for the file: a unity build compiles the files of a program as one.
namespace backtest_custom_model_test {
namespace {

class DiscountedCrmModel final : public WinModel {
 public:
  void predict(const Book& book, const DealStates& deals, std::span<double> out) const override {
    for (std::size_t i = 0; i < deals.size(); ++i) out[i] = 0.9 * book.stages()[deals.stage[i]].probability;
  }
};

ModelSpec discounted_crm_spec() {
  ModelSpec spec;
  spec.name = "crm90";
  spec.description = "the CRM's stage probability x 0.9";
  spec.crm_timing = true;         // closes on the expected close date
  spec.without_new_deals = true;  // like the weighted pipeline
  spec.needs_training = false;    // nothing to learn
  spec.fit_win = [](const FitContext&, const FitOptions&) { return std::make_shared<DiscountedCrmModel>(); };
  return spec;
}

Book custom_book() {
  BookBuilder b;
  const auto check = [](const Checked& c) {
    if (c) ADD_FAILURE() << c->field << ": " << c->message;
  };
  check(b.add_stage({"Sales", "Early", 1, 0.2, StageKind::open, ""}));
  check(b.add_stage({"Sales", "Late", 2, 0.6, StageKind::open, ""}));
  check(b.add_stage({"Sales", "Won", 3, 1.0, StageKind::won, ""}));
  check(b.add_stage({"Sales", "Lost", 4, 0.0, StageKind::lost, ""}));
  struct Deal {
    std::string_view id, stage_at_t;
    double amount;
    Day created, expected_close;
    std::string_view final_stage;  // == stage_at_t when still open
    Day closed;
  };
  const Deal deals[] = {
      {"a", "Early", 1000, to_day(2024, 1, 5), to_day(2024, 2, 15), "Won", to_day(2024, 2, 10)},
      {"b", "Late", 2000, to_day(2024, 1, 8), to_day(2024, 2, 20), "Lost", to_day(2024, 2, 20)},
      {"c", "Late", 500, to_day(2024, 1, 10), to_day(2024, 3, 10), "Won", to_day(2024, 3, 15)},
      {"d", "Early", 800, to_day(2024, 1, 12), to_day(2024, 4, 20), "Early", kNoDay},
      {"e", "Early", 300, to_day(2024, 4, 30), to_day(2024, 6, 30), "Early", kNoDay},
  };
  for (const Deal& d : deals) {
    OpportunityRecord r;
    r.id = d.id;
    r.pipeline = "Sales";
    r.account = "Acme";
    r.owner = "Ann";
    r.product = "Widget";
    r.source = "Web";
    r.segment = "SMB";
    r.amount = d.amount;
    r.created = d.created;
    r.close_date = d.closed == kNoDay ? d.expected_close : d.closed;
    r.stage = d.final_stage;
    check(b.add_opportunity(r));
    HistoryRecord h;
    h.opportunity_id = d.id;
    h.stage = d.stage_at_t;
    h.entered = d.created;
    h.amount = d.amount;
    h.close_date = d.expected_close;  // as it stood at T
    check(b.add_history(h));
    if (d.closed != kNoDay) {
      h.stage = d.final_stage;
      h.entered = d.closed;
      h.close_date = d.closed;
      check(b.add_history(h));
    }
  }
  return std::move(b).finish();
}

/// crm90 registered beside the built-ins, backtested at the end of January.
BacktestOptions crm90_at_one_origin() {
  BacktestOptions options;
  options.registry = ModelRegistry::builtin();
  options.registry.add(discounted_crm_spec());
  options.models = {"crm90"};
  options.from = options.to = to_day(2024, 1, 31);
  options.trials = 200;
  return options;
}

TEST(BacktestCustomModel, RegisteredByNameAndScoredBesideTheBuiltIns) {
  const Book book = custom_book();
  ASSERT_EQ(book.latest_day(), to_day(2024, 4, 30));
  BacktestOptions options = crm90_at_one_origin();
  const Backtest bt = run_backtest(book, options);
  EXPECT_EQ(bt.models, (std::vector<std::string>{"crm", "stage", "crm90", "seasonal-naive"}));

  const ModelOrigin& mine = bt.origins[0].models[bt.model_index("crm90")];
  EXPECT_EQ(mine.description, "the CRM's stage probability x 0.9");
  EXPECT_EQ(mine.open_deals, 4u);
  // Won eventually: a (0.18, won), b (0.54, lost), c (0.54, won); d is open at L.
  EXPECT_EQ(mine.eventual.deals, 3u);
  EXPECT_EQ(mine.eventual.excluded, 1u);
  EXPECT_EQ(mine.eventual.positives, 2u);
  // (0.82^2 + 0.54^2 + 0.46^2) / 3 = (0.6724 + 0.2916 + 0.2116) / 3
  EXPECT_NEAR(mine.eventual.brier, 1.1756 / 3.0, 1e-12);
  // -(ln 0.18 + ln(1 - 0.54) + ln 0.54) / 3
  EXPECT_NEAR(mine.eventual.log_loss, -(std::log(0.18) + std::log(0.46) + std::log(0.54)) / 3.0, 1e-12);
  // Won 0.18 and 0.54 against lost 0.54: 0 + 1/2 of 2 pairs.
  EXPECT_DOUBLE_EQ(mine.eventual.auc, 0.25);
  // The built-in crm on the same deals: 0.2, 0.6, 0.6: (0.64 + 0.36 + 0.16) / 3.
  EXPECT_NEAR(bt.origins[0].models[0].eventual.brier, 1.16 / 3.0, 1e-12);

  // Won within February (horizon 1: [2024-02-01, 2024-02-29]): a 0.18 (won
  // 02-10, expected 02-15), b 0.54 (lost), c 0 (expected in March), d 0:
  // (0.82^2 + 0.54^2 + 0 + 0) / 4.
  EXPECT_EQ(mine.within[0].deals, 4u);
  EXPECT_EQ(mine.within[0].positives, 1u);
  EXPECT_NEAR(mine.within[0].brier, (0.6724 + 0.2916) / 4.0, 1e-12);

  // February's bookings: expected 0.18 x 1000 + 0.54 x 2000 = 1260 (nothing
  // won before T, no new deals); actual 1000 (a).
  const PeriodScore& feb = mine.periods[0];
  EXPECT_EQ(feb.period.label, "2024-02");
  EXPECT_NEAR(feb.forecast, 1260.0, 1e-9);
  EXPECT_DOUBLE_EQ(feb.actual, 1000.0);
  EXPECT_NEAR(feb.error, 260.0, 1e-9);
  EXPECT_NEAR(bt.summary[bt.model_index("crm90")].periods[0].wape, 0.26, 1e-12);
  // March: 0.54 x 500 = 270 against 500 (c).
  EXPECT_NEAR(mine.periods[1].forecast, 270.0, 1e-9);
  EXPECT_DOUBLE_EQ(mine.periods[1].actual, 500.0);
  EXPECT_NEAR(bt.summary[bt.model_index("crm90")].periods[1].bias, -230.0 / 500.0, 1e-12);
  // The Monte Carlo part is there too: a is won in February with
  // probability 0.18, b with 0.54, so a simulated total is 0 (37.7% of
  // futures), 1000 (8.3%), 2000 (44.3%) or 3000 (9.7%).
  EXPECT_TRUE(std::isfinite(feb.crps));
  EXPECT_EQ(feb.p10, 0.0);
  EXPECT_GE(feb.p90, 2000.0);
  EXPECT_LE(feb.p90, 3000.0);
  EXPECT_DOUBLE_EQ(feb.pinball[0], 0.1 * (1000.0 - feb.p10));
}

// Every deal has one owner (Ann): her group is the company, so her Monte
// Carlo (her deals, the origin's seed) is the company's, sample for sample.
TEST(BacktestCustomModel, AGroupHoldingEveryDealHasTheCompanysDistribution) {
  const Book book = custom_book();
  BacktestOptions options = crm90_at_one_origin();
  options.group_by = Dimension::owner;
  const Backtest bt = run_backtest(book, options);
  const std::size_t m = bt.model_index("crm90");
  const auto ann = std::find(bt.group_names.begin(), bt.group_names.end(), "Ann") - bt.group_names.begin();
  ASSERT_LT(static_cast<std::size_t>(ann), bt.group_names.size());
  for (std::size_t h = 0; h < 2; ++h) {
    const PeriodScore& company = bt.origins[0].models[m].periods[h];
    const GroupScore& group = bt.origins[0].models[m].groups[h][static_cast<std::size_t>(ann)];
    EXPECT_EQ(group.forecast, company.forecast);
    EXPECT_EQ(group.p10, company.p10);
    EXPECT_EQ(group.p50, company.p50);
    EXPECT_EQ(group.p90, company.p90);
    EXPECT_EQ(group.pinball, company.pinball);
    EXPECT_EQ(group.crps, company.crps);
    EXPECT_EQ(group.covered, company.covered);
    const GroupSummary& gs = bt.summary[m].groups[h][static_cast<std::size_t>(ann)];
    EXPECT_EQ(gs.pinball, bt.summary[m].periods[h].pinball);
    EXPECT_EQ(gs.crps, bt.summary[m].periods[h].crps);
    EXPECT_EQ(gs.coverage, bt.summary[m].periods[h].coverage);
  }
  // February by hand (see above): P10 = 0 (37.7% of futures win nothing),
  // the actual 1000 lies in [P10, P90], P90 >= 2000.
  const GroupScore& feb = bt.origins[0].models[m].groups[0][static_cast<std::size_t>(ann)];
  EXPECT_EQ(feb.p10, 0.0);
  EXPECT_DOUBLE_EQ(feb.pinball[0], 0.1 * 1000.0);
  EXPECT_EQ(feb.covered, 1.0);
  EXPECT_EQ(bt.summary[m].groups[0][static_cast<std::size_t>(ann)].coverage, 1.0);
  // Seasonal-naive is a point forecast per group too: CRPS is its absolute
  // error, and it has no interval.
  const GroupScore& naive = bt.origins[0].models.back().groups[0][static_cast<std::size_t>(ann)];
  if (!std::isnan(naive.forecast)) {
    EXPECT_DOUBLE_EQ(naive.crps, naive.abs_error);
  }
  EXPECT_TRUE(std::isnan(naive.covered));
  EXPECT_TRUE(std::isnan(bt.summary.back().groups[0][static_cast<std::size_t>(ann)].coverage));
}

TEST(BacktestCustomModel, ANameMustBeRegisteredToBeUsed) {
  BacktestOptions options;
  options.models = {"crm90"};
  options.from = options.to = to_day(2024, 1, 31);
  EXPECT_THROW(run_backtest(custom_book(), options), std::invalid_argument);
}

}  // namespace
}  // namespace backtest_custom_model_test
}  // namespace pipecast
