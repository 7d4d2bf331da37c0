// A backtest in blocks of origins, each through its bytes, assembled in any
// order: the very result of one run_backtest (every table value, since the
// JSON prints every double with round-trip precision); damaged bytes and
// blocks that do not belong together (other settings, models, fit options,
// origins) are refused with a clear error.
#include "pipecast/backtest/backtest.hpp"
#include "pipecast/backtest/backtest_blocks.hpp"
#include "pipecast/backtest/backtest_output.hpp"
#include "pipecast/synth/synthetic_book.hpp"

#include <gtest/gtest.h>

#include <algorithm>
#include <random>
#include <stdexcept>
#include <string>
#include <utility>
#include <vector>

namespace pipecast {
namespace backtest_blocks_test {
namespace {

/// A few hundred deals, five monthly origins, groups by segment.
const Book& blocks_book() {
  static const Book book = generate_synthetic_book({400, 5, to_day(2023, 1, 1), to_day(2024, 8, 31)}).book;
  return book;
}

BacktestOptions blocks_options() {
  BacktestOptions o;
  o.from = to_day(2024, 1, 31);
  o.to = to_day(2024, 5, 31);
  o.models = {"crm", "stage", "markov"};
  o.trials = 200;
  o.seed = 5;
  o.threads = 1;
  o.group_by = Dimension::segment;
  return o;
}

/// The blocks of origins [ends[i], ends[i + 1]), each through its bytes,
/// shuffled.
std::vector<BacktestBlock> blocks_of(const std::vector<std::size_t>& ends) {
  std::vector<BacktestBlock> out;
  for (std::size_t i = 0; i + 1 < ends.size(); ++i) {
    const BacktestBlock block = run_backtest_origins(blocks_book(), blocks_options(), ends[i], ends[i + 1] - ends[i]);
    out.push_back(backtest_block_from_bytes(to_bytes(block), "test"));
  }
  std::shuffle(out.begin(), out.end(), std::mt19937(7));
  return out;
}

TEST(BacktestBlocks, AssembledInAnyOrderEqualOneRun) {
  const std::string one = to_json(run_backtest(blocks_book(), blocks_options()));
  ASSERT_EQ(backtest_origins(blocks_options().from, blocks_options().to, blocks_options().every).size(), 5u);
  // Bits: every figure of every table, the ranking and the verdict.
  EXPECT_EQ(to_json(assemble_backtest(blocks_options(), blocks_of({0, 5}))), one);
  EXPECT_EQ(to_json(assemble_backtest(blocks_options(), blocks_of({0, 2, 5}))), one);
  std::vector<BacktestBlock> five = blocks_of({0, 1, 2, 3, 4, 5});
  EXPECT_EQ(five.front().origin_count, 5u);
  EXPECT_EQ(five.front().origins.size(), 1u);
  EXPECT_EQ(to_json(assemble_backtest(blocks_options(), std::move(five))), one);
}

TEST(BacktestBlocks, DamagedBytesAreRefused) {
  BacktestOptions o = blocks_options();
  o.to = o.from;
  o.models = {"stage"};
  const std::string bytes = to_bytes(run_backtest_origins(blocks_book(), o, 0, 1));
  for (const std::size_t at : {std::size_t{3}, bytes.size() / 2, bytes.size() - 1}) {
    std::string damaged = bytes;
    damaged[at] = static_cast<char>(damaged[at] ^ 0x20);
    try {
      backtest_block_from_bytes(damaged, "blob 1");
      ADD_FAILURE() << "byte " << at << " flipped was read";
    } catch (const std::runtime_error& e) {
      // The magic: "not a pipecast backtest block"; after it: "backtest block is damaged: ...".
      const std::string what = e.what();
      EXPECT_EQ(what.rfind("blob 1: ", 0), 0u) << what;
      EXPECT_NE(what.find(at == 3 ? "not a pipecast backtest block" : "backtest block is damaged: "), std::string::npos)
          << what;
    }
  }
  EXPECT_THROW(backtest_block_from_bytes(bytes.substr(0, bytes.size() - 5), "blob 1"), std::runtime_error);
  EXPECT_THROW(backtest_block_from_bytes("", "blob 1"), std::runtime_error);
  EXPECT_NO_THROW(backtest_block_from_bytes(bytes, "blob 1"));
}

TEST(BacktestBlocks, BlocksThatDoNotMakeOneBacktestAreRefused) {
  BacktestOptions o = blocks_options();
  o.to = to_day(2024, 2, 29);  // two origins
  o.models = {"stage"};
  const BacktestBlock first = run_backtest_origins(blocks_book(), o, 0, 1);
  const BacktestBlock second = run_backtest_origins(blocks_book(), o, 1, 1);
  const auto refused = [&](std::vector<BacktestBlock> blocks, const BacktestOptions& options, const std::string& says) {
    try {
      assemble_backtest(options, std::move(blocks));
      ADD_FAILURE() << "assembled; expected: " << says;
    } catch (const std::invalid_argument& e) {
      EXPECT_NE(std::string(e.what()).find(says), std::string::npos) << e.what();
    }
  };
  refused({first}, o, "no block has origin 1 of 2");
  refused({first, second, first}, o, "block 3 of 3: origin 0 is given twice");
  refused({}, o, "no block of origins");
  BacktestOptions reseeded = o;
  reseeded.seed = 6;
  refused({first, second}, reseeded, "block 1 of 2 was made with other backtest settings or models");
  // Fitted otherwise: the fit options travel in the bytes.
  BacktestOptions quiet = o;
  quiet.fit.activities = false;
  refused({first, second}, quiet, "block 1 of 2 was fitted with the deals' activities, and these options fit "
                                  "without them");
  const BacktestBlock quiet_second =
      backtest_block_from_bytes(to_bytes(run_backtest_origins(blocks_book(), quiet, 1, 1)), "blob 2");
  EXPECT_FALSE(quiet_second.fit.activities);
  refused({first, quiet_second}, o, "block 2 of 2 was fitted without the deals' activities, and these options fit "
                                    "with them");
  BacktestOptions penalised = o;
  penalised.fit.l2 = 2.0;
  refused({first, second}, penalised, "block 1 of 2 was fitted with other fit options");
  BacktestBlock shrunk = second;
  shrunk.origins.front().pairs.front().pop_back();
  refused({first, shrunk}, o, "block 2 of 2: origin 1 does not have the sizes");
  EXPECT_THROW(run_backtest_origins(blocks_book(), o, 1, 2), std::invalid_argument);
  EXPECT_EQ(to_json(assemble_backtest(o, {second, first})), to_json(run_backtest(blocks_book(), o)));
}

}  // namespace
}  // namespace backtest_blocks_test
}  // namespace pipecast
