/// @file
/// A backtest in blocks of origins: each block computed on its own (another
/// thread, process or machine), the blocks assembled, in any order, into the
/// very Backtest run_backtest() gives.
///
/// Origins are independent (backtest.hpp): origin k's rows depend only on the
/// book, the options and k, its seed being a fixed function of (seed, k).  A
/// block holds, for origins first .. first + count - 1 of the options' origin
/// list, their OriginResult and what the pooled summary needs of them: each
/// model's per-deal (predicted, outcome) pairs and the deals left out.  The
/// summary, the ranking and the verdict are computed once, on assembly, by
/// the code run_backtest() uses (run_backtest() is one block of every origin,
/// assembled).
///
/// As bytes (to_bytes), a block is a sealed blob (magic, version, CRC); a
/// damaged one is a std::runtime_error, never a crash.  The bytes leave out
/// each model's Forecast and the per-deal predictions (ModelOrigin::forecast and
/// ModelOrigin::predictions): no table or JSON of a backtest shows them, and an
/// assembled result has them empty.
#pragma once

#include "pipecast/backtest/backtest.hpp"

#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

namespace pipecast {

/// Predictions and outcomes (0 or 1) of one model at one origin for one
/// target ("won eventually", or "won within horizon h"), kept until the
/// metrics pooled over origins are computed.
struct DealPairs {
  std::vector<double> predicted;  ///< the model's probabilities
  std::vector<double> outcome;    ///< 1 when it happened, else 0
};

/// One origin of a block.
struct BacktestOrigin {
  std::size_t index = 0;   ///< k: the origin's place in the whole origin list
  OriginResult result;     ///< its rows
  /// [model][target]: target 0 is "won eventually", 1 + h "won within h";
  /// empty for seasonal-naive.
  std::vector<std::vector<DealPairs>> pairs;
  std::vector<std::size_t> excluded;  ///< [model]: open at T, undecided at L
};

/// Origins first .. first + count - 1 of a backtest.
struct BacktestBlock {
  /// The backtest's settings, latest day, group names and models, with no
  /// origin, summary, ranking or unscored count: what every block of one
  /// backtest shares, and the assembled result starts from.
  Backtest frame;
  /// How its models were fitted (BacktestOptions::fit): blocks fitted
  /// otherwise (with and without the activities) do not go together.
  FitOptions fit;
  std::size_t origin_count = 0;          ///< origins of the whole backtest
  std::vector<BacktestOrigin> origins;   ///< in index order
};

/// Origins first .. first + count - 1 of the options' origin list (every
/// model, seasonal-naive included), on options.threads threads.  Throws what
/// run_backtest() throws, and std::invalid_argument when the range runs past
/// the last origin.  options.progress counts the block's origins.
BacktestBlock run_backtest_origins(const Book& book, const BacktestOptions& options, std::size_t first,
                                   std::size_t count);

/// The Backtest of `options` from blocks covering each of its origins once,
/// in any order.  Throws std::invalid_argument when a block was made with
/// other settings, models or fit options, or an origin is missing or given
/// twice.
Backtest assemble_backtest(const BacktestOptions& options, std::vector<BacktestBlock> blocks);

/// The block as a sealed blob.
std::string to_bytes(const BacktestBlock& block);

/// The block to_bytes() wrote; std::runtime_error "origin: backtest block
/// is damaged: ..." when the bytes are not one.
BacktestBlock backtest_block_from_bytes(std::string_view bytes, std::string_view origin);

}  // namespace pipecast
