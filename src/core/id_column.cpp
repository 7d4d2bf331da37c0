#include "pipecast/core/id_column.hpp"

#include "core/quoted_text.hpp"

#include <functional>
#include <stdexcept>

namespace pipecast {
namespace {

std::uint64_t hash_of(std::string_view id) { return std::hash<std::string_view>{}(id); }
std::uint32_t tag_of(std::uint64_t hash) { return static_cast<std::uint32_t>(hash >> 32); }
std::uint32_t row_of(std::uint64_t slot) { return static_cast<std::uint32_t>(slot) - 1; }
std::uint64_t slot_value(std::uint32_t row, std::uint64_t hash) {
  return (static_cast<std::uint64_t>(tag_of(hash)) << 32) | (static_cast<std::uint64_t>(row) + 1);
}

}  // namespace

std::size_t IdColumn::slot_of(std::string_view id, std::uint64_t hash) const {
  const std::size_t mask = slots_.size() - 1;
  std::size_t slot = hash & mask;
  for (;; slot = (slot + 1) & mask) {
    const std::uint64_t value = slots_[slot];
    if (value == kEmpty) return slot;
    if (static_cast<std::uint32_t>(value >> 32) == tag_of(hash) && (*this)[row_of(value)] == id) return slot;
  }
}

void IdColumn::rehash(std::size_t capacity) {
  std::vector<std::uint64_t> old(capacity, kEmpty);
  old.swap(slots_);
  for (std::uint32_t row = 0; row < size(); ++row) {
    const std::uint64_t hash = hash_of((*this)[row]);
    slots_[slot_of((*this)[row], hash)] = slot_value(row, hash);
  }
}

std::optional<std::uint32_t> IdColumn::insert(std::string_view id) {
  if ((size() + 1) * 2 > slots_.size()) rehash(slots_.empty() ? 64 : slots_.size() * 2);
  const std::uint64_t hash = hash_of(id);
  const std::size_t slot = slot_of(id, hash);
  if (slots_[slot] != kEmpty) return std::nullopt;
  if (chars_.size() + id.size() > UINT32_MAX || size() >= UINT32_MAX - 2)
    throw std::length_error("too many identifiers for one book");
  const auto row = static_cast<std::uint32_t>(size());
  chars_.insert(chars_.end(), id.begin(), id.end());
  offsets_.push_back(static_cast<std::uint32_t>(chars_.size()));
  slots_[slot] = slot_value(row, hash);
  return row;
}

std::optional<std::uint32_t> IdColumn::find(std::string_view id) const {
  if (slots_.empty()) return std::nullopt;
  const std::uint64_t value = slots_[slot_of(id, hash_of(id))];
  if (value == kEmpty) return std::nullopt;
  return row_of(value);
}

void IdColumn::reserve(std::size_t rows, std::size_t chars) {
  chars_.reserve(chars);
  offsets_.reserve(rows + 1);
  std::size_t capacity = 64;
  while (capacity < rows * 2 + 2) capacity *= 2;
  if (capacity > slots_.size()) rehash(capacity);
}

std::size_t IdColumn::memory_bytes() const {
  return chars_.capacity() + offsets_.capacity() * sizeof(std::uint32_t) +
         slots_.capacity() * sizeof(std::uint64_t);
}

bool IdColumn::consistent() const {
  if (offsets_.empty() || offsets_.front() != 0 || offsets_.back() != chars_.size()) return false;
  for (std::size_t i = 1; i < offsets_.size(); ++i)
    if (offsets_[i] < offsets_[i - 1]) return false;
  return true;
}

void IdColumn::truncate(std::size_t rows) {
  if (rows >= size()) return;
  chars_.resize(offsets_[rows]);
  offsets_.resize(rows + 1);
  rehash(slots_.size());
}

void IdColumn::rebuild_index() {
  if (!consistent()) throw std::runtime_error("identifier column is damaged");
  std::size_t capacity = 64;
  while (capacity < size() * 2 + 2) capacity *= 2;
  slots_.assign(capacity, kEmpty);
  for (std::uint32_t row = 0; row < size(); ++row) {
    const std::uint64_t hash = hash_of((*this)[row]);
    const std::size_t slot = slot_of((*this)[row], hash);
    if (slots_[slot] != kEmpty)
      throw std::runtime_error("identifier " + in_quotes((*this)[row]) + " appears twice");
    slots_[slot] = slot_value(row, hash);
  }
}

}  // namespace pipecast
