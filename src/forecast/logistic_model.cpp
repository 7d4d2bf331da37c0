#include "pipecast/forecast/logistic_model.hpp"

#include "pipecast/forecast/activity_features.hpp"

#include "forecast/loaded_values.hpp"
#include "forecast/logistic_statistics.hpp"

#include "core/splitmix64.hpp"

#include <algorithm>
#include <array>
#include <cmath>
#include <map>
#include <optional>

namespace pipecast {
namespace {

constexpr double kFeatureCountCap = 5.0;
constexpr std::size_t kMaxAttributeLevels = 10;

/// log1p of a count of days: a table for the usual ones, because scoring a
/// deal is otherwise mostly logarithms.  Exactly std::log1p's values.
double log1p_days(std::int32_t days) {
  constexpr std::size_t kTable = 4096;
  static const std::vector<double> table = [] {
    std::vector<double> t(kTable);
    for (std::size_t n = 0; n < kTable; ++n) t[n] = std::log1p(static_cast<double>(n));
    return t;
  }();
  return days >= 0 && static_cast<std::size_t>(days) < kTable ? table[static_cast<std::size_t>(days)]
                                                                : std::log1p(static_cast<double>(days));
}

/// The continuous features of row i, before standardising (columns 1..7).
std::array<double, LogisticWinParams::kContinuous> raw_features(const DealStates& d, std::size_t i) {
  const std::int32_t close = d.close_in_days[i];
  const bool blank = close == kNoDay;
  return {log1p_days(d.days_in_stage[i]),
          log1p_days(d.age[i]),
          std::log1p(std::max(0.0, d.amount[i])),
          std::min<double>(d.regressions[i], kFeatureCountCap),
          std::min<double>(d.pushes[i], kFeatureCountCap),
          !blank && close < 0 ? 1.0 : 0.0,
          blank ? 0.0 : log1p_days(std::max(0, close))};
}

/// Where a deal's value of each categorical field lands: for every category,
/// a table from the book's codes to the level (-1: baseline).
struct CategoryLookup {
  std::vector<std::span<const Code>> codes;      // by category: the book's code column
  std::vector<std::vector<std::int32_t>> level;  // by category: code -> level
};

/// Product code -> the level of its family in `levels` (-1: none), from
/// the book's product catalogue.
std::vector<std::int32_t> family_levels(const Book& book, const std::vector<std::string>& levels) {
  std::vector<std::int32_t> level(book.dictionary(Dimension::product).size(), -1);
  for (const Product& product : book.products()) {
    const auto it = std::lower_bound(levels.begin(), levels.end(), product.family);
    if (product.name < level.size() && !product.family.empty() && it != levels.end() && *it == product.family)
      level[product.name] = static_cast<std::int32_t>(it - levels.begin());
  }
  return level;
}

CategoryLookup lookup(const std::vector<CategoricalEncoding>& categories, const Book& book) {
  CategoryLookup out;
  for (const auto& category : categories) {
    if (!category.attribute && category.field == LogisticWinParams::kProductFamily) {
      out.codes.push_back(book.codes(Dimension::product));
      out.level.push_back(family_levels(book, category.levels));
      continue;
    }
    const Dictionary* dictionary = nullptr;
    std::span<const Code> codes;
    if (category.attribute) {
      const auto& attributes = book.attributes();
      const auto it = std::find(attributes.names.begin(), attributes.names.end(), category.field);
      if (it != attributes.names.end()) {
        const auto column = static_cast<std::size_t>(it - attributes.names.begin());
        dictionary = &attributes.values[column];
        codes = attributes.codes[column];
      }
    } else {
      for (const Dimension d : kDimensions)
        if (to_string(d) == category.field) {
          dictionary = &book.dictionary(d);
          codes = book.codes(d);
        }
    }
    std::vector<std::int32_t> level(dictionary ? dictionary->size() : 0, -1);
    if (dictionary)
      for (std::size_t j = 0; j < category.levels.size(); ++j)
        if (const auto code = dictionary->find(category.levels[j])) level[*code] = static_cast<std::int32_t>(j);
    out.codes.push_back(codes);
    out.level.push_back(std::move(level));
  }
  return out;
}

std::int32_t level_of(const CategoryLookup& lookup, std::size_t category, DealIndex deal) {
  const auto codes = lookup.codes[category];
  if (deal >= codes.size()) return -1;
  const Code code = codes[deal];
  const auto& level = lookup.level[category];
  return code < level.size() ? level[code] : -1;
}

/// The most activity columns a model has: the base features and two counts
/// for each of at most kMaxLevels types.
constexpr std::size_t kMaxActivityColumns = kActivityBaseFeatures + 2 * LogisticWinParams::kMaxLevels;
using ActivityRaw = std::array<double, kMaxActivityColumns>;

/// The book's activity type code -> its level among `types` (-1: none).
std::vector<std::int32_t> activity_type_levels(const Book& book, const std::vector<std::string>& types) {
  const Dictionary& dictionary = book.activities().types();
  std::vector<std::int32_t> level(dictionary.size(), -1);
  for (std::size_t j = 0; j < types.size(); ++j)
    if (const auto code = dictionary.find(types[j])) level[*code] = static_cast<std::int32_t>(j);
  return level;
}

/// The activity features of row i on `day`, before standardising: the
/// base features, then each type's counts in the last 14 and 30 days.
/// `level` maps the book's type codes to the types counted (`types` of them).
ActivityRaw activity_raw(const Activities& activities, std::span<const std::int32_t> level, std::size_t types,
                         const DealStates& d, std::size_t i, Day day) {
  std::array<std::uint8_t, kMaxActivityColumns> counts{};
  const DealActivity activity = scan_deal_activities(activities, d.deal[i], day, level, counts);
  const auto base = activity_base_features(activity, d.days_in_stage[i], d.age[i]);
  ActivityRaw raw{};
  std::copy(base.begin(), base.end(), raw.begin());
  for (std::size_t k = 0; k < 2 * types; ++k) raw[kActivityBaseFeatures + k] = counts[k];
  return raw;
}

const std::string kLogisticDecided = "logistic.decided", kLogisticMoments = "logistic.moments",
                  kLogisticFamily = "logistic.family", kLogisticColumns = "logistic.columns",
                  kLogisticLevels = "logistic.levels", kLogisticGradient = "logistic.gradient",
                  kLogisticHessian = "logistic.hessian", kLogisticLoss = "logistic.loss";

// The activity features' statistics: the book's deal-level activity rows
// (none: no activity feature), the base features' moments, and by type
// text the decided rows with one in the last 30 days and, by window and
// type, the counts' sums and sums of squares (integers: exact).
const std::string kActivityRows = "logistic.activity.rows", kActivityMoments = "logistic.activity.moments",
                  kActivityTypes = "logistic.activity.types", kActivitySums = "logistic.activity.sums",
                  kActivitySquares = "logistic.activity.squares";

std::string window_key(std::size_t window, std::string_view type) {
  return std::to_string(kActivityWindows[window]) + " " + std::string(type);
}

std::string level_table(Dimension d) { return "logistic." + std::string(to_string(d)); }
std::string attribute_table(std::size_t a) { return "logistic.attribute." + std::to_string(a); }

/// Levels of one field: values with enough decided rows, the most frequent
/// first, at most `max_levels`, sorted by text.
std::vector<std::string> choose_levels(const TextCounts& counts, std::size_t max_levels) {
  std::vector<std::pair<std::uint64_t, std::string>> kept;
  for (const auto& [text, n] : counts.counts)
    if (n >= LogisticWinParams::kMinLevelRows && !text.empty()) kept.emplace_back(n, text);
  // Ties broken by the text, not the code: codes depend on the order rows were read.
  std::sort(kept.begin(), kept.end(), [](const auto& a, const auto& b) {
    return a.first != b.first ? a.first > b.first : a.second < b.second;
  });
  if (kept.size() > max_levels) kept.resize(max_levels);
  std::vector<std::string> levels;
  for (auto& [n, text] : kept) levels.push_back(std::move(text));
  std::sort(levels.begin(), levels.end());
  return levels;
}

/// The product families of the catalogue with enough decided rows, sorted.
std::vector<std::string> choose_families(const TextCounts& counts) {
  std::vector<std::string> kept;
  for (const auto& [family, n] : counts.counts)
    if (n >= LogisticWinParams::kMinLevelRows && !family.empty()) kept.push_back(family);
  return kept;
}

/// Counts each decided row's value of a field (its code's text).
void count_texts(std::span<const Code> codes, const Dictionary& dictionary, const TrainingSet& training,
                 TextCounts& out) {
  std::vector<std::uint64_t> count(dictionary.size(), 0);
  for (std::size_t r = 0; r < training.size(); ++r)
    if (training.outcome[r] != Outcome::open && training.rows.deal[r] < codes.size())
      ++count[codes[training.rows.deal[r]]];
  for (Code c = 0; c < dictionary.size(); ++c)
    if (count[c] > 0) out.add(std::string(dictionary[c]), count[c]);
}

void count_families(const Book& book, const TrainingSet& training, TextCounts& out) {
  std::vector<std::string> all;
  for (const Product& product : book.products())
    if (!product.family.empty()) all.push_back(product.family);
  std::sort(all.begin(), all.end());
  all.erase(std::unique(all.begin(), all.end()), all.end());
  const std::vector<std::int32_t> level = family_levels(book, all);
  const auto codes = book.codes(Dimension::product);
  std::vector<std::uint64_t> count(all.size(), 0);
  for (std::size_t r = 0; r < training.size(); ++r) {
    const DealIndex deal = training.rows.deal[r];
    if (training.outcome[r] != Outcome::open && deal < codes.size() && codes[deal] < level.size() &&
        level[codes[deal]] >= 0)
      ++count[static_cast<std::size_t>(level[codes[deal]])];
  }
  for (std::size_t f = 0; f < all.size(); ++f)
    if (count[f] > 0) out.add(all[f], count[f]);
}

}  // namespace

namespace {

/// Moments of a feature summed over rows: adds sum and sum of squares.
void add_moments(SumTable& moments, std::size_t features, std::span<const double> sum,
                 std::span<const double> squares) {
  for (std::size_t j = 0; j < features; ++j) {
    moments[j].add(sum[j]);
    moments[features + j].add(squares[j]);
  }
}

/// Step 1 for the activity features: every type of the book counted.
void add_activity_encoding_statistics(const Book& book, const TrainingSet& training, FitStatistics& stats) {
  const Activities& activities = book.activities();
  if (activities.deal_rows() == 0) return;
  stats.counts[kActivityRows][0] += activities.deal_rows();
  const Dictionary& types = activities.types();
  std::vector<std::int32_t> every(types.size());
  for (std::size_t t = 0; t < every.size(); ++t) every[t] = static_cast<std::int32_t>(t);
  std::vector<std::uint8_t> counts(2 * types.size());
  std::vector<std::uint64_t> with(types.size(), 0), sum(counts.size(), 0), squares(counts.size(), 0);
  std::array<double, kActivityBaseFeatures> base_sum{}, base_squares{};
  for (std::size_t r = 0; r < training.size(); ++r) {
    if (training.outcome[r] == Outcome::open) continue;
    std::fill(counts.begin(), counts.end(), std::uint8_t{0});
    const DealActivity activity =
        scan_deal_activities(activities, training.rows.deal[r], training.snapshot[r], every, counts);
    const auto base = activity_base_features(activity, training.rows.days_in_stage[r], training.rows.age[r]);
    for (std::size_t j = 0; j < base.size(); ++j) { base_sum[j] += base[j]; base_squares[j] += base[j] * base[j]; }
    for (std::size_t k = 0; k < counts.size(); ++k) { sum[k] += counts[k]; squares[k] += counts[k] * counts[k]; }
    for (std::size_t t = 0; t < types.size(); ++t) with[t] += counts[2 * t + 1] > 0 ? 1 : 0;
  }
  for (std::size_t t = 0; t < types.size(); ++t) {
    if (with[t] == 0) continue;
    const std::string type(types[static_cast<Code>(t)]);
    stats.texts[kActivityTypes].add(type, with[t]);
    for (std::size_t w = 0; w < kActivityWindows.size(); ++w) {
      if (sum[2 * t + w] > 0) stats.texts[kActivitySums].add(window_key(w, type), sum[2 * t + w]);
      if (squares[2 * t + w] > 0) stats.texts[kActivitySquares].add(window_key(w, type), squares[2 * t + w]);
    }
  }
  add_moments(stats.sums[kActivityMoments], kActivityBaseFeatures, base_sum, base_squares);
}

/// Mean and standard deviation (1 when nil) from a sum and sum of squares over `rows`.
std::pair<double, double> standardisation(double sum, double squares, double rows) {
  if (rows <= 0) return {0.0, 1.0};
  const double mean = sum / rows, variance = squares / rows - mean * mean;
  return {mean, variance > 1e-12 ? std::sqrt(variance) : 1.0};
}

/// The value of key `k` of a table of sums (0 when absent).
double sum_at(const SumTable& table, std::uint64_t k) {
  const auto it = table.find(k);
  return it == table.end() ? 0.0 : it->second.value();
}

/// The count of `text` in a table of counts by text (0 when absent).
double text_count(const TextCounts& counts, const std::string& text) {
  const auto it = counts.counts.find(text);
  return it == counts.counts.end() ? 0.0 : static_cast<double>(it->second);
}

// Features that are centred as well as scaled.  A count or a flag is only
// scaled: it is 0 in most rows, and a 0 stays out of the Hessian's products
// (logistic_regression.cpp): with that, `score --model auto` on the 500k
// synth book took 7% less time.  The fit is the same (the ridge sees the
// same scaled columns, the unpenalised intercept takes the means), and so
// are the scores, to 1e-15.
constexpr std::array<bool, LogisticWinParams::kContinuous> kContinuousCentred{
    true, true, true, false /* regressions */, false /* pushes */, false /* overdue */, true};
constexpr std::array<bool, kActivityBaseFeatures> kActivityBaseCentred{true, false /* none yet */, true,
                                                                        false /* silent */};

/// The activity columns from step 1's statistics, from column `first` on;
/// empty when the parts' books have no deal-level activity.
ActivityEncoding activity_encoding_from(const FitStatistics& stats, std::uint32_t first) {
  ActivityEncoding e;
  if (stats.count(kActivityRows, 0) == 0) return e;
  e.types = choose_levels(stats.text_table(kActivityTypes), LogisticWinParams::kMaxLevels);
  e.first = first;
  const auto rows = static_cast<double>(stats.count(kLogisticDecided, 0));
  const SumTable& moments = stats.sum_table(kActivityMoments);
  for (std::size_t j = 0; j < kActivityBaseFeatures; ++j) {
    const auto [mean, scale] = standardisation(sum_at(moments, j), sum_at(moments, kActivityBaseFeatures + j), rows);
    e.mean.push_back(kActivityBaseCentred[j] ? mean : 0.0);
    e.scale.push_back(scale);
  }
  for (const std::string& type : e.types)
    for (std::size_t w = 0; w < kActivityWindows.size(); ++w) {
      const auto [mean, scale] = standardisation(text_count(stats.text_table(kActivitySums), window_key(w, type)),
                                                 text_count(stats.text_table(kActivitySquares), window_key(w, type)),
                                                 rows);
      e.mean.push_back(0.0);  // a count: scaled only (above)
      e.scale.push_back(scale);
    }
  return e;
}

}  // namespace

void add_logistic_encoding_statistics(const Book& book, const TrainingSet& training, bool activities,
                                      FitStatistics& stats) {
  if (activities) add_activity_encoding_statistics(book, training, stats);
  for (const Dimension d : {Dimension::owner, Dimension::product, Dimension::source, Dimension::segment})
    count_texts(book.codes(d), book.dictionary(d), training, stats.texts[level_table(d)]);
  count_families(book, training, stats.texts[kLogisticFamily]);
  const auto& attributes = book.attributes();
  for (std::size_t a = 0; a < attributes.size(); ++a) {
    // Free text (ids, notes) is not a category: past kMaxAttributeValues
    // values only that is kept.
    TextCounts& counts = stats.texts[attribute_table(a)];
    counts.limit = LogisticWinParams::kMaxAttributeValues;
    count_texts(attributes.codes[a], attributes.values[a], training, counts);
  }
  // The moments of the continuous features, summed in row order: a part's
  // sums are added to the others' exactly.
  constexpr std::size_t n = LogisticWinParams::kContinuous;
  std::vector<double> sum(n, 0.0), squares(n, 0.0);
  std::uint64_t rows = 0;
  for (std::size_t r = 0; r < training.size(); ++r) {
    if (training.outcome[r] == Outcome::open) continue;
    const auto x = raw_features(training.rows, r);
    for (std::size_t j = 0; j < n; ++j) { sum[j] += x[j]; squares[j] += x[j] * x[j]; }
    ++rows;
  }
  stats.counts[kLogisticDecided][0] += rows;
  add_moments(stats.sums[kLogisticMoments], n, sum, squares);
  CensoringWeights::add_statistics(training, stats);
}

LogisticWinParams logistic_encoding_from(const StageTable& table, const std::vector<std::string>& attributes,
                                         const FitStatistics& stats) {
  LogisticWinParams p;
  p.stages = StageKeys::of(table.pipelines, table.stages);
  const auto stages = static_cast<std::uint32_t>(p.stages.size());
  p.stage_first = 1 + LogisticWinParams::kContinuous;
  p.slope_first = p.stage_first + stages;
  p.band_first = p.slope_first + stages;
  std::uint32_t next = p.band_first + stages * static_cast<std::uint32_t>(CloseTiming::kBands);
  const auto add = [&](CategoricalEncoding category) {
    next += static_cast<std::uint32_t>(category.levels.size());
    if (!category.levels.empty()) p.categories.push_back(std::move(category));
  };
  for (const Dimension d : {Dimension::owner, Dimension::product, Dimension::source, Dimension::segment})
    add({std::string(to_string(d)), false,
         choose_levels(stats.text_table(level_table(d)), LogisticWinParams::kMaxLevels), next});
  // A product's effect is its family's plus its own, both shrunk toward
  // zero: a product with few deals yet (one just launched) is scored
  // mostly as its family, not as the average of everything.
  add({std::string(LogisticWinParams::kProductFamily), false, choose_families(stats.text_table(kLogisticFamily)),
       next});
  for (std::size_t a = 0; a < attributes.size(); ++a) {
    const TextCounts& counts = stats.text_table(attribute_table(a));
    if (counts.over) continue;
    add({attributes[a], true, choose_levels(counts, kMaxAttributeLevels), next});
  }
  p.activities = activity_encoding_from(stats, next);
  p.censoring = CensoringWeights::from_statistics(stages, stats);
  next += static_cast<std::uint32_t>(p.activities.columns());
  p.coefficients.assign(next, 0.0);
  p.column_mean.assign(next, 0.0);
  // Standardised continuous features: mean and scale over the decided rows.
  constexpr std::size_t n = LogisticWinParams::kContinuous;
  const auto rows = static_cast<double>(stats.count(kLogisticDecided, 0));
  const SumTable& moments = stats.sum_table(kLogisticMoments);
  p.mean.assign(n, 0.0);
  p.scale.assign(n, 1.0);
  for (std::size_t j = 0; j < n; ++j) {
    std::tie(p.mean[j], p.scale[j]) = standardisation(sum_at(moments, j), sum_at(moments, n + j), rows);
    if (!kContinuousCentred[j]) p.mean[j] = 0.0;
  }
  return p;
}

namespace {

/// Encodes deals as design rows under a fitted encoding, one row at a time,
/// so that scoring needs no design matrix in memory.
class RowEncoder {
 public:
  RowEncoder(const LogisticWinParams& p, const Book& book)
      : p_(&p), activities_(&book.activities()), stage_map_(p.stages.map_to(book)),
        categories_(lookup(p.categories, book)), type_level_(activity_type_levels(book, p.activities.types)) {}

