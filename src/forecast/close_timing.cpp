#include "pipecast/forecast/close_timing.hpp"

#include "forecast/loaded_values.hpp"

#include <algorithm>
#include <optional>
#include <stdexcept>
#include <unordered_map>
#include <utility>

namespace pipecast {

double TimingCurve::within(int days) const {
  if (days < 0 || cdf.empty()) return days < 0 ? 0.0 : 1.0;
  return cdf[std::min(static_cast<std::size_t>(days), cdf.size() - 1)];
}

int TimingCurve::median() const {
  if (cdf.empty()) return 0;
  // Rounding in the curve must not push the median a day later.
  const auto it = std::lower_bound(cdf.begin(), cdf.end(), 0.5 * cdf.back() * (1.0 - 1e-12));
  return static_cast<int>(it - cdf.begin());
}

TimingCurve point_curve() { return TimingCurve{{1.0}}; }

std::optional<TimingCurve> won_timing(const CumulativeIncidence& incidence) {
  const int horizon = incidence.horizon();
  const double won = incidence.incidence(1, horizon);
  if (!(won > 0.0)) return std::nullopt;
  // The deals still open when the history ends (the survival left at the
  // horizon) are not assumed to close: a deal that lingers where others
  // like it lingered is not booked next month.  Whether a deal closes is
  // taken to say nothing about whether it is won.
  const double closes = std::clamp(1.0 - incidence.survival(horizon), 0.0, 1.0);
  TimingCurve curve;
  curve.cdf.resize(static_cast<std::size_t>(horizon) + 1);
  for (int d = 0; d <= horizon; ++d)
    curve.cdf[static_cast<std::size_t>(d)] = std::min(1.0, incidence.incidence(1, d) / won) * closes;
  curve.cdf.back() = closes;
  return curve;
}

std::size_t days_in_stage_band(int days_in_stage) {
  std::size_t band = 0;
  while (band < CloseTiming::kBandEdges.size() && days_in_stage > CloseTiming::kBandEdges[band]) ++band;
  return band;
}

namespace {

constexpr std::uint8_t kWon = 1, kLost = 2;

const std::string kTimingWeight = "timing.weight", kTimingRows = "timing.rows", kTimingRecency = "timing.recency";
// A segment's tables: these and "|", then its name.
const std::string kSegmentSuffix = "|";

// A group's observations, as the estimator counts them: weights by outcome
// and day (past the horizon: censored at it), how many, and the sums of
// their recency weights and of their squares.
struct Sample {
  std::vector<ExactSum> events;  // [cause][day]
  std::uint64_t rows = 0;
  double recency = 0.0, recency_squared = 0.0;

