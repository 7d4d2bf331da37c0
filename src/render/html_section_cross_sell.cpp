#include "render/html_parts.hpp"
#include "render/html_sections.hpp"

#include "pipecast/analytics/report_tables.hpp"
#include "pipecast/render/human_format.hpp"
#include "pipecast/render/report_views.hpp"

namespace pipecast::render::sections {
namespace {

// Which accounts the suggestions are of, and where the others are.
std::string suggestions_note(const ResultTable& suggestions, std::size_t rows_shown, std::size_t buying_accounts) {
  const std::size_t with_one = accounts_named(suggestions);
  std::string note = rows_shown < suggestions.rows
                         ? "The " + format_count(kCrossSellAccountsShown) +
                               " accounts whose best suggestion scores highest, of " + format_count(with_one) +
                               " with a suggestion; the report's JSON and CSV (table cross_sell) have them all."
                         : "Each account's suggestions, best first.";
  if (with_one < buying_accounts)
    note += " Nothing to suggest to " + format_count(buying_accounts - with_one) +
            (buying_accounts - with_one == 1 ? " account: it" : " accounts: they") + " bought every product.";
  return html::note(note);
}

}  // namespace

std::string cross_sell(const Report& r) {
  const ResultTable summary = report_table(r, "cross_sell_summary");
  const CellStyle style{r.currency};
  const auto figure = [&](const char* column) {
    return html::table_figure(summary, ColumnView(column), 0, style, kReportDocument);
  };
  std::string body =
      "<p>" + figure("buying_accounts") + " accounts bought from " + figure("won_deals") + " won deals.</p>\n";
  const auto buying_accounts = static_cast<std::size_t>(summary.column("buying_accounts").integers[0]);
  if (buying_accounts == 0)
    return html::section("cross-sell", "Cross-sell",
                         body + html::empty_note("No won deal in scope: nothing to learn from."));

  const ResultTable products = report_table(r, "cross_sell_products");
  const TableView adoption = cross_sell_products_view(report_table(r, "cross_sell_segments"));
  body += "<h3>Products bought</h3>\n" +
          html::note("Share of buying accounts that bought each product, overall and by segment (its buying "
                     "accounts in brackets).") +
          html::result_table(products, adoption, all_rows(products), style, kReportDocument).html();

  const ResultTable pairs = report_table(r, "cross_sell_pairs");
  body += "<h3>Products bought together</h3>\n<p>Pairs with at least " + figure("min_support") +
          " accounts buying both, by lift (how much more often buyers of the first buy the second than "
          "buying accounts in general).</p>\n";
  body += pairs.rows == 0
              ? html::empty_note("No pair of products bought by enough accounts together.")
              : html::result_table(pairs, cross_sell_pairs_view(), all_rows(pairs), style, kReportDocument).html();

  const ResultTable suggestions = report_table(r, "cross_sell");
  const std::vector<std::size_t> rows = cross_sell_rows_shown(suggestions);
  body += "<h3>Suggestions</h3>\n" + suggestions_note(suggestions, rows.size(), buying_accounts);
  if (!rows.empty()) {
    const TableView view = cross_sell_view(report_table(r, "cross_sell_purchases"));
    body += html::result_table(suggestions, view, rows, style, kReportDocument).html();
  }
  return html::section("cross-sell", "Cross-sell", body);
}

}  // namespace pipecast::render::sections