  std::size_t per_row() const {
    return 1 + LogisticWinParams::kContinuous + 3 + p_->categories.size() + p_->activities.columns();
  }

  /// Writes per_row() entries of row i on `day`; unused ones are (0, 0.0).
  void encode(const DealStates& deals, std::size_t i, Day day, std::uint32_t* idx, double* val) const {
    constexpr std::size_t n = LogisticWinParams::kContinuous;
    const LogisticWinParams& p = *p_;
    std::fill(idx, idx + per_row(), 0u);
    std::fill(val, val + per_row(), 0.0);
    idx[0] = 0;
    val[0] = 1.0;
    const auto raw = raw_features(deals, i);
    for (std::size_t j = 0; j < n; ++j) {
      idx[1 + j] = static_cast<std::uint32_t>(1 + j);
      val[1 + j] = (raw[j] - p.mean[j]) / p.scale[j];
    }
    const std::uint32_t stage = stage_map_[deals.stage[i]];
    if (stage != kUnknownStage) {
      idx[1 + n] = p.stage_first + stage;
      val[1 + n] = 1.0;
      idx[2 + n] = p.slope_first + stage;
      val[2 + n] = val[1];  // standardised log days in stage
      idx[3 + n] = p.band_first + stage * static_cast<std::uint32_t>(CloseTiming::kBands) +
                   static_cast<std::uint32_t>(days_in_stage_band(deals.days_in_stage[i]));
      val[3 + n] = 1.0;
    }
    for (std::size_t c = 0; c < p.categories.size(); ++c) {
      const std::int32_t level = level_of(categories_, c, deals.deal[i]);
      if (level < 0) continue;
      idx[4 + n + c] = p.categories[c].first + static_cast<std::uint32_t>(level);
      val[4 + n + c] = 1.0;
    }
    if (p.activities.empty()) return;
    const ActivityEncoding& a = p.activities;
    const ActivityRaw raw_activity = activity_raw(*activities_, type_level_, a.types.size(), deals, i, day);
    const std::size_t at = 4 + n + p.categories.size();
    for (std::size_t j = 0; j < a.columns(); ++j) {
      idx[at + j] = a.first + static_cast<std::uint32_t>(j);
      val[at + j] = (raw_activity[j] - a.mean[j]) / a.scale[j];
    }
  }

