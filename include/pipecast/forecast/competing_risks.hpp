/// @file
/// Time to an event with competing causes (won or lost; or which stage comes
/// next), from observations some of which are still waiting (censored).
///
/// The Aalen-Johansen estimator: with S(t) the probability that nothing has
/// happened by day t, the cumulative incidence of cause j is
///   F_j(t) = sum over days u <= t of S(u - 1) * d_j(u) / n(u),
/// where n(u) counts the observations still waiting at the start of day u and
/// d_j(u) the events of cause j on day u.  Unlike dropping the deals still open,
/// it does not forget that slow deals exist.
#pragma once

#include <cstdint>
#include <span>
#include <string>
#include <vector>

namespace pipecast {

/// Cause 0 means censored: the observation was still waiting after `time` days.
inline constexpr std::uint8_t kCensored = 0;

/// The Aalen-Johansen estimate of each cause's cumulative incidence and of
/// the survival, by day from 0 to a horizon.
class CumulativeIncidence {
 public:
  /// An empty estimate (no causes, no days).
  CumulativeIncidence() = default;

  /// Times in days (clamped to 0..horizon; later events count as censored at
  /// the horizon), causes in 0..causes.  Throws std::invalid_argument when
  /// the spans differ in size or a cause is out of range.
  static CumulativeIncidence estimate(std::span<const std::int32_t> time,
                                      std::span<const std::uint8_t> cause, int causes, int horizon);
  /// The same with a weight per observation (e.g. its amount, for the
  /// timing of won money rather than of won deals); weights must be >= 0.
  static CumulativeIncidence estimate(std::span<const std::int32_t> time,
                                      std::span<const std::uint8_t> cause,
                                      std::span<const double> weight, int causes, int horizon);
  /// The estimate from its table of events: events[c * (horizon + 1) + t]
  /// the weight of the observations of cause c (0: censored) at day t
  /// (times past the horizon already counted as censored at it), `total`
  /// their whole weight, `observations` their number.  estimate() makes the
  /// table and calls it; a fit from parts (fit_statistics.hpp) merges the
  /// tables first.  Throws std::invalid_argument for a table of the wrong
  /// size or a weight that is negative or not finite.
  static CumulativeIncidence from_events(std::span<const double> events, double total,
                                         std::size_t observations, int causes, int horizon);

  /// The number of causes (not counting censoring).
  int causes() const { return causes_; }
  /// The last day estimated.
  int horizon() const { return horizon_; }
  /// How many observations the estimate was made from.
  std::size_t observations() const { return observations_; }
  /// P(an event of `cause` (1-based) within `day` days); day clipped to 0..horizon.
  double incidence(int cause, int day) const;
  /// P(no event within `day` days).
  double survival(int day) const;

  /// What makes a value read from a file unusable, or "" when it is sound.
  std::string flaw() const;
  /// Memberwise equality.
  bool operator==(const CumulativeIncidence&) const = default;

 private:
  // The model file's layout (src/forecast/model_serialization.hpp): Boost
  // stays out of this header.
  template <class Archive>
  friend void archive_fields(Archive& archive, CumulativeIncidence& incidence);
  int causes_ = 0;
  int horizon_ = 0;
  std::size_t observations_ = 0;
  std::vector<double> incidence_;  // [cause - 1][day], day 0..horizon
  std::vector<double> survival_;   // [day]
};

}  // namespace pipecast
