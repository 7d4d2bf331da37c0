// The byte form of a partial forecast: a sealed archive of its fields
// (forecast/sealed_archive.hpp), checked before use.  The order of the
// fields is the format (kPartialFormatVersion): change it only with the
// version.
#include "pipecast/forecast/forecast_parts.hpp"

#include "forecast/loaded_values.hpp"
#include "forecast/sealed_archive.hpp"

#include <stdexcept>

namespace pipecast {
namespace {

constexpr std::string_view kPartialMagic{"\x89PCF\r\n\x1a\n", 8};
constexpr std::uint32_t kPartialFormatVersion = 1;
constexpr std::uint64_t kMaxPartialPeriods = 1'000'000;

// Exact sums as their canonical terms (ExactSum::canonical()): the same
// bytes for the same sums, however they were added up.
template <class Archive>
void exact_sums(Archive& archive, std::vector<ExactSum>& sums) {
  std::vector<std::vector<double>> terms;
  for (const ExactSum& sum : sums) terms.push_back(sum.canonical());
  bounded::field(archive, terms);
  if constexpr (bounded::kLoading<Archive>) {
    sums.clear();
    for (const std::vector<double>& t : terms) {
      if (!loaded::finite(t)) throw std::runtime_error("a sum that is not a finite number");
      sums.push_back(ExactSum::of(t));
    }
  }
}

__extension__ typedef unsigned __int128 WideBits;

// The 128-bit sums as pairs of 64-bit words (low, then high).
template <class Archive>
void wide_sums(Archive& archive, std::vector<ForecastWideSum>& sums) {
  std::vector<std::uint64_t> words;
  words.reserve(2 * sums.size());
  for (const ForecastWideSum s : sums) {
    const auto bits = static_cast<WideBits>(s);
    words.push_back(static_cast<std::uint64_t>(bits));
    words.push_back(static_cast<std::uint64_t>(bits >> 64));
  }
  bounded::field(archive, words);
  if constexpr (bounded::kLoading<Archive>) {
    if (words.size() % 2 != 0) throw std::runtime_error("a 128-bit sum cut in half");
    sums.resize(words.size() / 2);
    for (std::size_t i = 0; i < sums.size(); ++i)
      sums[i] = static_cast<ForecastWideSum>((static_cast<WideBits>(words[2 * i + 1]) << 64) | words[2 * i]);
  }
}

}  // namespace

template <class Archive>
void archive_fields(Archive& archive, ForecastPartial& partial) {
  bounded::fields(archive, partial.request, partial.parts, partial.open_deals, partial.trials, partial.periods);
  wide_sums(archive, partial.pipeline);
  exact_sums(archive, partial.expected);
  exact_sums(archive, partial.closed);
  if constexpr (bounded::kLoading<Archive>) {
    if (partial.parts == 0 || partial.periods == 0 || partial.periods > kMaxPartialPeriods ||
        partial.trials == 0 || partial.pipeline.size() / partial.periods != partial.trials ||
        partial.pipeline.size() % partial.periods != 0 || partial.expected.size() != partial.periods ||
        partial.closed.size() != partial.periods)
      throw std::runtime_error("its parts, trials, periods and sums do not agree");
  }
}

std::string to_bytes(const ForecastPartial& partial) {
  return sealed_archive(kPartialMagic, kPartialFormatVersion, partial);
}

ForecastPartial forecast_partial_from_bytes(std::string_view bytes, std::string_view origin) {
  return unsealed_archive<ForecastPartial>(bytes, kPartialMagic, kPartialFormatVersion, "partial forecast", origin);
}

}  // namespace pipecast