 private:
  const LogisticWinParams* p_;
  const Activities* activities_;
  std::vector<std::uint32_t> stage_map_;
  CategoryLookup categories_;
  std::vector<std::int32_t> type_level_;
};

/// The design rows of `deals`, row i's features taken on days[i] (empty:
/// every row on deals.as_of).
SparseDesign design_on_days(const LogisticWinParams& p, const Book& book, const DealStates& deals,
                            std::span<const Day> days) {
  const RowEncoder encoder(p, book);
  SparseDesign x;
  x.columns = p.columns();
  x.per_row = encoder.per_row();
  // Appended row by row rather than resized and overwritten: a design is
  // hundreds of megabytes, and zeroing it first was a tenth of a fit.
  x.index.reserve(deals.size() * x.per_row);
  x.value.reserve(deals.size() * x.per_row);
  std::vector<std::uint32_t> index(x.per_row);
  std::vector<double> value(x.per_row);
  for (std::size_t i = 0; i < deals.size(); ++i) {
    encoder.encode(deals, i, days.empty() ? deals.as_of : days[i], index.data(), value.data());
    x.index.insert(x.index.end(), index.begin(), index.end());
    x.value.insert(x.value.end(), value.begin(), value.end());
  }
  return x;
}

}  // namespace

SparseDesign logistic_design(const LogisticWinParams& p, const Book& book, const DealStates& deals) {
  return design_on_days(p, book, deals, {});
}

namespace {

// A training row's sampling key: its deal's hash and its snapshot day, the
// same in whichever part the deal is.
std::uint64_t row_key(std::string_view id, Day snapshot) {
  std::uint64_t state = deal_hash(id) ^ (static_cast<std::uint64_t>(static_cast<std::uint32_t>(snapshot)) << 1);
  return splitmix64(state);
}

}  // namespace

LogisticTrainingRows logistic_training_rows(const LogisticWinParams& encoding, const Book& book,
                                            const TrainingSet& training) {
  LogisticTrainingRows out;
  const std::vector<std::uint32_t> stage_map = encoding.stages.map_to(book);
  DealStates decided;
  for (std::size_t r = 0; r < training.size(); ++r) {
    if (training.outcome[r] == Outcome::open) continue;
    append_row(decided, training.rows, r);
    out.y.push_back(training.outcome[r] == Outcome::won ? 1.0 : 0.0);
    out.keys.push_back(row_key(book.ids()[training.rows.deal[r]], training.snapshot[r]));
    out.snapshot.push_back(training.snapshot[r]);
    if (!encoding.censoring.empty())
      out.censoring.push_back(encoding.censoring.weight(stage_map[training.rows.stage[r]], training.outcome[r],
                                                        training.as_of - training.snapshot[r]));
  }
  out.x = design_on_days(encoding, book, decided, out.snapshot);
  return out;
}

std::vector<double> logistic_row_weights(const LogisticTrainingRows& rows, Day as_of, int half_life_days) {
  // A row's age is its snapshot's: what the book looked like then.  (By
  // the deal's creation day instead, the regime-change book of the tests
  // came out a little worse.)
  std::vector<double> weights = rows.censoring;
  if (half_life_days <= 0) return weights;
  weights.resize(rows.size(), 1.0);
  for (std::size_t r = 0; r < rows.size(); ++r) weights[r] *= recency_weight(half_life_days, as_of - rows.snapshot[r]);
  return weights;
}

void add_logistic_design_statistics(const LogisticTrainingRows& rows, FitStatistics& stats) {
  std::vector<double> column_sum(rows.x.columns, 0.0);
  for (std::size_t a = 0; a < rows.x.index.size(); ++a) column_sum[rows.x.index[a]] += rows.x.value[a];
  SumTable& columns = stats.sums[kLogisticColumns];
  for (std::size_t j = 0; j < column_sum.size(); ++j)
    if (column_sum[j] != 0.0) columns[j].add(column_sum[j]);
  CountTable& levels = stats.counts[kLogisticLevels];
  levels[0] += rows.size();
  for (std::uint32_t level = 1; level <= kLogisticMaxLevel; ++level) {
    std::uint64_t in = 0;
    for (const std::uint64_t key : rows.keys) in += in_logistic_level(key, level) ? 1 : 0;
    levels[level] += in;
  }
}

std::vector<std::uint64_t> logistic_design_from(const FitStatistics& stats, LogisticWinParams& params) {
  std::vector<std::uint64_t> rows_by_level;
  for (std::uint32_t level = 0; level <= kLogisticMaxLevel; ++level)
    rows_by_level.push_back(stats.count(kLogisticLevels, level));
  params.training_rows = rows_by_level[0];
  params.column_mean.assign(params.columns(), 0.0);
  for (const auto& [column, sum] : stats.sum_table(kLogisticColumns)) {
    if (column >= params.columns()) throw std::invalid_argument("logistic statistics: a column out of range");
    params.column_mean[column] = sum.value();
  }
  for (double& m : params.column_mean) m /= std::max<double>(1.0, static_cast<double>(params.training_rows));
  return rows_by_level;
}

void add_logistic_pass_statistics(const LogisticTrainingRows& rows, std::span<const double> weights,
                                  const LogisticPass& pass, FitStatistics& stats) {
  const LogisticSums sums = [&] {
    if (pass.level == 0) return logistic_sums(rows.x, rows.y, weights, rows.keys, pass);
    const LogisticRows level = sample_logistic_level(rows.x, rows.y, weights, rows.keys, pass.level);
    return logistic_sums(level.x, level.y, level.weights, level.keys, pass);
  }();
  SumTable& gradient = stats.sums[kLogisticGradient];
  for (std::size_t j = 0; j < sums.gradient.size(); ++j) gradient[j].add(sums.gradient[j]);
  SumTable& hessian = stats.sums[kLogisticHessian];
  for (std::size_t k = 0; k < sums.hessian.size(); ++k)
    if (sums.hessian[k] != 0.0) hessian[k].add(sums.hessian[k]);
  if (pass.with_loss) {
    stats.sums[kLogisticLoss][0].add(sums.loss);
    stats.sums[kLogisticLoss][1].add(sums.weight);
  }
}

LogisticSums logistic_sums_from(const FitStatistics& stats, std::size_t columns, bool with_hessian) {
  LogisticSums out;
  out.gradient.assign(columns, 0.0);
  for (const auto& [j, sum] : stats.sum_table(kLogisticGradient)) {
    if (j >= columns) throw std::invalid_argument("logistic statistics: a gradient out of range");
    out.gradient[j] = sum.value();
  }
  if (with_hessian) {
    out.hessian.assign(columns * columns, 0.0);
    for (const auto& [k, sum] : stats.sum_table(kLogisticHessian)) {
      if (k >= out.hessian.size() || k / columns > k % columns)
        throw std::invalid_argument("logistic statistics: a Hessian entry out of range");
      out.hessian[k] = sum.value();
    }
  }
  const SumTable& loss = stats.sum_table(kLogisticLoss);
  if (const auto it = loss.find(0); it != loss.end()) out.loss = it->second.value();
  if (const auto it = loss.find(1); it != loss.end()) out.weight = it->second.value();
  return out;
}

std::vector<LogisticWinParams> fit_logistic_wins(const Book& book, const TrainingSet& training,
                                                 const LogisticOptions& options,
                                                 std::span<const int> half_lives, bool activities) {
  // The steps of a fit from parts (logistic_statistics.hpp), on the whole book.
  FitStatistics encoding;
  add_logistic_encoding_statistics(book, training, activities, encoding);
  LogisticWinParams p = logistic_encoding_from(StageTable::of(book), book.attributes().names, encoding);
  const LogisticTrainingRows rows = logistic_training_rows(p, book, training);
  FitStatistics design;
  add_logistic_design_statistics(rows, design);
  logistic_design_from(design, p);
  std::vector<LogisticWinParams> out(half_lives.size(), p);
  if (rows.size() == 0) return out;  // nothing decided: every deal gets 1/2
  LogisticOptions fit_options = options;
  fit_options.report_loss = false;  // a pass over every row that nothing here reads
  std::vector<double> start;  // each fit starts where the one before ended: the weights change little
  for (std::size_t k = 0; k < half_lives.size(); ++k) {
    const std::vector<double> weights = logistic_row_weights(rows, training.as_of, half_lives[k]);
    const LogisticFit fit = fit_logistic(rows.x, rows.y, fit_options, weights, start, rows.keys);
    out[k].coefficients = fit.coefficients;
    out[k].iterations = fit.iterations;
    start = fit.coefficients;
  }
  return out;
}

LogisticWinParams fit_logistic_win(const Book& book, const TrainingSet& training,
                                   const LogisticOptions& options, int half_life_days, bool activities) {
  return fit_logistic_wins(book, training, options, std::span(&half_life_days, 1), activities).front();
}

namespace {

/// The linear predictor folded for one book: the standardisation moved into
/// the weights, and every one-hot block turned into a table from the book's
/// codes to a coefficient.  The design path above spends most of its time
/// writing (index, value) pairs that are zero or one; scoring millions of
/// deals needs only the sum.
class FoldedScorer {
 public:
  FoldedScorer(const LogisticWinParams& p, const Book& book) {
    constexpr std::size_t n = LogisticWinParams::kContinuous;
    const auto& beta = p.coefficients;
    intercept_ = beta[0];
    for (std::size_t j = 0; j < n; ++j) {
      weight_[j] = beta[1 + j] / p.scale[j];
      intercept_ -= weight_[j] * p.mean[j];
    }
    const std::vector<std::uint32_t> stage_map = p.stages.map_to(book);
    constexpr std::size_t bands = CloseTiming::kBands;
    stage_.assign(stage_map.size() * bands, 0.0);
    slope_.assign(stage_map.size(), 0.0);
    for (std::size_t s = 0; s < stage_map.size(); ++s) {
      const std::uint32_t m = stage_map[s];
      if (m == kUnknownStage) continue;
      const double slope = beta[p.slope_first + m] / p.scale[0];
      slope_[s] = slope;
      for (std::size_t b = 0; b < bands; ++b)
        stage_[s * bands + b] = beta[p.stage_first + m] + beta[p.band_first + m * bands + b] - slope * p.mean[0];
    }
    const CategoryLookup lookups = lookup(p.categories, book);
    for (std::size_t c = 0; c < p.categories.size(); ++c) {
      std::vector<double> by_code(lookups.level[c].size(), 0.0);
      for (std::size_t code = 0; code < by_code.size(); ++code)
        if (const std::int32_t level = lookups.level[c][code]; level >= 0)
          by_code[code] = beta[p.categories[c].first + static_cast<std::uint32_t>(level)];
      categories_.push_back({lookups.codes[c], std::move(by_code)});
    }
    const ActivityEncoding& a = p.activities;
    for (std::size_t j = 0; j < a.columns(); ++j) {
      activity_weight_[j] = beta[a.first + j] / a.scale[j];
      intercept_ -= activity_weight_[j] * a.mean[j];
    }
    activity_columns_ = a.columns();
    activity_types_ = a.types.size();
    activities_ = &book.activities();
    type_level_ = activity_type_levels(book, a.types);
  }

