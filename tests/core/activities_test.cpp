// Activities in the book: the builder's rules, their order, rollback, and
// the as-of view's "an activity exists from its date on".
#include "pipecast/core/as_of.hpp"
#include "pipecast/core/book_builder.hpp"

#include "builder_support.hpp"

#include <gtest/gtest.h>

#include <string>
#include <vector>

namespace pipecast {
// Named for the file: a unity build compiles the files of a program as one.
namespace activities_test {
namespace {

// Two deals of Acme and one of Globex, created in January 2024.
BookBuilder deals() {
  BookBuilder b;
  test::add_sales_stages(b);
  OpportunityRecord r;
  r.pipeline = "Sales";
  r.stage = "Open";
  const std::pair<const char*, const char*> rows[] = {{"D1", "Acme"}, {"D2", "Globex"}, {"D3", "Acme"}};
  int day = 1;
  for (const auto& [id, account] : rows) {
    r.id = id;
    r.account = account;
    r.created = to_day(2024, 1, static_cast<unsigned>(day++));
    test::expect_accepted(b.add_opportunity(r));
  }
  return b;
}

ActivityRecord activity(const char* deal, const char* type, Day date) {
  ActivityRecord r;
  r.opportunity_id = deal;
  r.type = type;
  r.date = date;
  r.owner = "ann";
  return r;
}

// The types of rows [begin, end), in order.
std::vector<std::string> types(const Book& book, std::uint32_t begin, std::uint32_t end) {
  const Activities& a = book.activities();
  std::vector<std::string> out;
  for (auto r = begin; r < end; ++r) out.push_back(a.types()[a.type_column()[r]]);
  return out;
}

TEST(Activities, ComeOutByDealThenDateThenAccount) {
  BookBuilder b = deals();
  test::expect_accepted(b.add_activity(activity("D3", "email", to_day(2024, 2, 1))));
  ActivityRecord account = activity("", "visit", to_day(2024, 3, 1));
  account.account = "Acme";
  test::expect_accepted(b.add_activity(account));
  test::expect_accepted(b.add_activity(activity("D1", "meeting", to_day(2024, 2, 9))));
  test::expect_accepted(b.add_activity(activity("D1", "call", to_day(2024, 2, 2))));
  test::expect_accepted(b.add_activity(activity("D1", "note", to_day(2024, 2, 9))));  // same day: after the meeting
  ActivityRecord full = activity("D2", "call", to_day(2024, 1, 20));
  full.account = "Globex";  // the deal's own account may be given
  full.duration_minutes = 12.5;
  full.direction = "in";
  full.outcome = "connected";
  test::expect_accepted(b.add_activity(full));
  EXPECT_EQ(b.activities(), 6u);
  const Book book = std::move(b).finish();
  book.check_consistency();
  const Activities& a = book.activities();
  ASSERT_EQ(a.size(), 6u);
  EXPECT_EQ(types(book, a.deal_begin(0), a.deal_end(0)), (std::vector<std::string>{"call", "meeting", "note"}));
  EXPECT_EQ(types(book, a.deal_begin(2), a.deal_end(2)), std::vector<std::string>{"email"});
  EXPECT_EQ(a.deal_rows(), 5u);
  const Code acme = *book.dictionary(Dimension::account).find("Acme");
  EXPECT_EQ(types(book, a.account_begin(acme), a.account_end(acme)), std::vector<std::string>{"visit"});
  const Activity call = a.row(a.deal_begin(1));
  EXPECT_EQ(call.duration_minutes, 12.5);
  EXPECT_EQ(call.direction, ActivityDirection::inbound);
  EXPECT_EQ(a.outcomes()[call.outcome], "connected");
  EXPECT_EQ(a.owners()[call.owner], "ann");
  EXPECT_TRUE(is_blank(a.row(0).duration_minutes));
  EXPECT_EQ(a.row(0).direction, ActivityDirection::none);
}

TEST(Activities, BreakingARuleIsRefusedNamingTheField) {
  BookBuilder b = deals();
  const auto field_of = [&](const ActivityRecord& r) {
    const Checked rejected = b.add_activity(r);
    return rejected ? rejected->field + ": " + rejected->message : std::string("accepted");
  };
  EXPECT_EQ(field_of(activity("D9", "call", to_day(2024, 2, 1))), "opportunity_id: unknown opportunity 'D9'");
  EXPECT_EQ(field_of(activity("", "call", to_day(2024, 2, 1))),
            "opportunity_id: is blank, and so is account (an activity is a deal's or an account's)");
  ActivityRecord r = activity("", "call", to_day(2024, 2, 1));
  r.account = "Initech";
  EXPECT_EQ(field_of(r), "account: unknown account 'Initech' (no opportunity has it)");
  r = activity("D1", "call", to_day(2024, 2, 1));
  r.account = "Globex";
  EXPECT_EQ(field_of(r), "account: account 'Globex' is not the account of opportunity 'D1' ('Acme')");
  EXPECT_EQ(field_of(activity("D1", "", to_day(2024, 2, 1))), "type: is blank");
  EXPECT_EQ(field_of(activity("D1", "call", kNoDay)), "date: is blank");
  EXPECT_EQ(field_of(activity("D1", "call", kLastDay + 1)), "date: day 2932897 is outside 1400-01-01..9999-12-31");
  r = activity("D1", "call", to_day(2024, 2, 1));
  r.duration_minutes = -1;
  EXPECT_EQ(field_of(r), "duration_minutes: must not be negative");
  r.duration_minutes = kNoAmount;
  r.direction = "inbound";
  EXPECT_EQ(field_of(r), "direction: 'inbound' is not a direction (expected in, out or blank)");
  EXPECT_EQ(b.activities(), 0u);  // nothing refused came in
  // Dated before the deal: accepted (the data check reports it).
  EXPECT_EQ(field_of(activity("D3", "call", to_day(2023, 12, 1))), "accepted");
}

TEST(Activities, RollbackTakesThemBackWithTheirText) {
  BookBuilder b = deals();
  test::expect_accepted(b.add_activity(activity("D1", "call", to_day(2024, 2, 1))));
  const BookBuilder::Mark mark = b.mark();
  ActivityRecord r = activity("D2", "demo", to_day(2024, 2, 2));
  r.owner = "zed";
  r.outcome = "great";
  test::expect_accepted(b.add_activity(r));
  b.rollback(mark);
  const Book book = std::move(b).finish();
  book.check_consistency();
  EXPECT_EQ(book.activities().size(), 1u);
  EXPECT_FALSE(book.activities().types().find("demo"));
  EXPECT_FALSE(book.activities().owners().find("zed"));
  EXPECT_FALSE(book.activities().outcomes().find("great"));
}

TEST(Activities, AnAsOfViewShowsThoseDatedByItsDay) {
  BookBuilder b = deals();
  test::expect_accepted(b.add_activity(activity("D1", "call", to_day(2024, 2, 1))));
  test::expect_accepted(b.add_activity(activity("D1", "demo", to_day(2024, 3, 1))));
  test::expect_accepted(b.add_activity(activity("D3", "email", to_day(2023, 12, 24))));  // before D3 was created
  ActivityRecord visit = activity("", "visit", to_day(2024, 2, 15));
  visit.account = "Acme";
  test::expect_accepted(b.add_activity(visit));
  const Book book = std::move(b).finish();
  const Activities& a = book.activities();
  const Code acme = *book.dictionary(Dimension::account).find("Acme");

  const AsOfView early = as_of(book, to_day(2024, 1, 2));  // D3 not yet created
  ASSERT_EQ(early.size(), 2u);
  EXPECT_EQ(early.activity_end(0), a.deal_begin(0));
  EXPECT_EQ(early.account_activity_end(acme), a.account_begin(acme));

  const AsOfView mid = as_of(book, to_day(2024, 2, 15));
  ASSERT_EQ(mid.size(), 3u);
  EXPECT_EQ(types(book, a.deal_begin(0), mid.activity_end(0)), std::vector<std::string>{"call"});
  EXPECT_EQ(types(book, a.deal_begin(2), mid.activity_end(2)), std::vector<std::string>{"email"});
  EXPECT_EQ(types(book, a.account_begin(acme), mid.account_activity_end(acme)), std::vector<std::string>{"visit"});

  const AsOfView late = as_of(book, to_day(2024, 6, 1));
  EXPECT_EQ(late.activity_end(0), a.deal_end(0));
}

}  // namespace
}  // namespace activities_test
}  // namespace pipecast
