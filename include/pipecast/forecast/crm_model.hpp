/// @file
/// `crm`: the weighted pipeline every CRM shows.  A deal is won with its
/// stage's configured probability, on its expected close date.  The baseline
/// in every comparison.
#pragma once

#include "pipecast/forecast/model.hpp"

namespace pipecast {

class CrmWinModel final : public WinModel {
 public:
  void predict(const Book& book, const DealStates& deals, std::span<double> out) const override;
};

ModelSpec crm_model_spec();

}  // namespace pipecast
