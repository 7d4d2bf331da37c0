#include "pipecast/core/as_of.hpp"
#include "pipecast/synth/synthetic_book.hpp"

#include <gtest/gtest.h>

#include <vector>

namespace pipecast {
namespace {

// What a view restricted to some deals holds of each must be what the whole
// view holds of it: the training snapshots rely on that to skip the deals
// that are closed for good.
void expect_same_deal(const AsOfView& whole, std::size_t k, const AsOfView& part, std::size_t j) {
  EXPECT_EQ(part.deal(j), whole.deal(k));
  EXPECT_EQ(part.stage(j), whole.stage(k));
  EXPECT_EQ(part.stage_entered(j), whole.stage_entered(k));
  EXPECT_EQ(part.history_end(j), whole.history_end(k));
  EXPECT_EQ(part.close_date(j), whole.close_date(k));
  if (is_blank(whole.amount(k)))
    EXPECT_TRUE(is_blank(part.amount(j)));
  else
    EXPECT_EQ(part.amount(j), whole.amount(k));
}

TEST(AsOfView, RestrictedToSomeDealsHoldsWhatTheWholeViewHoldsOfThem) {
  const SyntheticBook synth = generate_synthetic_book({3000, 11});
  const Book& book = synth.book;
  for (const Day day : {to_day(2023, 2, 1), to_day(2023, 7, 15), to_day(2024, 6, 30), to_day(2024, 12, 31)}) {
    const AsOfView whole(book, day);
    std::vector<DealIndex> every_third;
    for (DealIndex i = 0; i < book.size(); i += 3) every_third.push_back(i);
    const AsOfView part(book, day, every_third);
    std::size_t j = 0;
    for (std::size_t k = 0; k < whole.size(); ++k) {
      if (whole.deal(k) % 3 != 0) continue;
      ASSERT_LT(j, part.size());
      expect_same_deal(whole, k, part, j++);
    }
    EXPECT_EQ(j, part.size()) << "the part holds a deal not yet created";
    EXPECT_GT(part.size(), 0u);
  }
}

}  // namespace
}  // namespace pipecast
