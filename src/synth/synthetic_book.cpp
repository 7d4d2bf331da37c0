// The synthetic book generator: draws the shared world (creation days,
// accounts), then simulates each deal from its own random stream and hands
// every record to BookBuilder, so the book obeys the same rules as an import.
#include "pipecast/core/book_builder.hpp"
#include "pipecast/synth/synthetic_book.hpp"

#include "synth/activity_draws.hpp"
#include "synth/model.hpp"
#include "synth/regime_change.hpp"
#include "synth/roster.hpp"

#include <algorithm>
#include <charconv>
#include <cmath>
#include <stdexcept>
#include <string>
#include <string_view>
#include <vector>

#include "synth/random.hpp"  // last: its pragmas apply to the code below

namespace pipecast {
namespace {

using synth::Random;

constexpr std::size_t kMaxDeals = 50'000'000;
constexpr Day kMaxSpanDays = 100 * 366;
constexpr Day kCalendarMargin = 10 * 366;  // expected close dates lie beyond `end`

void check_options(const SynthOptions& o) {
  if (o.deals == 0) throw std::invalid_argument("synthetic book: deals must be at least 1");
  if (o.deals > kMaxDeals)
    throw std::invalid_argument("synthetic book: at most " + std::to_string(kMaxDeals) + " deals");
  if (o.start == kNoDay || o.end == kNoDay)
    throw std::invalid_argument("synthetic book: start and end must be dates");
  if (o.start < to_day(1900, 1, 1) || o.end > to_day(9000, 12, 31))
    throw std::invalid_argument("synthetic book: dates must lie between 1900 and 9000");
  if (o.end <= o.start) throw std::invalid_argument("synthetic book: end must be after start");
  if (o.end - o.start > kMaxSpanDays)
    throw std::invalid_argument("synthetic book: start and end are more than 100 years apart");
  if (o.regime_change != kNoDay && (o.regime_change <= o.start || o.regime_change >= o.end))
    throw std::invalid_argument("synthetic book: the regime change must lie strictly between start " +
                                format_day(o.start) + " and end " + format_day(o.end) + ", not on " +
                                (o.regime_change < kFirstDay || o.regime_change > kLastDay
                                     ? "day " + std::to_string(o.regime_change)
                                     : format_day(o.regime_change)));
}

int digits(std::uint64_t n) {
  int d = 1;
  while (n >= 10) n /= 10, ++d;
  return d;
}

// prefix + n zero-padded to `width` digits, written into `buffer`.
std::string_view padded(char (&buffer)[32], std::string_view prefix, std::uint64_t n, int width) {
  char number[24];
  const auto end = std::to_chars(number, number + sizeof number, n).ptr;
  const auto length = static_cast<int>(end - number);
  char* out = std::copy(prefix.begin(), prefix.end(), buffer);
  out = std::fill_n(out, std::max(0, width - length), '0');
  out = std::copy(number, end, out);
  return {buffer, static_cast<std::size_t>(out - buffer)};
}

double round_cents(double x) { return std::round(x * 100.0) / 100.0; }

// Index drawn with probability proportional to weight(table[i]).
template <class Table, class Weight>
std::size_t pick(Random& rng, const Table& table, Weight weight) {
  double total = 0.0;
  for (const auto& row : table) total += weight(row);
  double u = rng.uniform() * total;
  std::size_t chosen = 0;
  for (std::size_t i = 0; i < std::size(table); ++i) {
    if (weight(table[i]) <= 0.0) continue;
    chosen = i;
    u -= weight(table[i]);
    if (u < 0.0) break;
  }
  return chosen;
}

// The next event at a stage, by inversion of one uniform draw.
SynthEvent draw_event(Random& rng, const SynthTransition& t, bool last, bool& skip) {
  double u = rng.uniform();
  if (u < t.lose) return SynthEvent::lose;
  if ((u -= t.lose) < t.regress) return SynthEvent::regress;
  if (last) return SynthEvent::win;
  skip = u - t.regress < t.skip;
  return SynthEvent::advance;
}

void must(const Checked& refused, std::string_view what) {
  if (refused)
    throw std::logic_error("synthetic book: " + std::string(what) + " refused: " + refused->field +
                           " " + refused->message);
}

/// Month and quarter ends by day over [start, end + margin], so the hot loop
/// does not convert day numbers to dates.
class CalendarTable {
 public:
  CalendarTable(Day first, Day last) : first_(first) {
    for (Day d = first; d <= last; ++d) {
      month_end_.push_back(synth::month_end(d));
      quarter_end_.push_back(synth::quarter_end(d));
    }
  }
  Day month_end(Day d) const { return in(d) ? month_end_[index(d)] : synth::month_end(d); }
  Day quarter_end(Day d) const { return in(d) ? quarter_end_[index(d)] : synth::quarter_end(d); }

