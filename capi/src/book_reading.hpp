// Reading a book from a path: the one way pipecast_book_load,
// pipecast_book_load_parts and the part workers that read their part
// (pipecast_part_worker_open) take.
#pragma once

#include "pipecast.h"

#include "pipecast/core/book.hpp"

#include <memory>
#include <string_view>

namespace pipecast::capi {

/// The load options `in` asks for (NULL: the defaults), checked against
/// their layout version.
pipecast_load_options load_options(const pipecast_load_options* in);

/// The book at `path` (a CSV directory or a snapshot) read as `options`
/// say, warnings and progress told to its log; errors as
/// pipecast_book_load's (NOT_FOUND, PARSE, INVALID_ARGUMENT).
Book read_book_value(std::string_view path, const pipecast_load_options& options);
/// The same, shared (what a handle holds).
std::shared_ptr<const Book> read_book(std::string_view path, const pipecast_load_options& options);

}  // namespace pipecast::capi
