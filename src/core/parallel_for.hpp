// The library's one parallel runtime: independent tasks spread over a few
// threads, and the one place where "threads = 0" becomes a thread count.
//
// Rules (every caller relies on them):
// - parallel_for(count, threads, work) runs work(i) for every i in
//   [0, count) on up to resolve_threads(threads) threads, the calling one
//   among them, and returns when every task is done and every thread it
//   started is joined.  Tasks are handed out in increasing i.
// - A task writes only what belongs to its i.  Which thread runs which task
//   varies from run to run, so a result must depend on i alone (a caller
//   that draws random numbers seeds them from i): then it is the same bit
//   for bit with any thread count.
// - The first exception in task order wins: when tasks fail, the exception
//   of the lowest failing i is rethrown on the calling thread, as it was
//   thrown (std::bad_alloc stays std::bad_alloc, so the C ABI's firewall
//   can say PIPECAST_ERROR_OUT_OF_MEMORY).  Once a task has failed no
//   further task is started; the tasks already started finish.  Tasks are
//   handed out in order, so every task below the failing one has run, and
//   the exception is the one a single thread would have met first.
// - Nothing escapes a helper thread: an exception on a helper cannot end the
//   host process through std::terminate.
// - When the system refuses a thread (std::system_error, or no memory for
//   it), the work runs on the threads already started, the calling one at
//   least: fewer threads, the same result.
// - Nested use is allowed (a task may call parallel_for); each call starts
//   its own threads, so callers that nest pass threads = 1 inside (the
//   backtest does).
//
// Costs: one thread start and join per helper per call (tens of
// microseconds), so a caller cuts its work into tasks of at least
// milliseconds; there is no pool kept between calls.
#pragma once

#include <cstddef>

namespace pipecast {

/// The thread count a `threads` option means: `requested` when it is not 0,
/// otherwise one per hardware thread (at least 1); in either case no more
/// than the process's cap (pipecast/core/threads.hpp) when one is set.  The one
/// place the default and the cap are applied.
unsigned resolve_threads(unsigned requested) noexcept;

namespace parallel_detail {
using Task = void (*)(const void* work, std::size_t i);
/// The runtime itself (parallel_for.cpp), behind a plain function pointer so
/// that the threading code is compiled once, not per caller.
void run(std::size_t count, unsigned threads, Task task, const void* work);
}  // namespace parallel_detail

/// Runs `work(i)` for every i in [0, count) on up to
/// resolve_threads(threads) threads, the calling one among them; rethrows
/// the exception of the lowest failing i.  See the rules above.  `work` is
/// called from several threads at once through a const reference.
template <class Work>
void parallel_for(std::size_t count, unsigned threads, const Work& work) {
  parallel_detail::run(
      count, threads, [](const void* w, std::size_t i) { (*static_cast<const Work*>(w))(i); }, &work);
}

}  // namespace pipecast
