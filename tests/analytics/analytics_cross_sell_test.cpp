// Cross-sell: co-purchase support, confidence and lift, segment base rates
// and scores, checked on a tiny hand-made book, then properties on a
// synthetic book with purchases recounted directly from its rows.
#include "pipecast/analytics/cross_sell.hpp"
#include "pipecast/core/book_builder.hpp"
#include "pipecast/synth/synthetic_book.hpp"

#include "report_table_support.hpp"
#include "test_support.hpp"

#include <gtest/gtest.h>

#include <filesystem>
#include <map>
#include <set>
#include <sstream>

namespace pipecast {
// Named for the file: a unity build compiles the files of a program as one.
namespace analytics_cross_sell_test {
namespace {

using test::find_row;
using test::section_json;
using test::section_table_names;
using test::table_rows;

Day day(const char* text) { return *parse_day(text); }

// A one-pipeline book built deal by deal; every deal gets a history row for
// each stage it went through, so the as-of view never falls back on today's row.
class TinyBook {
 public:
  TinyBook() {
    b_.add_stage({"Sales", "Lead", 1, 0.2, StageKind::open, ""});
    b_.add_stage({"Sales", "Won", 2, 1.0, StageKind::won, ""});
    b_.add_stage({"Sales", "Lost", 3, 0.0, StageKind::lost, ""});
  }
  // outcome: "Won", "Lost" or "Lead" (still open); closed on `closed`.
  void deal(const char* id, const char* account, const char* segment, const char* product, const char* outcome,
            const char* created, const char* closed = nullptr) {
    const Day c = day(created);
    const Day end = closed ? day(closed) : kNoDay;
    expect_ok(
        b_.add_opportunity({id, "Sales", account, "Owner", product, "Web", segment, 100.0, "", c, end, outcome, {}}));
    expect_ok(b_.add_history({id, "Lead", c, kNoAmount, kNoDay, {}}));
    if (closed) expect_ok(b_.add_history({id, outcome, end, kNoAmount, kNoDay, {}}));
  }
  void item(const char* id, const char* product) { expect_ok(b_.add_line_item(id, product, 1, 10)); }
  Book finish() { return std::move(b_).finish(); }

