// Whether the period forecast's intervals cover what happened: a statistical
// test on a 30,000-deal book fitted at 24 origins, so it runs uninstrumented
// (the accuracy area, tests/CMakeLists.txt).
#include "pipecast/forecast/model.hpp"
#include "pipecast/forecast/period_forecast.hpp"
#include "pipecast/synth/synthetic_book.hpp"

#include "period_forecast_book.hpp"

#include <gtest/gtest.h>

#include <cstdio>

namespace pipecast {
// Named for the file: a unity build compiles the files of a program as one.
namespace interval_coverage_test {
namespace {

const SyntheticBook& world() { return test::period_forecast_book(); }

// Over 24 monthly origins, how often do the next quarter's bookings fall
// inside P10..P90?  80% is the goal; the figure goes in benchmarks/README.md.
TEST(PeriodForecast, IntervalsCoverTheOutcomeAboutEightyPercentOfTheTime) {
  const Book& book = world().book;
  const Day latest = book.latest_day();
  int inside = 0, total = 0;
  for (int m = 0; m < 24; ++m) {
    const Day t = to_day(2023 + (m + 6) / 12, static_cast<unsigned>((m + 6) % 12 + 1), 1) - 1;
    const FittedModel model = fit_model("logistic", book, t);
    ForecastOptions options;
    options.trials = 2000;
    options.seed = static_cast<std::uint64_t>(m + 1);
    options.periods = {next_period(period_containing(t, PeriodKind::quarter))};
    const Forecast f = forecast_periods(model, book, options);
    const Period& p = options.periods[0];
    const double actual = won_amount(book, latest, p.first, p.last);
    const auto& c = f.periods[0][ForecastComponent::total];
    inside += actual >= c.p10 && actual <= c.p90;
    ++total;
  }
  const double coverage = static_cast<double>(inside) / total;
  std::printf("P10..P90 coverage of next-quarter bookings: %d of %d origins (%.0f%%)\n", inside, total,
              100 * coverage);
  // Measured: 16 of 24 (67%) since the close timing has curves by segment
  // (17 before, with wider intervals).  Too wide is a failure too: when the spread
  // read each training snapshot's activities as of T, 23 of 24 were covered.
  EXPECT_GE(coverage, 0.55);
  EXPECT_LE(coverage, 0.92);
}

}  // namespace
}  // namespace interval_coverage_test
}  // namespace pipecast
