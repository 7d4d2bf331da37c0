// The owners and products of a synthetic book across its regimes.  Private to
// src/synth.
#pragma once

#include "synth/model.hpp"

#include <array>
#include <cstddef>
#include <cstdint>
#include <span>
#include <vector>

namespace pipecast::synth {

/// Every owner and product that appears in the book, each with one index in
/// both regimes: the first regime's (kOwners, kProducts), then the changed
/// regime's newcomers (kJoiners, kLaunch) when the truth has a change.  Which
/// of them are active in a regime, and their effects there, come from the
/// truth's parameters of that regime.
class Roster {
 public:
  static constexpr std::size_t kRegimes = 2;

  explicit Roster(const SynthTruth& truth);

  const std::vector<OwnerSpec>& owners() const { return owners_; }
  const std::vector<ProductSpec>& products() const { return products_; }
  /// The products sold in `regime`: the first ones of products().
  std::span<const ProductSpec> products(std::uint8_t regime) const {
    return std::span(products_).first(sold_[regime]);
  }
  /// The owners active in `regime` whose home segment is `segment`.
  const std::vector<std::uint8_t>& owners(std::uint8_t regime, std::size_t segment) const {
    return by_segment_[regime][segment];
  }
  /// Who owns, in `regime`, an account whose first-regime owner is `owner`.
  std::uint8_t account_owner(std::uint8_t regime, std::uint8_t owner) const {
    return successor_[regime][owner];
  }
  /// Whether `owner` is active in `regime`.
  bool active(std::uint8_t regime, std::size_t owner) const { return active_[regime][owner]; }
  /// The owner's effect in `regime` (0 where the owner is not active).
  double owner_effect(std::uint8_t regime, std::size_t owner) const { return effect_[regime][owner]; }

 private:
  void add_regime(std::uint8_t regime, const SynthRegime& parameters);

  std::vector<OwnerSpec> owners_;
  std::vector<ProductSpec> products_;
  std::array<std::size_t, kRegimes> sold_{};
  std::array<std::vector<bool>, kRegimes> active_;
  std::array<std::vector<double>, kRegimes> effect_;
  std::array<std::vector<std::vector<std::uint8_t>>, kRegimes> by_segment_;
  std::array<std::vector<std::uint8_t>, kRegimes> successor_;
};

}  // namespace pipecast::synth
