#include "pipecast/io/split_order_csv.hpp"

#include "pipecast/io/csv_book.hpp"
#include "pipecast/io/diagnostics.hpp"

#include "io/atomic_file.hpp"

#include <charconv>
#include <fstream>
#include <sstream>
#include <stdexcept>

namespace pipecast {
namespace {

constexpr std::string_view kHeader = "table,row";
constexpr std::string_view kDeals = "opportunities";
constexpr std::string_view kLineItems = "line_items";

[[noreturn]] void fail(const std::string& file, std::size_t line, std::string message) {
  throw ImportError({Diagnostic{file, line, 0, std::move(message)}});
}

std::string count_of(std::size_t n, const char* one, const char* many) {
  return std::to_string(n) + " " + (n == 1 ? one : many);
}

}  // namespace

std::string split_order_csv(const SplitOrder& order) {
  std::string out(kHeader);
  out += '\n';
  for (const std::uint64_t row : order.deals) out.append(kDeals).append(",").append(std::to_string(row)) += '\n';
  for (const std::uint64_t row : order.line_items)
    out.append(kLineItems).append(",").append(std::to_string(row)) += '\n';
  return out;
}

SplitOrder parse_split_order_csv(std::string_view text, const Book& part, const std::string& file) {
  SplitOrder order;
  std::size_t line = 0;
  bool line_items_begun = false;
  for (std::size_t at = 0; at < text.size();) {
    std::size_t end = text.find('\n', at);
    if (end == std::string_view::npos) end = text.size();
    std::string_view content = text.substr(at, end - at);
    at = end + 1;
    ++line;
    if (content.ends_with('\r')) content.remove_suffix(1);
    if (line == 1) {
      if (content != kHeader)
        fail(file, line, "the header is " + std::string(content) + ", not " + std::string(kHeader));
      continue;
    }
    const std::size_t comma = content.find(',');
    const std::string_view table = content.substr(0, comma);
    const std::string_view row = comma == std::string_view::npos ? std::string_view{} : content.substr(comma + 1);
    std::uint64_t value = 0;
    const auto [next, error] = std::from_chars(row.data(), row.data() + row.size(), value);
    if (row.empty() || error != std::errc() || next != row.data() + row.size())
      fail(file, line, "expected TABLE,ROW with ROW a row number, got '" + std::string(content) + "'");
    if (table == kDeals && !line_items_begun) {
      if (order.deals.size() == part.size())
        fail(file, line, "lists more deals than the part's " + count_of(part.size(), "deal", "deals"));
      order.deals.push_back(value);
    } else if (table == kLineItems) {
      line_items_begun = true;
      if (order.line_items.size() == part.line_items().size())
        fail(file, line,
             "lists more line items than the part's " + count_of(part.line_items().size(), "line item", "line items"));
      order.line_items.push_back(value);
    } else if (table == kDeals) {
      fail(file, line, "a deal after the line items (the deals come first)");
    } else {
      fail(file, line, "unknown table '" + std::string(table) + "' (expected opportunities or line_items)");
    }
  }
  if (line == 0) fail(file, 0, "is empty (expected the header " + std::string(kHeader) + ")");
  if (order.deals.size() != part.size() || order.line_items.size() != part.line_items().size())
    fail(file, line,
         "lists " + count_of(order.deals.size(), "deal", "deals") + " and " +
             count_of(order.line_items.size(), "line item", "line items") + ", the part has " +
             count_of(part.size(), "deal", "deals") + " and " +
             count_of(part.line_items().size(), "line item", "line items"));
  return order;
}

void export_part_directory(const BookPart& part, const std::filesystem::path& directory) {
  export_csv_directory(part.book, directory);
  if (!part.order) return;
  write_atomically(directory / kSplitOrderFile, split_order_csv(*part.order));
}

std::optional<SplitOrder> read_split_order(const std::filesystem::path& directory, const Book& part) {
  std::error_code ec;
  if (!std::filesystem::is_directory(directory, ec)) return std::nullopt;
  const auto path = directory / kSplitOrderFile;
  if (!std::filesystem::exists(path, ec)) return std::nullopt;
  std::ifstream file(path, std::ios::binary);
  std::ostringstream text;
  text << file.rdbuf();
  if (!file) throw std::runtime_error("cannot read " + path.string());
  return parse_split_order_csv(text.str(), part, path.string());
}

}  // namespace pipecast
