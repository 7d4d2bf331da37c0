// Stage history in wide form: one column of the opportunities file per
// stage, its cells the days deals entered it (HubSpot's
// `Date entered "STAGE (PIPELINE)"`), found by the mapping's
// history_from_columns pattern.
#pragma once

#include <string>
#include <vector>

namespace pipecast {

struct WideHistoryColumn {
  int column;            ///< in the header
  std::string stage;     ///< the stage the header names
  std::string pipeline;  ///< the pipeline it names; blank when the pattern has no {pipeline}
};

/// The columns of `header` that `pattern` (with `{stage}` and optionally
/// `{pipeline}`) describes.  Between the two, the text that separates them
/// is looked for from the end of the stage's side (a stage name may hold
/// "(", a pipeline's rarely does).
std::vector<WideHistoryColumn> wide_history_columns(const std::string& pattern, const std::vector<std::string>& header);

}  // namespace pipecast
