#include "pipecast/analytics/summary_table.hpp"

#include "analytics/result_table_json.hpp"

#include <nlohmann/json.hpp>

namespace pipecast {

ResultTable summary_table(const Summary& summary) {
  TableBuilder t("summary");
  t.day("as_of").text("pipeline").text("stage").text("kind").number("probability", Unit::fraction);
  t.integer("count").number("amount", Unit::currency).number("weighted_amount", Unit::currency);
  for (const StageSummary& s : summary.by_stage) {
    const double weighted = s.kind == StageKind::open ? s.probability * s.amount : 0.0;
    t.add(summary.as_of).add(s.pipeline).add(s.stage).add(to_string(s.kind)).add(s.probability);
    t.add(s.count).add(s.amount).add(weighted);
  }
  return std::move(t).finish();
}

std::string to_json(const Summary& s, int indent) {
  const nlohmann::ordered_json j = {{"as_of", format_day(s.as_of)},
                                    {"currency", s.currency},
                                    {"opportunities", s.opportunities},
                                    {"open", s.open},
                                    {"won", s.won},
                                    {"lost", s.lost},
                                    {"open_amount", s.open_amount},
                                    {"weighted_amount", s.weighted_amount},
                                    {"won_amount", s.won_amount},
                                    {"lost_amount", s.lost_amount},
                                    {"missing_amount", s.missing_amount},
                                    {"summary", result_table_json_value(summary_table(s))}};
  return j.dump(indent, ' ', false, nlohmann::ordered_json::error_handler_t::replace);
}

}  // namespace pipecast
