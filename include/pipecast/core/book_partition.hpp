/// @file
/// Splitting a book into parts that together hold it, and merging them back.
///
/// A deal goes to the part its key (its id, owner, pipeline or account)
/// hashes to; its stage history and line items go with it; the reference
/// tables (stages, products, quotas, FX rates) are copied into every part.
/// Each part remembers where its deals and line items stood in the whole book
/// (the attribute column kSplitOrderColumn), so that merging the parts gives
/// back the book in its order, from memory or from parts written to disk and
/// read back: its export is byte for byte the export of the book split.
#pragma once

#include "pipecast/core/book.hpp"

#include <cstddef>
#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

namespace pipecast {

/// What decides the part of a deal.
enum class PartitionKey : std::uint8_t {
  deal,      ///< its id: the most even parts
  owner,     ///< its owner: each rep's deals together
  pipeline,  ///< its pipeline's name
  account    ///< its account: each customer's deals together
};
/// The key's name: "deal", "owner", "pipeline" or "account".
std::string_view to_string(PartitionKey key);
/// The key named `name` (as to_string() writes it), or nullopt.
std::optional<PartitionKey> parse_partition_key(std::string_view name);

/// The opportunity attribute column in which each part records, per deal,
/// its row in the book split and the rows of its line items ("17" or
/// "17 40 41"): merge_books() restores the book's order from it and drops it.
inline constexpr std::string_view kSplitOrderColumn = "pipecast_split_order";

/// The part (0..parts-1) of a deal whose key is `key`: a splitmix64 hash of
/// the key's bytes, modulo `parts`.  The same on every platform and in every
/// run.  Throws std::invalid_argument when `parts` is 0.
std::size_t partition_of(std::string_view key, std::size_t parts);

/// Splits `book` into `parts` books by `key` (see the file's documentation).
/// A part may hold no deal; it is still a valid book, with the reference
/// tables and the layout of `book`.  Throws std::invalid_argument when
/// `parts` is 0, when the book lacks the field of `key` (every deal's owner,
/// or account, blank), or when the book already has a kSplitOrderColumn
/// column (it is a part itself: merge its parts first).
std::vector<Book> split_book(const Book& book, std::size_t parts,
                             PartitionKey key = PartitionKey::deal);

/// Merges parts into one book: the deals of every part, and the reference
/// tables they share.  Parts that split_book() made (all of them carrying
/// kSplitOrderColumn) come back in the order of the book split; other parts
/// are concatenated in the order given.  `names` name the parts in errors
/// (their paths, say); empty, they are "part 1", "part 2", ...  Throws
/// std::invalid_argument naming the parts when they differ in their
/// stages, products, quotas, FX rates, layout or attribute columns (so when
/// only some carry kSplitOrderColumn), when a deal id is in two parts
/// (naming the deal too), or when their order columns disagree (parts of
/// different splits); nothing is merged then.  No part at all gives an
/// empty book.
Book merge_books(std::span<const Book> parts, std::span<const std::string> names = {});

}  // namespace pipecast
