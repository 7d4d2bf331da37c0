#include "backtest_models.hpp"

#include "input.hpp"
#include "model.hpp"

#include <memory>
#include <stdexcept>

namespace pipecast::capi {
namespace {

/// The host's callback behind the engine's WinModel, for a backtest: the
/// engine tells a failing model's origin only for a std::exception, so the
/// callback model's Error (not one) is turned into a std::runtime_error, and
/// remembered as the host's failure.
class BacktestCallbackModel final : public WinModel {
 public:
  BacktestCallbackModel(std::shared_ptr<const WinModel> callback, std::atomic<bool>& failed)
      : callback_(std::move(callback)), failed_(failed) {}

  void predict(const Book& book, const DealStates& deals, std::span<double> out) const override {
    try {
      callback_->predict(book, deals, out);
    } catch (const Error& e) {
      failed_ = true;
      throw std::runtime_error(e.message());
    }
  }

 private:
  std::shared_ptr<const WinModel> callback_;
  std::atomic<bool>& failed_;
};

ModelSpec callback_spec(const pipecast_model& handle, std::atomic<bool>& failed) {
  const FittedModel& model = *handle.model;
  ModelSpec spec;
  spec.name = model.name();
  spec.description = model.description();
  // As pipecast_model_from_callback makes it: closes on the expected close
  // date, no deals not yet created, nothing learnt from the book.
  spec.crm_timing = true;
  spec.without_new_deals = true;
  spec.needs_training = false;
  auto win = std::make_shared<const BacktestCallbackModel>(model.shared_win_model(), failed);
  spec.fit_win = [win](const FitContext&, const FitOptions&) { return win; };
  return spec;
}

}  // namespace

std::vector<std::string> add_callback_models(const pipecast_backtest_options& options, ModelRegistry& registry,
                                             std::atomic<bool>& callback_failed) {
  require_array(options.callback_models, options.callback_model_count, "options->callback_models");
  check_count(options.callback_model_count, "options->callback_model_count");
  std::vector<std::string> names;
  for (std::size_t i = 0; i < options.callback_model_count; ++i) {
    const std::string argument = "options->callback_models[" + std::to_string(i) + "]";
    const pipecast_model& handle = live(options.callback_models[i], argument.c_str());
    if (!handle.callback)
      throw Error(PIPECAST_ERROR_INVALID_ARGUMENT,
                  argument + " (" + handle.model->name() +
                      ") is a fitted model, not one made by pipecast_model_from_callback: a backtest refits "
                      "every model at each origin; name a built-in model in options->models instead");
    try {
      registry.add(callback_spec(handle, callback_failed));
    } catch (const std::invalid_argument&) {
      throw Error(PIPECAST_ERROR_INVALID_ARGUMENT,
                  argument + " is named '" + handle.model->name() +
                      "', the name of a built-in model or of another callback model");
    }
    names.push_back(handle.model->name());
  }
  return names;
}

}  // namespace pipecast::capi
