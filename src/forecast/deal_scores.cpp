#include "pipecast/forecast/deal_scores.hpp"

namespace pipecast {

double DealScores::closes_between(std::size_t i, Day first, Day last) const {
  if (last < first) return 0.0;
  const TimingCurve& timing = (*curves)[curve[i]];
  const Day start = as_of() + shift[i];
  return timing.within(last - start) - timing.within(first - 1 - start);
}

Day DealScores::expected_close(std::size_t i) const {
  return as_of() + shift[i] + (*curves)[curve[i]].median();
}

}  // namespace pipecast
