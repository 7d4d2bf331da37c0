// Stage history in wide form: one column of the opportunities file per
// stage, its cells the days deals entered it (HubSpot's
// `Date entered "STAGE (PIPELINE)"`), found by the mapping's
// history_from_columns pattern.
#pragma once

#include <algorithm>
#include <string>
#include <string_view>
#include <vector>

namespace pipecast {

struct WideHistoryColumn {
  int column;            ///< in the header
  std::string stage;     ///< the stage the header names
  std::string pipeline;  ///< the pipeline it names; blank when the pattern has no {pipeline}
};

namespace wide_history_detail {

inline constexpr std::string_view kStage = "{stage}", kPipeline = "{pipeline}";

// The pattern as literal text around its placeholders.
struct Shape {
  std::string prefix, middle, suffix;
  bool stage_first = true;
  bool has_pipeline = false;
};

inline Shape shape_of(const std::string& pattern) {
  Shape shape;
  const auto stage = pattern.find(kStage), pipeline = pattern.find(kPipeline);
  if (pipeline == std::string::npos) {
    shape.prefix = pattern.substr(0, stage);
    shape.suffix = pattern.substr(stage + kStage.size());
    return shape;
  }
  shape.has_pipeline = true;
  shape.stage_first = stage < pipeline;
  const auto first = std::min(stage, pipeline), second = std::max(stage, pipeline);
  const auto first_size = shape.stage_first ? kStage.size() : kPipeline.size();
  const auto second_size = shape.stage_first ? kPipeline.size() : kStage.size();
  shape.prefix = pattern.substr(0, first);
  shape.middle = pattern.substr(first + first_size, second - first - first_size);
  shape.suffix = pattern.substr(second + second_size);
  return shape;
}

}  // namespace wide_history_detail

/// The columns of `header` that `pattern` (with `{stage}` and optionally
/// `{pipeline}`) describes.  Between the two, the text that separates them
/// is looked for from the end of the stage's side (a stage name may hold
/// "(", a pipeline's rarely does).
inline std::vector<WideHistoryColumn> wide_history_columns(const std::string& pattern,
                                                            const std::vector<std::string>& header) {
  using namespace wide_history_detail;
  const Shape shape = shape_of(pattern);
  std::vector<WideHistoryColumn> out;
  for (std::size_t c = 0; c < header.size(); ++c) {
    const std::string_view name = header[c];
    if (name.size() < shape.prefix.size() + shape.suffix.size() || !name.starts_with(shape.prefix) ||
        !name.ends_with(shape.suffix))
      continue;
    const std::string_view inner = name.substr(shape.prefix.size(), name.size() - shape.prefix.size() - shape.suffix.size());
    WideHistoryColumn column{static_cast<int>(c), std::string(inner), {}};
    if (shape.has_pipeline) {
      const auto at = shape.stage_first ? inner.rfind(shape.middle) : inner.find(shape.middle);
      if (at == std::string_view::npos) continue;
      const std::string first(inner.substr(0, at)), second(inner.substr(at + shape.middle.size()));
      column.stage = shape.stage_first ? first : second;
      column.pipeline = shape.stage_first ? second : first;
    }
    if (!column.stage.empty()) out.push_back(std::move(column));
  }
  return out;
}

}  // namespace pipecast
