// The rolling-origin backtest through the C ABI: a result of kind
// "backtest" whose tables are the library's (backtest_tables.hpp: every
// metric, summaries, the ranking, each origin's scores) and whose JSON is
// `pipecast backtest --format json`: its settings, then those tables.
#include "backtest_models.hpp"
#include "bytes.hpp"
#include "handles.hpp"
#include "input.hpp"
#include "log.hpp"
#include "parts.hpp"
#include "result.hpp"

#include "pipecast/backtest/backtest.hpp"
#include "pipecast/backtest/backtest_blocks.hpp"
#include "pipecast/backtest/backtest_output.hpp"
#include "pipecast/backtest/backtest_tables.hpp"

#include <algorithm>
#include <atomic>
#include <stdexcept>
#include <string>

using pipecast::capi::Error;
using pipecast::capi::guard;
using pipecast::capi::live;
using pipecast::capi::require;

namespace pipecast::capi {
namespace {

constexpr std::size_t kBacktestEnds[] = {0, PIPECAST_LAYOUT_END(pipecast_backtest_options, log_user_data),
                                         PIPECAST_LAYOUT_END(pipecast_backtest_options, callback_model_count),
                                         PIPECAST_LAYOUT_END(pipecast_backtest_options, activities)};
static_assert(std::size(kBacktestEnds) == PIPECAST_BACKTEST_OPTIONS_VERSION + 1);


[[noreturn]] void invalid(const std::string& message) { throw Error(PIPECAST_ERROR_INVALID_ARGUMENT, message); }

// "markov, logistic" -> {"markov", "logistic"}; each name checked, so an
// unknown one fails before hours of work.
std::vector<std::string> model_list(const char* text, const ModelRegistry& registry) {
  const std::string_view list = text_argument(text, "options->models", true);
  if (list.empty()) return kBacktestDefaultModels;
  std::vector<std::string> models;
  std::size_t start = 0;
  while (start <= list.size()) {
    const std::size_t comma = std::min(list.find(',', start), list.size());
    std::string_view name = list.substr(start, comma - start);
    while (!name.empty() && name.front() == ' ') name.remove_prefix(1);
    while (!name.empty() && name.back() == ' ') name.remove_suffix(1);
    if (name.empty()) invalid("options->models '" + std::string(list) + "' has an empty name");
    if (name != kSeasonalNaive) {
      try {
        registry.find(name);
      } catch (const std::invalid_argument& e) {
        throw Error(PIPECAST_ERROR_NOT_FOUND, std::string("options->models: ") + e.what());
      }
    }
    models.emplace_back(name);
    start = comma + 1;
  }
  return models;
}

/// `models`, then the callback models not named in it.
void append_missing(std::vector<std::string>& models, const std::vector<std::string>& more) {
  for (const std::string& name : more)
    if (std::find(models.begin(), models.end(), name) == models.end()) models.push_back(name);
}

BacktestOptions backtest_options(const pipecast_backtest_options& o, std::atomic<bool>& callback_failed) {
  BacktestOptions b;
  b.from = day_argument(o.from_day, "options->from_day", false);
  b.to = day_argument(o.to_day, "options->to_day", false);
  if (b.to < b.from)
    invalid("options->to_day " + format_day(b.to) + " is before options->from_day " + format_day(b.from));
  switch (o.every) {
    case PIPECAST_STEP_WEEK: b.every = OriginStep::week; break;
    case PIPECAST_STEP_MONTH: b.every = OriginStep::month; break;
    case PIPECAST_STEP_QUARTER: b.every = OriginStep::quarter; break;
    default:
      invalid("options->every is " + std::to_string(o.every) + ", expected PIPECAST_STEP_WEEK, _MONTH or _QUARTER");
  }
  if (o.horizon != PIPECAST_PERIOD_MONTH && o.horizon != PIPECAST_PERIOD_QUARTER)
    invalid("options->horizon is " + std::to_string(o.horizon) + ", expected PIPECAST_PERIOD_MONTH or _QUARTER");
  b.horizon = o.horizon == PIPECAST_PERIOD_QUARTER ? PeriodKind::quarter : PeriodKind::month;
  require_in_range(o.horizons, 1, 12, "options->horizons");
  b.horizons = o.horizons;
  const std::vector<std::string> callback_models = add_callback_models(o, b.registry, callback_failed);
  b.models = model_list(o.models, b.registry);
  append_missing(b.models, callback_models);
  require_in_range(o.trials, 100, 10'000'000, "options->trials");
  b.trials = static_cast<std::size_t>(o.trials);
  b.seed = o.seed;
  b.threads = o.threads;
  b.fit.activities = flag_argument(o.activities, "options->activities");
  const std::string_view group = text_argument(o.group_by, "options->group_by", true);
  if (group == "owner") b.group_by = Dimension::owner;
  else if (group == "segment") b.group_by = Dimension::segment;
  else if (!group.empty()) invalid("options->group_by is '" + std::string(group) + "', expected owner or segment");
  return b;
}

/// `run()`, its std::invalid_argument an INVALID_ARGUMENT and a callback
/// model's failure a CALLBACK.
template <class Run>
auto backtesting(const std::atomic<bool>& callback_failed, Run run) {
  try {
    return run();
  } catch (const std::invalid_argument& e) {
    throw Error(PIPECAST_ERROR_INVALID_ARGUMENT, e.what());
  } catch (const std::runtime_error& e) {
    if (callback_failed) throw Error(PIPECAST_ERROR_CALLBACK, e.what());
    throw;
  }
}

/// The options of a backtest of `book` (a whole book, not a view), logging
/// each origin done to the options' log.
BacktestOptions backtest_of_book(const pipecast_book& book, const pipecast_backtest_options* options,
                                 std::atomic<bool>& callback_failed) {
  require(options, "options");
  const pipecast_backtest_options defaults = PIPECAST_BACKTEST_OPTIONS_INIT;
  const auto o = read_versioned(*options, defaults, kBacktestEnds, "options");
  BacktestOptions bo = backtest_options(o, callback_failed);
  // Actuals are what the book's latest day knows; a view would need a book
  // cut at its day, which is not made here.
  if (book.is_view())
    throw Error(PIPECAST_ERROR_INVALID_ARGUMENT,
                "book is an as-of view (" + format_day(book.view_day) +
                    "): a backtest reads a whole book, its actuals as known at the book's latest day");
  const Log log(o.log, o.log_user_data);
  if (log)
    bo.progress = [log](std::size_t done, std::size_t total) {
      log(PIPECAST_LOG_INFO, "origin " + std::to_string(done) + " of " + std::to_string(total) + " done");
    };
  return bo;
}

class BacktestSource final : public ResultSource {
 public:
  explicit BacktestSource(Backtest backtest) : backtest_(std::move(backtest)), names_(backtest_table_names()) {}

