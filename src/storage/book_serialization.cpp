// How a Book maps onto a Boost.Serialization archive, and the archive itself.
//
// Containers go through contiguous()/sequence() (src/storage/bounded_archive.hpp
// says why) rather than Boost's own std::vector and std::string support.
#include "pipecast/storage/snapshot.hpp"

#include "storage/bounded_archive.hpp"
#include "storage/period_archive.hpp"

#include <boost/archive/archive_exception.hpp>
#include <boost/archive/binary_iarchive.hpp>
#include <boost/archive/binary_oarchive.hpp>
#include <boost/archive/text_iarchive.hpp>
#include <boost/archive/text_oarchive.hpp>
#include <boost/math/special_functions/nonfinite_num_facets.hpp>
#include <boost/serialization/array_wrapper.hpp>
#include <boost/serialization/tracking.hpp>
#include <boost/serialization/version.hpp>

#include <algorithm>
#include <cctype>
#include <cstring>
#include <locale>
#include <new>
#include <sstream>
#include <stdexcept>
#include <string>
#include <type_traits>
#include <vector>

// Version 1: every member of the book as of pipecast 0.1.  Version 2 adds the
// activities and their layout flags, after everything else, so that version 1
// archives read as they always did (with no activity).  Bump it (and keep
// reading the old layouts in Book::serialize) when the members change.
BOOST_CLASS_VERSION(pipecast::Book, 2)
// Nothing is ever serialised through a pointer: no need to track addresses.
BOOST_CLASS_TRACKING(pipecast::Book, boost::serialization::track_never)
BOOST_CLASS_TRACKING(pipecast::Dictionary, boost::serialization::track_never)
BOOST_CLASS_TRACKING(pipecast::IdColumn, boost::serialization::track_never)

