#include "book_source.hpp"
#include "commands.hpp"
#include "model_options.hpp"
#include "result_tables_csv.hpp"
#include "scope_options.hpp"
#include "text_table.hpp"

#include "pipecast/analytics/activity_effects_tables.hpp"
#include "pipecast/analytics/result_table.hpp"
#include "pipecast/forecast/activity_plan.hpp"
#include "pipecast/render/activity_views.hpp"

#include <algorithm>
#include <iostream>
#include <memory>
#include <optional>

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

// Each owner's worklist, then each owner's time split.
void print_activity_plan(const ActivityPlan& plan, const std::string& currency, std::ostream& out) {
  const ResultTable list = activity_plan_table(plan, "worklist");
  const ResultTable split = activity_plan_table(plan, "time_split");
  const Worklist& w = plan.worklist;
  out << "\nWhere the next hour goes: each owner's open deals ranked by win probability (model " << plan.model
      << ") x amount x the estimated lift of the step (the stage's playbook when the deal is off it: the change "
         "in the chance of advancing, from the low end of the playbook's 95% interval); deals without a lift "
         "after, longest silence first\n";
  if (w.owners.empty()) out << "  no open deal\n";
  for (const std::string& owner : w.owners) {
    out << "  " << (owner.empty() ? "(no owner)" : owner) << ":\n";
    view_table(list, render::worklist_view(), render::rows_where(list, "owner", owner), text_style(currency))
        .print(out, "    ");
  }
  out << "\nTime split, " << format_day(plan.time_split.from) << " to " << format_day(plan.time_split.to)
      << ": each owner's activities by stage and by deal size, beside the shares of their won revenue (a won "
         "deal's amount spread over its stages by its activities)\n";
  std::vector<std::string> owners;
  for (std::size_t r = 0; r < split.rows; ++r)
    if (owners.empty() || owners.back() != split.column("owner").texts[r]) owners.push_back(split.column("owner").texts[r]);
  if (owners.empty()) out << "  no activity and no won deal in the window\n";
  for (const std::string& owner : owners) {
    out << "  " << (owner.empty() ? "(no owner)" : owner) << ":\n";
    view_table(split, render::time_split_view(), render::rows_where(split, "owner", owner), text_style(currency))
        .print(out, "    ");
  }
}

// --owner names a deal owner of the book, or it is a usage error that lists them.
void check_owner(const Book& book, const std::string& owner) {
  const Dictionary& owners = book.dictionary(Dimension::owner);
  if (owner.empty() || owners.find(owner)) return;
  std::vector<std::string> names;
  for (Code c = 0; c < owners.size(); ++c)
    if (!owners[c].empty()) names.emplace_back(owners[c]);
  std::sort(names.begin(), names.end());
  std::string known;
  for (const std::string& name : names) known += (known.empty() ? "" : ", ") + name;
  throw UsageError("--owner " + owner + ": no deal of the book has this owner (" +
                   (known.empty() ? std::string("the book has no owners") : "owners: " + known) + ")");
}

}  // namespace

void add_activities_command(CLI::App& app, Run& run) {
  struct Options {
    BookSource source;
    ScopeOptions scope;
    std::string owner;
    ActivityEffectOptions effects;
    std::size_t worklist = 5;
    int split_days = 365;
    ModelOptions model;
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
  command->add_option("--worklist", options->worklist,
                      "Deals listed per owner in the worklist (where the next hour goes); 0 leaves the worklist and "
                      "the time split out (no model is fitted)")
      ->capture_default_str();
  command->add_option("--split-days", options->split_days,
                      "Days, ending at the as-of date, of the time split (activities and won revenue)")
      ->check(CLI::Range(1, 36600))
      ->capture_default_str();
  options->model.add_options(*command, true, false);
  command->add_flag("--all", options->all, "Text: list every comparison, not only the flagged ones");
  command->add_option("--format", options->format,
                      "Output format: table (text), json, or csv (the tables activity_effects, activity_stages, "
                      "activity_comparisons, and with the worklist worklist_summary, worklist, time_split; one file "
                      "each: see --out and --table)")
      ->check(CLI::IsMember({"table", "json", "csv"}))
      ->capture_default_str();
  options->tables.add_options(*command);
  command->callback([options, &run] {
    options->tables.check(options->format);
    if (!options->owner.empty()) options->scope.filters.push_back("owner=" + options->owner);
    run = [options] {
      const Book book = options->source.load();
      if (book.activities().size() == 0)
        throw std::invalid_argument("the book has no activities: what worked and the worklist need an activities.csv "
                                    "(see docs/data-format.md)");
      check_owner(book, options->owner);
      const Scope scope(book, options->scope.resolve(book));
      const ActivityEffects effects = activity_effects(scope, options->effects);
      std::optional<ActivityPlan> plan;
      if (options->worklist > 0)
        plan = activity_plan(scope, effects, options->model.resolve(book, scope.as_of()), {options->worklist},
                             options->split_days);
      std::vector<ResultTable> tables = activity_effects_tables(effects);
      if (plan)
        for (ResultTable& t : activity_plan_tables(*plan)) tables.push_back(std::move(t));
      if (options->format == "json") {
        std::cout << result_tables_json(tables) << '\n';
      } else if (options->format == "csv") {
        std::vector<std::string_view> names;
        for (const ResultTable& t : tables) names.push_back(t.name);
        // Names come from `tables`, so the lookup finds each one.
        const auto made = [&](std::string_view name) {
          return *std::find_if(tables.begin(), tables.end(), [&](const ResultTable& t) { return t.name == name; });
        };
        options->tables.write(names, made, std::cout);
      } else {
        print_activity_effects(effects, book.base_currency(), options->all, std::cout);
        if (plan) print_activity_plan(*plan, book.base_currency(), std::cout);
      }
      return 0;
    };
  });
}

}  // namespace pipecast::cli
