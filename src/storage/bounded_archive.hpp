/// @file
/// Reading Boost.Serialization archives that may be hostile (snapshots and
/// model files come from disk): the fields of the library's archives go
/// through field() rather than Boost's own std::vector, std::string and bool
/// support.
///
/// Why: Boost resizes a container to whatever count the archive claims, so a
/// crafted count of a few bytes allocates gigabytes before the read fails;
/// here elements are read in bounded chunks, memory grows only with the bytes
/// actually read, and a lying count runs into the end of the input.  Boost
/// also copies any byte into a bool, which is undefined behaviour for bytes
/// other than 0 and 1; here such a byte is an error.
///
/// Serialisation is non-intrusive: a record's layout is a free function
/// `archive_fields(archive, record)` in the record's namespace, found by
/// argument-dependent lookup and defined where the archive is written
/// (src/storage for the book, src/forecast for models), so the public headers
/// carry no Boost.  Classes with private members befriend theirs.
#pragma once

#include <boost/serialization/array_wrapper.hpp>

#include <algorithm>
#include <cstdint>
#include <stdexcept>
#include <string>
#include <type_traits>
#include <vector>

namespace pipecast::bounded {

template <class Archive>
constexpr bool kLoading = Archive::is_loading::value;

/// Elements read per step: large enough that the steps cost nothing, small
/// enough that a lying count costs little.
inline constexpr std::uint64_t kChunk = 1 << 16;

template <class T>
struct IsVector : std::false_type {};
template <class T>
struct IsVector<std::vector<T>> : std::true_type {};

/// A vector of numbers or a string: a count, then the elements as one array
/// (a single block copy in binary archives).
template <class Archive, class Container>
void contiguous(Archive& archive, Container& items) {
  std::uint64_t count = items.size();
  archive & count;
  if constexpr (kLoading<Archive>) {
    items.clear();
    while (items.size() < count) {
      const std::size_t done = items.size();
      const auto step = static_cast<std::size_t>(std::min(kChunk, count - done));
      items.resize(done + step);
      archive & boost::serialization::make_array(items.data() + done, step);
    }
    items.shrink_to_fit();  // chunked growth may have doubled the capacity
  } else if (count != 0) {
    archive & boost::serialization::make_array(items.data(), items.size());
  }
}

/// A bool as a byte, checked.
template <class Archive>
void flag(Archive& archive, bool& value) {
  std::uint8_t byte = value ? 1 : 0;
  archive & byte;
  if constexpr (kLoading<Archive>) {
    if (byte > 1) throw std::runtime_error("a flag is neither 0 nor 1");
    value = byte == 1;
  }
}

template <class Archive, class T>
void field(Archive& archive, T& value);

/// A vector of anything else: a count, then each element through
/// `element(archive, item)` (field() unless a caller maps its records itself).
template <class Archive, class T, class Element>
void sequence(Archive& archive, std::vector<T>& items, Element element) {
  std::uint64_t count = items.size();
  archive & count;
  if constexpr (kLoading<Archive>) {
    items.clear();
    for (std::uint64_t k = 0; k < count; ++k) element(archive, items.emplace_back());
    items.shrink_to_fit();
  } else {
    for (T& item : items) element(archive, item);
  }
}

template <class Archive, class T>
void sequence(Archive& archive, std::vector<T>& items) {
  sequence(archive, items, [](Archive& a, T& item) { field(a, item); });
}

/// Classes that go through Boost's own class protocol (`archive & value`,
/// with the class's version) rather than archive_fields(): set where they
/// are serialised.  Changing a class's protocol changes the archive's bytes.
template <class T>
inline constexpr bool kBoostClass = false;

/// An enumeration as a byte, checked against its last value
/// (`last_value(Enum{})`, found like archive_fields()).
template <class Archive, class Enum>
void enumeration(Archive& archive, Enum& value) {
  auto byte = static_cast<std::uint8_t>(value);
  archive & byte;
  if constexpr (kLoading<Archive>) {
    if (byte > static_cast<std::uint8_t>(last_value(Enum{})))
      throw std::runtime_error("an enumeration is out of range");
    value = static_cast<Enum>(byte);
  }
}

/// Any field of a record: bools, enumerations, numbers, strings and vectors
/// as above; a record through its archive_fields() (which uses field() for
/// its members).
template <class Archive, class T>
void field(Archive& archive, T& value) {
  if constexpr (std::is_same_v<T, bool>) {
    flag(archive, value);
  } else if constexpr (std::is_enum_v<T>) {
    enumeration(archive, value);
  } else if constexpr (std::is_arithmetic_v<T>) {
    archive & value;
  } else if constexpr (std::is_same_v<T, std::string>) {
    contiguous(archive, value);
  } else if constexpr (IsVector<T>::value) {
    if constexpr (std::is_arithmetic_v<typename T::value_type> &&
                  !std::is_same_v<typename T::value_type, bool>)
      contiguous(archive, value);
    else
      sequence(archive, value);
  } else if constexpr (kBoostClass<T>) {
    archive & value;
  } else {
    archive_fields(archive, value);
  }
}

/// field() for each argument in order.
template <class Archive, class... T>
void fields(Archive& archive, T&... values) {
  (field(archive, values), ...);
}

}  // namespace pipecast::bounded
