#include "pipecast/backtest/group_forecast.hpp"

#include "pipecast/analytics/statistics.hpp"

namespace pipecast {

DealScores group_scores(const DealScores& scores, std::span<const Code> codes, Code group) {
  DealScores out;
  out.model = scores.model;
  out.deals.as_of = scores.deals.as_of;
  out.curves = scores.curves;
  for (std::size_t i = 0; i < scores.size(); ++i) {
    if (codes[scores.deals.deal[i]] != group) continue;
    append_row(out.deals, scores.deals, i);
    out.win_probability.push_back(scores.win_probability[i]);
    out.curve.push_back(scores.curve[i]);
    out.shift.push_back(scores.shift[i]);
  }
  return out;
}

GroupForecast forecast_group(const DealScores& group_scores, const NewDealFlow& company_flow, double share,
                             const std::vector<double>& closed, const Book& book, const ForecastOptions& options) {
  NewDealFlow flow = company_flow;
  flow.daily_rate *= share;
  const Forecast f = forecast_periods(group_scores, flow, book, options);
  const std::size_t k = f.periods.size();
  GroupForecast out;
  out.trials = f.trials;
  out.samples = f.total_samples;
  // forecast_periods counts the whole company's won amount already in a
  // period; the group's own replaces it (both 0 for a period after T).
  for (std::size_t j = 0; j < k; ++j) {
    const double company_closed = f.periods[j][ForecastComponent::closed].expected;
    std::vector<double> column(f.trials);
    for (std::size_t t = 0; t < f.trials; ++t) {
      double& x = out.samples[t * k + j];
      if (company_closed != closed[j]) x = x - company_closed + closed[j];
      column[t] = x;
    }
    out.p10.push_back(quantile(column, 0.1));
    out.p50.push_back(quantile(column, 0.5));
    out.p90.push_back(quantile(column, 0.9));
  }
  return out;
}

}  // namespace pipecast