  /// out[i] = the linear predictor of deal i, its activities read as of
  /// days[i] (empty: deals.as_of).  In passes: the category lookups are
  /// scattered reads into the book's columns, and a loop of nothing else
  /// keeps many of them in flight.
  void linear_predictors(const DealStates& deals, std::span<const Day> days, std::span<double> out) const {
    const std::size_t n = deals.size();
    std::fill(out.begin(), out.begin() + static_cast<std::ptrdiff_t>(n), intercept_);
    for (const auto& [codes, by_code] : categories_)
      for (std::size_t i = 0; i < n; ++i) {
        const DealIndex deal = deals.deal[i];
        if (deal < codes.size() && codes[deal] < by_code.size()) out[i] += by_code[codes[deal]];
      }
    for (std::size_t i = 0; i < n; ++i) {
      const auto raw = raw_features(deals, i);
      double z = 0.0;
      for (std::size_t j = 0; j < raw.size(); ++j) z += weight_[j] * raw[j];
      const StageId s = deals.stage[i];
      if (s < slope_.size())
        z += slope_[s] * raw[0] + stage_[s * CloseTiming::kBands + days_in_stage_band(deals.days_in_stage[i])];
      out[i] += z;
    }
    if (activity_columns_ == 0) return;
    for (std::size_t i = 0; i < n; ++i) {
      const ActivityRaw raw =
          activity_raw(*activities_, type_level_, activity_types_, deals, i, days.empty() ? deals.as_of : days[i]);
      double z = 0.0;
      for (std::size_t j = 0; j < activity_columns_; ++j) z += activity_weight_[j] * raw[j];
      out[i] += z;
    }
  }

