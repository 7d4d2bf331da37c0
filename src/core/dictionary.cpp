#include "pipecast/core/dictionary.hpp"

#include <functional>
#include <stdexcept>

namespace pipecast {

std::size_t Dictionary::slot_of(std::string_view value) const {
  const std::size_t mask = slots_.size() - 1;
  std::size_t slot = std::hash<std::string_view>{}(value) & mask;
  while (slots_[slot] != kEmpty && values_[slots_[slot]] != value) slot = (slot + 1) & mask;
  return slot;
}

void Dictionary::grow() {
  slots_.assign(slots_.empty() ? 16 : slots_.size() * 2, kEmpty);
  for (Code c = 0; c < values_.size(); ++c) slots_[slot_of(values_[c])] = c;
}

Code Dictionary::intern(std::string_view value) {
  if ((values_.size() + 1) * 2 > slots_.size()) grow();
  const std::size_t slot = slot_of(value);
  if (slots_[slot] != kEmpty) return slots_[slot];
  if (values_.size() >= kEmpty - 1) throw std::length_error("dictionary is full");
  const auto code = static_cast<Code>(values_.size());
  values_.emplace_back(value);
  slots_[slot] = code;
  return code;
}

std::optional<Code> Dictionary::find(std::string_view value) const {
  if (slots_.empty()) return std::nullopt;
  const Code code = slots_[slot_of(value)];
  if (code == kEmpty) return std::nullopt;
  return code;
}

std::size_t Dictionary::memory_bytes() const {
  std::size_t bytes = values_.capacity() * sizeof(std::string) + slots_.capacity() * sizeof(Code);
  for (const auto& v : values_)
    if (v.capacity() > 15) bytes += v.capacity() + 1;  // beyond the small-string buffer
  return bytes;
}

void Dictionary::truncate(std::size_t size) {
  if (size >= values_.size()) return;
  values_.resize(size);
  rebuild_index();
}

void Dictionary::rebuild_index() {
  slots_.clear();
  std::size_t capacity = 16;
  while (capacity < values_.size() * 2 + 2) capacity *= 2;
  slots_.assign(capacity, kEmpty);
  for (Code c = 0; c < values_.size(); ++c) {
    const std::size_t slot = slot_of(values_[c]);
    if (slots_[slot] != kEmpty)
      throw std::runtime_error("dictionary holds the value '" + values_[c] + "' twice");
    slots_[slot] = c;
  }
}

}  // namespace pipecast
