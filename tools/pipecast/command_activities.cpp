#include "book_source.hpp"
#include "commands.hpp"
#include "result_tables_csv.hpp"
#include "scope_options.hpp"
#include "text_table.hpp"

#include "pipecast/analytics/activity_effects_tables.hpp"
#include "pipecast/render/activity_views.hpp"

#include <iostream>
#include <memory>

namespace pipecast::cli {
namespace {

// The text: the stages and their playbooks, then the flagged comparisons
// (every one with --all), worded as associations.
void print_activity_effects(const ActivityEffects& e, const std::string& currency, bool all, std::ostream& out) {
  const ResultTable stages = activity_effects_table(e, "activity_stages");
  const ResultTable comparisons = activity_effects_table(e, "activity_comparisons");
  out << "What worked as of " << format_day(e.as_of) << ": " << e.activities << " deal activities, "
      << e.comparisons.size() << " comparisons of advanced with lost stays, " << e.flagged()
      << " flagged (Benjamini-Hochberg q < " << e.options.fdr << ")\n"
      << "Associations, not causes: deals that advance may be worked harder because they were going well.\n\n";
  out << "Playbook by stage (open deals without it in their last " << e.options.window_days << " days):\n";
  view_table(stages, render::activity_stages_view(), render::all_rows(stages), text_style(currency)).print(out, "  ");
  std::vector<std::size_t> rows;
  for (std::size_t r = 0; r < comparisons.rows; ++r)
    if (all || comparisons.column("flagged").integers[r] != 0) rows.push_back(r);
  out << '\n' << (all ? "Every comparison" : "Flagged comparisons (--all for every one)")
      << ": types and sequences as activities per week in the " << e.options.window_days
      << " days before the stay's last active day, effect = rate ratio advanced / lost; final silence in days, "
         "effect = chance an advanced stay was silent longer than a lost one\n";
  if (rows.empty()) {
    out << "  none\n";
    return;
  }
  view_table(comparisons, render::activity_comparisons_view(), rows, text_style(currency)).print(out, "  ");
}

}  // namespace

void add_activities_command(CLI::App& app, Run& run) {
  struct Options {
    BookSource source;
    ScopeOptions scope;
    std::string owner;
    ActivityEffectOptions effects;
    bool all = false;
    std::string format = "table";
    TableOutput tables;  // --format csv
  };
  auto options = std::make_shared<Options>();
  auto* command = app.add_subcommand(
      "activities",
      "What worked: for each open stage, the activity types, sequences of two or three and final silences of "
      "deals that advanced compared with deals that were lost (rate ratios with 95% intervals, Benjamini-Hochberg "
      "q-values, associations not causes), and a playbook: the pattern most associated with advancing and the "
      "open deals without it");
  options->source.add_options(*command);
  options->scope.add_options(*command);
  command->add_option("--owner", options->owner, "Only the deals of this owner (as --filter owner=NAME)");
  command->add_option("--window-days", options->effects.window_days,
                      "Days of activity compared, before each stay's last active day")
      ->check(CLI::Range(1, 365))
      ->capture_default_str();
  command->add_option("--min-deals", options->effects.min_deals,
                      "Advanced and lost stays each side needs for a stage to be compared")
      ->check(CLI::PositiveNumber)
      ->capture_default_str();
  command->add_option("--fdr", options->effects.fdr,
                      "False discovery rate: a comparison is flagged when its q-value is below it")
      ->check(CLI::Range(0.001, 0.5))
      ->capture_default_str();
  command->add_flag("--all", options->all, "Text: list every comparison, not only the flagged ones");
  command->add_option("--format", options->format,
                      "Output format: table (text), json, or csv (the tables activity_effects, activity_stages, "
                      "activity_comparisons, one file each: see --out and --table)")
      ->check(CLI::IsMember({"table", "json", "csv"}))
      ->capture_default_str();
  options->tables.add_options(*command);
  command->callback([options, &run] {
    options->tables.check(options->format);
    if (!options->owner.empty()) options->scope.filters.push_back("owner=" + options->owner);
    run = [options] {
      const Book book = options->source.load();
      const Scope scope(book, options->scope.resolve(book));
      const ActivityEffects effects = activity_effects(scope, options->effects);
      if (options->format == "json") {
        std::cout << to_json(effects) << '\n';
      } else if (options->format == "csv") {
        options->tables.write(activity_effects_table_names(),
                              [&](std::string_view name) { return activity_effects_table(effects, name); },
                              std::cout);
      } else {
        print_activity_effects(effects, book.base_currency(), options->all, std::cout);
      }
      return 0;
    };
  });
}

}  // namespace pipecast::cli
