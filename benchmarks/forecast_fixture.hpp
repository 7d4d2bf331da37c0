// Books, fitted models and large sets of open deals for the forecast
// benchmarks and the side-by-side logistic comparison.
#pragma once

#include "pipecast/forecast/deal_state.hpp"
#include "pipecast/forecast/model.hpp"
#include "pipecast/synth/synthetic_book.hpp"

#include <map>
#include <memory>
#include <string>

namespace pipecast::bench {

inline const Day kForecastAsOf = to_day(2024, 12, 31);

/// A two-year synthetic book as of 2024-12-31.
inline const Book& synthetic_book(std::size_t deals) {
  static std::map<std::size_t, std::unique_ptr<Book>> cache;
  auto& slot = cache[deals];
  if (!slot) slot = std::make_unique<Book>(generate_synthetic_book({deals, 1, to_day(2023, 1, 1), kForecastAsOf}).book);
  return *slot;
}

/// `count` open deals: the deals open at T in a 100,000-deal book, repeated.
inline DealStates many_open_deals(const Book& book, std::size_t count) {
  const DealStates open = open_deal_states(AsOfView(book, kForecastAsOf));
  DealStates out;
  out.as_of = open.as_of;
  for (std::size_t i = 0; i < count; ++i) append_row(out, open, i % open.size());
  return out;
}

}  // namespace pipecast::bench
