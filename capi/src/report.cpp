// The pipeline report through the C ABI: options in, a result of kind
// "report" out, its JSON the CLI's and its tables the same figures flattened.
#include "handles.hpp"
#include "input.hpp"
#include "result.hpp"
#include "scope.hpp"

#include "pipecast/analytics/report.hpp"

#include <cmath>
#include <stdexcept>
#include <string>
#include <vector>

using pipecast::capi::Error;
using pipecast::capi::guard;
using pipecast::capi::live;
using pipecast::capi::require;
using pipecast::capi::TableBuilder;
using pipecast::capi::TableData;

namespace pipecast::capi {
namespace {

constexpr std::size_t kReportEnds[] = {0, PIPECAST_LAYOUT_END(pipecast_report_options, cross_sell_max_pairs)};
static_assert(std::size(kReportEnds) == PIPECAST_REPORT_OPTIONS_VERSION + 1);

struct Section {
  std::uint32_t bit;
  const char* key;  // in the JSON document
};
constexpr Section kSections[] = {
    {PIPECAST_SECTION_FUNNEL, "funnel"},       {PIPECAST_SECTION_VELOCITY, "velocity"},
    {PIPECAST_SECTION_STALLED, "stalled"},     {PIPECAST_SECTION_PATTERNS, "patterns"},
    {PIPECAST_SECTION_SALES_VELOCITY, "sales_velocity"}, {PIPECAST_SECTION_COVERAGE, "coverage"},
    {PIPECAST_SECTION_PRODUCTS, "products"},   {PIPECAST_SECTION_CROSS_SELL, "cross_sell"},
};

// Tables by section; "summary" is always there.
struct TableName {
  std::uint32_t section;  // 0: always
  const char* name;
};
constexpr TableName kReportTables[] = {
    {0, "summary"},
    {PIPECAST_SECTION_FUNNEL, "funnel"},
    {PIPECAST_SECTION_FUNNEL, "funnel_cohorts"},
    {PIPECAST_SECTION_VELOCITY, "velocity"},
    {PIPECAST_SECTION_VELOCITY, "velocity_trend"},
    {PIPECAST_SECTION_VELOCITY, "cycles"},
    {PIPECAST_SECTION_STALLED, "stalled"},
    {PIPECAST_SECTION_STALLED, "stalled_thresholds"},
    {PIPECAST_SECTION_PATTERNS, "patterns"},
    {PIPECAST_SECTION_PATTERNS, "patterns_top"},
    {PIPECAST_SECTION_PATTERNS, "lost_reasons"},
    {PIPECAST_SECTION_SALES_VELOCITY, "sales_velocity"},
    {PIPECAST_SECTION_COVERAGE, "coverage"},
    {PIPECAST_SECTION_PRODUCTS, "products"},
    {PIPECAST_SECTION_PRODUCTS, "product_families"},
    {PIPECAST_SECTION_PRODUCTS, "product_trends"},
    {PIPECAST_SECTION_CROSS_SELL, "cross_sell_products"},
    {PIPECAST_SECTION_CROSS_SELL, "cross_sell_pairs"},
    {PIPECAST_SECTION_CROSS_SELL, "cross_sell"},
    {PIPECAST_SECTION_CROSS_SELL, "cross_sell_purchases"},
};

std::string text_of(const char* text, const char* argument) {
  return std::string(text_argument(text, argument, true));
}

std::size_t size_option(std::uint64_t value, const char* argument, std::uint64_t least) {
  if (value < least || value > PIPECAST_MAX_BATCH_ROWS)
    throw Error(PIPECAST_ERROR_INVALID_ARGUMENT, std::string(argument) + " is " + std::to_string(value) +
                                                     ", expected " + std::to_string(least) + ".." +
                                                     std::to_string(PIPECAST_MAX_BATCH_ROWS));
  return static_cast<std::size_t>(value);
}

double real_option(double value, const char* argument) {
  if (!std::isfinite(value) || value < 0)
    throw Error(PIPECAST_ERROR_INVALID_ARGUMENT,
                std::string(argument) + " is " + std::to_string(value) + ", expected a finite number >= 0");
  return value;
}

struct ReportRequest {
  std::uint32_t sections = PIPECAST_SECTION_ALL;
  ReportOptions options;
};

ReportRequest report_request(const Book& book, const pipecast_report_options* in) {
  const pipecast_report_options defaults = PIPECAST_REPORT_OPTIONS_INIT;
  const pipecast_report_options o = in ? read_versioned(*in, defaults, kReportEnds, "options") : defaults;
  ReportRequest request;
  if (o.sections == 0 || (o.sections & ~PIPECAST_SECTION_ALL) != 0)
    throw Error(PIPECAST_ERROR_INVALID_ARGUMENT,
                "options->sections is " + std::to_string(o.sections) +
                    ": expected PIPECAST_SECTION_* bits, at least one (PIPECAST_SECTION_ALL for all)");
  request.sections = o.sections;
  ReportOptions& r = request.options;

  check_count(o.group_by_count, "options->group_by_count");
  require_array(o.group_by, o.group_by_count, "options->group_by");
  for (std::size_t i = 0; i < o.group_by_count; ++i) {
    const std::string argument = "options->group_by[" + std::to_string(i) + "]";
    r.by.emplace_back(text_argument(o.group_by[i], argument.c_str()));
    check_field(book, r.by.back(), "pattern field");
  }

  check_count(o.stall_count, "options->stall_count");
  require_array(o.stall_stages, o.stall_count, "options->stall_stages");
  require_array(o.stall_days, o.stall_count, "options->stall_days");
  for (std::size_t i = 0; i < o.stall_count; ++i) {
    const std::string argument = "options->stall_stages[" + std::to_string(i) + "]";
    const std::string stage(text_argument(o.stall_stages[i], argument.c_str()));
    bool open_stage = false;
    for (const auto& s : book.stages()) open_stage = open_stage || (s.name == stage && !s.is_closed());
    if (!open_stage) {
      std::string known;
      for (const auto& s : book.stages())
        if (!s.is_closed() && known.find("'" + s.name + "'") == std::string::npos)
          known += (known.empty() ? "'" : ", '") + s.name + "'";
      throw Error(PIPECAST_ERROR_NOT_FOUND,
                  "stall stage '" + stage + "' is not an open stage of the book (open stages: " + known + ")");
    }
    r.stalled.threshold_days[stage] =
        real_option(o.stall_days[i], ("options->stall_days[" + std::to_string(i) + "]").c_str());
  }
  r.stalled.min_sample = size_option(o.stall_min_sample, "options->stall_min_sample", 1);
  r.patterns.min_closed = size_option(o.pattern_min_closed, "options->pattern_min_closed", 0);
  r.patterns.top = size_option(o.pattern_top, "options->pattern_top", 0);
  r.products.prior_deals = real_option(o.product_prior_deals, "options->product_prior_deals");
  r.products.flat_band = real_option(o.product_flat_band, "options->product_flat_band");
  r.products.trend_weight = real_option(o.product_trend_weight, "options->product_trend_weight");
  r.cross_sell.top_k = size_option(o.cross_sell_top_k, "options->cross_sell_top_k", 0);
  r.cross_sell.account = text_of(o.cross_sell_account, "options->cross_sell_account");
  r.cross_sell.deal = text_of(o.cross_sell_deal, "options->cross_sell_deal");
  r.cross_sell.min_support = size_option(o.cross_sell_min_support, "options->cross_sell_min_support", 1);
  r.cross_sell.blend = real_option(o.cross_sell_blend, "options->cross_sell_blend");
  r.cross_sell.max_pairs = size_option(o.cross_sell_max_pairs, "options->cross_sell_max_pairs", 0);
  if (!r.cross_sell.deal.empty() && !book.find(r.cross_sell.deal))
    throw Error(PIPECAST_ERROR_NOT_FOUND, "options->cross_sell_deal: no deal has the id '" + r.cross_sell.deal + "'");
  return request;
}

// build_report, for the sections asked for only.
Report compute(const Scope& scope, const ReportRequest& request) {
  if (request.sections == PIPECAST_SECTION_ALL) return build_report(scope, request.options);
  const ReportOptions& options = request.options;
  const auto wanted = [&](std::uint32_t bit) { return (request.sections & bit) != 0; };
  Report r;
  r.as_of = scope.as_of();
  r.period = scope.period();
  r.currency = scope.book().base_currency();
  r.pipeline = scope.options().pipeline;
  r.filters = scope.options().filters;
  r.deals = scope.deals().size();
  if (wanted(PIPECAST_SECTION_FUNNEL)) r.funnel = funnel(scope);
  if (wanted(PIPECAST_SECTION_VELOCITY) || wanted(PIPECAST_SECTION_STALLED)) r.velocity = velocity(scope);
  if (wanted(PIPECAST_SECTION_STALLED)) r.stalled = stalled_deals(scope, r.velocity, options.stalled);
  if (wanted(PIPECAST_SECTION_PATTERNS)) r.patterns = win_loss_patterns(scope, options.by, options.patterns);
  if (wanted(PIPECAST_SECTION_SALES_VELOCITY)) r.sales_velocity = sales_velocity(scope);
  if (wanted(PIPECAST_SECTION_COVERAGE)) r.coverage = coverage(scope);
  if (wanted(PIPECAST_SECTION_PRODUCTS)) r.products = product_potential(scope, options.products);
  if (wanted(PIPECAST_SECTION_CROSS_SELL)) r.cross_sell = cross_sell(scope, options.cross_sell);
  return r;
}

// ---- Tables -----------------------------------------------------------------

TableData summary_table(const Report& r) {
  TableBuilder t("summary");
  t.day("as_of").period("period").text("currency").text("pipeline").text("filters").integer("deals");
  std::string filters;
  for (const auto& f : r.filters) filters += (filters.empty() ? "" : ";") + f.field + "=" + f.value;
  t.add(r.as_of).add(r.period).add(r.currency).add(r.pipeline).add(filters).add(r.deals);
  return std::move(t).finish();
}

void funnel_columns(TableBuilder& t) {
  t.text("pipeline").integer("pipeline_deals").integer("step").text("stage").text("kind").integer("reached");
  t.number("reached_value").rate("to_next").rate("to_next_raw").rate("to_won");
}

void funnel_rows(TableBuilder& t, const PipelineFunnel& f, const Period* cohort) {
  for (std::size_t s = 0; s < f.steps.size(); ++s) {
    const FunnelStep& step = f.steps[s];
    if (cohort) t.add(*cohort);
    t.add(f.name).add(f.deals).add(s + 1).add(step.name).add(to_string(step.kind)).add(step.reached);
    t.add(step.reached_value).add(step.to_next).add(step.to_next_raw).add(step.to_won);
  }
}

TableData funnel_table(const Report& r) {
  TableBuilder t("funnel");
  funnel_columns(t);
  for (const auto& f : r.funnel.pipelines) funnel_rows(t, f, nullptr);
  return std::move(t).finish();
}

TableData funnel_cohorts_table(const Report& r) {
  TableBuilder t("funnel_cohorts");
  t.period("cohort");
  funnel_columns(t);
  for (const auto& c : r.funnel.cohorts)
    for (const auto& f : c.pipelines) funnel_rows(t, f, &c.cohort);
  return std::move(t).finish();
}

TableData velocity_table(const Report& r) {
  TableBuilder t("velocity");
  t.text("pipeline").text("stage").distribution("completed").distribution("current");
  for (const auto& p : r.velocity.pipelines)
    for (const auto& s : p.stages) t.add(p.name).add(s.name).add(s.completed).add(s.current);
  return std::move(t).finish();
}

TableData velocity_trend_table(const Report& r) {
  TableBuilder t("velocity_trend");
  t.text("pipeline").text("measure").text("stage").period("period").distribution("days");
  const auto& periods = r.velocity.periods;
  const auto rows = [&](const std::string& pipeline, const char* measure, const std::string& stage,
                        const std::vector<Distribution>& values) {
    for (std::size_t k = 0; k < values.size() && k < periods.size(); ++k)
      t.add(pipeline).add(measure).add(stage).add(periods[k]).add(values[k]);
  };
  for (const auto& p : r.velocity.pipelines) {
    for (const auto& s : p.stages) rows(p.name, "stage", s.name, s.by_period);
    rows(p.name, "won_cycle", "", p.won_cycle_by_period);
    rows(p.name, "lost_cycle", "", p.lost_cycle_by_period);
  }
  return std::move(t).finish();
}

TableData cycles_table(const Report& r) {
  TableBuilder t("cycles");
  t.text("pipeline").text("outcome").distribution("days");
  for (const auto& p : r.velocity.pipelines) {
    t.add(p.name).add("won").add(p.won_cycle);
    t.add(p.name).add("lost").add(p.lost_cycle);
  }
  return std::move(t).finish();
}

TableData stalled_table(const Report& r) {
  TableBuilder t("stalled");
  t.text("id").text("pipeline").text("stage").text("owner").number("amount").integer("days_in_stage");
  t.number("threshold").flag("stalled").day("close_date").integer("days_overdue").flag("overdue");
  for (const auto& d : r.stalled.deals) {
    t.add(d.id).add(d.pipeline).add(d.stage).add(d.owner).add(d.amount).add(d.days_in_stage);
    t.add(d.threshold).add(d.stalled).add(d.close_date).add(d.days_overdue).add(d.overdue);
  }
  return std::move(t).finish();
}

TableData stalled_thresholds_table(const Report& r) {
  TableBuilder t("stalled_thresholds");
  t.text("pipeline").text("stage").number("days").text("source").integer("sample");
  for (const auto& s : r.stalled.thresholds)
    t.add(s.pipeline).add(s.name).add(s.days).add(to_string(s.source)).add(s.sample);
  return std::move(t).finish();
}

TableData patterns_table(const Report& r) {
  TableBuilder t("patterns");
  t.text("field").text("value").integer("won").integer("lost").integer("open").rate("win_rate");
  t.number("won_amount").number("average_won_amount").number("average_cycle_days");
  t.number("average_won_cycle_days").rate("rest_win_rate").number("difference").number("z").number("p_value");
  for (const auto& f : r.patterns.fields)
    for (const auto& v : f.values) {
      t.add(f.field).add(v.value).add(v.won()).add(v.lost()).add(v.open).add(v.win_rate);
      t.add(v.won_amount).add(v.average_won_amount).add(v.average_cycle_days);
      t.add(v.average_won_cycle_days).add(v.rest_win_rate).add(v.difference).add(v.z).add(v.p_value);
    }
  return std::move(t).finish();
}

TableData patterns_top_table(const Report& r) {
  TableBuilder t("patterns_top");
  t.text("direction").text("field").text("value").rate("win_rate").rate("rest_win_rate");
  t.number("difference").number("z").number("p_value");
  const auto rows = [&](const char* direction, const std::vector<Pattern>& list) {
    for (const auto& p : list)
      t.add(direction).add(p.field).add(p.value).add(p.win_rate).add(p.rest_win_rate).add(p.difference).add(p.z).add(
          p.p_value);
  };
  rows("positive", r.patterns.positive);
  rows("negative", r.patterns.negative);
  return std::move(t).finish();
}

TableData lost_reasons_table(const Report& r) {
  TableBuilder t("lost_reasons");
  t.text("reason").integer("deals").number("deal_share").number("amount").number("amount_share");
  if (r.patterns.lost_reasons)
    for (const auto& reason : r.patterns.lost_reasons->reasons)
      t.add(reason.reason).add(reason.deals).add(reason.deal_share).add(reason.amount).add(reason.amount_share);
  return std::move(t).finish();
}

TableData sales_velocity_table(const Report& r) {
  TableBuilder t("sales_velocity");
  t.text("segment").flag("total").integer("opportunities").rate("win_rate").number("average_won_amount");
  t.number("average_cycle_days").number("value_per_day").number("value_per_30_days");
  const auto row = [&](const SalesVelocity& v, bool total) {
    t.add(v.segment).add(total).add(v.opportunities).add(v.win_rate).add(v.average_won_amount);
    t.add(v.average_cycle_days).add(v.value_per_day).add(v.value_per_30_days);
  };
  for (const auto& v : r.sales_velocity.segments) row(v, false);
  row(r.sales_velocity.total, true);
  return std::move(t).finish();
}

TableData coverage_table(const Report& r) {
  TableBuilder t("coverage");
  t.text("owner").number("quota").number("won").integer("won_deals").number("attainment").number("remaining");
  t.flag("quota_met").integer("open_deals").number("open_amount").number("weighted_amount").number("coverage");
  t.number("weighted_coverage").text("quota_source");
  const auto row = [&](const CoverageRow& c, std::string_view source) {
    t.add(c.owner).add(c.quota).add(c.won).add(c.won_deals).add(c.attainment).add(c.remaining);
    t.add(c.quota_met).add(c.open_deals).add(c.open_amount).add(c.weighted_amount).add(c.coverage);
    t.add(c.weighted_coverage).add(source);
  };
  for (const auto& c : r.coverage.owners) row(c, c.has_quota() ? "owner" : "none");
  row(r.coverage.team, to_string(r.coverage.team_quota));
  return std::move(t).finish();
}

const char* direction(int sign) { return sign > 0 ? "growing" : sign < 0 ? "shrinking" : "flat"; }

TableData product_table(const char* name, const std::vector<ProductPotential>& rows) {
  TableBuilder t(name);
  t.integer("rank").text("name").text("family").rate("win_rate").number("won_amount");
  t.number("average_won_amount").number("median_cycle_days").integer("open_deals").number("open_amount");
  t.number("expected_win_rate").number("expected_revenue").number("revenue_share").number("trend_change");
  t.text("trend_direction").number("score").text("reason");
  for (const auto& p : rows) {
    t.add(p.rank).add(p.name).add(p.family).add(p.win_rate).add(p.won_amount);
    t.add(p.average_won_amount).add(p.median_cycle_days).add(p.open_deals).add(p.open_amount);
    t.add(p.expected_win_rate).add(p.expected_revenue).add(p.revenue_share).add(p.trend_change);
    t.add(direction(p.trend_sign)).add(p.score).add(p.reason);
  }
  return std::move(t).finish();
}

TableData product_trends_table(const Report& r) {
  TableBuilder t("product_trends");
  t.text("level").text("name").period("period").number("won_amount");
  const auto& periods = r.products.trend_periods;
  const auto rows = [&](const char* level, const std::vector<ProductPotential>& list) {
    for (const auto& p : list)
      for (std::size_t k = 0; k < p.trend.size() && k < periods.size(); ++k)
        t.add(level).add(p.name).add(periods[k]).add(p.trend[k]);
  };
  rows("product", r.products.products);
  rows("family", r.products.families);
  return std::move(t).finish();
}

std::string segment_name(const CrossSellReport& c, std::uint32_t segment) {
  return segment == kCrossSellNone ? std::string() : c.segments[segment].segment;
}

TableData cross_sell_products_table(const Report& r) {
  TableBuilder t("cross_sell_products");
  t.text("product").rate("base_rate");
  for (const auto& p : r.cross_sell.products) t.add(p.product).add(p.rate);
  return std::move(t).finish();
}

TableData cross_sell_pairs_table(const Report& r) {
  const CrossSellReport& c = r.cross_sell;
  TableBuilder t("cross_sell_pairs");
  t.text("from").text("to").integer("support").rate("confidence").number("lift");
  for (const auto& p : c.pairs)
    t.add(c.product_name(p.from)).add(c.product_name(p.to)).add(p.support()).add(p.confidence).add(p.lift);
  return std::move(t).finish();
}

TableData cross_sell_table(const Report& r) {
  const CrossSellReport& c = r.cross_sell;
  TableBuilder t("cross_sell");
  t.text("account").text("segment").integer("rank").text("product").number("score").number("segment_rate");
  t.text("because").integer("support").rate("confidence").number("lift");
  for (const auto& a : c.accounts) {
    std::size_t rank = 0;
    for (const auto& k : c.candidates(a)) {
      t.add(a.account).add(segment_name(c, a.segment)).add(++rank).add(c.product_name(k.product)).add(k.score);
      t.add(k.segment_rate).add(c.product_name(k.because)).add(k.support()).add(k.confidence).add(k.lift);
    }
  }
  return std::move(t).finish();
}

TableData cross_sell_purchases_table(const Report& r) {
  const CrossSellReport& c = r.cross_sell;
  TableBuilder t("cross_sell_purchases");
  t.text("account").text("segment").text("product");
  for (const auto& a : c.accounts)
    for (const auto p : c.purchased(a)) t.add(a.account).add(segment_name(c, a.segment)).add(c.product_name(p));
  return std::move(t).finish();
}

class ReportSource final : public ResultSource {
 public:
  ReportSource(Report report, std::uint32_t sections) : report_(std::move(report)), sections_(sections) {
    for (const auto& t : kReportTables)
      if (t.section == 0 || (sections_ & t.section) != 0) names_.push_back(t.name);
  }

