// The byte form of a block of backtest origins: a sealed archive of its
// fields (forecast/sealed_archive.hpp), checked before use; the shapes are
// checked again on assembly (assemble_backtest).  The order of the fields is
// the format (kBlockFormatVersion): change it only with the version.
#include "pipecast/backtest/backtest_blocks.hpp"

#include "forecast/fit_options_archive.hpp"
#include "forecast/sealed_archive.hpp"
#include "storage/period_archive.hpp"

#include <cstdint>
#include <stdexcept>

namespace pipecast {
namespace {

constexpr std::string_view kBlockMagic{"\x89PCB\r\n\x1a\n", 8};
// 2: the block's FitOptions (a block fitted otherwise is refused on assembly).
constexpr std::uint32_t kBlockFormatVersion = 2;

}  // namespace

constexpr OriginStep last_value(OriginStep) { return OriginStep::quarter; }
constexpr Dimension last_value(Dimension) { return Dimension::segment; }

namespace {

template <class Archive>
void three(Archive& archive, std::array<double, 3>& values) {
  for (double& v : values) bounded::field(archive, v);
}

// vector<bool> as bytes: its elements are not addressable.
template <class Archive>
void flags(Archive& archive, std::vector<bool>& values) {
  std::vector<std::uint8_t> bytes(values.begin(), values.end());
  bounded::field(archive, bytes);
  if constexpr (bounded::kLoading<Archive>) {
    values.clear();
    for (std::uint8_t b : bytes) {
      if (b > 1) throw std::runtime_error("a flag is neither 0 nor 1");
      values.push_back(b == 1);
    }
  }
}

template <class Archive>
void optional_dimension(Archive& archive, std::optional<Dimension>& value) {
  bool present = value.has_value();
  Dimension d = value.value_or(Dimension::account);
  bounded::fields(archive, present, d);
  if constexpr (bounded::kLoading<Archive>) value = present ? std::optional(d) : std::nullopt;
}

}  // namespace

template <class Archive>
void archive_fields(Archive& archive, CalibrationBin& bin) {
  bounded::fields(archive, bin.lower, bin.upper, bin.count, bin.positives, bin.mean_predicted, bin.observed);
}

template <class Archive>
void archive_fields(Archive& archive, DealMetrics& m) {
  bounded::fields(archive, m.deals, m.positives, m.excluded, m.brier, m.log_loss, m.auc, m.calibration_error,
                  m.calibration);
}

template <class Archive>
void archive_fields(Archive& archive, PeriodScore& s) {
  bounded::fields(archive, s.period, s.scored, s.has_distribution, s.forecast, s.p10, s.p50, s.p90, s.actual,
                  s.abs_error, s.error, s.scaled_error);
  three(archive, s.pinball);
  bounded::fields(archive, s.crps, s.covered);
}

template <class Archive>
void archive_fields(Archive& archive, GroupScore& s) {
  bounded::fields(archive, s.group, s.name, s.forecast, s.p10, s.p50, s.p90, s.actual, s.abs_error, s.error,
                  s.scaled_error);
  three(archive, s.pinball);
  bounded::fields(archive, s.crps, s.covered);
}

// Without the Forecast and the predictions: no table shows them.
template <class Archive>
void archive_fields(Archive& archive, ModelOrigin& m) {
  bounded::fields(archive, m.description, m.open_deals, m.eventual, m.within, m.periods, m.groups);
}

template <class Archive>
void archive_fields(Archive& archive, OriginResult& r) {
  bounded::fields(archive, r.origin, r.seed, r.periods);
  flags(archive, r.scored);
  bounded::fields(archive, r.mase_scale, r.group_mase_scale, r.models);
}

template <class Archive>
void archive_fields(Archive& archive, DealPairs& p) {
  bounded::fields(archive, p.predicted, p.outcome);
}

template <class Archive>
void archive_fields(Archive& archive, BacktestOrigin& o) {
  bounded::fields(archive, o.index, o.result, o.pairs, o.excluded);
}

// The frame: settings, latest day, groups and models only.
template <class Archive>
void archive_fields(Archive& archive, Backtest& bt) {
  bounded::fields(archive, bt.from, bt.to, bt.every, bt.horizon, bt.horizons, bt.trials, bt.seed, bt.latest_day);
  optional_dimension(archive, bt.group_by);
  bounded::fields(archive, bt.group_names, bt.models);
}

template <class Archive>
void archive_fields(Archive& archive, BacktestBlock& block) {
  bounded::fields(archive, block.frame, block.fit, block.origin_count, block.origins);
}

std::string to_bytes(const BacktestBlock& block) {
  return sealed_archive(kBlockMagic, kBlockFormatVersion, block);
}

BacktestBlock backtest_block_from_bytes(std::string_view bytes, std::string_view origin) {
  return unsealed_archive<BacktestBlock>(bytes, kBlockMagic, kBlockFormatVersion, "backtest block", origin);
}

}  // namespace pipecast
