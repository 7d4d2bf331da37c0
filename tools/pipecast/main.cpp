#include "commands.hpp"

#include "pipecast/io/diagnostics.hpp"

#include <iostream>

#if defined(__GLIBC__)
#include <malloc.h>
#endif

namespace {

constexpr const char* kDescription =
    "pipecast: sales pipeline analytics and forecasting.\n"
    "DATA is a book directory of CSV files (see docs/format.md) or a snapshot file.\n"
    "Run `pipecast COMMAND --help` for the options of a command.";

/// A fit builds training sets and designs of hundreds of megabytes, one
/// after another.  glibc maps blocks over 32 MB afresh each time and unmaps
/// them when freed, so every one of them faults its pages in anew; kept in
/// the heap, they are reused.  `score --model auto` on a 500,000-deal book
/// spent a quarter of its time there (benchmarks/README.md); the price is a
/// sixth more peak memory (389 -> 457 MB).  The process is the CLI's own, so the CLI decides; a host that
/// embeds the library can do the same (or set GLIBC_TUNABLES).
void keep_large_blocks_in_the_heap() {
#if defined(__GLIBC__)
  constexpr int kLarge = 1 << 30;
  mallopt(M_MMAP_THRESHOLD, kLarge);
  mallopt(M_TRIM_THRESHOLD, kLarge);
#endif
}

}  // namespace

int main(int argc, char** argv) {
  keep_large_blocks_in_the_heap();
  CLI::App app(kDescription, "pipecast");
  app.require_subcommand(1);
  app.set_version_flag("--version", "pipecast " PIPECAST_CLI_VERSION);
  pipecast::cli::Run run;
  pipecast::cli::add_demo_command(app, run);
  pipecast::cli::add_synth_command(app, run);
  pipecast::cli::add_import_command(app, run);
  pipecast::cli::add_check_command(app, run);
  pipecast::cli::add_summary_command(app, run);
  pipecast::cli::add_report_command(app, run);
  pipecast::cli::add_plan_command(app, run);
  pipecast::cli::add_activities_command(app, run);
  pipecast::cli::add_score_command(app, run);
  pipecast::cli::add_forecast_command(app, run);
  pipecast::cli::add_fit_command(app, run);
  pipecast::cli::add_export_command(app, run);
  pipecast::cli::add_split_command(app, run);
  pipecast::cli::add_merge_command(app, run);
  pipecast::cli::add_backtest_command(app, run);
  try {
    app.parse(argc, argv);
  } catch (const CLI::ParseError& e) {
    const int code = app.exit(e);
    return code == 0 ? 0 : pipecast::cli::kExitUsage;
  }
  try {
    return run();
  } catch (const pipecast::ImportError& e) {
    std::cerr << e.what() << '\n';
  } catch (const pipecast::cli::UsageError& e) {
    std::cerr << "pipecast: " << e.what() << '\n';
    return pipecast::cli::kExitUsage;
  } catch (const std::exception& e) {
    std::cerr << "pipecast: " << e.what() << '\n';
  }
  return pipecast::cli::kExitBadInput;
}
