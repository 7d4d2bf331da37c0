#include "analytics/performance_json.hpp"

#include "analytics/json_values.hpp"

#include <cmath>
#include <string>

namespace pipecast {
namespace {

using json_values::Json;
using json_values::number;
using json_values::day;
using json_values::rate;
using json_values::distribution;
using json_values::period;

Json pattern_value(const PatternValue& v) {
  return {{"value", v.value},
          {"won", v.won()},
          {"lost", v.lost()},
          {"open", v.open},
          {"win_rate", rate(v.win_rate)},
          {"won_amount", v.won_amount},
          {"average_won_amount", number(v.average_won_amount)},
          {"average_cycle_days", number(v.average_cycle_days)},
          {"average_won_cycle_days", number(v.average_won_cycle_days)},
          {"rest_win_rate", rate(v.rest_win_rate)},
          {"difference", number(v.difference)},
          {"z", number(v.z)},
          {"p_value", number(v.p_value)}};
}

Json patterns(const std::vector<Pattern>& list) {
  Json out = Json::array();
  for (const Pattern& p : list)
    out.push_back({{"field", p.field},
                   {"value", p.value},
                   {"win_rate", rate(p.win_rate)},
                   {"rest_win_rate", rate(p.rest_win_rate)},
                   {"difference", number(p.difference)},
                   {"z", number(p.z)},
                   {"p_value", number(p.p_value)}});
  return out;
}

Json lost_reasons(const std::optional<LostReasons>& lost) {
  if (!lost) return nullptr;
  Json reasons = Json::array();
  for (const LostReason& r : lost->reasons)
    reasons.push_back({{"reason", r.reason},
                       {"deals", r.deals},
                       {"deal_share", number(r.deal_share)},
                       {"amount", r.amount},
                       {"amount_share", number(r.amount_share)}});
  return {{"lost_deals", lost->lost_deals}, {"lost_amount", lost->lost_amount}, {"reasons", reasons}};
}

Json velocity_row(const SalesVelocity& v, bool total) {
  return {{"segment", total ? Json(nullptr) : Json(v.segment)},
          {"opportunities", v.opportunities},
          {"win_rate", rate(v.win_rate)},
          {"average_won_amount", number(v.average_won_amount)},
          {"average_cycle_days", number(v.average_cycle_days)},
          {"value_per_day", number(v.value_per_day)},
          {"value_per_30_days", number(v.value_per_30_days)}};
}

Json coverage_row(const CoverageRow& r) {
  return {{"owner", r.owner},
          {"quota", number(r.quota)},
          {"won", r.won},
          {"won_deals", r.won_deals},
          {"attainment", number(r.attainment)},
          {"remaining", number(r.remaining)},
          {"quota_met", r.quota_met},
          {"open_deals", r.open_deals},
          {"open_amount", r.open_amount},
          {"weighted_amount", r.weighted_amount},
          {"coverage", number(r.coverage)},
          {"weighted_coverage", number(r.weighted_coverage)},
          {"open_blank_amount", r.open_blank_amount},
          {"open_no_close_date", r.open_no_close_date}};
}


Json product_rows(const std::vector<ProductPotential>& rows) {
  Json out = Json::array();
  for (const ProductPotential& p : rows) {
    Json trend = Json::array();
    for (double v : p.trend) trend.push_back(number(v));
    out.push_back({{"rank", p.rank},
                   {"name", p.name},
                   {"family", p.family},
                   {"win_rate", rate(p.win_rate)},
                   {"won_amount", p.won_amount},
                   {"average_won_amount", number(p.average_won_amount)},
                   {"median_cycle_days", number(p.median_cycle_days)},
                   {"open_deals", p.open_deals},
                   {"open_amount", p.open_amount},
                   {"expected_win_rate", number(p.expected_win_rate)},
                   {"expected_revenue", number(p.expected_revenue)},
                   {"revenue_share", number(p.revenue_share)},
                   {"trend", trend},
                   {"trend_change", number(p.trend_change)},
                   {"trend_direction", trend_direction(p.trend_sign)},
                   {"score", number(p.score)},
                   {"reason", p.reason}});
  }
  return out;
}

}  // namespace

Json to_json_value(const PatternReport& report) {
  Json fields = Json::array();
  for (const PatternField& f : report.fields) {
    Json values = Json::array();
    for (const PatternValue& v : f.values) values.push_back(pattern_value(v));
    fields.push_back({{"field", f.field}, {"values", values}});
  }
  return {{"as_of", day(report.as_of)},
          {"win_rate", rate(report.win_rate)},
          {"open", report.open},
          {"min_closed", report.min_closed},
          {"fields", fields},
          {"positive", patterns(report.positive)},
          {"negative", patterns(report.negative)},
          {"lost_reasons", lost_reasons(report.lost_reasons)}};
}

Json to_json_value(const SalesVelocityReport& report) {
  Json segments = Json::array();
  for (const SalesVelocity& v : report.segments) segments.push_back(velocity_row(v, false));
  return {{"as_of", day(report.as_of)}, {"segments", segments}, {"total", velocity_row(report.total, true)}};
}

Json to_json_value(const CoverageReport& report) {
  Json owners = Json::array();
  for (const CoverageRow& r : report.owners) owners.push_back(coverage_row(r));
  return {{"as_of", day(report.as_of)},
          {"period", period(report.period)},
          {"team_quota_source", std::string(to_string(report.team_quota))},
          {"team", coverage_row(report.team)},
          {"owners", owners}};
}

Json to_json_value(const ProductReport& report) {
  Json periods = Json::array();
  for (const Period& p : report.trend_periods) periods.push_back(period(p));
  return {{"as_of", day(report.as_of)},
          {"win_rate", rate(report.win_rate)},
          {"won_amount", report.won_amount},
          {"prior_deals", report.prior_deals},
          {"trend_weight", report.trend_weight},
          {"trend_periods", periods},
          {"products", product_rows(report.products)},
          {"families", product_rows(report.families)}};
}

}  // namespace pipecast
