#include "core/parallel_for.hpp"

#include "core/fault_injection.hpp"
#include "pipecast/core/threads.hpp"

#include <algorithm>
#include <atomic>
#include <exception>
#include <limits>
#include <mutex>
#include <new>
#include <thread>
#include <vector>

namespace pipecast {
namespace {

// The test hook (fault_injection.hpp), per calling thread.
enum class Injection : unsigned char { off, armed, fired };
thread_local Injection tls_injection = Injection::off;

}  // namespace

namespace {
// pipecast/core/threads.hpp says why this one setting is process-wide.
std::atomic<unsigned> process_thread_cap{0};
}  // namespace

void set_max_threads(unsigned max_threads) noexcept { process_thread_cap.store(max_threads); }

unsigned max_threads() noexcept { return process_thread_cap.load(); }

unsigned resolve_threads(unsigned requested) noexcept {
  const unsigned wanted = requested != 0 ? requested : std::max(1u, std::thread::hardware_concurrency());
  const unsigned cap = process_thread_cap.load();
  return cap == 0 ? wanted : std::min(wanted, cap);
}

namespace parallel_fault_injection {

void arm_bad_alloc_on_helper() noexcept { tls_injection = Injection::armed; }

bool disarm() noexcept {
  const bool fired = tls_injection == Injection::fired;
  tls_injection = Injection::off;
  return fired;
}

}  // namespace parallel_fault_injection

namespace parallel_detail {

void run(std::size_t count, unsigned threads, Task task, const void* work) {
  if (count == 0) return;
  const std::size_t wanted = std::min<std::size_t>(resolve_threads(threads), count);

  std::atomic<std::size_t> next{0};
  std::atomic<bool> stop{false};
  std::mutex failure_mutex;
  std::size_t failed_task = std::numeric_limits<std::size_t>::max();
  std::exception_ptr failure;

  // The test hook: armed on this thread and a helper to fail on.
  const bool inject = tls_injection == Injection::armed && wanted > 1;
  std::atomic<bool> injected{false};

  // Takes tasks in order until none is left or one has failed.  Everything a
  // task throws is caught here, so nothing escapes a helper thread.
  const auto take_tasks = [&](bool helper) {
    while (!stop.load(std::memory_order_acquire)) {
      const std::size_t i = next.fetch_add(1, std::memory_order_relaxed);
      if (i >= count) return;
      try {
        if (inject && helper && !injected.exchange(true)) throw std::bad_alloc();
        task(work, i);
      } catch (...) {
        const std::lock_guard lock(failure_mutex);
        if (i < failed_task) {
          failed_task = i;
          failure = std::current_exception();
        }
        stop.store(true, std::memory_order_release);
      }
    }
  };

  {
    std::vector<std::jthread> helpers;  // joined when this block ends, also on the way out of a throw
    helpers.reserve(wanted - 1);
    for (std::size_t t = 1; t < wanted; ++t) {
      try {
        helpers.emplace_back(take_tasks, true);
      } catch (...) {
        // std::system_error (the system refused a thread) or std::bad_alloc
        // (no memory for its state): go on with the threads started.
        break;
      }
    }
    if (inject && !helpers.empty()) {
      tls_injection = Injection::fired;
      // Let a helper take the first task, so that the fault is on a helper.
      while (!injected.load()) std::this_thread::yield();
    }
    take_tasks(false);
  }
  if (failure) std::rethrow_exception(failure);
}

}  // namespace parallel_detail
}  // namespace pipecast
