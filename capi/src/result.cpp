#include "result.hpp"

#include "handles.hpp"
#include "input.hpp"

using pipecast::capi::Error;
using pipecast::capi::guard;
using pipecast::capi::live;
using pipecast::capi::require;

namespace pipecast::capi {

std::string ResultSource::tables_json(int indent) const {
  std::vector<ResultTable> tables;
  for (const char* name : table_names()) tables.push_back(make_table(name));
  return result_tables_json(tables, indent);
}

pipecast_result* new_result(std::unique_ptr<const ResultSource> source) {
  auto result = std::make_unique<pipecast_result>();
  result->source = std::move(source);
  return result.release();
}

}  // namespace pipecast::capi

namespace {

std::string listed(std::span<const char* const> names) {
  std::string out;
  for (const char* n : names) out += (out.empty() ? "" : ", ") + std::string(n);
  return out;
}

// The result's charts, made on first request (the pointers handed out stay
// valid while the result lives).
const std::vector<pipecast::render::Chart>& charts_of(const pipecast_result& r) {
  std::lock_guard lock(r.mutex);
  if (!r.charts) r.charts = r.source->make_charts();
  return *r.charts;
}

}  // namespace

extern "C" {

void pipecast_result_free(pipecast_result* result) { pipecast::capi::destroy(result); }

int pipecast_result_kind(const pipecast_result* result, const char** out) {
  return guard(__func__, [&] {
    const pipecast_result& r = live(result, "result");
    require(out, "out");
    *out = r.source->kind();
    return PIPECAST_OK;
  });
}

int pipecast_result_json(const pipecast_result* result, const char* section, int32_t indent, char* buf,
                         size_t buf_size, size_t* out_size) {
  return guard(__func__, [&] {
    const pipecast_result& r = live(result, "result");
    const std::string_view key = pipecast::capi::text_argument(section, "section", true);
    require(out_size, "out_size");
    if (buf_size > 0) require(buf, "buf");
    const int spaces = pipecast::capi::json_indent(indent);
    const auto document = [&]() -> const nlohmann::ordered_json& {
      std::lock_guard lock(r.mutex);
      if (!r.document) r.document = r.source->make_json();
      return *r.document;
    };
    if (!key.empty()) {
      const auto& doc = document();
      if (!doc.contains(key)) {
        std::string known;
        for (const auto& item : doc.items()) known += (known.empty() ? "" : ", ") + item.key();
        throw Error(PIPECAST_ERROR_NOT_FOUND, std::string("a ") + r.source->kind() + " result has no section '" +
                                                  std::string(key) + "' (sections: " + known + ")");
      }
    }
    return r.json.write(std::string(key) + "/" + std::to_string(spaces), buf, buf_size, out_size, [&] {
      if (key.empty()) {
        if (auto text = r.source->whole_text(spaces)) return *std::move(text);
        return pipecast::capi::dump(document(), spaces);
      }
      return pipecast::capi::dump(document()[std::string(key)], spaces);
    });
  });
}

int pipecast_result_table_count(const pipecast_result* result, size_t* out_count) {
  return guard(__func__, [&] {
    const pipecast_result& r = live(result, "result");
    require(out_count, "out_count");
    *out_count = r.source->table_names().size();
    return PIPECAST_OK;
  });
}

int pipecast_result_table_name(const pipecast_result* result, size_t index, const char** out) {
  return guard(__func__, [&] {
    const pipecast_result& r = live(result, "result");
    require(out, "out");
    const auto names = r.source->table_names();
    if (index >= names.size())
      throw Error(PIPECAST_ERROR_INVALID_ARGUMENT, "index " + std::to_string(index) + " is out of range: the " +
                                                       r.source->kind() + " has " + std::to_string(names.size()) +
                                                       " tables");
    *out = names[index];
    return PIPECAST_OK;
  });
}

int pipecast_result_table(const pipecast_result* result, const char* name, pipecast_table** out) {
  if (out != nullptr) *out = nullptr;
  return guard(__func__, [&] {
    const pipecast_result& r = live(result, "result");
    const std::string_view wanted = pipecast::capi::text_argument(name, "name");
    require(out, "out");
    const auto names = r.source->table_names();
    bool known = false;
    for (const char* n : names) known = known || wanted == n;
    if (!known)
      throw Error(PIPECAST_ERROR_NOT_FOUND, std::string("a ") + r.source->kind() + " result has no table '" +
                                                std::string(wanted) + "' (tables: " + listed(names) + ")");
    auto handle = std::make_unique<pipecast_table>();
    {
      std::lock_guard lock(r.mutex);
      auto it = r.tables.find(wanted);
      if (it == r.tables.end())
        it = r.tables
                 .emplace(std::string(wanted),
                          std::make_shared<const pipecast::capi::ResultTable>(r.source->make_table(wanted)))
                 .first;
      handle->data = it->second;
    }
    *out = handle.release();
    return PIPECAST_OK;
  });
}

int pipecast_result_chart_count(const pipecast_result* result, size_t* out_count) {
  return guard(__func__, [&] {
    const pipecast_result& r = live(result, "result");
    require(out_count, "out_count");
    *out_count = charts_of(r).size();
    return PIPECAST_OK;
  });
}

int pipecast_result_chart(const pipecast_result* result, size_t index, const char** out_name, const char** out_svg) {
  return guard(__func__, [&] {
    const pipecast_result& r = live(result, "result");
    require(out_name, "out_name");
    require(out_svg, "out_svg");
    const auto& charts = charts_of(r);
    if (index >= charts.size())
      throw Error(PIPECAST_ERROR_INVALID_ARGUMENT, "index " + std::to_string(index) + " is out of range: the " +
                                                       r.source->kind() + " has " + std::to_string(charts.size()) +
                                                       " charts");
    *out_name = charts[index].name.c_str();
    *out_svg = charts[index].svg.c_str();
    return PIPECAST_OK;
  });
}

}  // extern "C"
