#include "pipecast/render/report_views.hpp"

#include "pipecast/render/human_format.hpp"

#include <algorithm>
#include <cstdint>
#include <map>
#include <stdexcept>
#include <string>
#include <unordered_set>
#include <utility>
#include <vector>

namespace pipecast::render {
namespace {

std::string blank_shown(const std::string& value) { return value.empty() ? "(blank)" : value; }

// Whether `row` of the "cross_sell" table is its account's first suggestion:
// the account's own cells are written there only.
bool first_suggestion(const ResultTable& t, std::size_t row) {
  return t.column("rank").integers[row] == 1;
}

// Writes the account's text column `column` on its first suggestion only.
ColumnView once_per_account(std::string column, std::string label) {
  const std::string name = column;
  return ColumnView(std::move(column), std::move(label)).worded([name](const ResultTable& t, std::size_t row) {
    return first_suggestion(t, row) ? blank_shown(t.column(name).texts[row]) : std::string();
  });
}

// The products each account bought, from the "cross_sell_purchases" table:
// the first two by name, then how many more.
std::map<std::string, std::string> purchases_in_words(const ResultTable& purchases) {
  constexpr std::size_t kNamed = 2;
  const ResultColumn& accounts = purchases.column("account");
  const ResultColumn& products = purchases.column("product");
  std::map<std::string, std::vector<std::string>> bought;
  for (std::size_t r = 0; r < purchases.rows; ++r) bought[accounts.texts[r]].push_back(products.texts[r]);
  std::map<std::string, std::string> out;
  for (const auto& account : bought) {
    std::string text;
    for (std::size_t i = 0; i < account.second.size() && i < kNamed; ++i)
      text += (i == 0 ? "" : ", ") + blank_shown(account.second[i]);
    if (account.second.size() > kNamed) text += " +" + format_count(account.second.size() - kNamed);
    out[account.first] = std::move(text);
  }
  return out;
}

}  // namespace

TableView cross_sell_products_view(const ResultTable& segments) {
  TableView view{{"product", "product"}, {"base_rate_successes", "accounts"}, {"base_rate", "base rate"}};
  // A column per segment, in the table's order: the product's base rate
  // there, read from the long "cross_sell_segments" table by product.
  const ResultColumn& names = segments.column("segment");
  const ResultColumn& accounts = segments.column("accounts");
  const ResultColumn& products = segments.column("product");
  const ResultColumn& rates = segments.column("base_rate");
  struct Segment {
    std::string name;
    std::int64_t accounts = 0;
    std::map<std::string, double> rates;
  };
  std::vector<Segment> columns;
  for (std::size_t r = 0; r < segments.rows; ++r) {
    if (columns.empty() || columns.back().name != names.texts[r])
      columns.push_back({names.texts[r], accounts.integers[r], {}});
    columns.back().rates[products.texts[r]] = rates.numbers[r];
  }
  for (Segment& s : columns) {
    const std::string label = blank_shown(s.name) + " (" + format_count(static_cast<std::size_t>(s.accounts)) + ")";
    view.push_back(ColumnView("product", label, Shown::percent)
                       .worded([values = std::move(s.rates)](const ResultTable& t, std::size_t row) {
                         const auto it = values.find(t.column("product").texts[row]);
                         return it == values.end() ? std::string(kMissing) : format_percent(it->second);
                       }));
  }
  return view;
}

TableView cross_sell_pairs_view() {
  return {{"from", "buyers of"},
          {"to", "also buy"},
          {"support", "accounts with both"},
          {"confidence", "confidence"},
          {"confidence", "95% interval", Shown::interval},
          {"lift", "lift", Shown::ratio}};
}

TableView cross_sell_view(const ResultTable& purchases) {
  TableView view{once_per_account("account", "account"), once_per_account("segment", "segment")};
  view.push_back(ColumnView("account", "bought")
                     .worded([bought = purchases_in_words(purchases)](const ResultTable& t, std::size_t row) {
                       if (!first_suggestion(t, row)) return std::string();
                       const auto it = bought.find(t.column("account").texts[row]);
                       return it == bought.end() ? std::string("(none)") : it->second;
                     }));
  view.emplace_back("product", "suggest");
  view.emplace_back("score", "score", Shown::percent);
  // No pair reaches the minimum support: no supporting product.
  view.push_back(ColumnView("because", "because").worded([](const ResultTable& t, std::size_t row) {
    const std::string& because = t.column("because").texts[row];
    return because.empty() ? std::string(kMissing) : because;
  }));
  view.emplace_back("confidence", "confidence");
  view.emplace_back("lift", "lift", Shown::ratio);
  view.emplace_back("segment_rate", "segment rate");
  return view;
}

std::vector<std::size_t> cross_sell_rows_shown(const ResultTable& cross_sell) {
  const ResultColumn& rank = cross_sell.column("rank");
  const ResultColumn& score = cross_sell.column("score");
  std::vector<std::size_t> firsts;  // each account's best suggestion
  for (std::size_t r = 0; r < cross_sell.rows; ++r)
    if (rank.integers[r] == 1) firsts.push_back(r);
  if (firsts.size() <= kCrossSellAccountsShown) return all_rows(cross_sell);
  std::stable_sort(firsts.begin(), firsts.end(),
                   [&](std::size_t a, std::size_t b) { return score.numbers[a] > score.numbers[b]; });
  firsts.resize(kCrossSellAccountsShown);
  std::vector<std::size_t> rows;
  for (const std::size_t first : firsts) {
    rows.push_back(first);
    for (std::size_t r = first + 1; r < cross_sell.rows && rank.integers[r] != 1; ++r) rows.push_back(r);
  }
  return rows;
}

std::size_t accounts_named(const ResultTable& table) {
  const ResultColumn& accounts = table.column("account");
  return std::unordered_set<std::string>(accounts.texts.begin(), accounts.texts.end()).size();
}

}  // namespace pipecast::render
