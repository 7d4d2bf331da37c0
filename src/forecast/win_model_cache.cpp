#include "pipecast/forecast/win_model_cache.hpp"

#include <algorithm>

namespace pipecast {
namespace {

bool same_request(const std::pair<std::string, FitOptions>& kept, const ModelRequest& asked) {
  return kept.first == asked.name && kept.second == asked.options;
}

bool same_requests(const std::vector<std::pair<std::string, FitOptions>>& kept, std::span<const ModelRequest> asked) {
  return std::equal(kept.begin(), kept.end(), asked.begin(), asked.end(), same_request);
}

}  // namespace

WinModelCache::WinModels WinModelCache::get(Day day, std::span<const ModelRequest> requests,
                                            const std::function<WinModels()>& fit) {
  std::promise<WinModels> promise;
  std::shared_future<WinModels> models;
  bool fits_here = false;
  {
    const std::lock_guard lock(mutex_);
    const auto kept = std::find_if(entries_.begin(), entries_.end(), [&](const Entry& e) {
      return e.day == day && same_requests(e.requests, requests);
    });
    if (kept != entries_.end()) {
      models = kept->models;  // fitted, or being fitted by another thread
    } else {
      models = promise.get_future().share();
      Entry entry{day, {}, models};
      for (const ModelRequest& r : requests) entry.requests.emplace_back(std::string(r.name), r.options);
      entries_.push_back(std::move(entry));
      fits_here = true;
    }
  }
  // Outside the lock: a fit takes seconds, and other days' fits go on meanwhile.
  if (fits_here) {
    try {
      promise.set_value(fit());
    } catch (...) {
      promise.set_exception(std::current_exception());
    }
  }
  return models.get();
}

std::shared_ptr<const WinModel> WinModelCache::find(Day day, const ModelRequest& request) const {
  std::shared_future<WinModels> models;
  std::size_t at = 0;
  {
    const std::lock_guard lock(mutex_);
    for (const Entry& e : entries_) {
      if (e.day != day) continue;
      const auto kept = std::find_if(e.requests.begin(), e.requests.end(),
                                      [&](const auto& k) { return same_request(k, request); });
      if (kept == e.requests.end()) continue;
      models = e.models;
      at = static_cast<std::size_t>(kept - e.requests.begin());
      break;
    }
  }
  return models.valid() ? models.get().at(at) : nullptr;
}

std::size_t WinModelCache::fits() const {
  const std::lock_guard lock(mutex_);
  return entries_.size();
}

}  // namespace pipecast
