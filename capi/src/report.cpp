// The pipeline report through the C ABI: options in, a result of kind
// "report" out, its JSON the CLI's and its tables the same figures flattened.
#include "handles.hpp"
#include "input.hpp"
#include "result.hpp"
#include "scope.hpp"

#include "pipecast/analytics/report.hpp"
#include "pipecast/analytics/report_tables.hpp"

#include <cmath>
#include <stdexcept>
#include <string>
#include <vector>

using pipecast::capi::Error;
using pipecast::capi::guard;
using pipecast::capi::live;
using pipecast::capi::require;

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

// Its JSON is the default (ResultSource): the tables of the sections asked
// for; with every section, the very text of `pipecast report --format json`.
class ReportSource final : public ResultSource {
 public:
  ReportSource(Report report, std::uint32_t sections) : report_(std::move(report)), names_(names_of(sections)) {}

  const char* kind() const override { return "report"; }
  std::span<const char* const> table_names() const override { return names_.pointers(); }

  ResultTable make_table(std::string_view name) const override { return report_table(report_, name); }

  std::vector<render::Chart> make_charts() const override { return render::report_charts(report_); }

 private:
  // The tables of the sections asked for (the summary is always there).
  static std::vector<std::string_view> names_of(std::uint32_t sections) {
    const auto wanted = [&](std::string_view section) {
      for (const auto& s : kSections)
        if (s.key == section) return (sections & s.bit) != 0;
      throw std::logic_error("report section " + std::string(section) + " has no PIPECAST_SECTION_ bit");
    };
    std::vector<std::string_view> names;
    for (const ReportTableName& t : report_table_names())
      if (t.section.empty() || wanted(t.section)) names.push_back(t.name);
    return names;
  }

  Report report_;
  TableNames names_;
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
