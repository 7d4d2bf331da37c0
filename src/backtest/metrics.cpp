#include "pipecast/backtest/metrics.hpp"
#include "core/not_a_number.hpp"

#include <algorithm>
#include <cmath>
#include <limits>
#include <numeric>
#include <stdexcept>
#include <string>

namespace pipecast {
namespace {


void same_size(std::size_t a, std::size_t b, const char* what) {
  if (a != b)
    throw std::invalid_argument(std::string(what) + ": inputs of different sizes (" + std::to_string(a) +
                                " and " + std::to_string(b) + ")");
}

}  // namespace

double brier_score(std::span<const double> predicted, std::span<const double> outcomes) {
  same_size(predicted.size(), outcomes.size(), "brier_score");
  if (predicted.empty()) return kNaN;
  double sum = 0.0;
  for (std::size_t i = 0; i < predicted.size(); ++i) {
    const double d = predicted[i] - outcomes[i];
    sum += d * d;
  }
  return sum / static_cast<double>(predicted.size());
}

double log_loss(std::span<const double> predicted, std::span<const double> outcomes) {
  same_size(predicted.size(), outcomes.size(), "log_loss");
  if (predicted.empty()) return kNaN;
  double sum = 0.0;
  for (std::size_t i = 0; i < predicted.size(); ++i) {
    const double p = std::clamp(predicted[i], kLogLossClamp, 1.0 - kLogLossClamp);
    sum -= outcomes[i] > 0.5 ? std::log(p) : std::log1p(-p);
  }
  return sum / static_cast<double>(predicted.size());
}

double roc_auc(std::span<const double> predicted, std::span<const double> outcomes) {
  same_size(predicted.size(), outcomes.size(), "roc_auc");
  const std::size_t n = predicted.size();
  std::vector<std::size_t> order(n);
  std::iota(order.begin(), order.end(), 0);
  std::sort(order.begin(), order.end(), [&](std::size_t a, std::size_t b) { return predicted[a] < predicted[b]; });
  // Sum of the (1-based, mid-rank for ties) ranks of the positives.
  double rank_sum = 0.0;
  std::size_t positives = 0;
  for (std::size_t begin = 0; begin < n;) {
    std::size_t end = begin + 1;
    while (end < n && predicted[order[end]] == predicted[order[begin]]) ++end;
    const double mid_rank = (static_cast<double>(begin + 1) + static_cast<double>(end)) / 2.0;
    for (std::size_t j = begin; j < end; ++j)
      if (outcomes[order[j]] > 0.5) {
        rank_sum += mid_rank;
        ++positives;
      }
    begin = end;
  }
  const std::size_t negatives = n - positives;
  if (positives == 0 || negatives == 0) return kNaN;
  const double np = static_cast<double>(positives), nn = static_cast<double>(negatives);
  return (rank_sum - np * (np + 1.0) / 2.0) / (np * nn);
}

std::vector<CalibrationBin> calibration_table(std::span<const double> predicted,
                                              std::span<const double> outcomes, std::size_t bins) {
  same_size(predicted.size(), outcomes.size(), "calibration_table");
  if (bins == 0) throw std::invalid_argument("calibration_table: needs at least one bin");
  std::vector<CalibrationBin> table(bins);
  std::vector<double> sum(bins, 0.0);
  // b / bins rather than b * (1 / bins): 3 / 10.0 is the double nearest
  // 0.3, 3 * 0.1 is above it, and a prediction of 0.3 belongs to [0.3, 0.4).
  const double n_bins = static_cast<double>(bins);
  for (std::size_t b = 0; b < bins; ++b) {
    table[b].lower = static_cast<double>(b) / n_bins;
    table[b].upper = static_cast<double>(b + 1) / n_bins;
  }
  for (std::size_t i = 0; i < predicted.size(); ++i) {
    const double p = std::clamp(predicted[i], 0.0, 1.0);
    auto b = static_cast<std::size_t>(p * n_bins);
    b = std::min(b, bins - 1);
    // p * bins can land one bin off at an edge in floating point; the
    // bounds decide.
    while (b > 0 && p < table[b].lower) --b;
    while (b + 1 < bins && p >= table[b + 1].lower) ++b;
    ++table[b].count;
    table[b].positives += outcomes[i] > 0.5;
    sum[b] += p;
  }
  for (std::size_t b = 0; b < bins; ++b) {
    CalibrationBin& bin = table[b];
    const double n = static_cast<double>(bin.count);
    bin.mean_predicted = bin.count ? sum[b] / n : kNaN;
    bin.observed = bin.count ? static_cast<double>(bin.positives) / n : kNaN;
  }
  return table;
}

double expected_calibration_error(std::span<const CalibrationBin> table) {
  double sum = 0.0;
  std::size_t total = 0;
  for (const CalibrationBin& bin : table) {
    if (bin.count == 0) continue;
    sum += static_cast<double>(bin.count) * std::abs(bin.mean_predicted - bin.observed);
    total += bin.count;
  }
  return total ? sum / static_cast<double>(total) : kNaN;
}

double wape(std::span<const double> actual, std::span<const double> forecast) {
  same_size(actual.size(), forecast.size(), "wape");
  double error = 0.0, scale = 0.0;
  for (std::size_t i = 0; i < actual.size(); ++i) {
    error += std::abs(actual[i] - forecast[i]);
    scale += std::abs(actual[i]);
  }
  return scale > 0.0 ? error / scale : kNaN;
}

double relative_bias(std::span<const double> actual, std::span<const double> forecast) {
  same_size(actual.size(), forecast.size(), "relative_bias");
  double error = 0.0, scale = 0.0;
  for (std::size_t i = 0; i < actual.size(); ++i) {
    error += forecast[i] - actual[i];
    scale += std::abs(actual[i]);
  }
  return scale > 0.0 ? error / scale : kNaN;
}

double scaled_error(double actual, double forecast, double scale) {
  if (!(scale > 0.0) || !std::isfinite(scale)) return kNaN;
  return std::abs(actual - forecast) / scale;
}

double mase(std::span<const double> actual, std::span<const double> forecast, std::span<const double> scale) {
  same_size(actual.size(), forecast.size(), "mase");
  same_size(actual.size(), scale.size(), "mase");
  double sum = 0.0;
  std::size_t n = 0;
  for (std::size_t i = 0; i < actual.size(); ++i) {
    const double e = scaled_error(actual[i], forecast[i], scale[i]);
    if (std::isnan(e)) continue;
    sum += e;
    ++n;
  }
  return n ? sum / static_cast<double>(n) : kNaN;
}

double pinball_loss(double actual, double quantile_forecast, double q) {
  if (!(q > 0.0 && q < 1.0)) throw std::invalid_argument("pinball_loss: q must be in (0, 1)");
  return actual >= quantile_forecast ? q * (actual - quantile_forecast)
                                     : (1.0 - q) * (quantile_forecast - actual);
}

double crps_from_samples(std::span<const double> samples, double actual) {
  const std::size_t n = samples.size();
  if (n == 0) return kNaN;
  std::vector<double> x(samples.begin(), samples.end());
  std::sort(x.begin(), x.end());
  double absolute = 0.0, spread = 0.0;
  for (std::size_t i = 0; i < n; ++i) {
    absolute += std::abs(x[i] - actual);
    // (2 i - n - 1) with i 1-based, as a double: no unsigned wrap-around.
    spread += (2.0 * static_cast<double>(i + 1) - static_cast<double>(n) - 1.0) * x[i];
  }
  const double nd = static_cast<double>(n);
  return absolute / nd - spread / (nd * nd);
}

double interval_coverage(std::span<const double> actual, std::span<const double> low,
                         std::span<const double> high) {
  same_size(actual.size(), low.size(), "interval_coverage");
  same_size(actual.size(), high.size(), "interval_coverage");
  if (actual.empty()) return kNaN;
  std::size_t inside = 0;
  for (std::size_t i = 0; i < actual.size(); ++i) inside += in_interval(actual[i], low[i], high[i]);
  return static_cast<double>(inside) / static_cast<double>(actual.size());
}

}  // namespace pipecast
