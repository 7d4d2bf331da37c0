// Where the next hour goes through the C ABI: a result of kind "activity_plan".
#include "handles.hpp"
#include "input.hpp"
#include "model.hpp"
#include "result.hpp"
#include "scope.hpp"

#include "pipecast/forecast/activity_plan.hpp"

#include <stdexcept>

namespace pipecast::capi {
namespace {

constexpr std::size_t kWorklistEnds[] = {0, PIPECAST_LAYOUT_END(pipecast_worklist_options, time_split_days)};
static_assert(std::size(kWorklistEnds) == PIPECAST_WORKLIST_OPTIONS_VERSION + 1);

}  // namespace
}  // namespace pipecast::capi

extern "C" {

int pipecast_worklist_options_init(pipecast_worklist_options* options, uint32_t version) {
  return pipecast::capi::init_versioned(__func__, options, version,
                                        pipecast_worklist_options PIPECAST_WORKLIST_OPTIONS_INIT,
                                        pipecast::capi::kWorklistEnds, "options");
}

int pipecast_worklist(const pipecast_book* book, const pipecast_scope_options* scope, const pipecast_model* model,
                      const pipecast_worklist_options* options, pipecast_result** out) {
  namespace capi = pipecast::capi;
  if (out != nullptr) *out = nullptr;
  return capi::guard(__func__, [&] {
    const pipecast_book& b = capi::live(book, "book");
    const pipecast_model& m = capi::live(model, "model");
    capi::require(out, "out");
    const pipecast_worklist_options defaults = PIPECAST_WORKLIST_OPTIONS_INIT;
    const pipecast_worklist_options o =
        options ? capi::read_versioned(*options, defaults, capi::kWorklistEnds, "options") : defaults;
    if (o.time_split_days < 1)
      throw capi::Error(PIPECAST_ERROR_INVALID_ARGUMENT,
                        "options->time_split_days is " + std::to_string(o.time_split_days) + ", expected >= 1");
    const pipecast::AnalysisOptions analysis = capi::analysis_options(b, scope);
    try {
      const pipecast::Scope s(*b.book, analysis);
      *out = capi::new_result(std::make_unique<capi::TablesSource<pipecast::ActivityPlan>>(
          pipecast::activity_plan(s, pipecast::activity_effects(s), *m.model, {o.rows_per_owner}, o.time_split_days),
          "activity_plan", pipecast::activity_plan_table_names, pipecast::activity_plan_table));
    } catch (const std::invalid_argument& e) {
      throw capi::Error(PIPECAST_ERROR_INVALID_ARGUMENT, e.what());
    }
    return PIPECAST_OK;
  });
}

}  // extern "C"
