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

/// The times of the stays that ended, in order.
std::vector<std::int32_t> completed_times(const Stays& stays) {
  std::vector<std::int32_t> out;
  for (std::size_t k = 0; k < stays.time.size(); ++k)
    if (stays.next[k] != kCensored) out.push_back(stays.time[k]);
  std::sort(out.begin(), out.end());
  return out;
}

}  // namespace

MarkovWinParams fit_markov_win(const Book& book, Day as_of, int lookback_days) {
  const auto& stages = book.stages();
  MarkovWinParams params;
  params.stages = StageKeys::of(book);
  params.win_on_entry.assign(stages.size(), 0.0);
  params.win_by_dwell.assign(stages.size(), {});
  std::vector<std::uint8_t> position(stages.size());
  for (const Pipeline& p : book.pipelines())
    for (std::size_t j = 0; j < p.stages.size(); ++j)
      position[p.stages[j]] = static_cast<std::uint8_t>(std::min<std::size_t>(j, 254));
  const std::vector<Stays> stays = collect_stays(book, as_of, lookback_days, position);
  const int horizon = MarkovWinParams::kHorizonDays;

  double won_all = 0, closed_all = 0;
  for (const Pipeline& pipeline : book.pipelines()) {
    const auto n = static_cast<Eigen::Index>(pipeline.stages.size());
    if (n == 0) continue;
    const int causes = static_cast<int>(std::min<Eigen::Index>(n, 255));
    std::vector<CumulativeIncidence> exits(pipeline.stages.size());
    std::vector<bool> known(pipeline.stages.size(), false);
    double won_entries = 0, closed_entries = 0;
    for (Eigen::Index a = 0; a < n; ++a) {
      const StageId s = pipeline.stages[static_cast<std::size_t>(a)];
      if (stages[s].is_closed()) continue;
      const Stays& st = stays[s];
      exits[static_cast<std::size_t>(a)] = CumulativeIncidence::estimate(st.time, st.next, causes, horizon);
      const auto completed = static_cast<std::size_t>(
          std::count_if(st.next.begin(), st.next.end(), [](std::uint8_t c) { return c != kCensored; }));
      known[static_cast<std::size_t>(a)] = completed >= MarkovWinParams::kMinStays;
      for (std::uint8_t c : st.next) {
        if (c == kCensored) continue;
        const Stage& to = stages[pipeline.stages[c - 1u]];
        if (to.is_closed()) {
          closed_entries += 1;
          won_entries += to.kind == StageKind::won ? 1 : 0;
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
      auto& table = params.win_by_dwell[s];
      table.assign(static_cast<std::size_t>(horizon) + 1, params.win_on_entry[s]);
      if (!known[static_cast<std::size_t>(a)]) continue;
      const auto& f = exits[static_cast<std::size_t>(a)];
      const std::vector<std::int32_t> completed = completed_times(stays[s]);
      const double prior = MarkovWinParams::kDwellPriorStays;
      for (int d = 1; d <= horizon; ++d) {
        double weight = 0, win = 0;
        for (int c = 1; c <= causes; ++c) {
          const double later = f.incidence(c, horizon) - f.incidence(c, d);
          weight += later;
          win += later * params.win_on_entry[pipeline.stages[static_cast<std::size_t>(c - 1)]];
        }
        // Exits seen after day d, which the rate rests on.
        const auto seen = static_cast<double>(
            completed.end() - std::upper_bound(completed.begin(), completed.end(), d));
        // Few exits left to weigh: keep the last estimate rather than noise.
        table[static_cast<std::size_t>(d)] =
            weight > 1e-3 && seen > 0
                ? (std::clamp(win / weight, 0.0, 1.0) * seen + prior * params.win_on_entry[s]) / (seen + prior)
                : table[static_cast<std::size_t>(d - 1)];
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