  const char* kind() const override { return "backtest"; }
  std::span<const char* const> table_names() const override { return names_.pointers(); }

  ResultTable make_table(std::string_view name) const override { return backtest_table(backtest_, name); }

  nlohmann::ordered_json make_json() const override { return nlohmann::ordered_json::parse(to_json(backtest_, -1)); }

  // The very text of `pipecast backtest --format json`.
  std::optional<std::string> whole_text(int indent) const override { return to_json(backtest_, indent); }

 private:
  Backtest backtest_;
  TableNames names_;
};

}  // namespace
}  // namespace pipecast::capi

extern "C" {

int pipecast_backtest_options_init(pipecast_backtest_options* options, uint32_t version) {
  return pipecast::capi::init_versioned(__func__, options, version,
                                        pipecast_backtest_options PIPECAST_BACKTEST_OPTIONS_INIT,
                                        pipecast::capi::kBacktestEnds, "options");
}

int pipecast_backtest(const pipecast_book* book, const pipecast_backtest_options* options, pipecast_result** out) {
  if (out != nullptr) *out = nullptr;
  return guard(__func__, [&] {
    const pipecast_book& b = live(book, "book");
    require(out, "out");
    std::atomic<bool> callback_failed{false};
    const pipecast::BacktestOptions bo = pipecast::capi::backtest_of_book(b, options, callback_failed);
    pipecast::Backtest backtest =
        pipecast::capi::backtesting(callback_failed, [&] { return pipecast::run_backtest(*b.book, bo); });
    *out = pipecast::capi::new_result(std::make_unique<pipecast::capi::BacktestSource>(std::move(backtest)));
    return PIPECAST_OK;
  });
}

int pipecast_backtest_origins(const pipecast_book* book, const pipecast_backtest_options* options, size_t first,
                              size_t count, pipecast_bytes** out) {
  if (out != nullptr) *out = nullptr;
  return guard(__func__, [&] {
    const pipecast_book& b = live(book, "book");
    require(out, "out");
    std::atomic<bool> callback_failed{false};
    const pipecast::BacktestOptions bo = pipecast::capi::backtest_of_book(b, options, callback_failed);
    const pipecast::BacktestBlock block = pipecast::capi::backtesting(
        callback_failed, [&] { return pipecast::run_backtest_origins(*b.book, bo, first, count); });
    pipecast::capi::give_bytes(pipecast::to_bytes(block), out);
    return PIPECAST_OK;
  });
}

int pipecast_backtest_from_origins(const pipecast_backtest_options* options, const void* const* blobs,
                                   const size_t* sizes, size_t count, pipecast_result** out) {
  if (out != nullptr) *out = nullptr;
  return guard(__func__, [&] {
    require(options, "options");
    require(out, "out");
    if (count > 0) {
      require(blobs, "blobs");
      require(sizes, "sizes");
    }
    const pipecast_backtest_options defaults = PIPECAST_BACKTEST_OPTIONS_INIT;
    const auto o = pipecast::capi::read_versioned(*options, defaults, pipecast::capi::kBacktestEnds, "options");
    std::atomic<bool> callback_failed{false};
    const pipecast::BacktestOptions bo = pipecast::capi::backtest_options(o, callback_failed);
    std::vector<pipecast::BacktestBlock> blocks;
    for (std::size_t i = 0; i < count; ++i) {
      const std::string name = "blobs[" + std::to_string(i) + "]";
      const std::string_view blob = pipecast::capi::blob_argument(blobs[i], sizes[i], name.c_str());
      blocks.push_back(
          pipecast::capi::read_blob([&] { return pipecast::backtest_block_from_bytes(blob, name); }));
    }
    pipecast::Backtest backtest = pipecast::capi::backtesting(
        callback_failed, [&] { return pipecast::assemble_backtest(bo, std::move(blocks)); });
    *out = pipecast::capi::new_result(std::make_unique<pipecast::capi::BacktestSource>(std::move(backtest)));
    return PIPECAST_OK;
  });
}

int pipecast_backtest_origin_count(const pipecast_backtest_options* options, size_t* out) {
  if (out != nullptr) *out = 0;
  return guard(__func__, [&] {
    require(options, "options");
    require(out, "out");
    const pipecast_backtest_options defaults = PIPECAST_BACKTEST_OPTIONS_INIT;
    const auto o = pipecast::capi::read_versioned(*options, defaults, pipecast::capi::kBacktestEnds, "options");
    std::atomic<bool> callback_failed{false};
    const pipecast::BacktestOptions bo = pipecast::capi::backtest_options(o, callback_failed);
    *out = pipecast::backtest_origins(bo.from, bo.to, bo.every).size();
    return PIPECAST_OK;
  });
}

}  // extern "C"
