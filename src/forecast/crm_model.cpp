#include "pipecast/forecast/crm_model.hpp"

namespace pipecast {

void CrmWinModel::predict(const Book& book, const DealStates& deals, std::span<double> out) const {
  const auto& stages = book.stages();
  for (std::size_t i = 0; i < deals.size(); ++i) out[i] = stages[deals.stage[i]].probability;
}

ModelSpec crm_model_spec() {
  ModelSpec spec;
  spec.name = "crm";
  spec.description = "the CRM's weighted pipeline: configured stage probability, expected close date";
  spec.crm_timing = true;
  spec.without_new_deals = true;
  spec.needs_training = false;
  spec.fit_win = [](const FitContext&, const FitOptions&) {
    return std::make_shared<const CrmWinModel>();
  };
  return spec;
}

}  // namespace pipecast
