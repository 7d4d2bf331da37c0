#include "pipecast/forecast/stage_keys.hpp"

#include "forecast/loaded_values.hpp"

namespace pipecast {

StageKeys StageKeys::of(const Book& book) { return of(book.pipelines(), book.stages()); }

StageKeys StageKeys::of(const std::vector<Pipeline>& pipelines, const std::vector<Stage>& stages) {
  StageKeys keys;
  for (const Stage& s : stages) {
    keys.pipeline.push_back(pipelines.at(s.pipeline).name);
    keys.stage.push_back(s.name);
  }
  return keys;
}

std::vector<std::uint32_t> StageKeys::map_to(const Book& book) const {
  std::vector<std::uint32_t> out(book.stages().size(), kUnknownStage);
  for (std::uint32_t m = 0; m < size(); ++m) {
    const auto p = book.find_pipeline(pipeline[m]);
    if (!p) continue;
    if (const auto s = book.find_stage(*p, stage[m])) out[*s] = m;
  }
  return out;
}

std::string StageKeys::flaw() const {
  if (pipeline.size() != stage.size()) return "stage keys: pipelines and stages differ in number";
  if (stage.size() >= kUnknownStage) return "stage keys: too many stages";
  if (!loaded::texts(pipeline) || !loaded::texts(stage))
    return "stage keys: a name that is not UTF-8 text";
  return "";
}

}  // namespace pipecast
