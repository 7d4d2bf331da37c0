#include "pipecast/analytics/cross_sell.hpp"
#include "core/not_a_number.hpp"

#include <algorithm>
#include <cmath>
#include <limits>
#include <numeric>
#include <stdexcept>
#include <unordered_map>

namespace pipecast {
namespace {

constexpr std::uint32_t kNone = kCrossSellNone;

// Counts on a (row, column) grid.  Dense while small (the usual catalogue of
// tens of products); hashed beyond, so that a catalogue of thousands of SKUs
// does not allocate products^2 cells.
class CountGrid {
 public:
  CountGrid(std::size_t rows, std::size_t cols) : cols_(cols), dense_(rows * cols <= kDenseCells) {
    if (dense_) cells_.assign(rows * cols, 0);
  }
  void add(std::uint32_t row, std::uint32_t col) {
    if (dense_) ++cells_[row * cols_ + col];
    else ++sparse_[key(row, col)];
  }
  std::uint32_t get(std::uint32_t row, std::uint32_t col) const {
    if (dense_) return cells_[row * cols_ + col];
    const auto found = sparse_.find(key(row, col));
    return found == sparse_.end() ? 0 : found->second;
  }
  /// f(row, col, count) for every cell with a count, in no particular order.
  template <class F>
  void for_each(F&& f) const {
    if (dense_) {
      for (std::size_t i = 0; i < cells_.size(); ++i)
        if (cells_[i] != 0)
          f(static_cast<std::uint32_t>(i / cols_), static_cast<std::uint32_t>(i % cols_), cells_[i]);
    } else {
      for (const auto& [k, count] : sparse_)
        f(static_cast<std::uint32_t>(k / cols_), static_cast<std::uint32_t>(k % cols_), count);
    }
  }

 private:
  static constexpr std::size_t kDenseCells = std::size_t{1} << 20;
  std::uint64_t key(std::uint32_t row, std::uint32_t col) const { return std::uint64_t{row} * cols_ + col; }
  std::size_t cols_;
  bool dense_;
  std::vector<std::uint32_t> cells_;
  std::unordered_map<std::uint64_t, std::uint32_t> sparse_;
};

// The codes of a dictionary that occur, ordered by their text, with the way back.
struct CodeIndex {
  std::vector<Code> codes;             // compact index -> dictionary code
  std::vector<std::uint32_t> compact;  // dictionary code -> compact index, or kNone