  const char* kind() const override { return "report"; }
  std::span<const char* const> table_names() const override { return names_; }

  TableData make_table(std::string_view name) const override {
    const Report& r = report_;
    if (name == "summary") return summary_table(r);
    if (name == "funnel") return funnel_table(r);
    if (name == "funnel_cohorts") return funnel_cohorts_table(r);
    if (name == "velocity") return velocity_table(r);
    if (name == "velocity_trend") return velocity_trend_table(r);
    if (name == "cycles") return cycles_table(r);
    if (name == "stalled") return stalled_table(r);
    if (name == "stalled_thresholds") return stalled_thresholds_table(r);
    if (name == "patterns") return patterns_table(r);
    if (name == "patterns_top") return patterns_top_table(r);
    if (name == "lost_reasons") return lost_reasons_table(r);
    if (name == "sales_velocity") return sales_velocity_table(r);
    if (name == "coverage") return coverage_table(r);
    if (name == "products") return product_table("products", r.products.products);
    if (name == "product_families") return product_table("product_families", r.products.families);
    if (name == "product_trends") return product_trends_table(r);
    if (name == "cross_sell_products") return cross_sell_products_table(r);
    if (name == "cross_sell_pairs") return cross_sell_pairs_table(r);
    if (name == "cross_sell") return cross_sell_table(r);
    if (name == "cross_sell_purchases") return cross_sell_purchases_table(r);
    throw std::logic_error("report table " + std::string(name) + " is listed but not made");
  }

