// The fields of each interchange file (docs/format.md), in canonical order.
#pragma once

#include "pipecast/io/column_mapping.hpp"

#include <optional>
#include <span>
#include <string>
#include <string_view>

namespace pipecast {

struct FieldSpec {
  std::string_view name;
  bool required;  // a missing column is an error unless the mapping gives a default
};

inline std::span<const FieldSpec> fields_of(Table table) {
  static constexpr FieldSpec stages[] = {{"pipeline", true},    {"stage", true}, {"order", true},
                                         {"probability", true}, {"kind", true},
                                         {"forecast_category", false}};
  static constexpr FieldSpec opportunities[] = {
      {"id", true},     {"pipeline", true}, {"account", true}, {"owner", true},
      {"product", true}, {"source", true},  {"segment", true}, {"amount", true},
      {"currency", true}, {"created", true}, {"close_date", true}, {"stage", true}};
  static constexpr FieldSpec history[] = {{"opportunity_id", true}, {"stage", true},
                                          {"entered", true},        {"amount", false},
                                          {"close_date", false}};
  static constexpr FieldSpec products[] = {{"product", true}, {"family", true}, {"list_price", true}};
  static constexpr FieldSpec line_items[] = {{"opportunity_id", true}, {"product", true},
                                             {"quantity", true},       {"unit_price", true}};
  static constexpr FieldSpec quotas[] = {{"owner", true}, {"period", true}, {"amount", true}};
  static constexpr FieldSpec fx_rates[] = {{"currency", true}, {"rate", true}};
  // A deal's activity names the deal, an account's the account: a file may
  // have either column or both (the builder refuses a row with neither).
  static constexpr FieldSpec activities[] = {
      {"opportunity_id", false}, {"account", false},          {"type", true},    {"date", true},
      {"owner", true},           {"duration_minutes", false}, {"direction", false}, {"outcome", false}};
  switch (table) {
    case Table::stages: return stages;
    case Table::opportunities: return opportunities;
    case Table::stage_history: return history;
    case Table::products: return products;
    case Table::line_items: return line_items;
    case Table::quotas: return quotas;
    case Table::fx_rates: return fx_rates;
    case Table::activities: return activities;
  }
  return {};
}

inline bool is_field(Table table, std::string_view name) {
  for (const auto& f : fields_of(table))
    if (f.name == name) return true;
  return false;
}

inline std::string field_list(Table table) {
  std::string out;
  for (const auto& f : fields_of(table)) out += (out.empty() ? "" : ", ") + std::string(f.name);
  return out;
}

inline std::optional<Table> table_named(std::string_view name) {
  for (Table t : kTables)
    if (to_string(t) == name) return t;
  return std::nullopt;
}

}  // namespace pipecast
