// Building a book from columnar arrays: each batch goes through
// pipecast::BookBuilder (which holds every rule of a book) and is taken back
// as a whole when one of its rows is refused.
#include "handles.hpp"
#include "input.hpp"

#include <cmath>
#include <functional>
#include <string>
#include <vector>

using pipecast::capi::Error;
using pipecast::capi::guard;
using pipecast::capi::live;
using pipecast::capi::Rows;

namespace {

constexpr std::size_t kStageEnds[] = {0, PIPECAST_LAYOUT_END(pipecast_stage_columns, forecast_category)};
constexpr std::size_t kFxEnds[] = {0, PIPECAST_LAYOUT_END(pipecast_fx_rate_columns, rate)};
constexpr std::size_t kProductEnds[] = {0, PIPECAST_LAYOUT_END(pipecast_product_columns, list_price)};
constexpr std::size_t kOpportunityEnds[] = {
    0, PIPECAST_LAYOUT_END(pipecast_opportunity_columns, attribute_values)};
constexpr std::size_t kHistoryEnds[] = {0, PIPECAST_LAYOUT_END(pipecast_history_columns, attribute_values)};
constexpr std::size_t kLineItemEnds[] = {0, PIPECAST_LAYOUT_END(pipecast_line_item_columns, unit_price)};
constexpr std::size_t kQuotaEnds[] = {0, PIPECAST_LAYOUT_END(pipecast_quota_columns, amount)};
constexpr std::size_t kActivityEnds[] = {0, PIPECAST_LAYOUT_END(pipecast_activity_columns, outcome)};

static_assert(std::size(kStageEnds) == PIPECAST_STAGE_COLUMNS_VERSION + 1);
static_assert(std::size(kFxEnds) == PIPECAST_FX_RATE_COLUMNS_VERSION + 1);
static_assert(std::size(kProductEnds) == PIPECAST_PRODUCT_COLUMNS_VERSION + 1);
static_assert(std::size(kOpportunityEnds) == PIPECAST_OPPORTUNITY_COLUMNS_VERSION + 1);
static_assert(std::size(kHistoryEnds) == PIPECAST_HISTORY_COLUMNS_VERSION + 1);
static_assert(std::size(kLineItemEnds) == PIPECAST_LINE_ITEM_COLUMNS_VERSION + 1);
static_assert(std::size(kQuotaEnds) == PIPECAST_QUOTA_COLUMNS_VERSION + 1);
static_assert(std::size(kActivityEnds) == PIPECAST_ACTIVITY_COLUMNS_VERSION + 1);

// The builder of a batch call, checked to be usable.
pipecast_builder& open_builder(pipecast_builder* handle) {
  pipecast_builder& b = live(handle, "builder");
  if (b.finished)
    throw Error(PIPECAST_ERROR_INVALID_ARGUMENT, "builder is finished: its book was already made");
  if (b.broken)
    throw Error(PIPECAST_ERROR_INVALID_ARGUMENT,
                "builder is unusable: taking back a refused batch ran out of memory");
  return b;
}

template <class Columns, std::size_t N>
Columns read_columns(const Columns* columns, const std::size_t (&ends)[N], std::size_t count) {
  pipecast::capi::require(columns, "columns");
  pipecast::capi::check_count(count, "count");
  Columns defaults{};
  return pipecast::capi::read_versioned(*columns, defaults, ends, "columns");
}

// Runs `add_rows` as one batch: all of it stays, or none of it.
template <class AddRows>
int batch(pipecast_builder& b, AddRows&& add_rows) {
  const pipecast::BookBuilder::Mark mark = b.builder.mark();
  try {
    add_rows();
  } catch (...) {
    try {
      b.builder.rollback(mark);
    } catch (...) {
      b.broken = true;
    }
    throw;
  }
  return PIPECAST_OK;
}

void reject(const Rows& rows, std::size_t row, const pipecast::Checked& rejection) {
  if (rejection) rows.fail(row, rejection->field, rejection->message);
}

void update_layout(pipecast::BookBuilder& builder, bool pipecast::BookLayout::*flag) {
  pipecast::BookLayout layout = builder.book_so_far().layout();
  layout.*flag = true;
  builder.set_layout(layout);
}

// Attribute names of a batch: the first batch of the table fixes them (the
// book stores one column per name), later ones must repeat them.
std::vector<std::string> attribute_names(std::size_t count, const char* const* names,
                                         const char* const* const* values) {
  pipecast::capi::check_count(count, "columns->attribute_count");
  pipecast::capi::require_array(names, count, "columns->attribute_names");
  pipecast::capi::require_array(values, count, "columns->attribute_values");
  std::vector<std::string> out;
  for (std::size_t c = 0; c < count; ++c) {
    const std::string argument = "columns->attribute_names[" + std::to_string(c) + "]";
    const std::string_view name = pipecast::capi::text_argument(names[c], argument.c_str());
    if (name.empty()) throw Error(PIPECAST_ERROR_INVALID_ARGUMENT, argument + " is blank");
    for (const auto& earlier : out)
      if (earlier == name)
        throw Error(PIPECAST_ERROR_INVALID_ARGUMENT, "attribute '" + earlier + "' is named twice");
    out.emplace_back(name);
  }
  return out;
}

std::string joined(const std::vector<std::string>& names) {
  std::string out;
  for (const auto& n : names) out += (out.empty() ? "" : ", ") + n;
  return out.empty() ? "none" : out;
}

// Until the first row of its table is in, a batch sets the attribute
// columns (the book stores one column per name); afterwards batches must
// repeat them.
void fix_attributes(std::vector<std::string> names, const std::vector<std::string>& current,
                    bool rows_in, const char* table,
                    const std::function<void(std::vector<std::string>)>& set) {
  if (!rows_in) {
    set(std::move(names));
    return;
  }
  if (names != current)
    throw Error(PIPECAST_ERROR_INVALID_ARGUMENT,
                std::string("the ") + table + " attributes are " + joined(names) +
                    ", but the rows already added have " + joined(current));
}

}  // namespace

