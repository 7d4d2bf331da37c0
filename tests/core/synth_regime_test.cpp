// The synthetic book's regime change: from a day on, new deals follow other
// parameters, some owners leave and others join, a product launches, and the
// truth still knows each deal's exact win probability.
#include "pipecast/synth/synthetic_book.hpp"

#include "synth/regime_change.hpp"

#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <iterator>
#include <map>
#include <set>
#include <stdexcept>
#include <string>
#include <vector>

namespace pipecast {
// Named for the file: a unity build compiles the files of a program as one.
namespace synth_regime_test {
namespace {

const Day kStart = to_day(2022, 1, 1), kChange = to_day(2023, 7, 1), kEnd = to_day(2026, 6, 30);

SynthOptions changing(std::size_t deals, std::uint64_t seed) {
  SynthOptions options{deals, seed, kStart, kEnd};
  options.regime_change = kChange;
  return options;
}

// A large book with a change, long enough after it that most deals created in
// the year after the change are decided (generated once).
const SyntheticBook& changed_book() {
  static const SyntheticBook book = generate_synthetic_book(changing(60000, 2025));
  return book;
}

// The outcome with censoring handled exactly: a deal still open at the end
// counts for its true win probability there (the same expectation).
double outcome(const SyntheticBook& s, DealIndex deal) {
  const Book& book = s.book;
  const auto last = book.history_end(deal) - 1;
  const int days = kEnd - book.history_entered_column()[last];
  return s.truth.win_probability(book, deal, book.history_stage_column()[last], days, kEnd);
}

struct Mean {
  double sum = 0.0, variance = 0.0;  // variance: of the sum, for binomial outcomes
  std::size_t count = 0;
  void add(double y, double p) {
    sum += y;
    variance += p * (1.0 - p);
    ++count;
  }
  double value() const { return sum / static_cast<double>(count); }
  double standard_error() const { return std::sqrt(variance) / static_cast<double>(count); }
};

double effect_of(const std::vector<SynthEffect>& effects, std::string_view name) {
  for (const SynthEffect& e : effects)
    if (e.name == name) return e.effect;
  return 0.0;  // not in this regime: a middling value
}

// The quality the deal would have under the first regime's effects (the same
// deal-specific noise), for a value the first regime lacks its effect 0.
double first_regime_quality(const SyntheticBook& s, DealIndex deal) {
  const SynthTruth& t = s.truth;
  const SynthRegime& own = t.parameters_of(deal);
  const auto o = s.book.opportunity(deal);
  const std::size_t segment = t.segment[deal];
  double q = t.quality[deal];
  q += t.segments[segment].effect - own.segments[segment].effect;
  q += effect_of(t.products, o.product()) - effect_of(own.products, o.product());
  q += effect_of(t.sources, o.source()) - effect_of(own.sources, o.source());
  q += effect_of(t.owners, o.owner()) - effect_of(own.owners, o.owner());
  return q;
}

std::set<std::string> names(const std::vector<SynthEffect>& effects) {
  std::set<std::string> out;
  for (const SynthEffect& e : effects) out.insert(e.name);
  return out;
}

std::set<std::string> minus(const std::set<std::string>& a, const std::set<std::string>& b) {
  std::set<std::string> out;
  std::set_difference(a.begin(), a.end(), b.begin(), b.end(), std::inserter(out, out.end()));
  return out;
}

TEST(SynthRegimeChange, WithoutOneEveryDealFollowsTheFirstRegime) {
  const auto s = generate_synthetic_book({3000, 4});
  const SynthTruth& t = s.truth;
  EXPECT_EQ(t.regime_change, kNoDay);
  EXPECT_TRUE(t.changed.pipelines.empty());
  ASSERT_EQ(t.regime.size(), 3000u);
  EXPECT_TRUE(std::all_of(t.regime.begin(), t.regime.end(), [](std::uint8_t r) { return r == kSynthFirstRegime; }));
  EXPECT_EQ(&t.parameters_of(10), static_cast<const SynthRegime*>(&t));
  EXPECT_THROW((void)t.parameters(kSynthChangedRegime), std::invalid_argument);
  EXPECT_EQ(s.book.products().size(), 8u);
  EXPECT_EQ(t.owners.size(), 12u);
}

TEST(SynthRegimeChange, TheChangedRegimeHasItsOwnParameters) {
  const SynthTruth& t = changed_book().truth;
  EXPECT_EQ(t.regime_change, kChange);
  const SynthRegime& first = t.parameters(kSynthFirstRegime);
  const SynthRegime& changed = t.parameters(kSynthChangedRegime);
  EXPECT_EQ(&changed, &t.changed);
  EXPECT_THROW((void)t.parameters(2), std::invalid_argument);
  // Three leave, three join, one product launches; segments and sources stay, some change.
  const auto leavers = minus(names(first.owners), names(changed.owners));
  const auto joiners = minus(names(changed.owners), names(first.owners));
  EXPECT_EQ(leavers, (std::set<std::string>{"Ava Patel", "Felix Schmidt", "Jack Wilson"}));
  EXPECT_EQ(joiners, (std::set<std::string>{"Maya Singh", "Noah Fischer", "Olivia Chen"}));
  EXPECT_EQ(minus(names(changed.products), names(first.products)), std::set<std::string>{"Insights AI"});
  EXPECT_TRUE(minus(names(first.products), names(changed.products)).empty());
  EXPECT_EQ(names(first.sources), names(changed.sources));
  EXPECT_LT(effect_of(changed.sources, "Inbound"), effect_of(first.sources, "Inbound") - 0.5);
  EXPECT_GT(effect_of(changed.sources, "Outbound"), effect_of(first.sources, "Outbound") + 0.5);
  ASSERT_EQ(changed.segments.size(), first.segments.size());
  EXPECT_LT(changed.segments[0].effect, first.segments[0].effect - 0.5);  // SMB
  EXPECT_GT(changed.segments[2].pace, first.segments[2].pace * 1.4);     // Enterprise
  // Discover (the second New Business stage) loses fewer deals, Propose (the
  // third) more; the reference deal sees it.
  ASSERT_EQ(changed.reference.size(), first.reference.size());
  const StageId discover = first.pipelines[0].open[1].stage, propose = first.pipelines[0].open[2].stage;
  EXPECT_LT(changed.transition(discover, 0.0).lose, first.transition(discover, 0.0).lose - 0.15);
  EXPECT_GT(changed.transition(propose, 0.0).lose, first.transition(propose, 0.0).lose + 0.15);
  EXPECT_NEAR(changed.reference[2].next.lose, changed.transition(propose, 0.0).lose, 1e-15);
  EXPECT_LT(changed.reference[2].win_probability, first.reference[2].win_probability - 0.05);
}

TEST(SynthRegimeChange, ADealFollowsTheRegimeOfItsCreationDay) {
  const SyntheticBook& s = changed_book();
  const Book& book = s.book;
  const SynthTruth& t = s.truth;
  ASSERT_EQ(t.regime.size(), book.size());
  std::size_t before = 0, after = 0;
  for (DealIndex i = 0; i < book.size(); ++i) {
    const bool late = book.created_column()[i] >= kChange;
    ASSERT_EQ(t.regime[i], late ? kSynthChangedRegime : kSynthFirstRegime) << book.ids()[i];
    (late ? after : before) += 1;
    const SynthRegime& own = t.parameters_of(i);
    if (i % 50 == 0) {
      EXPECT_NEAR(own.absorbing_win(book.pipeline_column()[i], t.quality[i])[0], t.win_at_creation[i], 1e-15);
      EXPECT_NEAR(t.win_probability(book, i, book.opportunity(i).pipeline().stages.front(), 0),
                  t.win_at_creation[i], 1e-12);
    }
  }
  EXPECT_GT(before, 15000u);
  EXPECT_GT(after, 30000u);
}

TEST(SynthRegimeChange, LeaversStopJoinersStartAndTheLaunchSellsFromTheChangeOn) {
  const SyntheticBook& s = changed_book();
  const Book& book = s.book;
  std::map<std::string, std::size_t> owner_before, owner_after, product_before, product_after;
  for (DealIndex i = 0; i < book.size(); ++i) {
    const auto o = book.opportunity(i);
    const bool late = o.created() >= kChange;
    ++(late ? owner_after : owner_before)[std::string(o.owner())];
    ++(late ? product_after : product_before)[std::string(o.product())];
  }
  for (const auto& joiner : synth::kJoiners) {
    const std::string leaver(joiner.replaces), newcomer(joiner.owner.name);
    EXPECT_GT(owner_before[leaver], 300u) << leaver;
    EXPECT_EQ(owner_after[leaver], 0u) << leaver;
    EXPECT_EQ(owner_before[newcomer], 0u) << newcomer;
    EXPECT_GT(owner_after[newcomer], 600u) << newcomer;
  }
  EXPECT_EQ(product_before["Insights AI"], 0u);
  EXPECT_GT(product_after["Insights AI"], 3000u);
  const auto launch = book.dictionary(Dimension::product).find("Insights AI");
  ASSERT_TRUE(launch.has_value());
  std::size_t quoted = 0;
  for (const auto& item : book.line_items())
    if (item.product == *launch) {
      ++quoted;
      EXPECT_GE(book.created_column()[item.deal], kChange);
    }
  EXPECT_GT(quoted, 1000u);
  EXPECT_EQ(book.products().size(), 9u);
  EXPECT_EQ(book.dictionary(Dimension::owner).size(), 15u);
}

TEST(SynthRegimeChange, JoinersTakeOverTheLeaversAccounts) {
  const SyntheticBook& s = changed_book();
  const Book& book = s.book;
  std::map<std::string, std::string> leaver_of;  // account -> its leaving owner before the change
  for (DealIndex i = 0; i < book.size(); ++i) {
    const auto o = book.opportunity(i);
    if (o.created() >= kChange) continue;
    for (const auto& joiner : synth::kJoiners)
      if (o.owner() == joiner.replaces) leaver_of[std::string(o.account())] = std::string(joiner.owner.name);
  }
  std::size_t deals = 0, taken_over = 0;
  for (DealIndex i = 0; i < book.size(); ++i) {
    const auto o = book.opportunity(i);
    const auto at = leaver_of.find(std::string(o.account()));
    if (o.created() < kChange || at == leaver_of.end()) continue;
    ++deals;
    taken_over += o.owner() == at->second;
  }
  // Most of an account's deals go to its owner (85%); an account a leaver
  // only helped on has another owner.
  ASSERT_GT(deals, 2000u);
  EXPECT_GT(static_cast<double>(taken_over) / static_cast<double>(deals), 0.6);
}

TEST(SynthRegimeChange, QuotasFollowWhoWorksWhen) {
  const Book& book = changed_book().book;
  const Day change_quarter = to_day(2023, 7, 1);
  for (const auto& joiner : synth::kJoiners) {
    std::size_t leaver_after = 0, leaver_before = 0, joiner_before = 0, joiner_after = 0;
    for (const Quota& q : book.quotas()) {
      const bool late = q.period.first >= change_quarter;
      if (q.owner == joiner.replaces) ++(late ? leaver_after : leaver_before);
      if (q.owner == joiner.owner.name) ++(late ? joiner_after : joiner_before);
    }
    EXPECT_EQ(leaver_before, 6u) << joiner.replaces;  // 2022-Q1 .. 2023-Q2
    EXPECT_EQ(leaver_after, 0u) << joiner.replaces;
    EXPECT_EQ(joiner_before, 0u) << joiner.owner.name;
    EXPECT_EQ(joiner_after, 12u) << joiner.owner.name;  // 2023-Q3 .. 2026-Q2
  }
}

// The truth is right for the changed regime, and the change is real: the
// first regime's parameters would say something else for the same deals.
TEST(SynthRegimeChange, WinRatesAfterTheChangeMatchTheChangedTruth) {
  const SyntheticBook& s = changed_book();
  const Book& book = s.book;
  const SynthTruth& t = s.truth;
  Mean observed, first_regime;
  std::map<std::string, Mean> by_source, truth_by_source;
  double truth_sum = 0.0;
  std::size_t closed = 0;
  for (DealIndex i = 0; i < book.size(); ++i) {
    const Day created = book.created_column()[i];
    if (created < kChange || created >= to_day(2024, 7, 1)) continue;
    const double p = t.win_at_creation[i], y = outcome(s, i);
    observed.add(y, p);
    truth_sum += p;
    closed += book.opportunity(i).stage().is_closed();
    first_regime.add(t.absorbing_win(book.pipeline_column()[i], first_regime_quality(s, i))[0], 0.0);
    by_source[std::string(book.opportunity(i).source())].add(y, p);
    truth_by_source[std::string(book.opportunity(i).source())].add(p, 0.0);
  }
  ASSERT_GT(observed.count, 10000u);
  EXPECT_GT(closed, observed.count * 97 / 100);
  const double truth = truth_sum / static_cast<double>(observed.count);
  EXPECT_NEAR(observed.value(), truth, 4 * observed.standard_error());
  EXPECT_GT(first_regime.value(), truth + 15 * observed.standard_error())
      << "the first regime says " << first_regime.value() << ", the changed one " << truth;
  EXPECT_GT(first_regime.value(), truth + 0.05);
  for (const auto& [source, m] : by_source) {
    if (m.count < 500) continue;
    EXPECT_NEAR(m.value(), truth_by_source[source].value(), 4 * m.standard_error()) << source;
  }
  // Inbound now wins less often than Outbound, the reverse of before.
  EXPECT_LT(by_source.at("Inbound").value(), by_source.at("Outbound").value() - 0.05);
}

TEST(SynthRegimeChange, WinRatesBeforeTheChangeStillMatchTheFirstTruth) {
  const SyntheticBook& s = changed_book();
  const Book& book = s.book;
  Mean observed;
  double truth_sum = 0.0;
  for (DealIndex i = 0; i < book.size(); ++i) {
    if (book.created_column()[i] >= kChange) continue;
    observed.add(outcome(s, i), s.truth.win_at_creation[i]);
    truth_sum += s.truth.win_at_creation[i];
  }
  ASSERT_GT(observed.count, 15000u);
  EXPECT_NEAR(observed.value(), truth_sum / static_cast<double>(observed.count), 4 * observed.standard_error());
}

TEST(SynthRegimeChange, EnterpriseDealsMoveSlowerAfterTheChange) {
  const SyntheticBook& s = changed_book();
  const Book& book = s.book;
  Mean before, after;  // days in the first stage, of the deals that left it
  for (DealIndex i = 0; i < book.size(); ++i) {
    const Day created = book.created_column()[i];
    if (book.opportunity(i).segment() != "Enterprise" || book.history_end(i) - book.history_begin(i) < 2) continue;
    if (created < kChange - 365 || created >= kChange + 365) continue;
    const double days = book.history_entered_column()[book.history_begin(i) + 1] - created;
    (created < kChange ? before : after).add(days, 0.0);
  }
  ASSERT_GT(before.count, 1000u);
  ASSERT_GT(after.count, 1000u);
  EXPECT_GT(after.value(), 1.3 * before.value()) << before.value() << " days before, " << after.value() << " after";
}

TEST(SynthRegimeChange, IsTheSameBookForTheSameOptions) {
  const auto a = generate_synthetic_book(changing(3000, 9)), b = generate_synthetic_book(changing(3000, 9));
  EXPECT_TRUE(a.book == b.book);
  EXPECT_EQ(a.truth.win_at_creation, b.truth.win_at_creation);
  EXPECT_EQ(a.truth.regime, b.truth.regime);
  EXPECT_NO_THROW(a.book.check_consistency());
  // Deals created before the change are the same as without it.
  const auto plain = generate_synthetic_book({3000, 9, kStart, kEnd});
  for (DealIndex i = 0; i < a.book.size() && a.book.created_column()[i] < kChange; ++i) {
    ASSERT_EQ(a.truth.quality[i], plain.truth.quality[i]) << i;
    ASSERT_EQ(a.book.opportunity(i).owner(), plain.book.opportunity(i).owner()) << i;
    ASSERT_EQ(a.book.amount_column()[i], plain.book.amount_column()[i]) << i;
  }
}

TEST(SynthRegimeChange, MustLieStrictlyBetweenStartAndEnd) {
  for (const Day change : {kStart, kEnd, kStart - 1, kEnd + 40, to_day(1800, 1, 1)}) {
    SynthOptions options = changing(100, 1);
    options.regime_change = change;
    try {
      (void)generate_synthetic_book(options);
      ADD_FAILURE() << "accepted " << change;
    } catch (const std::invalid_argument& e) {
      const std::string message = e.what();
      EXPECT_NE(message.find("regime change"), std::string::npos) << message;
      EXPECT_NE(message.find("2022-01-01"), std::string::npos) << message;
      EXPECT_NE(message.find("2026-06-30"), std::string::npos) << message;
    }
  }
  SynthOptions fine = changing(100, 1);
  fine.regime_change = kStart + 1;
  EXPECT_NO_THROW((void)generate_synthetic_book(fine));
}

}  // namespace
}  // namespace synth_regime_test
}  // namespace pipecast
