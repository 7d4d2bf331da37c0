#include "pipecast/forecast/fit_statistics.hpp"

#include "core/splitmix64.hpp"

#include <algorithm>
#include <limits>
#include <stdexcept>

namespace pipecast {

namespace {

std::uint64_t checked_add(std::uint64_t a, std::uint64_t b, const std::string& what) {
  if (b > std::numeric_limits<std::uint64_t>::max() - a)
    throw std::overflow_error("fit statistics: count '" + what + "' overflows");
  return a + b;
}

}  // namespace

void TextCounts::add(const std::string& text, std::uint64_t n) {
  if (over) return;
  std::uint64_t& cell = counts[text];
  cell = checked_add(cell, n, text);
  if (limit > 0 && counts.size() > limit) {
    over = true;
    counts.clear();
  }
}

void TextCounts::merge(const TextCounts& other) {
  if (other.limit != limit) throw std::invalid_argument("fit statistics: text counts of different limits");
  if (other.over) {
    over = true;
    counts.clear();
  }
  for (const auto& [text, n] : other.counts) add(text, n);
}

std::uint64_t deal_hash(std::string_view id) {
  std::uint64_t h = 0xcbf29ce484222325ULL;
  for (const char c : id) h = (h ^ static_cast<unsigned char>(c)) * 0x100000001b3ULL;
  return splitmix64(h);
}

void FitStatistics::merge(const FitStatistics& other) {
  for (const auto& [name, table] : other.counts) {
    CountTable& mine = counts[name];
    for (const auto& [key, n] : table) mine[key] = checked_add(mine[key], n, name);
  }
  for (const auto& [name, table] : other.sums) {
    SumTable& mine = sums[name];
    for (const auto& [key, sum] : table) mine[key].add(sum);
  }
  for (const auto& [name, table] : other.texts)
    if (const auto [it, added] = texts.try_emplace(name, table); !added) it->second.merge(table);
  std::vector<SampledWin> both;
  both.reserve(sample.size() + other.sample.size());
  std::merge(sample.begin(), sample.end(), other.sample.begin(), other.sample.end(), std::back_inserter(both));
  if (both.size() > kMaxSample) both.resize(kMaxSample);
  sample = std::move(both);
}

void FitStatistics::add_sample(const SampledWin& win) {
  if (sample.size() == kMaxSample && !(win < sample.back())) return;
  sample.insert(std::upper_bound(sample.begin(), sample.end(), win), win);
  if (sample.size() > kMaxSample) sample.pop_back();
}

std::uint64_t FitStatistics::count(const std::string& name, std::uint64_t key) const {
  const CountTable& table = count_table(name);
  const auto it = table.find(key);
  return it == table.end() ? 0 : it->second;
}

const CountTable& FitStatistics::count_table(const std::string& name) const {
  static const CountTable kEmpty;  // an immutable constant, not state
  const auto it = counts.find(name);
  return it == counts.end() ? kEmpty : it->second;
}

const TextCounts& FitStatistics::text_table(const std::string& name) const {
  static const TextCounts kEmpty;
  const auto it = texts.find(name);
  return it == texts.end() ? kEmpty : it->second;
}

const SumTable& FitStatistics::sum_table(const std::string& name) const {
  static const SumTable kEmpty;
  const auto it = sums.find(name);
  return it == sums.end() ? kEmpty : it->second;
}

}  // namespace pipecast
