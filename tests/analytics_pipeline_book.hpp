// A tiny hand-made book for the funnel, velocity and stalled-deal tests:
// every figure those tests expect is worked out by hand from this listing.
//
// Pipeline "New Business": Qualify(1), Discover(2), Propose(3) open,
// Closed Won(4), Closed Lost(5).  Pipeline "Renewal": Due(1) open,
// Renewed(2) won, Churned(3) lost.  Base currency USD; EUR at 1.1.
// As of T = 2024-03-31 (2024 is a leap year: February has 29 days):
//
// deal owner amount  created     history (stage entered)                      at T
// d1   Ann   1000    2024-01-02  Q 01-02, D 01-12, P 02-01, Won 03-02         won
// d2   Bob   2000    2024-01-10  Q 01-10, P 01-24 (skips D), Lost 02-23        lost
// d3   Ann    500    2024-01-20  Q 01-20, D 01-23, Q 02-04 (goes back),        open in P
//                                D 02-11, P 02-19, Won 04-10 (after T)
// d4   Bob    300    2024-02-03  Q 02-03, Lost 02-28                           lost
// d5   Cat    800    2024-02-10  Q 02-10, Q 02-20 (same stage again)           open in Q
//                    close date 2024-03-01 (passed)
// d6   Cat   1200    2024-02-15  Q 02-15, D 02-21, Won 03-11 (skips P)         won
// d7   Ann 100 EUR   2024-03-01  Due 03-01; close date 2024-03-30               open in Due
//      (= 110 USD)
// d8   Bob    999    2024-04-05  Q 04-05 (created after T: not in the view)
#pragma once

#include "pipecast/analytics/scope.hpp"
#include "pipecast/core/book_builder.hpp"

#include <gtest/gtest.h>

#include <string_view>

namespace pipecast::test {

inline const Day kPipelineBookDate = to_day(2024, 3, 31);

inline Book pipeline_book() {
  BookBuilder b;
  const auto check = [](const Checked& c) {
    if (c) ADD_FAILURE() << c->field << ": " << c->message;
  };
  const auto stage = [&](std::string_view pipeline, std::string_view name, int order, StageKind kind) {
    check(b.add_stage({pipeline, name, order, 0.5, kind, ""}));
  };
  stage("New Business", "Qualify", 1, StageKind::open);
  stage("New Business", "Discover", 2, StageKind::open);
  stage("New Business", "Propose", 3, StageKind::open);
  stage("New Business", "Closed Won", 4, StageKind::won);
  stage("New Business", "Closed Lost", 5, StageKind::lost);
  stage("Renewal", "Due", 1, StageKind::open);
  stage("Renewal", "Renewed", 2, StageKind::won);
  stage("Renewal", "Churned", 3, StageKind::lost);
  check(b.add_fx_rate("USD", 1.0));
  check(b.add_fx_rate("EUR", 1.1));

  struct Deal {
    std::string_view id, pipeline, owner;
    double amount;
    std::string_view currency;
    Day created, close;
    std::string_view stage;  // today's, after T for d3
  };
  const Deal deals[] = {
      {"d1", "New Business", "Ann", 1000, "USD", to_day(2024, 1, 2), to_day(2024, 3, 2), "Closed Won"},
      {"d2", "New Business", "Bob", 2000, "USD", to_day(2024, 1, 10), to_day(2024, 2, 23), "Closed Lost"},
      {"d3", "New Business", "Ann", 500, "USD", to_day(2024, 1, 20), to_day(2024, 4, 10), "Closed Won"},
      {"d4", "New Business", "Bob", 300, "USD", to_day(2024, 2, 3), to_day(2024, 2, 28), "Closed Lost"},
      {"d5", "New Business", "Cat", 800, "USD", to_day(2024, 2, 10), to_day(2024, 3, 1), "Qualify"},
      {"d6", "New Business", "Cat", 1200, "USD", to_day(2024, 2, 15), to_day(2024, 3, 11), "Closed Won"},
      {"d7", "Renewal", "Ann", 100, "EUR", to_day(2024, 3, 1), to_day(2024, 3, 30), "Due"},
      {"d8", "New Business", "Bob", 999, "USD", to_day(2024, 4, 5), to_day(2024, 6, 30), "Qualify"},
  };
  for (const Deal& d : deals) {
    OpportunityRecord r;
    r.id = d.id;
    r.pipeline = d.pipeline;
    r.account = "Acme";
    r.owner = d.owner;
    r.product = "Widget";
    r.source = "Web";
    r.segment = "SMB";
    r.amount = d.amount;
    r.currency = d.currency;
    r.created = d.created;
    r.close_date = d.close;
    r.stage = d.stage;
    check(b.add_opportunity(r));
  }
  const auto history = [&](std::string_view id, std::string_view stage_name, int month, int day) {
    HistoryRecord h;
    h.opportunity_id = id;
    h.stage = stage_name;
    h.entered = to_day(2024, static_cast<unsigned>(month), static_cast<unsigned>(day));
    check(b.add_history(h));
  };
  history("d1", "Qualify", 1, 2); history("d1", "Discover", 1, 12); history("d1", "Propose", 2, 1);
  history("d1", "Closed Won", 3, 2);
  history("d2", "Qualify", 1, 10); history("d2", "Propose", 1, 24); history("d2", "Closed Lost", 2, 23);
  history("d3", "Qualify", 1, 20); history("d3", "Discover", 1, 23); history("d3", "Qualify", 2, 4);
  history("d3", "Discover", 2, 11); history("d3", "Propose", 2, 19); history("d3", "Closed Won", 4, 10);
  history("d4", "Qualify", 2, 3); history("d4", "Closed Lost", 2, 28);
  history("d5", "Qualify", 2, 10); history("d5", "Qualify", 2, 20);
  history("d6", "Qualify", 2, 15); history("d6", "Discover", 2, 21); history("d6", "Closed Won", 3, 11);
  history("d7", "Due", 3, 1);
  history("d8", "Qualify", 4, 5);
  return std::move(b).finish();
}

inline AnalysisOptions pipeline_book_options() {
  AnalysisOptions o;
  o.as_of = kPipelineBookDate;
  return o;
}

}  // namespace pipecast::test
