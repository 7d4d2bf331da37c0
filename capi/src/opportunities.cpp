// A book's deals, or a view's, as a result table: the rows a host reads
// when it wants the data itself rather than an analysis of it.
#include "handles.hpp"
#include "table.hpp"

#include "pipecast/analytics/opportunities_table.hpp"
#include "pipecast/core/as_of.hpp"

#include <memory>

using pipecast::capi::guard;
using pipecast::capi::live;
using pipecast::capi::require;

extern "C" {

int pipecast_book_opportunities(const pipecast_book* book, pipecast_table** out) {
  if (out != nullptr) *out = nullptr;
  return guard(__func__, [&] {
    const pipecast_book& b = live(book, "book");
    require(out, "out");
    // default_day: the view's day, or the book's latest (kNoDay, an empty
    // view, for an empty book).
    const pipecast::AsOfView view(*b.book, b.default_day());
    auto handle = std::make_unique<pipecast_table>();
    handle->data = std::make_shared<const pipecast::ResultTable>(pipecast::opportunities_table(view));
    *out = handle.release();
    return PIPECAST_OK;
  });
}

}  // extern "C"
