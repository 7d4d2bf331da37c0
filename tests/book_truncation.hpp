// A book with every fact after a date deleted: the other side of every
// leakage test (as-of views, models, forecasts, backtests).
#pragma once

#include "pipecast/core/book_builder.hpp"

#include <gtest/gtest.h>

#include <string_view>
#include <vector>

namespace pipecast::test {

// Adds to `b` every activity of `full` known at T: a deal's when the deal
// was created by T, an account's when one of its deals was; each dated on
// or before T.
inline void copy_activities(BookBuilder& b, const Book& full, Day t) {
  const Activities& a = full.activities();
  const auto add = [&](std::uint32_t row, std::string_view deal, std::string_view account) {
    if (a.date_column()[row] > t) return;
    const auto rejected = b.add_activity(activity_record(full, row, deal, account));
    EXPECT_FALSE(rejected) << rejected->message;
  };
  const auto& accounts = full.dictionary(Dimension::account);
  std::vector<bool> known(accounts.size(), false);
  for (DealIndex i = 0; i < full.size(); ++i) {
    if (full.created_column()[i] > t) continue;
    known[full.codes(Dimension::account)[i]] = true;
    for (auto r = a.deal_begin(i); r < a.deal_end(i); ++r) add(r, full.ids()[i], "");
  }
  for (Code c = 0; c < accounts.size(); ++c)
    if (known[c])
      for (auto r = a.account_begin(c); r < a.account_end(c); ++r) add(r, "", accounts[c]);
}

// Adds to `b` (empty) every fact of `full` known at T: deals created after T
// go, history rows entered after T go, activities as copy_activities();
// opportunity rows stay as they are (an export taken later still carries
// today's state in them).  `activities_until` (kNoDay: T) cuts the
// activities at another day than the rest.
inline void copy_book(BookBuilder& b, const Book& full, Day t, Day activities_until = kNoDay) {
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
    if (full.created_column()[i] > t) continue;
    const auto rejected = b.add_opportunity(opportunity_record(full, i, attributes));
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
  copy_activities(b, full, activities_until == kNoDay ? t : activities_until);
}

// The book with every fact after T deleted, rebuilt row by row (copy_book()).
inline Book truncated(const Book& full, Day t) {
  BookBuilder b;
  copy_book(b, full, t);
  return std::move(b).finish();
}

}  // namespace pipecast::test