namespace pipecast {

// Counts read in bounded chunks, bools checked: see bounded_archive.hpp.
using bounded::field;
using bounded::kLoading;

// The dictionaries and id columns keep Boost's class protocol, whose class
// records are in every snapshot written so far.
template <>
inline constexpr bool bounded::kBoostClass<Dictionary> = true;
template <>
inline constexpr bool bounded::kBoostClass<IdColumn> = true;

// Plain records: their fields in order (found by bounded::field through
// argument-dependent lookup, so they live in the records' namespace).
template <class Archive>
void archive_fields(Archive& archive, Pipeline& pipeline) {
  bounded::fields(archive, pipeline.name, pipeline.stages);
}

template <class Archive>
void archive_fields(Archive& archive, Stage& stage) {
  bounded::fields(archive, stage.pipeline, stage.name, stage.order, stage.probability, stage.kind,
                  stage.forecast_category);
}

template <class Archive>
void archive_fields(Archive& archive, Product& product) {
  bounded::fields(archive, product.name, product.family, product.list_price);
}

template <class Archive>
void archive_fields(Archive& archive, LineItem& item) {
  bounded::fields(archive, item.deal, item.product, item.quantity, item.unit_price);
}

template <class Archive>
void archive_fields(Archive& archive, Quota& quota) {
  bounded::fields(archive, quota.owner, quota.period, quota.amount);
}

template <class Archive>
void archive_fields(Archive& archive, FxRate& fx) {
  bounded::fields(archive, fx.currency, fx.rate);
}

template <class Archive>
void archive_fields(Archive& archive, BookLayout& layout) {
  bounded::fields(archive, layout.history_amount, layout.history_close_date, layout.forecast_category,
                  layout.products, layout.line_items, layout.quotas, layout.fx_rates);
}

template <class Archive>
void archive_fields(Archive& archive, Activities& a) {
  bounded::fields(archive, a.deal_offsets_, a.account_offsets_, a.type_, a.date_, a.owner_, a.duration_,
                  a.direction_, a.outcome_, a.types_, a.owners_, a.outcomes_);
}

template <class Archive>
void archive_fields(Archive& archive, TextColumns& columns) {
  bounded::fields(archive, columns.names, columns.values, columns.codes);
}

// The enumerations' last values, for bounded::enumeration's check.
constexpr StageKind last_value(StageKind) { return StageKind::lost; }
constexpr ActivityDirection last_value(ActivityDirection) { return ActivityDirection::outbound; }

namespace {

// --- Archives ----------------------------------------------------------------

// Boost's text archives write NaN as "nan" but cannot read it back; these
// facets make blank amounts round-trip.  Based on the classic locale, so that
// a global locale with digit grouping cannot leak into the file.
std::locale text_archive_locale() {
  const std::locale with_put(std::locale::classic(), new boost::math::nonfinite_num_put<char>);
  return {with_put, new boost::math::nonfinite_num_get<char>};
}

// Reads from bytes in place.  The get area is only ever read from; streambuf
// merely lacks a const interface.
class ViewBuffer : public std::streambuf {
 public:
  explicit ViewBuffer(std::string_view bytes) {
    char* begin = const_cast<char*>(bytes.data());
    setg(begin, begin, begin + bytes.size());
  }
  std::string_view unread() const {
    return {gptr(), static_cast<std::size_t>(egptr() - gptr())};
  }
};

// Boost reads the archive's signature string with an unchecked length: make
// sure the length there is the signature's own before handing over.
void check_signature(std::string_view archive, SnapshotFormat format) {
  constexpr std::string_view kSignature = "serialization::archive";
  std::string expected;
  if (format == SnapshotFormat::text) {
    expected = std::to_string(kSignature.size()) + " ";
  } else {
    const std::size_t length = kSignature.size();  // native size_t, as Boost writes it
    expected.resize(sizeof length);
    std::memcpy(expected.data(), &length, sizeof length);
  }
  expected += kSignature;
  if (!archive.starts_with(expected)) throw std::runtime_error("not a Boost serialization archive");
}

void check_fully_read(std::string_view rest, SnapshotFormat format) {
  // A text archive ends with a newline that Boost never reads back.
  const bool blank = std::all_of(rest.begin(), rest.end(), [](char c) {
    return std::isspace(static_cast<unsigned char>(c)) != 0;
  });
  if (!rest.empty() && (format == SnapshotFormat::binary || !blank))
    throw std::runtime_error(std::to_string(rest.size()) + " bytes after the book");
}

Book read_book(std::string_view bytes, SnapshotFormat format) {
  check_signature(bytes, format);
  ViewBuffer buffer(bytes);
  Book book;
  if (format == SnapshotFormat::binary) {
    boost::archive::binary_iarchive archive(buffer);
    archive >> book;
  } else {
    std::istream in(&buffer);
    in.imbue(text_archive_locale());
    boost::archive::text_iarchive archive(in);
    archive >> book;
  }
  check_fully_read(buffer.unread(), format);
  book.check_consistency();
  return book;
}

}  // namespace

// --- The classes in Boost's class protocol ----------------------------------
// Each loaded object rebuilds its own hash index, so it is whole wherever it
// is loaded from (a book now, a fitted model's dictionaries later).

template <class Archive>
void serialize(Archive& archive, Dictionary& dictionary, unsigned /*version*/) {
  field(archive, dictionary.values_);
  if constexpr (kLoading<Archive>) dictionary.rebuild_index();
}

template <class Archive>
void serialize(Archive& archive, IdColumn& ids, unsigned /*version*/) {
  field(archive, ids.chars_);
  field(archive, ids.offsets_);
  if constexpr (kLoading<Archive>) ids.rebuild_index();
}

template <class Archive>
void serialize(Archive& archive, Book& book, unsigned version) {
  // Boost refuses versions above BOOST_CLASS_VERSION; 0 was never written.
  if constexpr (kLoading<Archive>)
    if (version == 0) throw std::runtime_error("book version 0");
  field(archive, book.pipelines_);
  field(archive, book.stages_);
  field(archive, book.products_);
  field(archive, book.line_items_);
  field(archive, book.quotas_);
  field(archive, book.fx_rates_);
  field(archive, book.layout_);
  field(archive, book.ids_);
  field(archive, book.pipeline_);
  field(archive, book.stage_);
  field(archive, book.amount_);
  field(archive, book.created_);
  field(archive, book.close_date_);
  field(archive, book.currency_);
  for (auto& codes : book.dimension_codes_) field(archive, codes);
  for (auto& values : book.dimension_values_) field(archive, values);
  field(archive, book.currencies_);
  field(archive, book.attributes_);
  field(archive, book.history_offsets_);
  field(archive, book.history_stage_);
  field(archive, book.history_entered_);
  field(archive, book.history_amount_);
  field(archive, book.history_close_date_);
  field(archive, book.history_attributes_);
  field(archive, book.base_currency_);
  field(archive, book.currency_rate_);
  if (version >= 2) {
    bounded::fields(archive, book.layout_.activities, book.layout_.activity_duration,
                    book.layout_.activity_direction, book.layout_.activity_outcome, book.activities_);
  } else if constexpr (kLoading<Archive>) {
    book.activities_.set_empty(book.ids_.size(), book.dimension_values_[Book::index(Dimension::account)].size());
  }
}

// --- Public ------------------------------------------------------------------

std::string book_archive(const Book& book, SnapshotFormat format) {
  if (format == SnapshotFormat::binary) {
    std::stringbuf buffer(std::ios::out | std::ios::binary);
    {
      boost::archive::binary_oarchive archive(buffer);
      archive << book;
    }
    return std::move(buffer).str();
  }
  std::ostringstream out;
  out.imbue(text_archive_locale());
  {
    boost::archive::text_oarchive archive(out);  // writes its last newline when destroyed
    archive << book;
  }
  return std::move(out).str();
}

Book book_from_archive(std::string_view archive, SnapshotFormat format, std::string_view what) {
  const auto damaged = [&](const char* why) {
    return std::runtime_error(std::string(what) + " is damaged: " + why);
  };
  try {
    return read_book(archive, format);
  } catch (const std::bad_alloc&) {
    throw std::runtime_error("not enough memory to load the " + std::string(what));
  } catch (const boost::archive::archive_exception& e) {
    if (e.code == boost::archive::archive_exception::incompatible_native_format)
      throw std::runtime_error(std::string(what) +
                               " is a binary one from a machine with another byte order or "
                               "word size (move books between machines as text snapshots)");
    throw damaged(e.what());
  } catch (const std::exception& e) {
    // Whatever else the bytes provoke (a duplicate id, an inconsistent book,
    // a length error) means the same to the caller: these bytes are no book.
    throw damaged(e.what());
  }
}

}  // namespace pipecast
