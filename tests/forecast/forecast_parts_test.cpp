// A forecast from the parts of a book equals the forecast of the whole book
// bit for bit, whatever the split and the order the partials merge in; a
// damaged or foreign partial is refused.
#include "pipecast/core/book_partition.hpp"
#include "pipecast/forecast/forecast_parts.hpp"
#include "pipecast/forecast/model_file.hpp"
#include "pipecast/synth/synthetic_book.hpp"

#include "test_support.hpp"

#include <gtest/gtest.h>

#include <algorithm>
#include <bit>
#include <cmath>
#include <random>

namespace pipecast {
// Named for the file: a unity build compiles the files of a program as one.
namespace forecast_parts_test {
namespace {

const Day kAsOf = to_day(2024, 10, 15);

const Book& small_book() {
  static const Book book = test::synthetic_test_book(600, 81);
  return book;
}

const FittedModel& markov() {
  static const FittedModel model = fit_model("markov", small_book(), kAsOf);
  return model;
}

ForecastOptions two_quarters(std::uint64_t seed = 7) {
  ForecastOptions options;
  options.trials = 300;  // a whole block of 256 and a part of one
  options.seed = seed;
  options.threads = 2;
  const Period q = period_containing(kAsOf, PeriodKind::quarter);
  options.periods = {q, next_period(q)};
  return options;
}

// Bit for bit, NaN included.
bool same(double a, double b) { return std::bit_cast<std::uint64_t>(a) == std::bit_cast<std::uint64_t>(b); }

void expect_same_forecast(const Forecast& a, const Forecast& b, const std::string& what) {
  EXPECT_EQ(a.model, b.model) << what;
  EXPECT_EQ(a.as_of, b.as_of) << what;
  EXPECT_EQ(a.trials, b.trials) << what;
  EXPECT_EQ(a.seed, b.seed) << what;
  EXPECT_EQ(a.open_deals, b.open_deals) << what;
  EXPECT_EQ(a.new_deals_unknown, b.new_deals_unknown) << what;
  ASSERT_EQ(a.periods.size(), b.periods.size()) << what;
  for (std::size_t j = 0; j < a.periods.size(); ++j)
    for (const ForecastComponent c : kForecastComponents) {
      const ComponentForecast &x = a.periods[j][c], &y = b.periods[j][c];
      EXPECT_TRUE(same(x.expected, y.expected) && same(x.p10, y.p10) && same(x.p50, y.p50) && same(x.p90, y.p90))
          << what << ", period " << j << ", " << to_string(c);
    }
  ASSERT_EQ(a.total_samples.size(), b.total_samples.size()) << what;
  EXPECT_TRUE(std::equal(a.total_samples.begin(), a.total_samples.end(), b.total_samples.begin(), same)) << what;
}

// Every part's partial, through its bytes, merged in an order and a shape
// (a chain or pairs of pairs) drawn from `seed`.
ForecastPartial merged_partials(const std::vector<BookPart>& parts, const ForecastOptions& options, unsigned seed) {
  std::vector<ForecastPartial> partials;
  for (const BookPart& part : parts)
    partials.push_back(forecast_partial_from_bytes(to_bytes(part_forecast(markov(), part.book, options))));
  std::mt19937 random(seed);
  std::shuffle(partials.begin(), partials.end(), random);
  while (partials.size() > 1) {
    const std::size_t at = random() % (partials.size() - 1);
    partials[at] = merge_forecast_partials(partials[at], partials[at + 1]);
    partials.erase(partials.begin() + static_cast<std::ptrdiff_t>(at) + 1);
  }
  return forecast_partial_from_bytes(to_bytes(partials.front()));
}

TEST(ForecastParts, EveryCutGivesTheWholeBooksForecastBitForBit) {
  const ForecastOptions options = two_quarters();
  const Forecast whole = forecast_periods(markov(), small_book(), options);
  ASSERT_GT(whole.open_deals, 50u);
  ASSERT_GT(whole.periods[0][ForecastComponent::closed].expected, 0.0);  // every kind of figure is at stake
  ASSERT_GT(whole.periods[1][ForecastComponent::pipeline].p90, 0.0);
  for (const std::size_t n : {1, 3, 8})
    for (unsigned order = 1; order <= (n == 1 ? 1u : 2u); ++order) {
      const std::vector<BookPart> parts = split_book(small_book(), n);
      const ForecastPartial merged = merged_partials(parts, options, order * 31 + static_cast<unsigned>(n));
      EXPECT_EQ(merged.parts, n);
      expect_same_forecast(forecast_from_partial(markov(), merged, options), whole,
                           std::to_string(n) + " parts, order " + std::to_string(order));
    }
  // Parts by another key, one thread: the same again.
  ForecastOptions one_thread = options;
  one_thread.threads = 1;
  expect_same_forecast(
      forecast_from_partial(markov(), merged_partials(split_book(small_book(), 3, PartitionKey::owner), one_thread, 5),
                            one_thread),
      whole, "3 parts by owner, one thread");
}

TEST(ForecastParts, APartialHoldsItsDealsExactSums) {
  const ForecastOptions options = two_quarters();
  const std::vector<BookPart> parts = split_book(small_book(), 3);
  const ForecastPartial partial = part_forecast(markov(), parts[1].book, options);
  const DealScores scores = markov().score(AsOfView(parts[1].book, kAsOf));
  EXPECT_EQ(partial.open_deals, scores.size());
  EXPECT_EQ(partial.pipeline.size(), options.trials * 2);
  for (std::size_t j = 0; j < 2; ++j) {
    const Period& p = options.periods[j];
    ExactSum expected;
    for (std::size_t i = 0; i < scores.size(); ++i) expected.add(scores.won_between(i, p.first, p.last) * scores.deals.amount[i]);
    EXPECT_EQ(partial.expected[j].value(), expected.value());
    EXPECT_EQ(partial.closed[j].value(), j == 0 ? won_amount(parts[1].book, kAsOf, p.first, kAsOf) : 0.0);
  }
  // Each trial's sum is some of the open deals' amounts: at most all of them.
  double all = 0.0;
  for (std::size_t i = 0; i < scores.size(); ++i) all += scores.deals.amount[i];
  for (const ForecastWideSum s : partial.pipeline) {
    EXPECT_GE(s, 0);
    EXPECT_LE(static_cast<double>(s) * kForecastAmountUnit, all * (1 + 1e-12));
  }
}

// Amounts too large for sums in doubles take the 128-bit sums: the same
// trials, every figure scaled by exactly the power of two the amounts were.
TEST(ForecastParts, LargeAmountsSumInWideIntegersToTheSameTrials) {
  const ForecastOptions options = two_quarters();
  DealScores scores = markov().score(AsOfView(small_book(), kAsOf));
  for (double& a : scores.deals.amount) a = std::round(a);  // whole units: scaled exactly below
  DealScores scaled = scores;
  constexpr double kScale = 0x1.0p34;  // the open amounts then add up far beyond 2^53 units of 2^-16
  for (double& a : scaled.deals.amount) a *= kScale;
  const Forecast small = forecast_periods(scores, markov().new_deals(), small_book(), options);
  const Forecast large = forecast_periods(scaled, markov().new_deals(), small_book(), options);
  for (std::size_t j = 0; j < 2; ++j) {
    const ComponentForecast &x = small.periods[j][ForecastComponent::pipeline],
                            &y = large.periods[j][ForecastComponent::pipeline];
    ASSERT_GT(x.p90, 0.0);
    EXPECT_EQ(y.expected, x.expected * kScale);
    EXPECT_EQ(y.p10, x.p10 * kScale);
    EXPECT_EQ(y.p50, x.p50 * kScale);
    EXPECT_EQ(y.p90, x.p90 * kScale);
  }
}

TEST(ForecastParts, RefusesDamagedForeignAndMismatchedPartials) {
  const ForecastOptions options = two_quarters();
  const std::vector<BookPart> parts = split_book(small_book(), 2);
  const ForecastPartial a = part_forecast(markov(), parts[0].book, options);
  const std::string bytes = to_bytes(a);
  std::string flipped = bytes;
  flipped[bytes.size() / 2] ^= 0x10;
  for (const std::string& bad : {flipped, bytes.substr(0, bytes.size() - 3), model_bytes(markov()), std::string()}) {
    try {
      (void)forecast_partial_from_bytes(bad, "p.bin");
      ADD_FAILURE() << "bytes of " << bad.size() << " accepted";
    } catch (const std::runtime_error& e) {
      EXPECT_EQ(std::string(e.what()).rfind("p.bin: ", 0), 0u) << e.what();
    }
  }
  // Another seed, another model: another forecast.
  const ForecastPartial other_seed = part_forecast(markov(), parts[1].book, two_quarters(8));
  EXPECT_THROW((void)merge_forecast_partials(a, other_seed), std::invalid_argument);
  const FittedModel stage = fit_model("stage", small_book(), kAsOf);
  const ForecastPartial b = part_forecast(markov(), parts[1].book, options);
  EXPECT_THROW((void)forecast_from_partial(stage, merge_forecast_partials(a, b), options), std::invalid_argument);
  EXPECT_THROW((void)forecast_from_partial(markov(), merge_forecast_partials(a, b), two_quarters(8)),
               std::invalid_argument);
  EXPECT_NO_THROW((void)forecast_from_partial(markov(), merge_forecast_partials(a, b), options));
}

}  // namespace
}  // namespace forecast_parts_test
}  // namespace pipecast
