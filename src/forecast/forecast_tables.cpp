#include "pipecast/forecast/forecast_tables.hpp"

#include <cstdio>

namespace pipecast {

std::string factors_text(const std::vector<Factor>& factors) {
  std::string text;
  for (const Factor& f : factors) {
    char contribution[32];
    std::snprintf(contribution, sizeof contribution, "%+.2f", f.contribution);
    text += (text.empty() ? "" : "; ") + f.feature + " (" + contribution + ")";
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

ResultTable scores_table(const Book& book, const DealScores& scores, const FittedModel& model,
                         std::size_t explain, const DealProducts* products) {
  const DealStates& deals = scores.deals;
  TableBuilder t("scores");
  t.text("id").text("stage").number("amount", Unit::currency).number("win_probability", Unit::fraction);
  t.day("expected_close_date").number("expected_amount", Unit::currency);
  if (explain > 0) t.text("top_factors");
  if (products) t.text("may_add");
  for (std::size_t i = 0; i < scores.size(); ++i) {
    t.add(book.ids()[deals.deal[i]]).add(book.stages()[deals.stage[i]].name).add(deals.amount[i]);
    t.add(scores.win_probability[i]).add(scores.expected_close(i)).add(scores.expected_amount(i));
    if (explain > 0) t.add(factors_text(model.win_model().explain(book, deals, i, explain)));
    if (products) t.add(products_text(*products, i));
  }
  return std::move(t).finish();
}

ResultTable forecast_table(const Forecast& forecast) {
  TableBuilder t("forecast");
  t.text("model").text("component").day("period_start").day("period_end");
  t.number("expected", Unit::currency).number("p10", Unit::currency).number("p50", Unit::currency);
  t.number("p90", Unit::currency);
  for (const PeriodForecast& p : forecast.periods)
    for (const ForecastComponent c : kForecastComponents) {
      const ComponentForecast& v = p[c];
      t.add(forecast.model).add(to_string(c)).add(p.period.first).add(p.period.last);
      t.add(v.expected).add(v.p10).add(v.p50).add(v.p90);
    }
  return std::move(t).finish();
}

}  // namespace pipecast
