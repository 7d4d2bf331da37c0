/// @file
/// A column of unique identifiers: the text in one buffer, with a hash index.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace pipecast {

/// Unique strings (opportunity ids) stored back to back, found by value in
/// O(1).  Cheaper than a map of strings: a few bytes over the text per row.
class IdColumn {
 public:
  /// Appends `id` and returns its row, or returns nullopt (and changes
  /// nothing) when the id is already present.
  std::optional<std::uint32_t> insert(std::string_view id);
  /// The row of `id`, or nullopt when it is not in the column.
  std::optional<std::uint32_t> find(std::string_view id) const;
  /// The id stored at `row` (unchecked: row must be below size()).  The view
  /// is invalidated by the next insert().
  std::string_view operator[](std::uint32_t row) const {
    return {chars_.data() + offsets_[row], offsets_[row + 1] - offsets_[row]};
  }
  /// The number of ids.
  std::size_t size() const { return offsets_.size() - 1; }
  /// Makes room for `rows` ids of `chars` characters in all, so that
  /// inserting them does not reallocate.
  void reserve(std::size_t rows, std::size_t chars);
  /// Bytes held, for memory accounting.
  std::size_t memory_bytes() const;

  /// The same ids in the same rows.
  bool operator==(const IdColumn& other) const {
    return chars_ == other.chars_ && offsets_ == other.offsets_;
  }

  /// Forgets the ids of row `rows` and up (a batch of records taken back).
  void truncate(std::size_t rows);
  /// Rebuilds the hash index; throws if the ids are not unique.
  void rebuild_index();
  /// Checks the offsets against the text; false for a damaged column.
  bool consistent() const;

 private:
  // The snapshot layout (src/storage/book_serialization.cpp): Boost stays
  // out of this header.
  template <class Archive>
  friend void serialize(Archive& archive, IdColumn& ids, unsigned version);
  // A slot holds row + 1 in its low half (0: empty) and the id's hash in its
  // high half, so most probes that miss never touch the text.
  static constexpr std::uint64_t kEmpty = 0;
  std::size_t slot_of(std::string_view id, std::uint64_t hash) const;
  void rehash(std::size_t capacity);

  std::vector<char> chars_;
  std::vector<std::uint32_t> offsets_{0};
  std::vector<std::uint64_t> slots_;  // open addressing, linear probing, load under 1/2
};

}  // namespace pipecast
