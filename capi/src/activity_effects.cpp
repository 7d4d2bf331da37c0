// What worked through the C ABI: a result of kind "activity_effects".
#include "handles.hpp"
#include "result.hpp"
#include "scope.hpp"

#include "pipecast/analytics/activity_effects_tables.hpp"

#include <stdexcept>

extern "C" {

int pipecast_activity_effects(const pipecast_book* book, const pipecast_scope_options* scope,
                              pipecast_result** out) {
  namespace capi = pipecast::capi;
  if (out != nullptr) *out = nullptr;
  return capi::guard(__func__, [&] {
    const pipecast_book& b = capi::live(book, "book");
    capi::require(out, "out");
    const pipecast::AnalysisOptions analysis = capi::analysis_options(b, scope);
    try {
      const pipecast::Scope s(*b.book, analysis);
      *out = capi::new_result(std::make_unique<capi::TablesSource<pipecast::ActivityEffects>>(
          pipecast::activity_effects(s), "activity_effects", pipecast::activity_effects_table_names,
          pipecast::activity_effects_table));
    } catch (const std::invalid_argument& e) {
      throw capi::Error(PIPECAST_ERROR_INVALID_ARGUMENT, e.what());
    }
    return PIPECAST_OK;
  });
}

}  // extern "C"
