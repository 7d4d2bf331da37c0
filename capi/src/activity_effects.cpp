// What worked through the C ABI: a result of kind "activity_effects".
#include "handles.hpp"
#include "result.hpp"
#include "scope.hpp"

#include "pipecast/analytics/activity_effects_tables.hpp"

#include <stdexcept>

using pipecast::capi::Error;
using pipecast::capi::guard;
using pipecast::capi::live;
using pipecast::capi::require;

namespace pipecast::capi {
namespace {

class ActivityEffectsSource final : public ResultSource {
 public:
  explicit ActivityEffectsSource(ActivityEffects effects)
      : effects_(std::move(effects)), names_(activity_effects_table_names()) {}

  const char* kind() const override { return "activity_effects"; }
  std::span<const char* const> table_names() const override { return names_.pointers(); }

  ResultTable make_table(std::string_view name) const override { return activity_effects_table(effects_, name); }

 private:
  ActivityEffects effects_;
  TableNames names_;
};

}  // namespace
}  // namespace pipecast::capi

extern "C" {

int pipecast_activity_effects(const pipecast_book* book, const pipecast_scope_options* scope,
                              pipecast_result** out) {
  if (out != nullptr) *out = nullptr;
  return guard(__func__, [&] {
    const pipecast_book& b = live(book, "book");
    require(out, "out");
    const pipecast::AnalysisOptions analysis = pipecast::capi::analysis_options(b, scope);
    try {
      const pipecast::Scope s(*b.book, analysis);
      *out = pipecast::capi::new_result(
          std::make_unique<pipecast::capi::ActivityEffectsSource>(pipecast::activity_effects(s)));
    } catch (const std::invalid_argument& e) {
      throw Error(PIPECAST_ERROR_INVALID_ARGUMENT, e.what());
    }
    return PIPECAST_OK;
  });
}

}  // extern "C"
