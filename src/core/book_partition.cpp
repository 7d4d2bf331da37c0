#include "pipecast/core/book_partition.hpp"

#include "pipecast/core/book_builder.hpp"

#include "core/key_hash.hpp"
#include "core/quoted_text.hpp"

#include <algorithm>
#include <stdexcept>
#include <unordered_map>

namespace pipecast {
namespace {

constexpr std::string_view kKeyNames[] = {"deal", "owner", "pipeline", "account"};

// A rejected copy is a record that a valid book held but the new book
// refuses: parts that disagree (a currency without FX rates, say).  `where`
// makes the message's context only then: a split copies every deal.
template <class Where>
void require(const Checked& rejected, const Where& where) {
  if (rejected) throw std::invalid_argument(where() + ": " + rejected->field + " " + rejected->message);
}

std::string_view key_of(const Book& book, DealIndex deal, PartitionKey key) {
  const Opportunity o = book.opportunity(deal);
  switch (key) {
    case PartitionKey::owner: return o.owner();
    case PartitionKey::pipeline: return o.pipeline().name;
    case PartitionKey::account: return o.account();
    case PartitionKey::deal: break;
  }
  return o.id();
}

// Owners and accounts are optional columns: a book whose deals all leave
// one blank has nothing to split by (every deal would go to one part).
void check_has_key(const Book& book, PartitionKey key) {
  if (key != PartitionKey::owner && key != PartitionKey::account) return;
  for (DealIndex i = 0; i < book.size(); ++i)
    if (!key_of(book, i, key).empty()) return;
  if (book.size() != 0)
    throw std::invalid_argument("cannot split by " + std::string(to_string(key)) +
                                ": the book has no " + std::string(to_string(key)) +
                                " (every deal leaves it blank)");
}

// A builder holding `book`'s reference tables (stages, FX rates, products,
// quotas), its layout and its history attribute columns: what every part
// shares.  Quotas name owners, not deals, so they may come first.
BookBuilder builder_with_reference_data(const Book& book) {
  BookBuilder builder;
  builder.set_layout(book.layout());
  builder.set_attribute_columns(book.attributes().names);
  builder.set_history_attribute_columns(book.history_attributes().names);
  for (const Stage& s : book.stages())
    require(builder.add_stage({book.pipelines()[s.pipeline].name, s.name, s.order, s.probability,
                               s.kind, s.forecast_category}),
            [&] { return "stage " + in_quotes(s.name); });
  for (const FxRate& fx : book.fx_rates())
    require(builder.add_fx_rate(fx.currency, fx.rate), [&] { return "FX rate of " + in_quotes(fx.currency); });
  const Dictionary& products = book.dictionary(Dimension::product);
  for (const Product& p : book.products())
    require(builder.add_product(products[p.name], p.family, p.list_price),
            [&] { return "product " + in_quotes(products[p.name]); });
  for (const Quota& q : book.quotas())
    require(builder.add_quota(q.owner, q.period.label, q.amount), [&] { return "quota of " + in_quotes(q.owner); });
  return builder;
}

// Copies deal `deal` of `from`, its attributes included.
Checked copy_deal(BookBuilder& to, const Book& from, DealIndex deal) {
  std::vector<std::string_view> attributes;
  return to.add_opportunity(opportunity_record(from, deal, attributes));
}

// Copies the stage history of deal `deal` of `from`, in its order.
template <class Where>
void copy_history(BookBuilder& to, const Book& from, DealIndex deal, const Where& where) {
  const TextColumns& columns = from.history_attributes();
  std::vector<std::string_view> attributes(columns.size());
  for (auto row = from.history_begin(deal); row < from.history_end(deal); ++row) {
    const HistoryEntry h = from.history(row);
    for (std::size_t c = 0; c < columns.size(); ++c) attributes[c] = columns.value(c, row);
    require(to.add_history({from.ids()[deal], from.stages()[h.stage].name, h.entered, h.amount,
                            h.close_date, attributes}),
            where);
  }
}

// Copies the activities of deal `deal` of `from`, in its order.
template <class Where>
void copy_deal_activities(BookBuilder& to, const Book& from, DealIndex deal, const Where& where) {
  const Activities& a = from.activities();
  for (auto row = a.deal_begin(deal); row < a.deal_end(deal); ++row)
    require(to.add_activity(activity_record(from, row, from.ids()[deal], "")), where);
}

// Copies the account-level activities of account `account` of `from`.
void copy_account_activities(BookBuilder& to, const Book& from, Code account) {
  const Activities& a = from.activities();
  const std::string_view name = from.dictionary(Dimension::account)[account];
  for (auto row = a.account_begin(account); row < a.account_end(account); ++row)
    require(to.add_activity(activity_record(from, row, "", name)), [&] { return "account " + in_quotes(name); });
}

template <class Where>
void copy_line_item(BookBuilder& to, const Book& from, std::size_t item, const Where& where) {
  const LineItem& li = from.line_items()[item];
  require(to.add_line_item(from.ids()[li.deal], from.dictionary(Dimension::product)[li.product],
                           li.quantity, li.unit_price),
          where);
}

}  // namespace

std::string_view to_string(PartitionKey key) { return kKeyNames[static_cast<std::size_t>(key)]; }

std::optional<PartitionKey> parse_partition_key(std::string_view name) {
  for (std::size_t k = 0; k < std::size(kKeyNames); ++k)
    if (kKeyNames[k] == name) return static_cast<PartitionKey>(k);
  return std::nullopt;
}

std::size_t partition_of(std::string_view key, std::size_t parts) {
  if (parts == 0) throw std::invalid_argument("a book is split into at least 1 part");
  return static_cast<std::size_t>(key_hash(key) % parts);
}

namespace {

// An account's own activities go into every part that holds one of its
// deals (by account, that is one part): each part is then whole for the
// deals it holds, and merge_books() keeps one copy.
void copy_account_activities_to_parts(const Book& book, const std::vector<std::size_t>& part,
                                      std::vector<BookBuilder>& builders) {
  const Activities& a = book.activities();
  const std::size_t accounts = book.dictionary(Dimension::account).size();
  std::vector<std::vector<bool>> held(builders.size(), std::vector<bool>(accounts, false));
  for (DealIndex i = 0; i < book.size(); ++i) held[part[i]][book.codes(Dimension::account)[i]] = true;
  for (Code c = 0; c < accounts; ++c) {
    if (a.account_begin(c) == a.account_end(c)) continue;
    for (std::size_t p = 0; p < builders.size(); ++p)
      if (held[p][c]) copy_account_activities(builders[p], book, c);
  }
}

}  // namespace

std::vector<BookPart> split_book(const Book& book, std::size_t parts, PartitionKey key) {
  if (parts == 0) throw std::invalid_argument("a book is split into at least 1 part");
  check_has_key(book, key);
  std::vector<BookBuilder> builders;
  for (std::size_t p = 0; p < parts; ++p)
    builders.push_back(builder_with_reference_data(book));
  std::vector<SplitOrder> orders(parts);

  std::vector<std::size_t> part(book.size());
  for (DealIndex i = 0; i < book.size(); ++i) {
    const auto where = [&] { return "deal " + in_quotes(book.ids()[i]); };
    part[i] = partition_of(key_of(book, i, key), parts);
    require(copy_deal(builders[part[i]], book, i), where);
    orders[part[i]].deals.push_back(i);
  }
  for (DealIndex i = 0; i < book.size(); ++i) {
    const auto where = [&] { return "deal " + in_quotes(book.ids()[i]); };
    copy_history(builders[part[i]], book, i, where);
    copy_deal_activities(builders[part[i]], book, i, where);
  }
  copy_account_activities_to_parts(book, part, builders);
  for (std::size_t k = 0; k < book.line_items().size(); ++k) {
    const std::size_t p = part[book.line_items()[k].deal];
    copy_line_item(builders[p], book, k, [] { return std::string("line item"); });
    orders[p].line_items.push_back(k);
  }

  std::vector<BookPart> out;
  out.reserve(parts);
  for (std::size_t p = 0; p < parts; ++p) out.push_back({std::move(builders[p]).finish(), std::move(orders[p])});
  return out;
}

namespace {

// The parts' names for errors: those given, or "part 1", "part 2", ...
std::vector<std::string> part_names(std::span<const std::string> given, std::size_t parts) {
  if (!given.empty() && given.size() != parts)
    throw std::invalid_argument(std::to_string(given.size()) + " names for " + std::to_string(parts) + " parts");
  if (!given.empty()) return {given.begin(), given.end()};
  std::vector<std::string> names;
  for (std::size_t p = 0; p < parts; ++p) names.push_back("part " + std::to_string(p + 1));
  return names;
}

// Products by their text: the parts' dictionaries may number them apart.
bool same_products(const Book& a, const Book& b) {
  const auto& pa = a.products();
  const auto& pb = b.products();
  if (pa.size() != pb.size()) return false;
  for (std::size_t k = 0; k < pa.size(); ++k) {
    const bool same_price = pa[k].list_price == pb[k].list_price ||
                            (is_blank(pa[k].list_price) && is_blank(pb[k].list_price));
    if (a.dictionary(Dimension::product)[pa[k].name] != b.dictionary(Dimension::product)[pb[k].name] ||
        pa[k].family != pb[k].family || !same_price)
      return false;
  }
  return true;
}

// What two parts do not share of what every part of a book shares; "" when nothing.
std::string difference(const Book& a, const Book& b) {
  if (a.pipelines() != b.pipelines() || a.stages() != b.stages()) return "stage tables";
  if (!same_products(a, b)) return "products";
  if (a.quotas() != b.quotas()) return "quotas";
  if (a.fx_rates() != b.fx_rates()) return "FX rates";
  if (a.layout() != b.layout()) return "optional files or columns";
  if (a.attributes().names != b.attributes().names) return "opportunity attribute columns";
  if (a.history_attributes().names != b.history_attributes().names)
    return "stage history attribute columns";
  return {};
}

// The parts' books and their orders, side by side.
using Books = std::vector<const Book*>;
using Orders = std::vector<const SplitOrder*>;

void check_shared_tables(const Books& parts, const std::vector<std::string>& names) {
  for (std::size_t p = 1; p < parts.size(); ++p)
    if (const std::string what = difference(*parts[0], *parts[p]); !what.empty())
      throw std::invalid_argument(names[0] + " and " + names[p] + " have different " + what +
                                  ": they are not parts of one book");
}

void check_unique_ids(const Books& parts, const std::vector<std::string>& names) {
  std::unordered_map<std::string_view, std::size_t> part_of_id;
  for (std::size_t p = 0; p < parts.size(); ++p)
    for (DealIndex i = 0; i < parts[p]->size(); ++i) {
      const auto [at, fresh] = part_of_id.emplace(parts[p]->ids()[i], p);
      if (!fresh)
        throw std::invalid_argument("deal " + in_quotes(parts[p]->ids()[i]) + " is in both " +
                                    names[at->second] + " and " + names[p]);
    }
}

// All parts have an order, or none; each lists as many deals and line items as its part holds.
bool check_orders(const Books& parts, const Orders& orders, const std::vector<std::string>& names) {
  for (std::size_t p = 1; p < parts.size(); ++p)
    if ((orders[p] == nullptr) != (orders[0] == nullptr)) {
      const std::size_t with = orders[0] ? 0 : p;
      const std::size_t without = orders[0] ? p : 0;
      throw std::invalid_argument(names[with] + " has the order of a split and " + names[without] +
                                  " has none: merge the parts of one split, or parts without orders");
    }
  for (std::size_t p = 0; p < parts.size() && orders[0]; ++p) {
    const auto count = [&](const char* what, std::size_t listed, std::size_t held) {
      if (listed != held)
        throw std::invalid_argument(names[p] + ": its order lists " + std::to_string(listed) + " " + what +
                                    ", the part has " + std::to_string(held));
    };
    count("deals", orders[p]->deals.size(), parts[p]->size());
    count("line items", orders[p]->line_items.size(), parts[p]->line_items().size());
  }
  return orders[0] != nullptr;
}

// A deal or a line item of a part, and its row in the merged book.
struct Placed {
  std::uint64_t row;
  std::size_t part;
  std::size_t index;  // the deal's or the line item's, in its part
};

struct Placement {
  std::vector<Placed> deals, line_items;
};

// Parts without orders: one after the other, in the order given.
Placement concatenated(const Books& parts) {
  Placement placement;
  for (std::size_t p = 0; p < parts.size(); ++p) {
    for (DealIndex i = 0; i < parts[p]->size(); ++i) placement.deals.push_back({placement.deals.size(), p, i});
    for (std::size_t k = 0; k < parts[p]->line_items().size(); ++k)
      placement.line_items.push_back({placement.line_items.size(), p, k});
  }
  return placement;
}

// Sorts by row; two things on one row come from parts of different splits.
void sort_rows(std::vector<Placed>& placed, const std::vector<std::string>& names, const char* what) {
  std::stable_sort(placed.begin(), placed.end(), [](const Placed& a, const Placed& b) { return a.row < b.row; });
  for (std::size_t k = 1; k < placed.size(); ++k)
    if (placed[k].row == placed[k - 1].row)
      throw std::invalid_argument(names[placed[k - 1].part] + " and " + names[placed[k].part] + " both hold " +
                                  what + " row " + std::to_string(placed[k].row) +
                                  " of the book split: they are not parts of one split");
}

// Parts with orders (checked against their parts): back where they stood.
Placement in_split_order(const Orders& orders, const std::vector<std::string>& names) {
  Placement placement;
  for (std::size_t p = 0; p < orders.size(); ++p) {
    for (std::size_t i = 0; i < orders[p]->deals.size(); ++i) placement.deals.push_back({orders[p]->deals[i], p, i});
    for (std::size_t k = 0; k < orders[p]->line_items.size(); ++k)
      placement.line_items.push_back({orders[p]->line_items[k], p, k});
  }
  sort_rows(placement.deals, names, "deal");
  sort_rows(placement.line_items, names, "line item");
  return placement;
}

// True when account `ca` of `a` and account `cb` of `b` hold the same
// account-level activities, by value (the parts' dictionaries number apart).
bool same_account_activities(const Book& a, Code ca, const Book& b, Code cb) {
  const Activities& x = a.activities();
  const Activities& y = b.activities();
  if (x.account_end(ca) - x.account_begin(ca) != y.account_end(cb) - y.account_begin(cb)) return false;
  for (auto r = x.account_begin(ca), s = y.account_begin(cb); r < x.account_end(ca); ++r, ++s) {
    const ActivityRecord u = activity_record(a, r, "", ""), v = activity_record(b, s, "", "");
    const bool same_duration = u.duration_minutes == v.duration_minutes ||
                               (is_blank(u.duration_minutes) && is_blank(v.duration_minutes));
    if (u.date != v.date || u.type != v.type || u.owner != v.owner || !same_duration ||
        u.direction != v.direction || u.outcome != v.outcome)
      return false;
  }
  return true;
}

// Each account's own activities once: split_book() copied them into every
// part holding a deal of the account, so parts that share an account must
// hold the same ones.
void merge_account_activities(BookBuilder& builder, const Books& parts, const std::vector<std::string>& names) {
  std::unordered_map<std::string_view, std::pair<std::size_t, Code>> first;  // account -> (part, code)
  for (std::size_t p = 0; p < parts.size(); ++p) {
    const Dictionary& accounts = parts[p]->dictionary(Dimension::account);
    for (Code c = 0; c < accounts.size(); ++c) {
      const auto [at, fresh] = first.emplace(accounts[c], std::pair{p, c});
      if (fresh) {
        copy_account_activities(builder, *parts[p], c);
      } else if (!same_account_activities(*parts[p], c, *parts[at->second.first], at->second.second)) {
        throw std::invalid_argument(names[at->second.first] + " and " + names[p] +
                                    " hold different activities of account " + in_quotes(accounts[c]) +
                                    ": they are not parts of one book");
      }
    }
  }
}

// The merged book: the parts' shared tables, then every deal where `placement` puts it.
Book build_merged(const Books& parts, const std::vector<std::string>& names, const Placement& placement) {
  BookBuilder builder = builder_with_reference_data(*parts[0]);
  const auto deal_of = [&](const Placed& d) { return static_cast<DealIndex>(d.index); };
  const auto where = [&](const Placed& d) {
    return [&] { return names[d.part] + ", deal " + in_quotes(parts[d.part]->ids()[deal_of(d)]); };
  };
  for (const Placed& d : placement.deals) require(copy_deal(builder, *parts[d.part], deal_of(d)), where(d));
  for (const Placed& d : placement.deals) {
    copy_history(builder, *parts[d.part], deal_of(d), where(d));
    copy_deal_activities(builder, *parts[d.part], deal_of(d), where(d));
  }
  merge_account_activities(builder, parts, names);
  for (const Placed& li : placement.line_items)
    copy_line_item(builder, *parts[li.part], li.index, [&] { return names[li.part] + ", line item"; });
  return std::move(builder).finish();
}

Book merge(const Books& parts, const Orders& orders, std::span<const std::string> given_names) {
  const std::vector<std::string> names = part_names(given_names, parts.size());
  if (parts.empty()) return Book{};
  check_shared_tables(parts, names);
  check_unique_ids(parts, names);
  const Placement placement = check_orders(parts, orders, names) ? in_split_order(orders, names)
                                                                  : concatenated(parts);
  return build_merged(parts, names, placement);
}

}  // namespace

Book merge_books(std::span<const BookPart> parts, std::span<const std::string> names) {
  Books books;
  Orders orders;
  for (const BookPart& part : parts) {
    books.push_back(&part.book);
    orders.push_back(part.order ? &*part.order : nullptr);
  }
  return merge(books, orders, names);
}

Book merge_books(std::span<const Book> parts, std::span<const std::string> names) {
  Books books;
  for (const Book& part : parts) books.push_back(&part);
  return merge(books, Orders(parts.size(), nullptr), names);
}

}  // namespace pipecast
