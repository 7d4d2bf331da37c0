#include "backtest_report.hpp"
#include "book_source.hpp"
#include "commands.hpp"

#include "pipecast/backtest/backtest.hpp"
#include "pipecast/backtest/backtest_output.hpp"

#include <fmt/format.h>

#include <unistd.h>

#include <chrono>
#include <cstdio>
#include <fstream>
#include <iostream>
#include <memory>
#include <set>
#include <string_view>

namespace pipecast::cli {
namespace {

std::string clock_text(double seconds) {
  const auto s = static_cast<long>(seconds + 0.5);
  return s >= 3600 ? fmt::format("{}:{:02}:{:02}", s / 3600, s / 60 % 60, s % 60) : fmt::format("{}:{:02}", s / 60, s % 60);
}

/// A one-line progress bar on stderr, redrawn in place.  Only for a terminal:
/// a log file or a pipe gets nothing (see the caller).
class ProgressBar {
 public:
  void operator()(std::size_t done, std::size_t total) {
    const double elapsed = std::chrono::duration<double>(std::chrono::steady_clock::now() - start_).count();
    constexpr std::size_t kWidth = 30;
    const std::size_t filled = total ? done * kWidth / total : kWidth;
    std::string line = "\r  backtest [" + std::string(filled, '#') + std::string(kWidth - filled, '.') + "] " +
                       fmt::format("{}/{} origins, {} elapsed", done, total, clock_text(elapsed));
    if (done > 0 && done < total)
      line += ", about " + clock_text(elapsed / static_cast<double>(done) * static_cast<double>(total - done)) + " left";
    line += "\x1b[K";  // clear what a longer previous line left behind
    if (done == total) line += '\n';
    std::fputs(line.c_str(), stderr);
    std::fflush(stderr);
  }

 private:
  std::chrono::steady_clock::time_point start_ = std::chrono::steady_clock::now();
};

/// One name of --models, trimmed ("markov, logistic" splits into "markov" and
/// " logistic"), checked against the built-in models: a usage error (exit 2)
/// before the book is read, like `score --model`.
CLI::Validator model_name_validator() {
  return CLI::Validator(
      [](std::string& name) -> std::string {
        const auto first = name.find_first_not_of(' ');
        name = first == std::string::npos ? "" : name.substr(first, name.find_last_not_of(' ') - first + 1);
        if (name == kSeasonalNaive) return "seasonal-naive is always in a backtest; do not name it";
        try {
          ModelRegistry::builtin().find(name);
        } catch (const std::invalid_argument& e) {
          return e.what();
        }
        return {};
      },
      "MODEL");
}

/// What the options cannot say alone: origins in order, each model once.
void check_usage(const std::string& from, const std::string& to, const std::vector<std::string>& models) {
  if (*parse_day(to) < *parse_day(from))
    throw CLI::ValidationError("--to", "the last origin " + to + " is before the first " + from);
  std::set<std::string_view> seen;
  for (const std::string& name : models)
    if (!seen.insert(name).second) throw CLI::ValidationError("--models", "model " + name + " is named twice");
}

}  // namespace

void add_backtest_command(CLI::App& app, Run& run) {
  struct Options {
    BookSource source;
    std::string from, to;
    std::string every = "month";
    std::string horizon = "month";
    std::size_t horizons = 2;
    std::vector<std::string> models = kBacktestDefaultModels;
    std::string format = "table";
    std::string out;
    unsigned threads = 0;
    std::size_t trials = 2000;
    std::uint64_t seed = 1;
    std::string group_by;
    bool activities = true;
  };
  auto options = std::make_shared<Options>();
  auto* command = app.add_subcommand(
      "backtest",
      "Rolling-origin backtest: refit each model at every origin, forecast the next periods, score against "
      "what happened, rank the models");
  options->source.add_options(*command);
  command->add_option("--from", options->from, "First origin (YYYY-MM-DD)")->required()->check(date_validator());
  command->add_option("--to", options->to, "Last origin at most (YYYY-MM-DD)")->required()->check(date_validator());
  command->add_option("--every", options->every, "Step between origins")
      ->check(CLI::IsMember({"week", "month", "quarter"}))
      ->capture_default_str();
  command->add_option("--horizon", options->horizon, "Length of a forecast period")
      ->check(CLI::IsMember({"month", "quarter"}))
      ->capture_default_str();
  command->add_option("--horizons", options->horizons,
                      "Periods forecast from each origin: the one holding the day after it, then the next ones")
      ->check(CLI::Range(1, 12))
      ->capture_default_str();
  command->add_option("--models", options->models,
                      "Models to compare (comma-separated); crm, stage and seasonal-naive are always added")
      ->delimiter(',')
      ->transform(model_name_validator())
      ->capture_default_str();
  command->add_option("--format", options->format, "Output format")
      ->check(CLI::IsMember({"table", "csv", "json"}))
      ->capture_default_str();
  command->add_option("--out", options->out, "Write the output to FILE instead of standard output");
  command->add_option("--threads", options->threads, "Origins run in parallel (0: one per core); any count gives "
                                                     "the same result")
      ->capture_default_str();
  command->add_option("--trials", options->trials, "Monte Carlo trials per forecast")
      ->check(CLI::Range(std::size_t{100}, std::size_t{10'000'000}))
      ->capture_default_str();
  command->add_option("--seed", options->seed, "Random seed")->capture_default_str();
  command->add_option("--group-by", options->group_by, "Also score bookings per owner or per segment")
      ->check(CLI::IsMember({"owner", "segment"}));
  command->add_flag("--activities,!--no-activities", options->activities,
                    "Fit logistic (and auto's logistic) with the activity features when the book has activities "
                    "(the default; run the backtest with --no-activities too to see what they add)");
  command->callback([options, &run] {
    check_usage(options->from, options->to, options->models);
    run = [options] {
      const Book book = options->source.load();
      BacktestOptions o;
      o.from = *parse_day(options->from);
      o.to = *parse_day(options->to);
      o.every = parse_origin_step(options->every);
      o.horizon = options->horizon == "quarter" ? PeriodKind::quarter : PeriodKind::month;
      o.horizons = options->horizons;
      o.models = options->models;
      o.threads = options->threads;
      o.trials = options->trials;
      o.seed = options->seed;
      o.fit.activities = options->activities;
      if (options->group_by == "owner") o.group_by = Dimension::owner;
      if (options->group_by == "segment") o.group_by = Dimension::segment;
      // Open the output before hours of work, so a bad path fails at once.
      std::ofstream file;
      if (!options->out.empty()) {
        file.open(options->out, std::ios::binary);
        if (!file) throw std::runtime_error("cannot write " + options->out);
      }
      std::ostream& out = options->out.empty() ? std::cout : file;
      if (isatty(STDERR_FILENO)) {
        auto bar = std::make_shared<ProgressBar>();
        o.progress = [bar](std::size_t done, std::size_t total) { (*bar)(done, total); };
        (*bar)(0, backtest_origins(o.from, o.to, o.every).size());
      }
      Backtest backtest;
      try {
        backtest = run_backtest(book, o);
      } catch (...) {
        if (o.progress) std::fputs("\n", stderr);  // the error goes below the bar, not onto it
        throw;
      }
      if (options->format == "json") out << to_json(backtest) << '\n';
      else if (options->format == "csv") write_backtest_csv(backtest, out);
      else print_backtest_table(backtest, book.base_currency(), out);
      out.flush();
      if (!out) throw std::runtime_error("could not write " + (options->out.empty() ? "the output" : options->out));
      return 0;
    };
  });
}

}  // namespace pipecast::cli
