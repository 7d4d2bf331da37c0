#include "pipecast/core/book_partition.hpp"

#include "pipecast/core/book_builder.hpp"

#include "core/quoted_text.hpp"
#include "core/splitmix64.hpp"

#include <algorithm>
#include <charconv>
#include <stdexcept>
#include <unordered_map>

namespace pipecast {
namespace {

constexpr std::string_view kKeyNames[] = {"deal", "owner", "pipeline", "account"};

// One splitmix64 step from `value` (splitmix64() advances its argument: here a copy).
std::uint64_t mix(std::uint64_t value) { return splitmix64(value); }

// A rejected copy is a record that a valid book held but the new book
// refuses: parts that disagree (a currency without FX rates, say).
void require(const Checked& rejected, const std::string& where) {
  if (rejected) throw std::invalid_argument(where + ": " + rejected->field + " " + rejected->message);
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

std::optional<std::size_t> column_of(const TextColumns& columns, std::string_view name) {
  const auto at = std::find(columns.names.begin(), columns.names.end(), name);
  if (at == columns.names.end()) return std::nullopt;
  return static_cast<std::size_t>(at - columns.names.begin());
}

// A builder holding `book`'s reference tables (stages, FX rates, products,
// quotas), its layout and its history attribute columns: what every part
// shares.  Quotas name owners, not deals, so they may come first.
BookBuilder builder_with_reference_data(const Book& book, std::vector<std::string> attributes) {
  BookBuilder builder;
  builder.set_layout(book.layout());
  builder.set_attribute_columns(std::move(attributes));
  builder.set_history_attribute_columns(book.history_attributes().names);
  for (const Stage& s : book.stages())
    require(builder.add_stage({book.pipelines()[s.pipeline].name, s.name, s.order, s.probability,
                               s.kind, s.forecast_category}),
            "stage " + in_quotes(s.name));
  for (const FxRate& fx : book.fx_rates())
    require(builder.add_fx_rate(fx.currency, fx.rate), "FX rate of " + in_quotes(fx.currency));
  const Dictionary& products = book.dictionary(Dimension::product);
  for (const Product& p : book.products())
    require(builder.add_product(products[p.name], p.family, p.list_price),
            "product " + in_quotes(products[p.name]));
  for (const Quota& q : book.quotas())
    require(builder.add_quota(q.owner, q.period.label, q.amount), "quota of " + in_quotes(q.owner));
  return builder;
}

// Copies deal `deal` of `from` with the given attribute values.
Checked copy_deal(BookBuilder& to, const Book& from, DealIndex deal,
                 std::span<const std::string_view> attributes) {
  const Opportunity o = from.opportunity(deal);
  OpportunityRecord r;
  r.id = o.id();
  r.pipeline = o.pipeline().name;
  r.account = o.account();
  r.owner = o.owner();
  r.product = o.product();
  r.source = o.source();
  r.segment = o.segment();
  r.amount = o.amount();
  r.currency = o.currency();
  r.created = o.created();
  r.close_date = o.close_date();
  r.stage = o.stage().name;
  r.attributes = attributes;
  return to.add_opportunity(r);
}

// Copies the stage history of deal `deal` of `from`, in its order.
void copy_history(BookBuilder& to, const Book& from, DealIndex deal, const std::string& where) {
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

void copy_line_item(BookBuilder& to, const Book& from, std::size_t item, const std::string& where) {
  const LineItem& li = from.line_items()[item];
  require(to.add_line_item(from.ids()[li.deal], from.dictionary(Dimension::product)[li.product],
                           li.quantity, li.unit_price),
          where);
}

// The line items of each deal, in the book's order: items[offsets[d]..offsets[d + 1]).
struct LineItemsByDeal {
  std::vector<std::size_t> offsets, items;

  explicit LineItemsByDeal(const Book& book) : offsets(book.size() + 1, 0), items(book.line_items().size()) {
    for (const LineItem& li : book.line_items()) ++offsets[li.deal + 1];
    for (std::size_t d = 0; d < book.size(); ++d) offsets[d + 1] += offsets[d];
    std::vector<std::size_t> next(offsets.begin(), offsets.end() - 1);
    for (std::size_t k = 0; k < items.size(); ++k) items[next[book.line_items()[k].deal]++] = k;
  }
  std::span<const std::size_t> of(DealIndex deal) const {
    return std::span(items).subspan(offsets[deal], offsets[deal + 1] - offsets[deal]);
  }
};

// kSplitOrderColumn's text for a deal: its row, then its line items' rows.
std::string order_text(DealIndex deal, std::span<const std::size_t> line_items) {
  std::string text = std::to_string(deal);
  for (std::size_t item : line_items) text += ' ' + std::to_string(item);
  return text;
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
  // Eight bytes at a time, assembled little-endian whatever the machine's
  // order, each folded into the state and mixed.
  std::uint64_t state = key.size();
  for (std::size_t at = 0; at < key.size(); at += 8) {
    std::uint64_t chunk = 0;
    for (std::size_t k = 0; k < 8 && at + k < key.size(); ++k)
      chunk |= std::uint64_t{static_cast<unsigned char>(key[at + k])} << (8 * k);
    state = mix(state ^ chunk);
  }
  return static_cast<std::size_t>(mix(state) % parts);
}

std::vector<Book> split_book(const Book& book, std::size_t parts, PartitionKey key) {
  if (parts == 0) throw std::invalid_argument("a book is split into at least 1 part");
  check_has_key(book, key);
  if (column_of(book.attributes(), kSplitOrderColumn))
    throw std::invalid_argument("the book already has a column " + std::string(kSplitOrderColumn) +
                                ": it is a part of a split; merge the parts first");
  std::vector<std::string> attributes = book.attributes().names;
  attributes.emplace_back(kSplitOrderColumn);
  std::vector<BookBuilder> builders;
  for (std::size_t p = 0; p < parts; ++p) builders.push_back(builder_with_reference_data(book, attributes));

  std::vector<std::size_t> part(book.size());
  const LineItemsByDeal line_items(book);
  std::vector<std::string_view> values(attributes.size());
  for (DealIndex i = 0; i < book.size(); ++i) {
    part[i] = partition_of(key_of(book, i, key), parts);
    for (std::size_t c = 0; c + 1 < values.size(); ++c) values[c] = book.attributes().value(c, i);
    const std::string order = order_text(i, line_items.of(i));
    values.back() = order;
    require(copy_deal(builders[part[i]], book, i, values), "deal " + in_quotes(book.ids()[i]));
  }
  for (DealIndex i = 0; i < book.size(); ++i)
    copy_history(builders[part[i]], book, i, "deal " + in_quotes(book.ids()[i]));
  for (std::size_t k = 0; k < book.line_items().size(); ++k)
    copy_line_item(builders[part[book.line_items()[k].deal]], book, k, "line item");

  std::vector<Book> out;
  out.reserve(parts);
  for (auto& builder : builders) out.push_back(std::move(builder).finish());
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

void check_shared_tables(std::span<const Book> parts, const std::vector<std::string>& names) {
  for (std::size_t p = 1; p < parts.size(); ++p)
    if (const std::string what = difference(parts[0], parts[p]); !what.empty())
      throw std::invalid_argument(names[0] + " and " + names[p] + " have different " + what +
                                  ": they are not parts of one book");
}

void check_unique_ids(std::span<const Book> parts, const std::vector<std::string>& names) {
  std::unordered_map<std::string_view, std::size_t> part_of_id;
  for (std::size_t p = 0; p < parts.size(); ++p)
    for (DealIndex i = 0; i < parts[p].size(); ++i) {
      const auto [at, fresh] = part_of_id.emplace(parts[p].ids()[i], p);
      if (!fresh)
        throw std::invalid_argument("deal " + in_quotes(parts[p].ids()[i]) + " is in both " +
                                    names[at->second] + " and " + names[p]);
    }
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

// Parts made elsewhere: one after the other, in the order given.
Placement concatenated(std::span<const Book> parts) {
  Placement placement;
  for (std::size_t p = 0; p < parts.size(); ++p) {
    for (DealIndex i = 0; i < parts[p].size(); ++i)
      placement.deals.push_back({placement.deals.size(), p, i});
    for (std::size_t k = 0; k < parts[p].line_items().size(); ++k)
      placement.line_items.push_back({placement.line_items.size(), p, k});
  }
  return placement;
}

// The rows of an order cell ("17 40 41"); throws naming `where` when it is not one.
std::vector<std::uint64_t> parse_order(std::string_view text, const std::string& where) {
  std::vector<std::uint64_t> rows;
  const char* at = text.data();
  const char* const end = at + text.size();
  while (at != end) {
    std::uint64_t row = 0;
    const auto [next, error] = std::from_chars(at, end, row);
    if (error != std::errc() || (next != end && *next != ' '))
      throw std::invalid_argument(where + ": " + std::string(kSplitOrderColumn) + " " + in_quotes(text) +
                                  " is not a list of rows");
    rows.push_back(row);
    at = next == end ? end : next + 1;
  }
  if (rows.empty()) throw std::invalid_argument(where + ": " + std::string(kSplitOrderColumn) + " is blank");
  return rows;
}

// Sorts by row; two things on one row come from parts of different splits.
void sort_rows(std::vector<Placed>& placed, const std::vector<std::string>& names, const char* what) {
  std::sort(placed.begin(), placed.end(), [](const Placed& a, const Placed& b) { return a.row < b.row; });
  for (std::size_t k = 1; k < placed.size(); ++k)
    if (placed[k].row == placed[k - 1].row)
      throw std::invalid_argument(names[placed[k - 1].part] + " and " + names[placed[k].part] + " both hold " +
                                  what + " row " + std::to_string(placed[k].row) +
                                  " of the book split: they are not parts of one split");
}

// Parts made by split_book(): back where the order column says they stood.
Placement in_split_order(std::span<const Book> parts, const std::vector<std::string>& names, std::size_t column) {
  Placement placement;
  for (std::size_t p = 0; p < parts.size(); ++p) {
    const Book& part = parts[p];
    const LineItemsByDeal line_items(part);
    for (DealIndex i = 0; i < part.size(); ++i) {
      const std::string where = names[p] + ", deal " + in_quotes(part.ids()[i]);
      const auto rows = parse_order(part.attributes().value(column, i), where);
      const auto items = line_items.of(i);
      if (rows.size() != 1 + items.size())
        throw std::invalid_argument(where + ": " + std::string(kSplitOrderColumn) + " lists " +
                                    std::to_string(rows.size() - 1) + " line items, the part has " +
                                    std::to_string(items.size()));
      placement.deals.push_back({rows[0], p, i});
      for (std::size_t k = 0; k < items.size(); ++k) placement.line_items.push_back({rows[k + 1], p, items[k]});
    }
  }
  sort_rows(placement.deals, names, "deal");
  sort_rows(placement.line_items, names, "line item");
  return placement;
}

// The merged book: the parts' shared tables, then every deal where `placement` puts it.
Book build_merged(std::span<const Book> parts, const std::vector<std::string>& names,
                  const Placement& placement, std::optional<std::size_t> order_column) {
  std::vector<std::string> attributes = parts[0].attributes().names;
  if (order_column) attributes.erase(attributes.begin() + static_cast<std::ptrdiff_t>(*order_column));
  BookBuilder builder = builder_with_reference_data(parts[0], attributes);
  std::vector<std::string_view> values;
  for (const Placed& d : placement.deals) {
    const Book& part = parts[d.part];
    const auto deal = static_cast<DealIndex>(d.index);
    values.clear();
    for (std::size_t c = 0; c < part.attributes().size(); ++c)
      if (c != order_column) values.push_back(part.attributes().value(c, deal));
    require(copy_deal(builder, part, deal, values), names[d.part] + ", deal " + in_quotes(part.ids()[deal]));
  }
  for (const Placed& d : placement.deals) {
    const Book& part = parts[d.part];
    const auto deal = static_cast<DealIndex>(d.index);
    copy_history(builder, part, deal, names[d.part] + ", deal " + in_quotes(part.ids()[deal]));
  }
  for (const Placed& li : placement.line_items)
    copy_line_item(builder, parts[li.part], li.index, names[li.part] + ", line item");
  return std::move(builder).finish();
}

}  // namespace

Book merge_books(std::span<const Book> parts, std::span<const std::string> given_names) {
  const std::vector<std::string> names = part_names(given_names, parts.size());
  if (parts.empty()) return Book{};
  check_shared_tables(parts, names);
  check_unique_ids(parts, names);
  // The parts have the same attribute columns (checked): the order column is in all or none.
  const auto order_column = column_of(parts[0].attributes(), kSplitOrderColumn);
  const Placement placement = order_column ? in_split_order(parts, names, *order_column) : concatenated(parts);
  return build_merged(parts, names, placement, order_column);
}

}  // namespace pipecast
