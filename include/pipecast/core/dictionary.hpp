/// @file
/// Dictionary encoding of categorical text (owners, products, accounts, ...).
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace pipecast {

/// A dictionary code: the index of a value in its Dictionary.
using Code = std::uint32_t;

/// Interns strings: each distinct value gets the next code, in order of first
/// appearance.  Codes are stable for the life of the dictionary.  The index is
/// an open-addressing table of codes (4 bytes a slot), measurably faster on
/// import than std::unordered_map's node per value.
class Dictionary {
 public:
  /// The code of `value`, adding it (with the next code) when it is new.
  Code intern(std::string_view value);
  /// The code of `value`, or nullopt when the dictionary does not hold it.
  std::optional<Code> find(std::string_view value) const;

  /// The value of `code` (unchecked: code must be below size()).
  const std::string& operator[](Code code) const { return values_[code]; }
  /// The number of distinct values, which is also the next code.
  std::size_t size() const { return values_.size(); }
  /// Every value, indexed by code.
  const std::vector<std::string>& values() const { return values_; }

  /// Bytes held, for memory accounting.
  std::size_t memory_bytes() const;

  /// The same values with the same codes.
  bool operator==(const Dictionary& other) const { return values_ == other.values_; }

  /// Forgets the values of code `size` and up (codes below stay as they are),
  /// so that a batch of records refused as a whole leaves no value behind.
  void truncate(std::size_t size);

  /// Rebuilds the lookup index from values(); used after deserialisation.
  void rebuild_index();

 private:
  // The snapshot layout (src/storage/book_serialization.cpp): Boost stays
  // out of this header.
  template <class Archive>
  friend void serialize(Archive& archive, Dictionary& dictionary, unsigned version);
  static constexpr Code kEmpty = UINT32_MAX;
  std::size_t slot_of(std::string_view value) const;
  void grow();

  std::vector<std::string> values_;
  std::vector<Code> slots_;  // linear probing, load under 1/2
};

}  // namespace pipecast