  nlohmann::ordered_json make_json() const override {
    auto json = nlohmann::ordered_json::parse(to_json(report_, -1));
    for (const auto& s : kSections)
      if ((sections_ & s.bit) == 0) json.erase(s.key);
    return json;
  }

  // The whole report straight from the library: the very text of `pipecast
  // report --format json`.
  std::optional<std::string> whole_text(int indent) const override {
    if (sections_ != PIPECAST_SECTION_ALL) return std::nullopt;
    return to_json(report_, indent);
  }

 private:
  Report report_;
  std::uint32_t sections_;
  std::vector<const char*> names_;
};

}  // namespace
}  // namespace pipecast::capi

extern "C" {

int pipecast_report_options_init(pipecast_report_options* options, uint32_t version) {
  return pipecast::capi::init_versioned(__func__, options, version,
                                        pipecast_report_options PIPECAST_REPORT_OPTIONS_INIT,
                                        pipecast::capi::kReportEnds, "options");
}

int pipecast_report(const pipecast_book* book, const pipecast_scope_options* scope,
                    const pipecast_report_options* options, pipecast_result** out) {
  if (out != nullptr) *out = nullptr;
  return guard(__func__, [&] {
    const pipecast_book& b = live(book, "book");
    require(out, "out");
    const pipecast::AnalysisOptions analysis = pipecast::capi::analysis_options(b, scope);
    const auto request = pipecast::capi::report_request(*b.book, options);
    pipecast::Report report;
    try {
      const pipecast::Scope s(*b.book, analysis);
      report = pipecast::capi::compute(s, request);
    } catch (const std::invalid_argument& e) {
      // What only the analyses can tell: a cross-sell account without deals, ...
      throw Error(PIPECAST_ERROR_INVALID_ARGUMENT, e.what());
    }
    *out = pipecast::capi::new_result(
        std::make_unique<pipecast::capi::ReportSource>(std::move(report), request.sections));
    return PIPECAST_OK;
  });
}

}  // extern "C"
