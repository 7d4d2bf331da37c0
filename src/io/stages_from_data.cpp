#include "io/stages_from_data.hpp"

#include "core/quoted_text.hpp"
#include "io/cell_formats.hpp"
#include "io/wide_history.hpp"

#include <algorithm>
#include <array>
#include <cmath>
#include <limits>
#include <map>
#include <string>
#include <tuple>
#include <unordered_map>
#include <utility>

namespace pipecast {
namespace {

// What the rows say about one stage of one pipeline.
struct StageEvidence {
  std::size_t first_seen = 0;             // the row that named it first: the last tie-break
  std::array<std::size_t, 3> kinds{};     // deals giving open, won, lost
  std::map<double, std::size_t> probabilities;  // value -> deals giving it
  std::map<double, std::size_t> orders;         // value -> deals giving it
  double rank_sum = 0;                    // of its first-entry ranks in the deals' histories
  std::size_t ranked = 0;

  template <typename T>
  static std::optional<T> most_common(const std::map<T, std::size_t>& counts) {
    std::optional<T> best;
    std::size_t most = 0;
    for (const auto& [value, count] : counts)
      if (count > most) best = value, most = count;
    return best;
  }
};

using StageKey = std::pair<std::string, std::string>;  // pipeline, stage

class Collector {
 public:
  explicit Collector(const StagesFromData& spec) : spec_(spec) {}

  void read_deals(TableInput& in, const std::string& stopped_stage_column, const HistoryFromColumns* wide_history,
                  std::vector<Diagnostic>& warnings) {
    const FieldRef id = in.field("id"), pipeline = in.field("pipeline"), stage = in.field("stage");
    const FieldRef kind = in.computed("kind", spec_.kind, warnings);
    const FieldRef probability = in.column_named(spec_.probability, spec_.probability_form);
    const FieldRef order = in.column_named(spec_.order);
    const FieldRef stopped = in.column_named(stopped_stage_column);
    std::vector<std::pair<WideHistoryColumn, FieldRef>> wide;
    if (wide_history)
      for (WideHistoryColumn& w : wide_history_columns(wide_history->header, in.header()))
        wide.emplace_back(w, in.column_named(in.header()[static_cast<std::size_t>(w.column)]));
    while (in.next()) {
      for (const auto& [w, f] : wide) {
        if (!w.pipeline.empty() && w.pipeline != in.text(pipeline)) continue;
        bool ok = true;
        const Day day = in.date(f, ok);
        if (ok && day != kNoDay) {
          (void)evidence(in.text(pipeline), w.stage);
          entries_[std::string(in.text(id))].push_back({day, -1, 1, w.stage});
        }
      }
      if (!in.raw(stopped).empty()) (void)evidence(in.text(pipeline), in.raw(stopped));
      if (in.text(stage).empty()) continue;
      StageEvidence& e = evidence(in.text(pipeline), in.text(stage));
      if (const auto k = parse_stage_kind(in.raw(kind))) ++e.kinds[static_cast<std::size_t>(*k)];
      count(in, probability, e.probabilities);
      count(in, order, e.orders);
      pipeline_of_[std::string(in.text(id))] = std::string(in.text(pipeline));
    }
  }

  // `previous_stage`: the header of the stage a row of a change log moved
  // from (a stage too, entered just before).
  void read_history(TableInput& in, const std::string& previous_stage) {
    const FieldRef id = in.field("opportunity_id"), stage = in.field("stage"), entered = in.field("entered");
    const FieldRef probability = in.column_named(spec_.probability, spec_.probability_form);
    const FieldRef previous = in.column_named(previous_stage);
    while (in.next()) {
      const auto deal = pipeline_of_.find(std::string(in.text(id)));
      if (deal == pipeline_of_.end() || in.text(stage).empty()) continue;
      bool ok = true;
      const Day day = in.date(entered, ok);
      if (!ok || day == kNoDay) continue;
      const int second = csv::second_of_day(in.text(entered));
      if (const std::string_view from = in.raw(previous); !from.empty() && from != in.text(stage)) {
        (void)evidence(deal->second, from);
        entries_[deal->first].push_back({day, second, 0, std::string(from)});
      }
      entries_[deal->first].push_back({day, second, 1, std::string(in.text(stage))});
      count(in, probability, evidence(deal->second, in.text(stage)).probabilities);
    }
  }

