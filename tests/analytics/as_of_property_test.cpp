// The as-of rule (docs/architecture.md) as a property: on generated books
// and many dates T, everything computed as of T on the full data equals the
// same computed on the data with everything after T deleted.
#include "pipecast/core/as_of.hpp"
#include "pipecast/core/book_builder.hpp"
#include "pipecast/core/summary.hpp"
#include "pipecast/synth/synthetic_book.hpp"
#include "book_truncation.hpp"

#include <gtest/gtest.h>

#include <string>
#include <vector>

namespace pipecast {
// Named for the file: a unity build compiles the files of a program as one.
namespace as_of_property_test {
namespace {

bool same(double a, double b) { return a == b || (is_blank(a) && is_blank(b)); }

// `book` with activities added: a few on most deals and accounts, on days
// from a month before the deal's creation to a year after it, so that every
// T cuts some (the synthetic book has none of its own).
Book with_activities(const Book& book, std::uint64_t seed) {
  BookBuilder b;
  test::copy_book(b, book, kLastDay);
  std::uint64_t state = seed;
  const auto next = [&](std::uint64_t below) {
    state = state * 6364136223846793005ULL + 1442695040888963407ULL;
    return (state >> 33) % below;
  };
  const char* const types[] = {"call", "email", "meeting"};
  const char* const directions[] = {"", "in", "out"};
  for (DealIndex i = 0; i < book.size(); ++i) {
    for (auto n = next(4); n > 0; --n) {
      const Day day = book.created_column()[i] - 30 + static_cast<Day>(next(400));
      const bool of_account = next(5) == 0;
      const auto rejected = b.add_activity({of_account ? "" : book.ids()[i], of_account ? book.opportunity(i).account() : "",
                                            types[next(3)], day, "rep", static_cast<double>(next(60)),
                                            directions[next(3)], next(2) ? "done" : ""});
      EXPECT_FALSE(rejected) << rejected->message;
    }
  }
  return std::move(b).finish();
}

// The activities of rows [begin, end) as text, in order.
std::vector<std::string> activity_texts(const Book& book, std::uint32_t begin, std::uint32_t end) {
  const Activities& a = book.activities();
  std::vector<std::string> out;
  for (auto r = begin; r < end; ++r) {
    const Activity v = a.row(r);
    out.push_back(a.types()[v.type] + " " + format_day(v.date) + " " + a.owners()[v.owner] + " " +
                  std::to_string(v.duration_minutes) + " " + std::string(to_string(v.direction)) + " " +
                  a.outcomes()[v.outcome]);
  }
  return out;
}

// A deal's activities, and its account's, known at T.
void expect_same_activities(const AsOfView& full, const AsOfView& cut, std::size_t k) {
  const Book& fb = full.book();
  const Book& cb = cut.book();
  const Activities& fa = fb.activities();
  const Activities& ca = cb.activities();
  const std::string_view id = fb.ids()[full.deal(k)];
  EXPECT_EQ(activity_texts(fb, fa.deal_begin(full.deal(k)), full.activity_end(k)),
            activity_texts(cb, ca.deal_begin(cut.deal(k)), cut.activity_end(k))) << id;
  const Code fc = fb.codes(Dimension::account)[full.deal(k)];
  const Code cc = cb.codes(Dimension::account)[cut.deal(k)];
  EXPECT_EQ(activity_texts(fb, fa.account_begin(fc), full.account_activity_end(fc)),
            activity_texts(cb, ca.account_begin(cc), cut.account_activity_end(cc))) << id;
}

void expect_same_view(const AsOfView& full, const AsOfView& cut) {
  ASSERT_EQ(full.size(), cut.size());
  const Book& fb = full.book();
  const Book& cb = cut.book();
  for (std::size_t k = 0; k < full.size(); ++k) {
    const std::string_view id = fb.ids()[full.deal(k)];
    ASSERT_EQ(id, cb.ids()[cut.deal(k)]);
    EXPECT_EQ(full.stage_info(k).name, cut.stage_info(k).name) << id;
    EXPECT_TRUE(same(full.amount(k), cut.amount(k))) << id;
    EXPECT_EQ(full.close_date(k), cut.close_date(k)) << id;
    EXPECT_EQ(full.stage_entered(k), cut.stage_entered(k)) << id;
    EXPECT_EQ(full.history_end(k) - fb.history_begin(full.deal(k)),
              cut.history_end(k) - cb.history_begin(cut.deal(k))) << id;
    expect_same_activities(full, cut, k);
  }
}

class AsOfProperty : public ::testing::TestWithParam<std::uint64_t> {};

TEST_P(AsOfProperty, FullDataEqualsTruncatedData) {
  SynthOptions options;
  options.deals = 3000;
  options.seed = GetParam();
  const Book full = with_activities(generate_synthetic_book(options).book, GetParam());
  // Dates across the book's life, including before it starts and after it ends.
  std::uint64_t state = GetParam() * 0x9E3779B97F4A7C15ULL + 1;
  std::vector<Day> dates = {options.start - 1, options.start, options.end, options.end + 30};
  for (int i = 0; i < 8; ++i) {
    state = state * 6364136223846793005ULL + 1442695040888963407ULL;
    dates.push_back(options.start + static_cast<Day>((state >> 33) % static_cast<std::uint64_t>(options.end - options.start)));
  }
  for (const Day t : dates) {
    SCOPED_TRACE("as of " + format_day(t));
    const Book cut = test::truncated(full, t);
    const AsOfView full_view(full, t);
    const AsOfView cut_view(cut, t);
    expect_same_view(full_view, cut_view);
    EXPECT_EQ(summarize(full_view), summarize(cut_view));
  }
}

INSTANTIATE_TEST_SUITE_P(Seeds, AsOfProperty, ::testing::Values(1u, 2u, 3u, 42u));

TEST(AsOf, NothingIsKnownBeforeTheFirstDeal) {
  const Book book = generate_synthetic_book({100, 5}).book;
  const AsOfView view(book, to_day(2022, 12, 31));
  EXPECT_EQ(view.size(), 0u);
  EXPECT_EQ(summarize(view).opportunities, 0u);
}

TEST(AsOf, DealsOpenAtTAreOpenEvenIfWonLater) {
  const Book book = generate_synthetic_book({2000, 9}).book;
  const Day t = to_day(2024, 1, 31);
  const AsOfView view(book, t);
  std::size_t checked = 0;
  for (std::size_t k = 0; k < view.size(); ++k) {
    const Opportunity o = book.opportunity(view.deal(k));
    if (o.stage().kind == StageKind::won && o.close_date() > t) {
      EXPECT_EQ(view.stage_info(k).kind, StageKind::open) << o.id();
      ++checked;
    }
  }
  EXPECT_GT(checked, 0u);
}

}  // namespace
}  // namespace as_of_property_test
}  // namespace pipecast
