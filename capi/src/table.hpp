// Result tables through the C ABI: the library's tables, read through
// pipecast_table, and their JSON.
#pragma once

#include "pipecast.h"

#include "pipecast/analytics/result_table.hpp"

#include <nlohmann/json.hpp>

#include <cstdint>
#include <memory>
#include <mutex>
#include <optional>
#include <string>

namespace pipecast::capi {

// The library defines each result's tables (pipecast/analytics/result_table.hpp);
// the C ABI reads them.  Its PIPECAST_TYPE_ and PIPECAST_UNIT_ values are the
// library's own.
using ResultTable = pipecast::ResultTable;
using TableBuilder = pipecast::TableBuilder;
using ResultColumn = pipecast::ResultColumn;
static_assert(static_cast<int>(ColumnType::integer) == PIPECAST_TYPE_INT64 &&
              static_cast<int>(ColumnType::number) == PIPECAST_TYPE_DOUBLE &&
              static_cast<int>(ColumnType::text) == PIPECAST_TYPE_TEXT &&
              static_cast<int>(ColumnType::day) == PIPECAST_TYPE_DAY &&
              static_cast<int>(ColumnType::flag) == PIPECAST_TYPE_BOOL);
static_assert(static_cast<int>(Unit::none) == PIPECAST_UNIT_NONE &&
              static_cast<int>(Unit::count) == PIPECAST_UNIT_COUNT &&
              static_cast<int>(Unit::currency) == PIPECAST_UNIT_CURRENCY &&
              static_cast<int>(Unit::days) == PIPECAST_UNIT_DAYS &&
              static_cast<int>(Unit::fraction) == PIPECAST_UNIT_FRACTION);


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
  std::shared_ptr<const pipecast::ResultTable> data;
  pipecast::capi::JsonCache json;
};
