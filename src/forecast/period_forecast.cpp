#include "pipecast/forecast/period_forecast.hpp"

#include "pipecast/forecast/exact_sum.hpp"

#include "forecast/forecast_simulation.hpp"

namespace pipecast {

std::string_view to_string(ForecastComponent component) {
  switch (component) {
    case ForecastComponent::closed: return "closed";
    case ForecastComponent::pipeline: return "pipeline";
    case ForecastComponent::new_deals: return "new";
    case ForecastComponent::total: return "total";
  }
  return "?";
}

double booked_between(const AsOfView& view, std::size_t k, Day first, Day last) {
  if (view.stage_info(k).kind != StageKind::won) return 0.0;
  const Day closed = view.stage_entered(k);
  if (closed < first || closed > last) return 0.0;
  const double amount = view.amount_in_base(k);
  return is_blank(amount) ? 0.0 : amount;
}

double won_amount(const Book& book, Day as_of, Day first, Day last) {
  // Exact, as the forecast's closed component sums it (forecast_simulation.cpp).
  const AsOfView view(book, as_of);
  ExactSum total;
  for (std::size_t k = 0; k < view.size(); ++k) total.add(booked_between(view, k, first, last));
  return total.value();
}

Forecast forecast_periods(const FittedModel& model, const Book& book, const ForecastOptions& options) {
  check_forecast_options(options);
  const Day as_of = options.as_of == kNoDay ? model.as_of() : options.as_of;
  return forecast_periods(model.score(AsOfView(book, as_of)), model.new_deals(), book, options);
}

// The whole book is one part: its partial, finished (forecast_parts.hpp).
Forecast forecast_periods(const DealScores& scores, const NewDealFlow& new_deals, const Book& book,
                          const ForecastOptions& options) {
  const ForecastPartial whole = simulate_part(scores, book, options, 0);
  return finish_forecast({scores.model, scores.as_of(), scores.shared_dispersion, new_deals}, whole, options);
}

}  // namespace pipecast