 private:
  bool in(Day d) const { return d >= first_ && index(d) < month_end_.size(); }
  std::size_t index(Day d) const { return static_cast<std::size_t>(d - first_); }
  Day first_;
  std::vector<Day> month_end_, quarter_end_;
};

struct Account {
  std::uint8_t segment, currency, owner;
};

struct Row {
  StageId stage;
  Day entered;
  double amount;
  Day close;
};

struct Item {
  std::size_t product;
  double quantity;
  double unit;  // list price in the deal's currency
};

/// One deal while it is simulated; buffers are reused from deal to deal.
struct Deal {
  std::uint8_t regime = kSynthFirstRegime;  // fixed by the creation day
  std::size_t pipeline = 0, segment = 0, currency = 0, owner = 0, source = 0, product = 0;
  std::uint32_t account = 0;
  double quality = 0.0, pace = 1.0;
  double base = 0.0;    // amount at list for deals without line items
  double factor = 1.0;  // price level after discounts and renegotiation
  std::vector<Item> items;
  std::vector<Row> rows;
  std::vector<SynthEvent> events;  // what ended each stay but an open last one
  std::vector<synth::DrawnActivity> activities;
  std::size_t stage = 0;  // index in the pipeline's open stages
  Day close = kNoDay;     // expected close date

  double amount() const {
    if (items.empty()) return std::max(1.0, std::round(base * factor));
    double sum = 0.0;
    for (const Item& item : items) sum += item.quantity * round_cents(item.unit * factor);
    return sum;
  }
};

class Generator {
 public:
  Generator(const SynthOptions& options, SynthTruth& truth);
  void add_reference_data(BookBuilder& builder) const;
  void add_deal(BookBuilder& builder, DealIndex index);
  void add_quotas(BookBuilder& builder) const;

 private:
  void draw_creations(Random& rng);
  std::uint32_t draw_account(Random& rng) const;
  Account account(std::uint32_t index) const;
  const SynthRegime& regime() const { return truth_.parameters(deal_.regime); }
  std::uint8_t regime_of(Day created) const;
  void draw_attributes(Random& rng);
  void draw_amount(Random& rng);
  void simulate(Random& rng, Day created);
  bool step(Random& rng);
  Day dwell_days(Random& rng, const SynthDwell& dwell) const;
  Day slip_to_quarter_end(Random& rng, Day day) const;
  void renegotiate(Random& rng, bool won);
  void move_close_date(Random& rng, Day today);
  void draw_deal_activities(DealIndex index);
  void add_records(BookBuilder& builder, DealIndex index) const;
  void add_activity_records(BookBuilder& builder, std::string_view id) const;
  bool works_in(std::size_t owner, const Period& quarter) const;