 private:
  struct Category {
    std::span<const Code> codes;  // the book's column
    std::vector<double> by_code;  // code -> coefficient (0: baseline)
  };
  double intercept_ = 0.0;
  std::array<double, LogisticWinParams::kContinuous> weight_{};
  std::vector<double> stage_;  // by book stage and band: stage + band coefficients
  std::vector<double> slope_;  // by book stage: per log day in stage
  std::vector<Category> categories_;
  ActivityRaw activity_weight_{};  // per raw activity feature
  std::size_t activity_columns_ = 0, activity_types_ = 0;
  const Activities* activities_ = nullptr;
  std::vector<std::int32_t> type_level_;  // the book's type code -> the model's type
};

}  // namespace

void LogisticWinModel::predict(const Book& book, const DealStates& deals, std::span<double> out) const {
  predict_on_days(book, deals, {}, out);
}

void LogisticWinModel::predict_on_days(const Book& book, const DealStates& deals, std::span<const Day> days,
                                       std::span<double> out) const {
  if (!days.empty() && days.size() != deals.size())
    throw std::invalid_argument("logistic: " + std::to_string(days.size()) + " days for " +
                                std::to_string(deals.size()) + " deals");
  FoldedScorer(params_, book).linear_predictors(deals, days, out);
  for (std::size_t i = 0; i < deals.size(); ++i) out[i] = logistic(out[i]);
}

namespace {

std::string number_text(double value) {
  char buffer[32];
  std::snprintf(buffer, sizeof buffer, "%.0f", value);
  return buffer;
}

std::string days_text(std::int32_t days) { return std::to_string(days) + (days == 1 ? " day" : " days"); }

/// "a meeting", "an email", "3 calls", "no call".
std::string how_many(unsigned n, const std::string& type) {
  if (n == 0) return "no " + type;
  if (n > 1) return std::to_string(n) + (n >= kActivityCountCap ? " or more " : " ") + type + "s";
  const bool vowel = !type.empty() && std::string_view("aeiouAEIOU").find(type.front()) != std::string_view::npos;
  return (vowel ? "an " : "a ") + type;
}

/// The recency and silence features in words: "no activity for 38 days".
std::string recency_text(DealActivity activity, std::int32_t days_in_stage) {
  if (activity.days_since_last < 0) return "no activity yet";
  if (activity.days_since_last == 0) return "an activity today";
  std::string text = "no activity for " + days_text(activity.days_since_last);
  if (silent_days_in_stage(activity, days_in_stage) > kSilentDays && activity.days_since_last > days_in_stage)
    text += " (none in this stage)";
  return text;
}

/// One type's counts in words: "a meeting in the last 14 days", "2 calls
/// in the last 30 days", "no email in the last 30 days".
std::string counts_text(const std::string& type, unsigned last14, unsigned last30) {
  if (last14 > 0)
    return how_many(last14, type) + " in the last 14 days" +
           (last30 > last14 ? " (" + std::to_string(last30) + " in 30)" : "");
  return how_many(last30, type) + " in the last 30 days";
}

}  // namespace

std::vector<Factor> LogisticWinModel::explain(const Book& book, const DealStates& deals,
                                              std::size_t row, std::size_t top) const {
  const auto& p = params_;
  if (row >= deals.size()) return {};
  // The deal's design row, then each column's effect against the average row.
  DealStates one;
  one.as_of = deals.as_of;
  append_row(one, deals, row);
  const SparseDesign x = logistic_design(p, book, one);
  std::vector<double> value(p.columns(), 0.0);
  for (std::size_t a = 0; a < x.per_row; ++a) value[x.index[a]] += x.value[a];
  auto effect = [&](std::uint32_t begin, std::uint32_t end) {
    double sum = 0.0;
    for (std::uint32_t j = begin; j < end; ++j) sum += p.coefficients[j] * (value[j] - p.column_mean[j]);
    return sum;
  };
  std::vector<Factor> factors;
  const std::int32_t close = one.close_in_days[0];
  factors.push_back({"days in stage=" + std::to_string(one.days_in_stage[0]),
                     effect(1, 2) + effect(p.slope_first, p.band_first + static_cast<std::uint32_t>(
                                                                 p.stages.size() * CloseTiming::kBands))});
  factors.push_back({"age=" + std::to_string(one.age[0]) + " days", effect(2, 3)});
  factors.push_back({"amount=" + number_text(one.amount[0]), effect(3, 4)});
  factors.push_back({"regressions=" + std::to_string(one.regressions[0]), effect(4, 5)});
  factors.push_back({"close date pushes=" + std::to_string(one.pushes[0]), effect(5, 6)});
  factors.push_back({close == kNoDay ? std::string("close date=blank")
                     : close < 0     ? "close date=overdue by " + std::to_string(-close) + " days"
                                     : "close date=in " + std::to_string(close) + " days",
                     effect(6, 8)});
  factors.push_back({"stage=" + book.stages()[one.stage[0]].name,
                     effect(p.stage_first, p.stage_first + static_cast<std::uint32_t>(p.stages.size()))});
  const CategoryLookup categories = lookup(p.categories, book);
  for (std::size_t c = 0; c < p.categories.size(); ++c) {
    const auto& category = p.categories[c];
    const std::int32_t level = level_of(categories, c, one.deal[0]);
    factors.push_back({category.field + "=" + (level < 0 ? std::string("other") : category.levels[static_cast<std::size_t>(level)]),
                       effect(category.first, category.first + static_cast<std::uint32_t>(category.levels.size()))});
  }
  if (const ActivityEncoding& a = p.activities; !a.empty()) {
    // The drivers in words, from the same scan the design row was made of.
    std::array<std::uint8_t, kMaxActivityColumns> counts{};
    const DealActivity activity = scan_deal_activities(book.activities(), one.deal[0], one.as_of,
                                                       activity_type_levels(book, a.types), counts);
    // Named like the other features ("name=value"), so that score changes
    // pair a deal's activity drivers then and now.
    factors.push_back({"activity=" + recency_text(activity, one.days_in_stage[0]),
                       effect(a.first, a.first + static_cast<std::uint32_t>(kActivityBaseFeatures))});
    for (std::size_t t = 0; t < a.types.size(); ++t) {
      const auto first = a.first + static_cast<std::uint32_t>(kActivityBaseFeatures + 2 * t);
      factors.push_back({a.types[t] + "s=" + counts_text(a.types[t], counts[2 * t], counts[2 * t + 1]),
                         effect(first, first + 2)});
    }
  }
  std::stable_sort(factors.begin(), factors.end(), [](const Factor& a, const Factor& b) {
    return std::abs(a.contribution) > std::abs(b.contribution);
  });
  if (factors.size() > top) factors.resize(top);
  return factors;
}

ModelSpec logistic_model_spec() {
  ModelSpec spec;
  spec.name = "logistic";
  spec.description = "regularised logistic regression on as-of snapshots of past deals";
  spec.fit_win = [](const FitContext& context, const FitOptions& options) {
    LogisticOptions fit;
    fit.l2 = options.l2;
    fit.threads = options.threads;
    return std::make_shared<const LogisticWinModel>(
        fit_logistic_win(context.book, context.training, fit, options.half_life_days, options.activities));
  };
  // Options that differ only in the half-life share one encoding and design.
  spec.fit_wins = [](const FitContext& context, std::span<const FitOptions> options) {
    std::vector<std::shared_ptr<const WinModel>> out;
    for (std::size_t first = 0; first < options.size();) {
      std::size_t end = first + 1;
      while (end < options.size() && options[end].l2 == options[first].l2 &&
             options[end].activities == options[first].activities)
        ++end;
      LogisticOptions fit;
      fit.l2 = options[first].l2;
      fit.threads = options[first].threads;
      std::vector<int> half_lives;
      for (std::size_t k = first; k < end; ++k) half_lives.push_back(options[k].half_life_days);
      for (LogisticWinParams& p :
           fit_logistic_wins(context.book, context.training, fit, half_lives, options[first].activities))
        out.push_back(std::make_shared<const LogisticWinModel>(std::move(p)));
      first = end;
    }
    return out;
  };
  return spec;
}

std::string LogisticWinParams::flaw() const {
  if (auto f = stages.flaw(); !f.empty()) return "logistic model: " + f;
  // 64-bit sums: the offsets come from the file and must not wrap.
  const std::uint64_t s = stages.size(), columns = coefficients.size();
  if (stage_first != 1 + kContinuous || slope_first != stage_first + s || band_first != slope_first + s ||
      band_first + s * CloseTiming::kBands > columns)
    return "logistic model: the stage columns do not fit the coefficients";
  if (mean.size() != kContinuous || scale.size() != kContinuous || !loaded::finite(mean) ||
      !std::all_of(scale.begin(), scale.end(), [](double x) { return std::isfinite(x) && x > 0.0; }))
    return "logistic model: bad feature scaling";
  for (const CategoricalEncoding& c : categories)
    if (c.first < band_first + s * CloseTiming::kBands || std::uint64_t{c.first} + c.levels.size() > columns)
      return "logistic model: the columns of '" + c.field + "' do not fit the coefficients";
  if (const ActivityEncoding& a = activities; !a.empty()) {
    const std::uint64_t first_free =
        categories.empty() ? band_first + s * CloseTiming::kBands : categories.back().first + categories.back().levels.size();
    if (a.types.size() > kMaxLevels || a.columns() != kActivityBaseFeatures + 2 * a.types.size() ||
        a.scale.size() != a.mean.size() || a.first < first_free || std::uint64_t{a.first} + a.columns() > columns)
      return "logistic model: the activity columns do not fit the coefficients";
    if (!loaded::finite(a.mean) ||
        !std::all_of(a.scale.begin(), a.scale.end(), [](double x) { return std::isfinite(x) && x > 0.0; }))
      return "logistic model: bad activity feature scaling";
    if (!loaded::texts(a.types)) return "logistic model: an activity type that is not UTF-8 text";
  }
  for (const CategoricalEncoding& c : categories)
    if (!loaded::text(c.field) || !loaded::texts(c.levels))
      return "logistic model: a field or a value that is not UTF-8 text";
  if (!loaded::finite(coefficients) || column_mean.size() != columns || !loaded::finite(column_mean))
    return "logistic model: bad coefficients";
  return censoring.flaw(s);
}

}  // namespace pipecast