 private:
  static void expect_ok(const Checked& c) { EXPECT_FALSE(c) << c->field << ": " << c->message; }
  BookBuilder b_;
};

// Five buying accounts (won as of 2024-06-30):
//   Acc1 SMB  D1 won, line items Alpha + Beta (its primary Delta does not count), D2 won Gamma
//             -> {Alpha, Beta, Gamma}
//   Acc2      D3 won Alpha (Enterprise, Feb), D4 won Beta (SMB, Mar): segment of the latest win: SMB
//             -> {Alpha, Beta}
//   Acc3 Ent  D5 won, line items Alpha + Gamma + Alpha again  -> {Alpha, Gamma}
//   Acc4 Ent  D6 won Beta; D10 Gamma is won only after the as-of date  -> {Beta}
//   Acc5 SMB  D7 won Alpha; D8 lost Delta; D9 open Beta  -> {Alpha}
//   Acc6 SMB  only D11, lost: not a buying account.
// N = 5.  Accounts with: Alpha 4 (1,2,3,5), Beta 3 (1,2,4), Gamma 2 (1,3).
// Pairs: Alpha&Beta 2 (1,2), Alpha&Gamma 2 (1,3), Beta&Gamma 1 (1).
//   conf(Alpha->Beta) = 2/4   lift = 2*5/(4*3) = 0.8333  = conf(Beta->Alpha) 2/3 over base 4/5
//   conf(Alpha->Gamma) = 2/4  lift = 2*5/(4*2) = 1.25    conf(Gamma->Alpha) = 2/2
//   conf(Beta->Gamma) = 1/3   lift = 1*5/(3*2) = 0.8333  conf(Gamma->Beta) = 1/2
// Segments: SMB = {Acc1, Acc2, Acc5}: Alpha 3/3, Beta 2/3, Gamma 1/3;
//           Enterprise = {Acc3, Acc4}: Alpha 1/2, Beta 1/2, Gamma 1/2.
Book hand_book() {
  TinyBook t;
  t.deal("D1", "Acc1", "SMB", "Delta", "Won", "2024-01-02", "2024-01-20");
  t.item("D1", "Alpha");
  t.item("D1", "Beta");
  t.deal("D2", "Acc1", "SMB", "Gamma", "Won", "2024-02-01", "2024-02-20");
  t.deal("D3", "Acc2", "Enterprise", "Alpha", "Won", "2024-01-05", "2024-02-10");
  t.deal("D4", "Acc2", "SMB", "Beta", "Won", "2024-02-05", "2024-03-10");
  t.deal("D5", "Acc3", "Enterprise", "Alpha", "Won", "2024-01-10", "2024-03-01");
  t.item("D5", "Alpha");
  t.item("D5", "Gamma");
  t.item("D5", "Alpha");
  t.deal("D6", "Acc4", "Enterprise", "Beta", "Won", "2024-01-15", "2024-04-01");
  t.deal("D7", "Acc5", "SMB", "Alpha", "Won", "2024-02-01", "2024-04-10");
  t.deal("D8", "Acc5", "SMB", "Delta", "Lost", "2024-03-01", "2024-04-15");
  t.deal("D9", "Acc5", "SMB", "Beta", "Lead", "2024-05-01");
  t.deal("D10", "Acc4", "Enterprise", "Gamma", "Won", "2024-05-01", "2024-07-10");
  t.deal("D11", "Acc6", "SMB", "Alpha", "Lost", "2024-03-01", "2024-03-20");
  return t.finish();
}

AnalysisOptions at_june_end() {
  AnalysisOptions o;
  o.as_of = day("2024-06-30");
  return o;
}

CrossSellOptions support(std::size_t min_support) {
  CrossSellOptions o;
  o.min_support = min_support;
  return o;
}

const AccountCrossSell& find_account(const CrossSellReport& r, const std::string& name) {
  for (const auto& a : r.accounts)
    if (a.account == name) return a;
  throw std::runtime_error("no account " + name);
}

std::vector<std::string> names(const CrossSellReport& r, std::span<const std::uint32_t> products) {
  std::vector<std::string> out;
  for (const auto p : products) out.push_back(r.product_name(p));
  return out;
}

// An account's candidates (a copy, so a temporary report may go).
std::vector<CrossSellCandidate> candidates(const CrossSellReport& r, const std::string& account) {
  const auto c = r.candidates(find_account(r, account));
  return {c.begin(), c.end()};
}

std::vector<std::string> suggested(const CrossSellReport& r, const AccountCrossSell& a) {
  std::vector<std::string> out;
  for (const auto& c : r.candidates(a)) out.push_back(r.product_name(c.product));
  return out;
}

TEST(CrossSell, BaseRatesAndSegmentsByHand) {
  const Book book = hand_book();
  const auto r = cross_sell(Scope(book, at_june_end()), support(2));
  EXPECT_EQ(r.as_of, day("2024-06-30"));
  EXPECT_EQ(r.won_deals, 7u);  // D1..D7 (D10 is open at T)
  EXPECT_EQ(r.buying_accounts, 5u);
  ASSERT_EQ(r.products.size(), 3u);  // Delta was never bought
  EXPECT_EQ(r.products[0], (ProductAdoption{"Alpha", {4, 5}}));
  EXPECT_EQ(r.products[1], (ProductAdoption{"Beta", {3, 5}}));
  EXPECT_EQ(r.products[2], (ProductAdoption{"Gamma", {2, 5}}));
  ASSERT_EQ(r.segments.size(), 2u);
  EXPECT_EQ(r.segments[0], (SegmentAdoption{"Enterprise", 2, {{1, 2}, {1, 2}, {1, 2}}}));
  EXPECT_EQ(r.segments[1], (SegmentAdoption{"SMB", 3, {{3, 3}, {2, 3}, {1, 3}}}));
  // Accounts in book order, with their segment and distinct purchases.
  ASSERT_EQ(r.accounts.size(), 5u);
  EXPECT_EQ(r.accounts[0].account, "Acc1");
  EXPECT_EQ(names(r, r.purchased(r.accounts[0])), (std::vector<std::string>{"Alpha", "Beta", "Gamma"}));
  EXPECT_EQ(r.accounts[1].account, "Acc2");
  EXPECT_EQ(r.segments[r.accounts[1].segment].segment, "SMB");
  EXPECT_EQ(names(r, r.purchased(r.accounts[2])), (std::vector<std::string>{"Alpha", "Gamma"}));
  EXPECT_EQ(names(r, r.purchased(r.accounts[3])), (std::vector<std::string>{"Beta"}));
  EXPECT_EQ(r.accounts[4].account, "Acc5");
  EXPECT_EQ(names(r, r.purchased(r.accounts[4])), (std::vector<std::string>{"Alpha"}));
  EXPECT_TRUE(r.candidates(r.accounts[0]).empty());  // Acc1 bought everything
}

TEST(CrossSell, PairTableByHand) {
  const Book book = hand_book();
  const auto r = cross_sell(Scope(book, at_june_end()), support(2));
  // Support >= 2: the Alpha/Gamma and Alpha/Beta pairs, both ways; by lift,
  // then support, then names (indices: Alpha 0, Beta 1, Gamma 2).
  ASSERT_EQ(r.pairs.size(), 4u);
  EXPECT_EQ(r.pairs[0], (CrossSellPair{0, 2, {2, 4}, 1.25}));
  EXPECT_EQ(r.pairs[1], (CrossSellPair{2, 0, {2, 2}, 1.25}));
  EXPECT_EQ(r.pairs[2].from, 0u);
  EXPECT_EQ(r.pairs[2].to, 1u);
  EXPECT_EQ(r.pairs[2].confidence, (Rate{2, 4}));
  EXPECT_DOUBLE_EQ(r.pairs[2].lift, 10.0 / 12.0);
  EXPECT_EQ(r.pairs[3].from, 1u);
  EXPECT_EQ(r.pairs[3].confidence, (Rate{2, 3}));
  EXPECT_DOUBLE_EQ(r.pairs[3].lift, 10.0 / 12.0);

  // Support >= 1 adds Beta/Gamma (lift 5/6 too, support 1: listed last).
  const auto all = cross_sell(Scope(book, at_june_end()), support(1));
  ASSERT_EQ(all.pairs.size(), 6u);
  EXPECT_EQ(all.pairs[4].confidence, (Rate{1, 3}));  // Beta -> Gamma
  EXPECT_EQ(all.pairs[5].confidence, (Rate{1, 2}));  // Gamma -> Beta
  EXPECT_DOUBLE_EQ(all.pairs[5].lift, 5.0 / 6.0);

  CrossSellOptions capped = support(1);
  capped.max_pairs = 3;
  EXPECT_EQ(cross_sell(Scope(book, at_june_end()), capped).pairs.size(), 3u);
}

TEST(CrossSell, ScoresByHand) {
  const Book book = hand_book();
  const auto r = cross_sell(Scope(book, at_june_end()), support(2));
  // blend 1: w = m / (m + 1).
  // Acc5 {Alpha}, SMB, w = 1/2:
  //   Beta  = 1/2 * conf(Alpha->Beta) 1/2 + 1/2 * SMB 2/3 = 7/12
  //   Gamma = 1/2 * conf(Alpha->Gamma) 1/2 + 1/2 * SMB 1/3 = 5/12
  const auto& acc5 = find_account(r, "Acc5");
  const auto acc5_c = candidates(r, "Acc5");
  ASSERT_EQ(suggested(r, acc5), (std::vector<std::string>{"Beta", "Gamma"}));
  EXPECT_DOUBLE_EQ(acc5_c[0].score, 7.0 / 12.0);
  EXPECT_DOUBLE_EQ(acc5_c[0].segment_rate, 2.0 / 3.0);
  EXPECT_EQ(r.product_name(acc5_c[0].because), "Alpha");
  EXPECT_EQ(acc5_c[0].confidence, (Rate{2, 4}));
  EXPECT_EQ(acc5_c[0].support(), 2u);
  EXPECT_DOUBLE_EQ(acc5_c[0].lift, 10.0 / 12.0);
  EXPECT_DOUBLE_EQ(acc5_c[1].score, 5.0 / 12.0);
  EXPECT_DOUBLE_EQ(acc5_c[1].lift, 1.25);
  // Acc4 {Beta}, Enterprise, w = 1/2:
  //   Alpha = 1/2 * conf(Beta->Alpha) 2/3 + 1/2 * 1/2 = 7/12
  //   Gamma: support(Beta, Gamma) = 1 < 2, no evidence: 1/2 * 0 + 1/2 * 1/2 = 1/4
  const auto& acc4 = find_account(r, "Acc4");
  const auto acc4_c = candidates(r, "Acc4");
  ASSERT_EQ(suggested(r, acc4), (std::vector<std::string>{"Alpha", "Gamma"}));
  EXPECT_DOUBLE_EQ(acc4_c[0].score, 7.0 / 12.0);
  EXPECT_DOUBLE_EQ(acc4_c[1].score, 0.25);
  EXPECT_EQ(acc4_c[1].because, kCrossSellNone);
  EXPECT_TRUE(std::isnan(acc4_c[1].lift));
  // Acc3 {Alpha, Gamma}, Enterprise, w = 2/3: Beta from Alpha (Gamma->Beta has support 1):
  //   2/3 * 1/2 + 1/3 * 1/2 = 1/2
  const auto acc3_c = candidates(r, "Acc3");
  ASSERT_EQ(acc3_c.size(), 1u);
  EXPECT_DOUBLE_EQ(acc3_c[0].score, 0.5);
  EXPECT_EQ(r.product_name(acc3_c[0].because), "Alpha");
  // Acc2 {Alpha, Beta}, SMB, w = 2/3: Gamma = 2/3 * 1/2 + 1/3 * 1/3 = 4/9
  EXPECT_DOUBLE_EQ(candidates(r, "Acc2")[0].score, 4.0 / 9.0);

  // With min_support 1, Acc4's Gamma has evidence: 1/2 * conf(Beta->Gamma) 1/3 + 1/2 * 1/2 = 5/12.
  const auto loose = cross_sell(Scope(book, at_june_end()), support(1));
  EXPECT_DOUBLE_EQ(candidates(loose, "Acc4")[1].score, 5.0 / 12.0);
  // blend 0: pair evidence only; Acc5's Beta = conf(Alpha->Beta) = 1/2.
  CrossSellOptions pure = support(2);
  pure.blend = 0;
  EXPECT_DOUBLE_EQ(candidates(cross_sell(Scope(book, at_june_end()), pure), "Acc5")[0].score, 0.5);
  // top_k 1 keeps the best.
  CrossSellOptions one = support(2);
  one.top_k = 1;
  const auto top1 = cross_sell(Scope(book, at_june_end()), one);
  EXPECT_EQ(suggested(top1, find_account(top1, "Acc5")), (std::vector<std::string>{"Beta"}));
}

TEST(CrossSell, OneAccountOrDeal) {
  const Book book = hand_book();
  const Scope scope(book, at_june_end());
  // Acc6 bought nothing: its latest deal's segment (SMB) base rates, 1, 2/3, 1/3.
  CrossSellOptions o = support(2);
  o.account = "Acc6";
  auto r = cross_sell(scope, o);
  ASSERT_EQ(r.accounts.size(), 1u);
  EXPECT_EQ(r.accounts[0].account, "Acc6");
  EXPECT_TRUE(r.purchased(r.accounts[0]).empty());
  EXPECT_EQ(r.segments[r.accounts[0].segment].segment, "SMB");
  EXPECT_EQ(suggested(r, r.accounts[0]), (std::vector<std::string>{"Alpha", "Beta", "Gamma"}));
  EXPECT_DOUBLE_EQ(r.candidates(r.accounts[0])[0].score, 1.0);
  EXPECT_DOUBLE_EQ(r.candidates(r.accounts[0])[1].score, 2.0 / 3.0);
  EXPECT_DOUBLE_EQ(r.candidates(r.accounts[0])[2].score, 1.0 / 3.0);
  EXPECT_EQ(r.pairs.size(), 4u);  // the tables are the same as for everyone

  // Open deal D9 (Acc5, Beta): evidence {Alpha} + {Beta}, w = 2/3; only Gamma is left:
  //   from Alpha 1/2 (Beta->Gamma has support 1): 2/3 * 1/2 + 1/3 * 1/3 = 4/9.
  o.account.clear();
  o.deal = "D9";
  r = cross_sell(scope, o);
  ASSERT_EQ(r.accounts.size(), 1u);
  EXPECT_EQ(r.accounts[0].account, "Acc5");
  ASSERT_EQ(suggested(r, r.accounts[0]), (std::vector<std::string>{"Gamma"}));
  EXPECT_DOUBLE_EQ(r.candidates(r.accounts[0])[0].score, 4.0 / 9.0);

  o.deal = "D10";  // created before T: in scope (open at T)
  EXPECT_NO_THROW(cross_sell(scope, o));
  o.deal = "nope";
  EXPECT_THROW(cross_sell(scope, o), std::invalid_argument);
  o.deal.clear();
  o.account = "Nobody";
  EXPECT_THROW(cross_sell(scope, o), std::invalid_argument);
  o.deal = "D9";
  EXPECT_THROW(cross_sell(scope, o), std::invalid_argument);  // both
  AnalysisOptions early;
  early.as_of = day("2024-01-01");  // D9 does not exist yet
  o.account.clear();
  EXPECT_THROW(cross_sell(Scope(book, early), o), std::invalid_argument);
}

TEST(CrossSell, AsOfLaterCountsLaterWins) {
  const Book book = hand_book();
  AnalysisOptions later;
  later.as_of = day("2024-07-31");  // D10 (Acc4, Gamma) is won by now
  const auto r = cross_sell(Scope(book, later), support(2));
  EXPECT_EQ(r.won_deals, 8u);
  EXPECT_EQ(names(r, r.purchased(find_account(r, "Acc4"))), (std::vector<std::string>{"Beta", "Gamma"}));
  EXPECT_EQ(r.products[2].rate, (Rate{3, 5}));
}

TEST(CrossSell, EmptyScopeAndDeterminism) {
  const Book book = hand_book();
  AnalysisOptions none = at_june_end();
  none.filters.push_back({"owner", "Nobody"});
  const auto empty = cross_sell(Scope(book, none));
  EXPECT_EQ(empty.buying_accounts, 0u);
  EXPECT_TRUE(empty.products.empty());
  EXPECT_TRUE(empty.accounts.empty());
  Report report;
  report.cross_sell = empty;
  const std::string text = section_json(report, "cross_sell");
  EXPECT_EQ(text.find("NaN"), std::string::npos);
  const auto j = nlohmann::json::parse(text);
  ASSERT_EQ(j["cross_sell_summary"].size(), 1u);
  EXPECT_EQ(j["cross_sell_summary"][0]["won_deals"], 0);
  EXPECT_EQ(j["cross_sell_summary"][0]["buying_accounts"], 0);
  EXPECT_TRUE(j["cross_sell_products"].empty());
  EXPECT_TRUE(j["cross_sell_pairs"].empty());
  EXPECT_TRUE(j["cross_sell"].empty());
  EXPECT_TRUE(j["cross_sell_purchases"].empty());

  const Scope scope(book, at_june_end());
  EXPECT_EQ(cross_sell(scope, support(1)), cross_sell(scope, support(1)));
}

// The cross-sell tables: the totals in one row, base rates overall and per
// segment, the pairs, a row per candidate (its evidence "" and null when it
// has none) and a row per purchase.
TEST(CrossSell, TablesHoldTheFiguresWithNullsForMissingOnes) {
  const Book book = hand_book();
  Report report;
  report.cross_sell = cross_sell(Scope(book, at_june_end()), support(2));
  EXPECT_EQ(section_table_names("cross_sell"),
            (std::vector<std::string>{"cross_sell_summary", "cross_sell_products", "cross_sell_segments",
                                      "cross_sell_pairs", "cross_sell", "cross_sell_purchases"}));
  const std::string text = section_json(report, "cross_sell");
  EXPECT_EQ(text.find("NaN"), std::string::npos);
  const auto j = nlohmann::json::parse(text);

  ASSERT_EQ(j["cross_sell_summary"].size(), 1u);
  const auto& summary = j["cross_sell_summary"][0];
  EXPECT_EQ(summary["won_deals"], 7);
  EXPECT_EQ(summary["buying_accounts"], 5);
  EXPECT_EQ(summary["min_support"], 2);

  ASSERT_EQ(j["cross_sell_products"].size(), 3u);
  EXPECT_EQ(j["cross_sell_products"][0]["product"], "Alpha");
  EXPECT_EQ(j["cross_sell_products"][0]["base_rate"], 0.8);
  EXPECT_EQ(j["cross_sell_products"][0]["base_rate_successes"], 4);
  EXPECT_EQ(j["cross_sell_products"][0]["base_rate_trials"], 5);

  const auto& segments = j["cross_sell_segments"];
  ASSERT_EQ(segments.size(), 6u);  // 2 segments x 3 products
  const auto& smb_beta = find_row(segments, {{"segment", "SMB"}, {"product", "Beta"}});
  EXPECT_EQ(smb_beta["accounts"], 3);
  EXPECT_EQ(smb_beta["base_rate_successes"], 2);
  EXPECT_EQ(smb_beta["base_rate_trials"], 3);
  EXPECT_EQ(find_row(segments, {{"segment", "Enterprise"}, {"product", "Gamma"}})["base_rate_successes"], 1);

  const ResultTable pairs = report_table(report, "cross_sell_pairs");
  ASSERT_EQ(pairs.rows, 4u);
  EXPECT_DOUBLE_EQ(pairs.find("lift")->numbers[0], 1.25);
  const auto& first_pair = j["cross_sell_pairs"][0];
  EXPECT_EQ(first_pair["from"], "Alpha");
  EXPECT_EQ(first_pair["to"], "Gamma");
  EXPECT_EQ(first_pair["support"], 2);
  EXPECT_EQ(first_pair["confidence_successes"], 2);
  EXPECT_EQ(first_pair["confidence_trials"], 4);

  const auto& rows = j["cross_sell"];
  const auto& acc4_first = find_row(rows, {{"account", "Acc4"}, {"rank", 1}});
  EXPECT_EQ(acc4_first["segment"], "Enterprise");
  EXPECT_EQ(acc4_first["product"], "Alpha");
  EXPECT_EQ(acc4_first["because"], "Beta");
  EXPECT_DOUBLE_EQ(acc4_first["score"].get<double>(), 7.0 / 12.0);
  EXPECT_DOUBLE_EQ(acc4_first["segment_rate"].get<double>(), 0.5);
  EXPECT_EQ(acc4_first["support"], 2);
  EXPECT_EQ(acc4_first["confidence_trials"], 3);
  const auto& acc4_second = find_row(rows, {{"account", "Acc4"}, {"rank", 2}});
  EXPECT_EQ(acc4_second["product"], "Gamma");
  EXPECT_EQ(acc4_second["because"], "");  // no pair reaches min_support
  EXPECT_DOUBLE_EQ(acc4_second["score"].get<double>(), 0.25);
  EXPECT_EQ(acc4_second["support"], 0);
  EXPECT_TRUE(acc4_second["confidence"].is_null());
  EXPECT_EQ(acc4_second["confidence_trials"], 0);
  EXPECT_TRUE(acc4_second["lift"].is_null());
  EXPECT_EQ(find_row(rows, {{"account", "Acc5"}, {"rank", 1}})["product"], "Beta");
  for (const auto& row : rows) EXPECT_NE(row["account"], "Acc1");  // Acc1 bought everything

  std::vector<std::string> acc1, acc4;
  for (const auto& row : j["cross_sell_purchases"]) {
    if (row["account"] == "Acc1") acc1.push_back(row["product"].get<std::string>());
    if (row["account"] == "Acc4") {
      acc4.push_back(row["product"].get<std::string>());
      EXPECT_EQ(row["segment"], "Enterprise");
    }
  }
  EXPECT_EQ(acc1, (std::vector<std::string>{"Alpha", "Beta", "Gamma"}));
  EXPECT_EQ(acc4, (std::vector<std::string>{"Beta"}));
}

// A catalogue too large for the dense pair grid (over 1024 products bought)
// takes the hashed one; same figures.  AccX and AccY buy P0 and P1; 1030
// other accounts buy one product each.  N = 1032; P0 -> P1: support 2,
// confidence 2/2, lift 2 * 1032 / (2 * 2) = 516.
TEST(CrossSell, LargeCatalogue) {
  TinyBook t;
  t.deal("X", "AccX", "SMB", "P0", "Won", "2024-01-02", "2024-01-20");
  t.item("X", "P0");
  t.item("X", "P1");
  t.deal("Y", "AccY", "SMB", "P1", "Won", "2024-01-02", "2024-01-20");
  t.item("Y", "P1");
  t.item("Y", "P0");
  for (int i = 0; i < 1030; ++i) {
    const std::string id = "F" + std::to_string(i), account = "Acc" + std::to_string(i);
    const std::string product = "Filler" + std::to_string(i);
    t.deal(id.c_str(), account.c_str(), "SMB", product.c_str(), "Won", "2024-01-02", "2024-01-20");
  }
  const Book book = t.finish();
  CrossSellOptions o = support(2);
  o.account = "AccX";
  const auto r = cross_sell(Scope(book, AnalysisOptions{}), o);
  EXPECT_EQ(r.buying_accounts, 1032u);
  ASSERT_EQ(r.products.size(), 1032u);
  ASSERT_EQ(r.pairs.size(), 2u);
  EXPECT_EQ(r.product_name(r.pairs[0].from), "P0");
  EXPECT_EQ(r.pairs[0].confidence, (Rate{2, 2}));
  EXPECT_DOUBLE_EQ(r.pairs[0].lift, 516.0);
  ASSERT_EQ(r.accounts.size(), 1u);
  EXPECT_EQ(r.candidates(r.accounts[0]).size(), 5u);  // fillers at w = 2/3 * 0 + 1/3 * 1/1032
  EXPECT_DOUBLE_EQ(r.candidates(r.accounts[0])[0].score, 1.0 / 3.0 / 1032.0);
}

// On a synthetic book: each account's purchases equal a direct recount from
// the rows (won deals as of the end: line items, else the primary product),
// and its suggestions are k products it has not bought, scores in [0, 1],
// best first.
TEST(CrossSell, SyntheticBookProperties) {
  SynthOptions so;
  so.deals = 50'000;
  so.seed = 7;
  const Book book = generate_synthetic_book(so).book;
  const Scope scope(book, AnalysisOptions{});
  CrossSellOptions o;
  const auto r = cross_sell(scope, o);

  std::map<std::string, std::set<std::string>> bought;
  std::vector<bool> won(book.size(), false), itemised(book.size(), false);
  for (const std::size_t k : scope.deals()) won[scope.view().deal(k)] = scope.state(k) == StageKind::won;
  for (const LineItem& li : book.line_items()) {
    itemised[li.deal] = true;
    if (won[li.deal])
      bought[std::string(book.opportunity(li.deal).account())].insert(book.dictionary(Dimension::product)[li.product]);
  }
  for (DealIndex i = 0; i < book.size(); ++i)
    if (won[i] && !itemised[i])
      bought[std::string(book.opportunity(i).account())].insert(std::string(book.opportunity(i).product()));
  ASSERT_EQ(r.buying_accounts, bought.size());
  ASSERT_EQ(r.accounts.size(), bought.size());
  ASSERT_GT(r.accounts.size(), 1000u);
  ASSERT_EQ(r.products.size(), 8u);
  for (const auto& a : r.accounts) {
    const auto& truth = bought.at(a.account);
    const auto purchased = names(r, r.purchased(a));
    ASSERT_EQ(std::set<std::string>(purchased.begin(), purchased.end()), truth) << a.account;
    ASSERT_EQ(r.candidates(a).size(), std::min<std::size_t>(o.top_k, 8 - truth.size())) << a.account;
    for (std::size_t c = 0; c < r.candidates(a).size(); ++c) {
      const auto& cand = r.candidates(a)[c];
      EXPECT_GE(cand.score, 0.0);
      EXPECT_LE(cand.score, 1.0);
      EXPECT_FALSE(truth.count(r.product_name(cand.product))) << a.account;
      if (c > 0) {
        EXPECT_GE(r.candidates(a)[c - 1].score, cand.score) << a.account;
      }
    }
  }
  // The pair table's support agrees with the recount.
  ASSERT_FALSE(r.pairs.empty());
  for (const auto& p : r.pairs) {
    std::size_t both = 0, from = 0;
    for (const auto& [account, products] : bought) {
      const bool has_from = products.count(r.product_name(p.from)) > 0;
      from += has_from;
      both += has_from && products.count(r.product_name(p.to));
    }
    EXPECT_EQ(p.confidence, (Rate{both, from}));
    EXPECT_GE(p.support(), o.min_support);
  }
}

// The Maven export (../shared/data; skipped when absent): every account's
// purchases equal a direct count of the Won rows of sales_pipeline.csv (no
// line items there: each won deal's product; GTXPro is GTX Pro), and so do
// the pair counts.
TEST(CrossSell, MavenPurchasesMatchTheCsv) {
  const auto dir = std::filesystem::path(PIPECAST_SHARED_DATA_DIR) / "maven-crm-sales-opportunities";
  if (!std::filesystem::exists(dir / "sales_pipeline.csv"))
    GTEST_SKIP() << "shared data not found at " << dir << "; skipping the Maven test";
  ImportOptions import;
  import.mapping = *ColumnMapping::preset("maven");
  const Book book = import_csv_directory(dir, import).book;
  std::map<std::string, std::set<std::string>> bought;
  std::istringstream csv(test::read_text(dir / "sales_pipeline.csv"));
  std::string line;
  std::getline(csv, line);  // opportunity_id,sales_agent,product,account,deal_stage,...
  while (std::getline(csv, line)) {
    std::vector<std::string> f;
    std::istringstream fields(line);
    for (std::string cell; std::getline(fields, cell, ',');) f.push_back(cell);
    if (f.size() > 4 && f[4] == "Won") bought[f[3]].insert(f[2] == "GTXPro" ? "GTX Pro" : f[2]);
  }
  ASSERT_FALSE(bought.empty());
  const auto r = cross_sell(Scope(book, AnalysisOptions{}), support(1));
  ASSERT_EQ(r.buying_accounts, bought.size());
  for (const auto& a : r.accounts) {
    const auto purchased = names(r, r.purchased(a));
    EXPECT_EQ(std::set<std::string>(purchased.begin(), purchased.end()), bought.at(a.account)) << a.account;
    for (const auto& c : r.candidates(a)) {
      EXPECT_GE(c.score, 0.0);
      EXPECT_LE(c.score, 1.0);
    }
  }
  for (const auto& p : r.pairs) {
    std::size_t both = 0, from = 0;
    for (const auto& [account, products] : bought) {
      const bool has_from = products.count(r.product_name(p.from)) > 0;
      from += has_from;
      both += has_from && products.count(r.product_name(p.to));
    }
    EXPECT_EQ(p.confidence, (Rate{both, from}));
  }
}

}  // namespace
}  // namespace analytics_cross_sell_test
}  // namespace pipecast
