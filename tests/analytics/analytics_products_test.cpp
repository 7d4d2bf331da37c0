// Product potential: every figure by hand on a tiny book, directions on a
// synthetic book, and win rates per product on the Maven data against a
// direct count from its CSV.
#include "pipecast/analytics/patterns.hpp"
#include "pipecast/analytics/product_potential.hpp"
#include "pipecast/core/book_builder.hpp"
#include "pipecast/io/csv_book.hpp"
#include "pipecast/synth/synthetic_book.hpp"

#include "report_table_support.hpp"

#include <gtest/gtest.h>

#include <cmath>
#include <filesystem>
#include <fstream>
#include <map>
#include <sstream>

namespace pipecast {
// Named for the file: a unity build compiles the files of a program as one.
namespace analytics_products_test {
namespace {

using test::column_names;
using test::find_row;
using test::section_json;
using test::table_rows;

Day d(unsigned month, unsigned day) { return to_day(2024, month, day); }

struct Step {
  const char* stage;
  Day entered;
};

struct TinyDeal {
  const char* id;
  const char* product;
  double amount;
  const char* currency;
  Day created;
  std::vector<Step> history;  // the last step is the deal's current stage
};

Book tiny_book(const std::vector<TinyDeal>& deals) {
  BookBuilder b;
  b.add_stage({"Sales", "Lead", 1, 0.1, StageKind::open, ""});
  b.add_stage({"Sales", "Won", 2, 1.0, StageKind::won, ""});
  b.add_stage({"Sales", "Lost", 3, 0.0, StageKind::lost, ""});
  b.add_fx_rate("USD", 1.0);
  b.add_fx_rate("EUR", 1.1);
  b.add_product("Widget", "Hardware", 1000);
  b.add_product("Gadget", "Hardware", 500);
  b.add_product("Gizmo", "Accessories", 100);
  for (const TinyDeal& t : deals) {
    const auto bad = b.add_opportunity({t.id, "Sales", "Acct", "Ann", t.product, "Inbound", "SMB", t.amount,
                                        t.currency, t.created, t.history.back().entered, t.history.back().stage, {}});
    EXPECT_FALSE(bad) << t.id << ": " << bad->message;
    for (const Step& s : t.history) {
      const auto rejected = b.add_history({t.id, s.stage, s.entered, kNoAmount, kNoDay, {}});
      EXPECT_FALSE(rejected) << t.id << ": " << rejected->message;
    }
  }
  return std::move(b).finish();
}

// As of 2024-06-30, trend periods April, May, June (30, 31 and 30 days):
//   Widget (Hardware):    W1 won 1000 04-10 (cycle 40), W2 won 2000 05-11 (40),
//                         W3 won 3000 06-10 (40), W4 lost, W5 open 5000.
//   Gadget (Hardware):    G1 won 500 01-21 (20), G2 G3 G4 lost, G5 open 2000 EUR = 2200.
//   Gizmo (Accessories):  Z1 won 3000 04-05 (35), Z2 won 1000 05-06 (35),
//                         Z3 won 100 06-20 (50); nothing open.
//   Thing (not listed):   T1 open 1000.
// Overall: 7 won, 4 lost -> 7/11; won value 6000 + 500 + 4100 = 10600.
Book products_book() {
  return tiny_book({
      {"W1", "Widget", 1000, "USD", d(3, 1), {{"Lead", d(3, 1)}, {"Won", d(4, 10)}}},
      {"W2", "Widget", 2000, "USD", d(4, 1), {{"Lead", d(4, 1)}, {"Won", d(5, 11)}}},
      {"W3", "Widget", 3000, "USD", d(5, 1), {{"Lead", d(5, 1)}, {"Won", d(6, 10)}}},
      {"W4", "Widget", 800, "USD", d(5, 1), {{"Lead", d(5, 1)}, {"Lost", d(5, 20)}}},
      {"W5", "Widget", 5000, "USD", d(6, 1), {{"Lead", d(6, 1)}}},
      {"G1", "Gadget", 500, "USD", d(1, 1), {{"Lead", d(1, 1)}, {"Won", d(1, 21)}}},
      {"G2", "Gadget", 300, "USD", d(2, 1), {{"Lead", d(2, 1)}, {"Lost", d(3, 1)}}},
      {"G3", "Gadget", 300, "USD", d(4, 1), {{"Lead", d(4, 1)}, {"Lost", d(4, 15)}}},
      {"G4", "Gadget", 300, "USD", d(5, 1), {{"Lead", d(5, 1)}, {"Lost", d(6, 1)}}},
      {"G5", "Gadget", 2000, "EUR", d(6, 10), {{"Lead", d(6, 10)}}},
      {"Z1", "Gizmo", 3000, "USD", d(3, 1), {{"Lead", d(3, 1)}, {"Won", d(4, 5)}}},
      {"Z2", "Gizmo", 1000, "USD", d(4, 1), {{"Lead", d(4, 1)}, {"Won", d(5, 6)}}},
      {"Z3", "Gizmo", 100, "USD", d(5, 1), {{"Lead", d(5, 1)}, {"Won", d(6, 20)}}},
      {"T1", "Thing", 1000, "USD", d(6, 15), {{"Lead", d(6, 15)}}},
  });
}

AnalysisOptions at(Day as_of, int trend_periods = 3) {
  AnalysisOptions o;
  o.as_of = as_of;
  o.trend_periods = trend_periods;
  return o;
}

const ProductPotential& row(const std::vector<ProductPotential>& rows, const std::string& name) {
  for (const auto& r : rows)
    if (r.name == name) return r;
  throw std::runtime_error("no row " + name);
}

TEST(ProductPotential, HandComputedBook) {
  const Book book = products_book();
  const ProductReport r = product_potential(Scope(book, at(d(6, 30))));
  EXPECT_EQ(r.win_rate, (Rate{7, 11}));
  EXPECT_DOUBLE_EQ(r.won_amount, 10600);
  ASSERT_EQ(r.trend_periods.size(), 3u);
  EXPECT_EQ(r.trend_periods[0].label, "2024-04");
  EXPECT_EQ(r.trend_periods[2].label, "2024-06");

  // Widget: 3 of 4; expected rate (3 + 20 x 7/11) / (4 + 20) = 173/264;
  // expected revenue 5000 x 173/264.  Trend per day 1000/30, 2000/31, 3000/30:
  // slope (100 - 33.33) / 2, average 65.95 -> +50% a period: growing, x1.2.
  const ProductPotential& widget = row(r.products, "Widget");
  EXPECT_EQ(widget.family, "Hardware");
  EXPECT_EQ(widget.win_rate, (Rate{3, 4}));
  EXPECT_EQ(widget.win_interval, wilson_interval(3, 4));
  EXPECT_DOUBLE_EQ(widget.won_amount, 6000);
  EXPECT_DOUBLE_EQ(widget.average_won_amount, 2000);
  EXPECT_DOUBLE_EQ(widget.median_cycle_days, 40);
  EXPECT_EQ(widget.open_deals, 1u);
  EXPECT_DOUBLE_EQ(widget.open_amount, 5000);
  EXPECT_DOUBLE_EQ(widget.expected_win_rate, 173.0 / 264);
  EXPECT_DOUBLE_EQ(widget.expected_revenue, 5000 * 173.0 / 264);
  EXPECT_DOUBLE_EQ(widget.revenue_share, 6000.0 / 10600);
  EXPECT_EQ(widget.trend, (std::vector<double>{1000, 2000, 3000}));
  const double mean = (1000.0 / 30 + 2000.0 / 31 + 3000.0 / 30) / 3;
  EXPECT_NEAR(widget.trend_change, (3000.0 / 30 - 1000.0 / 30) / 2 / mean, 1e-12);
  EXPECT_EQ(widget.trend_sign, 1);
  EXPECT_DOUBLE_EQ(widget.score, 1.2 * 5000 * 173.0 / 264);
  EXPECT_EQ(widget.rank, 1u);
  EXPECT_EQ(widget.reason, "win rate 75% (vs 64%, only 4 closed), 1 open deal, growing");

  // Gadget: 1 of 4 (G1 in January: cycle 20); expected (1 + 140/11) / 24 = 151/264
  // x 2200; no win in the trend periods: flat, no slope.
  const ProductPotential& gadget = row(r.products, "Gadget");
  EXPECT_EQ(gadget.win_rate, (Rate{1, 4}));
  EXPECT_DOUBLE_EQ(gadget.median_cycle_days, 20);
  EXPECT_DOUBLE_EQ(gadget.open_amount, 2200);
  EXPECT_DOUBLE_EQ(gadget.expected_revenue, 2200 * 151.0 / 264);
  EXPECT_EQ(gadget.trend, (std::vector<double>{0, 0, 0}));
  EXPECT_TRUE(std::isnan(gadget.trend_change));
  EXPECT_EQ(gadget.trend_sign, 0);
  EXPECT_DOUBLE_EQ(gadget.score, gadget.expected_revenue);
  EXPECT_EQ(gadget.rank, 2u);
  EXPECT_EQ(gadget.reason, "win rate 25% (vs 64%, only 4 closed), 1 open deal, no recent wins");

  // Thing: no closed deal: the overall rate 7/11 x 1000; family "(none)".
  const ProductPotential& thing = row(r.products, "Thing");
  EXPECT_EQ(thing.family, "(none)");
  EXPECT_DOUBLE_EQ(thing.expected_win_rate, 7.0 / 11);
  EXPECT_DOUBLE_EQ(thing.expected_revenue, 7000.0 / 11);
  EXPECT_DOUBLE_EQ(thing.revenue_share, 0);
  EXPECT_TRUE(std::isnan(thing.median_cycle_days));
  EXPECT_EQ(thing.rank, 3u);
  EXPECT_EQ(thing.reason, "no closed deals yet, 1 open deal, no recent wins");

  // Gizmo: 3 of 3, cycles 35 35 50; nothing open: expected 0; trend per day
  // 3000/30, 1000/31, 100/30 -> shrinking.
  const ProductPotential& gizmo = row(r.products, "Gizmo");
  EXPECT_DOUBLE_EQ(gizmo.median_cycle_days, 35);
  EXPECT_DOUBLE_EQ(gizmo.average_won_amount, 4100.0 / 3);
  EXPECT_DOUBLE_EQ(gizmo.expected_win_rate, 173.0 / 253);  // (3 + 140/11) / 23
  EXPECT_DOUBLE_EQ(gizmo.expected_revenue, 0);
  EXPECT_EQ(gizmo.trend_sign, -1);
  EXPECT_EQ(gizmo.rank, 4u);
  EXPECT_EQ(gizmo.reason, "win rate 100% (vs 64%, only 3 closed), no open pipeline, shrinking");

  ASSERT_EQ(r.products.size(), 4u);
  EXPECT_EQ(r.products[0].name, "Widget");
  EXPECT_EQ(r.products[3].name, "Gizmo");
}

TEST(ProductPotential, FamiliesPoolTheirProducts) {
  const Book book = products_book();
  const ProductReport r = product_potential(Scope(book, at(d(6, 30))));
  ASSERT_EQ(r.families.size(), 3u);
  // Hardware = Widget + Gadget: 4 of 8; expected (4 + 140/11) / 28 = 46/77 x 7200;
  // trend as Widget's (Gadget won nothing then): growing.  Cycles 20 40 40 40.
  const ProductPotential& hardware = r.families[0];
  EXPECT_EQ(hardware.name, "Hardware");
  EXPECT_EQ(hardware.family, "Hardware");
  EXPECT_EQ(hardware.win_rate, (Rate{4, 8}));
  EXPECT_DOUBLE_EQ(hardware.median_cycle_days, 40);
  EXPECT_DOUBLE_EQ(hardware.open_amount, 7200);
  EXPECT_DOUBLE_EQ(hardware.expected_revenue, 7200 * 46.0 / 77);
  EXPECT_DOUBLE_EQ(hardware.revenue_share, 6500.0 / 10600);
  EXPECT_EQ(hardware.trend_sign, 1);
  EXPECT_EQ(r.families[1].name, "(none)");
  EXPECT_DOUBLE_EQ(r.families[1].expected_revenue, 7000.0 / 11);
  EXPECT_EQ(r.families[2].name, "Accessories");
  EXPECT_EQ(r.families[2].rank, 3u);
}

TEST(ProductPotential, OptionsChangeTheShrinkageAndTheTrendWeight) {
  const Book book = products_book();
  const ProductReport r =
      product_potential(Scope(book, at(d(6, 30))), {.prior_deals = 0, .flat_band = 0.05, .trend_weight = 0});
  // No shrinkage: Widget's own 3/4; no trend bonus.
  EXPECT_DOUBLE_EQ(row(r.products, "Widget").expected_revenue, 3750);
  EXPECT_DOUBLE_EQ(row(r.products, "Widget").score, 3750);
  EXPECT_DOUBLE_EQ(row(r.products, "Gadget").expected_revenue, 550);
  EXPECT_EQ(row(r.products, "Thing").rank, 2u);  // 7/11 x 1000 = 636 > 550

  // One trend period: no trend to speak of.
  const ProductReport one = product_potential(Scope(book, at(d(6, 30), 1)));
  EXPECT_EQ(row(one.products, "Widget").trend, (std::vector<double>{3000}));
  EXPECT_EQ(row(one.products, "Widget").trend_sign, 0);
  EXPECT_EQ(row(one.products, "Widget").reason, "win rate 75% (vs 64%, only 4 closed), 1 open deal");
}

// The products' tables: without NaN anywhere, nulls for what an empty or a
// one-deal scope cannot tell; a row per product with its rates in five
// columns, its trend in product_trends (periods with their days).
TEST(ProductPotential, EmptyScopeSingleDealAndTables) {
  const Book book = products_book();
  AnalysisOptions none = at(d(6, 30));
  none.filters = {{"product", "Nothing"}};
  const ProductReport empty = product_potential(Scope(book, none));
  EXPECT_TRUE(empty.products.empty());
  EXPECT_TRUE(empty.families.empty());
  EXPECT_EQ(empty.win_rate, (Rate{0, 0}));
  Report report;
  report.products = empty;
  std::string text = section_json(report, "products");
  EXPECT_EQ(text.find("NaN"), std::string::npos);
  auto je = nlohmann::json::parse(text);
  ASSERT_EQ(je["products_summary"].size(), 1u);
  EXPECT_TRUE(je["products_summary"][0]["win_rate"].is_null());
  EXPECT_EQ(je["products_summary"][0]["win_rate_trials"], 0);
  EXPECT_TRUE(je["products"].empty());
  EXPECT_TRUE(je["product_families"].empty());
  EXPECT_TRUE(je["product_trends"].empty());

  AnalysisOptions one = at(d(6, 30));
  one.filters = {{"product", "Thing"}};  // one open deal, no history of wins anywhere in scope
  const ProductReport single = product_potential(Scope(book, one));
  ASSERT_EQ(single.products.size(), 1u);
  EXPECT_TRUE(std::isnan(single.products[0].expected_revenue));
  EXPECT_TRUE(std::isnan(single.products[0].score));
  EXPECT_EQ(single.products[0].rank, 1u);
  report.products = single;
  text = section_json(report, "products");
  EXPECT_EQ(text.find("NaN"), std::string::npos);
  const auto js = nlohmann::json::parse(text);
  ASSERT_EQ(js["products"].size(), 1u);
  EXPECT_EQ(js["products"][0]["name"], "Thing");
  EXPECT_EQ(js["products"][0]["rank"], 1);
  EXPECT_TRUE(js["products"][0]["expected_revenue"].is_null());
  EXPECT_TRUE(js["products"][0]["revenue_share"].is_null());
  EXPECT_TRUE(js["products"][0]["score"].is_null());
  EXPECT_TRUE(js["products"][0]["win_rate"].is_null());

  report.products = product_potential(Scope(book, at(d(6, 30))));
  const ResultTable products = report_table(report, "products");
  EXPECT_EQ(column_names(products),
            (std::vector<std::string>{"rank", "name", "family", "win_rate", "win_rate_low", "win_rate_high",
                                      "win_rate_successes", "win_rate_trials", "won_amount", "average_won_amount",
                                      "median_cycle_days", "open_deals", "open_amount", "expected_win_rate",
                                      "expected_revenue", "revenue_share", "trend_change", "trend_direction",
                                      "score", "reason"}));
  ASSERT_EQ(products.rows, 4u);
  EXPECT_DOUBLE_EQ(products.find("expected_revenue")->numbers[0], 5000 * 173.0 / 264);
  const auto j = nlohmann::json::parse(result_table_json(products));
  EXPECT_EQ(j[0]["name"], "Widget");
  EXPECT_EQ(j[0]["family"], "Hardware");
  EXPECT_EQ(j[0]["rank"], 1);
  EXPECT_EQ(j[0]["win_rate_successes"], 3);
  EXPECT_EQ(j[0]["win_rate_trials"], 4);
  EXPECT_DOUBLE_EQ(j[0]["win_rate_low"].get<double>(), wilson_interval(3, 4).low);
  EXPECT_DOUBLE_EQ(j[0]["won_amount"].get<double>(), 6000);
  EXPECT_EQ(j[0]["open_deals"], 1);
  EXPECT_EQ(j[0]["trend_direction"], "growing");
  EXPECT_EQ(j[0]["reason"], "win rate 75% (vs 64%, only 4 closed), 1 open deal, growing");
  EXPECT_TRUE(j[1]["trend_change"].is_null());  // Gadget: no win in the trend periods
  EXPECT_EQ(j[1]["trend_direction"], "flat");

  const auto summary = table_rows(report, "products_summary");
  ASSERT_EQ(summary.size(), 1u);
  EXPECT_EQ(summary[0]["win_rate_successes"], 7);
  EXPECT_EQ(summary[0]["win_rate_trials"], 11);
  EXPECT_DOUBLE_EQ(summary[0]["won_amount"].get<double>(), 10600);
  EXPECT_DOUBLE_EQ(summary[0]["prior_deals"].get<double>(), 20);
  EXPECT_DOUBLE_EQ(summary[0]["trend_weight"].get<double>(), 0.2);

  const auto families = table_rows(report, "product_families");
  ASSERT_EQ(families.size(), 3u);
  EXPECT_EQ(families[0]["name"], "Hardware");
  EXPECT_EQ(families[0]["win_rate_trials"], 8);

  const auto trends = table_rows(report, "product_trends");
  EXPECT_EQ(trends.size(), (4u + 3u) * 3u);  // products and families, 3 periods each
  EXPECT_EQ(trends[0]["level"], "product");
  EXPECT_EQ(trends[0]["name"], "Widget");
  EXPECT_EQ(trends[0]["period"], "2024-04");
  EXPECT_EQ(trends[0]["period_first"], "2024-04-01");
  EXPECT_EQ(trends[0]["period_last"], "2024-04-30");
  EXPECT_DOUBLE_EQ(trends[0]["won_amount"].get<double>(), 1000.0);
  EXPECT_DOUBLE_EQ(find_row(trends, {{"level", "product"}, {"name", "Widget"}, {"period", "2024-06"}})["won_amount"]
                       .get<double>(),
                   3000.0);
  EXPECT_DOUBLE_EQ(find_row(trends, {{"level", "family"}, {"name", "Accessories"}, {"period", "2024-04"}})
                       ["won_amount"]
                           .get<double>(),
                   3000.0);
}

TEST(ProductPotential, SyntheticWinRatesFollowTheTrueProductEffects) {
  const SyntheticBook s = generate_synthetic_book({.deals = 50'000, .seed = 17});
  AnalysisOptions options;
  options.pipeline = "New Business";
  const ProductReport r = product_potential(Scope(s.book, options));
  ASSERT_EQ(r.products.size(), s.truth.products.size());
  std::map<std::string, double> effect;
  for (const auto& p : s.truth.products) effect[p.name] = p.effect;
  // Pairs whose true effects differ by at least 0.2 on the logit scale (about
  // 4 points of win rate here) come out in the same order.
  for (const auto& a : r.products)
    for (const auto& b : r.products)
      if (effect.at(a.name) > effect.at(b.name) + 0.2) {
        EXPECT_GT(a.win_rate.value(), b.win_rate.value()) << a.name << " vs " << b.name;
      }
  double share = 0;
  std::size_t high = 0, low = 0;
  for (const auto& p : r.products) {
    share += p.revenue_share;
    // "high" / "low" only when the interval lies wholly above / below the overall rate.
    const double overall = r.win_rate.value();
    const std::string expected = p.win_interval.low > overall    ? "high win rate "
                                 : p.win_interval.high < overall ? "low win rate "
                                                                 : "win rate ";
    EXPECT_EQ(p.reason.substr(0, expected.size()), expected) << p.reason;
    high += expected[0] == 'h';
    low += expected[0] == 'l';
  }
  EXPECT_GT(high, 0u);
  EXPECT_GT(low, 0u);
  EXPECT_NEAR(share, 1.0, 1e-9);
  for (std::size_t i = 1; i < r.products.size(); ++i) EXPECT_GE(r.products[i - 1].score, r.products[i].score);
}

// --- The Maven CRM export.

namespace fs = std::filesystem;

fs::path maven_dir() { return fs::path(PIPECAST_SHARED_DATA_DIR) / "maven-crm-sales-opportunities"; }

// Won / (Won + Lost) per product, straight from sales_pipeline.csv (no quoted
// fields in that file), with the two spellings of GTX Pro as one.
std::map<std::string, Rate> count_from_csv() {
  std::ifstream file(maven_dir() / "sales_pipeline.csv");
  std::string line;
  std::getline(file, line);
  EXPECT_EQ(line.substr(0, 48), "opportunity_id,sales_agent,product,account,deal_");
  std::map<std::string, Rate> rates;
  while (std::getline(file, line)) {
    if (!line.empty() && line.back() == '\r') line.pop_back();
    std::vector<std::string> cells;
    std::stringstream row(line);
    for (std::string cell; std::getline(row, cell, ',');) cells.push_back(cell);
    if (cells.size() < 5) continue;
    std::string product = cells[2] == "GTXPro" ? "GTX Pro" : cells[2];
    const std::string& stage = cells[4];
    if (stage != "Won" && stage != "Lost") continue;
    Rate& r = rates[product];
    ++r.trials;
    r.successes += stage == "Won";
  }
  return rates;
}

TEST(ProductPotential, MavenWinRatesMatchADirectCount) {
  if (!fs::exists(maven_dir() / "sales_pipeline.csv"))
    GTEST_SKIP() << "shared data not found at " << maven_dir() << "; skipping the Maven test";
  ImportOptions options;
  options.mapping = *ColumnMapping::preset("maven");
  const Book book = import_csv_directory(maven_dir(), options).book;
  const auto expected = count_from_csv();
  ASSERT_EQ(expected.size(), 7u);

  const Scope scope(book, AnalysisOptions{});
  const ProductReport r = product_potential(scope);
  ASSERT_EQ(r.products.size(), expected.size());
  for (const auto& p : r.products) {
    ASSERT_TRUE(expected.count(p.name)) << p.name;
    EXPECT_EQ(p.win_rate, expected.at(p.name)) << p.name;
    EXPECT_NE(p.family, "(none)") << p.name;
  }
  // The win/loss patterns count the same.
  const PatternReport patterns = win_loss_patterns(scope, {"product"});
  for (const auto& v : patterns.fields[0].values) EXPECT_EQ(v.win_rate, expected.at(v.value)) << v.value;
  // The tables: a row per product with the same counts, and no NaN.
  Report report;
  report.products = r;
  const std::string text = section_json(report, "products");
  EXPECT_EQ(text.find("NaN"), std::string::npos);
  const auto j = nlohmann::json::parse(text);
  ASSERT_EQ(j["products"].size(), expected.size());
  for (const auto& product : j["products"]) {
    const std::string name = product["name"].get<std::string>();
    ASSERT_TRUE(expected.count(name)) << name;
    EXPECT_EQ(product["win_rate_successes"], expected.at(name).successes) << name;
    EXPECT_EQ(product["win_rate_trials"], expected.at(name).trials) << name;
  }
}

}  // namespace
}  // namespace analytics_products_test
}  // namespace pipecast
