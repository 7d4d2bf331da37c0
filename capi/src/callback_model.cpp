// A model of the host's own: its win probabilities come from a C callback
// (pipecast_custom_model), wired to the engine as a WinModel.  The engine
// scores and forecasts with it like with any fitted model; what the callback
// hands back is checked, so a bad value becomes an error, never a forecast.
#include "model.hpp"

#include "input.hpp"

#include <cmath>
#include <string>
#include <vector>

using pipecast::capi::Error;
using pipecast::capi::guard;
using pipecast::capi::require;

namespace pipecast::capi {
namespace {

constexpr std::size_t kCustomEnds[] = {0, PIPECAST_LAYOUT_END(pipecast_custom_model, user_data)};
static_assert(std::size(kCustomEnds) == PIPECAST_CUSTOM_MODEL_VERSION + 1);

// The columns pipecast_deal_features points into, for one batch of deals.
// Ids are copied (the book stores them packed, without NULs); every other
// text is the book's own NUL-terminated string.
struct FeatureColumns {
  std::string id_text;
  std::vector<const char*> id, pipeline, stage, owner, product, source, segment;
  std::vector<std::int32_t> stage_order, regressions, pushes;
  std::vector<double> stage_probability;

  FeatureColumns(const Book& book, const DealStates& deals);
  pipecast_deal_features view(const DealStates& deals) const;
};

const char* dimension_text(const Book& book, Dimension d, DealIndex deal) {
  return book.dictionary(d)[book.codes(d)[deal]].c_str();
}

FeatureColumns::FeatureColumns(const Book& book, const DealStates& deals) {
  const std::size_t n = deals.size();
  std::vector<std::size_t> offset(n);
  for (std::size_t i = 0; i < n; ++i) {
    offset[i] = id_text.size();
    id_text += book.ids()[deals.deal[i]];
    id_text += '\0';
  }
  // Pointers only once the text no longer grows.
  for (std::size_t i = 0; i < n; ++i) id.push_back(id_text.c_str() + offset[i]);
  for (std::size_t i = 0; i < n; ++i) {
    const Stage& s = book.stages()[deals.stage[i]];
    const DealIndex deal = deals.deal[i];
    pipeline.push_back(book.pipelines()[s.pipeline].name.c_str());
    stage.push_back(s.name.c_str());
    stage_order.push_back(s.order);
    stage_probability.push_back(s.probability);
    regressions.push_back(deals.regressions[i]);
    pushes.push_back(deals.pushes[i]);
    owner.push_back(dimension_text(book, Dimension::owner, deal));
    product.push_back(dimension_text(book, Dimension::product, deal));
    source.push_back(dimension_text(book, Dimension::source, deal));
    segment.push_back(dimension_text(book, Dimension::segment, deal));
  }
}

pipecast_deal_features FeatureColumns::view(const DealStates& deals) const {
  pipecast_deal_features f{};
  f.version = PIPECAST_DEAL_FEATURES_VERSION;
  f.as_of_day = deals.as_of;
  f.id = id.data();
  f.pipeline = pipeline.data();
  f.stage = stage.data();
  f.stage_order = stage_order.data();
  f.stage_probability = stage_probability.data();
  f.days_in_stage = deals.days_in_stage.data();
  f.age = deals.age.data();
  f.amount = deals.amount.data();
  f.close_date = deals.close_date.data();
  f.regressions = regressions.data();
  f.pushes = pushes.data();
  f.owner = owner.data();
  f.product = product.data();
  f.source = source.data();
  f.segment = segment.data();
  return f;
}

class CallbackWinModel final : public WinModel {
 public:
  CallbackWinModel(std::string name, pipecast_win_probability_fn fn, void* user_data)
      : name_(std::move(name)), fn_(fn), user_data_(user_data) {}

  void predict(const Book& book, const DealStates& deals, std::span<double> out) const override {
    if (deals.size() == 0) return;
    const FeatureColumns columns(book, deals);
    const pipecast_deal_features features = columns.view(deals);
    // NaN first: a callback that returns 0 without writing is caught below.
    std::fill(out.begin(), out.end(), std::nan(""));
    int code = 0;
    try {
      code = fn_(user_data_, &features, deals.size(), out.data());
    } catch (...) {
      fail("threw an exception (callbacks must not throw)");
    }
    if (code != 0) fail("returned " + std::to_string(code) + " (a failure)");
    for (std::size_t i = 0; i < out.size(); ++i)
      if (!(out[i] >= 0.0 && out[i] <= 1.0))
        fail("wrote " + std::to_string(out[i]) + " for deal '" + columns.id[i] + "' (index " + std::to_string(i) +
             " of " + std::to_string(out.size()) + "): a win probability must be a number in [0, 1]");
  }

 private:
  [[noreturn]] void fail(const std::string& what) const {
    throw Error(PIPECAST_ERROR_CALLBACK, "custom model '" + name_ + "': its win_probability callback " + what);
  }

  std::string name_;
  pipecast_win_probability_fn fn_;
  void* user_data_;
};

}  // namespace
}  // namespace pipecast::capi

extern "C" {

int pipecast_custom_model_init(pipecast_custom_model* model, uint32_t version) {
  return pipecast::capi::init_versioned(__func__, model, version,
                                        pipecast_custom_model PIPECAST_CUSTOM_MODEL_INIT,
                                        pipecast::capi::kCustomEnds, "model");
}

int pipecast_model_from_callback(const pipecast_custom_model* model, pipecast_model** out) {
  if (out != nullptr) *out = nullptr;
  return guard(__func__, [&] {
    require(model, "model");
    require(out, "out");
    const pipecast_custom_model defaults = PIPECAST_CUSTOM_MODEL_INIT;
    const auto m = pipecast::capi::read_versioned(*model, defaults, pipecast::capi::kCustomEnds, "model");
    const std::string name(pipecast::capi::text_argument(m.name, "model->name"));
    if (name.empty()) throw Error(PIPECAST_ERROR_INVALID_ARGUMENT, "model->name is empty");
    if (m.win_probability == nullptr) throw Error(PIPECAST_ERROR_INVALID_ARGUMENT, "model->win_probability is NULL");
    auto win = std::make_shared<const pipecast::capi::CallbackWinModel>(name, m.win_probability, m.user_data);
    // Like crm: closes on the expected close date, no deals not yet created.
    pipecast::FittedModel fitted(name, pipecast::kNoDay, name + ": win probabilities from the host's callback",
                                 std::move(win), true, pipecast::CloseTiming{}, pipecast::NewDealFlow{});
    *out = pipecast::capi::new_model(std::move(fitted), true);
    return PIPECAST_OK;
  });
}

}  // extern "C"
