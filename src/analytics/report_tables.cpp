#include "pipecast/analytics/report_tables.hpp"

#include "analytics/table_catalog.hpp"

#include <cmath>
#include <string>

namespace pipecast {
namespace {

std::string_view kind_name(PeriodKind kind) {
  switch (kind) {
    case PeriodKind::month: return "month";
    case PeriodKind::quarter: return "quarter";
    case PeriodKind::year: return "year";
    case PeriodKind::fiscal_quarter: return "fiscal_quarter";
    case PeriodKind::fiscal_year: return "fiscal_year";
    case PeriodKind::range: break;
  }
  return "range";
}

ResultTable report_summary_table(const Report& r) {
  TableBuilder t("summary");
  t.day("as_of").period("period").text("currency").text("pipeline").text("filters").integer("deals");
  t.text("cohort_kind");
  std::string filters;
  for (const auto& f : r.filters) filters += (filters.empty() ? "" : ";") + f.field + "=" + f.value;
  t.add(r.as_of).add(r.period).add(r.currency).add(r.pipeline).add(filters).add(r.deals);
  t.add(kind_name(r.funnel.cohort_kind));
  return std::move(t).finish();
}

// A section's own figures, one row each: its totals and the options it
// used, so that no figure of the report lives outside a table.
ResultTable stalled_summary_table(const Report& r) {
  TableBuilder t("stalled_summary");
  t.integer("stalled").number("stalled_value", Unit::currency).integer("overdue");
  t.number("overdue_value", Unit::currency);
  t.add(r.stalled.stalled).add(r.stalled.stalled_value).add(r.stalled.overdue).add(r.stalled.overdue_value);
  return std::move(t).finish();
}

ResultTable patterns_summary_table(const Report& r) {
  TableBuilder t("patterns_summary");
  t.rate("win_rate").integer("open").integer("min_closed").integer("lost_deals");
  t.number("lost_amount", Unit::currency);
  const LostReasons* lost = r.patterns.lost_reasons ? &*r.patterns.lost_reasons : nullptr;
  t.add(r.patterns.win_rate).add(r.patterns.open).add(r.patterns.min_closed);
  t.add(lost ? lost->lost_deals : 0).add(lost ? lost->lost_amount : std::nan(""));
  return std::move(t).finish();
}

ResultTable products_summary_table(const Report& r) {
  TableBuilder t("products_summary");
  t.rate("win_rate").number("won_amount", Unit::currency).number("prior_deals").number("trend_weight");
  t.add(r.products.win_rate).add(r.products.won_amount).add(r.products.prior_deals).add(r.products.trend_weight);
  return std::move(t).finish();
}

ResultTable cross_sell_summary_table(const Report& r) {
  TableBuilder t("cross_sell_summary");
  t.integer("won_deals").integer("buying_accounts").integer("min_support");
  t.add(r.cross_sell.won_deals).add(r.cross_sell.buying_accounts).add(r.cross_sell.min_support);
  return std::move(t).finish();
}

void funnel_columns(TableBuilder& t) {
  t.text("pipeline").integer("pipeline_deals").integer("step", Unit::none).text("stage").text("kind");
  t.integer("reached");
  t.number("reached_value", Unit::currency).rate("to_next").rate("to_next_raw").rate("to_won");
}

void funnel_rows(TableBuilder& t, const PipelineFunnel& f, const Period* cohort) {
  for (std::size_t s = 0; s < f.steps.size(); ++s) {
    const FunnelStep& step = f.steps[s];
    if (cohort) t.add(*cohort);
    t.add(f.name).add(f.deals).add(s + 1).add(step.name).add(to_string(step.kind)).add(step.reached);
    t.add(step.reached_value).add(step.to_next).add(step.to_next_raw).add(step.to_won);
  }
}

ResultTable funnel_table(const Report& r) {
  TableBuilder t("funnel");
  funnel_columns(t);
  for (const auto& f : r.funnel.pipelines) funnel_rows(t, f, nullptr);
  return std::move(t).finish();
}

ResultTable funnel_cohorts_table(const Report& r) {
  TableBuilder t("funnel_cohorts");
  t.period("cohort");
  funnel_columns(t);
  for (const auto& c : r.funnel.cohorts)
    for (const auto& f : c.pipelines) funnel_rows(t, f, &c.cohort);
  return std::move(t).finish();
}

ResultTable velocity_table(const Report& r) {
  TableBuilder t("velocity");
  t.text("pipeline").text("stage").distribution("completed").distribution("current");
  for (const auto& p : r.velocity.pipelines)
    for (const auto& s : p.stages) t.add(p.name).add(s.name).add(s.completed).add(s.current);
  return std::move(t).finish();
}

ResultTable velocity_trend_table(const Report& r) {
  TableBuilder t("velocity_trend");
  t.text("pipeline").text("measure").text("stage").period("period").distribution("days");
  const auto& periods = r.velocity.periods;
  const auto rows = [&](const std::string& pipeline, const char* measure, const std::string& stage,
                        const std::vector<Distribution>& values) {
    for (std::size_t k = 0; k < values.size() && k < periods.size(); ++k)
      t.add(pipeline).add(measure).add(stage).add(periods[k]).add(values[k]);
  };
  for (const auto& p : r.velocity.pipelines) {
    for (const auto& s : p.stages) rows(p.name, "stage", s.name, s.by_period);
    rows(p.name, "won_cycle", "", p.won_cycle_by_period);
    rows(p.name, "lost_cycle", "", p.lost_cycle_by_period);
  }
  return std::move(t).finish();
}

ResultTable cycles_table(const Report& r) {
  TableBuilder t("cycles");
  t.text("pipeline").text("outcome").distribution("days");
  for (const auto& p : r.velocity.pipelines) {
    t.add(p.name).add("won").add(p.won_cycle);
    t.add(p.name).add("lost").add(p.lost_cycle);
  }
  return std::move(t).finish();
}

ResultTable stalled_table(const Report& r) {
  TableBuilder t("stalled");
  t.text("id").text("pipeline").text("stage").text("owner").number("amount", Unit::currency);
  t.integer("days_in_stage", Unit::days);
  t.number("threshold", Unit::days).flag("stalled").day("close_date").integer("days_overdue", Unit::days);
  t.flag("overdue");
  for (const auto& d : r.stalled.deals) {
    t.add(d.id).add(d.pipeline).add(d.stage).add(d.owner).add(d.amount).add(d.days_in_stage);
    t.add(d.threshold).add(d.stalled).add(d.close_date).add(d.days_overdue).add(d.overdue);
  }
  return std::move(t).finish();
}

ResultTable stalled_thresholds_table(const Report& r) {
  TableBuilder t("stalled_thresholds");
  t.text("pipeline").text("stage").number("days", Unit::days).text("source").integer("sample");
  for (const auto& s : r.stalled.thresholds)
    t.add(s.pipeline).add(s.name).add(s.days).add(to_string(s.source)).add(s.sample);
  return std::move(t).finish();
}

ResultTable patterns_table(const Report& r) {
  TableBuilder t("patterns");
  t.text("field").text("value").integer("won").integer("lost").integer("open").rate("win_rate");
  t.number("won_amount", Unit::currency).number("average_won_amount", Unit::currency);
  t.number("average_cycle_days", Unit::days);
  t.number("average_won_cycle_days", Unit::days).rate("rest_win_rate").number("difference").number("z");
  t.number("p_value");
  for (const auto& f : r.patterns.fields)
    for (const auto& v : f.values) {
      t.add(f.field).add(v.value).add(v.won()).add(v.lost()).add(v.open).add(v.win_rate);
      t.add(v.won_amount).add(v.average_won_amount).add(v.average_cycle_days);
      t.add(v.average_won_cycle_days).add(v.rest_win_rate).add(v.difference).add(v.z).add(v.p_value);
    }
  return std::move(t).finish();
}

ResultTable patterns_top_table(const Report& r) {
  TableBuilder t("patterns_top");
  t.text("direction").text("field").text("value").rate("win_rate").rate("rest_win_rate");
  t.number("difference").number("z").number("p_value");
  const auto rows = [&](const char* direction, const std::vector<Pattern>& list) {
    for (const auto& p : list) {
      t.add(direction).add(p.field).add(p.value).add(p.win_rate).add(p.rest_win_rate);
      t.add(p.difference).add(p.z).add(p.p_value);
    }
  };
  rows("positive", r.patterns.positive);
  rows("negative", r.patterns.negative);
  return std::move(t).finish();
}

ResultTable lost_reasons_table(const Report& r) {
  TableBuilder t("lost_reasons");
  t.text("reason").integer("deals").number("deal_share", Unit::fraction).number("amount", Unit::currency);
  t.number("amount_share", Unit::fraction);
  if (r.patterns.lost_reasons)
    for (const auto& reason : r.patterns.lost_reasons->reasons) {
      t.add(reason.reason).add(reason.deals).add(reason.deal_share).add(reason.amount);
      t.add(reason.amount_share);
    }
  return std::move(t).finish();
}

ResultTable sales_velocity_table(const Report& r) {
  TableBuilder t("sales_velocity");
  t.text("segment").flag("total").integer("opportunities").rate("win_rate");
  t.number("average_won_amount", Unit::currency);
  t.number("average_cycle_days", Unit::days).number("value_per_day", Unit::currency);
  t.number("value_per_30_days", Unit::currency);
  const auto row = [&](const SalesVelocity& v, bool total) {
    t.add(v.segment).add(total).add(v.opportunities).add(v.win_rate).add(v.average_won_amount);
    t.add(v.average_cycle_days).add(v.value_per_day).add(v.value_per_30_days);
  };
  for (const auto& v : r.sales_velocity.segments) row(v, false);
  row(r.sales_velocity.total, true);
  return std::move(t).finish();
}

ResultTable coverage_table(const Report& r) {
  TableBuilder t("coverage");
  t.text("owner").number("quota", Unit::currency).number("won", Unit::currency).integer("won_deals");
  t.number("attainment", Unit::fraction).number("remaining", Unit::currency);
  t.flag("quota_met").integer("open_deals").number("open_amount", Unit::currency);
  t.number("weighted_amount", Unit::currency).number("coverage");
  t.number("weighted_coverage").text("quota_source").integer("open_blank_amount").integer("open_no_close_date");
  const auto row = [&](const CoverageRow& c, std::string_view source) {
    t.add(c.owner).add(c.quota).add(c.won).add(c.won_deals).add(c.attainment).add(c.remaining);
    t.add(c.quota_met).add(c.open_deals).add(c.open_amount).add(c.weighted_amount).add(c.coverage);
    t.add(c.weighted_coverage).add(source).add(c.open_blank_amount).add(c.open_no_close_date);
  };
  for (const auto& c : r.coverage.owners) row(c, c.has_quota() ? "owner" : "none");
  row(r.coverage.team, to_string(r.coverage.team_quota));
  return std::move(t).finish();
}


ResultTable product_table(const char* name, const std::vector<ProductPotential>& rows) {
  TableBuilder t(name);
  t.integer("rank", Unit::none).text("name").text("family").rate("win_rate");
  t.number("won_amount", Unit::currency);
  t.number("average_won_amount", Unit::currency).number("median_cycle_days", Unit::days);
  t.integer("open_deals").number("open_amount", Unit::currency);
  t.number("expected_win_rate", Unit::fraction).number("expected_revenue", Unit::currency);
  t.number("revenue_share", Unit::fraction).number("trend_change");
  t.text("trend_direction").number("score").text("reason");
  for (const auto& p : rows) {
    t.add(p.rank).add(p.name).add(p.family).add(p.win_rate).add(p.won_amount);
    t.add(p.average_won_amount).add(p.median_cycle_days).add(p.open_deals).add(p.open_amount);
    t.add(p.expected_win_rate).add(p.expected_revenue).add(p.revenue_share).add(p.trend_change);
    t.add(trend_direction(p.trend_sign)).add(p.score).add(p.reason);
  }
  return std::move(t).finish();
}

ResultTable product_trends_table(const Report& r) {
  TableBuilder t("product_trends");
  t.text("level").text("name").period("period").number("won_amount", Unit::currency);
  const auto& periods = r.products.trend_periods;
  const auto rows = [&](const char* level, const std::vector<ProductPotential>& list) {
    for (const auto& p : list)
      for (std::size_t k = 0; k < p.trend.size() && k < periods.size(); ++k)
        t.add(level).add(p.name).add(periods[k]).add(p.trend[k]);
  };
  rows("product", r.products.products);
  rows("family", r.products.families);
  return std::move(t).finish();
}

std::string segment_name(const CrossSellReport& c, std::uint32_t segment) {
  return segment == kCrossSellNone ? std::string() : c.segments[segment].segment;
}

ResultTable cross_sell_products_table(const Report& r) {
  TableBuilder t("cross_sell_products");
  t.text("product").rate("base_rate");
  for (const auto& p : r.cross_sell.products) t.add(p.product).add(p.rate);
  return std::move(t).finish();
}

ResultTable cross_sell_segments_table(const Report& r) {
  const CrossSellReport& c = r.cross_sell;
  TableBuilder t("cross_sell_segments");
  t.text("segment").integer("accounts").text("product").rate("base_rate");
  for (const auto& s : c.segments)
    for (std::size_t p = 0; p < s.products.size() && p < c.products.size(); ++p)
      t.add(s.segment).add(s.accounts).add(c.products[p].product).add(s.products[p]);
  return std::move(t).finish();
}

ResultTable cross_sell_pairs_table(const Report& r) {
  const CrossSellReport& c = r.cross_sell;
  TableBuilder t("cross_sell_pairs");
  t.text("from").text("to").integer("support").rate("confidence").number("lift");
  for (const auto& p : c.pairs)
    t.add(c.product_name(p.from)).add(c.product_name(p.to)).add(p.support()).add(p.confidence).add(p.lift);
  return std::move(t).finish();
}

ResultTable cross_sell_table(const Report& r) {
  const CrossSellReport& c = r.cross_sell;
  TableBuilder t("cross_sell");
  t.text("account").text("segment").integer("rank", Unit::none).text("product").number("score");
  t.number("segment_rate", Unit::fraction);
  t.text("because").integer("support").rate("confidence").number("lift");
  for (const auto& a : c.accounts) {
    std::size_t rank = 0;
    for (const auto& k : c.candidates(a)) {
      t.add(a.account).add(segment_name(c, a.segment)).add(++rank).add(c.product_name(k.product));
      t.add(k.score);
      t.add(k.segment_rate).add(c.product_name(k.because)).add(k.support()).add(k.confidence).add(k.lift);
    }
  }
  return std::move(t).finish();
}

ResultTable cross_sell_purchases_table(const Report& r) {
  const CrossSellReport& c = r.cross_sell;
  TableBuilder t("cross_sell_purchases");
  t.text("account").text("segment").text("product");
  for (const auto& a : c.accounts)
    for (const auto p : c.purchased(a))
      t.add(a.account).add(segment_name(c, a.segment)).add(c.product_name(p));
  return std::move(t).finish();
}

ResultTable products_table(const Report& r) { return product_table("products", r.products.products); }
ResultTable product_families_table(const Report& r) {
  return product_table("product_families", r.products.families);
}

// Every table once: its name, the function that makes it, its section.
constexpr tables::Entry<Report> kReportTableEntries[] = {
    {"summary", report_summary_table},
    {"funnel", funnel_table, "funnel"},
    {"funnel_cohorts", funnel_cohorts_table, "funnel"},
    {"velocity", velocity_table, "velocity"},
    {"velocity_trend", velocity_trend_table, "velocity"},
    {"cycles", cycles_table, "velocity"},
    {"stalled_summary", stalled_summary_table, "stalled"},
    {"stalled", stalled_table, "stalled"},
    {"stalled_thresholds", stalled_thresholds_table, "stalled"},
    {"patterns_summary", patterns_summary_table, "patterns"},
    {"patterns", patterns_table, "patterns"},
    {"patterns_top", patterns_top_table, "patterns"},
    {"lost_reasons", lost_reasons_table, "patterns"},
    {"sales_velocity", sales_velocity_table, "sales_velocity"},
    {"coverage", coverage_table, "coverage"},
    {"products_summary", products_summary_table, "products"},
    {"products", products_table, "products"},
    {"product_families", product_families_table, "products"},
    {"product_trends", product_trends_table, "products"},
    {"cross_sell_summary", cross_sell_summary_table, "cross_sell"},
    {"cross_sell_products", cross_sell_products_table, "cross_sell"},
    {"cross_sell_segments", cross_sell_segments_table, "cross_sell"},
    {"cross_sell_pairs", cross_sell_pairs_table, "cross_sell"},
    {"cross_sell", cross_sell_table, "cross_sell"},
    {"cross_sell_purchases", cross_sell_purchases_table, "cross_sell"},
};

}  // namespace

std::vector<ReportTableName> report_table_names() {
  std::vector<ReportTableName> names;
  for (const auto& e : kReportTableEntries) names.push_back({e.section, e.name});
  return names;
}

std::vector<ResultTable> report_tables(const Report& report) { return tables::all(kReportTableEntries, report); }

ResultTable report_table(const Report& report, std::string_view name) {
  return tables::make(kReportTableEntries, report, name, "report");
}

}  // namespace pipecast
