#include "pipecast/analytics/data_check.hpp"

#include "pipecast/core/calendar.hpp"

#include <algorithm>
#include <functional>
#include <map>

namespace pipecast {
namespace {

constexpr std::size_t kExamples = 5;

// The deals for which `found` holds, as a finding.
DataFinding deals_where(const Book& book, std::string check, std::string what, std::string action,
                        const std::function<bool(DealIndex)>& found) {
  DataFinding f{std::move(check), std::move(what), 0, {}, std::move(action)};
  for (DealIndex i = 0; i < book.size(); ++i) {
    if (!found(i)) continue;
    if (f.examples.size() < kExamples) f.examples.emplace_back(book.ids()[i]);
    ++f.count;
  }
  return f;
}

DataFinding piled_creations(const Book& book) {
  const std::vector<Day> piles = piled_creation_days(book.created_column());
  std::string days;
  for (const Day day : piles)
    days += (days.empty() ? "" : ", ") + format_day(day) + " (" +
            std::to_string(std::count(book.created_column().begin(), book.created_column().end(), day)) + ")";
  return deals_where(
      book, "piled_creations",
      "creation dates piled on a few days, as a data migration leaves them" + (days.empty() ? "" : ": " + days),
      "taken as given for ages and cycle times, which they distort; the rate of new deals dates these deals by "
      "their first stage entry when earlier and leaves out the others",
      [&](DealIndex i) {
        return std::find(piles.begin(), piles.end(), book.created_column()[i]) != piles.end();
      });
}

// Rows in entry order where the deal moved to an open stage placed before
// the one it was in.
bool went_backwards(const Book& book, DealIndex i) {
  const auto stages = book.history_stage_column();
  for (auto r = book.history_begin(i) + 1; r < book.history_end(i); ++r) {
    const Stage& now = book.stages()[stages[r]];
    if (!now.is_closed() && now.order < book.stages()[stages[r - 1]].order) return true;
  }
  return false;
}

DataFinding unused_stages(const Book& book) {
  std::vector<bool> used(book.stages().size(), false);
  for (const StageId s : book.stage_column()) used[s] = true;
  for (const StageId s : book.history_stage_column()) used[s] = true;
  DataFinding f{"unused_stages", "stages that no deal is in or ever entered", 0, {},
                "kept in the stage table, holding no deal"};
  for (StageId s = 0; s < book.stages().size(); ++s) {
    if (used[s]) continue;
    if (f.examples.size() < kExamples) f.examples.push_back(book.stages()[s].name);
    ++f.count;
  }
  return f;
}

// A deal's activities dated before the deal was created.
bool activity_before_created(const Book& book, DealIndex i) {
  const Activities& a = book.activities();
  // Each deal's rows are by date: its first is its earliest.
  return a.deal_begin(i) < a.deal_end(i) && a.date_column()[a.deal_begin(i)] < book.created_column()[i];
}

// Activities after the export's last day (the latest day its deals know):
// the deals and accounts holding one, deals first.
DataFinding activities_after_latest(const Book& book) {
  const Day latest = book.latest_day();
  const Activities& a = book.activities();
  // Each group's rows are by date: its last is its latest.
  const auto after = [&](std::uint32_t begin, std::uint32_t end) {
    return begin < end && a.date_column()[end - 1] > latest;
  };
  DataFinding f = deals_where(
      book, "activity_after_latest",
      "deals and accounts with an activity dated after the book's latest date" +
          (latest == kNoDay ? std::string() : " (" + format_day(latest) + ")"),
      "kept: a view as of a date shows an activity from its date on, so no view of the export's days sees it "
      "(a task due later, or a mistyped date)",
      [&](DealIndex i) { return after(a.deal_begin(i), a.deal_end(i)); });
  const Dictionary& accounts = book.dictionary(Dimension::account);
  for (Code c = 0; c < accounts.size(); ++c) {
    if (!after(a.account_begin(c), a.account_end(c))) continue;
    if (f.examples.size() < kExamples) f.examples.push_back(accounts[c]);
    ++f.count;
  }
  return f;
}

DataFinding unrated(const std::map<std::string, std::vector<std::string>>& currencies) {
  std::string names;
  DataFinding f{"currency_without_rate", "", 0, {},
                "kept in the base currency with an unknown amount (the mapping's currency_without_rate)"};
  for (const auto& [currency, ids] : currencies) {
    names += (names.empty() ? "" : ", ") + currency + " (" + std::to_string(ids.size()) + ")";
    for (const std::string& id : ids)
      if (f.examples.size() < kExamples) f.examples.push_back(id);
    f.count += ids.size();
  }
  f.what = "deals in a currency that has no rate" + (names.empty() ? "" : ": " + names);
  return f;
}

}  // namespace

std::vector<Day> piled_creation_days(std::span<const Day> created) {
  std::map<Day, std::size_t> per_day;
  for (const Day d : created) ++per_day[d];
  return piled_creation_days(per_day);
}

std::vector<Day> piled_creation_days(const std::map<Day, std::size_t>& per_day) {
  std::size_t total = 0;
  for (const auto& [day, deals] : per_day) total += deals;
  const std::size_t floor = std::max<std::size_t>(10, total / 20);
  std::vector<std::pair<Day, std::size_t>> piles;
  for (const auto& [day, deals] : per_day) {
    // The mean of the other days that hold creations (0 when there is none:
    // a book created in one day is all pile).
    const double others = per_day.size() > 1 ? static_cast<double>(total - deals) /
                                                   static_cast<double>(per_day.size() - 1)
                                             : 0.0;
    if (deals >= floor && static_cast<double>(deals) >= 5.0 * others) piles.emplace_back(day, deals);
  }
  std::sort(piles.begin(), piles.end(),
            [](const auto& a, const auto& b) { return a.second > b.second || (a.second == b.second && a.first < b.first); });
  std::vector<Day> days;
  for (const auto& [day, deals] : piles) days.push_back(day);
  return days;
}

std::vector<DataFinding> check_data(const Book& book,
                                    const std::map<std::string, std::vector<std::string>>& unrated_currencies) {
  const auto history_size = [&](DealIndex i) { return book.history_end(i) - book.history_begin(i); };
  return {
      deals_where(book, "close_before_created", "deals whose close date is before their creation",
                  "taken as given: pipecast does not reorder the dates; correct them in the CRM",
                  [&](DealIndex i) {
                    const Day close = book.close_date_column()[i];
                    return close != kNoDay && close < book.created_column()[i];
                  }),
      deals_where(book, "no_history", "deals without stage history",
                  "taken to have sat in their current stage since their creation",
                  [&](DealIndex i) { return history_size(i) == 0; }),
      deals_where(book, "history_disagrees", "deals whose history ends in another stage than their current one",
                  "the history's last stage holds from its date on; the current stage is not used",
                  [&](DealIndex i) {
                    return history_size(i) > 0 &&
                           book.history_stage_column()[book.history_end(i) - 1] != book.stage_column()[i];
                  }),
      piled_creations(book),
      deals_where(book, "blank_amount", "deals without an amount",
                  "counted as 0 in totals and in the forecast; the summary says how many",
                  [&](DealIndex i) { return is_blank(book.amount_column()[i]); }),
      deals_where(book, "zero_amount", "deals with an amount of 0", "kept as 0",
                  [&](DealIndex i) { return book.amount_column()[i] == 0.0; }),
      unused_stages(book),
      deals_where(book, "went_backwards", "deals whose history goes back to an earlier open stage",
                  "kept: the logistic model counts such regressions as a signal",
                  [&](DealIndex i) { return went_backwards(book, i); }),
      unrated(unrated_currencies),
      deals_where(book, "activity_before_created", "deals with an activity dated before their creation",
                  "kept: a view as of a date shows it once the deal exists (the call that made the deal, or a "
                  "mistyped date)",
                  [&](DealIndex i) { return activity_before_created(book, i); }),
      activities_after_latest(book),
  };
}

ResultTable data_check_table(const std::vector<DataFinding>& findings) {
  TableBuilder table("data_check");
  table.text("check").text("what").integer("count").text("examples").text("action");
  for (const DataFinding& f : findings) {
    std::string examples;
    for (const std::string& e : f.examples) examples += (examples.empty() ? "" : ", ") + e;
    table.add(f.check).add(f.what).add(f.count).add(examples).add(f.action);
  }
  return std::move(table).finish();
}

}  // namespace pipecast
