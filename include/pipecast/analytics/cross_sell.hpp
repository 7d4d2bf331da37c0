/// @file
/// Cross-sell: which products an account may buy next, from what accounts
/// that bought the same products went on to buy.
///
/// What counts as a purchase.  Only deals won as of the scope's date, in
/// scope (pipeline and filters), count.  The products of a won deal are the
/// products of its line items; a won deal without line items counts its
/// primary product.  An account's purchases are the distinct products of all
/// its won deals: buying a product twice is one purchase, and a deal with a
/// blank account or a line with a blank product is left out.  A "buying
/// account" is an account with at least one purchase.
///
/// The figures, over the buying accounts (N of them):
/// - base rate of B: accounts that bought B / N.
/// - segment base rate of B: the same within one segment.  An account's
///   segment is the segment of its most recently won deal (the later one in
///   book order when two were won the same day), so each account is in exactly
///   one segment.
/// - support(A, B): accounts that bought both A and B (a count of accounts).
/// - confidence(A -> B): support(A, B) / accounts that bought A: of the accounts
///   that bought A, the share that also bought B.  A rate, with its Wilson
///   interval.
/// - lift(A -> B): confidence(A -> B) / base rate of B.  Above 1: buyers of A
///   buy B more often than buying accounts in general.  Lift is symmetric;
///   confidence is not.
///
/// The score of a product B for an account that has not bought it, in [0, 1]:
///
///     score = w * c + (1 - w) * s,      w = m / (m + blend)
///
/// - c: the best confidence(A -> B) over the products A the account bought,
///   counting only pairs with support >= min_support (fewer accounts than that
///   is not evidence); 0 when no pair qualifies.  That A is the "best
///   supporting product" reported with the candidate (ties: the larger support,
///   then the product first by name).
/// - s: B's base rate in the account's segment (the overall base rate when the
///   segment has no buying account).
/// - m: how many distinct products the account bought; blend (default 1) is
///   how many purchases the segment's profile is worth.  An account with one
///   purchase gets half pair evidence, half segment base rate; with three, three
///   quarters pair evidence.  An account with no purchase (asked for by name)
///   gets its segment base rate.
/// Candidates are the products that at least one buying account bought,
/// minus the account's own purchases; the top k by score (ties: the product
/// first by name).
///
/// The pair table lists the rules A -> B with support >= min_support (at least
/// 1), by lift, then support, then names; both directions of a pair appear
/// (same lift and support, different confidence).  A blank segment is a
/// segment of its own (named "").
///
/// Asking for one deal scores the deal's account, and counts the deal's own
/// products (its line items, or its primary product) as purchased: they are
/// evidence of what the customer buys and are never suggested back.  The
/// deal's segment is used.  Asking for one account that has no purchase uses
/// the segment of its latest created deal in scope.
///
/// Cost: one pass over the scope's deals and the line items, then
/// accounts x products x (products bought per account); nothing grows with
/// accounts squared.
#pragma once

#include "pipecast/analytics/scope.hpp"
#include "pipecast/analytics/statistics.hpp"

#include <cstdint>
#include <limits>
#include <span>
#include <string>
#include <vector>

