/// @file
/// The funnel: how many deals reach each stage of a pipeline, how many of them
/// go on to the next stage, and how many are won.
///
/// How deals count (everything as of the scope's date T; nothing later is seen):
/// - A pipeline's funnel has one step per open stage, in stage order, and a
///   last step for winning (all of the pipeline's won stages together).
/// - A deal *reached* a step if it ever entered that stage, a later open stage
///   or a won stage.  A deal that skipped a stage (Qualify straight to Propose)
///   counts as having passed it; a deal created in a later stage counts as
///   having passed the ones before; every deal reached the first step.  A deal
///   that went back and forth counts once per step (its furthest stage decides),
///   never twice.  A lost stage is not a step: a deal lost from Discover reached
///   Discover and no further.
/// - Conversion to the next step, `to_next`: among the deals that reached this
///   step and whose outcome here is known, the share that reached the next one.
///   The outcome is known once the deal reached the next step (a success), or
///   was lost without getting further (a failure).  A deal still open whose
///   furthest stage is this one is undecided and left out: counting it as a
///   failure would make recent stages look leakier than they are.
///   `to_next_raw` is the plain ratio reached next / reached, undecided deals
///   counted as not converted (what most CRMs show).
/// - Win rate, `to_won`: among the deals that reached this step and are closed
///   at T, the share won.  Open deals are left out.
/// - Values are the deals' amounts as of T in the base currency (blank: 0).
/// - Every rate carries its sample (successes, trials) and a Wilson 95%
///   interval (Rate::interval()); with no trials its value is NaN.
/// - Cohorts group deals by the period (options().cohort: month "2024-03",
///   quarter "2024-Q1", ...; a range cohort means month) of their creation day;
///   each cohort has the same funnel, computed over its deals only.  Periods
///   with no deal created are left out.
#pragma once

#include "pipecast/analytics/scope.hpp"
#include "pipecast/analytics/statistics.hpp"

#include <cstddef>
#include <string>
#include <vector>

namespace pipecast {

/// One step of a pipeline's funnel: an open stage, or the won step last.
struct FunnelStep {
  StageId stage = 0;   ///< the open stage, or the pipeline's first won stage
  std::string name;    ///< won stages' names joined by " / " when there are several
  StageKind kind = StageKind::open;  ///< open for a stage step, won for the last
  std::size_t reached = 0;     ///< deals that reached this step
  double reached_value = 0.0;  ///< their amounts, base currency
  Rate to_next;      ///< decided deals: reached next / (reached next + lost here)
  Rate to_next_raw;  ///< reached next / reached (undecided counted as not converted)
  Rate to_won;       ///< won / closed, among the deals that reached this step
  /// Memberwise equality.
  bool operator==(const FunnelStep&) const = default;
};

/// The funnel of one pipeline.
struct PipelineFunnel {
  PipelineId pipeline = 0;        ///< the pipeline in the book
  std::string name;               ///< its name
  std::size_t deals = 0;          ///< deals of this pipeline (in the cohort)
  std::vector<FunnelStep> steps;  ///< open stages in order, then won
  /// Memberwise equality.
  bool operator==(const PipelineFunnel&) const = default;
};

/// The funnel of the deals created in one period.
struct FunnelCohort {
  Period cohort;                            ///< the creation period
  std::vector<PipelineFunnel> pipelines;    ///< same pipelines as FunnelReport::pipelines
  /// Memberwise equality.
  bool operator==(const FunnelCohort&) const = default;
};

/// The funnel of every pipeline in scope, overall and by creation cohort.
struct FunnelReport {
  Day as_of = kNoDay;                       ///< the scope's date T
  std::vector<PipelineFunnel> pipelines;    ///< every pipeline in scope, book order
  /// The scope's cohort kind (month for a range).
  PeriodKind cohort_kind = PeriodKind::month;
  /// Every period from the first creation in scope to the last, empty ones
  /// included; oldest first.
  std::vector<FunnelCohort> cohorts;
  /// Memberwise equality.
  bool operator==(const FunnelReport&) const = default;
};

/// The funnel of every pipeline in scope, overall and by creation cohort.
/// One pass over the deals and their history known at T.
FunnelReport funnel(const Scope& scope);

}  // namespace pipecast
