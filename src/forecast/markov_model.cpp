#include "pipecast/forecast/markov_model.hpp"

#include "forecast/loaded_values.hpp"

#include "pipecast/forecast/competing_risks.hpp"

#include <Eigen/Dense>

#include <algorithm>

namespace pipecast {
namespace {

/// The stays in open stages known at T: time in days and the next stage's
/// position in its pipeline + 1 (0 while the stay goes on).
struct Stays {
  std::vector<std::int32_t> time;
  std::vector<std::uint8_t> next;
};

std::vector<Stays> collect_stays(const Book& book, Day as_of, int lookback_days,
                                 const std::vector<std::uint8_t>& position) {
  std::vector<Stays> stays(book.stages().size());
  const auto& stages = book.stages();
  const auto h_stage = book.history_stage_column();
  const auto h_entered = book.history_entered_column();
  const AsOfView view(book, as_of);
  const Day since = as_of - lookback_days;
  auto add = [&](StageId s, Day entered, Day left, int next) {
    if (stages[s].is_closed() || entered < since) return;
    stays[s].time.push_back(std::max(0, left - entered));
    stays[s].next.push_back(static_cast<std::uint8_t>(next));
  };
  for (std::size_t k = 0; k < view.size(); ++k) {
    const DealIndex i = view.deal(k);
    const std::uint32_t begin = book.history_begin(i), end = view.history_end(k);
    if (begin == end) {
      add(view.stage(k), book.created_column()[i], as_of, kCensored);
      continue;
    }
    for (std::uint32_t r = begin; r < end;) {
      std::uint32_t next = r + 1;
      while (next < end && h_stage[next] == h_stage[r]) ++next;  // the same stay, re-entered
      if (next < end)
        add(h_stage[r], h_entered[r], h_entered[next], position[h_stage[next]] + 1);
      else
        add(h_stage[r], h_entered[r], as_of, kCensored);
      r = next;
    }
  }
  return stays;
}

const std::string kMarkovStays = "markov.stays";

/// Position in its pipeline of each stage (capped at 254: a cause is a byte).
std::vector<std::uint8_t> positions(const StageTable& table) {
  std::vector<std::uint8_t> position(table.stages.size());
  for (const Pipeline& p : table.pipelines)
    for (std::size_t j = 0; j < p.stages.size(); ++j)
      position[p.stages[j]] = static_cast<std::uint8_t>(std::min<std::size_t>(j, 254));
  return position;
}

/// One open stage's stays, tallied: what the chain needs of them.
struct StayCounts {
  std::vector<double> events;       // the estimator's table: [cause][day], day 0..horizon
  std::vector<double> next;         // completed stays by cause (next position + 1)
  std::vector<double> ended_after;  // [d]: completed stays longer than d days, d 0..horizon
  std::size_t observations = 0;
  std::size_t completed = 0;
};

StayCounts stay_counts(const CountTable& table, StageId s, int causes, int horizon) {
  const auto days = static_cast<std::size_t>(horizon) + 1;
  StayCounts out;
  out.events.assign(static_cast<std::size_t>(causes + 1) * days, 0.0);
  out.next.assign(static_cast<std::size_t>(causes + 1), 0.0);
  std::vector<double> ended_at(days + 1, 0.0);
  for (auto it = table.lower_bound(table_key(s, 0, 0)); it != table.end() && split_key(it->first).a == s; ++it) {
    const TableKey key = split_key(it->first);
    const auto n = it->second;
    if (key.b > causes || key.c > days) throw std::invalid_argument("markov statistics: a stay out of range");
    // As CumulativeIncidence::estimate counts them: past the horizon, censored at it.
    const std::size_t c = key.c > static_cast<std::uint32_t>(horizon) ? 0 : key.b;
    out.events[c * days + std::min<std::size_t>(key.c, days - 1)] += static_cast<double>(n);
    out.observations += n;
    if (key.b == kCensored) continue;
    out.completed += n;
    out.next[key.b] += static_cast<double>(n);
    ended_at[key.c] += static_cast<double>(n);
  }
  out.ended_after.assign(days, 0.0);
  double later = ended_at[days];
  for (std::size_t d = days; d-- > 0;) {
    out.ended_after[d] = later;
    later += ended_at[d];
  }
  return out;
}

}  // namespace

void add_markov_statistics(const Book& book, Day as_of, int lookback_days, FitStatistics& stats) {
  const std::vector<Stays> stays = collect_stays(book, as_of, lookback_days, positions(StageTable::of(book)));
  const auto beyond = static_cast<std::int32_t>(MarkovWinParams::kHorizonDays) + 1;
  CountTable& table = stats.counts[kMarkovStays];
  for (StageId s = 0; s < stays.size(); ++s)
    for (std::size_t k = 0; k < stays[s].time.size(); ++k)
      ++table[table_key(s, stays[s].next[k], static_cast<std::uint32_t>(std::min(stays[s].time[k], beyond)))];
}

MarkovWinParams fit_markov_win(const Book& book, Day as_of, int lookback_days) {
  FitStatistics stats;
  add_markov_statistics(book, as_of, lookback_days, stats);
  return markov_win_from(StageTable::of(book), stats);
}

MarkovWinParams markov_win_from(const StageTable& table, const FitStatistics& stats) {
  const auto& stages = table.stages;
  MarkovWinParams params;
  params.stages = StageKeys::of(table.pipelines, table.stages);
  params.win_on_entry.assign(stages.size(), 0.0);
  params.win_by_dwell.assign(stages.size(), {});
  const CountTable& stays = stats.count_table(kMarkovStays);
  const int horizon = MarkovWinParams::kHorizonDays;

  double won_all = 0, closed_all = 0;
  for (const Pipeline& pipeline : table.pipelines) {
    const auto n = static_cast<Eigen::Index>(pipeline.stages.size());
    if (n == 0) continue;
    const int causes = static_cast<int>(std::min<Eigen::Index>(n, 255));
    std::vector<CumulativeIncidence> exits(pipeline.stages.size());
    std::vector<StayCounts> counts(pipeline.stages.size());
    std::vector<bool> known(pipeline.stages.size(), false);
    double won_entries = 0, closed_entries = 0;
    for (Eigen::Index a = 0; a < n; ++a) {
      const StageId s = pipeline.stages[static_cast<std::size_t>(a)];
      if (stages[s].is_closed()) continue;
      StayCounts& st = counts[static_cast<std::size_t>(a)];
      st = stay_counts(stays, s, causes, horizon);
      exits[static_cast<std::size_t>(a)] = CumulativeIncidence::from_events(
          st.events, static_cast<double>(st.observations), st.observations, causes, horizon);
      known[static_cast<std::size_t>(a)] = st.completed >= MarkovWinParams::kMinStays;
      for (int c = 1; c <= causes; ++c) {
        const Stage& to = stages[pipeline.stages[static_cast<std::size_t>(c - 1)]];
        if (to.is_closed()) {
          closed_entries += st.next[static_cast<std::size_t>(c)];
          won_entries += to.kind == StageKind::won ? st.next[static_cast<std::size_t>(c)] : 0;
        }
      }
    }
    won_all += won_entries;
    closed_all += closed_entries;
    // A stage with too few completed stays gets the pipeline's closing win rate.
    const double fallback = closed_entries > 0 ? won_entries / closed_entries : 0.0;

    // x = P(won eventually | entering each stage): x_a = sum_j pi_aj x_j.
    Eigen::MatrixXd a_matrix = Eigen::MatrixXd::Identity(n, n);
    Eigen::VectorXd rhs = Eigen::VectorXd::Zero(n);
    for (Eigen::Index a = 0; a < n; ++a) {
      const Stage& stage = stages[pipeline.stages[static_cast<std::size_t>(a)]];
      if (stage.is_closed()) {
        rhs(a) = stage.kind == StageKind::won ? 1.0 : 0.0;
      } else if (!known[static_cast<std::size_t>(a)]) {
        // Nothing closed in this pipeline yet: the CRM's probability is all we have.
        rhs(a) = closed_entries > 0 ? fallback : stage.probability;
      } else {
        const auto& f = exits[static_cast<std::size_t>(a)];
        double total = 0;
        for (int c = 1; c <= causes; ++c) total += f.incidence(c, horizon);
        for (int c = 1; c <= causes; ++c) a_matrix(a, c - 1) -= f.incidence(c, horizon) / total;
      }
    }
    Eigen::FullPivLU<Eigen::MatrixXd> lu(a_matrix);
    Eigen::VectorXd x = lu.isInvertible() ? Eigen::VectorXd(lu.solve(rhs))
                                          : Eigen::VectorXd::Constant(n, fallback);
    for (Eigen::Index a = 0; a < n; ++a) {
      const StageId s = pipeline.stages[static_cast<std::size_t>(a)];
      params.win_on_entry[s] = std::clamp(x(a), 0.0, 1.0);
    }
    // Weigh each open stage's exits by the time already spent in it.
    for (Eigen::Index a = 0; a < n; ++a) {
      const StageId s = pipeline.stages[static_cast<std::size_t>(a)];
      if (stages[s].is_closed()) continue;
      auto& dwell = params.win_by_dwell[s];
      dwell.assign(static_cast<std::size_t>(horizon) + 1, params.win_on_entry[s]);
      if (!known[static_cast<std::size_t>(a)]) continue;
      const auto& f = exits[static_cast<std::size_t>(a)];
      const std::vector<double>& ended_after = counts[static_cast<std::size_t>(a)].ended_after;
      const double prior = MarkovWinParams::kDwellPriorStays;
      for (int d = 1; d <= horizon; ++d) {
        double weight = 0, win = 0;
        for (int c = 1; c <= causes; ++c) {
          const double later = f.incidence(c, horizon) - f.incidence(c, d);
          weight += later;
          win += later * params.win_on_entry[pipeline.stages[static_cast<std::size_t>(c - 1)]];
        }
        // Exits seen after day d, which the rate rests on.
        const double seen = ended_after[static_cast<std::size_t>(d)];
        // Few exits left to weigh: keep the last estimate rather than noise.
        dwell[static_cast<std::size_t>(d)] =
            weight > 1e-3 && seen > 0
                ? (std::clamp(win / weight, 0.0, 1.0) * seen + prior * params.win_on_entry[s]) / (seen + prior)
                : dwell[static_cast<std::size_t>(d - 1)];
      }
    }
  }
  params.overall = closed_all > 0 ? won_all / closed_all : 0.0;
  return params;
}

void MarkovWinModel::predict(const Book& book, const DealStates& deals, std::span<double> out) const {
  const std::vector<std::uint32_t> map = params_.stages.map_to(book);
  for (std::size_t i = 0; i < deals.size(); ++i) {
    const std::uint32_t m = map[deals.stage[i]];
    if (m == kUnknownStage || params_.win_by_dwell[m].empty()) {
      out[i] = m == kUnknownStage ? params_.overall : params_.win_on_entry[m];
      continue;
    }
    const auto& table = params_.win_by_dwell[m];
    out[i] = table[std::min<std::size_t>(static_cast<std::size_t>(std::max(0, deals.days_in_stage[i])),
                                         table.size() - 1)];
  }
}

ModelSpec markov_model_spec() {
  ModelSpec spec;
  spec.name = "markov";
  spec.description = "absorbing semi-Markov chain over stages, regressions included, weighed by time in stage";
  spec.needs_training = false;
  spec.fit_win = [](const FitContext& context, const FitOptions& options) {
    return std::make_shared<const MarkovWinModel>(
        fit_markov_win(context.book, context.as_of, options.training.lookback_days));
  };
  return spec;
}

std::string MarkovWinParams::flaw() const {
  if (auto f = stages.flaw(); !f.empty()) return "markov model: " + f;
  if (win_on_entry.size() != stages.size() || win_by_dwell.size() != stages.size())
    return "markov model: tables do not match the stages";
  if (!loaded::probabilities(win_on_entry) || !loaded::probability(overall))
    return "markov model: a probability outside 0..1";
  for (const auto& table : win_by_dwell)
    if (table.size() > static_cast<std::size_t>(kHorizonDays) + 1 || !loaded::probabilities(table))
      return "markov model: a table by days in stage is not a list of probabilities";
  return "";
}

}  // namespace pipecast
