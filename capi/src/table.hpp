// Result tables: named, typed columns of equal length, built row by row by
// the code that flattens a C++ result, and read through pipecast_table.
#pragma once

#include "pipecast.h"

#include "pipecast/analytics/statistics.hpp"
#include "pipecast/core/calendar.hpp"

#include <nlohmann/json.hpp>

#include <cstdint>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <string_view>
#include <type_traits>
#include <vector>

namespace pipecast::capi {

struct Column {
  std::string name;
  std::int32_t type = PIPECAST_TYPE_INT64;
  std::vector<std::int64_t> ints;  // INT64 and BOOL
  std::vector<double> doubles;
  std::vector<std::int32_t> days;
  std::vector<std::string> texts;
};

struct TableData {
  std::string name;
  std::size_t rows = 0;
  std::vector<Column> columns;

  nlohmann::ordered_json to_json() const;
};

/// Declares the columns of a table, then takes its cells row by row in the
/// order the columns were declared; each value goes into the column's type.
class TableBuilder {
 public:
  explicit TableBuilder(std::string name) { table_.name = std::move(name); }

  TableBuilder& text(std::string name) { return declare(std::move(name), PIPECAST_TYPE_TEXT); }
  TableBuilder& integer(std::string name) { return declare(std::move(name), PIPECAST_TYPE_INT64); }
  TableBuilder& number(std::string name) { return declare(std::move(name), PIPECAST_TYPE_DOUBLE); }
  TableBuilder& day(std::string name) { return declare(std::move(name), PIPECAST_TYPE_DAY); }
  TableBuilder& flag(std::string name) { return declare(std::move(name), PIPECAST_TYPE_BOOL); }
  /// r, r_low, r_high (NaN without trials, as JSON's null), r_successes, r_trials.
  TableBuilder& rate(const std::string& name);
  /// d_count, d_mean, d_median, d_p75, d_p90.
  TableBuilder& distribution(const std::string& name);
  /// A period: name, name_first, name_last.
  TableBuilder& period(const std::string& name);

  TableBuilder& add(std::string_view value);
  TableBuilder& add(const std::string& value) { return add(std::string_view(value)); }
  TableBuilder& add(const char* value) { return add(std::string_view(value)); }
  TableBuilder& add(double value);
  template <class Integer, std::enable_if_t<std::is_integral_v<Integer>, int> = 0>
  TableBuilder& add(Integer value) {
    return add_integer(static_cast<std::int64_t>(value));
  }
  TableBuilder& add(const Rate& rate);
  TableBuilder& add(const Distribution& distribution);
  TableBuilder& add(const Period& period);

  /// The table; throws std::logic_error when a row was left unfinished.
  TableData finish() &&;

 private:
  TableBuilder& declare(std::string name, std::int32_t type);
  TableBuilder& add_integer(std::int64_t value);
  Column& next(std::int32_t type_family);
  void advance();

  TableData table_;
  std::size_t cursor_ = 0;
};

/// JSON text made on demand and kept, so that asking for the size and then
/// for the text costs one serialisation.  Thread safe.
class JsonCache {
 public:
  /// Writes per the header's buffer convention; `make` produces the text.
  template <class Make>
  int write(const std::string& key, char* buf, std::size_t buf_size, std::size_t* out_size, Make&& make) const {
    std::lock_guard lock(mutex_);
    if (!text_ || key_ != key) {
      text_ = make();
      key_ = key;
    }
    return deliver(*text_, buf, buf_size, out_size);
  }

  /// Copies `text` into the caller's buffer (the header's convention).
  static int deliver(const std::string& text, char* buf, std::size_t buf_size, std::size_t* out_size);

 private:
  mutable std::mutex mutex_;
  mutable std::string key_;
  mutable std::optional<std::string> text_;
};

/// Checks an indent argument (-1 .. PIPECAST_JSON_MAX_INDENT).
int json_indent(std::int32_t indent);

/// nlohmann's dump with the settings every result uses (invalid UTF-8 replaced).
std::string dump(const nlohmann::ordered_json& json, int indent);

}  // namespace pipecast::capi

struct pipecast_table {
  static constexpr std::uint32_t kTag = 0x4C424154u;  // "TABL"
  static constexpr const char* kTypeName = "pipecast_table";
  std::uint32_t tag = kTag;
  std::shared_ptr<const pipecast::capi::TableData> data;
  pipecast::capi::JsonCache json;
};
