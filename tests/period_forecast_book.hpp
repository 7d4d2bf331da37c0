// The book of the period forecast's tests (tests/forecast) and of its
// interval coverage (tests/accuracy): 30,000 deals over four and a half
// years, made once per program.
#pragma once

#include "pipecast/synth/synthetic_book.hpp"

namespace pipecast::test {

inline const SyntheticBook& period_forecast_book() {
  static const SyntheticBook book = generate_synthetic_book({30000, 5, to_day(2022, 1, 1), to_day(2026, 6, 30)});
  return book;
}

}  // namespace pipecast::test
