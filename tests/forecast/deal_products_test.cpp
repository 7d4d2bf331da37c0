// Each open deal's products to add are its account's cross-sell candidates
// as of the scoring date, without the product the deal is about.
#include "pipecast/forecast/deal_products.hpp"
#include "pipecast/synth/synthetic_book.hpp"

#include <gtest/gtest.h>

#include <algorithm>

namespace pipecast {
// Named for the file: a unity build compiles the files of a program as one.
namespace deal_products_test {
namespace {

TEST(DealProducts, AreTheAccountsCandidatesWithoutTheDealsOwnProduct) {
  const Book book = generate_synthetic_book({.deals = 4000, .seed = 21}).book;
  const Day as_of = to_day(2024, 6, 30);
  const DealStates open = open_deal_states(AsOfView(book, as_of));
  constexpr std::size_t top = 2;
  const DealProducts products(book, open, top);
  AnalysisOptions all;
  all.as_of = as_of;
  const Scope scope(book, all);
  std::size_t with = 0, without = 0, own_removed = 0;
  for (std::size_t i = 0; i < open.size(); ++i) {
    const auto deal = book.opportunity(open.deal[i]);
    const bool bought = std::any_of(products.report().accounts.begin(), products.report().accounts.end(),
                                    [&](const AccountCrossSell& a) { return a.account == deal.account(); });
    if (!bought) {
      EXPECT_TRUE(products.of(i).empty()) << deal.id();
      ++without;
      continue;
    }
    // The account's own report, asked for directly.
    CrossSellOptions options;
    options.account = std::string(deal.account());
    options.top_k = top + 1;
    const CrossSellReport direct = cross_sell(scope, options);
    ASSERT_EQ(direct.accounts.size(), 1u);
    std::vector<std::string> expected;
    for (const CrossSellCandidate& c : direct.candidates(direct.accounts[0])) {
      if (direct.product_name(c.product) == deal.product()) { ++own_removed; continue; }
      if (expected.size() < top) expected.push_back(direct.product_name(c.product));
    }
    std::vector<std::string> got;
    for (const CrossSellCandidate& c : products.of(i)) got.push_back(products.product_name(c.product));
    EXPECT_EQ(got, expected) << deal.id();
    with += !got.empty();
  }
  // The book has both kinds of deal, and the own-product rule was exercised.
  EXPECT_GT(with, 20u);
  EXPECT_GT(without, 20u);
  EXPECT_GT(own_removed, 0u);
}

}  // namespace
}  // namespace deal_products_test
}  // namespace pipecast
