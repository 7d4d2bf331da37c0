/// @file
/// The quarter's rhythm of closes: many teams book little in a quarter's
/// first month and most in its last (the quarter-end push).  The timing
/// curves count days from now and cannot see it, so a forecast made at a
/// quarter's end would spread next quarter's wins evenly over its months.
///
/// Learned from the won amounts by close month over the complete months of
/// the two years before T, grouped by the month's number modulo 3 (so a
/// fiscal quarter starting in any month is found as it is): each group's
/// mean over the months' mean, shrunk toward 1 by how clearly the groups
/// differ beyond the months' own spread (the one-way analysis of variance's
/// F: a factor of 1 - 1/F, none when F <= 1).  On the Maven export (2017)
/// the won amounts of a quarter's months ran 0.65 : 0.91 : 1.45.
#pragma once

#include "pipecast/core/book.hpp"
#include "pipecast/forecast/fit_statistics.hpp"

#include <array>
#include <span>
#include <string>
#include <vector>

namespace pipecast {

struct TimingCurve;

/// How much more (or less) closes in a month than in the average month of
/// its quarter, by the month's number modulo 3 (see the file's documentation).
struct CloseSeason {
  /// Complete months before T learned from.
  static constexpr int kMonths = 24;
  /// Fewest of them with a win for any rhythm to be learned.
  static constexpr int kMinMonths = 6;

  /// By (year * 12 + month - 1) mod 3; their mean is 1.  All 1: no rhythm.
  std::array<double, 3> factor{1.0, 1.0, 1.0};

  /// True when every month counts the same.
  bool flat() const { return factor == std::array<double, 3>{1.0, 1.0, 1.0}; }
  /// The factor of each of the `days` days from `start` (of its month).
  std::vector<double> factors_from(Day start, std::size_t days) const;
  /// `curve`, a timing counted in days after a start, with each day's share
  /// of closes scaled by that day's factor (factors_from() the start, at
  /// least as many as the curve has days; many curves seen from one day
  /// share them), and the whole scaled back so that it closes as many deals
  /// within its horizon.
  TimingCurve applied(const TimingCurve& curve, std::span<const double> day_factor) const;

  /// Adds the won amounts of `book` by close month, over the kMonths
  /// complete months before `as_of`, to `stats` (table "season.won").
  static void add_statistics(const Book& book, Day as_of, FitStatistics& stats);
  /// The rhythm of the statistics of add_statistics() (of every part).
  static CloseSeason from_statistics(const FitStatistics& stats);
  /// from_statistics(add_statistics(book, as_of)).
  static CloseSeason fit(const Book& book, Day as_of);

  /// What makes a value read from a file unusable, or "" when it is sound.
  std::string flaw() const;
  /// Memberwise equality.
  bool operator==(const CloseSeason&) const = default;
};

}  // namespace pipecast