  CodeIndex(const Dictionary& dictionary, const std::vector<std::uint8_t>& used) : compact(used.size(), kNone) {
    for (Code c = 0; c < used.size(); ++c)
      if (used[c]) codes.push_back(c);
    std::sort(codes.begin(), codes.end(), [&](Code a, Code b) { return dictionary[a] < dictionary[b]; });
    for (std::uint32_t i = 0; i < codes.size(); ++i) compact[codes[i]] = i;
  }
  std::uint32_t size() const { return static_cast<std::uint32_t>(codes.size()); }
};

// The code of the blank value in a dictionary, or kNone when there is none.
Code blank_code(const Dictionary& dictionary) { return dictionary.find("").value_or(kNone); }

// The won deals of the scope that have an account, and the segment each
// account takes (that of its most recently won deal).
struct WonDeals {
  std::vector<DealIndex> deals;
  std::vector<bool> won;               // by DealIndex
  std::vector<bool> itemised;          // by DealIndex: a won deal with a line item naming a product
  std::vector<Code> account_segment;   // by account code: segment code (valid when it bought)
  Code blank_product = kNone;
};

WonDeals collect_won(const Scope& scope) {
  const Book& book = scope.book();
  const auto accounts = book.codes(Dimension::account);
  const auto segments = book.codes(Dimension::segment);
  const Code blank_account = blank_code(book.dictionary(Dimension::account));
  WonDeals won;
  won.won.assign(book.size(), false);
  won.account_segment.assign(book.dictionary(Dimension::account).size(), 0);
  std::vector<Day> latest(won.account_segment.size(), kNoDay);
  for (const std::size_t k : scope.deals()) {
    if (scope.state(k) != StageKind::won) continue;
    const DealIndex i = scope.view().deal(k);
    const Code account = accounts[i];
    if (account == blank_account) continue;
    won.deals.push_back(i);
    won.won[i] = true;
    // Scope positions ascend in book order, so ">=" lets the later deal win a tie.
    const Day closed = scope.view().stage_entered(k);
    if (closed >= latest[account]) {
      latest[account] = closed;
      won.account_segment[account] = segments[i];
    }
  }
  won.blank_product = blank_code(book.dictionary(Dimension::product));
  won.itemised.assign(book.size(), false);
  for (const LineItem& item : book.line_items())
    if (won.won[item.deal] && item.product != won.blank_product) won.itemised[item.deal] = true;
  return won;
}

// f(account code, product code) for every product of every won deal (repeats included).
template <class F>
void for_each_purchase(const Book& book, const WonDeals& won, F&& f) {
  const auto accounts = book.codes(Dimension::account);
  for (const LineItem& item : book.line_items())
    if (won.won[item.deal] && item.product != won.blank_product) f(accounts[item.deal], item.product);
  const auto primary = book.codes(Dimension::product);
  for (const DealIndex i : won.deals)
    if (!won.itemised[i] && primary[i] != won.blank_product) f(accounts[i], primary[i]);
}

// Buying accounts (in account code order) and their distinct products.
struct Baskets {
  std::vector<Code> accounts;
  std::vector<std::uint32_t> offsets{0};
  std::vector<std::uint32_t> items;  // compact product indices, ascending within an account
  std::span<const std::uint32_t> of(std::size_t a) const {
    return std::span<const std::uint32_t>(items).subspan(offsets[a], offsets[a + 1] - offsets[a]);
  }
};

// Counting sort of the purchases by account, then each account's few
// products sorted and deduplicated in place.
Baskets build_baskets(const Book& book, const WonDeals& won, const CodeIndex& products) {
  const std::size_t n_accounts = book.dictionary(Dimension::account).size();
  std::vector<std::uint32_t> start(n_accounts + 1, 0);
  for_each_purchase(book, won, [&](Code account, Code) { ++start[account + 1]; });
  std::partial_sum(start.begin(), start.end(), start.begin());
  std::vector<std::uint32_t> raw(start.back());
  {
    std::vector<std::uint32_t> next(start.begin(), start.end() - 1);
    for_each_purchase(book, won, [&](Code account, Code product) { raw[next[account]++] = products.compact[product]; });
  }
  Baskets baskets;
  for (Code account = 0; account < n_accounts; ++account) {
    if (start[account] == start[account + 1]) continue;
    const auto first = raw.begin() + start[account], last = raw.begin() + start[account + 1];
    std::sort(first, last);
    baskets.items.insert(baskets.items.end(), first, std::unique(first, last));
    baskets.accounts.push_back(account);
    baskets.offsets.push_back(static_cast<std::uint32_t>(baskets.items.size()));
  }
  return baskets;
}

std::vector<std::uint8_t> products_bought(const Book& book, const WonDeals& won) {
  std::vector<std::uint8_t> used(book.dictionary(Dimension::product).size(), 0);
  for_each_purchase(book, won, [&](Code, Code product) { used[product] = 1; });
  return used;
}

// Who is asked for: every buying account, or one account with its evidence.
struct Target {
  bool all = true;
  bool deal = false;                 // asked through a deal
  std::string account;
  Code account_code = kNone;
  Code segment = kNone;              // the deal's segment, or the account's latest deal's
  std::vector<Code> extra_products;  // the asked deal's own products (product codes)
};

std::size_t scope_position(const Scope& scope, DealIndex deal) {
  for (const std::size_t k : scope.deals())
    if (scope.view().deal(k) == deal) return k;
  return std::numeric_limits<std::size_t>::max();
}

Target target_deal(const Scope& scope, const std::string& id) {
  const Book& book = scope.book();
  const auto deal = book.find(id);
  if (!deal) throw std::invalid_argument("cross-sell: unknown deal '" + id + "'");
  if (scope_position(scope, *deal) == std::numeric_limits<std::size_t>::max())
    throw std::invalid_argument("cross-sell: deal '" + id + "' is not in scope as of " + format_day(scope.as_of()) +
                                " (created later, another pipeline, or filtered out)");
  Target t;
  t.all = false;
  t.deal = true;
  t.account_code = book.codes(Dimension::account)[*deal];
  t.account = book.dictionary(Dimension::account)[t.account_code];
  t.segment = book.codes(Dimension::segment)[*deal];
  const Dictionary& products = book.dictionary(Dimension::product);
  for (const LineItem& item : book.line_items())
    if (item.deal == *deal && !products[item.product].empty()) t.extra_products.push_back(item.product);
  const Code primary = book.codes(Dimension::product)[*deal];
  if (t.extra_products.empty() && !products[primary].empty()) t.extra_products.push_back(primary);
  return t;
}

Target target_account(const Scope& scope, const std::string& name) {
  const Book& book = scope.book();
  const auto code = book.dictionary(Dimension::account).find(name);
  if (!code) throw std::invalid_argument("cross-sell: unknown account '" + name + "'");
  Target t;
  t.all = false;
  t.account = name;
  t.account_code = *code;
  Day latest = kNoDay;
  const auto accounts = book.codes(Dimension::account);
  for (const std::size_t k : scope.deals()) {
    const DealIndex i = scope.view().deal(k);
    if (accounts[i] == *code && scope.created(k) >= latest) {
      latest = scope.created(k);
      t.segment = book.codes(Dimension::segment)[i];
    }
  }
  if (latest == kNoDay)
    throw std::invalid_argument("cross-sell: account '" + name + "' has no deal in scope as of " +
                                format_day(scope.as_of()));
  return t;
}

Target resolve_target(const Scope& scope, const CrossSellOptions& options) {
  if (!options.account.empty() && !options.deal.empty())
    throw std::invalid_argument("cross-sell: ask for an account or a deal, not both");
  if (!(options.blend >= 0.0)) throw std::invalid_argument("cross-sell: blend must be 0 or more");
  if (!options.deal.empty()) return target_deal(scope, options.deal);
  if (!options.account.empty()) return target_account(scope, options.account);
  return {};
}

// Position of an account among the buying accounts, or kNone.
std::uint32_t buyer_position(const Baskets& baskets, Code account) {
  const auto found = std::lower_bound(baskets.accounts.begin(), baskets.accounts.end(), account);
  if (found == baskets.accounts.end() || *found != account) return kNone;
  return static_cast<std::uint32_t>(found - baskets.accounts.begin());
}

// The segment the asked account is scored in (a segment code): an asked
// deal's own; a buying account's (its latest won deal's); else its latest deal's.
Code target_segment(const Target& target, const WonDeals& won, const Baskets& baskets) {
  if (target.all) return kNone;
  if (target.deal || buyer_position(baskets, target.account_code) == kNone) return target.segment;
  return won.account_segment[target.account_code];
}

// The compact segments: those of the buying accounts, and the asked one's.
CodeIndex index_segments(const Book& book, const WonDeals& won, const Baskets& baskets, Code asked_segment) {
  std::vector<std::uint8_t> used(book.dictionary(Dimension::segment).size(), 0);
  for (const Code account : baskets.accounts) used[won.account_segment[account]] = 1;
  if (asked_segment != kNone) used[asked_segment] = 1;
  return CodeIndex(book.dictionary(Dimension::segment), used);
}

// Adoption tables and the pair counts.
void count_adoption(const Baskets& baskets, const std::vector<std::uint32_t>& segment_of, CrossSellReport& report,
                    CountGrid& pairs) {
  const auto n = static_cast<std::uint32_t>(baskets.accounts.size());
  for (auto& p : report.products) p.rate.trials = n;
  for (std::uint32_t a = 0; a < n; ++a) {
    const auto items = baskets.of(a);
    SegmentAdoption& segment = report.segments[segment_of[a]];
    ++segment.accounts;
    for (std::size_t i = 0; i < items.size(); ++i) {
      ++report.products[items[i]].rate.successes;
      ++segment.products[items[i]].successes;
      for (std::size_t j = i + 1; j < items.size(); ++j) {
        pairs.add(items[i], items[j]);
        pairs.add(items[j], items[i]);
      }
    }
  }
  for (auto& s : report.segments)
    for (auto& r : s.products) r.trials = s.accounts;
}

CrossSellPair make_pair(const CrossSellReport& report, std::uint32_t from, std::uint32_t to, std::uint32_t support) {
  CrossSellPair p;
  p.from = from;
  p.to = to;
  p.confidence = {support, report.products[from].rate.successes};
  // support * N / (accounts with from * accounts with to): the same number
  // both ways round, so that A -> B and B -> A tie exactly.
  const double buyers = static_cast<double>(report.products[to].rate.trials);
  p.lift = static_cast<double>(support) * buyers /
           (static_cast<double>(report.products[from].rate.successes) *
            static_cast<double>(report.products[to].rate.successes));
  return p;
}

std::vector<CrossSellPair> pair_table(const CrossSellReport& report, const CountGrid& pairs, std::size_t min_support,
                                      std::size_t max_pairs) {
  std::vector<CrossSellPair> table;
  pairs.for_each([&](std::uint32_t from, std::uint32_t to, std::uint32_t support) {
    if (support >= min_support) table.push_back(make_pair(report, from, to, support));
  });
  std::sort(table.begin(), table.end(), [](const CrossSellPair& a, const CrossSellPair& b) {
    if (a.lift != b.lift) return a.lift > b.lift;
    if (a.support() != b.support()) return a.support() > b.support();
    return a.from != b.from ? a.from < b.from : a.to < b.to;
  });
  if (max_pairs != 0 && table.size() > max_pairs) table.resize(max_pairs);
  return table;
}

// Scores accounts one after the other into the report's candidate list,
// reusing its scratch space (no allocation per account).
class Scorer {
 public:
  Scorer(CrossSellReport& report, const CountGrid& pairs, const CrossSellOptions& options)
      : report_(report), pairs_(pairs), options_(options), min_support_(std::max<std::size_t>(1, options.min_support)),
        owned_(report.products.size(), 0) {}

