// A model fitted from the parts of a book equals the model fitted on the
// whole book, whatever the split and the order the parts' answers arrive in.
#include "pipecast/core/book_partition.hpp"
#include "pipecast/forecast/exact_sum.hpp"
#include "pipecast/forecast/logistic_model.hpp"
#include "pipecast/forecast/model_file.hpp"
#include "pipecast/forecast/parts_fit.hpp"
#include "pipecast/synth/synthetic_book.hpp"

#include "core/splitmix64.hpp"

#include "test_support.hpp"

#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <random>

namespace pipecast {
// Named for the file: a unity build compiles the files of a program as one.
namespace parts_fit_test {
namespace {

const Day kAsOf = to_day(2024, 10, 15);

const Book& small_book() {
  static const Book book = test::synthetic_test_book(700, 18);
  return book;
}

std::vector<Book> parts_of(const Book& book, std::size_t n, PartitionKey key) {
  std::vector<Book> out;
  for (BookPart& part : split_book(book, n, key)) out.push_back(std::move(part.book));
  return out;
}

// `stats` as it comes back from its bytes, or itself.
PartStats carried(PartStats stats, bool through_bytes) {
  if (through_bytes) return stats_from_bytes(to_bytes(stats));
  return stats;
}

// Every part's answer, through its bytes (as they would cross processes)
// when `through_bytes`, merged in an order drawn from `seed`, in a shape
// drawn from it too (a chain or pairs of pairs).  `workers`: each part's
// answerer, kept over a fit's rounds as a worker would (none:
// answer_request()).
PartStats merged_answers(const std::vector<Book>& parts, const StatsRequest& request, unsigned seed,
                         std::vector<PartAnswerer>* workers = nullptr, bool through_bytes = true) {
  const StatsRequest sent = through_bytes ? request_from_bytes(to_bytes(request)) : request;
  std::vector<PartStats> answers;
  for (std::size_t p = 0; p < parts.size(); ++p)
    answers.push_back(carried(workers ? (*workers)[p].answer(sent) : answer_request(parts[p], sent), through_bytes));
  std::mt19937 random(seed);
  std::shuffle(answers.begin(), answers.end(), random);
  while (answers.size() > 1) {
    const std::size_t at = random() % (answers.size() - 1);
    answers[at] = merge_part_stats(std::move(answers[at]), answers[at + 1]);
    answers.erase(answers.begin() + static_cast<std::ptrdiff_t>(at) + 1);
  }
  return carried(answers.front(), through_bytes);
}

// The model fitted from `parts` of `book`; each round's merged statistics
// are also checked against the whole book's, table by table.
// Whether a model's statistics are all counts and exact sums (its fit from
// parts is then the whole book's bit for bit, and so is every round's merge).
bool exact(std::string_view model) { return model != "logistic" && model != "auto"; }

FittedModel fit_from_parts(const Book& book, const std::vector<Book>& parts, std::string_view model, unsigned seed,
                           const FitOptions& options = {}, bool through_bytes = true) {
  PartsFit fit = begin_parts_fit(model, kAsOf, options);
  std::vector<PartAnswerer> workers;
  for (const Book& part : parts) workers.emplace_back(std::make_shared<const Book>(part));
  for (int round = 0; !fit.done(); ++round) {
    const PartStats merged = merged_answers(parts, fit.request(), seed + 7 * round, &workers, through_bytes);
    EXPECT_EQ(merged.parts, parts.size());
    // Table by table, once per model (the split whose answers go through bytes).
    if (exact(model) && through_bytes) {
      EXPECT_TRUE(merged.stats == answer_request(book, fit.request()).stats) << "round " << round;
    }
    fit.receive(merged);
  }
  return fit.model();
}

void expect_near(const std::vector<double>& a, const std::vector<double>& b, double tolerance, const char* what) {
  ASSERT_EQ(a.size(), b.size()) << what;
  for (std::size_t i = 0; i < a.size(); ++i) EXPECT_NEAR(a[i], b[i], tolerance) << what << " " << i;
}

// The same model: bit for bit, or for a logistic win model the same
// encoding and every coefficient within 1e-9; scores within 1e-12.
void expect_same_model(const FittedModel& whole, const FittedModel& from_parts, const Book& book) {
  const auto* a = dynamic_cast<const LogisticWinModel*>(&whole.win_model());
  const auto* b = dynamic_cast<const LogisticWinModel*>(&from_parts.win_model());
  if (a == nullptr) {
    EXPECT_EQ(model_bytes(whole), model_bytes(from_parts));
  } else {
    ASSERT_NE(b, nullptr);
    EXPECT_EQ(whole.name(), from_parts.name());
    EXPECT_EQ(whole.description(), from_parts.description());
    EXPECT_TRUE(whole.timing() == from_parts.timing());
    EXPECT_TRUE(whole.new_deals() == from_parts.new_deals());
    EXPECT_NEAR(whole.pipeline_dispersion(), from_parts.pipeline_dispersion(), 1e-9);
    const LogisticWinParams &p = a->params(), &q = b->params();
    EXPECT_TRUE(p.stages == q.stages && p.categories == q.categories && p.stage_first == q.stage_first);
    EXPECT_EQ(p.training_rows, q.training_rows);
    expect_near(p.mean, q.mean, 1e-12, "mean");
    expect_near(p.scale, q.scale, 1e-12, "scale");
    expect_near(p.column_mean, q.column_mean, 1e-12, "column mean");
    expect_near(p.coefficients, q.coefficients, 1e-9, "coefficient");
  }
  const DealScores x = whole.score(AsOfView(book, kAsOf)), y = from_parts.score(AsOfView(book, kAsOf));
  expect_near(x.win_probability, y.win_probability, 1e-12, "score");
}

class PartsFitEquals : public testing::TestWithParam<std::string> {};

TEST_P(PartsFitEquals, TheWholeBookFitForEverySplitAndOrder) {
  const Book& book = small_book();
  const FittedModel whole = fit_model(GetParam(), book, kAsOf);
  if (GetParam() != "crm") {  // a book with something to learn in every part of the model
    EXPECT_GT(whole.timing().curves().size(), 5u);
    EXPECT_FALSE(whole.timing().segments().empty());  // merged by name across parts
    EXPECT_TRUE(whole.new_deals().known());
    EXPECT_GT(whole.new_deals().won_days.size(), 10u);
  }
  unsigned seed = 1;
  for (const PartitionKey key : {PartitionKey::deal, PartitionKey::owner})
    for (const std::size_t n : {1u, 3u, 7u}) {
      // auto is stage, markov and logistic fitted at three days, plus a
      // round of scores: half the splits keep it within the suite's time
      // under sanitizers (each size, each key).
      if (GetParam() == "auto" && (key == PartitionKey::deal) != (n != 3)) continue;
      SCOPED_TRACE(std::string(to_string(key)) + " in " + std::to_string(n));
      // Through bytes once per model: the bytes are the same whatever the split.
      const bool through_bytes = key == PartitionKey::owner && n == 7;
      expect_same_model(whole, fit_from_parts(book, parts_of(book, n, key), GetParam(), ++seed, {}, through_bytes),
                        book);
    }
}

INSTANTIATE_TEST_SUITE_P(Models, PartsFitEquals, testing::Values("crm", "stage", "markov", "logistic", "auto"));

TEST(PartsFit, OptionsTravelWithTheRequest) {
  FitOptions options;
  options.training.lookback_days = 365;
  options.training.step_days = 21;
  options.half_life_days = 120;
  const Book& book = small_book();
  expect_same_model(fit_model("markov", book, kAsOf, options),
                    fit_from_parts(book, parts_of(book, 3, PartitionKey::deal), "markov", 5, options), book);
}

// A worker that reads its part only when a round needs the deals answers
// every round as one holding it does, and Newton's passes read nothing.
TEST(PartsFit, AReadingAnswererAnswersAsAHoldingOneAndReadsOnlyForDeals) {
  const std::vector<Book> parts = parts_of(small_book(), 2, PartitionKey::deal);
  const auto part = std::make_shared<const Book>(parts[0]);
  int reads = 0;
  PartAnswerer holding(part);
  PartAnswerer reading = PartAnswerer::reading([&] {
    ++reads;
    return std::make_shared<const Book>(*part);  // a copy: nothing shared with the holder
  });
  EXPECT_EQ(reads, 1);  // the check on opening
  PartsFit fit = begin_parts_fit("logistic", kAsOf);
  std::vector<int> reads_by_round;
  while (!fit.done()) {
    const PartStats held = holding.answer(fit.request());
    const int before = reads;
    EXPECT_EQ(to_bytes(held), to_bytes(reading.answer(fit.request())));
    reads_by_round.push_back(reads - before);
    fit.receive(held);
  }
  // The rounds: counts, design (the logistic rows are built from the
  // deals), the Newton passes (the rows only), the flow.
  ASSERT_GE(reads_by_round.size(), 4u);
  EXPECT_EQ(reads_by_round.front(), 1);   // counts
  EXPECT_EQ(reads_by_round[1], 1);        // design: the rows are built from the deals
  for (std::size_t r = 2; r + 1 < reads_by_round.size(); ++r) EXPECT_EQ(reads_by_round[r], 0) << "Newton pass " << r;
  EXPECT_EQ(reads_by_round.back(), 1);    // flow
}

TEST(PartsFit, AReadingAnswererRefusesAPartThatChanged) {
  const std::vector<Book> parts = parts_of(small_book(), 2, PartitionKey::deal);
  int reads = 0;
  PartAnswerer reading = PartAnswerer::reading([&] {
    return std::make_shared<const Book>(parts[reads++ == 0 ? 0 : 1]);
  });
  const PartsFit fit = begin_parts_fit("stage", kAsOf);
  EXPECT_THROW(reading.answer(fit.request()), PartChangedError);
  EXPECT_THROW(PartAnswerer::reading([] { return std::shared_ptr<const Book>(); }), std::invalid_argument);
}

TEST(PartsFit, MergeOrderDoesNotChangeTheMergedBytes) {
  const std::vector<Book> parts = parts_of(small_book(), 7, PartitionKey::deal);
  // stage's rounds, and logistic's first four (counts, design, two passes of
  // Newton's method: sums of doubles merged exactly).
  for (const auto& [model, rounds] : {std::pair<std::string_view, int>{"stage", 2}, {"logistic", 3}}) {
    PartsFit fit = begin_parts_fit(model, kAsOf);
    std::vector<PartAnswerer> workers;
    for (const Book& part : parts) workers.emplace_back(std::make_shared<const Book>(part));
    for (int round = 0; round < rounds && !fit.done(); ++round) {
      // In memory (the bytes' round trip is the other tests'), then the bytes compared.
      const std::string first = to_bytes(merged_answers(parts, fit.request(), 100, &workers, false));
      for (unsigned seed = 101; seed < 102; ++seed)
        EXPECT_EQ(first, to_bytes(merged_answers(parts, fit.request(), seed, &workers, false)))
            << model << " round " << round;
      fit.receive(stats_from_bytes(first));
    }
  }
}

TEST(PartsFit, ExactSumsDoNotDependOnOrder) {
  std::vector<double> terms{1e16, 1.0, -1e16, 3.5e-9, 0.1, 0.2, 0.3, 1e-300, 7e22, -7e22};
  const ExactSum forward = ExactSum::of(terms);
  std::reverse(terms.begin(), terms.end());
  const ExactSum backward = ExactSum::of(terms);
  EXPECT_EQ(forward.canonical(), backward.canonical());
  EXPECT_EQ(ExactSum::of(std::vector<double>(10, 0.1)).value(), 1.0);  // 0.1 ten times, rounded once
  EXPECT_EQ(ExactSum::of(std::vector<double>{1e100, 1.0, -1e100}).value(), 1.0);
  ExactSum halves = ExactSum::of(std::span(terms).first(4));
  halves.add(ExactSum::of(std::span(terms).subspan(4)));
  EXPECT_EQ(halves, forward);
}

TEST(PartsFit, AnExactMultipleIsTheTermAddedThatManyTimes) {
  for (const double x : {0.1, 1.0 / 3.0, -2.5e-7, 6.02e23, 0.0}) {
    for (const std::uint64_t n : {0u, 1u, 2u, 3u, 52u, 1000u, 4097u}) {
      ExactSum one_by_one, at_once;
      for (std::uint64_t k = 0; k < n; ++k) one_by_one.add(x);
      at_once.add(0.7);  // on top of something already there
      one_by_one.add(0.7);
      at_once.add_multiple(x, n);
      EXPECT_EQ(at_once.canonical(), one_by_one.canonical()) << x << " x " << n;
    }
  }
  ExactSum big;
  EXPECT_THROW(big.add_multiple(1e308, 4), std::overflow_error);
  EXPECT_THROW(big.add_multiple(std::nan(""), 1), std::domain_error);
  EXPECT_NO_THROW(big.add_multiple(std::nan(""), 0));
}

TEST(PartsFit, RefusesBlobsOfAnotherKindOrDamaged) {
  const std::vector<Book> parts = parts_of(small_book(), 3, PartitionKey::deal);
  const PartsFit fit = begin_parts_fit("markov", kAsOf);
  const std::string request = to_bytes(fit.request());
  const std::string answer = to_bytes(answer_request(parts[0], fit.request()));
  EXPECT_THROW(stats_from_bytes(request), std::runtime_error);
  EXPECT_THROW(request_from_bytes(answer), std::runtime_error);
  EXPECT_THROW(stats_from_bytes(answer.substr(0, answer.size() / 2)), std::runtime_error);
  std::string flipped = answer;
  flipped[flipped.size() - 3] ^= 0x10;
  EXPECT_THROW(stats_from_bytes(flipped), std::runtime_error);
  EXPECT_THROW(stats_from_bytes(""), std::runtime_error);
  try {
    stats_from_bytes(request, "worker 2");
    FAIL();
  } catch (const std::runtime_error& e) {
    EXPECT_NE(std::string(e.what()).find("worker 2"), std::string::npos) << e.what();
  }
}

TEST(PartsFit, RefusesPartsOfAnotherBookOrAnotherRequest) {
  const std::vector<Book> parts = parts_of(small_book(), 3, PartitionKey::deal);
  PartsFit fit = begin_parts_fit("stage", kAsOf);
  const PartStats a = answer_request(parts[0], fit.request());
  PartStats other = answer_request(parts[1], fit.request());
  other.stages.stages[0].probability = other.stages.stages[0].probability / 2 + 0.25;
  EXPECT_THROW(merge_part_stats(a, other), std::invalid_argument);
  StatsRequest later = fit.request();
  later.as_of += 1;
  EXPECT_THROW(merge_part_stats(a, answer_request(parts[1], later)), std::invalid_argument);
  EXPECT_THROW(fit.receive(answer_request(parts[1], later)), std::invalid_argument);
  EXPECT_THROW(fit.model(), std::logic_error);
  EXPECT_THROW(begin_parts_fit("no such model", kAsOf), std::invalid_argument);
}

}  // namespace
}  // namespace parts_fit_test
}  // namespace pipecast

