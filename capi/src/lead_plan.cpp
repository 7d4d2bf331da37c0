// The lead plan through the C ABI: a result of kind "lead_plan".
#include "handles.hpp"
#include "input.hpp"
#include "result.hpp"
#include "scope.hpp"

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

constexpr const char* kLeadPlanTables[] = {"lead_plan", "lead_plan_pipelines", "lead_plan_stages"};

class LeadPlanSource final : public ResultSource {
 public:
  // The JSON needs the scope, which borrows the book: it is made now, while
  // both are at hand, and kept as a document.
  LeadPlanSource(LeadPlan plan, const Scope& scope)
      : plan_(std::move(plan)), json_(nlohmann::ordered_json::parse(to_json(plan_, scope, -1))) {}

  const char* kind() const override { return "lead_plan"; }
  std::span<const char* const> table_names() const override { return kLeadPlanTables; }

  TableData make_table(std::string_view name) const override {
    const LeadPlan& p = plan_;
    if (name == "lead_plan") {
      TableBuilder t("lead_plan");
      t.text("status").text("message").day("as_of").period("period").text("currency").number("target");
      t.number("won_in_period").integer("won_in_period_deals").number("expected_from_pipeline");
      t.integer("pipeline_deals").number("gap").integer("closed_deals").number("won_amount_mean");
      t.number("won_amount_sd").number("won_amount_median").distribution("cycle_days").rate("lead_conversion");
      t.number("won_for_target").number("won_needed_p50").number("won_needed_p90").number("leads_needed_p50");
      t.number("leads_needed_p90").day("create_by_p50").day("create_by_p90");
      const double sd = p.won_amount.count > 0 ? p.won_amount_sd : std::nan("");
      t.add(to_string(p.status)).add(p.message).add(p.as_of).add(p.period).add(p.currency).add(p.target);
      t.add(p.won_in_period).add(p.won_in_period_deals).add(p.expected_from_pipeline);
      t.add(p.pipeline_deals).add(p.gap).add(p.closed_deals).add(p.won_amount.mean);
      t.add(sd).add(p.won_amount.median).add(p.cycle_days).add(p.lead_conversion);
      t.add(p.won_for_target).add(p.won_needed.p50).add(p.won_needed.p90).add(p.leads_needed.p50);
      t.add(p.leads_needed.p90).add(p.create_by_p50).add(p.create_by_p90);
      return std::move(t).finish();
    }
    if (name == "lead_plan_pipelines") {
      TableBuilder t("lead_plan_pipelines");
      t.text("pipeline").number("won_share").number("won_amount_mean").number("won_amount_sd");
      t.number("won_needed_p50").number("won_needed_p90");
      for (const auto& l : p.pipelines) {
        const double sd = l.won_amount.count > 0 ? l.won_amount_sd : std::nan("");
        t.add(l.pipeline).add(l.won_share).add(l.won_amount.mean).add(sd).add(l.won_needed.p50).add(
            l.won_needed.p90);
      }
      return std::move(t).finish();
    }
    if (name == "lead_plan_stages") {
      TableBuilder t("lead_plan_stages");
      t.text("pipeline").text("stage").rate("conversion").integer("open_deals").number("open_amount");
      t.number("needed_p50").number("needed_p90");
      for (const auto& l : p.pipelines)
        for (const auto& s : l.stages)
          t.add(l.pipeline).add(s.stage).add(s.conversion).add(s.open_deals).add(s.open_amount).add(
              s.needed.p50).add(s.needed.p90);
      return std::move(t).finish();
    }
    throw std::logic_error("lead plan table " + std::string(name) + " is listed but not made");
  }

  nlohmann::ordered_json make_json() const override { return json_; }

 private:
  LeadPlan plan_;
  nlohmann::ordered_json json_;
};

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
      auto source = std::make_unique<pipecast::capi::LeadPlanSource>(
          pipecast::lead_plan(s, o.target, plan_options), s);
      *out = pipecast::capi::new_result(std::move(source));
    } catch (const std::invalid_argument& e) {
      throw Error(PIPECAST_ERROR_INVALID_ARGUMENT, e.what());
    }
    return PIPECAST_OK;
  });
}

}  // extern "C"
