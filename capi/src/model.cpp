// Fitted models through the C ABI: fitting by name as of a day, saving and
// loading, and what a host may ask of a model.
#include "bytes.hpp"
#include "model.hpp"

#include "input.hpp"
#include "log.hpp"

#include "pipecast/forecast/crm_model.hpp"
#include "pipecast/forecast/logistic_model.hpp"
#include "pipecast/forecast/markov_model.hpp"
#include "pipecast/forecast/model_file.hpp"
#include "pipecast/forecast/stage_model.hpp"

#include <chrono>
#include <filesystem>
#include <stdexcept>
#include <string>
#include <system_error>

using pipecast::capi::Error;
using pipecast::capi::guard;
using pipecast::capi::live;
using pipecast::capi::require;

namespace pipecast::capi {

pipecast_model* new_model(FittedModel model, bool callback) {
  auto handle = std::make_unique<pipecast_model>();
  handle->model = std::make_shared<const FittedModel>(std::move(model));
  handle->callback = callback;
  return handle.release();
}

FitOptions fit_options(const pipecast_fit_options& options) {
  FitOptions fit;
  fit.activities = flag_argument(options.activities, "options->activities");
  return fit;
}

Day working_day(const pipecast_book& book, std::int32_t day, const char* argument) {
  const Day resolved = book.resolve_day(day, argument);
  if (resolved == kNoDay)
    throw Error(PIPECAST_ERROR_INVALID_ARGUMENT, std::string("the book is empty: give ") + argument);
  return resolved;
}

namespace {

std::filesystem::path utf8_path(std::string_view text) {
  return std::filesystem::path(std::u8string_view(reinterpret_cast<const char8_t*>(text.data()), text.size()));
}

// The registry's spec for `name`, or NOT_FOUND listing the known models
// (checked before any work, so a typo costs nothing).
void check_model_name(const ModelRegistry& registry, std::string_view name) {
  try {
    registry.find(name);
  } catch (const std::invalid_argument& e) {
    throw Error(PIPECAST_ERROR_NOT_FOUND, e.what());
  }
}

FittedModel fit(const pipecast_book& book, const pipecast_fit_options& o) {
  const std::string_view text = text_argument(o.model, "options->model", true);
  const std::string name = text.empty() ? std::string(kDefaultModel) : std::string(text);
  const ModelRegistry registry = ModelRegistry::builtin();
  check_model_name(registry, name);
  const FitOptions options = fit_options(o);
  const Day as_of = working_day(book, o.as_of_day, "options->as_of_day");
  const Log log(o.log, o.log_user_data);
  log(PIPECAST_LOG_INFO, "fitting " + name + " as of " + format_day(as_of));
  const auto start = std::chrono::steady_clock::now();
  FittedModel model = fit_model(registry, name, *book.book, as_of, options);
  if (log) {
    const auto ms = std::chrono::duration_cast<std::chrono::milliseconds>(std::chrono::steady_clock::now() - start);
    log(PIPECAST_LOG_INFO, "fitted " + model.name() + " in " + std::to_string(ms.count()) + " ms: " +
                               model.description());
  }
  return model;
}

// The built-in win model behind a model (auto's choice included).
const char* kind_of(const pipecast_model& m) {
  if (m.callback) return "callback";
  const WinModel* win = &m.model->win_model();
  if (dynamic_cast<const CrmWinModel*>(win)) return "crm";
  if (dynamic_cast<const StageWinModel*>(win)) return "stage";
  if (dynamic_cast<const MarkovWinModel*>(win)) return "markov";
  if (dynamic_cast<const LogisticWinModel*>(win)) return "logistic";
  return "custom";
}

}  // namespace
}  // namespace pipecast::capi

