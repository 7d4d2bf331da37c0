// Names matched against a pattern: `*` for any run of characters, `?` for
// one (a byte: the names are file names and headers of exports, ASCII in
// practice, and a byte-wise match of UTF-8 is still exact for `*`).
#pragma once

#include <string_view>

namespace pipecast {

bool is_pattern(std::string_view text);
bool matches_pattern(std::string_view pattern, std::string_view name);

}  // namespace pipecast
