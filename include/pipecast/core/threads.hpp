/// @file
/// One cap on the threads the library starts, for the whole process.
///
/// Every parallel part of pipecast (the CSV import, fitting the logistic
/// model, the forecast's Monte Carlo, the backtest) takes a `threads`
/// option, 0 meaning one thread per hardware thread.  A host that shares its
/// cores with other work (a CRM server, a notebook beside a Dask worker)
/// wants one limit instead, set once, that every call honours: this is it.
/// Results never depend on the thread count, so the cap changes only speed.
/// It is the library's one process-wide setting, as libgit2 keeps its own
/// (git_libgit2_opts); the C ABI sets it with pipecast_set_max_threads.
#pragma once

namespace pipecast {

/// Caps every parallel part of the library at `max_threads` threads,
/// whatever its own `threads` option asks; 0 lifts the cap (the default).
/// Thread safe; calls already running keep the threads they have.
void set_max_threads(unsigned max_threads) noexcept;

/// The cap set by set_max_threads; 0 when there is none.
unsigned max_threads() noexcept;

}  // namespace pipecast
