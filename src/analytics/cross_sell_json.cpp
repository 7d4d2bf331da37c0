#include "analytics/cross_sell_json.hpp"

#include "analytics/json_values.hpp"

#include <cmath>

namespace pipecast {
namespace {

using json_values::Json;
using json_values::number;
using json_values::day;
using json_values::rate;
using json_values::distribution;
using json_values::period;

Json name_or_null(const CrossSellReport& report, std::uint32_t index, bool segment) {
  if (index == kCrossSellNone) return nullptr;
  return segment ? Json(report.segments[index].segment) : Json(report.product_name(index));
}

Json products(const CrossSellReport& report) {
  Json out = Json::array();
  for (const ProductAdoption& p : report.products) out.push_back({{"product", p.product}, {"base_rate", rate(p.rate)}});
  return out;
}

Json segments(const CrossSellReport& report) {
  Json out = Json::array();
  for (const SegmentAdoption& s : report.segments) {
    Json rates = Json::array();
    for (std::size_t p = 0; p < s.products.size(); ++p)
      rates.push_back({{"product", report.products[p].product}, {"base_rate", rate(s.products[p])}});
    out.push_back({{"segment", s.segment}, {"accounts", s.accounts}, {"products", std::move(rates)}});
  }
  return out;
}

Json pair(const CrossSellReport& report, const CrossSellPair& p) {
  return {{"from", report.product_name(p.from)},
          {"to", report.product_name(p.to)},
          {"support", p.support()},
          {"confidence", rate(p.confidence)},
          {"lift", number(p.lift)}};
}

Json candidate(const CrossSellReport& report, const CrossSellCandidate& c) {
  const bool evidence = c.because != kCrossSellNone;
  return {{"product", report.product_name(c.product)},
          {"score", number(c.score)},
          {"segment_rate", number(c.segment_rate)},
          {"because", name_or_null(report, c.because, false)},
          {"support", c.support()},
          {"confidence", evidence ? rate(c.confidence) : Json(nullptr)},
          {"lift", number(c.lift)}};
}

Json account(const CrossSellReport& report, const AccountCrossSell& a) {
  Json purchased = Json::array();
  for (const auto p : report.purchased(a)) purchased.push_back(report.product_name(p));
  Json candidates = Json::array();
  for (const CrossSellCandidate& c : report.candidates(a)) candidates.push_back(candidate(report, c));
  return {{"account", a.account},
          {"segment", name_or_null(report, a.segment, true)},
          {"purchased", std::move(purchased)},
          {"candidates", std::move(candidates)}};
}

}  // namespace

nlohmann::ordered_json to_json_value(const CrossSellReport& report) {
  Json pairs = Json::array();
  for (const CrossSellPair& p : report.pairs) pairs.push_back(pair(report, p));
  Json accounts = Json::array();
  for (const AccountCrossSell& a : report.accounts) accounts.push_back(account(report, a));
  return {{"as_of", day(report.as_of)},
          {"won_deals", report.won_deals},
          {"buying_accounts", report.buying_accounts},
          {"min_support", report.min_support},
          {"products", products(report)},
          {"segments", segments(report)},
          {"pairs", std::move(pairs)},
          {"accounts", std::move(accounts)}};
}

}  // namespace pipecast
