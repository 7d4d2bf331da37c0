#include "pipecast/forecast/forecast_tables.hpp"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <stdexcept>

namespace pipecast {

std::string factors_text(const std::vector<Factor>& factors) {
  std::string text;
  for (const Factor& f : factors) {
    text += (text.empty() ? "" : "; ") + f.feature;
    if (std::isnan(f.contribution)) continue;
    char contribution[32];
    std::snprintf(contribution, sizeof contribution, "%+.2f", f.contribution);
    text += std::string(" (") + contribution + ")";
  }
  return text;
}

std::string products_text(const DealProducts& products, std::size_t deal) {
  std::string text;
  for (const CrossSellCandidate& c : products.of(deal)) {
    char score[32];
    std::snprintf(score, sizeof score, "%.2f", c.score);
    text += (text.empty() ? "" : "; ") + products.product_name(c.product) + " (" + score + ")";
  }
  return text;
}

ResultTable scores_table(const Book& book, const DealScores& scores, const ScoreColumns& columns) {
  if (columns.explain > 0 && columns.model == nullptr)
    throw std::invalid_argument("scores_table: explaining needs the model that made the scores");
  const DealStates& deals = scores.deals;
  TableBuilder t("scores");
  t.text("id").text("stage").number("amount", Unit::currency).number("win_probability", Unit::fraction);
  t.day("expected_close_date").number("expected_amount", Unit::currency);
  if (columns.explain > 0) t.text("top_factors");
  if (columns.products) t.text("may_add");
  if (columns.changes)
    t.number("win_probability_before", Unit::fraction).number("win_probability_change", Unit::fraction).text("drivers");
  for (std::size_t i = 0; i < scores.size(); ++i) {
    t.add(book.ids()[deals.deal[i]]).add(book.stages()[deals.stage[i]].name).add(deals.amount[i]);
    t.add(scores.win_probability[i]).add(scores.expected_close(i)).add(scores.expected_amount(i));
    if (columns.explain > 0) t.add(factors_text(columns.model->win_model().explain(book, deals, i, columns.explain)));
    if (columns.products) t.add(products_text(*columns.products, i));
    if (columns.changes) {
      const ScoreChange& c = columns.changes->deals[i];
      t.add(c.before).add(c.after - c.before).add(factors_text(c.drivers));
    }
  }
  return std::move(t).finish();
}

ResultTable forecast_table(const Forecast& forecast) {
  TableBuilder t("forecast");
  t.text("model").text("component").text("period").day("period_start").day("period_end");
  t.number("expected", Unit::currency).number("p10", Unit::currency).number("p50", Unit::currency);
  t.number("p90", Unit::currency);
  for (const PeriodForecast& p : forecast.periods)
    for (const ForecastComponent c : kForecastComponents) {
      const ComponentForecast& v = p[c];
      t.add(forecast.model).add(to_string(c)).add(p.period.label).add(p.period.first).add(p.period.last);
      t.add(v.expected).add(v.p10).add(v.p50).add(v.p90);
    }
  return std::move(t).finish();
}

ResultTable movement_table(const ForecastMovement& movement) {
  TableBuilder t("movement");
  t.text("model").day("period_start").day("period_end").text("bar").day("day");
  t.number("change", Unit::currency).number("running", Unit::currency);
  for (const PeriodMovement& p : movement.periods) {
    const auto row = [&](std::string_view bar, Day day, double change, double running) {
      t.add(movement.model).add(p.period.first).add(p.period.last).add(bar).add(day).add(change).add(running);
    };
    double running = p.before;
    row("before", movement.since, p.before, running);
    for (const MovementCause cause : kMovementCauses) {
      running += p[cause];
      row(to_string(cause), kNoDay, p[cause], running);
    }
    row("after", movement.as_of, p.after, p.after);
  }
  return std::move(t).finish();
}

ResultTable movers_table(const Book& book, const ForecastMovement& movement, std::size_t top) {
  TableBuilder t("movers");
  t.day("period_start").day("period_end").text("id").text("cause");
  t.number("before", Unit::currency).number("after", Unit::currency).number("change", Unit::currency);
  t.number("win_probability_before", Unit::fraction).number("win_probability_after", Unit::fraction);
  t.number("amount_before", Unit::currency).number("amount_after", Unit::currency);
  t.text("stage_before").text("stage_after").day("close_date_before").day("close_date_after");
  for (const PeriodMovement& p : movement.periods) {
    const std::size_t n = top == 0 ? p.deals.size() : std::min(top, p.deals.size());
    for (std::size_t r = 0; r < n; ++r) {
      const DealMovement& m = p.deals[r];
      t.add(p.period.first).add(p.period.last).add(book.ids()[m.deal]).add(to_string(m.cause));
      t.add(m.before).add(m.after).add(m.change()).add(m.probability_before).add(m.probability_after);
      t.add(m.amount_before).add(m.amount_after);
      t.add(m.existed_before ? book.stages()[m.stage_before].name : std::string());
      t.add(book.stages()[m.stage_after].name);
      t.add(m.existed_before ? m.close_before : kNoDay).add(m.close_after);
    }
  }
  return std::move(t).finish();
}

}  // namespace pipecast
