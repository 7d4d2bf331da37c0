// A book with every fact after a date deleted: the other side of every
// leakage test (as-of views, models, forecasts, backtests).
#pragma once

#include "pipecast/core/book_builder.hpp"

#include <gtest/gtest.h>

#include <string_view>
#include <vector>

namespace pipecast::test {

// The book with every fact after T deleted, rebuilt row by row: deals created
// after T go, history rows entered after T go; opportunity rows stay as they
// are (an export taken later still carries today's state in them).
inline Book truncated(const Book& full, Day t) {
  BookBuilder b;
  b.set_layout(full.layout());
  b.set_attribute_columns(full.attributes().names);
  b.set_history_attribute_columns(full.history_attributes().names);
  for (const auto& s : full.stages())
    b.add_stage({full.pipelines()[s.pipeline].name, s.name, s.order, s.probability, s.kind, s.forecast_category});
  for (const auto& fx : full.fx_rates()) b.add_fx_rate(fx.currency, fx.rate);
  for (const auto& p : full.products())
    b.add_product(full.dictionary(Dimension::product)[p.name], p.family, p.list_price);
  std::vector<std::string_view> attributes;
  for (DealIndex i = 0; i < full.size(); ++i) {
    const Opportunity o = full.opportunity(i);
    if (o.created() > t) continue;
    attributes.clear();
    for (std::size_t c = 0; c < full.attributes().size(); ++c) attributes.push_back(full.attributes().value(c, i));
    const auto rejected = b.add_opportunity({o.id(), o.pipeline().name, o.account(), o.owner(), o.product(),
                                             o.source(), o.segment(), o.amount(), o.currency(), o.created(),
                                             o.close_date(), o.stage().name, attributes});
    EXPECT_FALSE(rejected) << rejected->message;
  }
  for (DealIndex i = 0; i < full.size(); ++i) {
    if (full.created_column()[i] > t) continue;
    for (auto r = full.history_begin(i); r < full.history_end(i); ++r) {
      const HistoryEntry h = full.history(r);
      if (h.entered > t) continue;
      const auto rejected = b.add_history({full.ids()[i], full.stages()[h.stage].name, h.entered, h.amount, h.close_date, {}});
      EXPECT_FALSE(rejected) << rejected->message;
    }
  }
  return std::move(b).finish();
}

}  // namespace pipecast::test