  std::size_t top_k() const { return options_.top_k; }

  // `evidence`: the products the account owns (compact indices); they are
  // also the ones never suggested.
  void score(std::span<const std::uint32_t> evidence, std::uint32_t segment, AccountCrossSell& out) {
    for (const auto p : evidence) owned_[p] = 1;
    const double m = static_cast<double>(evidence.size());
    const double w = m == 0.0 ? 0.0 : m / (m + options_.blend);
    scratch_.clear();
    for (std::uint32_t b = 0; b < owned_.size(); ++b) {
      if (owned_[b]) continue;
      const Evidence e = best_evidence(evidence, b);
      const double rate = segment_rate(segment, b);
      scratch_.push_back({w * e.confidence + (1.0 - w) * rate, rate, b, e.from, e.support});
    }
    for (const auto p : evidence) owned_[p] = 0;
    const std::size_t k = std::min(options_.top_k, scratch_.size());
    std::partial_sort(scratch_.begin(), scratch_.begin() + static_cast<std::ptrdiff_t>(k), scratch_.end(),
                      [](const Scored& a, const Scored& b) {
                        return a.score != b.score ? a.score > b.score : a.product < b.product;
                      });
    out.candidates_begin = static_cast<std::uint32_t>(report_.candidate_list.size());
    for (std::size_t i = 0; i < k; ++i) report_.candidate_list.push_back(candidate(scratch_[i]));
    out.candidates_end = static_cast<std::uint32_t>(report_.candidate_list.size());
  }

