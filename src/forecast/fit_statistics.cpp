#include "pipecast/forecast/fit_statistics.hpp"

#include <algorithm>
#include <limits>
#include <stdexcept>

namespace pipecast {

void FitStatistics::merge(const FitStatistics& other) {
  for (const auto& [name, table] : other.counts) {
    CountTable& mine = counts[name];
    for (const auto& [key, n] : table) {
      std::uint64_t& cell = mine[key];
      if (n > std::numeric_limits<std::uint64_t>::max() - cell)
        throw std::overflow_error("fit statistics: count '" + name + "' overflows");
      cell += n;
    }
  }
  for (const auto& [name, table] : other.sums) {
    SumTable& mine = sums[name];
    for (const auto& [key, sum] : table) mine[key].add(sum);
  }
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

const SumTable& FitStatistics::sum_table(const std::string& name) const {
  static const SumTable kEmpty;
  const auto it = sums.find(name);
  return it == sums.end() ? kEmpty : it->second;
}

}  // namespace pipecast
