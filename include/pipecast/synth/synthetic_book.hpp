/// @file
/// A synthetic book whose true parameters are known.
///
/// The demo, the tests and the benchmarks need a realistic book of any size, and
/// the forecasting tests need to know what the right answer is.  The generator
/// simulates each deal as a semi-Markov process over its pipeline's stages and
/// returns, beside the book, the parameters it drew from (SynthTruth), so that
/// an estimate can be checked against the truth rather than against another
/// estimate.
///
/// The book is a pure function of SynthOptions: the same options give the same
/// book bit for bit with any compiler and standard library (the generator uses
/// its own random number generator and its own log/exp, and no std::
/// distribution, whose output is implementation-defined).  This assumes IEEE
/// double arithmetic without excess precision (SSE2 on 32-bit x86).
///
/// The model, for one deal:
/// - It is created on a day drawn from a creation rate with monthly seasonality,
///   fewer creations at weekends and a steady growth (SynthCreation), in one of
///   two pipelines, for an account (accounts buy repeatedly; an account has a
///   segment, a currency and an owner), with a source and a primary product.
/// - Its quality (a logit) is the sum of the effects of its segment, product,
///   source and owner, plus a normal deal-specific noise.
/// - It starts in the first stage of its pipeline.  At each open stage the next
///   event is drawn: lose with probability logistic(lose_logit - quality);
///   otherwise regress one stage with probability `regress`, else move forward:
///   from the last open stage forward means won; from the others it is the next
///   stage, or the one after with probability `skip`.
/// - The time until that event is a Weibull draw whose scale depends on the
///   stage, on the event (a deal about to be lost lingers much longer) and on
///   the segment's pace, rounded up to whole days (at least one day).
/// - A win from the last open stage that would fall in the last
///   `quarter_end_window` days of a quarter slips, with probability
///   `quarter_end_slip`, to the quarter's last day: closes bunch at quarter ends.
/// - Each stage change may renegotiate the amount and push (rarely pull in) the
///   expected close date; both are recorded on every history row (as they
///   stood from that row on), and a closed deal's close date is the day it
///   closed.  Amounts, pushes and the calendar do not feed back into the
///   stage process, so SynthTruth's probabilities stay exact.
/// Two pipelines ("New Business" with Qualify, Discover, Propose, Negotiate,
/// Closed Won, Closed Lost; "Renewal" with Renewal Due, Renewal Negotiation,
/// Renewal Committed, Renewed, Churned), three segments, eight products in four
/// families (a third of the deals quoted as line items), six sources, twelve
/// owners, about deals/4 accounts, USD (base), EUR and GBP, and a quota per
/// owner and for the team ("*") per quarter.
/// - Activities (SynthOptions::activities): emails, calls and meetings by the
///   deal's owner while the deal is open, drawn after its path from a random
///   stream of their own (so the deals are the same with or without them),
///   each type a Poisson process whose rate is `before_advance` times higher
///   in the `window` days before the deal moves forward or is won, and nil in
///   the `silence` days before it is lost (SynthActivities): meetings
///   announce progress, and a long silence announces a loss.  The truth
///   knows this too: SynthTruth::win_probability_given_activities().
/// Nothing after `end` happens: each deal's history stops at `end` and its
/// opportunity row holds its state then.
///
/// A regime change (SynthOptions::regime_change) splits the book in two: the
/// deals created on or after that day follow other parameters (SynthTruth::changed)
/// all their life, and the deals created before keep the first ones
/// (SynthTruth's own), so each deal's truth stays exact.  From the change on,
/// some lead sources and segments win more often and others less, one stage
/// loses fewer deals and another more, Enterprise deals move slower, three
/// owners leave (their accounts go to three new owners, who sell from the
/// change on), and a new product ("Insights AI") launches.  Without a change
/// the book is the same, bit for bit, as before the option existed.
#pragma once

#include "pipecast/core/book.hpp"
#include "pipecast/core/calendar.hpp"

#include <array>
#include <cstddef>
#include <cstdint>
#include <string>
#include <vector>