 private:
  struct Evidence {
    double confidence = 0.0;  // 0 without a qualifying pair
    std::uint32_t from = kNone;
    std::uint32_t support = 0;
  };
  struct Scored {
    double score, segment_rate;
    std::uint32_t product, from, support;
  };

  Evidence best_evidence(std::span<const std::uint32_t> evidence, std::uint32_t to) const {
    Evidence best;
    for (const auto from : evidence) {
      const std::uint32_t support = pairs_.get(from, to);
      if (support < min_support_) continue;
      const double confidence =
          static_cast<double>(support) / static_cast<double>(report_.products[from].rate.successes);
      if (best.from == kNone || confidence > best.confidence ||
          (confidence == best.confidence && support > best.support))
        best = {confidence, from, support};
    }
    return best;
  }

  double segment_rate(std::uint32_t segment, std::uint32_t product) const {
    if (segment != kNone && report_.segments[segment].accounts > 0)
      return report_.segments[segment].products[product].value();
    return report_.products[product].rate.value();
  }

  CrossSellCandidate candidate(const Scored& s) const {
    CrossSellCandidate c;
    c.product = s.product;
    c.score = s.score;
    c.segment_rate = s.segment_rate;
    c.lift = kNaN;
    if (s.from != kNone) {
      const CrossSellPair pair = make_pair(report_, s.from, s.product, s.support);
      c.because = s.from;
      c.confidence = pair.confidence;
      c.lift = pair.lift;
    }
    return c;
  }

