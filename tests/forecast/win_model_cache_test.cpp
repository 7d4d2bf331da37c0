// The cache of win models a backtest's origins share, and the validation
// days that make them share it.
#include "pipecast/forecast/auto_model.hpp"
#include "pipecast/forecast/stage_model.hpp"
#include "pipecast/forecast/win_model_cache.hpp"
#include "pipecast/synth/synthetic_book.hpp"

#include <gtest/gtest.h>

#include <atomic>
#include <chrono>
#include <stdexcept>
#include <thread>
#include <vector>

namespace pipecast {
// Named for the file: a unity build compiles the files of a program as one.
namespace win_model_cache_test {
namespace {

const Day kT = to_day(2024, 6, 30);

// A fit that counts its calls and gives one new model each time.
struct CountingFit {
  std::atomic<int>* calls;
  WinModelCache::WinModels operator()() const {
    ++*calls;
    std::this_thread::sleep_for(std::chrono::milliseconds(20));  // long enough for a second caller to come
    return {std::make_shared<const StageWinModel>(StageWinParams{})};
  }
};

TEST(WinModelCache, FitsEachDayAndRequestsOnce) {
  WinModelCache cache;
  std::atomic<int> calls = 0;
  const std::vector<ModelRequest> stage{{"stage", {}}};
  FitOptions weighted;
  weighted.half_life_days = 90;
  const std::vector<ModelRequest> logistic{{"logistic", {}}}, logistic_90{{"logistic", weighted}};
  const auto first = cache.get(kT, stage, CountingFit{&calls});
  EXPECT_EQ(cache.get(kT, stage, CountingFit{&calls}), first);  // the same models, not equal ones
  EXPECT_EQ(calls, 1);
  EXPECT_NE(cache.get(kT - 1, stage, CountingFit{&calls}), first);  // another day
  EXPECT_NE(cache.get(kT, logistic, CountingFit{&calls}), first);   // another model
  (void)cache.get(kT, logistic_90, CountingFit{&calls});            // other options
  EXPECT_EQ(calls, 4);
  EXPECT_EQ(cache.fits(), 4u);
}

TEST(WinModelCache, ACallerAskingForAFitUnderWayWaitsForIt) {
  WinModelCache cache;
  std::atomic<int> calls = 0;
  const std::vector<ModelRequest> stage{{"stage", {}}};
  WinModelCache::WinModels a, b;
  std::thread other([&] { a = cache.get(kT, stage, CountingFit{&calls}); });
  b = cache.get(kT, stage, CountingFit{&calls});
  other.join();
  EXPECT_EQ(calls, 1);
  EXPECT_EQ(a, b);
}

TEST(WinModelCache, AFailedFitFailsEveryCallerTheSameWay) {
  WinModelCache cache;
  int calls = 0;
  const std::vector<ModelRequest> stage{{"stage", {}}};
  const auto failing = [&]() -> WinModelCache::WinModels {
    ++calls;
    throw std::invalid_argument("no history");
  };
  EXPECT_THROW((void)cache.get(kT, stage, failing), std::invalid_argument);
  EXPECT_THROW((void)cache.get(kT, stage, failing), std::invalid_argument);
  EXPECT_EQ(calls, 1);
}

TEST(WinModelCache, FitWinModelsGivesWhatAFitWithoutItGives) {
  const Book book = generate_synthetic_book({.deals = 600, .seed = 5}).book;
  const ModelRegistry registry = ModelRegistry::builtin();
  const std::vector<ModelRequest> requests{{"markov", {}}, {"logistic", {}}};
  WinModelCache cache;
  const auto cached = fit_win_models(registry, requests, book, kT, &cache);
  EXPECT_EQ(fit_win_models(registry, requests, book, kT, &cache), cached);
  const auto fresh = fit_win_models(registry, requests, book, kT);
  ASSERT_EQ(fresh.size(), cached.size());
  const DealStates open = open_deal_states(AsOfView(book, kT));
  for (std::size_t m = 0; m < fresh.size(); ++m)
    EXPECT_EQ(win_probabilities(*fresh[m], book, open), win_probabilities(*cached[m], book, open));
  EXPECT_EQ(cache.fits(), 1u);
}

// What a backtest's origin does: auto with a cache validates through it and
// fits its candidates at T into it, and the origin's logistic fit and auto's
// pick are then found there, not fitted again; the models are the ones a fit
// without a cache gives.
TEST(WinModelCache, AutoFitsItsCandidatesAtTAndTheOriginsFitsFindThem) {
  const Book book = generate_synthetic_book({.deals = 600, .seed = 5}).book;
  const ModelRegistry registry = ModelRegistry::builtin();
  const std::vector<std::string_view> names{"logistic", "auto"};
  WinModelCache cache;
  const std::vector<FittedModel> cached = fit_models(registry, names, book, kT, {}, &cache);
  EXPECT_EQ(cache.fits(), 3u);  // the candidates at each validation day and at T
  const auto logistic = cache.find(kT, {"logistic", {}});
  ASSERT_NE(logistic, nullptr);
  EXPECT_EQ(cached[0].shared_win_model(), logistic);
  for (const Day day : auto_validation_days(kT)) EXPECT_NE(cache.find(day, {"markov", {}}), nullptr);
  EXPECT_EQ(cache.find(kT - 1, {"logistic", {}}), nullptr);
  EXPECT_EQ(cache.find(kT, {"crm", {}}), nullptr);

  const std::vector<FittedModel> fresh = fit_models(registry, names, book, kT);
  const AsOfView view(book, kT);
  for (std::size_t m = 0; m < names.size(); ++m) {
    EXPECT_EQ(cached[m].description(), fresh[m].description());
    EXPECT_EQ(cached[m].score(view).win_probability, fresh[m].score(view).win_probability) << names[m];
  }
}

// A month's last day goes to a month's last day, so that monthly origins
// validate on each other's days: origin T's six months back is origin
// T - 3 months' three.
TEST(AutoValidationDays, AreAQuarterAndTwoBackByTheCalendar) {
  EXPECT_EQ(auto_validation_days(to_day(2024, 11, 30)), (std::array<Day, 2>{to_day(2024, 8, 31), to_day(2024, 5, 31)}));
  EXPECT_EQ(auto_validation_days(to_day(2024, 5, 31)), (std::array<Day, 2>{to_day(2024, 2, 29), to_day(2023, 11, 30)}));
  EXPECT_EQ(auto_validation_days(to_day(2024, 7, 15)), (std::array<Day, 2>{to_day(2024, 4, 15), to_day(2024, 1, 15)}));
  for (Day t = to_day(2023, 1, 31); t <= to_day(2025, 12, 31); t = to_day(to_date(t) + boost::gregorian::months(1)))
    EXPECT_EQ(auto_validation_days(t)[1], auto_validation_days(auto_validation_days(t)[0])[0]) << format_day(t);
  // Where the calendar ends, a quarter is 91 days.
  EXPECT_EQ(auto_validation_days(kFirstDay + 100), (std::array<Day, 2>{kFirstDay + 10, kFirstDay - 82}));
}

}  // namespace
}  // namespace win_model_cache_test
}  // namespace pipecast
