// The pipecast command line tool: one function per command registers its
// options on the application and sets `run` to what it does when chosen.
#pragma once

#include <CLI/CLI.hpp>

#include <functional>
#include <stdexcept>

namespace pipecast::cli {

/// What a command does once its options are parsed; returns the exit code.
using Run = std::function<int()>;

void add_synth_command(CLI::App& app, Run& run);
void add_import_command(CLI::App& app, Run& run);
void add_check_command(CLI::App& app, Run& run);
void add_summary_command(CLI::App& app, Run& run);
void add_export_command(CLI::App& app, Run& run);
void add_split_command(CLI::App& app, Run& run);
void add_merge_command(CLI::App& app, Run& run);
void add_demo_command(CLI::App& app, Run& run);
void add_report_command(CLI::App& app, Run& run);
void add_plan_command(CLI::App& app, Run& run);
void add_activities_command(CLI::App& app, Run& run);
void add_score_command(CLI::App& app, Run& run);
void add_forecast_command(CLI::App& app, Run& run);
void add_fit_command(CLI::App& app, Run& run);
void add_backtest_command(CLI::App& app, Run& run);

/// Exit codes: 0 success, 1 bad input (message on stderr), 2 usage error.
inline constexpr int kExitBadInput = 1;
inline constexpr int kExitUsage = 2;

/// A usage error that only the book reveals (a date that cannot be used with
/// it): "pipecast: " and the message on stderr, exit code kExitUsage.
struct UsageError : std::invalid_argument {
  using std::invalid_argument::invalid_argument;
};

}  // namespace pipecast::cli