  // Ranks each stage by when the deals' histories first enter it.
  void rank_history() {
    for (auto& [deal, entries] : entries_) {
      if (!pipeline_of_.contains(deal)) continue;
      std::stable_sort(entries.begin(), entries.end(), [](const Entry& a, const Entry& b) {
        return std::tie(a.day, a.second, a.after) < std::tie(b.day, b.second, b.after);
      });
      std::vector<const StageEvidence*> seen;  // the stages in the order the deal first entered them
      for (const Entry& entry : entries) {
        StageEvidence& e = evidence(pipeline_of_[deal], entry.stage);
        if (std::find(seen.begin(), seen.end(), &e) != seen.end()) continue;
        e.rank_sum += static_cast<double>(seen.size());
        ++e.ranked;
        seen.push_back(&e);
      }
      sequences_.push_back(std::move(seen));
    }
  }

  std::vector<StageDefinition> stages(std::vector<Diagnostic>& warnings) const {
    std::map<std::string, std::vector<std::pair<std::string, const StageEvidence*>>> by_pipeline;
    for (const auto& [key, e] : evidence_) by_pipeline[key.first].emplace_back(key.second, &e);
    std::vector<StageDefinition> out;
    for (auto& [pipeline_name, stages] : by_pipeline) {
      const std::string& pipeline = pipeline_name;  // a lambda below captures it (clang cannot capture a binding)
      std::vector<StageDefinition> open, won, lost;
      std::vector<const StageEvidence*> open_evidence;
      for (const auto& [name, e] : stages) {
        const StageKind kind = kind_of(pipeline, name, *e, warnings);
        StageDefinition d{pipeline, name, 0, kind == StageKind::won ? 1.0 : 0.0, kind, {}};
        if (const auto p = StageEvidence::most_common(e->probabilities)) d.probability = std::clamp(*p, 0.0, 1.0);
        if (kind == StageKind::open) open.push_back(d), open_evidence.push_back(e);
        else (kind == StageKind::won ? won : lost).push_back(d);
      }
      const bool evidence_of_order = std::any_of(open_evidence.begin(), open_evidence.end(), [&](const StageEvidence* e) {
        return !e->orders.empty() || e->ranked > 0;
      });
      if (open.size() > 1 && !evidence_of_order)
        warnings.push_back(Diagnostic{"stages_from_data", 0, 0,
                                      "pipeline " + in_quotes(pipeline) + ": nothing tells the order of its " +
                                          std::to_string(open.size()) +
                                          " open stages (no order column, no stage history): they are ordered by "
                                          "probability, then as the deals first name them; a stages file gives "
                                          "their real order"});
      order_open(open, open_evidence);
      const auto by_first_seen = [&](const StageDefinition& a, const StageDefinition& b) {
        return evidence_.at({pipeline, a.stage}).first_seen < evidence_.at({pipeline, b.stage}).first_seen;
      };
      std::sort(won.begin(), won.end(), by_first_seen);
      std::sort(lost.begin(), lost.end(), by_first_seen);
      int order = 0;
      for (auto* group : {&open, &won, &lost})
        for (StageDefinition& d : *group) {
          d.order = ++order;
          out.push_back(std::move(d));
        }
    }
    return out;
  }

 private:
  StageEvidence& evidence(std::string_view pipeline, std::string_view stage) {
    const auto [it, added] = evidence_.try_emplace(StageKey{std::string(pipeline), std::string(stage)});
    if (added) it->second.first_seen = seen_++;
    return it->second;
  }

  static void count(TableInput& in, const FieldRef& f, std::map<double, std::size_t>& counts) {
    if (f.column < 0) return;
    bool ok = true;
    const double value = in.number(f, ok);
    if (ok && std::isfinite(value)) ++counts[value];
  }

  // The kind most of the stage's deals give (a stage only the history names
  // is open: closed stages end a deal's history).
  static StageKind kind_of(const std::string& pipeline, const std::string& stage, const StageEvidence& e,
                           std::vector<Diagnostic>& warnings) {
    const auto most = static_cast<std::size_t>(std::max_element(e.kinds.begin(), e.kinds.end()) - e.kinds.begin());
    const StageKind kind = e.kinds[most] == 0 ? StageKind::open : static_cast<StageKind>(most);
    const std::size_t others = e.kinds[0] + e.kinds[1] + e.kinds[2] - e.kinds[most];
    if (others > 0)
      warnings.push_back(Diagnostic{"stages_from_data", 0, 0,
                                    "stage " + in_quotes(stage) + " of pipeline " + in_quotes(pipeline) + ": " +
                                        std::to_string(others) + " of its deals say another kind than " +
                                        std::string(to_string(kind)) + ", which most say"});
    return kind;
  }

