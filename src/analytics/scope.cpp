#include "pipecast/analytics/scope.hpp"

#include <stdexcept>

namespace pipecast {
namespace {

Day resolve_day(const Book& book, Day as_of) {
  if (as_of != kNoDay) return as_of;
  const Day latest = book.latest_day();
  if (latest == kNoDay) throw std::invalid_argument("the book is empty: give an as-of date");
  return latest;
}

// The column a filter reads: a dimension, or a custom attribute.
std::function<std::string_view(DealIndex)> filter_column(const Book& book, const std::string& field) {
  for (Dimension d : kDimensions)
    if (to_string(d) == field)
      return [&book, d](DealIndex i) -> std::string_view { return book.dictionary(d)[book.codes(d)[i]]; };
  const auto& attributes = book.attributes();
  for (std::size_t c = 0; c < attributes.size(); ++c)
    if (attributes.names[c] == field)
      return [&attributes, c](DealIndex i) { return attributes.value(c, i); };
  std::string known = "account, owner, product, source, segment";
  for (const auto& name : attributes.names) known += ", " + name;
  throw std::invalid_argument("unknown filter field '" + field + "' (known: " + known + ")");
}

}  // namespace

Scope::Scope(const Book& book, const AnalysisOptions& options)
    : book_(&book), options_(options), view_(book, resolve_day(book, options.as_of)) {
  period_ = options.period ? *options.period
                           : period_containing(view_.as_of(), PeriodKind::quarter, options.fiscal);
  if (!options.pipeline.empty()) {
    pipeline_ = book.find_pipeline(options.pipeline);
    if (!pipeline_) {
      std::string known;
      for (const auto& p : book.pipelines()) known += (known.empty() ? "" : ", ") + p.name;
      throw std::invalid_argument("unknown pipeline '" + options.pipeline + "' (known: " + known + ")");
    }
  }
  std::vector<std::pair<std::function<std::string_view(DealIndex)>, std::string>> filters;
  for (const auto& f : options.filters) filters.emplace_back(filter_column(book, f.field), f.value);
  for (std::size_t k = 0; k < view_.size(); ++k) {
    const DealIndex i = view_.deal(k);
    if (pipeline_ && book.pipeline_column()[i] != *pipeline_) continue;
    bool keep = true;
    for (const auto& [column, value] : filters) keep = keep && column(i) == value;
    if (keep) deals_.push_back(k);
  }
}

std::vector<Period> Scope::trend_periods() const {
  const PeriodKind kind = options_.cohort == PeriodKind::range ? PeriodKind::month : options_.cohort;
  std::vector<Period> periods;
  Period p = period_containing(as_of(), kind, options_.fiscal);
  for (int n = 0; n < options_.trend_periods; ++n) {
    periods.insert(periods.begin(), p);
    if (p.first == kFirstDay) break;  // the calendar starts here: fewer periods
    p = period_containing(p.first - 1, kind, options_.fiscal);
  }
  return periods;
}

bool Scope::includes_pipeline(PipelineId pipeline) const { return !pipeline_ || *pipeline_ == pipeline; }

Day Scope::closed_on(std::size_t k) const {
  return view_.stage_info(k).is_closed() ? view_.stage_entered(k) : kNoDay;
}

double Scope::amount(std::size_t k) const {
  const double value = view_.amount_in_base(k);
  return is_blank(value) ? 0.0 : value;
}

void Scope::for_each_visit(std::size_t k, const std::function<void(const StageVisit&)>& visit) const {
  const DealIndex i = view_.deal(k);
  const std::uint32_t begin = book_->history_begin(i);
  const std::uint32_t end = view_.history_end(k);
  if (begin == end) {  // no history known: one stay since creation
    visit({view_.stage(k), created(k), as_of(), true});
    return;
  }
  const auto stages = book_->history_stage_column();
  const auto entered = book_->history_entered_column();
  std::uint32_t r = begin;
  while (r < end) {
    std::uint32_t next = r + 1;
    while (next < end && stages[next] == stages[r]) ++next;  // a re-entry continues the stay
    const bool current = next == end;
    visit({stages[r], entered[r], current ? as_of() : entered[next], current});
    r = next;
  }
}

}  // namespace pipecast
