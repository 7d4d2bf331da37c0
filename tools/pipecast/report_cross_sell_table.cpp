#include "report_cross_sell_table.hpp"

#include "text_table.hpp"

#include "pipecast/analytics/report_tables.hpp"
#include "pipecast/render/report_views.hpp"

namespace pipecast::cli {
namespace {

void print_adoption(const Report& report, const render::CellStyle& style, std::ostream& out) {
  const ResultTable products = report_table(report, "cross_sell_products");
  out << "  Share of buying accounts that bought each product, overall and by segment (accounts):\n";
  view_table(products, render::cross_sell_products_view(report_table(report, "cross_sell_segments")),
             render::all_rows(products), style)
      .print(out, "    ");
}

void print_pairs(const Report& report, const std::string& min_support, const render::CellStyle& style,
                 std::ostream& out) {
  const ResultTable pairs = report_table(report, "cross_sell_pairs");
  out << "\n  Products bought together (support >= " << min_support << " accounts), by lift:\n";
  if (pairs.rows == 0) {
    out << "    (no pair reaches the minimum support)\n";
    return;
  }
  view_table(pairs, render::cross_sell_pairs_view(), render::all_rows(pairs), style).print(out, "    ");
}

void print_suggestions(const Report& report, std::size_t buying_accounts, const render::CellStyle& style,
                       std::ostream& out) {
  const ResultTable suggestions = report_table(report, "cross_sell");
  const std::vector<std::size_t> rows = render::cross_sell_rows_shown(suggestions);
  const std::size_t with_one = render::accounts_named(suggestions);
  out << '\n';
  if (rows.size() < suggestions.rows)
    out << "  Suggestions for the " << render::kCrossSellAccountsShown << " accounts with the strongest one (of "
        << count(with_one) << " with a suggestion; --format json lists them all):\n";
  else
    out << "  Suggestions:\n";
  if (!rows.empty())
    view_table(suggestions, render::cross_sell_view(report_table(report, "cross_sell_purchases")), rows, style)
        .print(out, "    ");
  if (with_one < buying_accounts)
    out << "    (nothing to suggest to " << count(buying_accounts - with_one)
        << (buying_accounts - with_one == 1 ? " account: it" : " accounts: they") << " bought every product)\n";
}

}  // namespace

void print_cross_sell(const Report& report, const std::string& currency, std::ostream& out) {
  const render::CellStyle style = text_style(currency);
  const ResultTable totals = report_table(report, "cross_sell_summary");
  const auto cell = [&](const char* column) { return render::cell_text(totals, render::ColumnView(column), 0, style); };
  out << "Cross-sell as of " << format_day(report.as_of) << ": "
      << cell("buying_accounts") << " buying accounts (" << cell("won_deals") << " won deals)\n";
  const auto buying_accounts = static_cast<std::size_t>(totals.column("buying_accounts").integers[0]);
  if (buying_accounts == 0) {
    out << "  No won deal in scope: nothing to learn from.\n";
    return;
  }
  print_adoption(report, style, out);
  print_pairs(report, cell("min_support"), style, out);
  print_suggestions(report, buying_accounts, style, out);
}

}  // namespace pipecast::cli