extern "C" {

int pipecast_stage_columns_init(pipecast_stage_columns* columns, uint32_t version) {
  return pipecast::capi::init_versioned(__func__, columns, version,
                                        pipecast_stage_columns PIPECAST_STAGE_COLUMNS_INIT,
                                        kStageEnds, "columns");
}
int pipecast_fx_rate_columns_init(pipecast_fx_rate_columns* columns, uint32_t version) {
  return pipecast::capi::init_versioned(__func__, columns, version,
                                        pipecast_fx_rate_columns PIPECAST_FX_RATE_COLUMNS_INIT,
                                        kFxEnds, "columns");
}
int pipecast_product_columns_init(pipecast_product_columns* columns, uint32_t version) {
  return pipecast::capi::init_versioned(__func__, columns, version,
                                        pipecast_product_columns PIPECAST_PRODUCT_COLUMNS_INIT,
                                        kProductEnds, "columns");
}
int pipecast_opportunity_columns_init(pipecast_opportunity_columns* columns, uint32_t version) {
  return pipecast::capi::init_versioned(__func__, columns, version,
                                        pipecast_opportunity_columns PIPECAST_OPPORTUNITY_COLUMNS_INIT,
                                        kOpportunityEnds, "columns");
}
int pipecast_history_columns_init(pipecast_history_columns* columns, uint32_t version) {
  return pipecast::capi::init_versioned(__func__, columns, version,
                                        pipecast_history_columns PIPECAST_HISTORY_COLUMNS_INIT,
                                        kHistoryEnds, "columns");
}
int pipecast_line_item_columns_init(pipecast_line_item_columns* columns, uint32_t version) {
  return pipecast::capi::init_versioned(__func__, columns, version,
                                        pipecast_line_item_columns PIPECAST_LINE_ITEM_COLUMNS_INIT,
                                        kLineItemEnds, "columns");
}
int pipecast_quota_columns_init(pipecast_quota_columns* columns, uint32_t version) {
  return pipecast::capi::init_versioned(__func__, columns, version,
                                        pipecast_quota_columns PIPECAST_QUOTA_COLUMNS_INIT,
                                        kQuotaEnds, "columns");
}

int pipecast_activity_columns_init(pipecast_activity_columns* columns, uint32_t version) {
  return pipecast::capi::init_versioned(__func__, columns, version,
                                        pipecast_activity_columns PIPECAST_ACTIVITY_COLUMNS_INIT,
                                        kActivityEnds, "columns");
}

int pipecast_builder_new(pipecast_builder** out) {
  if (out != nullptr) *out = nullptr;
  return guard(__func__, [&] {
    pipecast::capi::require(out, "out");
    *out = new pipecast_builder();
    return PIPECAST_OK;
  });
}

void pipecast_builder_free(pipecast_builder* builder) { pipecast::capi::destroy(builder); }

int pipecast_builder_add_stages(pipecast_builder* builder, const pipecast_stage_columns* columns,
                                size_t count) {
  return guard(__func__, [&] {
    pipecast_builder& b = open_builder(builder);
    const auto c = read_columns(columns, kStageEnds, count);
    if (b.builder.opportunities() > 0)
      throw Error(PIPECAST_ERROR_INVALID_ARGUMENT, "stages come before opportunities");
    const Rows rows("stages", count);
    rows.require(c.pipeline, "pipeline");
    rows.require(c.stage, "stage");
    rows.require(c.order, "order");
    rows.require(c.probability, "probability");
    rows.require(c.kind, "kind");
    return batch(b, [&] {
      if (c.forecast_category != nullptr && count > 0)
        update_layout(b.builder, &pipecast::BookLayout::forecast_category);
      for (std::size_t r = 0; r < count; ++r) {
        pipecast::StageRecord record;
        record.pipeline = rows.text(c.pipeline, r, "pipeline");
        record.stage = rows.text(c.stage, r, "stage");
        record.order = c.order[r];
        record.probability = c.probability[r];
        switch (c.kind[r]) {
          case PIPECAST_STAGE_OPEN: record.kind = pipecast::StageKind::open; break;
          case PIPECAST_STAGE_WON: record.kind = pipecast::StageKind::won; break;
          case PIPECAST_STAGE_LOST: record.kind = pipecast::StageKind::lost; break;
          default:
            rows.fail(r, "kind",
                      std::to_string(c.kind[r]) +
                          " is not a stage kind (PIPECAST_STAGE_OPEN 0, _WON 1, _LOST 2)");
        }
        record.forecast_category = rows.text(c.forecast_category, r, "forecast_category");
        reject(rows, r, b.builder.add_stage(record));
      }
    });
  });
}

int pipecast_builder_add_fx_rates(pipecast_builder* builder, const pipecast_fx_rate_columns* columns,
                                  size_t count) {
  return guard(__func__, [&] {
    pipecast_builder& b = open_builder(builder);
    const auto c = read_columns(columns, kFxEnds, count);
    if (b.builder.opportunities() > 0)
      throw Error(PIPECAST_ERROR_INVALID_ARGUMENT, "FX rates come before opportunities");
    const Rows rows("fx_rates", count);
    rows.require(c.currency, "currency");
    rows.require(c.rate, "rate");
    return batch(b, [&] {
      for (std::size_t r = 0; r < count; ++r)
        reject(rows, r, b.builder.add_fx_rate(rows.text(c.currency, r, "currency"), c.rate[r]));
    });
  });
}

int pipecast_builder_add_products(pipecast_builder* builder, const pipecast_product_columns* columns,
                                  size_t count) {
  return guard(__func__, [&] {
    pipecast_builder& b = open_builder(builder);
    const auto c = read_columns(columns, kProductEnds, count);
    const Rows rows("products", count);
    rows.require(c.product, "product");
    return batch(b, [&] {
      for (std::size_t r = 0; r < count; ++r)
        reject(rows, r,
               b.builder.add_product(rows.text(c.product, r, "product"), rows.text(c.family, r, "family"),
                                     Rows::number(c.list_price, r)));
    });
  });
}

int pipecast_builder_add_opportunities(pipecast_builder* builder,
                                       const pipecast_opportunity_columns* columns, size_t count) {
  return guard(__func__, [&] {
    pipecast_builder& b = open_builder(builder);
    const auto c = read_columns(columns, kOpportunityEnds, count);
    const Rows rows("opportunities", count);
    rows.require(c.id, "id");
    rows.require(c.created, "created");
    rows.require(c.stage, "stage");
    auto names = attribute_names(c.attribute_count, c.attribute_names, c.attribute_values);
    if (b.builder.book_so_far().stages().empty() && count > 0)
      throw Error(PIPECAST_ERROR_INVALID_ARGUMENT, "stages come before opportunities: the book has none");
    fix_attributes(std::move(names), b.builder.book_so_far().attributes().names,
                   b.builder.opportunities() > 0, "opportunities",
                   [&](std::vector<std::string> n) { b.builder.set_attribute_columns(std::move(n)); });
    if (b.builder.opportunities() == 0) b.builder.reserve(count, 0);
    return batch(b, [&] {
      std::vector<std::string_view> attributes(c.attribute_count);
      for (std::size_t r = 0; r < count; ++r) {
        pipecast::OpportunityRecord record;
        record.id = rows.text(c.id, r, "id");
        record.pipeline = rows.text(c.pipeline, r, "pipeline");
        record.account = rows.text(c.account, r, "account");
        record.owner = rows.text(c.owner, r, "owner");
        record.product = rows.text(c.product, r, "product");
        record.source = rows.text(c.source, r, "source");
        record.segment = rows.text(c.segment, r, "segment");
        record.amount = Rows::number(c.amount, r);
        record.currency = rows.text(c.currency, r, "currency");
        record.created = rows.day(c.created, r, "created");
        record.close_date = rows.day(c.close_date, r, "close_date");
        record.stage = rows.text(c.stage, r, "stage");
        for (std::size_t a = 0; a < c.attribute_count; ++a)
          attributes[a] = rows.text(c.attribute_values[a], r, c.attribute_names[a]);
        record.attributes = attributes;
        reject(rows, r, b.builder.add_opportunity(record));
      }
    });
  });
}

int pipecast_builder_add_history(pipecast_builder* builder, const pipecast_history_columns* columns,
                                 size_t count) {
  return guard(__func__, [&] {
    pipecast_builder& b = open_builder(builder);
    const auto c = read_columns(columns, kHistoryEnds, count);
    const Rows rows("stage_history", count);
    rows.require(c.opportunity_id, "opportunity_id");
    rows.require(c.stage, "stage");
    rows.require(c.entered, "entered");
    auto names = attribute_names(c.attribute_count, c.attribute_names, c.attribute_values);
    fix_attributes(std::move(names), b.builder.book_so_far().history_attributes().names,
                   b.builder.history_rows() > 0, "stage_history",
                   [&](std::vector<std::string> n) { b.builder.set_history_attribute_columns(std::move(n)); });
    if (b.builder.history_rows() == 0) b.builder.reserve(b.builder.opportunities(), count);
    return batch(b, [&] {
      if (count > 0 && c.amount != nullptr) update_layout(b.builder, &pipecast::BookLayout::history_amount);
      if (count > 0 && c.close_date != nullptr)
        update_layout(b.builder, &pipecast::BookLayout::history_close_date);
      std::vector<std::string_view> attributes(c.attribute_count);
      for (std::size_t r = 0; r < count; ++r) {
        pipecast::HistoryRecord record;
        record.opportunity_id = rows.text(c.opportunity_id, r, "opportunity_id");
        record.stage = rows.text(c.stage, r, "stage");
        record.entered = rows.day(c.entered, r, "entered");
        record.amount = Rows::number(c.amount, r);
        record.close_date = rows.day(c.close_date, r, "close_date");
        for (std::size_t a = 0; a < c.attribute_count; ++a)
          attributes[a] = rows.text(c.attribute_values[a], r, c.attribute_names[a]);
        record.attributes = attributes;
        reject(rows, r, b.builder.add_history(record));
      }
    });
  });
}

int pipecast_builder_add_line_items(pipecast_builder* builder, const pipecast_line_item_columns* columns,
                                    size_t count) {
  return guard(__func__, [&] {
    pipecast_builder& b = open_builder(builder);
    const auto c = read_columns(columns, kLineItemEnds, count);
    const Rows rows("line_items", count);
    rows.require(c.opportunity_id, "opportunity_id");
    rows.require(c.product, "product");
    rows.require(c.quantity, "quantity");
    rows.require(c.unit_price, "unit_price");
    return batch(b, [&] {
      for (std::size_t r = 0; r < count; ++r)
        reject(rows, r,
               b.builder.add_line_item(rows.text(c.opportunity_id, r, "opportunity_id"),
                                       rows.text(c.product, r, "product"), c.quantity[r], c.unit_price[r]));
    });
  });
}

int pipecast_builder_add_quotas(pipecast_builder* builder, const pipecast_quota_columns* columns,
                                size_t count) {
  return guard(__func__, [&] {
    pipecast_builder& b = open_builder(builder);
    const auto c = read_columns(columns, kQuotaEnds, count);
    const Rows rows("quotas", count);
    rows.require(c.owner, "owner");
    rows.require(c.period, "period");
    rows.require(c.amount, "amount");
    return batch(b, [&] {
      for (std::size_t r = 0; r < count; ++r)
        reject(rows, r,
               b.builder.add_quota(rows.text(c.owner, r, "owner"), rows.text(c.period, r, "period"),
                                   c.amount[r]));
    });
  });
}

int pipecast_builder_add_activities(pipecast_builder* builder, const pipecast_activity_columns* columns,
                                    size_t count) {
  return guard(__func__, [&] {
    pipecast_builder& b = open_builder(builder);
    const auto c = read_columns(columns, kActivityEnds, count);
    const Rows rows("activities", count);
    rows.require(c.type, "type");
    rows.require(c.date, "date");
    return batch(b, [&] {
      for (std::size_t r = 0; r < count; ++r) {
        pipecast::ActivityRecord record;
        record.opportunity_id = rows.text(c.opportunity_id, r, "opportunity_id");
        record.account = rows.text(c.account, r, "account");
        record.type = rows.text(c.type, r, "type");
        record.date = rows.day(c.date, r, "date");
        record.owner = rows.text(c.owner, r, "owner");
        record.duration_minutes = Rows::number(c.duration_minutes, r);
        record.direction = rows.text(c.direction, r, "direction");
        record.outcome = rows.text(c.outcome, r, "outcome");
        reject(rows, r, b.builder.add_activity(record));
      }
    });
  });
}

int pipecast_builder_finish(pipecast_builder* builder, pipecast_book** out) {
  if (out != nullptr) *out = nullptr;
  return guard(__func__, [&] {
    pipecast_builder& b = open_builder(builder);
    pipecast::capi::require(out, "out");
    if (b.builder.book_so_far().stages().empty())
      throw Error(PIPECAST_ERROR_INVALID_DATA, "the book has no stages: add them with pipecast_builder_add_stages");
    auto handle = std::make_unique<pipecast_book>();
    b.finished = true;  // finish() moves the book out, whatever happens next
    handle->book = std::make_shared<const pipecast::Book>(std::move(b.builder).finish());
    *out = handle.release();
    return PIPECAST_OK;
  });
}

}  // extern "C"
