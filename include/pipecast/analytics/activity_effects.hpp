/// @file
/// What worked: for each open stage, the activities of the deals that left
/// it forward compared with those of the deals lost from it, and a playbook.
///
/// How deals count (as of the scope's date T; only activities dated by T):
/// - A stay of a deal in an open stage that ended by T is *advanced* when the
///   next stage is later in the pipeline (or won), *lost* when it is a lost
///   stage; a step back is neither and is left out.  A stay still going on at
///   T is *open* (the playbook counts them).  The pipeline and filters of the
///   scope apply; only a deal's own activities count (not its account's).
/// - The activities of a stay are those dated in [entered, left).
///
/// The window.  Each side's activities are read over windows of the same
/// length (`window_days`, 14 by default) and the same anchor, chosen so that
/// the outcome does not decide what is measured: the window ends at the
/// stay's last *active day* L (the last day with an activity), not at the
/// day it left, and holds the days [max(entered, L - window), L), L itself
/// excluded.  Why:
/// - Anchored at the exit, a lost deal that went quiet weeks before it was
///   lost would show no activity of any type, so every type, even one with
///   no link to the outcome, would look associated with advancing: the
///   silence would be counted once per type.  The silence is measured once,
///   by itself (below); the types and sequences say how deals were worked
///   while they were being worked.
/// - L's own day is left out because its activities are the ones that made
///   it the last: which type came last is partly chosen by the anchor.  The
///   days before L are not (what happens on them is independent of the
///   condition "nothing after L" for activities that arrive independently).
/// - Rates are per day of window, so a stay shorter than the window counts
///   for the days it has.  A stay without activity, or whose window is empty
///   (its only active day is the day it entered), enters no type or sequence
///   comparison; it does enter the gap comparisons.
///
/// The comparisons (each made when both sides have at least `min_deals`
/// deals and the pattern occurs in at least `min_support` of them):
/// - type: activities of one type per day of window;
/// - sequence: two or three consecutive activities of given types (in date
///   order; rows of one day in the order given), occurrences per day of
///   window;
///   the effect of both is the rate ratio advanced / lost (pooled rates),
///   with a 95% interval from the delta method on each side's ratio
///   estimator, deal by deal (robust to deals that log more than others),
///   and the two-sided p-value of its log;
/// - gap: the final silence, the days from the last active day of the stay
///   (or its entry) to the day it left; the effect is the probability that
///   an advanced stay's silence is longer than a lost one's (ties half),
///   with the Hanley-McNeil 95% interval and the Mann-Whitney test's normal
///   p-value (no tie correction: conservative).  The longest gap anywhere
///   in the stay is not compared: it grows with the stay's length, which
///   differs between stays that advance and stays that are lost, so on a
///   book drawn without any effect it was "associated with losing" in four
///   stages of seven.
/// Every p-value of every stage is adjusted together (Benjamini-Hochberg);
/// a comparison is flagged when its q-value is below `fdr`.
///
/// Wording: an association, never a cause.  Deals that advance may be worked
/// harder because they were going well; a meeting may follow the progress it
/// seems to announce.  The findings say "associated with advancing" or
/// "associated with losing".
///
/// The playbook of a stage: among its flagged types and sequences associated
/// with advancing, the one whose interval's lower bound is highest (the
/// strongest association the data is sure of); the deals open at T in that
/// stage are *off* it when the pattern has not occurred in their stay's
/// last `window_days` days up to T.
///
/// Costs: one pass over the scope's deals and their activities; memory in
/// the number of comparisons.
#pragma once

#include "pipecast/analytics/scope.hpp"
#include "pipecast/analytics/statistics.hpp"

#include <cstddef>
#include <limits>
#include <string>
#include <string_view>
#include <vector>

