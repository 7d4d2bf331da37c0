#include "render/html_parts.hpp"
#include "render/html_sections.hpp"

#include "pipecast/render/human_format.hpp"

#include <algorithm>

namespace pipecast::render::sections {
namespace {

constexpr std::size_t kPairsShown = 10;

}  // namespace

std::string cross_sell(const Report& r) {
  const CrossSellReport& c = r.cross_sell;
  std::string body =
      "<p>" + html::figure("cross_sell.buying_accounts", c.buying_accounts, format_count(c.buying_accounts)) +
      " accounts bought from " + html::figure("cross_sell.won_deals", c.won_deals, format_count(c.won_deals)) +
      " won deals. Pairs with at least " + html::text(format_count(c.min_support)) +
      " accounts buying both, by lift (how much more often buyers of the first buy the second than "
      "buying accounts in general).</p>\n";
  if (c.pairs.empty())
    return html::section("cross-sell", "Cross-sell",
                         body + html::empty_note("No pair of products bought by enough accounts together."));
  html::Table t;
  t.column("buyers of", false);
  t.column("also buy", false);
  t.column("accounts with both");
  t.column("confidence");
  t.column("lift");
  const std::size_t n = std::min(c.pairs.size(), kPairsShown);
  for (std::size_t i = 0; i < n; ++i) {
    const CrossSellPair& p = c.pairs[i];
    t.row({html::cell(c.product_name(p.from)), html::cell(c.product_name(p.to)),
           html::number_cell(format_count(p.support())),
           html::figure_cell(html::path("cross_sell.pairs", i, "confidence.value"), p.confidence.value(),
                             format_percent(p.confidence.value())),
           html::figure_cell(html::path("cross_sell.pairs", i, "lift"), p.lift, format_number(p.lift, 2) + "\u00d7")});
  }
  body += t.html();
  return html::section("cross-sell", "Cross-sell", body);
}

}  // namespace pipecast::render::sections
