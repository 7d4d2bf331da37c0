#include "pipecast/id_column.hpp"

#include <functional>
#include <stdexcept>

namespace pipecast {

std::size_t IdColumn::slot_of(std::string_view id) const {
  const std::size_t mask = slots_.size() - 1;
  std::size_t slot = std::hash<std::string_view>{}(id) & mask;
  while (slots_[slot] != kEmpty && (*this)[slots_[slot]] != id) slot = (slot + 1) & mask;
  return slot;
}

void IdColumn::grow() {
  const std::size_t capacity = slots_.empty() ? 64 : slots_.size() * 2;
  slots_.assign(capacity, kEmpty);
  for (std::uint32_t row = 0; row < size(); ++row) slots_[slot_of((*this)[row])] = row;
}

std::optional<std::uint32_t> IdColumn::insert(std::string_view id) {
  if ((size() + 1) * 2 > slots_.size()) grow();  // keep the load under 1/2
  const std::size_t slot = slot_of(id);
  if (slots_[slot] != kEmpty) return std::nullopt;
  if (chars_.size() + id.size() > UINT32_MAX || size() >= UINT32_MAX - 1)
    throw std::length_error("too many identifiers for one book");
  const auto row = static_cast<std::uint32_t>(size());
  chars_.insert(chars_.end(), id.begin(), id.end());
  offsets_.push_back(static_cast<std::uint32_t>(chars_.size()));
  slots_[slot] = row;
  return row;
}

std::optional<std::uint32_t> IdColumn::find(std::string_view id) const {
  if (slots_.empty()) return std::nullopt;
  const std::uint32_t row = slots_[slot_of(id)];
  if (row == kEmpty) return std::nullopt;
  return row;
}

void IdColumn::reserve(std::size_t rows, std::size_t chars) {
  chars_.reserve(chars);
  offsets_.reserve(rows + 1);
}

std::size_t IdColumn::memory_bytes() const {
  return chars_.capacity() + offsets_.capacity() * sizeof(std::uint32_t) +
         slots_.capacity() * sizeof(std::uint32_t);
}

bool IdColumn::consistent() const {
  if (offsets_.empty() || offsets_.front() != 0 || offsets_.back() != chars_.size()) return false;
  for (std::size_t i = 1; i < offsets_.size(); ++i)
    if (offsets_[i] < offsets_[i - 1]) return false;
  return true;
}

void IdColumn::rebuild_index() {
  if (!consistent()) throw std::runtime_error("identifier column is damaged");
  slots_.clear();
  std::size_t capacity = 64;
  while (capacity < size() * 2 + 2) capacity *= 2;
  slots_.assign(capacity, kEmpty);
  for (std::uint32_t row = 0; row < size(); ++row) {
    const std::size_t slot = slot_of((*this)[row]);
    if (slots_[slot] != kEmpty)
      throw std::runtime_error("identifier '" + std::string((*this)[row]) + "' appears twice");
    slots_[slot] = row;
  }
}

}  // namespace pipecast
