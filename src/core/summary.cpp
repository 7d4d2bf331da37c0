#include "pipecast/core/summary.hpp"

namespace pipecast {

Summary summarize(const AsOfView& view) {
  const Book& book = view.book();
  Summary s;
  s.as_of = view.as_of();
  s.currency = book.base_currency();
  s.opportunities = view.size();

  std::vector<std::size_t> count(book.stages().size(), 0);
  std::vector<double> amount(book.stages().size(), 0.0);
  for (std::size_t k = 0; k < view.size(); ++k) {
    const StageId stage = view.stage(k);
    double value = view.amount_in_base(k);
    if (is_blank(value)) {
      ++s.missing_amount;
      value = 0.0;
    }
    ++count[stage];
    amount[stage] += value;
  }
  for (const auto& pipeline : book.pipelines()) {
    for (StageId id : pipeline.stages) {
      const Stage& stage = book.stages()[id];
      s.by_stage.push_back({pipeline.name, stage.name, stage.kind, stage.probability, count[id], amount[id]});
      switch (stage.kind) {
        case StageKind::open:
          s.open += count[id];
          s.open_amount += amount[id];
          s.weighted_amount += stage.probability * amount[id];
          break;
        case StageKind::won:
          s.won += count[id];
          s.won_amount += amount[id];
          break;
        case StageKind::lost:
          s.lost += count[id];
          s.lost_amount += amount[id];
          break;
      }
    }
  }
  return s;
}

}  // namespace pipecast
