// Many threads reading one shared book at once must get exactly what one
// thread gets (docs/architecture.md, "Conventions": a Book and fitted models
// are immutable values, safe to share).  `make test-tsan` runs this program
// under ThreadSanitizer, which reports any data race even when the results
// happen to agree; the plain and ASan builds check the results.
//
// Every job is a function that computes something from shared inputs and
// renders it as text (the JSON the CLI and the C ABI give out, so nothing
// is left out of the comparison).  The reference is each job run alone, in
// order, before any thread starts; then every thread runs every job, each
// starting at a different job so that different computations overlap.
#include "pipecast/analytics/report.hpp"
#include "pipecast/core/as_of.hpp"
#include "pipecast/forecast/json.hpp"
#include "pipecast/forecast/model.hpp"
#include "pipecast/forecast/period_forecast.hpp"
#include "pipecast/io/csv_book.hpp"
#include "pipecast/analytics/summary_table.hpp"
#include "pipecast/core/summary.hpp"
#include "pipecast/synth/synthetic_book.hpp"

#include <gtest/gtest.h>

#include <cstddef>
#include <functional>
#include <latch>
#include <string>
#include <thread>
#include <vector>

namespace pipecast {
// Named for the file: a unity build compiles the files of a program as one.
namespace concurrency_test {
namespace {

constexpr std::size_t kThreads = 8;

using Job = std::function<std::string()>;

struct Outcome {
  std::vector<std::string> expected;                 // by job, single-threaded
  std::vector<std::vector<std::string>> by_thread;   // [thread][job]
};

Outcome run_concurrently(const std::vector<Job>& jobs, std::size_t threads = kThreads) {
  Outcome out;
  for (const Job& job : jobs) out.expected.push_back(job());
  out.by_thread.assign(threads, std::vector<std::string>(jobs.size()));
  std::latch start(static_cast<std::ptrdiff_t>(threads));
  std::vector<std::thread> pool;
  for (std::size_t t = 0; t < threads; ++t) {
    pool.emplace_back([&, t] {
      start.arrive_and_wait();  // all threads at once, for the most overlap
      for (std::size_t i = 0; i < jobs.size(); ++i) {
        const std::size_t j = (t + i) % jobs.size();
        out.by_thread[t][j] = jobs[j]();
      }
    });
  }
  for (auto& thread : pool) thread.join();
  return out;
}

void expect_all_identical(const Outcome& out, const std::vector<std::string>& names) {
  for (std::size_t t = 0; t < out.by_thread.size(); ++t)
    for (std::size_t j = 0; j < out.expected.size(); ++j)
      EXPECT_EQ(out.by_thread[t][j], out.expected[j]) << "thread " << t << ", job " << names[j];
}

// Large enough that every analysis has something to chew on (several
// pipelines, products, owners, quotas, stalled deals), small enough for TSan.
const Book& shared_book() {
  static const Book book = generate_synthetic_book({.deals = 1500, .seed = 2024}).book;
  return book;
}

Day day(const char* text) { return *parse_day(text); }

struct ReportCase {
  std::string name;
  AnalysisOptions options;
};

std::vector<ReportCase> report_cases() {
  const Book& book = shared_book();
  std::vector<ReportCase> cases;
  for (const char* date : {"2023-06-30", "2024-03-31", "2024-12-31"}) {
    AnalysisOptions o;
    o.as_of = day(date);
    cases.push_back({std::string("all pipelines as of ") + date, o});
  }
  AnalysisOptions one;
  one.as_of = day("2024-09-30");
  one.pipeline = book.pipelines().front().name;
  one.period = parse_period("2024-Q4");
  cases.push_back({"one pipeline, next quarter", one});
  AnalysisOptions filtered;
  filtered.as_of = day("2024-06-30");
  filtered.filters = {{"segment", "SMB"}};
  filtered.cohort = PeriodKind::quarter;
  cases.push_back({"filtered by segment, quarterly cohorts", filtered});
  return cases;
}

TEST(Concurrency, TheSharedBookIsNotTrivial) {
  const Book& book = shared_book();
  ASSERT_EQ(book.size(), 1500u);
  ASSERT_GE(book.pipelines().size(), 2u);
  const Summary s = summarize(as_of(book, book.latest_day()));
  EXPECT_GT(s.open, 0u);
  EXPECT_GT(s.won, 0u);
  EXPECT_GT(s.lost, 0u);
}

// Each thread takes its own as-of views and scopes of the shared book.
TEST(Concurrency, ReportsFromOwnViewsOfOneBookMatchTheSingleThreadedRun) {
  std::vector<Job> jobs;
  std::vector<std::string> names;
  for (const ReportCase& c : report_cases()) {
    names.push_back("report, " + c.name);
    jobs.push_back([options = c.options] { return to_json(build_report(Scope(shared_book(), options))); });
  }
  for (const char* date : {"2023-03-31", "2024-06-30", "2025-01-31"}) {
    names.push_back(std::string("summary as of ") + date);
    jobs.push_back([d = day(date)] { return to_json(summarize(as_of(shared_book(), d))); });
  }
  names.push_back("lead plan");
  jobs.push_back([] {
    AnalysisOptions o;
    o.as_of = day("2024-06-30");
    o.period = parse_period("2024-Q4");
    const Scope scope(shared_book(), o);
    return to_json(lead_plan(scope, 2'000'000.0));
  });
  const Outcome out = run_concurrently(jobs);
  for (const std::string& text : out.expected) ASSERT_GT(text.size(), 100u);
  expect_all_identical(out, names);
}

// One view and one scope, built once and read by every thread.
TEST(Concurrency, OneSharedScopeGivesEveryThreadTheSameReport) {
  AnalysisOptions o;
  o.as_of = day("2024-08-15");
  const Scope scope(shared_book(), o);
  const AsOfView& view = scope.view();
  const std::vector<Job> jobs = {
      [&] { return to_json(build_report(scope)); },
      [&] { return to_json(summarize(view)); },
      [&] { return to_json(lead_plan(scope, 750'000.0)); },
  };
  expect_all_identical(run_concurrently(jobs), {"report", "summary", "lead plan"});
}

// Forecasting: one model fitted single-threaded on shared_book(), then jobs
// that score and forecast with it at once, some with their own as-of views
// and some with one shared view, rendered as the JSON the CLI prints.  The
// forecasts themselves run on several threads too (options.threads), so
// threads inside threads share the model.
const FittedModel& shared_model(const std::string& name) {
  static const FittedModel markov = fit_model("markov", shared_book(), day("2024-06-30"));
  static const FittedModel logistic = fit_model("logistic", shared_book(), day("2024-06-30"));
  return name == "markov" ? markov : logistic;
}

ForecastOptions quarter_forecast(unsigned threads) {
  ForecastOptions options;
  options.periods = {parse_period("2024-Q3"), parse_period("2024-Q4")};
  options.trials = 2'000;
  options.seed = 7;
  options.threads = threads;
  return options;
}

TEST(Concurrency, ScoresAndForecastsWithOneSharedModelMatchTheSingleThreadedRun) {
  const Book& book = shared_book();
  const AsOfView shared_view = as_of(book, day("2024-06-30"));
  std::vector<Job> jobs;
  std::vector<std::string> names;
  for (const char* name : {"markov", "logistic"}) {
    const FittedModel& model = shared_model(name);
    jobs.push_back([&model, &shared_view] { return to_json(model.score(shared_view), shared_view.book()); });
    names.push_back(std::string(name) + ": score, shared view");
    jobs.push_back([&model, &book] {
      const AsOfView own = as_of(book, day("2024-06-30"));
      return to_json(model.score(own), book);
    });
    names.push_back(std::string(name) + ": score, own view");
    for (const unsigned threads : {1u, 3u}) {
      jobs.push_back([&model, &book, threads] {
        return to_json(forecast_periods(model, book, quarter_forecast(threads)));
      });
      names.push_back(std::string(name) + ": forecast on " + std::to_string(threads) + " threads");
    }
  }
  const Outcome out = run_concurrently(jobs, 4);
  expect_all_identical(out, names);
  // The forecast does not depend on its own thread count either.
  EXPECT_EQ(out.expected[2], out.expected[3]);
  EXPECT_EQ(out.expected[6], out.expected[7]);
}

TEST(Concurrency, TheSharedModelScoresSomething) {
  // Guards the test above against comparing empty results.
  const AsOfView view = as_of(shared_book(), day("2024-06-30"));
  const DealScores scores = shared_model("markov").score(view);
  ASSERT_GT(scores.size(), 50u);
  double sum = 0;
  for (std::size_t i = 0; i < scores.size(); ++i) sum += scores.win_probability[i];
  EXPECT_GT(sum / static_cast<double>(scores.size()), 0.01);
  EXPECT_LT(sum / static_cast<double>(scores.size()), 0.99);
}

// A fit on several threads (auto's validation origins side by side, the
// timing and the flow beside the win models, each Newton step's sums in
// chunks) is the fit on one, to the bit.
TEST(Concurrency, FitsOnSeveralThreadsMatchTheFitOnOne) {
  const Book& book = shared_book();
  const Day t = day("2024-06-30");
  const AsOfView view = as_of(book, t);
  std::vector<std::string> runs;
  for (const unsigned threads : {1u, 3u}) {
    FitOptions options;
    options.threads = threads;
    const FittedModel model = fit_model("auto", book, t, options);
    runs.push_back(model.description() + "\n" + to_json(model.score(view), book) + "\n" +
                   to_json(forecast_periods(model, book, quarter_forecast(1))));
  }
  EXPECT_NE(runs[0].find("auto: chose"), std::string::npos);
  EXPECT_EQ(runs[0], runs[1]);
}

TEST(Concurrency, AnImportReadingAheadOnHelperThreadsMatchesOneThread) {
  // The files are several chunks long (a chunk is half a megabyte), so
  // helpers read while the importing thread builds; a second import runs
  // beside it, with its own helpers.  (8,000 deals: under TSan each import
  // of 15,000 took three seconds.)
  SynthOptions options;
  options.deals = 8'000;
  const CsvFiles files = export_csv_book(generate_synthetic_book(options).book);
  for (const char* name : {"opportunities.csv", "stage_history.csv", "activities.csv"})
    ASSERT_GT(files.at(name).size(), std::size_t{1} << 19) << name << " fits in one chunk";
  const auto import_with = [&](unsigned threads) {
    ImportOptions import_options;
    import_options.threads = threads;
    return export_csv_book(import_csv_book(files, import_options).book);
  };
  const std::vector<Job> jobs = {[&] { return import_with(4).at("opportunities.csv"); },
                                 [&] { return import_with(3).at("stage_history.csv"); }};
  const Outcome out = run_concurrently(jobs, 2);
  const CsvFiles one_thread = import_with(1);
  EXPECT_EQ(out.expected[0], one_thread.at("opportunities.csv"));
  EXPECT_EQ(out.expected[1], one_thread.at("stage_history.csv"));
  for (const auto& results : out.by_thread) EXPECT_EQ(results, out.expected);
}

}  // namespace
}  // namespace concurrency_test
}  // namespace pipecast