namespace pipecast {

/// What cross_sell() scores and how (defaults: the CLI's).
struct CrossSellOptions {
  std::size_t top_k = 5;          ///< candidates per account
  std::string account;            ///< score only this account ("": every buying account)
  std::string deal;               ///< or only the account of this deal (id); not both
  std::size_t min_support = 3;    ///< accounts that bought both, for a pair to count
  double blend = 1.0;             ///< purchases the segment base rate is worth (>= 0)
  std::size_t max_pairs = 20;     ///< rows of the pair table (0: every qualifying pair)
};

/// "None": an index into CrossSellReport::products or CrossSellReport::segments
/// that is not there.
inline constexpr std::uint32_t kCrossSellNone = std::numeric_limits<std::uint32_t>::max();

/// How many buying accounts bought a product: successes = accounts with it,
/// trials = buying accounts (overall or in one segment).
struct ProductAdoption {
  std::string product;  ///< the product's name
  Rate rate;            ///< its base rate
  /// Memberwise equality.
  bool operator==(const ProductAdoption&) const = default;
};

/// Base rates within one segment.
struct SegmentAdoption {
  std::string segment;                    ///< "" for the blank segment
  std::size_t accounts = 0;               ///< buying accounts in the segment
  std::vector<Rate> products;             ///< by index in CrossSellReport::products
  /// Memberwise equality.
  bool operator==(const SegmentAdoption&) const = default;
};

/// The rule "buyers of `from` also buy `to`".  Products are indices into
/// CrossSellReport::products.
struct CrossSellPair {
  std::uint32_t from = kCrossSellNone;  ///< the product bought (A)
  std::uint32_t to = kCrossSellNone;    ///< the product also bought (B)
  Rate confidence;    ///< successes = support (accounts with both), trials = accounts with `from`
  double lift = 0.0;  ///< confidence / base rate of `to`; NaN when there is no pair
  /// Accounts that bought both.
  std::size_t support() const { return confidence.successes; }
  bool operator==(const CrossSellPair& other) const;  ///< NaN lifts compare equal
};

/// A product suggested to an account.
struct CrossSellCandidate {
  std::uint32_t product = kCrossSellNone;  ///< index in CrossSellReport::products
  /// The best supporting product: the account's product that points to this
  /// one most strongly (kCrossSellNone, with an empty confidence and a NaN
  /// lift, when no pair reaches min_support).
  std::uint32_t because = kCrossSellNone;
  double score = 0.0;         ///< in [0, 1]; see the file's documentation
  double segment_rate = 0.0;  ///< s in the score
  Rate confidence;            ///< of because -> product: support out of the accounts with `because`
  double lift = 0.0;          ///< of because -> product
  /// Accounts that bought both `because` and `product`.
  std::size_t support() const { return confidence.successes; }
  bool operator==(const CrossSellCandidate& other) const;  ///< NaN lifts compare equal
};

/// One account's suggestions.  Its purchases and candidates are ranges of
/// the report's flat lists (one allocation for all accounts, which matters
/// at hundreds of thousands of accounts); read them with
/// CrossSellReport::purchased() and CrossSellReport::candidates().
struct AccountCrossSell {
  std::string account;                     ///< the account's name
  std::uint32_t segment = kCrossSellNone;  ///< index in CrossSellReport::segments
  std::uint32_t purchases_begin = 0 /**< first, in purchase_list */,
      purchases_end = 0 /**< one past the last, in purchase_list */;
  std::uint32_t candidates_begin = 0 /**< first, in candidate_list */,
      candidates_end = 0 /**< one past the last, in candidate_list */;
  /// Memberwise equality.
  bool operator==(const AccountCrossSell&) const = default;
};

/// Cross-sell of a scope: base rates, pair rules and each account's
/// candidates.
struct CrossSellReport {
  Day as_of = kNoDay;               ///< the scope's date T
  std::size_t won_deals = 0;        ///< won deals in scope with an account
  std::size_t buying_accounts = 0;  ///< N: accounts with at least one purchase
  std::size_t min_support = 0;      ///< the option used
  std::vector<ProductAdoption> products;   ///< every product bought, by name: base rates
  /// By name: the buying accounts' segments (plus the asked account's own
  /// segment, with 0 accounts, when it has no buying account).
  std::vector<SegmentAdoption> segments;
  std::vector<CrossSellPair> pairs;        ///< support >= min_support; by lift, then support
  /// Every buying account in book order (of its first deal), or the one asked for.
  std::vector<AccountCrossSell> accounts;
  std::vector<std::uint32_t> purchase_list;         ///< product indices, ascending within an account
  std::vector<CrossSellCandidate> candidate_list;   ///< best first within an account, at most top_k

  /// The products account `a` bought (indices in products), ascending.
  std::span<const std::uint32_t> purchased(const AccountCrossSell& a) const {
    return std::span<const std::uint32_t>(purchase_list)
        .subspan(a.purchases_begin, a.purchases_end - a.purchases_begin);
  }
  /// The candidates of account `a`, best first.
  std::span<const CrossSellCandidate> candidates(const AccountCrossSell& a) const {
    return std::span<const CrossSellCandidate>(candidate_list)
        .subspan(a.candidates_begin, a.candidates_end - a.candidates_begin);
  }
  /// The name of product index `product`; "" for kCrossSellNone.
  const std::string& product_name(std::uint32_t product) const;
  /// Memberwise equality.
  bool operator==(const CrossSellReport&) const = default;
};

/// Cross-sell candidates of the scope's buying accounts, or of the account
/// or deal asked for (see the file's documentation).
/// Throws std::invalid_argument when both account and deal are given, for an
/// unknown account or deal id, for a deal outside the scope, an account with
/// no deal in scope, or a negative blend.
CrossSellReport cross_sell(const Scope& scope, const CrossSellOptions& options = {});

}  // namespace pipecast
