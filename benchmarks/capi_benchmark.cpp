// The C ABI's cost over the C++ calls it wraps, on synthetic books of 10^4
// to 10^6 deals: building a book from columnar arrays (pipecast_builder_* vs
// BookBuilder), the full report (pipecast_report vs build_report), a cheap
// call (pipecast_book_count vs summarize) for the constant per call, and
// scoring the open deals with one fitted model into the host's arrays
// (pipecast_score + pipecast_score_read vs FittedModel::score).
// The C ABI adds argument checks, UTF-8 validation of every string and the
// exception firewall; the figures say what that costs.
#include "pipecast.h"

#include "pipecast/analytics/report.hpp"
#include "pipecast/core/book_builder.hpp"
#include "pipecast/forecast/model.hpp"
#include "pipecast/forecast/model_file.hpp"
#include "pipecast/core/summary.hpp"
#include "pipecast/synth/synthetic_book.hpp"

#include <benchmark/benchmark.h>

#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <map>
#include <memory>
#include <string>
#include <vector>

namespace pipecast {
namespace {

const Day kAsOf = to_day(2024, 12, 31);

// A synthetic book taken apart into the columns a host would hold.
struct Columns {
  std::vector<const char*> stage_pipeline, stage_name, forecast_category;
  std::vector<std::int32_t> stage_order, stage_kind;
  std::vector<double> stage_probability;
  std::vector<const char*> fx_currency;
  std::vector<double> fx_rate;
  std::vector<std::string> ids;
  std::vector<const char*> id, pipeline, account, owner, product, source, segment, currency, stage;
  std::vector<double> amount;
  std::vector<std::int32_t> created, close_date;
  std::vector<const char*> history_id, history_stage;
  std::vector<std::int32_t> history_entered, history_close;
  std::vector<double> history_amount;
  std::size_t deals = 0;
};

void check(int code) {
  if (code != PIPECAST_OK) {
    std::fprintf(stderr, "C ABI call failed: %s\n", pipecast_last_error());
    std::abort();
  }
}

const Columns& columns_of(std::size_t deals) {
  static std::map<std::size_t, std::pair<Book, Columns>> cache;
  auto it = cache.find(deals);
  if (it != cache.end()) return it->second.second;
  SynthOptions options;
  options.deals = deals;
  auto& [book, c] = cache.emplace(deals, std::pair<Book, Columns>{generate_synthetic_book(options).book, {}})
                        .first->second;
  for (const Stage& s : book.stages()) {
    c.stage_pipeline.push_back(book.pipelines()[s.pipeline].name.c_str());
    c.stage_name.push_back(s.name.c_str());
    c.forecast_category.push_back(s.forecast_category.c_str());
    c.stage_order.push_back(s.order);
    c.stage_kind.push_back(static_cast<std::int32_t>(s.kind));
    c.stage_probability.push_back(s.probability);
  }
  for (const FxRate& fx : book.fx_rates()) {
    c.fx_currency.push_back(fx.currency.c_str());
    c.fx_rate.push_back(fx.rate);
  }
  c.deals = book.size();
  c.ids.reserve(book.size());
  for (DealIndex i = 0; i < book.size(); ++i) c.ids.emplace_back(book.ids()[i]);
  for (DealIndex i = 0; i < book.size(); ++i) {
    const Opportunity o = book.opportunity(i);
    c.id.push_back(c.ids[i].c_str());
    c.pipeline.push_back(o.pipeline().name.c_str());
    c.account.push_back(book.dictionary(Dimension::account)[book.codes(Dimension::account)[i]].c_str());
    c.owner.push_back(book.dictionary(Dimension::owner)[book.codes(Dimension::owner)[i]].c_str());
    c.product.push_back(book.dictionary(Dimension::product)[book.codes(Dimension::product)[i]].c_str());
    c.source.push_back(book.dictionary(Dimension::source)[book.codes(Dimension::source)[i]].c_str());
    c.segment.push_back(book.dictionary(Dimension::segment)[book.codes(Dimension::segment)[i]].c_str());
    c.currency.push_back(book.currencies()[book.currency_column()[i]].c_str());
    c.stage.push_back(o.stage().name.c_str());
    c.amount.push_back(o.amount());
    c.created.push_back(o.created());
    c.close_date.push_back(o.close_date());
    for (auto r = book.history_begin(i); r < book.history_end(i); ++r) {
      const HistoryEntry h = book.history(r);
      c.history_id.push_back(c.ids[i].c_str());
      c.history_stage.push_back(book.stages()[h.stage].name.c_str());
      c.history_entered.push_back(h.entered);
      c.history_amount.push_back(h.amount);
      c.history_close.push_back(h.close_date);
    }
  }
  return c;
}

std::string_view sv(const char* text) { return text; }

Book build_cxx(const Columns& c) {
  BookBuilder b;
  b.reserve(c.deals, c.history_id.size());
  for (std::size_t s = 0; s < c.stage_name.size(); ++s)
    b.add_stage({sv(c.stage_pipeline[s]), sv(c.stage_name[s]), c.stage_order[s], c.stage_probability[s],
                 static_cast<StageKind>(c.stage_kind[s]), sv(c.forecast_category[s])});
  for (std::size_t f = 0; f < c.fx_currency.size(); ++f) b.add_fx_rate(c.fx_currency[f], c.fx_rate[f]);
  for (std::size_t i = 0; i < c.deals; ++i) {
    OpportunityRecord r;
    r.id = c.id[i];
    r.pipeline = c.pipeline[i];
    r.account = c.account[i];
    r.owner = c.owner[i];
    r.product = c.product[i];
    r.source = c.source[i];
    r.segment = c.segment[i];
    r.amount = c.amount[i];
    r.currency = c.currency[i];
    r.created = c.created[i];
    r.close_date = c.close_date[i];
    r.stage = c.stage[i];
    if (b.add_opportunity(r)) std::abort();
  }
  for (std::size_t h = 0; h < c.history_id.size(); ++h)
    if (b.add_history({c.history_id[h], c.history_stage[h], c.history_entered[h], c.history_amount[h],
                       c.history_close[h], {}}))
      std::abort();
  return std::move(b).finish();
}

pipecast_book* build_capi(const Columns& c) {
  pipecast_builder* builder = nullptr;
  check(pipecast_builder_new(&builder));
  pipecast_stage_columns stages = PIPECAST_STAGE_COLUMNS_INIT;
  stages.pipeline = c.stage_pipeline.data();
  stages.stage = c.stage_name.data();
  stages.order = c.stage_order.data();
  stages.probability = c.stage_probability.data();
  stages.kind = c.stage_kind.data();
  stages.forecast_category = c.forecast_category.data();
  check(pipecast_builder_add_stages(builder, &stages, c.stage_name.size()));
  pipecast_fx_rate_columns fx = PIPECAST_FX_RATE_COLUMNS_INIT;
  fx.currency = c.fx_currency.data();
  fx.rate = c.fx_rate.data();
  check(pipecast_builder_add_fx_rates(builder, &fx, c.fx_currency.size()));
  pipecast_opportunity_columns deals = PIPECAST_OPPORTUNITY_COLUMNS_INIT;
  deals.id = c.id.data();
  deals.pipeline = c.pipeline.data();
  deals.account = c.account.data();
  deals.owner = c.owner.data();
  deals.product = c.product.data();
  deals.source = c.source.data();
  deals.segment = c.segment.data();
  deals.amount = c.amount.data();
  deals.currency = c.currency.data();
  deals.created = c.created.data();
  deals.close_date = c.close_date.data();
  deals.stage = c.stage.data();
  check(pipecast_builder_add_opportunities(builder, &deals, c.deals));
  pipecast_history_columns history = PIPECAST_HISTORY_COLUMNS_INIT;
  history.opportunity_id = c.history_id.data();
  history.stage = c.history_stage.data();
  history.entered = c.history_entered.data();
  history.amount = c.history_amount.data();
  history.close_date = c.history_close.data();
  check(pipecast_builder_add_history(builder, &history, c.history_id.size()));
  pipecast_book* book = nullptr;
  check(pipecast_builder_finish(builder, &book));
  pipecast_builder_free(builder);
  return book;
}

const Book& cxx_book(std::size_t deals) {
  static std::map<std::size_t, Book> cache;
  auto it = cache.find(deals);
  if (it == cache.end()) it = cache.emplace(deals, build_cxx(columns_of(deals))).first;
  return it->second;
}

const pipecast_book* capi_book(std::size_t deals) {
  static std::map<std::size_t, pipecast_book*> cache;  // kept for the process
  auto it = cache.find(deals);
  if (it == cache.end()) it = cache.emplace(deals, build_capi(columns_of(deals))).first;
  return it->second;
}

void per_deal(benchmark::State& state, std::size_t deals) {
  state.SetItemsProcessed(static_cast<std::int64_t>(deals) * state.iterations());
}

void BM_BuildCxx(benchmark::State& state) {
  const Columns& c = columns_of(static_cast<std::size_t>(state.range(0)));
  for (auto _ : state) {
    Book book = build_cxx(c);
    benchmark::DoNotOptimize(book);
  }
  per_deal(state, c.deals);
}

void BM_BuildCapi(benchmark::State& state) {
  const Columns& c = columns_of(static_cast<std::size_t>(state.range(0)));
  for (auto _ : state) {
    pipecast_book* book = build_capi(c);
    benchmark::DoNotOptimize(book);
    pipecast_book_free(book);
  }
  per_deal(state, c.deals);
}

void BM_ReportCxx(benchmark::State& state) {
  const Book& book = cxx_book(static_cast<std::size_t>(state.range(0)));
  AnalysisOptions options;
  options.as_of = kAsOf;
  for (auto _ : state) {
    const Scope scope(book, options);
    Report report = build_report(scope);
    benchmark::DoNotOptimize(report);
  }
  per_deal(state, book.size());
}

void BM_ReportCapi(benchmark::State& state) {
  const pipecast_book* book = capi_book(static_cast<std::size_t>(state.range(0)));
  pipecast_scope_options scope = PIPECAST_SCOPE_OPTIONS_INIT;
  scope.as_of_day = kAsOf;
  for (auto _ : state) {
    pipecast_result* report = nullptr;
    check(pipecast_report(book, &scope, nullptr, &report));
    pipecast_result_free(report);
  }
  per_deal(state, static_cast<std::size_t>(state.range(0)));
}

void BM_CountCxx(benchmark::State& state) {
  const Book& book = cxx_book(static_cast<std::size_t>(state.range(0)));
  for (auto _ : state) {
    Summary summary = summarize(as_of(book, kAsOf));
    benchmark::DoNotOptimize(summary);
  }
  per_deal(state, book.size());
}

void BM_CountCapi(benchmark::State& state) {
  const pipecast_book* book = capi_book(static_cast<std::size_t>(state.range(0)));
  for (auto _ : state) {
    pipecast_counts counts = PIPECAST_COUNTS_INIT;
    check(pipecast_book_count(book, kAsOf, &counts));
    benchmark::DoNotOptimize(counts);
  }
  per_deal(state, static_cast<std::size_t>(state.range(0)));
}

// One model for both sides: fitted in C++, saved, and loaded through the C
// ABI, so the two score with the very same parameters.
struct SharedModel {
  std::unique_ptr<FittedModel> cxx;
  pipecast_model* capi = nullptr;
};

const SharedModel& shared_model(std::size_t deals) {
  static std::map<std::size_t, SharedModel> cache;
  auto& slot = cache[deals];
  if (slot.capi != nullptr) return slot;
  slot.cxx = std::make_unique<FittedModel>(fit_model("stage", cxx_book(deals), kAsOf));
  const auto path = std::filesystem::temp_directory_path() / ("pipecast-bench-" + std::to_string(deals) + ".pcm");
  save_model(*slot.cxx, path);
  check(pipecast_model_load(path.string().c_str(), &slot.capi));
  std::filesystem::remove(path);
  return slot;
}

// The host's arrays: win probability, expected amount, expected close day.
struct HostArrays {
  std::vector<double> p, expected;
  std::vector<std::int32_t> close;
  void resize(std::size_t n) {
    p.resize(n);
    expected.resize(n);
    close.resize(n);
  }
};

void BM_ScoreCxx(benchmark::State& state) {
  const auto deals = static_cast<std::size_t>(state.range(0));
  const Book& book = cxx_book(deals);
  const FittedModel& model = *shared_model(deals).cxx;
  HostArrays out;
  std::size_t scored = 0;
  for (auto _ : state) {
    DealScores scores = model.score(AsOfView(book, kAsOf));
    scored = scores.size();
    if (out.p.size() != scored) out.resize(scored);
    for (std::size_t i = 0; i < scored; ++i) out.p[i] = scores.win_probability[i];
    for (std::size_t i = 0; i < scored; ++i) out.expected[i] = scores.expected_amount(i);
    for (std::size_t i = 0; i < scored; ++i) out.close[i] = scores.expected_close(i);
    benchmark::DoNotOptimize(out.p.data());
  }
  state.counters["open_deals"] = static_cast<double>(scored);
  state.SetItemsProcessed(static_cast<std::int64_t>(scored) * state.iterations());
}

void BM_ScoreCapi(benchmark::State& state) {
  const auto deals = static_cast<std::size_t>(state.range(0));
  const pipecast_book* book = capi_book(deals);
  const pipecast_model* model = shared_model(deals).capi;
  pipecast_score_options options = PIPECAST_SCORE_OPTIONS_INIT;
  options.as_of_day = kAsOf;
  HostArrays out;
  std::size_t scored = 0;
  for (auto _ : state) {
    pipecast_result* scores = nullptr;
    check(pipecast_score(model, book, &options, &scores));
    check(pipecast_score_count(scores, &scored));
    if (out.p.size() != scored) out.resize(scored);
    check(pipecast_score_read(scores, out.p.data(), out.expected.data(), out.close.data(), scored));
    pipecast_result_free(scores);
    benchmark::DoNotOptimize(out.p.data());
  }
  state.counters["open_deals"] = static_cast<double>(scored);
  state.SetItemsProcessed(static_cast<std::int64_t>(scored) * state.iterations());
}

BENCHMARK(BM_BuildCxx)->Arg(10'000)->Arg(100'000)->Arg(1'000'000)->Unit(benchmark::kMillisecond);
BENCHMARK(BM_BuildCapi)->Arg(10'000)->Arg(100'000)->Arg(1'000'000)->Unit(benchmark::kMillisecond);
BENCHMARK(BM_ReportCxx)->Arg(10'000)->Arg(100'000)->Arg(1'000'000)->Unit(benchmark::kMillisecond);
BENCHMARK(BM_ReportCapi)->Arg(10'000)->Arg(100'000)->Arg(1'000'000)->Unit(benchmark::kMillisecond);
BENCHMARK(BM_CountCxx)->Arg(10'000)->Arg(1'000'000)->Unit(benchmark::kMillisecond);
BENCHMARK(BM_CountCapi)->Arg(10'000)->Arg(1'000'000)->Unit(benchmark::kMillisecond);
BENCHMARK(BM_ScoreCxx)->Arg(1'000'000)->Unit(benchmark::kMillisecond);
BENCHMARK(BM_ScoreCapi)->Arg(1'000'000)->Unit(benchmark::kMillisecond);

}  // namespace
}  // namespace pipecast
