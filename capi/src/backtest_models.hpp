// Callback models (pipecast_model_from_callback) in a backtest: each becomes a
// ModelSpec of the backtest's registry, "refitted" at each origin by asking
// its callback about the deals open there.
#pragma once

#include "pipecast.h"

#include "pipecast/forecast/model.hpp"

#include <atomic>
#include <string>
#include <vector>

namespace pipecast::capi {

/// Adds options.callback_models to `registry` and returns their names, in
/// order.  INVALID_ARGUMENT for a NULL array with a count, a NULL, dead or
/// fitted model, or a name taken.  When a callback fails during the backtest,
/// `callback_failed` is set: the engine reports the failure as a
/// std::runtime_error naming the model and origin, which pipecast_backtest
/// then returns as PIPECAST_ERROR_CALLBACK.
std::vector<std::string> add_callback_models(const pipecast_backtest_options& options, ModelRegistry& registry,
                                             std::atomic<bool>& callback_failed);

}  // namespace pipecast::capi
