// Scoring through the C ABI: the deals open at a day, each with its win
// probability, expected close day and expected amount; a result of kind
// "scores" whose table has the columns of `pipecast score`, and a bulk read
// of the three figures into the host's arrays.
#include "model.hpp"

#include "input.hpp"
#include "result.hpp"

#include "pipecast/forecast/forecast_tables.hpp"
#include "pipecast/forecast/json.hpp"

#include <optional>
#include <stdexcept>
#include <string>

using pipecast::capi::Error;
using pipecast::capi::guard;
using pipecast::capi::live;
using pipecast::capi::require;

namespace pipecast::capi {
namespace {

constexpr std::size_t kScoreEnds[] = {0, PIPECAST_LAYOUT_END(pipecast_score_options, explain),
                                      PIPECAST_LAYOUT_END(pipecast_score_options, drivers)};
static_assert(std::size(kScoreEnds) == PIPECAST_SCORE_OPTIONS_VERSION + 1);

constexpr std::uint32_t kMaxExplain = 20;  // as the CLI's --explain
constexpr std::uint32_t kMaxDrivers = 20;  // as the CLI's --drivers
constexpr const char* kScoreTables[] = {"scores"};

// Keeps the book and the model it read, so that the table and the JSON,
// made on request, may come after the host freed both handles.
class ScoresSource final : public ResultSource {
 public:
  ScoresSource(std::shared_ptr<const Book> book, std::shared_ptr<const FittedModel> model, DealScores scores,
               std::size_t explain, std::optional<ScoreChanges> changes)
      : book_(std::move(book)),
        model_(std::move(model)),
        scores_(std::move(scores)),
        explain_(explain),
        changes_(std::move(changes)) {}

  const char* kind() const override { return "scores"; }
  std::span<const char* const> table_names() const override { return kScoreTables; }

  ResultTable make_table(std::string_view name) const override {
    if (name != "scores") throw std::logic_error("scores table " + std::string(name) + " is listed but not made");
    return table();
  }

  nlohmann::ordered_json make_json() const override { return nlohmann::ordered_json::parse(text()); }

  // The very text of `pipecast score --format json` (which indents by 2).
  std::optional<std::string> whole_text(int indent) const override {
    if (indent != 2) return std::nullopt;
    return text();
  }

  const DealScores& scores() const { return scores_; }

 private:
  std::shared_ptr<const Book> book_;
  std::shared_ptr<const FittedModel> model_;
  DealScores scores_;
  std::size_t explain_;
  std::optional<ScoreChanges> changes_;

  ResultTable table() const {
    return scores_table(*book_, scores_,
                        {.explain = explain_, .model = model_.get(), .changes = changes_ ? &*changes_ : nullptr});
  }
  std::string text() const { return scores_json(scores_, table(), changes_ ? changes_->since : kNoDay); }
};

const ScoresSource& scores_of(const pipecast_result& result) {
  const auto* source = dynamic_cast<const ScoresSource*>(result.source.get());
  if (source == nullptr)
    throw Error(PIPECAST_ERROR_INVALID_ARGUMENT,
                std::string("result is a ") + result.source->kind() + " result, not scores (made by pipecast_score)");
  return *source;
}

}  // namespace
}  // namespace pipecast::capi

extern "C" {

int pipecast_score_options_init(pipecast_score_options* options, uint32_t version) {
  return pipecast::capi::init_versioned(__func__, options, version,
                                        pipecast_score_options PIPECAST_SCORE_OPTIONS_INIT,
                                        pipecast::capi::kScoreEnds, "options");
}

int pipecast_score(const pipecast_model* model, const pipecast_book* book, const pipecast_score_options* options,
                   pipecast_result** out) {
  if (out != nullptr) *out = nullptr;
  return guard(__func__, [&] {
    const pipecast_model& m = live(model, "model");
    const pipecast_book& b = live(book, "book");
    require(out, "out");
    const pipecast_score_options defaults = PIPECAST_SCORE_OPTIONS_INIT;
    const pipecast_score_options o =
        options ? pipecast::capi::read_versioned(*options, defaults, pipecast::capi::kScoreEnds, "options") : defaults;
    if (o.explain > pipecast::capi::kMaxExplain)
      throw Error(PIPECAST_ERROR_INVALID_ARGUMENT,
                  "options->explain is " + std::to_string(o.explain) + ", expected 0..20");
    if (o.drivers > pipecast::capi::kMaxDrivers)
      throw Error(PIPECAST_ERROR_INVALID_ARGUMENT,
                  "options->drivers is " + std::to_string(o.drivers) + ", expected 0..20");
    const pipecast::Day as_of = pipecast::capi::working_day(b, o.as_of_day, "options->as_of_day");
    pipecast::DealScores scores = m.model->score(pipecast::AsOfView(*b.book, as_of));
    std::optional<pipecast::ScoreChanges> changes;
    if (o.since_day != PIPECAST_NO_DAY) {
      const pipecast::Day since = pipecast::capi::day_argument(o.since_day, "options->since_day", false);
      try {
        changes = pipecast::score_changes(*m.model, *b.book, scores, since, o.drivers);
      } catch (const std::invalid_argument& e) {
        throw Error(PIPECAST_ERROR_INVALID_ARGUMENT, std::string("options->since_day: ") + e.what());
      }
    }
    *out = pipecast::capi::new_result(std::make_unique<pipecast::capi::ScoresSource>(
        b.book, m.model, std::move(scores), o.explain, std::move(changes)));
    return PIPECAST_OK;
  });
}

int pipecast_score_count(const pipecast_result* result, size_t* out_count) {
  return guard(__func__, [&] {
    const pipecast_result& r = live(result, "result");
    require(out_count, "out_count");
    *out_count = pipecast::capi::scores_of(r).scores().size();
    return PIPECAST_OK;
  });
}

int pipecast_score_read(const pipecast_result* result, double* win_probability, double* expected_amount,
                        int32_t* expected_close_day, size_t count) {
  return guard(__func__, [&] {
    const pipecast_result& r = live(result, "result");
    const pipecast::DealScores& s = pipecast::capi::scores_of(r).scores();
    if (count != s.size())
      throw Error(PIPECAST_ERROR_INVALID_ARGUMENT, "count is " + std::to_string(count) + " but the result scored " +
                                                       std::to_string(s.size()) +
                                                       " deals: the arrays must hold one value per deal");
    // One pass per array the host wants: each loop is a plain stream.
    if (win_probability != nullptr)
      for (std::size_t i = 0; i < count; ++i) win_probability[i] = s.win_probability[i];
    if (expected_amount != nullptr)
      for (std::size_t i = 0; i < count; ++i) expected_amount[i] = s.expected_amount(i);
    if (expected_close_day != nullptr)
      for (std::size_t i = 0; i < count; ++i) expected_close_day[i] = s.expected_close(i);
    return PIPECAST_OK;
  });
}

}  // extern "C"
