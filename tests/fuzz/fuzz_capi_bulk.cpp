// The C ABI's bulk-add calls (pipecast_builder_add_*), as a host calls them:
// the input is a script of batches, each for one table, with columns made
// of names the book knows (so that rows get accepted and later tables can
// refer to them), random text (not UTF-8, empty, NULL elements), days near
// 2024 or anywhere, and numbers that are NaN, infinite or negative; some
// columns are left NULL, some versions are 0 or too new.
//
// What must hold: every call returns 0 or a negative code with a message;
// a refused batch changes nothing, so replaying only the accepted batches on
// a fresh builder accepts each of them again and makes a book with the same
// counts and the same report; a finished book answers counts, a view and a
// report without crashing.  Only pipecast.h is used, as a host would.
#include "pipecast.h"

#include <fuzzer/FuzzedDataProvider.h>

#include <cmath>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <limits>
#include <string>
#include <vector>

namespace {

#define CAPI_CHECK(condition, what)                                                    \
  do {                                                                                 \
    if (!(condition)) {                                                                \
      std::fprintf(stderr, "CAPI_CHECK failed: %s (line %d): %s\n", #condition,      \
                   __LINE__, std::string(what).c_str());                               \
      std::abort();                                                                    \
    }                                                                                  \
  } while (0)

const char* const kWords[] = {
    "Sales", "Renewal", "Lead", "Proposal", "Won", "Lost", "d1", "d2", "d3", "d4", "USD",
    "EUR", "Widget", "Gadget", "Ann", "Bob", "*", "2024-Q3", "2024-07", "FY2025", "SMB",
    "Web", "region", "lost_reason", "", "Acme"};
constexpr std::size_t kWordCount = sizeof(kWords) / sizeof(kWords[0]);
constexpr std::int32_t kJan2024 = 19723;

enum class Kind { text, int32, day, number };

// One column of a batch, owning its values; pointers() gives the array the
// C struct points at (or NULL for an absent column).
struct Column {
  Kind kind = Kind::text;
  bool present = false;
  std::vector<std::string> text;
  std::vector<char> null_text;
  std::vector<std::int32_t> ints;
  std::vector<double> numbers;
  std::vector<const char*> text_pointers;

