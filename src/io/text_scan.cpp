#include "io/text_scan.hpp"

#include "io/csv_reader.hpp"
#include "core/parallel_for.hpp"

#include <algorithm>
#include <cstring>

namespace pipecast::csv {
namespace {

struct Piece {
  std::size_t begin = 0, end = 0;
  std::size_t bad_byte = kAllGood;
  std::size_t line_breaks = 0;
  std::size_t quotes = 0;
};

// Pieces end just after a '\n' (or at the end of the text), so that no UTF-8
// sequence, no "\r\n" and no record start straddles two of them.
std::vector<Piece> cut_pieces(std::string_view text, std::size_t piece_bytes) {
  std::vector<Piece> pieces;
  std::size_t begin = 0;
  while (begin < text.size()) {
    std::size_t end = text.size();
    if (text.size() - begin > piece_bytes) {
      const void* newline = std::memchr(text.data() + begin + piece_bytes, '\n',
                                        text.size() - begin - piece_bytes);
      if (newline) end = static_cast<std::size_t>(static_cast<const char*>(newline) - text.data()) + 1;
    }
    pieces.push_back(Piece{begin, end});
    begin = end;
  }
  return pieces;
}

void scan_piece(std::string_view text, Piece& piece) {
  const std::string_view bytes = text.substr(piece.begin, piece.end - piece.begin);
  if (const std::size_t bad = first_bad_byte(bytes); bad != kAllGood) piece.bad_byte = piece.begin + bad;
  piece.line_breaks = count_line_breaks(bytes);
  piece.quotes = static_cast<std::size_t>(std::count(bytes.begin(), bytes.end(), '"'));
}

}  // namespace

TextScan scan_text(std::string_view text, std::size_t piece_bytes, unsigned threads) {
  std::vector<Piece> pieces = cut_pieces(text, std::max<std::size_t>(piece_bytes, 1));
  parallel_for(pieces.size(), threads, [&](std::size_t i) { scan_piece(text, pieces[i]); });
  TextScan scan;
  std::size_t quotes = 0;
  for (const Piece& piece : pieces) {
    if (piece.begin > 0 && quotes % 2 == 0) scan.cuts.push_back(Cut{piece.begin, scan.line_breaks + 1});
    if (scan.bad_byte == kAllGood) scan.bad_byte = piece.bad_byte;
    scan.line_breaks += piece.line_breaks;
    quotes += piece.quotes;
  }
  return scan;
}

}  // namespace pipecast::csv