namespace pipecast {

/// Dates lie in 1900..9000, at most 100 years apart.
struct SynthOptions {
  std::size_t deals = 5000;        ///< number of opportunities, 1..50'000'000
  std::uint64_t seed = 1;          ///< the same seed gives the same book
  Day start = to_day(2023, 1, 1);  ///< first possible creation day
  Day end = to_day(2024, 12, 31);  ///< the book is as known at the end of this day
  /// Deals created on or after this day follow the changed regime
  /// (SynthTruth::changed); kNoDay for none.  It must lie strictly between
  /// start and end.
  Day regime_change = kNoDay;
  /// Log activities (SynthActivities); false: a book without any, as before
  /// activities existed.
  bool activities = true;
};

/// What ends a deal's stay in an open stage.
enum class SynthEvent : std::uint8_t {
  advance,  ///< to a later open stage (the next, or the one after it)
  regress,  ///< back one stage
  lose,     ///< to the lost stage
  win       ///< to the won stage (from the last open stage only)
};
/// The number of SynthEvent values (the size of SynthOpenStage::dwell).
inline constexpr std::size_t kSynthEvents = 4;

/// The law of the number of days a deal stays in a stage before a given event:
/// ceil(X) with X Weibull(scale * pace, shape), so P(days > d) = survival(d).
struct SynthDwell {
  double scale = 1.0;  ///< days, for a deal of pace 1
  double shape = 1.0;  ///< < 1: long tail (lingering), > 1: fairly regular
  /// P(the stay lasts more than `days` days) for a deal of the given pace.
  double survival(double days, double pace) const;
};

/// One kind of activity the owner of a deal logs while the deal is open.
struct SynthActivityType {
  std::string name;             ///< "email", "call", "meeting"
  double per_week = 0.0;        ///< the rate for a deal of pace 1 (slower deals: fewer a week)
  double before_advance = 1.0;  ///< the rate's factor in the window before a move forward or a win
  bool directed = false;        ///< has a direction (in or out)
  double inbound = 0.0;         ///< if directed: the share started by the customer
  double minutes = 0.0;         ///< the median duration; 0: none recorded
};

/// How activities follow a deal's path (see the file's documentation): the
/// effect a model of activities should find.
struct SynthActivities {
  std::vector<SynthActivityType> types;  ///< empty: no activities
  int window = 0;   ///< days before a move forward (or a win) at the lifted rate
  int silence = 0;  ///< days before a loss without any activity
};

/// The true behaviour of one open stage.
struct SynthOpenStage {
  StageId stage = 0;        ///< the stage in the book
  double lose_logit = 0.0;  ///< P(lose) = logistic(lose_logit - quality)
  double regress = 0.0;     ///< P(back one stage | not lost); 0 at the first open stage
  double skip = 0.0;        ///< P(jump two stages | moving forward); 0 where impossible
  std::array<SynthDwell, kSynthEvents> dwell{};  ///< by SynthEvent; unused ones are ignored
};

/// The true behaviour of one pipeline.
struct SynthPipeline {
  PipelineId pipeline = 0;           ///< the pipeline in the book
  std::string name;                  ///< its name
  double share = 0.0;                ///< of the deals created
  std::vector<SynthOpenStage> open;  ///< in stage order; deals start in open[0]
  StageId won = 0 /**< its won stage */, lost = 0 /**< its lost stage */;
};

/// Probabilities of the next event from an open stage (they sum to 1).
struct SynthTransition {
  double advance = 0.0;  ///< to the next stage
  double skip = 0.0;     ///< to the stage after the next
  double regress = 0.0;  ///< back one stage
  double lose = 0.0;     ///< to the lost stage
  double win = 0.0;      ///< only from the last open stage
};

/// An additive effect on the quality logit of the deals with this value.
struct SynthEffect {
  std::string name;     ///< the value (a product, a source, an owner)
  double effect = 0.0;  ///< added to the quality logit
};

/// A customer segment and how its deals behave.
struct SynthSegment {
  std::string name;     ///< the segment's name
  double effect = 0.0;  ///< on the quality logit
  double pace = 1.0;    ///< multiplies every dwell scale (Enterprise deals are slower)
  double share = 0.0;   ///< of the accounts
};

/// The creation rate of a day is proportional to
/// by_month[month - 1] * (weekend ? weekend : 1) * exp(growth * years since start).
struct SynthCreation {
  std::array<double, 12> by_month{};  ///< relative rate of each month, January first
  double weekend = 1.0;               ///< factor on Saturdays and Sundays
  double growth = 0.0;  ///< per year, on the log scale
};

/// One open stage as the reference deal sees it: quality 0 (all effects and
/// the noise zero), pace 1.  Transition probabilities depend on the quality
/// only, so this is the stage's behaviour for a middling deal.
struct SynthStageTruth {
  StageId stage = 0;             ///< the open stage
  SynthTransition next;          ///< the next event's probabilities
  double win_probability = 0.0;  ///< P(won eventually | just entered the stage)
};

/// The parameters a deal follows all its life: one regime of the book.  A
/// value's effect is looked up by its name (SynthEffect::name), and the lists
/// hold the values in use in the regime: an owner who has left is not in the
/// changed regime's `owners`, a product not yet launched not in the first
/// regime's `products`.  Segments, sources and stages are the same in both,
/// in the same order.
struct SynthRegime {
  std::vector<SynthPipeline> pipelines;  ///< by PipelineId
  std::vector<SynthSegment> segments;    ///< by the index SynthTruth::segment holds
  std::vector<SynthEffect> products /**< effect of each product */,
      sources /**< effect of each lead source */, owners /**< effect of each owner */;

  /// Every open stage of every pipeline, for the reference deal.
  std::vector<SynthStageTruth> reference;

