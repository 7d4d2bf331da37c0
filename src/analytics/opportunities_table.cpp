#include "pipecast/analytics/opportunities_table.hpp"

#include <algorithm>
#include <string>
#include <vector>

namespace pipecast {
namespace {

// The fields of opportunities.csv that are not custom attributes, and those a
// day adds: custom attribute names are free text and may repeat them.
void declare_fields(TableBuilder& t) {
  t.text("id").text("pipeline");
  for (Dimension d : kDimensions) t.text(std::string(to_string(d)));
  t.number("amount").text("currency").day("created").day("close_date").text("stage");
  t.text("status").day("closed_on").number("amount_in_base", Unit::currency);
}

bool has_name(const std::vector<std::string>& names, const std::string& name) {
  return std::find(names.begin(), names.end(), name) != names.end();
}

// The names declare_fields gives, read from a table of its columns alone.
std::vector<std::string> field_names() {
  TableBuilder t("opportunities");
  declare_fields(t);
  std::vector<std::string> names;
  for (const ResultColumn& c : std::move(t).finish().columns) names.push_back(c.name);
  return names;
}

// The attributes' column names: a table's are unique, so an attribute named
// like a field, or like an earlier attribute, takes "_" until no column has
// its name; the others keep theirs.
std::vector<std::string> attribute_names(const std::vector<std::string>& attributes) {
  const std::vector<std::string> fields = field_names();
  std::vector<std::string> taken = fields;
  taken.insert(taken.end(), attributes.begin(), attributes.end());
  std::vector<std::string> out;
  for (std::string name : attributes) {
    if (has_name(fields, name) || has_name(out, name)) {
      while (has_name(taken, name)) name += '_';
      taken.push_back(name);
    }
    out.push_back(std::move(name));
  }
  return out;
}

void add_deal(TableBuilder& t, const AsOfView& view, std::size_t k) {
  const Book& book = view.book();
  const Opportunity deal = book.opportunity(view.deal(k));
  const Stage& stage = view.stage_info(k);
  t.add(deal.id()).add(deal.pipeline().name);
  for (Dimension d : kDimensions) t.add(deal.dimension(d));
  t.add(view.amount(k)).add(deal.currency()).add(deal.created()).add(view.close_date(k)).add(stage.name);
  t.add(to_string(stage.kind)).add(stage.is_closed() ? view.stage_entered(k) : kNoDay);
  t.add(view.amount_in_base(k));
  const TextColumns& attributes = book.attributes();
  for (std::size_t c = 0; c < attributes.size(); ++c) t.add(attributes.value(c, deal.index()));
}

}  // namespace

ResultTable opportunities_table(const AsOfView& view) {
  TableBuilder t("opportunities");
  declare_fields(t);
  for (const std::string& name : attribute_names(view.book().attributes().names)) t.text(name);
  for (std::size_t k = 0; k < view.size(); ++k) add_deal(t, view, k);
  return std::move(t).finish();
}

}  // namespace pipecast
