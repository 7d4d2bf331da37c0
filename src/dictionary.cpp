#include "pipecast/dictionary.hpp"

#include <stdexcept>

namespace pipecast {

Code Dictionary::intern(std::string_view value) {
  if (const auto it = index_.find(value); it != index_.end()) return it->second;
  if (values_.size() >= UINT32_MAX) throw std::length_error("dictionary is full");
  const auto code = static_cast<Code>(values_.size());
  values_.emplace_back(value);
  index_.emplace(values_.back(), code);
  return code;
}

std::optional<Code> Dictionary::find(std::string_view value) const {
  if (const auto it = index_.find(value); it != index_.end()) return it->second;
  return std::nullopt;
}

std::size_t Dictionary::memory_bytes() const {
  std::size_t bytes = values_.capacity() * sizeof(std::string);
  for (const auto& v : values_)
    if (v.capacity() > 15) bytes += v.capacity() + 1;  // beyond the small-string buffer
  // Each index node holds a key copy, the code, a hash and a next pointer.
  bytes += index_.size() * (sizeof(std::string) + sizeof(Code) + 2 * sizeof(void*)) +
           index_.bucket_count() * sizeof(void*);
  return bytes;
}

void Dictionary::rebuild_index() {
  index_.clear();
  index_.reserve(values_.size());
  for (Code c = 0; c < values_.size(); ++c) {
    if (!index_.emplace(values_[c], c).second)
      throw std::runtime_error("dictionary holds the value '" + values_[c] + "' twice");
  }
}

}  // namespace pipecast
