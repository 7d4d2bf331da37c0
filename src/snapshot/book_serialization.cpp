// How a Book maps onto a Boost.Serialization archive, and the archive itself.
//
// Containers go through contiguous()/sequence() (pipecast/bounded_archive.hpp
// says why) rather than Boost's own std::vector and std::string support.
#include "pipecast/snapshot.hpp"

#include "pipecast/bounded_archive.hpp"

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

// Version 1: every member of the book as of pipecast 0.1.  Bump it (and keep
// reading the old layout in Book::serialize) when the members change.
BOOST_CLASS_VERSION(pipecast::Book, 1)
// Nothing is ever serialised through a pointer: no need to track addresses.
BOOST_CLASS_TRACKING(pipecast::Book, boost::serialization::track_never)
BOOST_CLASS_TRACKING(pipecast::Dictionary, boost::serialization::track_never)
BOOST_CLASS_TRACKING(pipecast::IdColumn, boost::serialization::track_never)

namespace pipecast {
namespace {

// Counts read in bounded chunks, bools checked: see bounded_archive.hpp.
using bounded::contiguous;
using bounded::flag;
using bounded::IsVector;
using bounded::kLoading;

template <class T>
concept BoostSerializable = requires(T& value, boost::archive::binary_oarchive& archive) {
  value.serialize(archive, 0u);
};

template <class Archive, class T>
void field(Archive& archive, T& value);

// Plain records: their fields in order.
template <class Archive>
void members(Archive& archive, Pipeline& pipeline) {
  field(archive, pipeline.name);
  field(archive, pipeline.stages);
}

template <class Archive>
void members(Archive& archive, Stage& stage) {
  field(archive, stage.pipeline);
  field(archive, stage.name);
  field(archive, stage.order);
  field(archive, stage.probability);
  field(archive, stage.kind);
  field(archive, stage.forecast_category);
}

template <class Archive>
void members(Archive& archive, Product& product) {
  field(archive, product.name);
  field(archive, product.family);
  field(archive, product.list_price);
}

template <class Archive>
void members(Archive& archive, LineItem& item) {
  field(archive, item.deal);
  field(archive, item.product);
  field(archive, item.quantity);
  field(archive, item.unit_price);
}

template <class Archive>
void members(Archive& archive, Period& period) {
  field(archive, period.kind);
  field(archive, period.first);
  field(archive, period.last);
  field(archive, period.label);
}

template <class Archive>
void members(Archive& archive, Quota& quota) {
  field(archive, quota.owner);
  field(archive, quota.period);
  field(archive, quota.amount);
}

template <class Archive>
void members(Archive& archive, FxRate& fx) {
  field(archive, fx.currency);
  field(archive, fx.rate);
}

template <class Archive>
void members(Archive& archive, BookLayout& layout) {
  for (bool* flag : {&layout.history_amount, &layout.history_close_date, &layout.forecast_category,
                     &layout.products, &layout.line_items, &layout.quotas, &layout.fx_rates})
    field(archive, *flag);
}

template <class Archive>
void members(Archive& archive, TextColumns& columns) {
  field(archive, columns.names);
  field(archive, columns.values);
  field(archive, columns.codes);
}

// A vector of records: a count, then each record, through this file's field().
template <class Archive, class T>
void sequence(Archive& archive, std::vector<T>& items) {
  bounded::sequence(archive, items, [](Archive& a, T& item) { field(a, item); });
}

constexpr StageKind last_value(StageKind) { return StageKind::lost; }
constexpr PeriodKind last_value(PeriodKind) { return PeriodKind::range; }

// An enumeration as a byte, checked against its last value.
template <class Archive, class Enum>
void enumeration(Archive& archive, Enum& value) {
  auto byte = static_cast<std::uint8_t>(value);
  archive & byte;
  if constexpr (kLoading<Archive>) {
    if (byte > static_cast<std::uint8_t>(last_value(Enum{})))
      throw std::runtime_error("an enumeration is out of range");
    value = static_cast<Enum>(byte);
  }
}

template <class Archive, class T>
void field(Archive& archive, T& value) {
  if constexpr (std::is_same_v<T, bool>) {
    flag(archive, value);
  } else if constexpr (std::is_enum_v<T>) {
    enumeration(archive, value);
  } else if constexpr (std::is_arithmetic_v<T>) {
    archive & value;
  } else if constexpr (std::is_same_v<T, std::string>) {
    contiguous(archive, value);
  } else if constexpr (IsVector<T>::value) {
    if constexpr (std::is_arithmetic_v<typename T::value_type>)
      contiguous(archive, value);
    else
      sequence(archive, value);
  } else if constexpr (BoostSerializable<T>) {
    archive & value;  // a class with its own serialize() and version
  } else {
    members(archive, value);
  }
}

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

// --- The classes' serialize() ----------------------------------------------
// Each loaded object rebuilds its own hash index, so it is whole wherever it
// is loaded from (a book now, a fitted model's dictionaries later).

template <class Archive>
void Dictionary::serialize(Archive& archive, unsigned /*version*/) {
  field(archive, values_);
  if constexpr (kLoading<Archive>) rebuild_index();
}

template <class Archive>
void IdColumn::serialize(Archive& archive, unsigned /*version*/) {
  field(archive, chars_);
  field(archive, offsets_);
  if constexpr (kLoading<Archive>) rebuild_index();
}

template <class Archive>
void Book::serialize(Archive& archive, [[maybe_unused]] unsigned version) {
  // Boost refuses versions above BOOST_CLASS_VERSION; 0 was never written.
  if constexpr (kLoading<Archive>)
    if (version == 0) throw std::runtime_error("book version 0");
  field(archive, pipelines_);
  field(archive, stages_);
  field(archive, products_);
  field(archive, line_items_);
  field(archive, quotas_);
  field(archive, fx_rates_);
  field(archive, layout_);
  field(archive, ids_);
  field(archive, pipeline_);
  field(archive, stage_);
  field(archive, amount_);
  field(archive, created_);
  field(archive, close_date_);
  field(archive, currency_);
  for (auto& codes : dimension_codes_) field(archive, codes);
  for (auto& values : dimension_values_) field(archive, values);
  field(archive, currencies_);
  field(archive, attributes_);
  field(archive, history_offsets_);
  field(archive, history_stage_);
  field(archive, history_entered_);
  field(archive, history_amount_);
  field(archive, history_close_date_);
  field(archive, history_attributes_);
  field(archive, base_currency_);
  field(archive, currency_rate_);
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
