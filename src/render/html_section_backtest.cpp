#include "render/html_parts.hpp"
#include "render/html_sections.hpp"

#include "pipecast/render/backtest_views.hpp"

namespace pipecast::render::sections {

std::string backtest(const HtmlReportInput& input) {
  if (!input.backtest || input.backtest->summary.rows == 0)
    return html::section("backtest", "Backtest", html::empty_note(input.no_backtest_hint));
  const BacktestTable& b = *input.backtest;
  const CellStyle style{input.report.currency};
  std::string body = whole_book_note(input.report, b.whole_book, "backtest");
  if (!b.description.empty()) body += html::note(b.description);
  // Seasonal-naive, a forecast of bookings only, has no per-deal row.
  const std::vector<std::size_t> deals = rows_where(b.deal_summary, "target", "eventual");
  if (!deals.empty())
    body += "<h3>Per deal: won eventually</h3>\n" +
            html::result_table(b.deal_summary, backtest_deal_view(), deals, style, kBacktestDocument).html();
  body += "<h3>Per period: bookings of the first period after each origin</h3>\n" +
          html::result_table(b.summary, backtest_period_view(), horizon_rows(b.summary, 1), style, kBacktestDocument)
              .html();
  body += html::note("Bold: the best value of each column where one direction is better.");
  std::string verdict;
  if (const ResultColumn* sentences = b.verdict.find("sentence"))
    for (const std::string& sentence : sentences->texts) verdict += (verdict.empty() ? "" : " ") + sentence;
  if (!verdict.empty()) body += "<p class=\"verdict\">" + html::text(verdict) + "</p>\n";
  return html::section("backtest", "Backtest", body);
}

}  // namespace pipecast::render::sections
