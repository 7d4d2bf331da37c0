// Independent pieces of work spread over a few threads.
#pragma once

#include <algorithm>
#include <cstddef>
#include <exception>
#include <thread>
#include <vector>

namespace pipecast {

/// Runs `work(i)` for every i in [0, count) on up to `threads` threads, the
/// calling one among them; thread t takes i = t, t + threads, ...  `work`
/// must only write what belongs to its i.  An exception is rethrown here
/// (the lowest i's, so the same whatever the thread count).
template <class Work>
void run_parallel(std::size_t count, unsigned threads, const Work& work) {
  const std::size_t used = std::max<std::size_t>(1, std::min<std::size_t>(threads, count));
  std::vector<std::exception_ptr> failures(count);
  const auto run = [&](std::size_t t) {
    for (std::size_t i = t; i < count; i += used) {
      try {
        work(i);
      } catch (...) {
        failures[i] = std::current_exception();
        return;
      }
    }
  };
  {
    std::vector<std::jthread> helpers;
    for (std::size_t t = 1; t < used; ++t) helpers.emplace_back(run, t);
    run(0);
  }
  for (const auto& failure : failures)
    if (failure) std::rethrow_exception(failure);
}

}  // namespace pipecast
