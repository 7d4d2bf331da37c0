// Built-in column mappings for exports whose shape is known.
#include "io/mapping_presets.hpp"

#include "pipecast/io/column_mapping.hpp"

#include <utility>

namespace pipecast {
namespace {

// Maven Analytics' "CRM Sales Opportunities" sample (sales_pipeline.csv and
// friends).  It has no stage table and no stage history, so both are given
// here: the stage probabilities are assumptions (the export does not carry
// the CRM's), and history is rebuilt from engage and close dates.
constexpr std::string_view kMaven = R"json({
  "description": "Maven Analytics CRM Sales Opportunities export",
  "tables": {
    "opportunities": {
      "file": "sales_pipeline.csv",
      "columns": {"id": "opportunity_id", "owner": "sales_agent", "stage": "deal_stage",
                  "created": "engage_date", "close_date": "close_date", "amount": "close_value"},
      "defaults": {"pipeline": "Sales", "currency": "USD", "source": "", "segment": ""},
      "values": {"product": {"GTXPro": "GTX Pro"}}
    },
    "products": {
      "file": "products.csv",
      "columns": {"family": "series", "list_price": "sales_price"}
    }
  },
  "stages": [
    {"pipeline": "Sales", "stage": "Prospecting", "order": 1, "probability": 0.1, "kind": "open"},
    {"pipeline": "Sales", "stage": "Engaging", "order": 2, "probability": 0.5, "kind": "open"},
    {"pipeline": "Sales", "stage": "Won", "order": 3, "probability": 1, "kind": "won"},
    {"pipeline": "Sales", "stage": "Lost", "order": 4, "probability": 0, "kind": "lost"}
  ],
  "amount_from_list_price": "blank_or_zero",
  "history_from_dates": {"open_stage": "Engaging"},
  "created_when_blank": "latest",
  "lookups": [
    {"file": "accounts.csv", "key": "account", "field": "account",
     "columns": {"segment": "sector"}},
    {"file": "sales_teams.csv", "key": "sales_agent", "field": "owner",
     "columns": {"manager": "manager", "regional_office": "regional_office"}}
  ]
})json";

constexpr std::pair<std::string_view, std::string_view> kPresets[] = {{"maven", kMaven}};

}  // namespace

std::optional<std::string_view> preset_text(std::string_view name) {
  for (const auto& [preset_name, text] : kPresets)
    if (preset_name == name) return text;
  return std::nullopt;
}

std::optional<ColumnMapping> ColumnMapping::preset(std::string_view name) {
  if (const auto text = preset_text(name)) return from_json(*text, "preset " + std::string(name));
  return std::nullopt;
}

std::vector<std::string> ColumnMapping::preset_names() {
  std::vector<std::string> names;
  for (const auto& [name, text] : kPresets) names.emplace_back(name);
  return names;
}

}  // namespace pipecast
