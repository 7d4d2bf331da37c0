#include "pipecast/analytics/activity_effects_tables.hpp"

#include "analytics/table_catalog.hpp"

namespace pipecast {
namespace {

ResultTable activity_effects_headline_table(const ActivityEffects& e) {
  TableBuilder t("activity_effects");
  t.day("as_of").integer("activities").integer("window_days", Unit::days).integer("min_deals");
  t.integer("min_support").number("fdr", Unit::fraction).integer("comparisons").integer("flagged");
  t.add(e.as_of).add(e.activities).add(e.options.window_days).add(e.options.min_deals);
  t.add(e.options.min_support).add(e.options.fdr).add(e.comparisons.size()).add(e.flagged());
  return std::move(t).finish();
}

ResultTable activity_stages_table(const ActivityEffects& e) {
  TableBuilder t("activity_stages");
  t.text("pipeline").text("stage").integer("advanced").integer("lost").integer("without_window");
  t.integer("open").text("playbook").text("playbook_measure").number("playbook_rate_ratio");
  t.number("playbook_q_value", Unit::fraction).integer("open_off_playbook");
  for (const ActivityStage& s : e.stages) {
    t.add(s.pipeline).add(s.stage).add(s.advanced).add(s.lost).add(s.without_window).add(s.open);
    t.add(s.playbook).add(s.playbook.empty() ? std::string_view() : to_string(s.playbook_measure));
    t.add(s.playbook_effect).add(s.playbook_q_value).add(s.open_off_playbook);
  }
  return std::move(t).finish();
}

ResultTable activity_comparisons_table(const ActivityEffects& e) {
  TableBuilder t("activity_comparisons");
  t.text("pipeline").text("stage").text("measure").text("pattern").integer("steps");
  t.integer("advanced").integer("lost").integer("advanced_with").integer("lost_with");
  t.number("advanced_value").number("lost_value").number("effect").number("effect_low").number("effect_high");
  t.number("p_value", Unit::fraction).number("q_value", Unit::fraction).flag("flagged").text("associated_with");
  for (const ActivityComparison& c : e.comparisons) {
    t.add(c.pipeline).add(c.stage).add(to_string(c.measure)).add(c.pattern).add(c.steps);
    t.add(c.advanced).add(c.lost).add(c.advanced_with).add(c.lost_with);
    t.add(c.advanced_value).add(c.lost_value).add(c.effect).add(c.effect_interval.low).add(c.effect_interval.high);
    t.add(c.p_value).add(c.q_value).add(c.flagged).add(c.associated_with);
  }
  return std::move(t).finish();
}

// Every table once: its name and the function that makes it.
constexpr tables::Entry<ActivityEffects> kActivityEffectsTableEntries[] = {
    {"activity_effects", activity_effects_headline_table},
    {"activity_stages", activity_stages_table},
    {"activity_comparisons", activity_comparisons_table},
};

}  // namespace

std::vector<std::string_view> activity_effects_table_names() { return tables::names(kActivityEffectsTableEntries); }

std::vector<ResultTable> activity_effects_tables(const ActivityEffects& effects) {
  return tables::all(kActivityEffectsTableEntries, effects);
}

ResultTable activity_effects_table(const ActivityEffects& effects, std::string_view name) {
  return tables::make(kActivityEffectsTableEntries, effects, name, "activity effects");
}

std::string to_json(const ActivityEffects& effects, int indent) {
  return result_tables_json(activity_effects_tables(effects), indent);
}

}  // namespace pipecast
