// pipecast.h must compile as C++ too (extern "C" guards, no C-only syntax),
// and its macros must be usable in C++ code.
#include "pipecast.h"

namespace {
[[maybe_unused]] const pipecast_counts kInitialised = PIPECAST_COUNTS_INIT;
[[maybe_unused]] const pipecast_load_options kLoad = PIPECAST_LOAD_OPTIONS_INIT;
[[maybe_unused]] const pipecast_stage_columns kStages = PIPECAST_STAGE_COLUMNS_INIT;
[[maybe_unused]] const pipecast_fx_rate_columns kFx = PIPECAST_FX_RATE_COLUMNS_INIT;
[[maybe_unused]] const pipecast_product_columns kProducts = PIPECAST_PRODUCT_COLUMNS_INIT;
[[maybe_unused]] const pipecast_opportunity_columns kDeals = PIPECAST_OPPORTUNITY_COLUMNS_INIT;
[[maybe_unused]] const pipecast_history_columns kHistory = PIPECAST_HISTORY_COLUMNS_INIT;
[[maybe_unused]] const pipecast_line_item_columns kItems = PIPECAST_LINE_ITEM_COLUMNS_INIT;
[[maybe_unused]] const pipecast_quota_columns kQuotas = PIPECAST_QUOTA_COLUMNS_INIT;
[[maybe_unused]] const pipecast_scope_options kScope = PIPECAST_SCOPE_OPTIONS_INIT;
[[maybe_unused]] const pipecast_report_options kReport = PIPECAST_REPORT_OPTIONS_INIT;
[[maybe_unused]] const pipecast_lead_plan_options kPlan = PIPECAST_LEAD_PLAN_OPTIONS_INIT;
static_assert(PIPECAST_NO_DAY < PIPECAST_DAY_MIN);
static_assert(PIPECAST_VERSION_NUMBER >= 0);
}  // namespace