  // Where an open stage without an order of its own goes among those with
  // one (a stage only the history names has no StageSortOrder): just before
  // the first ordered stage that the deals entering both enter after it more
  // often than before; after them all when there is none.
  double order_from_history(const StageEvidence& stage, const std::vector<const StageEvidence*>& ordered) const {
    double last = -std::numeric_limits<double>::infinity();
    for (const StageEvidence* other : ordered) {
      const double order = *StageEvidence::most_common(other->orders);
      last = std::max(last, order);
      std::size_t before = 0, after = 0;
      for (const auto& sequence : sequences_) {
        const auto a = std::find(sequence.begin(), sequence.end(), &stage);
        const auto b = std::find(sequence.begin(), sequence.end(), other);
        if (a == sequence.end() || b == sequence.end()) continue;
        ++(a < b ? before : after);
      }
      if (before > after) return order - 0.5;
    }
    return last + 0.5;
  }

  // Open stages by the mapping's order column (placing those without one by
  // the history), else by their mean rank in the histories, else (never
  // entered in a history) by probability.
  void order_open(std::vector<StageDefinition>& open, const std::vector<const StageEvidence*>& evidence) const {
    std::vector<std::size_t> index(open.size());
    for (std::size_t i = 0; i < index.size(); ++i) index[i] = i;
    constexpr double kLast = std::numeric_limits<double>::infinity();
    std::vector<const StageEvidence*> ordered;  // by their order
    for (const StageEvidence* e : evidence)
      if (!e->orders.empty()) ordered.push_back(e);
    std::sort(ordered.begin(), ordered.end(), [](const StageEvidence* a, const StageEvidence* b) {
      return *StageEvidence::most_common(a->orders) < *StageEvidence::most_common(b->orders);
    });
    const auto key = [&](std::size_t i) {
      const StageEvidence& e = *evidence[i];
      double primary = kLast;
      if (!spec_.order.empty()) {
        if (!e.orders.empty()) primary = *StageEvidence::most_common(e.orders);
        else if (e.ranked > 0) primary = order_from_history(e, ordered);
      } else if (e.ranked > 0) {
        primary = e.rank_sum / static_cast<double>(e.ranked);
      }
      return std::tuple(primary, open[i].probability, e.first_seen);
    };
    std::sort(index.begin(), index.end(), [&](std::size_t a, std::size_t b) { return key(a) < key(b); });
    std::vector<StageDefinition> sorted;
    for (std::size_t i : index) sorted.push_back(std::move(open[i]));
    // Open stages no deal gave a probability for: spread evenly below 1.
    for (std::size_t i = 0; i < sorted.size(); ++i)
      if (evidence[index[i]]->probabilities.empty())
        sorted[i].probability = static_cast<double>(i + 1) / static_cast<double>(sorted.size() + 1);
    open = std::move(sorted);
  }

  const StagesFromData& spec_;
  std::map<StageKey, StageEvidence> evidence_;
  std::size_t seen_ = 0;
  std::unordered_map<std::string, std::string> pipeline_of_;  // deal id -> pipeline
  std::vector<std::vector<const StageEvidence*>> sequences_;   // per deal, the stages as first entered
  struct Entry {
    Day day;
    int second;  // of the day, -1 when unknown
    int after;   // 0: the stage a logged change left, 1: the stage it entered
    std::string stage;
  };
  std::unordered_map<std::string, std::vector<Entry>> entries_;  // deal -> the stages it entered
};

}  // namespace

std::vector<StageDefinition> stages_from_data(const StagesFromData& spec, TableInput& opportunities,
                                              TableInput* history, const std::string& stopped_stage_column,
                                              const HistoryFromColumns* wide_history, const std::string& previous_stage,
                                              std::vector<Diagnostic>& warnings) {
  Collector collector(spec);
  collector.read_deals(opportunities, stopped_stage_column, wide_history, warnings);
  if (history) collector.read_history(*history, previous_stage);
  collector.rank_history();
  return collector.stages(warnings);
}

}  // namespace pipecast