  const SynthOptions& options_;
  SynthTruth& truth_;
  CalendarTable calendar_;
  std::vector<Day> created_;  // sorted: deal ids follow creation order
  std::uint32_t accounts_;
  synth::Roster roster_;
  std::vector<std::string_view> stage_names_;  // by StageId
  std::vector<double> expected_bookings_;      // by roster owner, in USD
  int id_width_, account_width_;
  Deal deal_;
};

Generator::Generator(const SynthOptions& options, SynthTruth& truth)
    : options_(options),
      truth_(truth),
      calendar_(options.start, options.end + kCalendarMargin),
      accounts_(static_cast<std::uint32_t>(std::max<std::size_t>(8, options.deals / 4))),
      roster_(truth),
      expected_bookings_(roster_.owners().size(), 0.0),
      id_width_(std::max(7, digits(options.deals))),
      account_width_(std::max(4, digits(accounts_))) {
  for (const auto& p : synth::kPipelines)
    for (std::size_t k = 0; k < p.stage_count; ++k) stage_names_.push_back(p.stages[k].name);
  Random rng(options.seed, 0);  // stream 0: the shared world; deal i uses stream i + 1
  draw_creations(rng);
  truth_.quality.reserve(options.deals);
  truth_.segment.reserve(options.deals);
  truth_.win_at_creation.reserve(options.deals);
  truth_.regime.reserve(options.deals);
}

// Creation days: inverse CDF of the seasonal daily rate, then sorted.
void Generator::draw_creations(Random& rng) {
  const auto& c = truth_.creation;
  std::vector<double> cdf;
  double total = 0.0;
  for (Day d = options_.start; d <= options_.end; ++d) {
    const auto date = to_date(d);
    const bool weekend = date.day_of_week() == 0 || date.day_of_week() == 6;
    const double years = (d - options_.start) / 365.25;
    total += c.by_month[date.month() - 1] * (weekend ? c.weekend : 1.0) *
             synth::exp(c.growth * years);
    cdf.push_back(total);
  }
  created_.resize(options_.deals);
  for (Day& day : created_) {
    const auto at = std::upper_bound(cdf.begin(), cdf.end(), rng.uniform() * total);
    day = options_.start + static_cast<Day>(std::min<std::ptrdiff_t>(
                               at - cdf.begin(), static_cast<std::ptrdiff_t>(cdf.size()) - 1));
  }
  std::sort(created_.begin(), created_.end());
}

// Accounts buy again and again, the big ones most: the rank r = n u^1.5 has
// density proportional to r^(-1/3) (the top account gets about n^(-2/3) of
// the deals), and a multiplicative permutation spreads the big accounts over
// the numbers.  O(1) per deal, no table to miss in the cache.
std::uint32_t Generator::draw_account(Random& rng) const {
  const double u = rng.uniform();
  const auto rank = static_cast<std::uint64_t>(accounts_ * (u * std::sqrt(u)));
  // 2654435761 is prime and larger than any account count, hence coprime to it.
  return static_cast<std::uint32_t>(std::min<std::uint64_t>(rank, accounts_ - 1) * 2654435761ull %
                                    accounts_);
}

// An account's segment, currency and owner, from its own random stream.
Account Generator::account(std::uint32_t index) const {
  Random rng(options_.seed ^ 0x6A09E667F3BCC909ull, index);
  Account a{};
  a.segment = static_cast<std::uint8_t>(
      pick(rng, synth::kSegments, [](const auto& s) { return s.share; }));
  a.currency = static_cast<std::uint8_t>(
      pick(rng, synth::kCurrencies, [](const auto& c) { return c.share; }));
  const auto& owners = roster_.owners(kSynthFirstRegime, a.segment);
  a.owner = owners[rng.below(static_cast<std::uint32_t>(owners.size()))];
  return a;
}

void Generator::add_reference_data(BookBuilder& builder) const {
  BookLayout layout;
  layout.history_amount = layout.history_close_date = layout.forecast_category = true;
  layout.products = layout.line_items = layout.quotas = layout.fx_rates = true;
  layout.activities = layout.activity_duration = layout.activity_direction = options_.activities;
  builder.set_layout(layout);
  for (const auto& p : synth::kPipelines)
    for (std::size_t k = 0; k < p.stage_count; ++k) {
      const auto& s = p.stages[k];
      must(builder.add_stage({p.name, s.name, static_cast<int>(k + 1), s.probability, s.kind,
                              s.forecast_category}),
           "stage");
    }
  for (const auto& c : synth::kCurrencies) must(builder.add_fx_rate(c.code, c.rate), "fx rate");
  for (const auto& p : roster_.products())
    must(builder.add_product(p.name, p.family, p.list_price), "product");
}

std::uint8_t Generator::regime_of(Day created) const {
  const Day change = options_.regime_change;
  return change != kNoDay && created >= change ? kSynthChangedRegime : kSynthFirstRegime;
}

void Generator::add_deal(BookBuilder& builder, DealIndex index) {
  Random rng(options_.seed, std::uint64_t{index} + 1);
  deal_.regime = regime_of(created_[index]);
  draw_attributes(rng);
  draw_amount(rng);
  const double amount0 = deal_.amount() * synth::kCurrencies[deal_.currency].rate;
  simulate(rng, created_[index]);
  draw_deal_activities(index);
  const double win = synth::absorbing_win(regime().pipelines[deal_.pipeline], deal_.quality)[0];
  truth_.regime.push_back(deal_.regime);
  truth_.quality.push_back(deal_.quality);
  truth_.segment.push_back(static_cast<std::uint8_t>(deal_.segment));
  truth_.win_at_creation.push_back(win);
  expected_bookings_[deal_.owner] += win * amount0;
  add_records(builder, index);
}

void Generator::draw_attributes(Random& rng) {
  Deal& d = deal_;
  d.pipeline = pick(rng, synth::kPipelines, [](const auto& p) { return p.share; });
  const bool renewal = d.pipeline == 1;
  d.account = draw_account(rng);
  const Account account = this->account(d.account);
  d.segment = account.segment;
  d.currency = account.currency;
  const auto& owners = roster_.owners(d.regime, d.segment);
  d.owner = rng.chance(synth::kOwnAccountOwner)
                ? roster_.account_owner(d.regime, account.owner)
                : owners[rng.below(static_cast<std::uint32_t>(owners.size()))];
  d.source = pick(rng, synth::kSources,
                  [&](const auto& s) { return renewal ? s.share_renewal : s.share_new; });
  d.product = pick(rng, roster_.products(d.regime),
                   [&](const auto& p) { return renewal ? p.share_renewal : p.share_new; });
  const SynthRegime& r = regime();
  d.quality = r.segments[d.segment].effect + r.products[d.product].effect +
              r.sources[d.source].effect + roster_.owner_effect(d.regime, d.owner) +
              truth_.quality_noise * rng.normal();
  d.pace = r.segments[d.segment].pace;
}

// List-price amount; some deals are quoted as several line items.
void Generator::draw_amount(Random& rng) {
  Deal& d = deal_;
  const double size = synth::kSegments[d.segment].size;
  const double rate = synth::kCurrencies[d.currency].rate;
  d.factor = 1.0 - 0.2 * rng.uniform();  // the opening discount
  d.items.clear();
  if (!rng.chance(synth::kPipelines[d.pipeline].line_item_share)) {
    d.base = roster_.products()[d.product].list_price * size * rng.lognormal(0.0, 0.55) / rate;
    return;
  }
  const auto products = roster_.products(d.regime);
  auto unit = [&](std::size_t p) { return round_cents(products[p].list_price / rate); };
  d.items.push_back({d.product, std::max(1.0, std::round(size * rng.lognormal(0.0, 0.5))), unit(d.product)});
  const bool renewal = d.pipeline == 1;
  // One statement per draw: the order of operands in a sum is unspecified.
  std::size_t wanted = 2;
  if (rng.chance(0.4)) ++wanted;
  if (rng.chance(0.15)) ++wanted;
  for (int attempt = 0; attempt < 20 && d.items.size() < wanted; ++attempt) {
    const std::size_t p = rng.below(static_cast<std::uint32_t>(products.size()));
    const auto& spec = products[p];
    if ((renewal && spec.share_renewal <= 0.0) ||
        std::any_of(d.items.begin(), d.items.end(), [&](const Item& i) { return i.product == p; }))
      continue;
    const double quantity = spec.family == "Services"
                                ? 1.0 + rng.below(3)
                                : std::max(1.0, std::round(0.5 * size * rng.lognormal(0.0, 0.5)));
    d.items.push_back({p, quantity, unit(p)});
  }
}

// A win due in the last days of a quarter may wait for the quarter's last day
// (the customer's budget, the rep's quota, or the approvals).
Day Generator::slip_to_quarter_end(Random& rng, Day day) const {
  const Day q = calendar_.quarter_end(day);
  if (q - day >= 1 && q - day <= truth_.quarter_end_window && rng.chance(truth_.quarter_end_slip))
    return q;
  return day;
}

Day Generator::dwell_days(Random& rng, const SynthDwell& dwell) const {
  const double x = rng.weibull(dwell.scale * deal_.pace, dwell.shape);
  // Far beyond any book's end: the cap cannot change what is recorded.
  return x >= 1e6 ? Day{1000000} : static_cast<Day>(std::ceil(x));
}

void Generator::simulate(Random& rng, Day created) {
  Deal& d = deal_;
  d.rows.clear();
  d.events.clear();
  d.stage = 0;
  const double cycle = d.pace * synth::kPipelines[d.pipeline].cycle_days * rng.lognormal(0.0, 0.35);
  const Day target = created + static_cast<Day>(std::round(cycle));
  // Reps like to forecast a close at a quarter end.
  d.close = rng.chance(0.45) ? calendar_.quarter_end(target) : calendar_.month_end(target);
  d.rows.push_back({regime().pipelines[d.pipeline].open[0].stage, created, d.amount(), d.close});
  while (step(rng)) {
  }
}

// Draws the next event of the deal's current stage; records it unless it
// falls after `end`.  Returns whether the deal is still open and recorded.
bool Generator::step(Random& rng) {
  Deal& d = deal_;
  const SynthPipeline& pipeline = regime().pipelines[d.pipeline];
  const bool last = d.stage + 1 == pipeline.open.size();
  const SynthOpenStage& stage = pipeline.open[d.stage];
  const SynthTransition t = synth::transition(stage, last, d.quality);

  bool skip = false;
  const SynthEvent event = draw_event(rng, t, last, skip);
  Day day = d.rows.back().entered + dwell_days(rng, stage.dwell[static_cast<std::size_t>(event)]);
  if (event == SynthEvent::win && day <= options_.end) day = slip_to_quarter_end(rng, day);
  if (day > options_.end) return false;

  StageId next = 0;
  switch (event) {
    case SynthEvent::advance: d.stage += skip ? 2 : 1; next = pipeline.open[d.stage].stage; break;
    case SynthEvent::regress: d.stage -= 1; next = pipeline.open[d.stage].stage; break;
    case SynthEvent::lose: next = pipeline.lost; break;
    case SynthEvent::win: next = pipeline.won; break;
  }
  const bool closed = event == SynthEvent::lose || event == SynthEvent::win;
  if (event != SynthEvent::lose) renegotiate(rng, event == SynthEvent::win);
  if (closed) d.close = day;
  else move_close_date(rng, day);
  d.rows.push_back({next, day, d.amount(), d.close});
  d.events.push_back(event);
  return !closed;
}

void Generator::renegotiate(Random& rng, bool won) {
  Deal& d = deal_;
  if (rng.chance(0.3)) d.factor = std::clamp(d.factor * rng.lognormal(-0.03, 0.12), 0.35, 1.6);
  if (won && rng.chance(0.4)) d.factor *= 1.0 - 0.08 * rng.uniform();  // the closing discount
}

void Generator::move_close_date(Random& rng, Day today) {
  Deal& d = deal_;
  if (today >= d.close - 5) {  // due or overdue: the rep pushes it
    const double ahead = std::max(7.0, std::round(d.pace * 30.0 * rng.lognormal(0.0, 0.4)));
    d.close = calendar_.month_end(today + static_cast<Day>(ahead));
  } else if (rng.chance(0.12)) {  // the customer slips
    d.close = calendar_.month_end(d.close + 20 + static_cast<Day>(rng.below(40)));
  } else if (rng.chance(0.03)) {  // or wants it sooner
    d.close = calendar_.month_end(today + (d.close - today) / 2);
  }
}

// From a stream of their own, so that the deals are the same without them.
void Generator::draw_deal_activities(DealIndex index) {
  Deal& d = deal_;
  d.activities.clear();
  if (!options_.activities) return;
  Random rng(options_.seed ^ 0xBB67AE8584CAA73Bull, std::uint64_t{index} + 1);
  // Each recorded row but the first ended a stay (events[k] ended the stay
  // entered on rows[k]); the last row starts a stay open at the book's end,
  // unless it closed the deal.
  for (std::size_t k = 0; k < d.events.size(); ++k)
    synth::draw_activities(rng, truth_.activities, {d.rows[k].entered, d.rows[k + 1].entered, d.events[k]},
                           d.pace, d.activities);
  const bool closed =
      !d.events.empty() && (d.events.back() == SynthEvent::lose || d.events.back() == SynthEvent::win);
  if (!closed)
    synth::draw_activities(rng, truth_.activities, {d.rows.back().entered, options_.end + 1, std::nullopt}, d.pace,
                           d.activities);
}

void Generator::add_activity_records(BookBuilder& builder, std::string_view id) const {
  const Deal& d = deal_;
  for (const synth::DrawnActivity& a : d.activities) {
    const SynthActivityType& type = truth_.activities.types[a.type];
    ActivityRecord r;
    r.opportunity_id = id;
    r.type = type.name;
    r.date = a.day;
    r.owner = roster_.owners()[d.owner].name;
    r.duration_minutes = a.minutes;
    r.direction = !type.directed ? "" : a.inbound ? "in" : "out";
    must(builder.add_activity(r), "activity");
  }
}

void Generator::add_records(BookBuilder& builder, DealIndex index) const {
  const Deal& d = deal_;
  char id_buffer[32], account_buffer[32];
  const std::string_view id = padded(id_buffer, "D", std::uint64_t{index} + 1, id_width_);
  const Row& now = d.rows.back();
  OpportunityRecord r;
  r.id = id;
  r.pipeline = synth::kPipelines[d.pipeline].name;
  r.account = padded(account_buffer, "Account ", std::uint64_t{d.account} + 1, account_width_);
  r.owner = roster_.owners()[d.owner].name;
  r.product = roster_.products()[d.product].name;
  r.source = synth::kSources[d.source].name;
  r.segment = synth::kSegments[d.segment].name;
  r.amount = now.amount;
  r.currency = synth::kCurrencies[d.currency].code;
  r.created = d.rows.front().entered;
  r.close_date = now.close;
  r.stage = stage_names_[now.stage];
  must(builder.add_opportunity(r), "opportunity");
  for (const Row& row : d.rows) {
    HistoryRecord h;
    h.opportunity_id = id;
    h.stage = stage_names_[row.stage];
    h.entered = row.entered;
    h.amount = row.amount;
    h.close_date = row.close;
    must(builder.add_history(h), "history row");
  }
  for (const Item& item : d.items)
    must(builder.add_line_item(id, roster_.products()[item.product].name, item.quantity,
                               round_cents(item.unit * d.factor)),
         "line item");
  add_activity_records(builder, id);
}

// Whether `owner` works in `quarter`: an owner who leaves at the regime
// change has no quota after it, one who joins none before it.
bool Generator::works_in(std::size_t owner, const Period& quarter) const {
  const Day change = options_.regime_change;
  if (change == kNoDay) return true;
  return (quarter.first < change && roster_.active(kSynthFirstRegime, owner)) ||
         (quarter.last >= change && roster_.active(kSynthChangedRegime, owner));
}

// Quotas a little above what each owner can expect to book per quarter.
void Generator::add_quotas(BookBuilder& builder) const {
  std::vector<Period> quarters{period_containing(options_.start, PeriodKind::quarter)};
  while (quarters.back().last < options_.end) quarters.push_back(next_period(quarters.back()));
  auto thousands = [](double x) { return std::max(1000.0, std::round(x / 1000.0) * 1000.0); };
  const auto& owners = roster_.owners();
  std::vector<double> per_quarter(owners.size());
  for (std::size_t o = 0; o < owners.size(); ++o)
    per_quarter[o] = 1.0 / static_cast<double>(std::count_if(
                               quarters.begin(), quarters.end(), [&](const Period& q) { return works_in(o, q); }));
  const double team_per_quarter = 1.0 / static_cast<double>(quarters.size());
  double team = 0.0;
  for (double e : expected_bookings_) team += e;
  for (const Period& quarter : quarters) {
    for (std::size_t o = 0; o < owners.size(); ++o)
      if (works_in(o, quarter))
        must(builder.add_quota(owners[o].name, quarter.label,
                               thousands(1.2 * expected_bookings_[o] * per_quarter[o])),
             "quota");
    must(builder.add_quota("*", quarter.label, thousands(1.1 * team * team_per_quarter)), "quota");
  }
}

}  // namespace

SyntheticBook generate_synthetic_book(const SynthOptions& options) {
  check_options(options);
  SynthTruth truth = synth::make_truth();
  if (options.regime_change != kNoDay) {
    truth.regime_change = options.regime_change;
    truth.changed = synth::changed_regime(truth);
  }
  if (options.activities) truth.activities = synth::activity_model();
  truth.end = options.end;
  BookBuilder builder;
  Generator generator(options, truth);
  generator.add_reference_data(builder);
  builder.reserve(options.deals, options.deals * 5);
  for (std::size_t i = 0; i < options.deals; ++i) generator.add_deal(builder, static_cast<DealIndex>(i));
  generator.add_quotas(builder);
  return {std::move(builder).finish(), std::move(truth)};
}

}  // namespace pipecast
