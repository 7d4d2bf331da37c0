#include "pipecast/analytics/patterns.hpp"
#include "core/not_a_number.hpp"

#include <algorithm>
#include <cmath>
#include <span>
#include <stdexcept>

namespace pipecast {
namespace {


// The codes of a field for every deal of the book, and their values.
struct Column {
  std::span<const Code> codes;
  const Dictionary* values;
};

Column find_column(const Book& book, const std::string& field) {
  for (Dimension d : kDimensions)
    if (to_string(d) == field) return {book.codes(d), &book.dictionary(d)};
  const TextColumns& attributes = book.attributes();
  for (std::size_t c = 0; c < attributes.size(); ++c)
    if (attributes.names[c] == field) return {attributes.codes[c], &attributes.values[c]};
  std::string known = "account, owner, product, source, segment";
  for (const auto& name : attributes.names) known += ", " + name;
  throw std::invalid_argument("unknown pattern field '" + field + "' (known: " + known + ")");
}

struct GroupTally {
  std::size_t won = 0, lost = 0, open = 0;
  double won_amount = 0.0;
  double cycle_days = 0.0;      // summed over closed deals
  double won_cycle_days = 0.0;  // summed over won deals

  void add(StageKind state, double amount, double cycle) {
    if (state == StageKind::open) {
      ++open;
      return;
    }
    cycle_days += cycle;
    if (state == StageKind::lost) {
      ++lost;
      return;
    }
    ++won;
    won_amount += amount;
    won_cycle_days += cycle;
  }
};

double ratio(double total, std::size_t count) {
  return count == 0 ? kNaN : total / static_cast<double>(count);
}

PatternValue describe_value(std::string value, const GroupTally& t, const GroupTally& all) {
  PatternValue v;
  v.value = std::move(value);
  v.win_rate = {t.won, t.won + t.lost};
  v.win_interval = v.win_rate.interval();
  v.open = t.open;
  v.won_amount = t.won_amount;
  v.average_won_amount = ratio(t.won_amount, t.won);
  v.average_cycle_days = ratio(t.cycle_days, t.won + t.lost);
  v.average_won_cycle_days = ratio(t.won_cycle_days, t.won);
  v.rest_win_rate = {all.won - t.won, (all.won + all.lost) - (t.won + t.lost)};
  if (v.win_rate.trials > 0 && v.rest_win_rate.trials > 0) {
    const ProportionTest test = two_proportion_test(v.win_rate.successes, v.win_rate.trials,
                                                    v.rest_win_rate.successes, v.rest_win_rate.trials);
    v.difference = test.difference;
    v.z = test.z;
    v.p_value = test.p_value;
  }
  return v;
}

PatternField describe_field(const std::string& name, const Dictionary& values,
                            const std::vector<GroupTally>& tallies, const GroupTally& all) {
  PatternField field{name, {}};
  for (Code c = 0; c < tallies.size(); ++c) {
    const GroupTally& t = tallies[c];
    if (t.won + t.lost + t.open > 0) field.values.push_back(describe_value(values[c], t, all));
  }
  std::sort(field.values.begin(), field.values.end(), [](const PatternValue& a, const PatternValue& b) {
    return a.closed() != b.closed() ? a.closed() > b.closed() : a.value < b.value;
  });
  return field;
}

// Strongest first; ties in a stable order so reports do not flicker.
void rank_patterns(const std::vector<PatternField>& fields, const PatternOptions& options,
                   PatternReport& report) {
  for (const auto& field : fields)
    for (const auto& v : field.values) {
      if (v.closed() < options.min_closed || v.rest_win_rate.trials < options.min_closed) continue;
      if (!std::isfinite(v.z) || v.z == 0.0) continue;
      Pattern p{field.field, v.value, v.win_rate, v.rest_win_rate, v.difference, v.z, v.p_value};
      (v.z > 0 ? report.positive : report.negative).push_back(std::move(p));
    }
  const auto stronger = [](const Pattern& a, const Pattern& b) {
    if (std::fabs(a.z) != std::fabs(b.z)) return std::fabs(a.z) > std::fabs(b.z);
    return a.field != b.field ? a.field < b.field : a.value < b.value;
  };
  for (auto* list : {&report.positive, &report.negative}) {
    std::sort(list->begin(), list->end(), stronger);
    if (list->size() > options.top) list->resize(options.top);
  }
}

std::optional<LostReasons> lost_reasons(const Scope& scope) {
  const TextColumns& attributes = scope.book().attributes();
  const auto column = std::find(attributes.names.begin(), attributes.names.end(), "lost_reason");
  if (column == attributes.names.end()) return std::nullopt;
  const auto c = static_cast<std::size_t>(column - attributes.names.begin());
  std::vector<std::size_t> deals(attributes.values[c].size());
  std::vector<double> amounts(deals.size());
  LostReasons result;
  for (std::size_t k : scope.deals()) {
    if (scope.state(k) != StageKind::lost) continue;
    const Code code = attributes.codes[c][scope.view().deal(k)];
    const double amount = scope.amount(k);
    ++deals[code];
    amounts[code] += amount;
    ++result.lost_deals;
    result.lost_amount += amount;
  }
  for (Code code = 0; code < deals.size(); ++code) {
    if (deals[code] == 0) continue;
    result.reasons.push_back({attributes.values[c][code], deals[code],
                              static_cast<double>(deals[code]) / static_cast<double>(result.lost_deals),
                              amounts[code],
                              result.lost_amount > 0 ? amounts[code] / result.lost_amount : kNaN});
  }
  std::sort(result.reasons.begin(), result.reasons.end(), [](const LostReason& a, const LostReason& b) {
    return a.deals != b.deals ? a.deals > b.deals : a.reason < b.reason;
  });
  return result;
}

}  // namespace

PatternReport win_loss_patterns(const Scope& scope, const std::vector<std::string>& fields,
                                const PatternOptions& options) {
  const std::vector<std::string>& names = fields.empty() ? kDefaultPatternFields : fields;
  std::vector<Column> columns;
  std::vector<std::vector<GroupTally>> tallies;
  for (const auto& name : names) {
    columns.push_back(find_column(scope.book(), name));
    tallies.emplace_back(columns.back().values->size());
  }
  GroupTally all;
  for (std::size_t k : scope.deals()) {
    const StageKind state = scope.state(k);
    const double amount = scope.amount(k);
    const double cycle = state == StageKind::open ? 0.0 : static_cast<double>(scope.closed_on(k) - scope.created(k));
    const DealIndex i = scope.view().deal(k);
    all.add(state, amount, cycle);
    for (std::size_t f = 0; f < columns.size(); ++f) tallies[f][columns[f].codes[i]].add(state, amount, cycle);
  }
  PatternReport report;
  report.as_of = scope.as_of();
  report.win_rate = {all.won, all.won + all.lost};
  report.open = all.open;
  report.min_closed = options.min_closed;
  for (std::size_t f = 0; f < columns.size(); ++f)
    report.fields.push_back(describe_field(names[f], *columns[f].values, tallies[f], all));
  rank_patterns(report.fields, options, report);
  report.lost_reasons = lost_reasons(scope);
  return report;
}

}  // namespace pipecast