extern "C" {

int pipecast_fit_options_init(pipecast_fit_options* options, uint32_t version) {
  return pipecast::capi::init_versioned(__func__, options, version,
                                        pipecast_fit_options PIPECAST_FIT_OPTIONS_INIT,
                                        pipecast::capi::kFitEnds, "options");
}

int pipecast_fit(const pipecast_book* book, const pipecast_fit_options* options, pipecast_model** out) {
  if (out != nullptr) *out = nullptr;
  return guard(__func__, [&] {
    const pipecast_book& b = live(book, "book");
    require(out, "out");
    const pipecast_fit_options defaults = PIPECAST_FIT_OPTIONS_INIT;
    const pipecast_fit_options o =
        options ? pipecast::capi::read_versioned(*options, defaults, pipecast::capi::kFitEnds, "options") : defaults;
    pipecast::FittedModel model = [&] {
      try {
        return pipecast::capi::fit(b, o);
      } catch (const std::invalid_argument& e) {
        // What only the fit can tell (training options, ...): the caller's.
        throw Error(PIPECAST_ERROR_INVALID_ARGUMENT, e.what());
      }
    }();
    *out = pipecast::capi::new_model(std::move(model), false);
    return PIPECAST_OK;
  });
}

void pipecast_model_free(pipecast_model* model) { pipecast::capi::destroy(model); }

int pipecast_model_save(const pipecast_model* model, const char* path) {
  return guard(__func__, [&] {
    const pipecast_model& m = live(model, "model");
    const std::string_view p = pipecast::capi::text_argument(path, "path");
    if (m.callback)
      throw Error(PIPECAST_ERROR_INVALID_ARGUMENT,
                  "model '" + m.model->name() +
                      "' is a callback model: its probabilities come from the host, so there is nothing to save");
    if (p.empty()) throw Error(PIPECAST_ERROR_INVALID_ARGUMENT, "path is empty");
    pipecast::save_model(*m.model, pipecast::capi::utf8_path(p));
    return PIPECAST_OK;
  });
}

int pipecast_model_to_bytes(const pipecast_model* model, pipecast_bytes** out) {
  if (out != nullptr) *out = nullptr;
  return guard(__func__, [&] {
    const pipecast_model& m = live(model, "model");
    require(out, "out");
    if (m.callback)
      throw Error(PIPECAST_ERROR_INVALID_ARGUMENT,
                  "model '" + m.model->name() +
                      "' is a callback model: its probabilities come from the host, so it has no bytes");
    pipecast::capi::give_bytes(pipecast::model_bytes(*m.model), out);
    return PIPECAST_OK;
  });
}

int pipecast_model_from_bytes(const void* data, size_t size, pipecast_model** out) {
  if (out != nullptr) *out = nullptr;
  return guard(__func__, [&] {
    const std::string_view bytes = pipecast::capi::blob_argument(data, size, "data");
    require(out, "out");
    pipecast::FittedModel model = [&] {
      try {
        return pipecast::model_from_bytes(bytes, "model bytes");
      } catch (const std::runtime_error& e) {
        throw Error(PIPECAST_ERROR_PARSE, e.what());
      }
    }();
    *out = pipecast::capi::new_model(std::move(model), false);
    return PIPECAST_OK;
  });
}

int pipecast_model_load(const char* path, pipecast_model** out) {
  if (out != nullptr) *out = nullptr;
  return guard(__func__, [&] {
    const std::string_view p = pipecast::capi::text_argument(path, "path");
    require(out, "out");
    const std::filesystem::path file = pipecast::capi::utf8_path(p);
    std::error_code ec;
    if (p.empty() || !std::filesystem::exists(file, ec))
      throw Error(PIPECAST_ERROR_NOT_FOUND, "model file '" + std::string(p) + "' does not exist");
    if (std::filesystem::is_directory(file, ec))
      throw Error(PIPECAST_ERROR_INVALID_ARGUMENT, "path '" + std::string(p) + "' is a directory, not a model file");
    pipecast::FittedModel model = [&] {
      try {
        return pipecast::load_model(file);
      } catch (const std::system_error&) {
        throw;  // the operating system's refusal: IO
      } catch (const std::runtime_error& e) {
        throw Error(PIPECAST_ERROR_PARSE, e.what());
      }
    }();
    *out = pipecast::capi::new_model(std::move(model), false);
    return PIPECAST_OK;
  });
}

int pipecast_model_name(const pipecast_model* model, const char** out) {
  return guard(__func__, [&] {
    const pipecast_model& m = live(model, "model");
    require(out, "out");
    *out = m.model->name().c_str();
    return PIPECAST_OK;
  });
}

int pipecast_model_kind(const pipecast_model* model, const char** out) {
  return guard(__func__, [&] {
    const pipecast_model& m = live(model, "model");
    require(out, "out");
    *out = pipecast::capi::kind_of(m);
    return PIPECAST_OK;
  });
}

int pipecast_model_description(const pipecast_model* model, const char** out) {
  return guard(__func__, [&] {
    const pipecast_model& m = live(model, "model");
    require(out, "out");
    *out = m.model->description().c_str();
    return PIPECAST_OK;
  });
}

int pipecast_model_as_of(const pipecast_model* model, int32_t* out_day) {
  return guard(__func__, [&] {
    const pipecast_model& m = live(model, "model");
    require(out_day, "out_day");
    *out_day = m.model->as_of();
    return PIPECAST_OK;
  });
}

}  // extern "C"
