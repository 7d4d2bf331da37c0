// The byte forms of a fit from parts' requests and statistics: sealed
// archives of their fields (forecast/sealed_archive.hpp), checked before
// use.  The order of the fields is the format (kPartsFitFormatVersion):
// change it only with the version.
#include "pipecast/forecast/parts_fit.hpp"

#include "forecast/fit_options_archive.hpp"
#include "forecast/loaded_values.hpp"
#include "forecast/sealed_archive.hpp"

#include <stdexcept>

namespace pipecast {

// Layouts, found by bounded::field() through argument-dependent lookup.
template <class Archive>
void archive_fields(Archive& archive, LogisticPass& pass) {
  bounded::fields(archive, pass.beta, pass.level, pass.hessian_one_in, pass.with_loss);
}

template <class Archive>
void archive_fields(Archive& archive, StatsRequest& request) {
  auto kind = static_cast<std::uint8_t>(request.kind);
  bounded::fields(archive, kind, request.round, request.as_of, request.options, request.wants, request.piled_days,
                  request.models, request.pass, request.outcomes_as_of);
  if constexpr (bounded::kLoading<Archive>) {
    if (kind < static_cast<std::uint8_t>(StatsKind::counts) || kind > static_cast<std::uint8_t>(StatsKind::validation))
      throw std::runtime_error("a request of no known kind");
    request.kind = static_cast<StatsKind>(kind);
  }
}

// The stage table's records go through lambdas rather than archive_fields()
// of Pipeline and Stage: the book's snapshot defines those (another target,
// the same template names), and two definitions of one template may not differ.
template <class Archive>
void archive_fields(Archive& archive, StageTable& table) {
  bounded::sequence(archive, table.pipelines, [](Archive& a, Pipeline& p) { bounded::fields(a, p.name, p.stages); });
  bounded::sequence(archive, table.stages, [](Archive& a, Stage& s) {
    auto kind = static_cast<std::uint8_t>(s.kind);
    bounded::fields(a, s.pipeline, s.name, s.order, s.probability, kind, s.forecast_category);
    if constexpr (bounded::kLoading<Archive>) {
      if (kind > static_cast<std::uint8_t>(StageKind::lost)) throw std::runtime_error("a stage of no known kind");
      s.kind = static_cast<StageKind>(kind);
    }
  });
}

template <class Archive>
void archive_fields(Archive& archive, SampledWin& win) {
  bounded::fields(archive, win.key, win.days, win.amount);
}

namespace {

constexpr std::string_view kRequestMagic{"\x89PCQ\r\n\x1a\n", 8};
constexpr std::string_view kStatsMagic{"\x89PCA\r\n\x1a\n", 8};
// 2: FitOptions::activities.
constexpr std::uint32_t kPartsFitFormatVersion = 2;

// A table of names to tables, as names, then each table's keys and values.
template <class Archive, class Table, class Values>
void named_tables(Archive& archive, std::map<std::string, Table>& tables, Values values) {
  std::vector<std::string> names;
  for (const auto& [name, table] : tables) names.push_back(name);
  bounded::field(archive, names);
  if constexpr (bounded::kLoading<Archive>) tables.clear();
  for (const std::string& name : names) {
    Table& table = tables[name];
    std::vector<std::uint64_t> keys;
    for (const auto& [key, value] : table) keys.push_back(key);
    bounded::field(archive, keys);
    if constexpr (bounded::kLoading<Archive>)
      if (!std::is_sorted(keys.begin(), keys.end()) || std::adjacent_find(keys.begin(), keys.end()) != keys.end())
        throw std::runtime_error("the keys of table '" + name + "' are not in order");
    values(archive, table, keys);
  }
}

template <class Archive>
void count_values(Archive& archive, CountTable& table, const std::vector<std::uint64_t>& keys) {
  std::vector<std::uint64_t> counts;
  for (const auto& [key, n] : table) counts.push_back(n);
  bounded::field(archive, counts);
  if constexpr (bounded::kLoading<Archive>) {
    if (counts.size() != keys.size()) throw std::runtime_error("a table's keys and counts differ in number");
    for (std::size_t k = 0; k < keys.size(); ++k) table.emplace_hint(table.end(), keys[k], counts[k]);
  }
}

// An exact sum as its canonical terms (ExactSum::canonical()): the same
// bytes for the same sum, however it was added up.
template <class Archive>
void sum_values(Archive& archive, SumTable& table, const std::vector<std::uint64_t>& keys) {
  std::vector<std::vector<double>> terms;
  for (const auto& [key, sum] : table) terms.push_back(sum.canonical());
  bounded::field(archive, terms);
  if constexpr (bounded::kLoading<Archive>) {
    if (terms.size() != keys.size()) throw std::runtime_error("a table's keys and sums differ in number");
    for (std::size_t k = 0; k < keys.size(); ++k) {
      if (!loaded::finite(terms[k])) throw std::runtime_error("a sum that is not a finite number");
      table.emplace_hint(table.end(), keys[k], ExactSum::of(terms[k]));
    }
  }
}

}  // namespace

template <class Archive>
void archive_fields(Archive& archive, TextCounts& table) {
  std::vector<std::string> texts;
  std::vector<std::uint64_t> counts;
  for (const auto& [text, n] : table.counts) {
    texts.push_back(text);
    counts.push_back(n);
  }
  bounded::fields(archive, table.limit, table.over, texts, counts);
  if constexpr (bounded::kLoading<Archive>) {
    if (texts.size() != counts.size() || (table.over && !texts.empty()) ||
        (table.limit > 0 && texts.size() > table.limit) || !std::is_sorted(texts.begin(), texts.end()) ||
        std::adjacent_find(texts.begin(), texts.end()) != texts.end() || !loaded::texts(texts))
      throw std::runtime_error("a table of counts by text is not one");
    table.counts.clear();
    for (std::size_t k = 0; k < texts.size(); ++k) table.counts.emplace_hint(table.counts.end(), texts[k], counts[k]);
  }
}

template <class Archive>
void archive_fields(Archive& archive, FitStatistics& stats) {
  named_tables(archive, stats.counts, [](Archive& a, CountTable& t, const auto& keys) { count_values(a, t, keys); });
  named_tables(archive, stats.sums, [](Archive& a, SumTable& t, const auto& keys) { sum_values(a, t, keys); });
  std::vector<std::string> names;
  std::vector<TextCounts> tables;
  for (const auto& [name, table] : stats.texts) {
    names.push_back(name);
    tables.push_back(table);
  }
  bounded::fields(archive, names, tables);
  if constexpr (bounded::kLoading<Archive>) {
    if (names.size() != tables.size() || !std::is_sorted(names.begin(), names.end()) ||
        std::adjacent_find(names.begin(), names.end()) != names.end())
      throw std::runtime_error("text tables and their names do not match");
    stats.texts.clear();
    for (std::size_t k = 0; k < names.size(); ++k) stats.texts.emplace(names[k], std::move(tables[k]));
  }
  bounded::field(archive, stats.sample);
  if constexpr (bounded::kLoading<Archive>)
    if (stats.sample.size() > FitStatistics::kMaxSample || !std::is_sorted(stats.sample.begin(), stats.sample.end()))
      throw std::runtime_error("the sample of wins is not a sample");
}

template <class Archive>
void archive_fields(Archive& archive, PartStats& stats) {
  bounded::fields(archive, stats.request, stats.parts, stats.stages, stats.attributes, stats.stats);
}

std::string to_bytes(const StatsRequest& request) {
  return sealed_archive(kRequestMagic, kPartsFitFormatVersion, request);
}

std::string to_bytes(const PartStats& stats) { return sealed_archive(kStatsMagic, kPartsFitFormatVersion, stats); }

StatsRequest request_from_bytes(std::string_view bytes, std::string_view origin) {
  StatsRequest request =
      unsealed_archive<StatsRequest>(bytes, kRequestMagic, kPartsFitFormatVersion, "fit request", origin);
  if (!loaded::day_or_none(request.as_of) || !loaded::day_or_none(request.outcomes_as_of) ||
      !loaded::finite(request.pass.beta) || request.pass.level > kLogisticMaxLevel)
    throw std::runtime_error(std::string(origin) + ": fit request is damaged: a day or a pass out of range");
  return request;
}

PartStats stats_from_bytes(std::string_view bytes, std::string_view origin) {
  PartStats stats =
      unsealed_archive<PartStats>(bytes, kStatsMagic, kPartsFitFormatVersion, "part statistics", origin);
  for (const Stage& s : stats.stages.stages)
    if (s.pipeline >= stats.stages.pipelines.size() || !loaded::text(s.name))
      throw std::runtime_error(std::string(origin) + ": part statistics is damaged: a stage of no pipeline");
  if (!loaded::texts(stats.attributes))
    throw std::runtime_error(std::string(origin) + ": part statistics is damaged: an attribute that is not text");
  for (const Pipeline& p : stats.stages.pipelines)
    for (const StageId s : p.stages)
      if (s >= stats.stages.stages.size())
        throw std::runtime_error(std::string(origin) + ": part statistics is damaged: a pipeline of unknown stages");
  return stats;
}

}  // namespace pipecast