  // Kish's effective number of observations: rows when every weight is 1.
  double effective_rows() const {
    return recency_squared > 0.0 ? recency * recency / recency_squared : static_cast<double>(rows);
  }
};

std::optional<TimingCurve> curve_of(const Sample& sample) {
  // 1e-9 of slack: n equal weights must count as n, rounding or not.
  if (sample.rows < CloseTiming::kMinObservations || sample.events.empty() ||
      sample.effective_rows() < static_cast<double>(CloseTiming::kMinObservations) * (1.0 - 1e-9))
    return std::nullopt;
  std::vector<double> events(sample.events.size(), 0.0);
  ExactSum total;
  for (std::size_t k = 0; k < events.size(); ++k) {
    events[k] = sample.events[k].value();
    total.add(sample.events[k]);
  }
  return won_timing(CumulativeIncidence::from_events(events, total.value(), sample.rows, 2,
                                                     CloseTiming::kHorizonDays));
}

constexpr std::size_t kDays = static_cast<std::size_t>(CloseTiming::kHorizonDays) + 1;

std::size_t group_count(std::size_t stages) { return 1 + stages * (1 + CloseTiming::kBands); }
std::size_t stage_group(std::size_t stage) { return 1 + stage; }
std::size_t band_group(std::size_t stages, std::size_t stage, std::size_t band) {
  return 1 + stages + stage * CloseTiming::kBands + band;
}

// One training row as the estimator counts it.
struct Observation {
  std::size_t cause, day;
  double weight;
  Day snapshot;
};

// A row's recency weight depends on its snapshot alone, and the training
// set lists its rows snapshot by snapshot: each group counts its rows of the
// snapshot being read, and when the snapshot changes the count times the
// snapshot's weight goes to the group's sums exactly (ExactSum::add_multiple),
// the very sums the rows' weights one by one would make, for a few adds a
// group and snapshot instead of two a row.
struct Recency {
  int half_life_days = 0;
  Day as_of = 0;
  double of(Day snapshot) const { return recency_weight(half_life_days, as_of - snapshot); }
  // Adds `rows` rows of `snapshot` to a group's sums of weights and of squares.
  void add(Day snapshot, std::uint64_t rows, ExactSum& sum, ExactSum& squares) const {
    const double w = of(snapshot);
    sum.add_multiple(w, rows);
    squares.add_multiple(w * w, rows);
  }
};

Observation observation(const TrainingSet& training, std::size_t r, const Recency& recency) {
  // Weighted by amount: a period forecast sums money, and big deals move at
  // their own pace (a curve of deal counts would book them too early).  A
  // deal without an amount still counts, as one unit.
  const Day snapshot = training.snapshot[r];
  const double weight = (training.rows.amount[r] > 0.0 ? training.rows.amount[r] : 1.0) * recency.of(snapshot);
  const std::int32_t time = std::max(1, training.days_to_close[r]);
  const Outcome outcome = time > CloseTiming::kHorizonDays ? Outcome::open : training.outcome[r];
  const std::size_t cause = outcome == Outcome::won ? kWon : outcome == Outcome::lost ? kLost : kCensored;
  return {cause, static_cast<std::size_t>(std::min(time, CloseTiming::kHorizonDays)), weight, snapshot};
}

// The segment-blind groups' cells, dense: there are few of them.
struct DenseCells {
  std::vector<ExactSum> cells;
  std::vector<std::uint64_t> rows;
  std::vector<ExactSum> recency;      // [group][sum, sum of squares]
  std::vector<std::uint64_t> latest;  // [group]: rows of `snapshot` not yet in `recency`
  Day snapshot = kNoDay;
  explicit DenseCells(std::size_t groups)
      : cells(groups * 3 * kDays), rows(groups, 0), recency(2 * groups), latest(groups, 0) {}
  void add(std::size_t group, const Observation& o, const Recency& r) {
    if (o.snapshot != snapshot) flush(r);
    snapshot = o.snapshot;
    cells[(group * 3 + o.cause) * kDays + o.day].add(o.weight);
    ++rows[group];
    ++latest[group];
  }
  void flush(const Recency& r) {
    for (std::size_t group = 0; group < latest.size(); ++group)
      if (latest[group] > 0)
        r.add(snapshot, std::exchange(latest[group], 0), recency[2 * group], recency[2 * group + 1]);
  }
  void write_to(SumTable& weights, CountTable& counts, SumTable& recencies, const Recency& r) {
    flush(r);
    for (std::size_t group = 0; group < rows.size(); ++group) {
      if (rows[group] == 0) continue;
      counts[group] += rows[group];
      const auto g = static_cast<std::uint32_t>(group);
      for (std::uint8_t k = 0; k < 2; ++k) recencies[table_key(g, k, 0)].add(recency[2 * group + k]);
      for (std::uint8_t cause = 0; cause < 3; ++cause)
        for (std::size_t day = 0; day < kDays; ++day)
          if (const ExactSum& cell = cells[(group * 3 + cause) * kDays + day]; !cell.is_zero())
            weights[table_key(g, cause, static_cast<std::uint32_t>(day))].add(cell);
    }
  }
};

// A segment's cells, sparse: a book may have many segments of few deals.
struct SparseCells {
  std::unordered_map<std::uint64_t, ExactSum> cells, recency;
  std::unordered_map<std::uint64_t, std::uint64_t> rows;
  std::unordered_map<std::uint32_t, std::uint64_t> latest;  // as DenseCells::latest
  Day snapshot = kNoDay;
  void add(std::size_t group, const Observation& o, const Recency& r) {
    if (o.snapshot != snapshot) flush(r);
    snapshot = o.snapshot;
    const auto g = static_cast<std::uint32_t>(group);
    cells[table_key(g, static_cast<std::uint8_t>(o.cause), static_cast<std::uint32_t>(o.day))].add(o.weight);
    ++rows[g];
    ++latest[g];
  }
  void flush(const Recency& r) {
    for (const auto& [g, n] : latest) r.add(snapshot, n, recency[table_key(g, 0, 0)], recency[table_key(g, 1, 0)]);
    latest.clear();
  }
  void write_to(SumTable& weights, CountTable& counts, SumTable& recencies, const Recency& r) {
    flush(r);
    for (const auto& [group, n] : rows) counts[group] += n;
    for (const auto& [key, cell] : cells) weights[key].add(cell);
    for (const auto& [key, sum] : recency) recencies[key].add(sum);
  }
};

// The samples of the groups of the timing's tables whose names end in `suffix`.
std::vector<Sample> samples_of(const FitStatistics& stats, const std::string& suffix, std::size_t groups) {
  const SumTable& weights = stats.sum_table(kTimingWeight + suffix);
  std::vector<Sample> samples(groups);
  for (const auto& [group, n] : stats.count_table(kTimingRows + suffix)) {
    if (group >= groups) throw std::invalid_argument("close timing statistics: a group out of range");
    samples[group].rows = n;
  }
  for (const auto& [key, sum] : stats.sum_table(kTimingRecency + suffix)) {
    const TableKey k = split_key(key);
    if (k.a >= groups || k.b > 1 || k.c != 0) throw std::invalid_argument("close timing statistics: a weight out of range");
    (k.b == 0 ? samples[k.a].recency : samples[k.a].recency_squared) = sum.value();
  }
  // Only the groups that can have a curve get their cells: a book may have
  // many small segments.
  for (const auto& [key, sum] : weights) {
    const TableKey k = split_key(key);
    if (k.a >= groups || k.b > 2 || k.c >= kDays)
      throw std::invalid_argument("close timing statistics: a cell out of range");
    Sample& sample = samples[k.a];
    if (sample.rows < CloseTiming::kMinObservations) continue;
    if (sample.events.empty()) sample.events.resize(3 * kDays);
    sample.events[k.b * kDays + k.c].add(sum);
  }
  return samples;
}

// The names of the kMaxSegments segments with the most snapshots (ties by
// name), sorted.
std::vector<std::string> segments_in(const FitStatistics& stats, std::size_t stages) {
  const std::string prefix = kTimingRows + kSegmentSuffix;
  std::vector<std::pair<std::uint64_t, std::string>> by_rows;  // (rows, name)
  for (auto it = stats.counts.lower_bound(prefix); it != stats.counts.end() && it->first.starts_with(prefix); ++it) {
    std::uint64_t rows = 0;  // each snapshot is counted once in its stage's group
    for (const auto& [group, n] : it->second)
      if (group >= stage_group(0) && group < stage_group(stages)) rows += n;
    by_rows.emplace_back(rows, it->first.substr(prefix.size()));
  }
  const auto most = std::min(by_rows.size(), CloseTiming::kMaxSegments);
  std::partial_sort(by_rows.begin(), by_rows.begin() + static_cast<std::ptrdiff_t>(most), by_rows.end(),
                    [](const auto& a, const auto& b) { return a.first != b.first ? a.first > b.first : a.second < b.second; });
  std::vector<std::string> out;
  for (std::size_t k = 0; k < most; ++k) out.push_back(std::move(by_rows[k].second));
  std::sort(out.begin(), out.end());
  return out;
}

}  // namespace

void CloseTiming::add_statistics(const Book& book, const TrainingSet& training, int half_life_days,
                                 FitStatistics& stats) {
  // Each weight goes to its cell exactly, so that parts add up to the whole
  // book bit for bit.
  const std::size_t stages = book.stages().size();
  const std::span<const Code> segment_of = book.codes(Dimension::segment);
  const Dictionary& segment_names = book.dictionary(Dimension::segment);
  const Recency recency{half_life_days, training.as_of};
  DenseCells book_cells(group_count(stages));
  std::vector<SparseCells> segment_cells(segment_names.size());
  for (std::size_t r = 0; r < training.size(); ++r) {
    const StageId s = training.rows.stage[r];
    const std::size_t band = days_in_stage_band(training.rows.days_in_stage[r]);
    const Observation o = observation(training, r, recency);
    for (const std::size_t group : {std::size_t{0}, stage_group(s), band_group(stages, s, band)})
      book_cells.add(group, o, recency);
    const Code segment = segment_of[training.rows.deal[r]];
    if (segment_names[segment].empty()) continue;
    segment_cells[segment].add(stage_group(s), o, recency);
    segment_cells[segment].add(band_group(stages, s, band), o, recency);
  }
  book_cells.write_to(stats.sums[kTimingWeight], stats.counts[kTimingRows], stats.sums[kTimingRecency], recency);
  CloseSeason::add_statistics(book, training.as_of, stats);
  for (Code c = 0; c < segment_cells.size(); ++c) {
    if (segment_cells[c].rows.empty()) continue;
    const std::string suffix = kSegmentSuffix + segment_names[c];
    segment_cells[c].write_to(stats.sums[kTimingWeight + suffix], stats.counts[kTimingRows + suffix],
                              stats.sums[kTimingRecency + suffix], recency);
  }
}

CloseTiming CloseTiming::fit(const Book& book, const TrainingSet& training, int half_life_days) {
  FitStatistics stats;
  add_statistics(book, training, half_life_days, stats);
  return from_statistics(StageTable::of(book), stats);
}

CloseTiming CloseTiming::from_statistics(const StageTable& table, const FitStatistics& stats) {
  CloseTiming out;
  out.stages_ = StageKeys::of(table.pipelines, table.stages);
  const std::size_t stages = table.stages.size();
  const std::vector<Sample> samples = samples_of(stats, "", group_count(stages));
  // Without any win in the history, a won deal is assumed to close in a month.
  TimingCurve fallback;
  fallback.cdf.assign(31, 0.0);
  fallback.cdf.back() = 1.0;
  out.curves_.push_back(curve_of(samples[0]).value_or(fallback));
  // The curve of `group` when it has one of its own, else `otherwise`.
  const auto own_or = [&out](const Sample& sample, std::uint32_t otherwise) {
    auto curve = curve_of(sample);
    if (!curve) return otherwise;
    out.curves_.push_back(std::move(*curve));
    return static_cast<std::uint32_t>(out.curves_.size() - 1);
  };
  out.by_group_.assign(stages * kBands, 0);
  for (std::size_t s = 0; s < stages; ++s) {
    const std::uint32_t stage_curve = own_or(samples[stage_group(s)], 0);
    for (std::size_t b = 0; b < kBands; ++b)
      out.by_group_[s * kBands + b] = own_or(samples[band_group(stages, s, b)], stage_curve);
  }
  for (const std::string& segment : segments_in(stats, stages)) {
    const std::vector<Sample> own = samples_of(stats, kSegmentSuffix + segment, group_count(stages));
    const std::size_t curves_before = out.curves_.size();
    std::vector<std::uint32_t> groups(stages * kBands);
    for (std::size_t s = 0; s < stages; ++s) {
      const std::uint32_t stage_curve = own_or(own[stage_group(s)], kNoSegment);
      for (std::size_t b = 0; b < kBands; ++b) {
        const std::uint32_t blind = stage_curve != kNoSegment ? stage_curve : out.by_group_[s * kBands + b];
        groups[s * kBands + b] = own_or(own[band_group(stages, s, b)], blind);
      }
    }
    if (out.curves_.size() == curves_before) continue;  // nothing of its own: the segment-blind curves serve
    out.segments_.push_back(segment);
    out.by_segment_group_.insert(out.by_segment_group_.end(), groups.begin(), groups.end());
  }
  out.season_ = CloseSeason::from_statistics(stats);
  return out;
}

std::vector<TimingCurve> CloseTiming::curves_from(Day start) const {
  if (season_.flat()) return curves_;
  const std::vector<double> factors = season_.factors_from(start, static_cast<std::size_t>(kHorizonDays) + 1);
  std::vector<TimingCurve> out;
  out.reserve(curves_.size());
  for (const TimingCurve& curve : curves_) out.push_back(season_.applied(curve, factors));
  return out;
}

std::vector<std::uint32_t> CloseTiming::segment_map(const Book& book) const {
  const Dictionary& names = book.dictionary(Dimension::segment);
  std::vector<std::uint32_t> out(names.size(), kNoSegment);
  for (Code c = 0; c < names.size(); ++c) {
    const auto at = std::lower_bound(segments_.begin(), segments_.end(), names[c]);
    if (at != segments_.end() && *at == names[c]) out[c] = static_cast<std::uint32_t>(at - segments_.begin());
  }
  return out;
}

std::uint32_t CloseTiming::curve_for(std::uint32_t stage, int days_in_stage, std::uint32_t segment) const {
  if (stage == kUnknownStage || stage >= stages_.size()) return 0;
  const std::size_t group = stage * kBands + days_in_stage_band(days_in_stage);
  if (segment < segments_.size()) return by_segment_group_[segment * stages_.size() * kBands + group];
  return by_group_[group];
}

std::string TimingCurve::flaw() const {
  if (cdf.empty() || cdf.size() > static_cast<std::size_t>(CloseTiming::kHorizonDays) + 1)
    return "timing curve: " + std::to_string(cdf.size()) + " days";
  if (!loaded::probabilities(cdf) || !std::is_sorted(cdf.begin(), cdf.end()))
    return "timing curve: not a distribution function";
  return "";
}

std::string CloseTiming::flaw() const {
  if (auto f = stages_.flaw(); !f.empty()) return "close timing: " + f;
  if (by_group_.size() != stages_.size() * kBands) return "close timing: groups do not match the stages";
  if (!std::is_sorted(segments_.begin(), segments_.end()) ||
      std::adjacent_find(segments_.begin(), segments_.end()) != segments_.end())
    return "close timing: segments not sorted, or repeated";
  if (segments_.size() > kMaxSegments) return "close timing: more segments than " + std::to_string(kMaxSegments);
  if (!loaded::texts(segments_) || (!segments_.empty() && segments_.front().empty()))
    return "close timing: a segment's name is blank or not UTF-8 text";
  if (by_segment_group_.size() != segments_.size() * stages_.size() * kBands)
    return "close timing: the segments' groups do not match the stages";
  if (auto f = season_.flaw(); !f.empty()) return "close timing: " + f;
  for (const auto* groups : {&by_group_, &by_segment_group_})
    for (const std::uint32_t index : *groups)
      if (index >= curves_.size()) return "close timing: a group names a curve that is not there";
  for (const TimingCurve& curve : curves_)
    if (auto f = curve.flaw(); !f.empty()) return "close timing: " + f;
  return "";
}

}  // namespace pipecast
