#include "report_cross_sell_table.hpp"
#include "report_cells.hpp"

#include "text_table.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <cmath>
#include <numeric>

namespace pipecast::cli {
namespace {

// More accounts than this print as the strongest ones only.
constexpr std::size_t kAccountsShown = 20;



std::string lift(double value) { return std::isnan(value) ? "-" : fmt::format("{:.2f}", value); }

void print_adoption(const CrossSellReport& report, std::ostream& out) {
  TextTable t;
  t.add_column("product", TextTable::Align::left);
  t.add_column("accounts");
  t.add_column("base rate");
  for (const SegmentAdoption& s : report.segments) t.add_column(shown(s.segment) + " (" + count(s.accounts) + ")");
  for (std::size_t p = 0; p < report.products.size(); ++p) {
    const ProductAdoption& a = report.products[p];
    std::vector<std::string> cells{shown(a.product), count(a.rate.successes), percent(a.rate.value())};
    for (const SegmentAdoption& s : report.segments) cells.push_back(percent(s.products[p].value()));
    t.add_row(std::move(cells));
  }
  out << "  Share of buying accounts that bought each product, overall and by segment (accounts):\n";
  t.print(out, "    ");
}

void print_pairs(const CrossSellReport& report, std::ostream& out) {
  out << "\n  Products bought together (support >= " << report.min_support << " accounts), by lift:\n";
  if (report.pairs.empty()) {
    out << "    (no pair reaches the minimum support)\n";
    return;
  }
  TextTable t;
  t.add_column("bought", TextTable::Align::left);
  t.add_column("also bought", TextTable::Align::left);
  t.add_column("support");
  t.add_column("confidence");
  t.add_column("95% interval");
  t.add_column("lift");
  for (const CrossSellPair& p : report.pairs)
    t.add_row({shown(report.product_name(p.from)), shown(report.product_name(p.to)), count(p.support()),
               percent(p.confidence.value()), interval(p.confidence), lift(p.lift)});
  t.print(out, "    ");
}

// The accounts to print: all when few, else those whose best suggestion scores highest.
std::vector<std::size_t> accounts_to_show(const CrossSellReport& report) {
  std::vector<std::size_t> order(report.accounts.size());
  std::iota(order.begin(), order.end(), std::size_t{0});
  if (order.size() <= kAccountsShown) return order;
  const auto best = [&](std::size_t a) {
    const auto c = report.candidates(report.accounts[a]);
    return c.empty() ? -1.0 : c.front().score;
  };
  std::partial_sort(order.begin(), order.begin() + kAccountsShown, order.end(), [&](std::size_t a, std::size_t b) {
    return best(a) != best(b) ? best(a) > best(b) : a < b;
  });
  order.resize(kAccountsShown);
  return order;
}

// The first products bought, then how many more (JSON has them all).
std::string purchased(const CrossSellReport& report, const AccountCrossSell& a) {
  constexpr std::size_t kNamed = 2;
  const auto products = report.purchased(a);
  if (products.empty()) return "(none)";
  std::string text;
  for (std::size_t i = 0; i < products.size() && i < kNamed; ++i)
    text += (i == 0 ? "" : ", ") + shown(report.product_name(products[i]));
  if (products.size() > kNamed) text += " +" + count(products.size() - kNamed);
  return text;
}

void print_accounts(const CrossSellReport& report, std::ostream& out) {
  const auto shown_accounts = accounts_to_show(report);
  out << '\n';
  if (shown_accounts.size() < report.accounts.size())
    out << "  Suggestions for the " << shown_accounts.size() << " accounts with the strongest one (of "
        << count(report.accounts.size()) << "; --format json lists them all):\n";
  else
    out << "  Suggestions:\n";
  TextTable t;
  for (const char* title : {"account", "segment", "bought", "suggest"}) t.add_column(title, TextTable::Align::left);
  t.add_column("score");
  t.add_column("because", TextTable::Align::left);
  t.add_column("confidence");
  t.add_column("lift");
  t.add_column("segment rate");
  for (const std::size_t index : shown_accounts) {
    const AccountCrossSell& a = report.accounts[index];
    const std::string segment = a.segment == kCrossSellNone ? "-" : shown(report.segments[a.segment].segment);
    const auto candidates = report.candidates(a);
    if (candidates.empty()) t.add_row({shown(a.account), segment, purchased(report, a), "(nothing to suggest)"});
    for (std::size_t c = 0; c < candidates.size(); ++c) {
      const CrossSellCandidate& s = candidates[c];
      const bool evidence = s.because != kCrossSellNone;
      t.add_row({c == 0 ? shown(a.account) : "", c == 0 ? segment : "", c == 0 ? purchased(report, a) : "",
                 shown(report.product_name(s.product)), percent(s.score),
                 evidence ? shown(report.product_name(s.because)) : "-",
                 evidence ? percent(s.confidence.value()) : "-", lift(s.lift),
                 percent(s.segment_rate)});
    }
  }
  t.print(out, "    ");
}

}  // namespace

void print_table(const CrossSellReport& report, const std::string& /*currency*/, std::ostream& out) {
  out << "Cross-sell as of " << format_day(report.as_of) << ": " << count(report.buying_accounts)
      << " buying accounts (" << count(report.won_deals) << " won deals)\n";
  if (report.buying_accounts == 0 && report.accounts.empty()) {
    out << "  No won deal in scope: nothing to learn from.\n";
    return;
  }
  print_adoption(report, out);
  print_pairs(report, out);
  print_accounts(report, out);
}

}  // namespace pipecast::cli