  /// The next-event probabilities at an open stage for a deal of `quality`.
  SynthTransition transition(StageId stage, double quality) const;

  /// P(won eventually | just entered each open stage of `pipeline`), for a
  /// deal of `quality`: the absorbing-chain solve, in SynthPipeline::open order.
  std::vector<double> absorbing_win(PipelineId pipeline, double quality) const;
};

/// The index of the first regime in SynthTruth::regime (every deal without a change).
inline constexpr std::uint8_t kSynthFirstRegime = 0;
/// The index of the changed regime in SynthTruth::regime.
inline constexpr std::uint8_t kSynthChangedRegime = 1;

/// What the generator drew from.  Effects are on the logit scale: a deal's
/// quality is the sum of its segment, product, source and owner effects plus
/// quality_noise times a standard normal.  Its own SynthRegime members are
/// the first regime's parameters (those of every deal when there is no
/// regime change); `changed` holds the others.
struct SynthTruth : SynthRegime {
  double quality_noise = 0.0;  ///< standard deviation of the deal-specific part
  SynthCreation creation;      ///< when deals are created
  int quarter_end_window = 0;   ///< days before a quarter end from which wins slip
  double quarter_end_slip = 0.0;  ///< P(a win in the window slips to the quarter's last day)

  /// The first creation day of the changed regime; kNoDay without a change.
  Day regime_change = kNoDay;
  /// The book's last day (SynthOptions::end).  A stay whose end falls after
  /// it is still open in the book, and drew its activities at the plain rates.
  Day end = kNoDay;
  /// How activities were drawn (no type: SynthOptions::activities was off).
  SynthActivities activities;
  /// The parameters of the deals created on or after regime_change; empty
  /// (no pipelines) without a change.
  SynthRegime changed;

  /// The parameters of regime `index` (kSynthFirstRegime or
  /// kSynthChangedRegime).  Throws std::invalid_argument for another index,
  /// or for the changed one when there is no change.
  const SynthRegime& parameters(std::uint8_t index) const;
  /// The parameters deal `deal` follows.  Throws std::invalid_argument for a
  /// deal not in the truth.
  const SynthRegime& parameters_of(DealIndex deal) const;

  // Per deal, by DealIndex.
  std::vector<double> quality;          ///< the quality logit
  std::vector<std::uint8_t> segment;    ///< index in `segments`
  std::vector<double> win_at_creation;  ///< P(won eventually) when created, in its regime
  /// The regime the deal follows: kSynthFirstRegime, or kSynthChangedRegime
  /// for a deal created on or after regime_change.
  std::vector<std::uint8_t> regime;

  /// P(deal is won eventually | it is in `stage` and has been there
  /// `days_in_stage` days without leaving, at the end of day `as_of`).  Exact
  /// for the simulated process: the next event's probabilities weighed by the
  /// survival of each event's dwell time (Bayes), then the absorbing chain,
  /// with the parameters of the deal's own regime.  1 for a won stage and 0
  /// for a lost one.  Throws std::invalid_argument for a deal or stage that
  /// does not fit.
  double win_probability(const Book& book, DealIndex deal, StageId stage, int days_in_stage,
                         Day as_of) const;

  /// The same without the calendar: exact except for a deal in the last open
  /// stage on a day in a slip window (the quarter_end_window days before a
  /// quarter's last day), where a win that was due may still be waiting for
  /// the quarter end, so waiting tells a little less.
  double win_probability(const Book& book, DealIndex deal, StageId stage,
                         int days_in_stage) const {
    return win_probability(book, deal, stage, days_in_stage, kNoDay);
  }

  /// P(deal is won eventually | it is in `stage`, has been there
  /// `days_in_stage` days, and the activities the book logs on it up to the
  /// end of `as_of`), exact for the simulated process.  Only the current
  /// stay's activities tell: they were drawn from how and when the stay will
  /// end (SynthActivities), so each next event is weighed, beside its
  /// probability and the survival of its dwell time, by the likelihood of
  /// those activities given that event, averaged over the days on which it
  /// can come.  win_probability() when the truth has no activity model (the
  /// book was generated without activities).  Throws std::invalid_argument
  /// as win_probability() does, for a blank `as_of`, and for an activity
  /// type the truth does not know.
  double win_probability_given_activities(const Book& book, DealIndex deal, StageId stage,
                                          int days_in_stage, Day as_of) const;
};

/// A generated book and the parameters it was drawn from.
struct SyntheticBook {
  Book book;         ///< the book, as known at SynthOptions::end
  SynthTruth truth;  ///< what the generator drew from, per deal by DealIndex
};

/// Generates the book.  Throws std::invalid_argument when deals is 0 or too
/// large, a date is blank, end <= start, or a regime change does not lie
/// strictly between start and end.
SyntheticBook generate_synthetic_book(const SynthOptions& options);

}  // namespace pipecast
