/// @file
/// Which products an open deal's account may add: the cross-sell candidates
/// (analytics/cross_sell.hpp) of the deal's account as of the scoring date,
/// without the product the deal is already about.  An account that has
/// bought nothing yet has no basket to reason from, and gets none.
#pragma once

#include "pipecast/analytics/cross_sell.hpp"
#include "pipecast/forecast/deal_state.hpp"

#include <span>
#include <vector>

namespace pipecast {

/// The cross-sell candidates of each of a set of deals (see the file's
/// documentation), computed from one cross_sell() over the whole book as of
/// the deals' date.
class DealProducts {
 public:
  /// The candidates of each deal in `deals` (as of deals.as_of), at most
  /// `top` each.
  DealProducts(const Book& book, const DealStates& deals, std::size_t top);

  /// Deal row i's candidates, best first.
  std::span<const CrossSellCandidate> of(std::size_t row) const;
  /// The name of a candidate's product (or of its `because`).
  const std::string& product_name(std::uint32_t product) const { return report_.product_name(product); }
  /// The cross-sell report the candidates come from.
  const CrossSellReport& report() const { return report_; }

 private:
  CrossSellReport report_;
  std::vector<CrossSellCandidate> list_;  // by deal row, in ranges
  std::vector<std::size_t> begin_;        // row i: list_[begin_[i], begin_[i + 1])
};

}  // namespace pipecast
