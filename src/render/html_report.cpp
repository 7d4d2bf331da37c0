#include "pipecast/render/html_report.hpp"

#include "pipecast/analytics/report_tables.hpp"
#include "pipecast/render/human_format.hpp"
#include "render/html_parts.hpp"
#include "render/html_sections.hpp"
#include "render/html_style.hpp"

#include <algorithm>
#include <fstream>
#include <stdexcept>
#include <system_error>
#include <vector>

namespace pipecast::render {
namespace {

// Nothing but inline styles and data: URIs: an accidental link to a font,
// an image or a script elsewhere is blocked and shows as a console error,
// which the browser test looks for.
constexpr std::string_view kPolicy = "default-src 'none'; style-src 'unsafe-inline'; img-src data:";

std::string header(const HtmlReportInput& input) {
  const Report& r = input.report;
  const ResultTable summary = report_table(r, "summary");
  const CellStyle style{r.currency};
  const auto figure = [&](const char* column) {
    return html::table_figure(summary, ColumnView(column), 0, style, sections::kReportDocument);
  };
  std::string out = "<header class=\"page\"><h1>" + html::text(input.title) + "</h1>\n<p class=\"meta\">As of <b>" +
                    figure("as_of") + "</b> \u00b7 period <b>" + figure("period") + "</b> (" +
                    html::text(format_date(r.period.first)) + " \u2013 " + html::text(format_date(r.period.last)) +
                    ") \u00b7 " + html::text(sections::scope_text(r)) + " \u00b7 " + figure("deals") + " deals";
  if (!r.currency.empty()) out += " \u00b7 amounts in " + html::text(r.currency);
  out += "</p>\n";
  if (!input.subtitle.empty()) out += "<p class=\"meta\">" + html::text(input.subtitle) + "</p>\n";
  out += "<nav class=\"toc\">";
  for (const sections::Entry& e : sections::kContents)
    if (!e.shown || e.shown(input)) out += "<a href=\"#" + std::string(e.id) + "\">" + html::text(e.title) + "</a>";
  return out + "</nav></header>\n";
}

// What the page used that is later than the as-of date, in words: the
// forecast's actuals and the backtest's outcomes are known only afterwards,
// and a reader must not take them for what was known then.
std::vector<std::string> later_data(const HtmlReportInput& input) {
  const Day as_of = input.report.as_of;
  std::vector<std::string> out;
  const ForecastFan* fan = input.forecast ? &*input.forecast : nullptr;
  const bool actuals = fan && std::any_of(fan->actuals.begin(), fan->actuals.end(),
                                          [](const std::optional<double>& a) { return a.has_value(); });
  if (actuals && fan->actuals_known_at != kNoDay && fan->actuals_known_at > as_of)
    out.push_back("the forecast's actuals, as known at the end of " + format_date(fan->actuals_known_at));
  if (input.backtest && input.backtest->scored_known_at != kNoDay && input.backtest->scored_known_at > as_of)
    out.push_back("the outcomes the backtest is scored against, as known at the end of " +
                  format_date(input.backtest->scored_known_at));
  return out;
}

std::string footer(const HtmlReportInput& input) {
  std::string out = "<footer>";
  if (!input.generated_by.empty()) out += html::text("Made by " + input.generated_by + ". ");
  std::string used = "Every figure is as known at the end of " + format_date(input.report.as_of);
  const std::vector<std::string> later = later_data(input);
  if (later.empty()) used += "; nothing later was used. ";
  for (std::size_t i = 0; i < later.size(); ++i) used += (i == 0 ? ", except " : " and ") + later[i];
  if (!later.empty()) used += "; nothing else later was used. ";
  out += html::text(used) +
         "Figures carry data-figure markers naming their place in the JSON of "
         "<code>pipecast report</code> (<code>plan</code> for lead_plan, <code>forecast</code> and "
         "<code>backtest</code> for theirs";
  if (input.movement) out += ", <code>forecast --since</code> for movement";
  if (input.activities) out += ", <code>activities</code> for activities";
  out += ") <code>--format json</code>.</footer>\n";
  return out;
}

}  // namespace

std::string html_report(const HtmlReportInput& input) {
  const Report& r = input.report;
  std::string page =
      "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n"
      "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n"
      "<meta http-equiv=\"Content-Security-Policy\" content=\"" +
      std::string(kPolicy) + "\">\n";
  page += "<title>" + html::text(input.title + " \u00b7 " + r.period.label + " \u00b7 as of " + format_date(r.as_of)) +
          "</title>\n";
  page += "<style>" + std::string(html_report_style()) + "</style>\n</head>\n<body>\n<main>\n";
  page += header(input);
  page += sections::headline(input);
  page += sections::funnel(r);
  page += sections::time_in_stage(r);
  page += sections::forecast(input);
  page += sections::movement(input);
  page += sections::win_rates(r);
  page += sections::stalled(r);
  page += sections::coverage(r);
  page += sections::sales_velocity(r);
  page += sections::products(r);
  page += sections::lead_plan(input);
  page += sections::cross_sell(r);
  page += sections::activities(input);
  page += sections::backtest(input);
  page += footer(input);
  return page + "</main>\n</body>\n</html>\n";
}

void write_html_report(const HtmlReportInput& input, const std::filesystem::path& path) {
  const std::string page = html_report(input);
  std::filesystem::path temporary = path;
  temporary += ".tmp";
  {
    std::ofstream out(temporary, std::ios::binary | std::ios::trunc);
    out.write(page.data(), static_cast<std::streamsize>(page.size()));
    out.close();
    if (!out) throw std::runtime_error("cannot write " + path.string());
  }
  std::error_code error;
  std::filesystem::rename(temporary, path, error);
  if (error) {
    std::filesystem::remove(temporary, error);
    throw std::runtime_error("cannot write " + path.string() + ": " + error.message());
  }
}

}  // namespace pipecast::render
