#include "pipecast/analytics/summary_table.hpp"

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

}  // namespace pipecast