  CrossSellReport& report_;
  const CountGrid& pairs_;
  const CrossSellOptions& options_;
  std::size_t min_support_;
  std::vector<std::uint8_t> owned_;
  std::vector<Scored> scratch_;
};

std::span<const std::uint32_t> append_purchases(CrossSellReport& report, std::span<const std::uint32_t> items,
                                                AccountCrossSell& out) {
  out.purchases_begin = static_cast<std::uint32_t>(report.purchase_list.size());
  report.purchase_list.insert(report.purchase_list.end(), items.begin(), items.end());
  out.purchases_end = static_cast<std::uint32_t>(report.purchase_list.size());
  return items;
}

void score_everyone(const Baskets& baskets, const std::vector<std::uint32_t>& segment_of, const Book& book,
                    Scorer& scorer, CrossSellReport& report) {
  const Dictionary& names = book.dictionary(Dimension::account);
  report.accounts.resize(baskets.accounts.size());
  report.purchase_list.reserve(baskets.items.size());
  std::size_t candidates = 0;  // reserved exactly: the list is the bulk of a big report
  for (std::size_t a = 0; a < baskets.accounts.size(); ++a)
    candidates += std::min(scorer.top_k(), report.products.size() - baskets.of(a).size());
  report.candidate_list.reserve(candidates);
  for (std::size_t a = 0; a < baskets.accounts.size(); ++a) {
    AccountCrossSell& out = report.accounts[a];
    out.account = names[baskets.accounts[a]];
    out.segment = segment_of[a];
    scorer.score(append_purchases(report, baskets.of(a), out), segment_of[a], out);
  }
}

void score_target(const Baskets& baskets, const CodeIndex& products, std::uint32_t segment, const Target& target,
                  Scorer& scorer, CrossSellReport& report) {
  AccountCrossSell out;
  out.account = target.account;
  out.segment = segment;
  std::vector<std::uint32_t> evidence;
  if (const std::uint32_t a = buyer_position(baskets, target.account_code); a != kNone) {
    const auto items = append_purchases(report, baskets.of(a), out);
    evidence.assign(items.begin(), items.end());
  }
  for (const Code p : target.extra_products)
    if (products.compact[p] != kNone) evidence.push_back(products.compact[p]);
  std::sort(evidence.begin(), evidence.end());
  evidence.erase(std::unique(evidence.begin(), evidence.end()), evidence.end());
  scorer.score(evidence, out.segment, out);
  report.accounts.push_back(std::move(out));
}

}  // namespace

bool CrossSellPair::operator==(const CrossSellPair& other) const {
  return from == other.from && to == other.to && confidence == other.confidence &&
         (lift == other.lift || (std::isnan(lift) && std::isnan(other.lift)));
}

bool CrossSellCandidate::operator==(const CrossSellCandidate& other) const {
  return product == other.product && because == other.because && score == other.score &&
         segment_rate == other.segment_rate && confidence == other.confidence &&
         (lift == other.lift || (std::isnan(lift) && std::isnan(other.lift)));
}

const std::string& CrossSellReport::product_name(std::uint32_t product) const {
  static const std::string none;
  return product < products.size() ? products[product].product : none;
}

CrossSellReport cross_sell(const Scope& scope, const CrossSellOptions& options) {
  const Target target = resolve_target(scope, options);
  const Book& book = scope.book();
  const WonDeals won = collect_won(scope);
  const CodeIndex products(book.dictionary(Dimension::product), products_bought(book, won));
  const Baskets baskets = build_baskets(book, won, products);
  const Code asked_segment = target_segment(target, won, baskets);
  const CodeIndex segments = index_segments(book, won, baskets, asked_segment);

  CrossSellReport report;
  report.as_of = scope.as_of();
  report.won_deals = won.deals.size();
  report.buying_accounts = baskets.accounts.size();
  report.min_support = options.min_support;
  for (const Code p : products.codes) report.products.push_back({book.dictionary(Dimension::product)[p], {}});
  for (const Code s : segments.codes)
    report.segments.push_back({book.dictionary(Dimension::segment)[s], 0, std::vector<Rate>(products.size())});
  std::vector<std::uint32_t> segment_of(baskets.accounts.size());
  for (std::size_t a = 0; a < baskets.accounts.size(); ++a)
    segment_of[a] = segments.compact[won.account_segment[baskets.accounts[a]]];

  CountGrid pairs(products.size(), products.size());
  count_adoption(baskets, segment_of, report, pairs);
  report.pairs = pair_table(report, pairs, std::max<std::size_t>(1, options.min_support), options.max_pairs);

  Scorer scorer(report, pairs, options);
  if (target.all) score_everyone(baskets, segment_of, book, scorer, report);
  else score_target(baskets, products, segments.compact[asked_segment], target, scorer, report);
  return report;
}

}  // namespace pipecast
