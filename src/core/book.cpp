#include "pipecast/core/book.hpp"

#include "core/utf8.hpp"

#include <algorithm>
#include <cmath>
#include <stdexcept>

namespace pipecast {
namespace {

template <class T>
std::size_t bytes_of(const std::vector<T>& v) {
  return v.capacity() * sizeof(T);
}

bool same_numbers(std::span<const double> a, std::span<const double> b) {
  return std::equal(a.begin(), a.end(), b.begin(), b.end(), [](double x, double y) {
    return x == y || (is_blank(x) && is_blank(y));
  });
}

std::size_t text_columns_bytes(const TextColumns& t) {
  std::size_t bytes = 0;
  for (const auto& d : t.values) bytes += d.memory_bytes();
  for (const auto& c : t.codes) bytes += bytes_of(c);
  return bytes;
}

[[noreturn]] void damaged(const std::string& what) {
  throw std::runtime_error("inconsistent book: " + what);
}

bool in_calendar(Day day) { return day >= kFirstDay && day <= kLastDay; }
bool blank_or_in_calendar(Day day) { return day == kNoDay || in_calendar(day); }
// Blank, or a number the builder accepts (finite, 0..kMaxAmount).
bool amount(double value) { return std::isfinite(value) && value >= 0 && value <= kMaxAmount; }
bool blank_or_amount(double value) { return is_blank(value) || amount(value); }

void check_text_columns(const TextColumns& t, std::size_t rows, const char* table) {
  if (t.values.size() != t.names.size() || t.codes.size() != t.names.size())
    damaged(std::string(table) + " attribute columns do not match their names");
  for (std::size_t c = 0; c < t.names.size(); ++c) {
    if (t.codes[c].size() != rows) damaged(std::string(table) + " attribute column has the wrong length");
    for (Code code : t.codes[c])
      if (code >= t.values[c].size()) damaged(std::string(table) + " attribute code out of range");
  }
}

}  // namespace

std::string_view to_string(Dimension dimension) {
  switch (dimension) {
    case Dimension::account: return "account";
    case Dimension::owner: return "owner";
    case Dimension::product: return "product";
    case Dimension::source: return "source";
    case Dimension::segment: return "segment";
  }
  return "?";
}

std::string_view to_string(StageKind kind) {
  switch (kind) {
    case StageKind::open: return "open";
    case StageKind::won: return "won";
    case StageKind::lost: return "lost";
  }
  return "?";
}

std::optional<StageKind> parse_stage_kind(std::string_view text) {
  if (text == "open") return StageKind::open;
  if (text == "won") return StageKind::won;
  if (text == "lost") return StageKind::lost;
  return std::nullopt;
}

// --- Opportunity -----------------------------------------------------------

std::string_view Opportunity::id() const { return book_->ids()[index_]; }
const Pipeline& Opportunity::pipeline() const {
  return book_->pipelines()[book_->pipeline_column()[index_]];
}
const Stage& Opportunity::stage() const { return book_->stages()[book_->stage_column()[index_]]; }
std::string_view Opportunity::dimension(Dimension d) const {
  return book_->dictionary(d)[book_->codes(d)[index_]];
}
std::string_view Opportunity::currency() const {
  return book_->currencies()[book_->currency_column()[index_]];
}
std::string_view Opportunity::attribute(std::string_view name) const {
  const auto& attrs = book_->attributes();
  for (std::size_t c = 0; c < attrs.size(); ++c)
    if (attrs.names[c] == name) return attrs.value(c, index_);
  return {};
}
double Opportunity::amount() const { return book_->amount_column()[index_]; }
double Opportunity::amount_in_base() const { return book_->amount_in_base(index_); }
Day Opportunity::created() const { return book_->created_column()[index_]; }
Day Opportunity::close_date() const { return book_->close_date_column()[index_]; }
std::size_t Opportunity::history_size() const {
  return book_->history_end(index_) - book_->history_begin(index_);
}
std::span<const StageId> Opportunity::history_stages() const {
  return book_->history_stage_column().subspan(book_->history_begin(index_), history_size());
}
HistoryEntry Opportunity::history(std::size_t k) const {
  return book_->history(book_->history_begin(index_) + k);
}

// --- Book ------------------------------------------------------------------

std::optional<PipelineId> Book::find_pipeline(std::string_view name) const {
  for (PipelineId p = 0; p < pipelines_.size(); ++p)
    if (pipelines_[p].name == name) return p;
  return std::nullopt;
}

std::optional<StageId> Book::find_stage(PipelineId pipeline, std::string_view name) const {
  for (StageId s : pipelines_[pipeline].stages)
    if (stages_[s].name == name) return s;
  return std::nullopt;
}

Day Book::latest_day() const {
  Day latest = kNoDay;
  for (Day d : created_) latest = std::max(latest, d);
  for (Day d : history_entered_) latest = std::max(latest, d);
  for (DealIndex i = 0; i < size(); ++i)
    if (stages_[stage_[i]].is_closed() && close_date_[i] != kNoDay)
      latest = std::max(latest, close_date_[i]);
  return latest;
}

std::size_t Book::memory_bytes() const {
  std::size_t bytes = ids_.memory_bytes() + bytes_of(pipeline_) + bytes_of(stage_) +
                      bytes_of(amount_) + bytes_of(created_) + bytes_of(close_date_) +
                      bytes_of(currency_) + currencies_.memory_bytes() +
                      bytes_of(history_offsets_) + bytes_of(history_stage_) +
                      bytes_of(history_entered_) + bytes_of(history_amount_) +
                      bytes_of(history_close_date_) + text_columns_bytes(attributes_) +
                      text_columns_bytes(history_attributes_) + bytes_of(currency_rate_) +
                      bytes_of(line_items_) + bytes_of(products_) + bytes_of(quotas_) +
                      activities_.memory_bytes();
  for (const auto& c : dimension_codes_) bytes += bytes_of(c);
  for (const auto& d : dimension_values_) bytes += d.memory_bytes();
  return bytes;
}

void Book::check_consistency() const {
  const std::size_t n = ids_.size();
  if (!ids_.consistent()) damaged("opportunity ids");
  if (pipeline_.size() != n || stage_.size() != n || created_.size() != n ||
      close_date_.size() != n || currency_.size() != n || amount_.size() != n)
    damaged("opportunity columns differ in length");
  for (std::size_t d = 0; d < std::size(kDimensions); ++d) {
    if (dimension_codes_[d].size() != n) damaged("dimension column has the wrong length");
    for (Code c : dimension_codes_[d])
      if (c >= dimension_values_[d].size()) damaged("dimension code out of range");
  }
  for (std::size_t s = 0; s < stages_.size(); ++s) {
    if (stages_[s].pipeline >= pipelines_.size()) damaged("stage of an unknown pipeline");
    if (static_cast<unsigned>(stages_[s].kind) > 2) damaged("stage kind out of range");
  }
  for (PipelineId p = 0; p < pipelines_.size(); ++p)
    for (StageId s : pipelines_[p].stages)
      if (s >= stages_.size() || stages_[s].pipeline != p) damaged("pipeline lists a foreign stage");
  for (std::size_t i = 0; i < n; ++i) {
    if (pipeline_[i] >= pipelines_.size()) damaged("opportunity in an unknown pipeline");
    if (stage_[i] >= stages_.size() || stages_[stage_[i]].pipeline != pipeline_[i])
      damaged("opportunity in a stage outside its pipeline");
    if (currency_[i] >= currencies_.size()) damaged("currency code out of range");
  }
  if (currency_rate_.size() != currencies_.size()) damaged("currency rates");
  if (history_offsets_.size() != n + 1 || history_offsets_.front() != 0 ||
      history_offsets_.back() != history_stage_.size())
    damaged("history offsets");
  // All offsets first: a row loop over unchecked offsets could read past the end.
  for (std::size_t i = 0; i < n; ++i)
    if (history_offsets_[i + 1] < history_offsets_[i]) damaged("history offsets decrease");
  for (std::size_t i = 0; i < n; ++i) {
    for (auto r = history_offsets_[i]; r < history_offsets_[i + 1]; ++r)
      if (history_stage_[r] >= stages_.size() || stages_[history_stage_[r]].pipeline != pipeline_[i])
        damaged("history stage outside the deal's pipeline");
  }
  const std::size_t h = history_stage_.size();
  if (history_entered_.size() != h || history_amount_.size() != h || history_close_date_.size() != h)
    damaged("history columns differ in length");
  check_text_columns(attributes_, n, "opportunity");
  check_text_columns(history_attributes_, h, "history");
  activities_.check_consistency(n, dimension_values_[index(Dimension::account)].size());
  const auto& products = dimension_values_[index(Dimension::product)];
  for (const auto& p : products_)
    if (p.name >= products.size()) damaged("product code out of range");
  for (const auto& li : line_items_)
    if (li.deal >= n || li.product >= products.size()) damaged("line item out of range");

  // What BookBuilder enforces on values, which the analytics and the export
  // rely on (dates they can format, history in date order, amounts that are
  // not negative): a crafted snapshot must not bring in what the builder
  // would refuse.
  for (const auto& s : stages_)
    if (!(s.probability >= 0 && s.probability <= 1)) damaged("stage probability outside [0, 1]");
  for (std::size_t p = 0; p < pipelines_.size(); ++p) {
    const auto& list = pipelines_[p].stages;
    for (std::size_t k = 1; k < list.size(); ++k)
      if (stages_[list[k - 1]].order >= stages_[list[k]].order) damaged("pipeline stages out of order");
    for (std::size_t k = 0; k < list.size(); ++k)
      for (std::size_t j = 0; j < k; ++j)
        if (stages_[list[j]].name == stages_[list[k]].name) damaged("a stage defined twice in a pipeline");
    for (std::size_t q = 0; q < p; ++q)
      if (pipelines_[q].name == pipelines_[p].name) damaged("a pipeline defined twice");
  }
  // Names the builder requires.
  for (std::size_t i = 0; i < n; ++i)
    if (ids_[static_cast<std::uint32_t>(i)].empty()) damaged("a blank opportunity id");
  for (const auto& p : pipelines_)
    if (p.name.empty()) damaged("a blank pipeline name");
  for (const auto& st : stages_)
    if (st.name.empty()) damaged("a blank stage name");
  for (const auto& fx : fx_rates_)
    if (fx.currency.empty()) damaged("a blank currency with an FX rate");
  for (const auto& q : quotas_)
    if (q.owner.empty()) damaged("a quota without an owner");
  const auto& product_names = dimension_values_[index(Dimension::product)];
  for (const auto& p : products_)
    if (product_names[p.name].empty()) damaged("a blank product name");
  for (const auto& li : line_items_)
    if (product_names[li.product].empty()) damaged("a line item without a product");
  std::vector<int> times_listed(stages_.size(), 0);
  for (const auto& p : pipelines_)
    for (StageId st : p.stages) ++times_listed[st];
  if (std::any_of(times_listed.begin(), times_listed.end(), [](int t) { return t != 1; }))
    damaged("a stage not listed once in its pipeline");
  std::vector<bool> listed(dimension_values_[index(Dimension::product)].size(), false);
  for (const auto& p : products_) {
    if (listed[p.name]) damaged("a product listed twice");
    listed[p.name] = true;
  }
  check_currencies();
  for (std::size_t i = 0; i < n; ++i) {
    if (!in_calendar(created_[i])) damaged("created day outside the calendar");
    if (!blank_or_in_calendar(close_date_[i])) damaged("close date outside the calendar");
    if (!blank_or_amount(amount_[i])) damaged("amount negative, too large or not finite");
    for (auto r = history_offsets_[i]; r < history_offsets_[i + 1]; ++r) {
      if (!in_calendar(history_entered_[r])) damaged("history day outside the calendar");
      if (r > history_offsets_[i] && history_entered_[r] < history_entered_[r - 1])
        damaged("history not in date order");
    }
  }
  for (std::size_t r = 0; r < h; ++r) {
    if (!blank_or_in_calendar(history_close_date_[r])) damaged("history close date outside the calendar");
    if (!blank_or_amount(history_amount_[r])) damaged("history amount negative, too large or not finite");
  }
  for (const auto& p : products_)
    if (!blank_or_amount(p.list_price)) damaged("list price negative, too large or not finite");
  for (const auto& li : line_items_)
    if (!amount(li.quantity) || !amount(li.unit_price)) damaged("line item negative, too large or not finite");
  for (const auto& q : quotas_) {
    if (!amount(q.amount)) damaged("quota amount negative, too large or not finite");
    // The label is the period as the user wrote it: it must say these days.
    Period said;
    try {
      said = parse_period(q.period.label);
    } catch (const std::invalid_argument&) {
      damaged("quota period is not a period");
    }
    if (said.first != q.period.first || said.last != q.period.last) damaged("quota period label and days differ");
  }
  check_text();
}

// The rates and the base currency as the builder sets them: each FX rate
// is its currency's rate; other currencies (only the blank one, when there
// are FX rates) count 1; the base currency is the first with a rate of
// exactly 1, or without FX rates the single one used.
void Book::check_currencies() const {
  std::vector<bool> has_fx(currencies_.size(), false);
  std::string base;
  for (const auto& fx : fx_rates_) {
    const auto code = currencies_.find(fx.currency);
    if (!code || has_fx[*code] || !(std::isfinite(fx.rate) && fx.rate > 0) || currency_rate_[*code] != fx.rate)
      damaged("FX rates and currency rates differ");
    has_fx[*code] = true;
    if (fx.rate == 1.0 && base.empty()) base = fx.currency;
  }
  for (Code c = 0; c < currencies_.size(); ++c) {
    if (has_fx[c]) continue;
    if (currency_rate_[c] != 1.0 || (!fx_rates_.empty() && !currencies_[c].empty()))
      damaged("a currency without an FX rate");
    if (fx_rates_.empty() && !currencies_[c].empty()) {
      if (!base.empty()) damaged("several currencies without FX rates");
      base = currencies_[c];
    }
  }
  if (base != base_currency_) damaged("base currency");
}

// Every text of the book is UTF-8 without NUL, as imported CSV always is.
void Book::check_text() const {
  const auto text = [](std::string_view s) {
    if (!is_text(s)) damaged("text that is not UTF-8");
  };
  const auto dictionary = [&](const Dictionary& d) {
    for (const auto& v : d.values()) text(v);
  };
  for (std::size_t i = 0; i < ids_.size(); ++i) text(ids_[static_cast<std::uint32_t>(i)]);
  for (const auto& d : dimension_values_) dictionary(d);
  dictionary(currencies_);
  for (const TextColumns* t : {&attributes_, &history_attributes_}) {
    for (const auto& name : t->names) text(name);
    for (const auto& d : t->values) dictionary(d);
  }
  for (const auto& p : pipelines_) text(p.name);
  for (const auto& s : stages_) {
    text(s.name);
    text(s.forecast_category);
  }
  for (const auto& p : products_) text(p.family);
  for (const auto& q : quotas_) {
    text(q.owner);
    text(q.period.label);
  }
  for (const auto& fx : fx_rates_) text(fx.currency);
  text(base_currency_);
}

bool Book::operator==(const Book& o) const {
  for (std::size_t d = 0; d < std::size(kDimensions); ++d)
    if (dimension_codes_[d] != o.dimension_codes_[d] || !(dimension_values_[d] == o.dimension_values_[d]))
      return false;
  return pipelines_ == o.pipelines_ && stages_ == o.stages_ && products_ == o.products_ &&
         line_items_ == o.line_items_ && quotas_ == o.quotas_ && fx_rates_ == o.fx_rates_ &&
         layout_ == o.layout_ && ids_ == o.ids_ && pipeline_ == o.pipeline_ &&
         stage_ == o.stage_ && same_numbers(amount_, o.amount_) && created_ == o.created_ &&
         close_date_ == o.close_date_ && currency_ == o.currency_ &&
         currencies_ == o.currencies_ && attributes_ == o.attributes_ &&
         history_offsets_ == o.history_offsets_ && history_stage_ == o.history_stage_ &&
         history_entered_ == o.history_entered_ &&
         same_numbers(history_amount_, o.history_amount_) &&
         history_close_date_ == o.history_close_date_ &&
         history_attributes_ == o.history_attributes_ && activities_ == o.activities_ &&
         base_currency_ == o.base_currency_ &&
         currency_rate_ == o.currency_rate_;
}

}  // namespace pipecast
