/// @file
/// The charts of the HTML report on their own, for a host that shows them
/// elsewhere (a notebook, a dashboard): each the very `<svg>` element the
/// page shows, self-contained (its styles inside, nothing loaded), with the
/// note the page prints under it.  The page's sections draw their charts
/// with these functions, so both always agree.
#pragma once

#include "pipecast/analytics/report.hpp"
#include "pipecast/analytics/time_split.hpp"
#include "pipecast/render/html_report.hpp"

#include <cstddef>
#include <string>
#include <vector>

namespace pipecast::render {

/// One chart of the report.
struct Chart {
  /// What it shows, and of what: "funnel/PIPELINE", "time_in_stage/PIPELINE",
  /// "win_rate/FIELD", "products", "forecast".
  std::string name;
  std::string note;  ///< what the page says under it ("The 12 best ranked of 40 products."); "" for nothing
  std::string svg;   ///< the `<svg>` element, UTF-8
};

/// The funnel chart of one pipeline: deals that reached each stage.
Chart pipeline_funnel_chart(const PipelineFunnel& funnel, const std::string& currency);
/// Median days of completed stays in each stage of one pipeline, whisker to
/// the 90th percentile.
Chart time_in_stage_chart(const PipelineVelocity& pipeline);
/// The win rate of each value of one field (the kMaxWinRateValues with the
/// most closed deals), with 95% intervals and the overall rate.
Chart win_rate_chart(const PatternField& field, const Rate& overall);
/// Expected revenue from the open pipeline of the kMaxProductBars best
/// ranked products.
Chart product_chart(const ProductReport& products, const std::string& currency);
/// The forecast's fan: per period, P10..P90, median, expected, and the
/// actual where it is known.
Chart forecast_chart(const ForecastFan& fan, const std::string& currency);

/// Where time went and where won revenue came from, for every owner of
/// `split` together: two charts with the same rows (each stage with an
/// activity or won revenue, then each deal-size band), "time_split/time"
/// the share of the activities and "time_split/won" the share of the won
/// revenue, to be read side by side.
std::vector<Chart> time_split_charts(const TimeSplit& split);
/// The most values a win-rate chart shows: a field with hundreds of values
/// (accounts) would make a chart no one reads.
inline constexpr std::size_t kMaxWinRateValues = 12;
/// The most products a product chart shows.
inline constexpr std::size_t kMaxProductBars = 12;

/// Every chart the page shows of `report`, in the page's order: each
/// pipeline's funnel and time in stage (where it has deals, and completed
/// stays), each field's win rates (once a deal is closed), the products.
std::vector<Chart> report_charts(const Report& report);

}  // namespace pipecast::render
