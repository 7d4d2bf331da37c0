#include "pipecast/core/book_builder.hpp"

#include "core/grouped_rows.hpp"
#include "core/huge_pages.hpp"
#include "core/quoted_text.hpp"

#include <algorithm>
#include <cmath>
#include <stdexcept>

namespace pipecast {
namespace {

Rejection reject(std::string field, std::string message) {
  return {std::move(field), std::move(message)};
}

// Names a few of the valid choices, so the user sees what was expected.
template <class Names>
std::string choices(const Names& names) {
  std::string out;
  std::size_t shown = 0;
  for (const auto& n : names) {
    if (shown == 8) return out + ", ...";
    out += (shown++ ? ", " : "") + std::string(n);
  }
  return out;
}

// Days outside the calendar cannot be formatted, and no parsed date is
// there: only the C++ API (and the C ABI) can hand one over.
Checked check_day(Day day, const char* field, bool blank_allowed) {
  if (day == kNoDay) return blank_allowed ? std::nullopt : Checked(reject(field, "is blank"));
  if (day < kFirstDay || day > kLastDay)
    return reject(field, "day " + std::to_string(day) + " is outside 1400-01-01..9999-12-31");
  return std::nullopt;
}

Checked check_amount(double value, const char* field, bool blank_allowed) {
  if (is_blank(value)) {
    if (blank_allowed) return std::nullopt;
    return reject(field, "is blank");
  }
  if (!std::isfinite(value)) return reject(field, "must be a finite number");
  if (value < 0) return reject(field, "must not be negative");
  if (value > kMaxAmount) return reject(field, "must be at most 1e18");
  return std::nullopt;
}

}  // namespace

OpportunityRecord opportunity_record(const Book& book, DealIndex deal, std::vector<std::string_view>& attributes) {
  const TextColumns& columns = book.attributes();
  attributes.resize(columns.size());
  for (std::size_t c = 0; c < columns.size(); ++c) attributes[c] = columns.value(c, deal);
  const Opportunity o = book.opportunity(deal);
  return {o.id(),     o.pipeline().name, o.account(), o.owner(),      o.product(),    o.source(), o.segment(),
          o.amount(), o.currency(),      o.created(), o.close_date(), o.stage().name, attributes};
}

ActivityRecord activity_record(const Book& book, std::uint32_t row, std::string_view opportunity_id,
                               std::string_view account) {
  const Activities& a = book.activities();
  const Activity v = a.row(row);
  return {opportunity_id, account, a.types()[v.type], v.date, a.owners()[v.owner], v.duration_minutes,
          to_string(v.direction), a.outcomes()[v.outcome]};
}

BookBuilder::BookBuilder() = default;

void BookBuilder::set_layout(const BookLayout& layout) { book_.layout_ = layout; }

void BookBuilder::set_attribute_columns(std::vector<std::string> names) {
  if (book_.size() != 0) throw std::logic_error("attribute columns are set before opportunities");
  book_.attributes_ = TextColumns{};
  book_.attributes_.values.resize(names.size());
  book_.attributes_.codes.resize(names.size());
  book_.attributes_.names = std::move(names);
}

void BookBuilder::set_history_attribute_columns(std::vector<std::string> names) {
  if (!history_deal_.empty()) throw std::logic_error("history attribute columns are set before history");
  book_.history_attributes_ = TextColumns{};
  book_.history_attributes_.values.resize(names.size());
  book_.history_attributes_.codes.resize(names.size());
  book_.history_attributes_.names = std::move(names);
}

void BookBuilder::reserve(std::size_t opportunities, std::size_t history_rows) {
  const auto reserve = [](auto& column, std::size_t rows) {
    column.reserve(rows);
    advise_huge_pages(column);
  };
  book_.ids_.reserve(opportunities, opportunities * 12);
  for (auto* c : {&book_.pipeline_, &book_.stage_, &book_.currency_}) reserve(*c, opportunities);
  reserve(book_.amount_, opportunities);
  reserve(book_.created_, opportunities);
  reserve(book_.close_date_, opportunities);
  for (auto& c : book_.dimension_codes_) reserve(c, opportunities);
  reserve(history_deal_, history_rows);
  reserve(book_.history_stage_, history_rows);
  reserve(book_.history_entered_, history_rows);
  reserve(book_.history_amount_, history_rows);
  reserve(book_.history_close_date_, history_rows);
}

Checked BookBuilder::add_stage(const StageRecord& r) {
  if (book_.size() != 0) throw std::logic_error("stages are added before opportunities");
  if (r.pipeline.empty()) return reject("pipeline", "is blank");
  if (r.stage.empty()) return reject("stage", "is blank");
  if (!std::isfinite(r.probability) || r.probability < 0 || r.probability > 1)
    return reject("probability", "must be between 0 and 1");
  auto pipeline = book_.find_pipeline(r.pipeline);
  if (pipeline) {
    if (book_.find_stage(*pipeline, r.stage))
      return reject("stage", "stage " + in_quotes(r.stage) + " is defined twice in pipeline " +
                                 in_quotes(r.pipeline));
    for (StageId s : book_.pipelines_[*pipeline].stages)
      if (book_.stages_[s].order == r.order)
        return reject("order", "order " + std::to_string(r.order) + " is already used by stage " +
                                   in_quotes(book_.stages_[s].name));
  } else {
    pipeline = static_cast<PipelineId>(book_.pipelines_.size());
    book_.pipelines_.push_back(Pipeline{std::string(r.pipeline), {}});
  }
  const auto id = static_cast<StageId>(book_.stages_.size());
  book_.stages_.push_back(Stage{*pipeline, std::string(r.stage), r.order, r.probability, r.kind,
                                std::string(r.forecast_category)});
  auto& list = book_.pipelines_[*pipeline].stages;
  list.push_back(id);
  std::stable_sort(list.begin(), list.end(), [&](StageId a, StageId b) {
    return book_.stages_[a].order < book_.stages_[b].order;
  });
  return std::nullopt;
}

Checked BookBuilder::add_fx_rate(std::string_view currency, double rate) {
  if (book_.size() != 0) throw std::logic_error("FX rates are added before opportunities");
  if (currency.empty()) return reject("currency", "is blank");
  if (!std::isfinite(rate) || rate <= 0) return reject("rate", "must be a positive number");
  for (const auto& fx : book_.fx_rates_)
    if (fx.currency == currency) return reject("currency", "currency " + in_quotes(currency) + " has two rates");
  book_.fx_rates_.push_back(FxRate{std::string(currency), rate});
  const Code code = book_.currencies_.intern(currency);
  book_.currency_rate_.resize(book_.currencies_.size(), 1.0);
  book_.currency_rate_[code] = rate;
  if (rate == 1.0 && book_.base_currency_.empty()) book_.base_currency_ = std::string(currency);
  fx_given_ = true;
  book_.layout_.fx_rates = true;
  return std::nullopt;
}

Checked BookBuilder::add_product(std::string_view name, std::string_view family, double list_price) {
  if (name.empty()) return reject("product", "is blank");
  if (auto bad = check_amount(list_price, "list_price", true)) return bad;
  auto& dict = book_.dimension_values_[Book::index(Dimension::product)];
  if (const auto code = dict.find(name))
    for (const auto& p : book_.products_)
      if (p.name == *code) return reject("product", "product " + in_quotes(name) + " is listed twice");
  book_.products_.push_back(Product{dict.intern(name), std::string(family), list_price});
  book_.layout_.products = true;
  return std::nullopt;
}

Checked BookBuilder::check_currency(std::string_view currency, Code& code) {
  if (const auto known = book_.currencies_.find(currency)) {
    code = *known;
    return std::nullopt;
  }
  if (!currency.empty()) {
    if (fx_given_)
      return reject("currency", "currency " + in_quotes(currency) + " has no rate in fx_rates.csv");
    if (!book_.base_currency_.empty())
      return reject("currency", "currency " + in_quotes(currency) + " differs from " +
                                    in_quotes(book_.base_currency_) +
                                    " and there is no fx_rates.csv to convert it");
    book_.base_currency_ = std::string(currency);
  }
  code = book_.currencies_.intern(currency);  // blank, or the single currency: rate 1
  book_.currency_rate_.resize(book_.currencies_.size(), 1.0);
  return std::nullopt;
}

Checked BookBuilder::add_opportunity(const OpportunityRecord& r) {
  if (r.id.empty()) return reject("id", "is blank");
  PipelineId pipeline = 0;
  if (r.pipeline.empty()) {
    if (book_.pipelines_.size() != 1)
      return reject("pipeline", "is blank and the book has " +
                                    std::to_string(book_.pipelines_.size()) + " pipelines");
  } else if (const auto p = book_.find_pipeline(r.pipeline)) {
    pipeline = *p;
  } else {
    std::vector<std::string_view> names;
    for (const auto& p2 : book_.pipelines_) names.push_back(p2.name);
    return reject("pipeline", "unknown pipeline " + in_quotes(r.pipeline) + " (stages.csv defines " +
                                  choices(names) + ")");
  }
  const auto stage = book_.find_stage(pipeline, r.stage);
  if (!stage) {
    if (r.stage.empty()) return reject("stage", "is blank");
    std::vector<std::string_view> names;
    for (StageId s : book_.pipelines_[pipeline].stages) names.push_back(book_.stages_[s].name);
    return reject("stage", "unknown stage " + in_quotes(r.stage) + " in pipeline " +
                               in_quotes(book_.pipelines_[pipeline].name) + " (known: " +
                               choices(names) + ")");
  }
  if (auto bad = check_amount(r.amount, "amount", true)) return bad;
  if (auto bad = check_day(r.created, "created", false)) return bad;
  if (auto bad = check_day(r.close_date, "close_date", true)) return bad;
  if (r.attributes.size() != book_.attributes_.size())
    return reject("id", "has " + std::to_string(r.attributes.size()) + " attributes, expected " +
                            std::to_string(book_.attributes_.size()));
  Code currency = 0;
  if (auto bad = check_currency(r.currency, currency)) return bad;
  if (!book_.ids_.insert(r.id)) return reject("id", "duplicate id " + in_quotes(r.id));

  book_.pipeline_.push_back(pipeline);
  book_.stage_.push_back(*stage);
  book_.amount_.push_back(r.amount);
  book_.currency_.push_back(currency);
  book_.created_.push_back(r.created);
  book_.close_date_.push_back(r.close_date);
  const std::string_view dims[] = {r.account, r.owner, r.product, r.source, r.segment};
  for (std::size_t d = 0; d < std::size(kDimensions); ++d)
    book_.dimension_codes_[d].push_back(book_.dimension_values_[d].intern(dims[d]));
  for (std::size_t c = 0; c < r.attributes.size(); ++c)
    book_.attributes_.codes[c].push_back(book_.attributes_.values[c].intern(r.attributes[c]));
  return std::nullopt;
}

std::optional<DealIndex> BookBuilder::find_deal(std::string_view id) {
  // Files exported in deal order name the same deal again, or one of the next
  // few (deals without rows are skipped): comparing those ids costs less than
  // a hash probe, which at a million deals is a cache miss.
  if (has_last_deal_) {
    const std::size_t last = std::min<std::size_t>(book_.size(), last_deal_ + 1 + kDealsLookedAhead);
    for (std::size_t d = last_deal_; d < last; ++d)
      if (book_.ids_[static_cast<DealIndex>(d)] == id) {
        last_deal_ = static_cast<DealIndex>(d);
        return last_deal_;
      }
  }
  const auto deal = book_.ids_.find(id);
  if (deal) {
    has_last_deal_ = true;
    last_deal_ = *deal;
  }
  return deal;
}

Checked BookBuilder::add_history(const HistoryRecord& r) {
  const auto deal = find_deal(r.opportunity_id);
  if (!deal) {
    if (r.opportunity_id.empty()) return reject("opportunity_id", "is blank");
    return reject("opportunity_id", "unknown opportunity " + in_quotes(r.opportunity_id));
  }
  const PipelineId pipeline = book_.pipeline_[*deal];
  const auto stage = book_.find_stage(pipeline, r.stage);
  if (!stage) {
    if (r.stage.empty()) return reject("stage", "is blank");
    return reject("stage", "unknown stage " + in_quotes(r.stage) + " in pipeline " +
                               in_quotes(book_.pipelines_[pipeline].name) + " of opportunity " +
                               in_quotes(r.opportunity_id));
  }
  if (auto bad = check_day(r.entered, "entered", false)) return bad;
  if (auto bad = check_day(r.close_date, "close_date", true)) return bad;
  if (auto bad = check_amount(r.amount, "amount", true)) return bad;
  if (r.attributes.size() != book_.history_attributes_.size())
    return reject("opportunity_id", "has the wrong number of attributes");
  if (history_deal_.size() >= UINT32_MAX - 1) throw std::length_error("too many history rows");
  history_deal_.push_back(*deal);
  book_.history_stage_.push_back(*stage);
  book_.history_entered_.push_back(r.entered);
  book_.history_amount_.push_back(r.amount);
  book_.history_close_date_.push_back(r.close_date);
  for (std::size_t c = 0; c < r.attributes.size(); ++c)
    book_.history_attributes_.codes[c].push_back(
        book_.history_attributes_.values[c].intern(r.attributes[c]));
  return std::nullopt;
}

// The account of an activity without a deal; nullopt (with `rejected` set
// when that is wrong) for a deal's.
std::optional<Code> BookBuilder::activity_account(const ActivityRecord& r, std::optional<DealIndex> deal,
                                                  Checked& rejected) const {
  const Dictionary& accounts = book_.dimension_values_[Book::index(Dimension::account)];
  if (deal) {
    const std::string_view own = accounts[book_.dimension_codes_[Book::index(Dimension::account)][*deal]];
    if (!r.account.empty() && r.account != own)
      rejected = reject("account", "account " + in_quotes(r.account) + " is not the account of opportunity " +
                                       in_quotes(r.opportunity_id) + " (" + in_quotes(own) + ")");
    return std::nullopt;
  }
  if (r.account.empty()) {
    rejected = reject("opportunity_id", "is blank, and so is account (an activity is a deal's or an account's)");
    return std::nullopt;
  }
  const auto code = accounts.find(r.account);
  if (!code) rejected = reject("account", "unknown account " + in_quotes(r.account) + " (no opportunity has it)");
  return code;
}

Checked BookBuilder::add_activity(const ActivityRecord& r) {
  std::optional<DealIndex> deal;
  if (!r.opportunity_id.empty()) {
    deal = find_deal(r.opportunity_id);
    if (!deal) return reject("opportunity_id", "unknown opportunity " + in_quotes(r.opportunity_id));
  }
  Checked rejected;
  const auto account = activity_account(r, deal, rejected);
  if (rejected) return rejected;
  if (r.type.empty()) return reject("type", "is blank");
  if (auto bad = check_day(r.date, "date", false)) return bad;
  if (auto bad = check_amount(r.duration_minutes, "duration_minutes", true)) return bad;
  const auto direction = parse_activity_direction(r.direction);
  if (!direction)
    return reject("direction", in_quotes(r.direction) + " is not a direction (expected in, out or blank)");
  if (activity_deal_.size() >= UINT32_MAX - 1) throw std::length_error("too many activities");
  activity_deal_.push_back(deal ? *deal : kAccountLevel);
  activity_account_.push_back(account ? *account : 0);
  book_.activities_.append(r.type, r.date, r.owner, r.duration_minutes, *direction, r.outcome);
  // As products and the other optional tables: export writes back what came
  // in, an optional column once a value was given.
  BookLayout& layout = book_.layout_;
  layout.activities = true;
  layout.activity_duration = layout.activity_duration || !is_blank(r.duration_minutes);
  layout.activity_direction = layout.activity_direction || !r.direction.empty();
  layout.activity_outcome = layout.activity_outcome || !r.outcome.empty();
  return std::nullopt;
}

Checked BookBuilder::add_line_item(std::string_view opportunity_id, std::string_view product,
                                   double quantity, double unit_price) {
  const auto deal = find_deal(opportunity_id);
  if (!deal) {
    if (opportunity_id.empty()) return reject("opportunity_id", "is blank");
    return reject("opportunity_id", "unknown opportunity " + in_quotes(opportunity_id));
  }
  if (product.empty()) return reject("product", "is blank");
  if (auto bad = check_amount(quantity, "quantity", false)) return bad;
  if (auto bad = check_amount(unit_price, "unit_price", false)) return bad;
  auto& dict = book_.dimension_values_[Book::index(Dimension::product)];
  book_.line_items_.push_back(LineItem{*deal, dict.intern(product), quantity, unit_price});
  book_.layout_.line_items = true;
  return std::nullopt;
}

Checked BookBuilder::add_quota(std::string_view owner, std::string_view period, double amount) {
  if (owner.empty()) return reject("owner", "is blank (use * for the whole team)");
  Period parsed;
  try {
    parsed = parse_period(period);
  } catch (const std::invalid_argument& e) {
    return reject("period", e.what());
  }
  parsed.label = std::string(period);
  if (auto bad = check_amount(amount, "amount", false)) return bad;
  book_.quotas_.push_back(Quota{std::string(owner), parsed, amount});
  book_.layout_.quotas = true;
  return std::nullopt;
}

BookBuilder::Mark BookBuilder::mark() const {
  Mark m;
  m.pipelines = book_.pipelines_.size();
  m.stages = book_.stages_.size();
  m.products = book_.products_.size();
  m.line_items = book_.line_items_.size();
  m.quotas = book_.quotas_.size();
  m.fx_rates = book_.fx_rates_.size();
  m.deals = book_.size();
  m.history_rows = history_deal_.size();
  m.activities = activity_deal_.size();
  m.activity_types = book_.activities_.types().size();
  m.activity_owners = book_.activities_.owners().size();
  m.activity_outcomes = book_.activities_.outcomes().size();
  for (std::size_t d = 0; d < std::size(kDimensions); ++d) m.dimension_values[d] = book_.dimension_values_[d].size();
  m.currencies = book_.currencies_.size();
  for (const auto& dict : book_.attributes_.values) m.attribute_values.push_back(dict.size());
  for (const auto& dict : book_.history_attributes_.values) m.history_attribute_values.push_back(dict.size());
  m.base_currency = book_.base_currency_;
  m.layout = book_.layout_;
  m.fx_given = fx_given_;
  return m;
}

void BookBuilder::rollback(const Mark& m) {
  book_.pipelines_.resize(m.pipelines);
  book_.stages_.resize(m.stages);
  for (auto& pipeline : book_.pipelines_)
    std::erase_if(pipeline.stages, [&](StageId s) { return s >= m.stages; });
  book_.products_.resize(m.products);
  book_.line_items_.resize(m.line_items);
  book_.quotas_.resize(m.quotas);
  book_.fx_rates_.resize(m.fx_rates);

  book_.ids_.truncate(m.deals);
  book_.pipeline_.resize(m.deals);
  book_.stage_.resize(m.deals);
  book_.amount_.resize(m.deals);
  book_.created_.resize(m.deals);
  book_.close_date_.resize(m.deals);
  book_.currency_.resize(m.deals);
  for (std::size_t d = 0; d < std::size(kDimensions); ++d) {
    book_.dimension_codes_[d].resize(m.deals);
    book_.dimension_values_[d].truncate(m.dimension_values[d]);
  }
  for (std::size_t c = 0; c < book_.attributes_.size(); ++c) {
    book_.attributes_.codes[c].resize(m.deals);
    if (c < m.attribute_values.size()) book_.attributes_.values[c].truncate(m.attribute_values[c]);
  }
  book_.currencies_.truncate(m.currencies);
  book_.currency_rate_.resize(m.currencies, 1.0);
  book_.base_currency_ = m.base_currency;

  history_deal_.resize(m.history_rows);
  book_.history_stage_.resize(m.history_rows);
  book_.history_entered_.resize(m.history_rows);
  book_.history_amount_.resize(m.history_rows);
  book_.history_close_date_.resize(m.history_rows);
  for (std::size_t c = 0; c < book_.history_attributes_.size(); ++c) {
    book_.history_attributes_.codes[c].resize(m.history_rows);
    if (c < m.history_attribute_values.size())
      book_.history_attributes_.values[c].truncate(m.history_attribute_values[c]);
  }
  activity_deal_.resize(m.activities);
  activity_account_.resize(m.activities);
  book_.activities_.truncate(m.activities, m.activity_types, m.activity_owners, m.activity_outcomes);
  book_.layout_ = m.layout;
  fx_given_ = m.fx_given;
  has_last_deal_ = false;  // the remembered deal may be one taken back
}

Book BookBuilder::finish() && {
  const std::size_t n = book_.size();
  book_.history_offsets_ = grouped_rows::offsets(history_deal_, n);
  if (grouped_rows::in_order(history_deal_, book_.history_entered_)) {
    // Sorting would have left each column exactly as long as it is; so does this.
    book_.history_stage_.shrink_to_fit();
    book_.history_entered_.shrink_to_fit();
    book_.history_amount_.shrink_to_fit();
    book_.history_close_date_.shrink_to_fit();
    for (auto& c : book_.history_attributes_.codes) c.shrink_to_fit();
  } else {
    sort_history();
  }
  history_deal_.clear();
  history_deal_.shrink_to_fit();
  index_activities();
  book_.currency_rate_.resize(book_.currencies_.size(), 1.0);
  return std::move(book_);
}

void BookBuilder::sort_history() {
  const auto rows = grouped_rows::order(history_deal_, book_.history_entered_, book_.history_offsets_);
  grouped_rows::permute(book_.history_stage_, rows);
  grouped_rows::permute(book_.history_entered_, rows);
  grouped_rows::permute(book_.history_amount_, rows);
  grouped_rows::permute(book_.history_close_date_, rows);
  for (auto& c : book_.history_attributes_.codes) grouped_rows::permute(c, rows);
}

// The deals' activities first, then the accounts': an account's group
// follows the last deal's.
void BookBuilder::index_activities() {
  const std::size_t n = book_.size();
  const std::size_t accounts = book_.dimension_values_[Book::index(Dimension::account)].size();
  if (n + accounts >= UINT32_MAX) throw std::length_error("too many deals and accounts for activities");
  std::vector<std::uint32_t> group(activity_deal_.size());
  for (std::size_t row = 0; row < group.size(); ++row)
    group[row] = activity_deal_[row] != kAccountLevel ? activity_deal_[row]
                                                     : static_cast<std::uint32_t>(n + activity_account_[row]);
  book_.activities_.index(group, n, accounts);
  activity_deal_ = {};
  activity_account_ = {};
}

}  // namespace pipecast
