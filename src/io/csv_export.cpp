#include "pipecast/io/csv_book.hpp"

#include "io/atomic_file.hpp"
#include "io/csv_writer.hpp"
#include "pipecast/io/csv_text.hpp"

#include <stdexcept>

namespace pipecast {
namespace {

using csv::append_day;
using csv::append_integer;
using csv::append_number;

// Fields of one row, separated by commas, ending the line.
class RowWriter {
 public:
  RowWriter(std::string& out, FormulaCells formulas) : out_(out), formulas_(formulas) {}
  RowWriter& text(std::string_view v) { return sep(), append_csv_text(out_, v, formulas_), *this; }
  RowWriter& number(double v) { return sep(), append_number(out_, v), *this; }
  RowWriter& integer(long long v) { return sep(), append_integer(out_, v), *this; }
  RowWriter& day(Day d) { return sep(), append_day(out_, d), *this; }
  void end() { out_.push_back('\n'); }

 private:
  void sep() {
    if (!first_) out_.push_back(',');
    first_ = false;
  }
  std::string& out_;
  FormulaCells formulas_;
  bool first_ = true;
};

void header(std::string& out, FormulaCells formulas, std::initializer_list<std::string_view> names,
            const std::vector<std::string>& extra = {}) {
  RowWriter row(out, formulas);
  for (auto n : names) row.text(n);
  for (const auto& n : extra) row.text(n);
  row.end();
}

std::string stages_csv(const Book& book, FormulaCells formulas) {
  std::string out;
  const bool category = book.layout().forecast_category;
  header(out, formulas, {"pipeline", "stage", "order", "probability", "kind"},
         category ? std::vector<std::string>{"forecast_category"} : std::vector<std::string>{});
  for (const auto& s : book.stages()) {
    RowWriter row(out, formulas);
    row.text(book.pipelines()[s.pipeline].name).text(s.name).integer(s.order).number(s.probability).text(to_string(s.kind));
    if (category) row.text(s.forecast_category);
    row.end();
  }
  return out;
}

std::string opportunities_csv(const Book& book, FormulaCells formulas) {
  std::string out;
  out.reserve(book.size() * 96);
  header(out, formulas, {"id", "pipeline", "account", "owner", "product", "source", "segment", "amount",
               "currency", "created", "close_date", "stage"},
         book.attributes().names);
  const auto& attributes = book.attributes();
  for (DealIndex i = 0; i < book.size(); ++i) {
    const Opportunity o = book.opportunity(i);
    RowWriter row(out, formulas);
    row.text(o.id()).text(o.pipeline().name).text(o.account()).text(o.owner()).text(o.product())
        .text(o.source()).text(o.segment()).number(o.amount()).text(o.currency()).day(o.created())
        .day(o.close_date()).text(o.stage().name);
    for (std::size_t c = 0; c < attributes.size(); ++c) row.text(attributes.value(c, i));
    row.end();
  }
  return out;
}

std::string history_csv(const Book& book, FormulaCells formulas) {
  std::string out;
  out.reserve(book.history_size() * 40);
  const auto& layout = book.layout();
  std::vector<std::string> extra;
  if (layout.history_amount) extra.push_back("amount");
  if (layout.history_close_date) extra.push_back("close_date");
  const auto& attributes = book.history_attributes();
  extra.insert(extra.end(), attributes.names.begin(), attributes.names.end());
  header(out, formulas, {"opportunity_id", "stage", "entered"}, extra);
  for (DealIndex i = 0; i < book.size(); ++i) {
    const std::string_view id = book.ids()[i];
    for (auto r = book.history_begin(i); r < book.history_end(i); ++r) {
      const HistoryEntry h = book.history(r);
      RowWriter row(out, formulas);
      row.text(id).text(book.stages()[h.stage].name).day(h.entered);
      if (layout.history_amount) row.number(h.amount);
      if (layout.history_close_date) row.day(h.close_date);
      for (std::size_t c = 0; c < attributes.size(); ++c) row.text(attributes.value(c, r));
      row.end();
    }
  }
  return out;
}

std::string products_csv(const Book& book, FormulaCells formulas) {
  std::string out;
  header(out, formulas, {"product", "family", "list_price"});
  const auto& names = book.dictionary(Dimension::product);
  for (const auto& p : book.products())
    RowWriter(out, formulas).text(names[p.name]).text(p.family).number(p.list_price).end();
  return out;
}

std::string line_items_csv(const Book& book, FormulaCells formulas) {
  std::string out;
  header(out, formulas, {"opportunity_id", "product", "quantity", "unit_price"});
  const auto& names = book.dictionary(Dimension::product);
  for (const auto& li : book.line_items())
    RowWriter(out, formulas)
        .text(book.ids()[li.deal])
        .text(names[li.product])
        .number(li.quantity)
        .number(li.unit_price)
        .end();
  return out;
}

std::string quotas_csv(const Book& book, FormulaCells formulas) {
  std::string out;
  header(out, formulas, {"owner", "period", "amount"});
  for (const auto& q : book.quotas()) RowWriter(out, formulas).text(q.owner).text(q.period.label).number(q.amount).end();
  return out;
}

std::string fx_rates_csv(const Book& book, FormulaCells formulas) {
  std::string out;
  header(out, formulas, {"currency", "rate"});
  for (const auto& fx : book.fx_rates()) RowWriter(out, formulas).text(fx.currency).number(fx.rate).end();
  return out;
}

// A deal's activities name the deal (their account is the deal's), then the
// accounts' name the account; each group by date, as the book keeps them.
std::string activities_csv(const Book& book, FormulaCells formulas) {
  std::string out;
  const Activities& a = book.activities();
  out.reserve(a.size() * 48);
  const auto& layout = book.layout();
  std::vector<std::string> extra;
  if (layout.activity_duration) extra.push_back("duration_minutes");
  if (layout.activity_direction) extra.push_back("direction");
  if (layout.activity_outcome) extra.push_back("outcome");
  header(out, formulas, {"opportunity_id", "account", "type", "date", "owner"}, extra);
  const auto write = [&](std::uint32_t r, std::string_view deal, std::string_view account) {
    const Activity v = a.row(r);
    RowWriter row(out, formulas);
    row.text(deal).text(account).text(a.types()[v.type]).day(v.date).text(a.owners()[v.owner]);
    if (layout.activity_duration) row.number(v.duration_minutes);
    if (layout.activity_direction) row.text(to_string(v.direction));
    if (layout.activity_outcome) row.text(a.outcomes()[v.outcome]);
    row.end();
  };
  for (DealIndex i = 0; i < book.size(); ++i)
    for (auto r = a.deal_begin(i); r < a.deal_end(i); ++r) write(r, book.ids()[i], "");
  const Dictionary& accounts = book.dictionary(Dimension::account);
  for (Code c = 0; c < accounts.size(); ++c)
    for (auto r = a.account_begin(c); r < a.account_end(c); ++r) write(r, "", accounts[c]);
  return out;
}

}  // namespace

CsvFiles export_csv_book(const Book& book, const ExportOptions& options) {
  CsvFiles files;
  files["stages.csv"] = stages_csv(book, options.formulas);
  files["opportunities.csv"] = opportunities_csv(book, options.formulas);
  files["stage_history.csv"] = history_csv(book, options.formulas);
  const auto& layout = book.layout();
  if (layout.products) files["products.csv"] = products_csv(book, options.formulas);
  if (layout.line_items) files["line_items.csv"] = line_items_csv(book, options.formulas);
  if (layout.quotas) files["quotas.csv"] = quotas_csv(book, options.formulas);
  if (layout.fx_rates) files["fx_rates.csv"] = fx_rates_csv(book, options.formulas);
  if (layout.activities) files["activities.csv"] = activities_csv(book, options.formulas);
  return files;
}

void export_csv_directory(const Book& book, const std::filesystem::path& directory, const ExportOptions& options) {
  std::error_code ec;
  std::filesystem::create_directories(directory, ec);
  if (ec) throw std::runtime_error("cannot create " + directory.string() + ": " + ec.message());
  for (const auto& [name, content] : export_csv_book(book, options)) write_atomically(directory / name, content);
}

}  // namespace pipecast
