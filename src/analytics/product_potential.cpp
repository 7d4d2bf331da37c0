#include "pipecast/analytics/product_potential.hpp"
#include "core/not_a_number.hpp"

#include <algorithm>
#include <cmath>
#include <map>

namespace pipecast {
namespace {

constexpr const char* kNoFamily = "(none)";

struct ProductTally {
  std::size_t won = 0, lost = 0, open = 0;
  double won_amount = 0.0, open_amount = 0.0;
  std::vector<double> won_cycles;
  std::vector<double> trend;  // won value per trend period
};

// Least-squares slope of the won value per day, relative to its average.
double relative_slope(const std::vector<double>& trend, const std::vector<Period>& periods, Day as_of) {
  const std::size_t n = trend.size();
  if (n < 2) return kNaN;
  std::vector<double> per_day(n);
  for (std::size_t i = 0; i < n; ++i)
    per_day[i] = trend[i] / static_cast<double>(std::min(periods[i].last, as_of) - periods[i].first + 1);
  const double mean_x = static_cast<double>(n - 1) / 2.0;
  double mean_y = 0.0;
  for (double y : per_day) mean_y += y / static_cast<double>(n);
  if (mean_y <= 0.0) return kNaN;
  double sxy = 0.0, sxx = 0.0;
  for (std::size_t i = 0; i < n; ++i) {
    const double dx = static_cast<double>(i) - mean_x;
    sxy += dx * (per_day[i] - mean_y);
    sxx += dx * dx;
  }
  return sxy / sxx / mean_y;
}

std::string grouped(std::size_t n) {
  std::string digits = std::to_string(n);
  for (std::size_t i = digits.size(); i > 3; i -= 3) digits.insert(i - 3, ",");
  return digits;
}

std::string whole_percent(double fraction) { return std::to_string(std::lround(fraction * 100.0)) + "%"; }

std::string win_rate_words(const ProductPotential& row, const Rate& overall, double prior_deals) {
  if (row.win_rate.trials == 0) return "no closed deals yet";
  const double all = overall.value();
  const char* level = row.win_interval.low > all ? "high " : row.win_interval.high < all ? "low " : "";
  std::string text = std::string(level) + "win rate " + whole_percent(row.win_rate.value()) + " (vs " +
                     whole_percent(all);
  if (static_cast<double>(row.win_rate.trials) < prior_deals)
    text += ", only " + grouped(row.win_rate.trials) + " closed";
  return text + ")";
}

std::string reason(const ProductPotential& row, const Rate& overall, double prior_deals) {
  std::string text = win_rate_words(row, overall, prior_deals) + ", ";
  if (row.open_deals == 0)
    text += "no open pipeline";
  else
    text += grouped(row.open_deals) + (row.open_deals == 1 ? " open deal" : " open deals");
  if (row.trend.size() < 2) return text;  // too few periods for a trend
  if (std::isnan(row.trend_change)) return text + ", no recent wins";
  return text + (row.trend_sign > 0 ? ", growing" : row.trend_sign < 0 ? ", shrinking" : ", flat");
}

ProductPotential potential_of(std::string name, std::string family, ProductTally& t, const ProductReport& report,
                          const ProductOptions& options, Day as_of) {
  ProductPotential row;
  row.name = std::move(name);
  row.family = std::move(family);
  row.win_rate = {t.won, t.won + t.lost};
  row.win_interval = row.win_rate.interval();
  row.won_amount = t.won_amount;
  if (t.won > 0) row.average_won_amount = t.won_amount / static_cast<double>(t.won);
  row.median_cycle_days = quantile(t.won_cycles, 0.5);
  row.open_deals = t.open;
  row.open_amount = t.open_amount;
  const double overall = report.win_rate.value();
  if (!std::isnan(overall)) {
    const double weight = static_cast<double>(t.won + t.lost) + options.prior_deals;
    // With neither own deals nor a prior, the formula's limit: the overall rate.
    row.expected_win_rate =
        weight > 0 ? (static_cast<double>(t.won) + options.prior_deals * overall) / weight : overall;
    row.expected_revenue = t.open_amount * row.expected_win_rate;
  }
  if (report.won_amount > 0) row.revenue_share = t.won_amount / report.won_amount;
  row.trend = t.trend;
  row.trend_change = relative_slope(t.trend, report.trend_periods, as_of);
  if (row.trend_change > options.flat_band) row.trend_sign = 1;
  if (row.trend_change < -options.flat_band) row.trend_sign = -1;
  row.score = row.expected_revenue * (1.0 + options.trend_weight * row.trend_sign);
  row.reason = reason(row, report.win_rate, options.prior_deals);
  return row;
}

void rank(std::vector<ProductPotential>& rows) {
  std::sort(rows.begin(), rows.end(), [](const ProductPotential& a, const ProductPotential& b) {
    const bool a_known = !std::isnan(a.score), b_known = !std::isnan(b.score);
    if (a_known != b_known) return a_known;
    if (a_known && a.score != b.score) return a.score > b.score;
    return a.name < b.name;
  });
  for (std::size_t r = 0; r < rows.size(); ++r) rows[r].rank = r + 1;
}

// The family of each product code, as an index into `families`.
std::vector<std::size_t> family_of_products(const Book& book, std::vector<std::string>& families) {
  std::map<std::string, std::size_t> index;
  const auto intern = [&](const std::string& name) {
    const auto [it, added] = index.try_emplace(name, families.size());
    if (added) families.push_back(name);
    return it->second;
  };
  const std::size_t none = intern(kNoFamily);
  std::vector<std::size_t> family(book.dictionary(Dimension::product).size(), none);
  for (const Product& p : book.products())
    if (!p.family.empty()) family[p.name] = intern(p.family);
  return family;
}

}  // namespace

ProductReport product_potential(const Scope& scope, const ProductOptions& options) {
  const Book& book = scope.book();
  ProductReport report;
  report.as_of = scope.as_of();
  report.prior_deals = options.prior_deals;
  report.trend_weight = options.trend_weight;
  report.trend_periods = scope.trend_periods();
  const std::size_t periods = report.trend_periods.size();

  std::vector<std::string> family_names;
  const std::vector<std::size_t> family = family_of_products(book, family_names);
  const ProductTally blank{0, 0, 0, 0.0, 0.0, {}, std::vector<double>(periods, 0.0)};
  std::vector<ProductTally> by_product(book.dictionary(Dimension::product).size(), blank);
  std::vector<ProductTally> by_family(family_names.size(), blank);
  const auto product_codes = book.codes(Dimension::product);
  std::size_t won = 0, lost = 0;
  for (std::size_t k : scope.deals()) {
    const Code product = product_codes[scope.view().deal(k)];
    const StageKind state = scope.state(k);
    const double amount = scope.amount(k);
    for (ProductTally* t : {&by_product[product], &by_family[family[product]]}) {
      if (state == StageKind::open) {
        ++t->open;
        t->open_amount += amount;
      } else if (state == StageKind::lost) {
        ++t->lost;
      } else {
        const Day closed = scope.closed_on(k);
        ++t->won;
        t->won_amount += amount;
        t->won_cycles.push_back(static_cast<double>(closed - scope.created(k)));
        for (std::size_t p = 0; p < periods; ++p)
          if (report.trend_periods[p].contains(closed)) t->trend[p] += amount;
      }
    }
    won += state == StageKind::won;
    lost += state == StageKind::lost;
    if (state == StageKind::won) report.won_amount += amount;
  }
  report.win_rate = {won, won + lost};

  const Dictionary& names = book.dictionary(Dimension::product);
  for (Code c = 0; c < by_product.size(); ++c) {
    ProductTally& t = by_product[c];
    if (t.won + t.lost + t.open > 0)
      report.products.push_back(potential_of(names[c], family_names[family[c]], t, report, options, scope.as_of()));
  }
  for (std::size_t f = 0; f < by_family.size(); ++f) {
    ProductTally& t = by_family[f];
    if (t.won + t.lost + t.open > 0)
      report.families.push_back(potential_of(family_names[f], family_names[f], t, report, options, scope.as_of()));
  }
  rank(report.products);
  rank(report.families);
  return report;
}

std::string_view trend_direction(int trend_sign) {
  return trend_sign > 0 ? "growing" : trend_sign < 0 ? "shrinking" : "flat";
}

}  // namespace pipecast
