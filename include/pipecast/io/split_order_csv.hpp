/// @file
/// The order of a part of a split book on disk: split_order.csv, beside the
/// part's own CSV files (docs/scale-out.md).
///
/// The file has a header `table,row` and one line per deal of the part
/// (`opportunities,17`: the part's deal was row 17 of the book split, rows
/// counted from 0 in the book's order), in the part's order, then one per
/// line item (`line_items,40`), in the part's order.  The book loader does
/// not read it: the part loads as any book directory, with its columns only.
#pragma once

#include "pipecast/core/book.hpp"
#include "pipecast/core/book_partition.hpp"

#include <filesystem>
#include <optional>
#include <string>
#include <string_view>

namespace pipecast {

/// The name of a part's order file in its directory.
inline constexpr std::string_view kSplitOrderFile = "split_order.csv";

/// The text of the order file of `order`.
std::string split_order_csv(const SplitOrder& order);

/// The order that `text` (the content of `file`, for errors) lists for
/// `part`.  Throws ImportError with `file:line: message` when a line is not
/// `opportunities,ROW` or `line_items,ROW`, or when the file lists more or
/// fewer deals or line items than the part holds.
SplitOrder parse_split_order_csv(std::string_view text, const Book& part, const std::string& file);

/// Writes the part's canonical CSV files into `directory` (created if
/// needed), as export_csv_directory() does, and its order file when it has
/// an order.
void export_part_directory(const BookPart& part, const std::filesystem::path& directory);

/// The order file of `part` in `directory`, parsed: nullopt when `directory`
/// is not a directory (a snapshot, say) or has no order file.  Throws as
/// parse_split_order_csv() does, naming the file by its path.
std::optional<SplitOrder> read_split_order(const std::filesystem::path& directory, const Book& part);

}  // namespace pipecast