  void fix_pointers() {
    text_pointers.clear();
    for (std::size_t i = 0; i < text.size(); ++i)
      text_pointers.push_back(null_text[i] ? nullptr : text[i].c_str());
  }
  const char* const* texts() const { return present ? text_pointers.data() : nullptr; }
  const std::int32_t* int32s() const { return present ? ints.data() : nullptr; }
  const double* doubles() const { return present ? numbers.data() : nullptr; }
};

std::string any_text(FuzzedDataProvider& in) {
  const std::uint8_t pick = in.ConsumeIntegral<std::uint8_t>();
  if (pick < 220) return kWords[pick % kWordCount];
  return in.ConsumeRandomLengthString(24);  // any bytes: not UTF-8, embedded NUL
}

std::int32_t any_int(FuzzedDataProvider& in, Kind kind) {
  const std::uint8_t pick = in.ConsumeIntegral<std::uint8_t>();
  if (kind == Kind::day) {
    if (pick < 230) return kJan2024 - 400 + 4 * static_cast<std::int32_t>(pick);
    if (pick < 240) return PIPECAST_NO_DAY;
    return in.ConsumeIntegral<std::int32_t>();
  }
  if (pick < 240) return static_cast<std::int32_t>(pick % 6) - 1;  // orders, kinds
  return in.ConsumeIntegral<std::int32_t>();
}

double any_number(FuzzedDataProvider& in) {
  static const double kNumbers[] = {0.0, 0.5, 1.0, 0.25, 100.0, 1000.0, 1.1, 2.0, 12.5,
                                    -1.0, std::numeric_limits<double>::quiet_NaN(),
                                    std::numeric_limits<double>::infinity(), 1e308, 5e-324};
  const std::uint8_t pick = in.ConsumeIntegral<std::uint8_t>();
  if (pick < 240) return kNumbers[pick % (sizeof(kNumbers) / sizeof(kNumbers[0]))];
  return in.ConsumeFloatingPoint<double>();
}

Column make_column(FuzzedDataProvider& in, Kind kind, std::size_t count) {
  Column c;
  c.kind = kind;
  c.present = in.ConsumeIntegral<std::uint8_t>() >= 24;  // mostly given
  if (!c.present) return c;
  for (std::size_t i = 0; i < count; ++i) {
    switch (kind) {
      case Kind::text: {
        const bool null = in.ConsumeIntegral<std::uint8_t>() == 0;
        c.text.push_back(null ? std::string() : any_text(in));
        c.null_text.push_back(null ? 1 : 0);
        break;
      }
      case Kind::int32:
      case Kind::day: c.ints.push_back(any_int(in, kind)); break;
      case Kind::number: c.numbers.push_back(any_number(in)); break;
    }
  }
  c.fix_pointers();
  return c;
}

enum Table { stages, fx_rates, products, opportunities, history, line_items, quotas, kTableCount };

const std::vector<Kind>& layout(Table table) {
  using K = Kind;
  static const std::vector<Kind> kLayouts[kTableCount] = {
      {K::text, K::text, K::int32, K::number, K::int32, K::text},
      {K::text, K::number},
      {K::text, K::text, K::number},
      {K::text, K::text, K::text, K::text, K::text, K::text, K::text, K::number, K::text,
       K::day, K::day, K::text},
      {K::text, K::text, K::day, K::number, K::day},
      {K::text, K::text, K::number, K::number},
      {K::text, K::text, K::number},
  };
  return kLayouts[table];
}

// One call: a table, its columns, the struct version, the row count.
struct Batch {
  Table table = stages;
  std::uint32_t version = 1;
  std::size_t count = 0;
  std::vector<Column> columns;
  std::vector<std::string> attribute_names;
  std::vector<const char*> attribute_name_pointers;
  std::vector<Column> attributes;
  std::vector<const char* const*> attribute_value_pointers;
};

Batch make_batch(FuzzedDataProvider& in) {
  Batch b;
  b.table = static_cast<Table>(in.ConsumeIntegralInRange<int>(0, kTableCount - 1));
  const std::uint8_t version = in.ConsumeIntegral<std::uint8_t>();
  b.version = version < 8 ? 0 : version < 16 ? 2 : 1;
  b.count = in.ConsumeIntegralInRange<std::size_t>(0, 6);
  for (const Kind kind : layout(b.table)) b.columns.push_back(make_column(in, kind, b.count));
  if (b.table == opportunities || b.table == history) {
    const std::size_t n = in.ConsumeIntegralInRange<std::size_t>(0, 2);
    for (std::size_t a = 0; a < n; ++a) {
      b.attribute_names.push_back(any_text(in));
      b.attributes.push_back(make_column(in, Kind::text, b.count));
    }
    for (const std::string& name : b.attribute_names) b.attribute_name_pointers.push_back(name.c_str());
    for (const Column& c : b.attributes) b.attribute_value_pointers.push_back(c.texts());
  }
  return b;
}

int add(pipecast_builder* builder, const Batch& b) {
  const auto& c = b.columns;
  switch (b.table) {
    case stages: {
      pipecast_stage_columns s = PIPECAST_STAGE_COLUMNS_INIT;
      s.version = b.version;
      s.pipeline = c[0].texts();
      s.stage = c[1].texts();
      s.order = c[2].int32s();
      s.probability = c[3].doubles();
      s.kind = c[4].int32s();
      s.forecast_category = c[5].texts();
      return pipecast_builder_add_stages(builder, &s, b.count);
    }
    case fx_rates: {
      pipecast_fx_rate_columns s = PIPECAST_FX_RATE_COLUMNS_INIT;
      s.version = b.version;
      s.currency = c[0].texts();
      s.rate = c[1].doubles();
      return pipecast_builder_add_fx_rates(builder, &s, b.count);
    }
    case products: {
      pipecast_product_columns s = PIPECAST_PRODUCT_COLUMNS_INIT;
      s.version = b.version;
      s.product = c[0].texts();
      s.family = c[1].texts();
      s.list_price = c[2].doubles();
      return pipecast_builder_add_products(builder, &s, b.count);
    }
    case opportunities: {
      pipecast_opportunity_columns s = PIPECAST_OPPORTUNITY_COLUMNS_INIT;
      s.version = b.version;
      s.id = c[0].texts();
      s.pipeline = c[1].texts();
      s.account = c[2].texts();
      s.owner = c[3].texts();
      s.product = c[4].texts();
      s.source = c[5].texts();
      s.segment = c[6].texts();
      s.amount = c[7].doubles();
      s.currency = c[8].texts();
      s.created = c[9].int32s();
      s.close_date = c[10].int32s();
      s.stage = c[11].texts();
      s.attribute_count = b.attribute_names.size();
      s.attribute_names = b.attribute_name_pointers.data();
      s.attribute_values = b.attribute_value_pointers.data();
      return pipecast_builder_add_opportunities(builder, &s, b.count);
    }
    case history: {
      pipecast_history_columns s = PIPECAST_HISTORY_COLUMNS_INIT;
      s.version = b.version;
      s.opportunity_id = c[0].texts();
      s.stage = c[1].texts();
      s.entered = c[2].int32s();
      s.amount = c[3].doubles();
      s.close_date = c[4].int32s();
      s.attribute_count = b.attribute_names.size();
      s.attribute_names = b.attribute_name_pointers.data();
      s.attribute_values = b.attribute_value_pointers.data();
      return pipecast_builder_add_history(builder, &s, b.count);
    }
    case line_items: {
      pipecast_line_item_columns s = PIPECAST_LINE_ITEM_COLUMNS_INIT;
      s.version = b.version;
      s.opportunity_id = c[0].texts();
      s.product = c[1].texts();
      s.quantity = c[2].doubles();
      s.unit_price = c[3].doubles();
      return pipecast_builder_add_line_items(builder, &s, b.count);
    }
    case quotas: {
      pipecast_quota_columns s = PIPECAST_QUOTA_COLUMNS_INIT;
      s.version = b.version;
      s.owner = c[0].texts();
      s.period = c[1].texts();
      s.amount = c[2].doubles();
      return pipecast_builder_add_quotas(builder, &s, b.count);
    }
    case kTableCount: break;
  }
  return 0;
}

void expect_status(int status, const char* call) {
  CAPI_CHECK(status <= 0, std::string(call) + " returned a positive status");
  if (status < 0) {
    const char* message = pipecast_last_error();
    CAPI_CHECK(message != nullptr && message[0] != '\0', std::string(call) + " failed without a message");
  }
}

// What a host reads from a finished book: its counts and its report as of
// its latest day (an empty book has none and is refused with a message).
std::string describe(const pipecast_book* book) {
  pipecast_counts counts = PIPECAST_COUNTS_INIT;
  const int status = pipecast_book_count(book, PIPECAST_NO_DAY, &counts);
  expect_status(status, "pipecast_book_count");
  CAPI_CHECK(status == 0, "counting a finished book failed");
  std::string text = std::to_string(counts.opportunities) + " " + std::to_string(counts.open) + " " +
                     std::to_string(counts.won) + " " + std::to_string(counts.lost) + " " +
                     std::to_string(counts.history_rows) + " " + std::to_string(counts.stages);
  pipecast_result* report = nullptr;
  const int reported = pipecast_report(book, nullptr, nullptr, &report);
  expect_status(reported, "pipecast_report");
  if (reported == 0) {
    std::size_t size = 0;
    expect_status(pipecast_result_json(report, nullptr, 0, nullptr, 0, &size), "pipecast_result_json");
    std::string json(size, '\0');
    expect_status(pipecast_result_json(report, nullptr, 0, json.data(), json.size(), &size),
                  "pipecast_result_json");
    text += json;
    pipecast_result_free(report);
  }
  if (counts.as_of_day != PIPECAST_NO_DAY) {
    pipecast_book* view = nullptr;
    expect_status(pipecast_book_as_of(book, counts.as_of_day - 30, &view), "pipecast_book_as_of");
    pipecast_book_free(view);
  }
  return text;
}

// Builds a book from the batches; accepted[i] says whether batch i was
// taken.  Returns "" when the builder refused to finish.
std::string build(const std::vector<Batch>& batches, std::vector<char>& accepted) {
  pipecast_builder* builder = nullptr;
  CAPI_CHECK(pipecast_builder_new(&builder) == 0, "pipecast_builder_new");
  accepted.clear();
  for (const Batch& batch : batches) {
    const int status = add(builder, batch);
    expect_status(status, "pipecast_builder_add_*");
    accepted.push_back(status == 0 ? 1 : 0);
  }
  pipecast_book* book = nullptr;
  const int finished = pipecast_builder_finish(builder, &book);
  expect_status(finished, "pipecast_builder_finish");
  const pipecast_quota_columns none = PIPECAST_QUOTA_COLUMNS_INIT;
  if (finished == 0)
    CAPI_CHECK(pipecast_builder_add_quotas(builder, &none, 0) < 0, "a finished builder took another batch");
  pipecast_builder_free(builder);
  if (finished != 0) return "";
  std::string text = describe(book);
  pipecast_book_free(book);
  return text;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  FuzzedDataProvider in(data, size);
  std::vector<Batch> batches;
  while (in.remaining_bytes() > 0 && batches.size() < 24) batches.push_back(make_batch(in));

  std::vector<char> accepted;
  const std::string book = build(batches, accepted);

  // A refused batch changed nothing: the accepted ones alone, on a fresh
  // builder, are each accepted again and make the same book.
  std::vector<Batch> kept;
  for (std::size_t i = 0; i < batches.size(); ++i)
    if (accepted[i]) kept.push_back(batches[i]);
  std::vector<char> accepted_again;
  const std::string again = build(kept, accepted_again);
  for (std::size_t i = 0; i < kept.size(); ++i)
    CAPI_CHECK(accepted_again[i], "batch " + std::to_string(i) + " of the accepted ones was refused on replay");
  CAPI_CHECK(again == book, "a refused batch changed the book");
  return 0;
}
