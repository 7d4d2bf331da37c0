/// @file
/// What an analysis looks at: the book as of a date, one pipeline or all, a
/// reporting period, and filters on any dimension or custom attribute.
#pragma once

#include "pipecast/core/as_of.hpp"
#include "pipecast/core/calendar.hpp"

#include <functional>
#include <optional>
#include <span>
#include <string>
#include <vector>

namespace pipecast {

/// Keep deals whose `field` equals `value`.  field: account, owner, product,
/// source, segment, or the name of a custom attribute.
struct Filter {
  std::string field;  ///< a dimension's name or a custom attribute's
  std::string value;  ///< the exact value kept ("" keeps the blank ones)
};

/// What an analysis looks at: the CLI's --as-of, --period, --pipeline,
/// --filter, --cohort, --trend-periods and --fiscal-start.
struct AnalysisOptions {
  Day as_of = kNoDay;                      ///< kNoDay: the book's latest day
  std::string pipeline;                    ///< "": every pipeline
  std::optional<Period> period;            ///< default: the quarter containing as_of
  PeriodKind cohort = PeriodKind::month;   ///< creation cohorts and trend periods
  int trend_periods = 4;                   ///< how many periods trends look back
  FiscalCalendar fiscal;                   ///< for FY periods
  std::vector<Filter> filters;             ///< all must match
};

/// One stay of a deal in a stage, as known at the scope's date.
struct StageVisit {
  StageId stage;  ///< the stage
  Day entered;    ///< the day it was entered
  Day left;     ///< the day it entered its next stage; as_of for the current stay
  bool current; ///< the stay is still going on at as_of
};

/// The deals of an analysis: positions k in an as-of view that pass the
/// pipeline and the filters.  Throws std::invalid_argument for an unknown
/// pipeline or filter field, naming the known ones.
class Scope {
 public:
  /// The deals of `book` in scope of `options`.  The book must outlive the
  /// scope.  Also throws std::invalid_argument for an empty book without an
  /// as-of date.
  Scope(const Book& book, const AnalysisOptions& options);

  /// The book analysed.
  const Book& book() const { return *book_; }
  /// The book as of the scope's date; deals() indexes into it.
  const AsOfView& view() const { return view_; }
  /// The options it was made with (as_of and period as given, not resolved).
  const AnalysisOptions& options() const { return options_; }
  /// The scope's date: options().as_of, or the book's latest day.
  Day as_of() const { return view_.as_of(); }
  /// The period reported on: options().period, or the calendar quarter
  /// containing as_of().
  const Period& period() const { return period_; }
  /// The periods of options().cohort kind ending with the one containing
  /// as_of, oldest first: options().trend_periods of them (fewer when they
  /// would reach before 1400-01-01, where the calendar starts).
  std::vector<Period> trend_periods() const;

  /// Positions in view() of the deals in scope, ascending.
  std::span<const std::size_t> deals() const { return deals_; }
  /// Whether a pipeline is in scope (all are when none was chosen).
  bool includes_pipeline(PipelineId pipeline) const;

  // Facts about deal k of view(), as of the scope's date.

  /// Whether deal k of view() is open, won or lost at the scope's date.
  StageKind state(std::size_t k) const { return view_.stage_info(k).kind; }
  /// The day a closed deal entered its closing stage; kNoDay when open.
  Day closed_on(std::size_t k) const;
  /// The day deal k of view() was created.
  Day created(std::size_t k) const { return book_->created_column()[view_.deal(k)]; }
  /// Amount in the base currency; 0 for a blank amount.
  double amount(std::size_t k) const;
  /// Calls `visit` for each stay of deal k in a stage, in order.
  void for_each_visit(std::size_t k, const std::function<void(const StageVisit&)>& visit) const;

 private:
  const Book* book_;
  AnalysisOptions options_;
  AsOfView view_;
  Period period_;
  std::optional<PipelineId> pipeline_;
  std::vector<std::size_t> deals_;
};

}  // namespace pipecast
