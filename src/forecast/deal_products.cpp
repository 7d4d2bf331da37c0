#include "pipecast/forecast/deal_products.hpp"

#include <unordered_map>

namespace pipecast {

namespace {

CrossSellReport candidates_as_of(const Book& book, Day as_of, std::size_t top) {
  AnalysisOptions scope;
  scope.as_of = as_of;
  CrossSellOptions options;
  // One more than asked: the deal's own product may be among them.
  options.top_k = top + 1;
  return cross_sell(Scope(book, scope), options);
}

}  // namespace

DealProducts::DealProducts(const Book& book, const DealStates& deals, std::size_t top)
    : report_(candidates_as_of(book, deals.as_of, top)) {
  std::unordered_map<std::string_view, const AccountCrossSell*> by_account;
  for (const AccountCrossSell& a : report_.accounts) by_account.emplace(a.account, &a);
  std::unordered_map<std::string_view, std::uint32_t> product_index;
  for (std::uint32_t p = 0; p < report_.products.size(); ++p) product_index.emplace(report_.products[p].product, p);

  begin_.reserve(deals.size() + 1);
  begin_.push_back(0);
  for (std::size_t i = 0; i < deals.size(); ++i) {
    const auto deal = book.opportunity(deals.deal[i]);
    const auto account = by_account.find(deal.account());
    if (account != by_account.end()) {
      const auto own = product_index.find(deal.product());
      const std::uint32_t own_product = own == product_index.end() ? kCrossSellNone : own->second;
      std::size_t kept = 0;
      for (const CrossSellCandidate& c : report_.candidates(*account->second))
        if (c.product != own_product && kept < top) {
          list_.push_back(c);
          ++kept;
        }
    }
    begin_.push_back(list_.size());
  }
}

std::span<const CrossSellCandidate> DealProducts::of(std::size_t row) const {
  return std::span<const CrossSellCandidate>(list_).subspan(begin_[row], begin_[row + 1] - begin_[row]);
}

}  // namespace pipecast
