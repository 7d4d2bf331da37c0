/// @file
/// Splitting a book into parts that together hold it, and merging them back.
///
/// A deal goes to the part its key (its id, owner, pipeline or account)
/// hashes to; its stage history, activities and line items go with it; the
/// reference tables (stages, products, quotas, FX rates) are copied into
/// every part, and an account's own activities into every part holding one
/// of its deals (one part when split by account), so that each part is whole
/// for its deals; merging keeps one copy.
/// Each part comes with its SplitOrder, where its deals and line items stood
/// in the whole book, kept beside the part's data and never in it (a column
/// would be a custom attribute to every command reading the part, and a
/// feature of the models fitted on it), so that merging the parts gives back
/// the book in its order, from memory or from parts written to disk and read
/// back: its export is byte for byte the export of the book split.
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

/// Where the deals and line items of a part stood in the book split.
struct SplitOrder {
  /// The row in the book of each deal of the part, in the part's order.
  std::vector<std::uint64_t> deals;
  /// The row in the book of each line item of the part, in the part's order.
  std::vector<std::uint64_t> line_items;
  /// Memberwise equality.
  bool operator==(const SplitOrder&) const = default;
};

/// A part of a book: the part itself, a valid book, and where its rows stood
/// in the book split (nullopt for a part that was not made by split_book(),
/// or whose order was lost: a snapshot of it, say).
struct BookPart {
  Book book;                        ///< the part's deals and the book's reference tables
  std::optional<SplitOrder> order;  ///< its rows' places in the book split
};

/// The part (0..parts-1) of a deal whose key is `key`: a splitmix64 hash of
/// the key's bytes, modulo `parts`.  The same on every platform and in every
/// run.  Throws std::invalid_argument when `parts` is 0.
std::size_t partition_of(std::string_view key, std::size_t parts);

/// Splits `book` into `parts` books by `key` (see the file's documentation).
/// A part may hold no deal; it is still a valid book, with the reference
/// tables and the layout of `book`.  Every part comes with its order.
/// Throws std::invalid_argument when `parts` is 0, or when the book lacks
/// the field of `key` (every deal's owner, or account, blank).
std::vector<BookPart> split_book(const Book& book, std::size_t parts,
                                 PartitionKey key = PartitionKey::deal);

/// Merges parts into one book: the deals of every part, and the reference
/// tables they share.  Parts that all have an order come back in the order
/// of the book split, whatever the order they are given in; parts of which
/// none has one are joined one after another, in the order given, each in
/// its own order.  `names` name the parts in errors
/// (their paths, say); empty, they are "part 1", "part 2", ...  Throws
/// std::invalid_argument naming the parts when they differ in their
/// stages, products, quotas, FX rates, layout or attribute columns, when
/// two parts holding deals of one account hold different activities of
/// that account, when a
/// deal id is in two parts (naming the deal too), when only some have an
/// order, when an order does not list as many deals and line items as its
/// part holds, or when two parts claim the same row of the book (parts of
/// different splits); nothing is merged then.  No part at all gives an
/// empty book.
Book merge_books(std::span<const BookPart> parts, std::span<const std::string> names = {});
/// Merges parts without orders: one after another, in the order given (as
/// the overload for BookPart does for parts without an order).
Book merge_books(std::span<const Book> parts, std::span<const std::string> names = {});

}  // namespace pipecast
