// pipecast_result: what a computation returns, as a JSON document and named
// tables.  Each kind of result (report, lead plan; later forecasts and
// backtests) implements ResultSource; the handle makes tables and text from
// it on first request.
#pragma once

#include "table.hpp"

#include "pipecast/render/report_charts.hpp"

#include <nlohmann/json.hpp>

#include <map>
#include <memory>
#include <mutex>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

namespace pipecast::capi {

/// The library's table names (string views) kept as the NUL-terminated
/// strings ResultSource::table_names() hands to C callers.
class TableNames {
 public:
  template <class Names>
  explicit TableNames(const Names& names) {
    for (const auto& name : names) names_.emplace_back(name);
    for (const std::string& name : names_) pointers_.push_back(name.c_str());
  }
  TableNames(const TableNames&) = delete;  // the pointers point into names_
  TableNames& operator=(const TableNames&) = delete;

  std::span<const char* const> pointers() const { return pointers_; }

 private:
  std::vector<std::string> names_;
  std::vector<const char*> pointers_;
};

class ResultSource {
 public:
  virtual ~ResultSource() = default;
  virtual const char* kind() const = 0;
  /// Names of the tables this result has, in the order they are listed.
  virtual std::span<const char* const> table_names() const = 0;
  /// One of table_names().
  virtual ResultTable make_table(std::string_view name) const = 0;
  /// The whole JSON document.  Called at most once.  By default, that of a
  /// result made of tables alone: its tables by name (result_tables_json).
  virtual nlohmann::ordered_json make_json() const { return nlohmann::ordered_json::parse(tables_json(-1)); }
  /// The charts the HTML report draws of this result (none by default).
  /// Called at most once.
  virtual std::vector<render::Chart> make_charts() const { return {}; }
  /// The whole document as text, when the source can make it faster than
  /// make_json() followed by a dump (nullopt: it cannot).
  virtual std::optional<std::string> whole_text(int indent) const { return tables_json(indent); }

 protected:
  /// Every table of table_names(), as one document.
  std::string tables_json(int indent) const;
};

/// A result made of tables alone, kept as its value: `kind`, and its tables
/// as the library lists and makes them (e.g. lead_plan_table_names() and
/// lead_plan_table()).
template <class Value>
class TablesSource final : public ResultSource {
 public:
  using Names = std::vector<std::string_view> (*)();
  using Make = ResultTable (*)(const Value&, std::string_view);
  TablesSource(Value value, const char* kind, Names names, Make make)
      : value_(std::move(value)), kind_(kind), names_(names()), make_(make) {}

  const char* kind() const override { return kind_; }
  std::span<const char* const> table_names() const override { return names_.pointers(); }
  ResultTable make_table(std::string_view name) const override { return make_(value_, name); }

 private:
  Value value_;
  const char* kind_;
  TableNames names_;
  Make make_;
};

}  // namespace pipecast::capi

struct pipecast_result {
  static constexpr std::uint32_t kTag = 0x544C5352u;  // "RSLT"
  static constexpr const char* kTypeName = "pipecast_result";
  std::uint32_t tag = kTag;
  std::unique_ptr<const pipecast::capi::ResultSource> source;

  // Made on first request; guarded by `mutex` (the handle is shared by threads).
  mutable std::mutex mutex;
  mutable std::optional<nlohmann::ordered_json> document;
  mutable std::map<std::string, std::shared_ptr<const pipecast::capi::ResultTable>, std::less<>> tables;
  mutable std::optional<std::vector<pipecast::render::Chart>> charts;
  pipecast::capi::JsonCache json;
};

namespace pipecast::capi {

/// A new result handle owning `source`.
pipecast_result* new_result(std::unique_ptr<const ResultSource> source);

}  // namespace pipecast::capi
