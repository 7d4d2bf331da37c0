/// @file
/// Win models fitted once and shared by the fits that need the same ones.
///
/// A backtest's monthly origins validate `auto` three and six months before
/// each (auto_model.hpp), so origin T's six-month validation is origin
/// T - 3 months' three-month one: with one cache for the backtest, each
/// day's candidates are fitted once instead of twice; and `auto`, fitting
/// its candidates at T too, gives the origin's own logistic fit and its
/// pick (fit_models() looks them up).  A fit depends only on
/// the book, the day and the requests, so a model from the cache is the one
/// a new fit would give, and a backtest's results do not depend on which
/// origins share a cache (a block of origins on a Dask worker has its own).
#pragma once

#include "pipecast/forecast/model.hpp"

#include <functional>
#include <future>
#include <memory>
#include <mutex>
#include <span>
#include <string>
#include <utility>
#include <vector>

namespace pipecast {

/// The win models fitted so far on one book, by day and requests.  Safe to
/// use from several threads at once.  A cache serves one book: fits of
/// another book must not share it.
class WinModelCache {
 public:
  /// The win models of one fit, in the order of its requests.
  using WinModels = std::vector<std::shared_ptr<const WinModel>>;

  /// The win models of `requests` as of `day`: those of an earlier call
  /// with the same day and requests (equal names and options), or else what
  /// `fit` gives, kept for the later calls.  A call that asks for what
  /// another thread is fitting waits for it.  An exception of `fit` reaches
  /// every caller that asked for that fit, and is kept like a result.
  WinModels get(Day day, std::span<const ModelRequest> requests, const std::function<WinModels()>& fit);

  /// The win model of `request` as of `day` from any earlier call of that
  /// day that asked for it among others (waiting for it when it is being
  /// fitted; rethrowing when that fit failed), or null.
  std::shared_ptr<const WinModel> find(Day day, const ModelRequest& request) const;

  /// How many fits the cache made (the calls that did not find theirs).
  std::size_t fits() const;

 private:
  struct Entry {
    Day day;
    std::vector<std::pair<std::string, FitOptions>> requests;
    std::shared_future<WinModels> models;
  };
  mutable std::mutex mutex_;
  std::vector<Entry> entries_;  // a backtest keeps a few a day: a list is enough
};

}  // namespace pipecast
