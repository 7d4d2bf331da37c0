// The lead plan through the C ABI: a result of kind "lead_plan".
#include "handles.hpp"
#include "input.hpp"
#include "result.hpp"
#include "scope.hpp"

#include "pipecast/analytics/lead_plan_tables.hpp"
#include "pipecast/analytics/report.hpp"

#include <cmath>
#include <stdexcept>

using pipecast::capi::Error;
using pipecast::capi::guard;
using pipecast::capi::live;
using pipecast::capi::require;

namespace pipecast::capi {
namespace {

constexpr std::size_t kLeadPlanEnds[] = {0, PIPECAST_LAYOUT_END(pipecast_lead_plan_options, learn_until_day)};
static_assert(std::size(kLeadPlanEnds) == PIPECAST_LEAD_PLAN_OPTIONS_VERSION + 1);

}  // namespace
}  // namespace pipecast::capi

extern "C" {

int pipecast_lead_plan_options_init(pipecast_lead_plan_options* options, uint32_t version) {
  return pipecast::capi::init_versioned(__func__, options, version,
                                        pipecast_lead_plan_options PIPECAST_LEAD_PLAN_OPTIONS_INIT,
                                        pipecast::capi::kLeadPlanEnds, "options");
}

int pipecast_lead_plan(const pipecast_book* book, const pipecast_scope_options* scope,
                       const pipecast_lead_plan_options* options, pipecast_result** out) {
  if (out != nullptr) *out = nullptr;
  return guard(__func__, [&] {
    const pipecast_book& b = live(book, "book");
    require(options, "options");
    require(out, "out");
    const pipecast_lead_plan_options defaults = PIPECAST_LEAD_PLAN_OPTIONS_INIT;
    const auto o = pipecast::capi::read_versioned(*options, defaults, pipecast::capi::kLeadPlanEnds, "options");
    if (!std::isfinite(o.target) || o.target < 0)
      throw Error(PIPECAST_ERROR_INVALID_ARGUMENT,
                  "options->target is " + std::to_string(o.target) + ", expected a finite amount >= 0");
    pipecast::LeadPlanOptions plan_options;
    plan_options.learn_from = pipecast::capi::day_argument(o.learn_from_day, "options->learn_from_day", true);
    plan_options.learn_until = pipecast::capi::day_argument(o.learn_until_day, "options->learn_until_day", true);
    const pipecast::AnalysisOptions analysis = pipecast::capi::analysis_options(b, scope);
    try {
      const pipecast::Scope s(*b.book, analysis);
      *out = pipecast::capi::new_result(std::make_unique<pipecast::capi::TablesSource<pipecast::LeadPlan>>(
          pipecast::lead_plan(s, o.target, plan_options), "lead_plan", pipecast::lead_plan_table_names,
          pipecast::lead_plan_table));
    } catch (const std::invalid_argument& e) {
      throw Error(PIPECAST_ERROR_INVALID_ARGUMENT, e.what());
    }
    return PIPECAST_OK;
  });
}

}  // extern "C"
