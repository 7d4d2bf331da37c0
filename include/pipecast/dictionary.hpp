// Dictionary encoding of categorical text (owners, products, accounts, ...).
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

namespace pipecast {

/// A dictionary code: the index of a value in its Dictionary.
using Code = std::uint32_t;

/// Interns strings: each distinct value gets the next code, in order of first
/// appearance.  Codes are stable for the life of the dictionary.
class Dictionary {
 public:
  Code intern(std::string_view value);
  std::optional<Code> find(std::string_view value) const;

  const std::string& operator[](Code code) const { return values_[code]; }
  std::size_t size() const { return values_.size(); }
  const std::vector<std::string>& values() const { return values_; }

  /// Bytes held, for memory accounting.
  std::size_t memory_bytes() const;

  bool operator==(const Dictionary& other) const { return values_ == other.values_; }

  /// Rebuilds the lookup index from values(); used after deserialisation.
  void rebuild_index();
  template <class Archive>
  void serialize(Archive& archive, unsigned version);

 private:
  struct Hash {
    using is_transparent = void;
    std::size_t operator()(std::string_view s) const noexcept {
      return std::hash<std::string_view>{}(s);
    }
  };
  std::vector<std::string> values_;
  std::unordered_map<std::string, Code, Hash, std::equal_to<>> index_;
};

}  // namespace pipecast
