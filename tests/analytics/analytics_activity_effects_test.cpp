// What worked: on a synthetic book whose activities have a known effect, the
// analysis finds the planted effects (meetings and calls before a move
// forward, silence before a loss) and not the type without one (emails); on
// the same deals with activities drawn without any effect, it flags nothing
// beyond the controlled rate (a type, a sequence or the final silence).  Plus the Benjamini-Hochberg adjustment by hand.
#include "book_truncation.hpp"

#include "pipecast/analytics/activity_effects.hpp"
#include "pipecast/analytics/activity_effects_tables.hpp"
#include "pipecast/synth/synthetic_book.hpp"

#include <gtest/gtest.h>

#include <cmath>
#include <string>
#include <vector>

namespace pipecast {
// Named for the file: a unity build compiles the files of a program as one.
namespace analytics_activity_effects_test {
namespace {

SynthOptions synth_options(bool activities) {
  SynthOptions o;
  o.deals = 3000;
  o.seed = 19;
  o.activities = activities;
  return o;
}

const Book& planted_book() {
  static const Book b = generate_synthetic_book(synth_options(true)).book;
  return b;
}

// The planted book's deals with activities of no effect at all: each deal
// logs, on each day it is open, one activity with a probability of its own
// (0.1 to 0.5: deals differ in how much is logged, as in a real CRM), of a
// type drawn as emails 50%, calls 30%, meetings 20%, whatever its path.
Book no_effect_book() {
  const Book deals = generate_synthetic_book(synth_options(false)).book;
  BookBuilder b;
  test::copy_book(b, deals, kLastDay);
  std::uint64_t state = 12345;
  const auto uniform = [&] {
    state = state * 6364136223846793005ULL + 1442695040888963407ULL;
    return static_cast<double>(state >> 11) * 0x1.0p-53;
  };
  const Day latest = deals.latest_day();
  for (DealIndex i = 0; i < deals.size(); ++i) {
    const Opportunity o = deals.opportunity(i);
    Day last = latest;
    if (o.history_size() > 0 && deals.stages()[o.history_stages().back()].is_closed())
      last = o.history(o.history_size() - 1).entered - 1;
    const double per_day = 0.1 + 0.4 * uniform();
    for (Day d = o.created(); d <= last; ++d) {
      if (uniform() >= per_day) continue;
      const double u = uniform();
      const auto rejected =
          b.add_activity({o.id(), "", u < 0.5 ? "email" : u < 0.8 ? "call" : "meeting", d, o.owner(), kNoAmount, "", ""});
      EXPECT_FALSE(rejected) << rejected->message;
    }
  }
  return std::move(b).finish();
}

std::vector<const ActivityComparison*> find_all(const ActivityEffects& e, std::string_view pattern) {
  std::vector<const ActivityComparison*> out;
  for (const ActivityComparison& c : e.comparisons)
    if (c.pattern == pattern) out.push_back(&c);
  return out;
}

std::string describe(const ActivityComparison& c) {
  return c.pipeline + "/" + c.stage + " " + c.pattern + ": effect " + std::to_string(c.effect) + " [" +
         std::to_string(c.effect_interval.low) + ", " + std::to_string(c.effect_interval.high) + "] q " +
         std::to_string(c.q_value) + " n " + std::to_string(c.advanced) + "/" + std::to_string(c.lost);
}

TEST(ActivityEffects, BenjaminiHochbergByHand) {
  const std::vector<double> p{0.01, 0.04, 0.03, 0.005, std::nan("")};
  const std::vector<double> q = benjamini_hochberg(p);
  // m = 4: ranks 0.005 (1), 0.01 (2), 0.03 (3), 0.04 (4).
  EXPECT_DOUBLE_EQ(q[3], 0.02);
  EXPECT_DOUBLE_EQ(q[0], 0.02);
  EXPECT_DOUBLE_EQ(q[2], 0.04);
  EXPECT_DOUBLE_EQ(q[1], 0.04);
  EXPECT_TRUE(std::isnan(q[4]));
}

TEST(ActivityEffects, FindsThePlantedEffectsAndNotEmails) {
  const Scope scope(planted_book(), {});
  const ActivityEffects e = activity_effects(scope);
  ASSERT_GT(e.comparisons.size(), 20u);
  for (const std::string_view type : {"meeting", "call"}) {
    const auto found = find_all(e, type);
    ASSERT_FALSE(found.empty()) << type;
    std::size_t flagged = 0;
    for (const ActivityComparison* c : found) {
      SCOPED_TRACE(describe(*c));
      if (c->flagged) {
        ++flagged;
        EXPECT_EQ(c->associated_with, "advancing");
        EXPECT_GT(c->effect_interval.low, 1.0);
      }
    }
    // The stages with the most stays show it (the smallest have too few).
    EXPECT_GE(flagged * 2, found.size()) << type;
  }
  for (const ActivityComparison* c : find_all(e, "email")) EXPECT_FALSE(c->flagged) << describe(*c);
  const auto silences = find_all(e, "final silence");
  ASSERT_FALSE(silences.empty());
  for (const ActivityComparison* c : silences) {
    EXPECT_TRUE(c->flagged) << describe(*c);
    EXPECT_EQ(c->associated_with, "losing") << describe(*c);
    EXPECT_LT(c->q_value, 0.05);
  }
  // Each stage with a playbook names a pattern with a meeting or a call.
  for (const ActivityStage& s : e.stages) {
    if (s.playbook.empty()) continue;
    EXPECT_TRUE(s.playbook.find("meeting") != std::string::npos || s.playbook.find("call") != std::string::npos)
        << s.stage << ": " << s.playbook;
    EXPECT_LE(s.open_off_playbook, s.open);
  }
  // The tables carry every comparison.
  EXPECT_EQ(activity_effects_table(e, "activity_comparisons").rows, e.comparisons.size());
  EXPECT_EQ(activity_effects_table(e, "activity_stages").rows, e.stages.size());
}

// As of T it sees nothing after T: the same on the book cut at T.
TEST(ActivityEffects, SeesNothingAfterItsDate) {
  AnalysisOptions o;
  o.as_of = to_day(2024, 6, 30);
  const Book cut = test::truncated(planted_book(), o.as_of);
  const ActivityEffects full = activity_effects(Scope(planted_book(), o));
  EXPECT_GT(full.comparisons.size(), 10u);
  EXPECT_EQ(to_json(full), to_json(activity_effects(Scope(cut, o))));
}

TEST(ActivityEffects, NoEffectFlagsNoMoreThanTheControlledRate) {
  const Book book = no_effect_book();
  const ActivityEffects e = activity_effects(Scope(book, {}));
  std::size_t made = 0, flagged = 0;
  std::string which;
  for (const ActivityComparison& c : e.comparisons) {
    ++made;
    if (c.flagged) {
      ++flagged;
      which += describe(c) + "\n";
    }
  }
  ASSERT_GT(made, 50u);
  // Under a true null BH at 5% flags nothing with a probability of 95% or
  // more, and at most a few when it does; this book flags none.
  EXPECT_LE(static_cast<double>(flagged), 0.05 * static_cast<double>(made)) << which;
}

}  // namespace
}  // namespace analytics_activity_effects_test
}  // namespace pipecast
