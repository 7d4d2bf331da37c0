// The structs behind the header's opaque handles, and the check every call
// makes that a handle is live.
//
// Each handle starts with a tag naming its type; freeing overwrites it, so a
// freed handle whose memory has not been reused, or a handle of another type
// cast to this one, is refused instead of being read as garbage.
#pragma once

#include "error.hpp"
#include "pipecast.h"

#include "pipecast/core/book.hpp"
#include "pipecast/core/book_builder.hpp"

#include <cstdint>
#include <memory>
#include <string>

namespace pipecast::capi {

inline constexpr std::uint32_t kDeadTag = 0xDEADDEADu;

/// Throws INVALID_ARGUMENT when `handle` is NULL or not a live handle of its
/// type; returns it otherwise.
template <class Handle>
Handle& live(Handle* handle, const char* argument) {
  require(handle, argument);
  if (handle->tag != std::remove_const_t<Handle>::kTag)
    throw Error(PIPECAST_ERROR_INVALID_ARGUMENT,
                std::string(argument) + " is not a live " + std::remove_const_t<Handle>::kTypeName +
                    " (already freed, or not made by pipecast)");
  return *handle;
}

/// Frees a handle made by `new`, ignoring NULL and handles that are not live.
template <class Handle>
void destroy(Handle* handle) noexcept {
  if (handle == nullptr || handle->tag != Handle::kTag) return;
  handle->tag = kDeadTag;
  delete handle;
}

}  // namespace pipecast::capi

// A book, or an as-of view of one: the view shares the book's data.
struct pipecast_book {
  static constexpr std::uint32_t kTag = 0x4B4F4F42u;  // "BOOK"
  static constexpr const char* kTypeName = "pipecast_book";
  std::uint32_t tag = kTag;
  std::shared_ptr<const pipecast::Book> book;
  pipecast::Day view_day = pipecast::kNoDay;  // kNoDay: the whole book

  bool is_view() const { return view_day != pipecast::kNoDay; }
  /// What as_of_day PIPECAST_NO_DAY stands for: the view's day, else the
  /// latest day the book knows of (kNoDay for an empty book).
  pipecast::Day default_day() const { return is_view() ? view_day : book->latest_day(); }
  /// `day` checked against the range and the view, PIPECAST_NO_DAY resolved.
  pipecast::Day resolve_day(std::int32_t day, const char* argument) const;
};

struct pipecast_builder {
  static constexpr std::uint32_t kTag = 0x444C4942u;  // "BILD"
  static constexpr const char* kTypeName = "pipecast_builder";
  std::uint32_t tag = kTag;
  pipecast::BookBuilder builder;
  bool finished = false;
  // Set when a rollback itself failed (out of memory): the builder's content
  // is then unknown, and it refuses every further call.
  bool broken = false;
};