namespace pipecast {
namespace parts_fit_test {
namespace {

// A design large enough that Newton starts from a fit on a sample and sums
// the Hessian over a sample of rows: drawn by the rows' keys, the parts
// (rows split by key) take the same steps as the whole.
TEST(PartsFit, NewtonOnSampledRowsAgreesOverParts) {
  constexpr std::size_t kRows = 104000, kParts = 3;
  SparseDesign x;
  x.columns = 4;
  x.per_row = 4;
  std::vector<double> y;
  std::vector<std::uint64_t> keys;
  std::uint64_t state = 18;
  const auto uniform = [&] { return static_cast<double>(splitmix64(state) >> 11) * 0x1.0p-53; };
  for (std::size_t r = 0; r < kRows; ++r) {
    const double a = uniform() * 2 - 1, b = uniform() * 2 - 1, c = uniform() < 0.3 ? 1.0 : 0.0;
    x.index.insert(x.index.end(), {0, 1, 2, 3});
    x.value.insert(x.value.end(), {1.0, a, b, c});
    y.push_back(uniform() < logistic(-0.5 + 1.5 * a - b + 0.8 * c) ? 1.0 : 0.0);
    keys.push_back(splitmix64(state));
  }
  const LogisticFit whole = fit_logistic(x, y, {}, {}, {}, keys);
  ASSERT_TRUE(whole.converged);

  // The parts: rows by key, each part's sums merged exactly.
  std::vector<LogisticRows> parts(kParts);
  for (auto& p : parts) p.x.columns = p.x.per_row = 4;
  for (std::size_t r = 0; r < kRows; ++r) {
    LogisticRows& p = parts[keys[r] % kParts];
    p.x.index.insert(p.x.index.end(), x.index.begin() + static_cast<std::ptrdiff_t>(4 * r),
                     x.index.begin() + static_cast<std::ptrdiff_t>(4 * r + 4));
    p.x.value.insert(p.x.value.end(), x.value.begin() + static_cast<std::ptrdiff_t>(4 * r),
                     x.value.begin() + static_cast<std::ptrdiff_t>(4 * r + 4));
    p.y.push_back(y[r]);
    p.keys.push_back(keys[r]);
  }
  std::vector<std::uint64_t> rows_by_level;
  for (std::uint32_t level = 0; level <= kLogisticMaxLevel; ++level) {
    std::uint64_t n = 0;
    for (const std::uint64_t key : keys) n += in_logistic_level(key, level) ? 1 : 0;
    rows_by_level.push_back(n);
  }
  ASSERT_GE(rows_by_level[0], kLogisticSeedFromRows);
  ASSERT_LT(rows_by_level[1], kLogisticSeedFromRows);
  // Each part's rows of sample level 1, gathered once (level 0: all of them).
  std::vector<LogisticRows> level_one;
  for (const LogisticRows& p : parts) level_one.push_back(sample_logistic_level(p.x, p.y, {}, p.keys, 1));
  LogisticNewton newton(4, rows_by_level, {}, {}, true);
  int passes = 0;
  while (!newton.done()) {
    ASSERT_LE(newton.pass().level, 1u);
    std::vector<ExactSum> gradient(4), hessian(16);
    ExactSum loss, weight;
    for (std::size_t k = 0; k < kParts; ++k) {
      const LogisticRows& rows = newton.pass().level == 0 ? parts[k] : level_one[k];
      const LogisticSums s = logistic_sums(rows.x, rows.y, {}, rows.keys, newton.pass());
      for (std::size_t j = 0; j < 4; ++j) gradient[j].add(s.gradient[j]);
      for (std::size_t h = 0; h < s.hessian.size(); ++h) hessian[h].add(s.hessian[h]);
      loss.add(s.loss);
      weight.add(s.weight);
    }
    LogisticSums merged;
    for (const ExactSum& g : gradient) merged.gradient.push_back(g.value());
    if (newton.pass().hessian_one_in > 0)
      for (const ExactSum& h : hessian) merged.hessian.push_back(h.value());
    merged.loss = loss.value();
    merged.weight = weight.value();
    newton.receive(merged);
    ++passes;
  }
  EXPECT_TRUE(newton.fit().converged);
  expect_near(whole.coefficients, newton.fit().coefficients, 1e-9, "coefficient");
  EXPECT_NEAR(whole.log_loss, newton.fit().log_loss, 1e-12);
  EXPECT_GT(passes, 4);
}

}  // namespace
}  // namespace parts_fit_test
}  // namespace pipecast