namespace pipecast {

/// The choices of the analysis (see the file's documentation).
struct ActivityEffectOptions {
  int window_days = 14;         ///< the window's length, days (> 0)
  std::size_t min_deals = 20;   ///< deals each side needs for a comparison
  std::size_t min_support = 10; ///< deals in which a pattern must occur
  double fdr = 0.05;            ///< the Benjamini-Hochberg level of a flag
};

/// What a comparison measures.
enum class ActivityMeasure : std::uint8_t {
  type,      ///< activities of one type per day of window
  sequence,  ///< two or three consecutive types per day of window
  gap,       ///< days of silence
};
/// "type", "sequence" or "gap".
std::string_view to_string(ActivityMeasure measure);

/// One comparison of advanced with lost stays of a stage.
struct ActivityComparison {
  std::string pipeline;  ///< the stage's pipeline
  std::string stage;     ///< the stage compared
  ActivityMeasure measure = ActivityMeasure::type;  ///< what is measured
  /// A type ("meeting"), a sequence ("email > meeting"), or the gap
  /// ("final silence").
  std::string pattern;
  std::size_t steps = 0;     ///< 1 for a type, 2 or 3 for a sequence, 0 for a gap
  std::size_t advanced = 0;  ///< advanced stays compared
  std::size_t lost = 0;      ///< lost stays compared
  /// Stays with the pattern at least once (types and sequences; for the
  /// gap: stays silent for at least window_days).
  std::size_t advanced_with = 0;
  std::size_t lost_with = 0;  ///< as advanced_with, lost side
  /// Types and sequences: occurrences per week of window; gaps: the median, days.
  double advanced_value = std::numeric_limits<double>::quiet_NaN();
  double lost_value = std::numeric_limits<double>::quiet_NaN();  ///< as advanced_value
  /// Types and sequences: the rate ratio advanced / lost; gaps: P(an advanced
  /// stay's gap > a lost one's).  NaN when not estimable (no occurrence on a side).
  double effect = std::numeric_limits<double>::quiet_NaN();
  Interval effect_interval{std::numeric_limits<double>::quiet_NaN(),
                           std::numeric_limits<double>::quiet_NaN()};  ///< 95%
  double p_value = std::numeric_limits<double>::quiet_NaN();  ///< two-sided
  double q_value = std::numeric_limits<double>::quiet_NaN();  ///< Benjamini-Hochberg
  bool flagged = false;  ///< q_value < fdr
  /// "advancing" when the pattern (or a longer gap) goes with advancing,
  /// "losing" when with losing, "" when the effect is not known.
  std::string associated_with;
};

/// One open stage: its stays and its playbook.
struct ActivityStage {
  std::string pipeline;          ///< the pipeline
  std::string stage;             ///< the open stage
  std::size_t advanced = 0;      ///< stays that ended forward by T
  std::size_t lost = 0;          ///< stays that ended lost by T
  std::size_t without_window = 0;  ///< of those, without a window (no activity before the last active day)
  std::size_t open = 0;          ///< deals in the stage at T
  std::string playbook;          ///< the pattern; "" when none is flagged toward advancing
  ActivityMeasure playbook_measure = ActivityMeasure::type;  ///< a type or a sequence
  double playbook_effect = std::numeric_limits<double>::quiet_NaN();  ///< its rate ratio
  double playbook_q_value = std::numeric_limits<double>::quiet_NaN();  ///< its q-value
  std::size_t open_off_playbook = 0;  ///< open deals without it in their last window_days days
};

/// The analysis of a scope.
struct ActivityEffects {
  Day as_of = kNoDay;                    ///< the scope's date T
  ActivityEffectOptions options;         ///< as used
  std::size_t activities = 0;            ///< deal activities dated by T in scope
  std::vector<ActivityStage> stages;     ///< each open stage in scope, in pipeline order
  /// Every comparison made: by stage, then gaps, types, sequences (patterns
  /// in alphabetical order).
  std::vector<ActivityComparison> comparisons;
  /// How many comparisons are flagged.
  std::size_t flagged() const;
};

/// What worked in `scope` (see the file's documentation).  Throws
/// std::invalid_argument for a window_days below 1 or an fdr outside (0, 1).
ActivityEffects activity_effects(const Scope& scope, const ActivityEffectOptions& options = {});

}  // namespace pipecast
