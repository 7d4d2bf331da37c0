// A test hook of the parallel runtime (parallel_for.hpp): makes a task on a
// helper thread fail with std::bad_alloc, so that a test can check that a
// failure on a thread other than the caller's reaches the caller as
// std::bad_alloc through every user of the runtime (the import, the
// logistic fit, the period forecast, the backtest), and does not end the
// process.
//
// Internal (not installed, not in the C ABI), off unless a test arms it, and
// per calling thread: the armed state is thread_local to the thread that
// arms it, and only a parallel_for started on that thread reads it, so no
// other thread's work (another test, another host thread) is affected.
#pragma once

namespace pipecast::parallel_fault_injection {

/// Arms the hook on the calling thread: the next parallel_for this thread
/// starts that gets at least one helper thread makes the first task a helper
/// takes throw std::bad_alloc instead of running (the calling thread waits
/// to take tasks until then, so it is a helper that fails).  Calls that run
/// on the calling thread alone leave it armed.  It fires once.
void arm_bad_alloc_on_helper() noexcept;

/// Disarms the hook on the calling thread; true when it fired since armed.
bool disarm() noexcept;

}  // namespace pipecast::parallel_fault_injection
