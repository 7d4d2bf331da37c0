// A file's bytes as UTF-8 text, from the encodings CRM exports come in, and
// the field separator of a CSV file that does not say.
//
// Decoding happens once, before a file is read: the reader and its chunked
// helpers only ever see UTF-8.  Line numbers of errors are those of the file;
// columns count the decoded text's bytes.
#pragma once

#include "pipecast/io/column_mapping.hpp"

#include <optional>
#include <string>
#include <string_view>

namespace pipecast::csv {

/// `bytes` decoded as `encoding`, as UTF-8; nullopt when they are used as
/// they are (UTF-8, or automatic without a UTF-16 byte order mark).  Throws
/// std::runtime_error for bytes the encoding cannot hold (UTF-16 of an odd
/// length or with a lone surrogate; Windows-1252's five unassigned bytes),
/// saying where.
std::optional<std::string> decode_to_utf8(std::string_view bytes, TextEncoding encoding);

/// The field separator of a CSV text: of ',', ';', '\t' and '|', the one
/// that occurs most often outside quotes in its first line (a comma on a
/// tie or when none does).
char sniff_delimiter(std::string_view text);

}  // namespace pipecast::csv
