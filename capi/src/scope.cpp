#include "scope.hpp"

#include "input.hpp"

#include <stdexcept>
#include <string>

namespace pipecast::capi {
namespace {

constexpr std::size_t kScopeEnds[] = {0, PIPECAST_LAYOUT_END(pipecast_scope_options, fiscal_start_month)};
static_assert(std::size(kScopeEnds) == PIPECAST_SCOPE_OPTIONS_VERSION + 1);

std::string indexed(const char* array, std::size_t i) { return std::string(array) + "[" + std::to_string(i) + "]"; }

}  // namespace

void check_field(const Book& book, std::string_view field, const std::string& what) {
  for (Dimension d : kDimensions)
    if (to_string(d) == field) return;
  for (const auto& name : book.attributes().names)
    if (name == field) return;
  std::string known = "account, owner, product, source, segment";
  for (const auto& name : book.attributes().names) known += ", " + name;
  throw Error(PIPECAST_ERROR_NOT_FOUND, "unknown " + what + " '" + std::string(field) + "' (known: " + known + ")");
}

AnalysisOptions analysis_options(const pipecast_book& handle, const pipecast_scope_options* scope) {
  const pipecast_scope_options defaults = PIPECAST_SCOPE_OPTIONS_INIT;
  const pipecast_scope_options s = scope ? read_versioned(*scope, defaults, kScopeEnds, "scope") : defaults;
  const Book& book = *handle.book;
  AnalysisOptions options;
  options.as_of = handle.resolve_day(s.as_of_day, "scope->as_of_day");
  if (options.as_of == kNoDay)
    throw Error(PIPECAST_ERROR_INVALID_ARGUMENT, "the book is empty: give scope->as_of_day");

  if (s.fiscal_start_month < 1 || s.fiscal_start_month > 12)
    throw Error(PIPECAST_ERROR_INVALID_ARGUMENT,
                "scope->fiscal_start_month is " + std::to_string(s.fiscal_start_month) + ", expected 1..12");
  options.fiscal = FiscalCalendar{static_cast<unsigned>(s.fiscal_start_month)};
  if (s.cohort != PIPECAST_PERIOD_MONTH && s.cohort != PIPECAST_PERIOD_QUARTER)
    throw Error(PIPECAST_ERROR_INVALID_ARGUMENT,
                "scope->cohort is " + std::to_string(s.cohort) + ", expected PIPECAST_PERIOD_MONTH or _QUARTER");
  options.cohort = s.cohort == PIPECAST_PERIOD_QUARTER ? PeriodKind::quarter : PeriodKind::month;
  if (s.trend_periods < 1 || s.trend_periods > 120)
    throw Error(PIPECAST_ERROR_INVALID_ARGUMENT,
                "scope->trend_periods is " + std::to_string(s.trend_periods) + ", expected 1..120");
  options.trend_periods = s.trend_periods;

  const std::string_view period = text_argument(s.period, "scope->period", true);
  if (!period.empty()) {
    try {
      options.period = parse_period(period, options.fiscal);
    } catch (const std::invalid_argument& e) {
      throw Error(PIPECAST_ERROR_INVALID_ARGUMENT, std::string("scope->period: ") + e.what());
    }
  }
  options.pipeline = std::string(text_argument(s.pipeline, "scope->pipeline", true));
  if (!options.pipeline.empty() && !book.find_pipeline(options.pipeline)) {
    std::string known;
    for (const auto& p : book.pipelines()) known += (known.empty() ? "" : ", ") + p.name;
    throw Error(PIPECAST_ERROR_NOT_FOUND, "unknown pipeline '" + options.pipeline + "' (known: " + known + ")");
  }
  check_count(s.filter_count, "scope->filter_count");
  require_array(s.filter_fields, s.filter_count, "scope->filter_fields");
  require_array(s.filter_values, s.filter_count, "scope->filter_values");
  for (std::size_t i = 0; i < s.filter_count; ++i) {
    Filter f;
    f.field = std::string(text_argument(s.filter_fields[i], indexed("scope->filter_fields", i).c_str()));
    f.value = std::string(text_argument(s.filter_values[i], indexed("scope->filter_values", i).c_str(), true));
    check_field(book, f.field, "filter field");
    options.filters.push_back(std::move(f));
  }
  return options;
}

}  // namespace pipecast::capi

extern "C" {

int pipecast_scope_options_init(pipecast_scope_options* options, uint32_t version) {
  return pipecast::capi::init_versioned(__func__, options, version,
                                        pipecast_scope_options PIPECAST_SCOPE_OPTIONS_INIT,
                                        pipecast::capi::kScopeEnds, "options");
}

}  // extern "C"
