/// @file
/// `crm`: the weighted pipeline every CRM shows.  A deal is won with its
/// stage's configured probability, on its expected close date.  The baseline
/// in every comparison.
#pragma once

#include "pipecast/forecast/model.hpp"

namespace pipecast {

/// Each deal's stage's configured probability.
class CrmWinModel final : public WinModel {
 public:
  /// Writes Stage::probability of each deal's stage into `out`.
  void predict(const Book& book, const DealStates& deals, std::span<double> out) const override;
};

/// The spec of `crm`: CrmWinModel, CRM timing, no deals not yet created.
ModelSpec crm_model_spec();

}  // namespace pipecast
