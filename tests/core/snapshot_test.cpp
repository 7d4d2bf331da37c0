#include "pipecast/core/book_builder.hpp"
#include "storage/sealed_file.hpp"
#include "pipecast/storage/snapshot.hpp"

#include <gtest/gtest.h>

#include <sys/resource.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <bit>
#include <csignal>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <functional>
#include <random>
#include <system_error>

namespace pipecast {
// Named for the file: a unity build compiles the files of a program as one.
namespace snapshot_test {
namespace {

namespace fs = std::filesystem;
using namespace std::string_literals;

// --- A small book that uses every member -------------------------------------

constexpr double kDenormal = 4.9406564584124654e-324;
const double kPointThree = 0.1 + 0.2;  // 0.30000000000000004: needs all 17 digits

void require(const Checked& rejected) {
  if (rejected) throw std::logic_error(rejected->field + ": " + rejected->message);
}

void add_stages(BookBuilder& builder) {
  const StageRecord stages[] = {
      {"New business", "Prospect", 1, 0.1, StageKind::open, "Pipeline"},
      {"New business", "Proposal", 2, 0.5, StageKind::open, "Best case"},
      {"New business", "Won", 3, 1.0, StageKind::won, "Closed"},
      {"New business", "Lost", 4, 0.0, StageKind::lost, "Omitted"},
      {"Renewals", "Due", 1, 0.6, StageKind::open, "Commit"},
      {"Renewals", "Renewed", 2, 1.0, StageKind::won, "Closed"},
      {"Renewals", "Churned", 3, 0.0, StageKind::lost, ""},
  };
  for (const auto& stage : stages) require(builder.add_stage(stage));
}

struct Deal {
  const char* id;
  const char* pipeline;
  const char* account;
  const char* owner;
  double amount;
  const char* currency;
  Day created;
  Day close;
  const char* stage;
  std::string_view region, channel;
};

void add_deals(BookBuilder& builder) {
  const Deal deals[] = {
      {"O-1", "New business", "Café Müller", "alice", 1200.5, "USD", to_day(2024, 1, 10),
       to_day(2024, 3, 1), "Won", "EMEA", "partner"},
      {"O-2", "New business", "Acme", "bob", kNoAmount, "EUR", to_day(2024, 2, 5), kNoDay,
       "Proposal", "NA", "direct"},
      {"O-3", "Renewals", "Café Müller", "alice", kPointThree, "EUR", to_day(2024, 3, 1),
       to_day(2024, 9, 30), "Due", "EMEA", "direct"},
      {"O-4", "New business", "Globex", "carol", 5e6, "USD", to_day(2023, 11, 11),
       to_day(2024, 2, 29), "Lost", "", "partner"},
      {"O-5", "Renewals", "Acme", "bob", kDenormal, "USD", to_day(2024, 4, 2), to_day(2024, 5, 2),
       "Renewed", "APAC", ""},
  };
  for (const auto& d : deals) {
    const std::string_view attributes[] = {d.region, d.channel};
    OpportunityRecord record;
    record.id = d.id;
    record.pipeline = d.pipeline;
    record.account = d.account;
    record.owner = d.owner;
    record.product = d.amount > 1000 ? "Widget" : "Support plan";
    record.source = "web";
    record.segment = d.amount > 1e6 ? "Enterprise" : "SMB";
    record.amount = d.amount;
    record.currency = d.currency;
    record.created = d.created;
    record.close_date = d.close;
    record.stage = d.stage;
    record.attributes = attributes;
    require(builder.add_opportunity(record));
  }
}

void add_history(BookBuilder& builder) {
  struct Row {
    const char* deal;
    const char* stage;
    Day entered;
    double amount;
    Day close;
    std::string_view changed_by;
  };
  // Out of order on purpose: finish() sorts by deal, then day.
  const Row rows[] = {
      {"O-1", "Won", to_day(2024, 3, 1), 1200.5, to_day(2024, 3, 1), "alice"},
      {"O-1", "Prospect", to_day(2024, 1, 10), 1000, to_day(2024, 2, 15), "alice"},
      {"O-1", "Proposal", to_day(2024, 2, 1), kNoAmount, kNoDay, "bob"},
      {"O-2", "Prospect", to_day(2024, 2, 5), kNoAmount, kNoDay, "crm-sync"},
      {"O-2", "Proposal", to_day(2024, 3, 10), 2500, to_day(2024, 6, 30), "bob"},
      {"O-3", "Due", to_day(2024, 3, 1), kPointThree, to_day(2024, 9, 30), ""},
      {"O-4", "Prospect", to_day(2023, 11, 11), 5e6, to_day(2024, 1, 31), "carol"},
      {"O-4", "Lost", to_day(2024, 2, 29), 5e6, to_day(2024, 2, 29), "carol"},
      {"O-5", "Due", to_day(2024, 4, 2), kDenormal, to_day(2024, 5, 2), "bob"},
      {"O-5", "Renewed", to_day(2024, 5, 2), kDenormal, to_day(2024, 5, 2), "bob"},
  };
  for (const auto& r : rows) {
    const std::string_view attributes[] = {r.changed_by};
    require(builder.add_history({r.deal, r.stage, r.entered, r.amount, r.close, attributes}));
  }
}

// Out of order on purpose too; a deal's, an account's, every optional field.
void add_activities(BookBuilder& builder) {
  ActivityRecord call;
  call.opportunity_id = "O-2";
  call.type = "call";
  call.date = to_day(2024, 3, 1);
  call.owner = "bob";
  call.duration_minutes = kPointThree;
  call.direction = "out";
  call.outcome = "left a message";
  require(builder.add_activity(call));
  ActivityRecord visit;
  visit.account = "Café Müller";
  visit.type = "visit";
  visit.date = to_day(2024, 2, 1);
  require(builder.add_activity(visit));
  ActivityRecord email;
  email.opportunity_id = "O-1";
  email.type = "email";
  email.date = to_day(2023, 12, 31);  // before the deal: kept, as the data check reports it
  email.direction = "in";
  require(builder.add_activity(email));
}

// The book as pipecast wrote its first snapshots (format 1): without
// activities, as tests/data/snapshots/format1_text.snap holds it.
Book sample_book(bool with_activities = true) {
  BookBuilder builder;
  BookLayout layout;
  layout.history_amount = layout.history_close_date = layout.forecast_category = true;
  layout.products = layout.line_items = layout.quotas = layout.fx_rates = true;
  layout.activities = layout.activity_duration = layout.activity_direction = layout.activity_outcome =
      with_activities;
  builder.set_layout(layout);
  builder.set_attribute_columns({"region", "channel"});
  builder.set_history_attribute_columns({"changed_by"});
  add_stages(builder);
  require(builder.add_fx_rate("USD", 1.0));
  require(builder.add_fx_rate("EUR", 1.0831));
  require(builder.add_product("Widget", "Hardware", 99.95));
  require(builder.add_product("Support plan", "Services", kNoAmount));
  add_deals(builder);
  add_history(builder);
  require(builder.add_line_item("O-1", "Widget", 12, 99.95));
  require(builder.add_line_item("O-1", "Support plan", 1, 200.55));
  require(builder.add_line_item("O-3", "Support plan", 2, 0.1));
  require(builder.add_quota("alice", "2024-Q1", 50000));
  require(builder.add_quota("*", "2024", 1.5e6));
  require(builder.add_quota("bob", "FY2025-Q1", 1234.5));
  if (with_activities) add_activities(builder);
  return std::move(builder).finish();
}

bool same_bits(double a, double b) {
  return std::bit_cast<std::uint64_t>(a) == std::bit_cast<std::uint64_t>(b);
}

// Values read through the loaded book's own accessors and hash indexes.
void expect_sample_contents(const Book& book) {
  ASSERT_EQ(book.size(), 5u);
  ASSERT_EQ(book.find("O-3"), std::optional<DealIndex>(2));
  EXPECT_EQ(book.find("O-5"), std::optional<DealIndex>(4));
  EXPECT_EQ(book.find("O-6"), std::nullopt);
  const auto acme = book.dictionary(Dimension::account).find("Acme");
  ASSERT_TRUE(acme.has_value());
  EXPECT_EQ(book.codes(Dimension::account)[1], *acme);
  EXPECT_EQ(book.opportunity(0).account(), "Café Müller");
  EXPECT_TRUE(book.dictionary(Dimension::owner).find("carol").has_value());
  const auto eur = book.currencies().find("EUR");
  ASSERT_TRUE(eur.has_value());
  EXPECT_EQ(book.fx_rate(*eur), 1.0831);
  EXPECT_EQ(book.base_currency(), "USD");
  EXPECT_TRUE(is_blank(book.opportunity(1).amount()));
  EXPECT_TRUE(same_bits(book.opportunity(2).amount(), kPointThree));
  EXPECT_TRUE(same_bits(book.opportunity(4).amount(), kDenormal));
  EXPECT_EQ(book.opportunity(1).close_date(), kNoDay);
  EXPECT_EQ(book.opportunity(0).attribute("region"), "EMEA");
  EXPECT_EQ(book.opportunity(4).attribute("channel"), "");
  EXPECT_TRUE(book.attributes().values[0].find("APAC").has_value());
  EXPECT_EQ(book.opportunity(2).pipeline().name, "Renewals");
  EXPECT_EQ(book.opportunity(2).stage().forecast_category, "Commit");
  ASSERT_EQ(book.opportunity(0).history_size(), 3u);
  EXPECT_EQ(book.stages()[book.opportunity(0).history(1).stage].name, "Proposal");
  EXPECT_TRUE(is_blank(book.opportunity(0).history(1).amount));
  EXPECT_EQ(book.opportunity(0).history(1).close_date, kNoDay);
  EXPECT_EQ(book.history_attributes().value(0, book.history_begin(1)), "crm-sync");
  ASSERT_EQ(book.products().size(), 2u);
  EXPECT_TRUE(is_blank(book.products()[1].list_price));
  EXPECT_EQ(book.line_items()[2].unit_price, 0.1);
  ASSERT_EQ(book.quotas().size(), 3u);
  EXPECT_EQ(book.quotas()[2].period.label, "FY2025-Q1");
  EXPECT_EQ(book.quotas()[2].period.kind, PeriodKind::fiscal_quarter);
  EXPECT_TRUE(book.layout().history_close_date);
  const Activities& activities = book.activities();
  ASSERT_EQ(activities.size(), 3u);
  EXPECT_EQ(activities.types()[activities.type_column()[activities.deal_begin(1)]], "call");
  EXPECT_TRUE(same_bits(activities.row(activities.deal_begin(1)).duration_minutes, kPointThree));
  const Code cafe = *book.dictionary(Dimension::account).find("Café Müller");
  EXPECT_EQ(activities.account_end(cafe) - activities.account_begin(cafe), 1u);
  EXPECT_TRUE(book.layout().activity_outcome);
}

// Touches every row through the accessors, so that a book that loaded but
// was inconsistent would read out of range (and fail under ASan).
std::size_t touch_everything(const Book& book) {
  std::size_t sum = 0;
  for (DealIndex i = 0; i < book.size(); ++i) {
    const Opportunity deal = book.opportunity(i);
    sum += deal.id().size() + deal.pipeline().name.size() + deal.stage().name.size() +
           deal.currency().size();
    for (Dimension d : kDimensions) sum += deal.dimension(d).size();
    for (std::size_t c = 0; c < book.attributes().size(); ++c) sum += book.attributes().value(c, i).size();
    for (std::size_t k = 0; k < deal.history_size(); ++k) sum += deal.history(k).stage;
  }
  for (const auto& item : book.line_items()) sum += book.opportunity(item.deal).id().size();
  return sum;
}

std::string failure_of(const std::function<void()>& action) {
  try {
    action();
  } catch (const std::runtime_error& e) {
    return e.what();
  }
  return "(no error)";
}

bool contains(std::string_view text, std::string_view part) {
  return text.find(part) != std::string_view::npos;
}

std::string read_file(const fs::path& path) {
  std::ifstream in(path, std::ios::binary);
  return {std::istreambuf_iterator<char>(in), {}};
}

void write_file(const fs::path& path, std::string_view bytes) {
  std::ofstream(path, std::ios::binary).write(bytes.data(), static_cast<std::streamsize>(bytes.size()));
}

std::vector<std::string> listing(const fs::path& directory) {
  std::vector<std::string> names;
  for (const auto& entry : fs::directory_iterator(directory)) names.push_back(entry.path().filename());
  std::sort(names.begin(), names.end());
  return names;
}

class SnapshotTest : public ::testing::Test {
 protected:
  void SetUp() override {
    const auto tag = std::to_string(::getpid()) + "_" + std::to_string(std::random_device{}());
    dir_ = fs::temp_directory_path() / ("pipecast_snapshot_test_" + tag);
    fs::create_directories(dir_);
  }
  void TearDown() override {
    std::error_code ignored;
    fs::permissions(dir_, fs::perms::owner_all, fs::perm_options::add, ignored);
    fs::remove_all(dir_, ignored);
  }

  fs::path dir_;
  const Book book_ = sample_book();
};

// --- Round trips ---------------------------------------------------------------

TEST_F(SnapshotTest, BinaryRoundTripGivesAnEqualBookWithWorkingIndexes) {
  const Book loaded = snapshot_from_bytes(snapshot_bytes(book_, SnapshotFormat::binary));
  EXPECT_TRUE(loaded == book_);
  expect_sample_contents(loaded);
}

TEST_F(SnapshotTest, TextRoundTripKeepsBlanksAndEveryDigit) {
  const std::string archive = book_archive(book_, SnapshotFormat::text);
  EXPECT_TRUE(contains(archive, "nan"));  // blank amounts, readable as such
  const Book loaded = snapshot_from_bytes(snapshot_bytes(book_, SnapshotFormat::text));
  EXPECT_TRUE(loaded == book_);
  expect_sample_contents(loaded);
}

TEST_F(SnapshotTest, FilesRoundTripInTheFormatTheyWereSavedIn) {
  for (const auto format : {SnapshotFormat::binary, SnapshotFormat::text}) {
    const fs::path path = dir_ / "book.snap";
    save_snapshot(book_, path, format);
    EXPECT_TRUE(looks_like_snapshot(path));
    EXPECT_EQ(read_file(path), snapshot_bytes(book_, format));
    const Book loaded = load_snapshot(path);
    EXPECT_TRUE(loaded == book_);
    expect_sample_contents(loaded);
  }
  EXPECT_EQ(listing(dir_), std::vector<std::string>{"book.snap"});  // no temporary left
}

// Format 1, written by pipecast before activities (the text archive of
// sample_book(false), made with the code of commit 88aa28e): still loads,
// with no activity.
TEST_F(SnapshotTest, AFormat1SnapshotLoadsWithoutActivities) {
  const fs::path path = fs::path(PIPECAST_TEST_DATA_DIR) / "snapshots" / "format1_text.snap";
  EXPECT_EQ(parse_sealed_bytes(read_file(path), kSnapshotMagic, kSnapshotFormatVersion, "snapshot", "-").format_version,
            1u);
  const Book loaded = load_snapshot(path);
  EXPECT_TRUE(loaded == sample_book(false));
  EXPECT_EQ(loaded.activities().size(), 0u);
  EXPECT_EQ(loaded.activities().deal_end(4), 0u);
  // Saved again, it is a format 2 snapshot that reads back the same.
  EXPECT_TRUE(snapshot_from_bytes(snapshot_bytes(loaded, SnapshotFormat::text)) == loaded);
}

TEST_F(SnapshotTest, EmptyBooksRoundTrip) {
  for (const Book& empty : {Book{}, BookBuilder{}.finish()}) {
    for (const auto format : {SnapshotFormat::binary, SnapshotFormat::text}) {
      const Book loaded = snapshot_from_bytes(snapshot_bytes(empty, format));
      EXPECT_TRUE(loaded == empty);
      EXPECT_EQ(loaded.size(), 0u);
      EXPECT_EQ(loaded.find(""), std::nullopt);
    }
  }
}

TEST_F(SnapshotTest, SavingTwiceGivesIdenticalBytes) {
  for (const auto format : {SnapshotFormat::binary, SnapshotFormat::text}) {
    save_snapshot(book_, dir_ / "a.snap", format);
    save_snapshot(sample_book(), dir_ / "b.snap", format);
    EXPECT_EQ(read_file(dir_ / "a.snap"), read_file(dir_ / "b.snap"));
    // ... and a loaded book saves back to the very same bytes.
    EXPECT_EQ(snapshot_bytes(load_snapshot(dir_ / "a.snap"), format), read_file(dir_ / "a.snap"));
  }
}

// --- Damaged input -----------------------------------------------------------------

TEST_F(SnapshotTest, EveryTruncationIsRefused) {
  for (const auto format : {SnapshotFormat::binary, SnapshotFormat::text}) {
    const std::string bytes = snapshot_bytes(book_, format);
    for (std::size_t length = 0; length < bytes.size(); ++length) {
      const std::string message =
          failure_of([&] { snapshot_from_bytes(std::string_view(bytes).substr(0, length), "cut.snap"); });
      ASSERT_TRUE(message.starts_with("cut.snap: snapshot is truncated: ")) << length << ": " << message;
    }
  }
}

TEST_F(SnapshotTest, TruncatedFilesAreRefusedWithTheSizes) {
  const std::string bytes = snapshot_bytes(book_, SnapshotFormat::binary);
  const fs::path path = dir_ / "cut.snap";
  const std::size_t payload = bytes.size() - kSealedHeaderSize;
  write_file(path, std::string_view(bytes).substr(0, bytes.size() - 10));
  EXPECT_EQ(failure_of([&] { load_snapshot(path); }),
            path.string() + ": snapshot is truncated: header says " + std::to_string(payload) +
                " bytes of payload, found " + std::to_string(payload - 10));
  write_file(path, std::string_view(bytes).substr(0, 20));
  EXPECT_EQ(failure_of([&] { load_snapshot(path); }),
            path.string() + ": snapshot is truncated: 20 bytes, shorter than its 32-byte header");
  write_file(path, "");
  EXPECT_TRUE(contains(failure_of([&] { load_snapshot(path); }), "truncated: 0 bytes"));
}

TEST_F(SnapshotTest, TrailingBytesAreRefused) {
  const std::string bytes = snapshot_bytes(book_, SnapshotFormat::binary) + "xyz";
  EXPECT_EQ(failure_of([&] { snapshot_from_bytes(bytes, "long.snap"); }),
            "long.snap: snapshot is damaged: 3 trailing bytes after its payload");
}

TEST_F(SnapshotTest, EveryFlippedBitIsRefused) {
  for (const auto format : {SnapshotFormat::binary, SnapshotFormat::text}) {
    std::string bytes = snapshot_bytes(book_, format);
    for (std::size_t at = 0; at < bytes.size(); ++at) {
      for (int bit = 0; bit < 8; ++bit) {
        bytes[at] = static_cast<char>(bytes[at] ^ (1 << bit));
        const std::string message = failure_of([&] { snapshot_from_bytes(bytes, "bit.snap"); });
        bytes[at] = static_cast<char>(bytes[at] ^ (1 << bit));
        if (at >= kSealedHeaderSize || (at >= 12 && at < 16) || at >= 24) {
          ASSERT_EQ(message, "bit.snap: snapshot is damaged: checksum mismatch") << at << "/" << bit;
        } else {
          // Magic, version and length fields say what they now say.
          ASSERT_TRUE(message.starts_with("bit.snap: ") &&
                      (contains(message, "not a pipecast snapshot") || contains(message, "newer") ||
                       contains(message, "truncated") || contains(message, "damaged")))
              << at << "/" << bit << ": " << message;
        }
      }
    }
  }
}

TEST_F(SnapshotTest, OtherFilesAreNotSnapshots) {
  std::string bytes = snapshot_bytes(book_, SnapshotFormat::binary);
  bytes[1] = 'X';
  EXPECT_EQ(failure_of([&] { snapshot_from_bytes(bytes, "x.snap"); }), "x.snap: not a pipecast snapshot");

  const fs::path csv = dir_ / "opportunities.csv";
  write_file(csv, "id,pipeline,account\nO-1,New business,Acme\n");
  EXPECT_EQ(failure_of([&] { load_snapshot(csv); }), csv.string() + ": not a pipecast snapshot");
  EXPECT_FALSE(looks_like_snapshot(csv));
  EXPECT_FALSE(looks_like_snapshot(dir_));
  EXPECT_FALSE(looks_like_snapshot(dir_ / "missing.snap"));
  write_file(dir_ / "short.snap", std::string_view(kSnapshotMagic).substr(0, 5));
  EXPECT_FALSE(looks_like_snapshot(dir_ / "short.snap"));
}

TEST_F(SnapshotTest, NewerFormatVersionsAreRefusedNamingBoth) {
  const std::string bytes = snapshot_bytes(book_, SnapshotFormat::binary);
  const SealedView view = parse_sealed_bytes(bytes, kSnapshotMagic, kSnapshotFormatVersion, "snapshot", "-");
  EXPECT_EQ(view.format_version, kSnapshotFormatVersion);
  const fs::path path = dir_ / "future.snap";
  write_sealed_file(path, kSnapshotMagic, kSnapshotFormatVersion + 1, view.payload_kind, view.payload);
  EXPECT_EQ(failure_of([&] { load_snapshot(path); }),
            path.string() + ": snapshot was written by a newer version of pipecast (format 3; "
                            "this library reads formats up to 2)");
  const std::string zero = sealed_bytes(kSnapshotMagic, 0, view.payload_kind, view.payload);
  EXPECT_EQ(failure_of([&] { snapshot_from_bytes(zero, "zero"); }),
            "zero: snapshot is damaged: format version 0");
}

TEST_F(SnapshotTest, UnknownPayloadKindIsRefused) {
  const std::string bytes = sealed_bytes(kSnapshotMagic, kSnapshotFormatVersion, 7,
                                         book_archive(book_, SnapshotFormat::binary));
  EXPECT_EQ(failure_of([&] { snapshot_from_bytes(bytes, "k.snap"); }),
            "k.snap: snapshot is damaged: unknown payload kind 7");
}

TEST_F(SnapshotTest, AnArchiveOfTheWrongFormatIsRefused) {
  const std::string bytes = sealed_bytes(kSnapshotMagic, kSnapshotFormatVersion, 2,  // says text
                                         book_archive(book_, SnapshotFormat::binary));
  EXPECT_EQ(failure_of([&] { snapshot_from_bytes(bytes, "w.snap"); }),
            "w.snap: snapshot is damaged: not a Boost serialization archive");
}

// The binary image of a u32 column as Boost writes it: u64 count, then values.
std::string column_image(const std::vector<std::uint32_t>& values) {
  std::string image(8 + 4 * values.size(), '\0');
  const std::uint64_t count = values.size();
  std::memcpy(image.data(), &count, 8);
  if (!values.empty()) std::memcpy(image.data() + 8, values.data(), 4 * values.size());
  return image;
}

// Replaces the one occurrence of `column` in the payload by `replacement`.
std::string patched(std::string payload, const std::vector<std::uint32_t>& column,
                    const std::vector<std::uint32_t>& replacement) {
  const std::string image = column_image(column);
  const std::size_t at = payload.find(image);
  if (at == std::string::npos || payload.find(image, at + 1) != std::string::npos)
    throw std::logic_error("column not found exactly once");
  return payload.replace(at, image.size(), column_image(replacement));
}

TEST_F(SnapshotTest, AConsistentChecksumCannotSmuggleInAnInconsistentBook) {
  const std::string payload = book_archive(book_, SnapshotFormat::binary);
  std::vector<std::uint32_t> offsets{0};
  for (DealIndex i = 0; i < book_.size(); ++i) offsets.push_back(book_.history_end(i));
  ASSERT_EQ(offsets, (std::vector<std::uint32_t>{0, 3, 5, 6, 8, 10}));
  const fs::path path = dir_ / "crafted.snap";
  const auto refusal = [&](const std::string& crafted) {
    write_sealed_file(path, kSnapshotMagic, kSnapshotFormatVersion, 1, crafted, "snapshot");
    return failure_of([&] { load_snapshot(path); });
  };
  const std::string prefix = path.string() + ": snapshot is damaged: ";
  EXPECT_EQ(refusal(patched(payload, offsets, {0, 3, 5, 6, 8, 11})),
            prefix + "inconsistent book: history offsets");
  EXPECT_EQ(refusal(patched(payload, offsets, {0, 3, 0xFFFFFF00u, 6, 8, 10})),
            prefix + "inconsistent book: history offsets decrease");
  // The ids "O-1".."O-5" end at 3, 6, ... 15.
  EXPECT_EQ(refusal(patched(payload, {0, 3, 6, 9, 12, 15}, {0, 3, 6, 99, 12, 15})),
            prefix + "identifier column is damaged");
  EXPECT_EQ(refusal(patched(payload, {0, 3, 6, 9, 12, 15}, {0, 3, 6, 9, 12, 14})),
            prefix + "identifier column is damaged");
}

// Every byte of a payload changed, with a checksum that agrees: each either
// loads (into a consistent book) or is refused, never a crash or a hang.  Three
// values per byte and format, chosen for what they break: in binary a count or
// offset pushed to its extremes or by one; in text a foreign byte, a token
// split in two, and a digit or separator changed by one.  (Each mutation
// parses the whole payload: the cost is quadratic in its size, and ASan's.)
TEST_F(SnapshotTest, MutatedPayloadsAreRefusedOrConsistent) {
  for (const auto format : {SnapshotFormat::binary, SnapshotFormat::text}) {
    const std::string payload = book_archive(book_, format);
    const auto kind = static_cast<std::uint8_t>(static_cast<int>(format) + 1);
    const char second = format == SnapshotFormat::binary ? '\x00' : ' ';
    for (std::size_t at = 0; at < payload.size(); ++at) {
      for (const char value : {'\xFF', second, static_cast<char>(payload[at] + 1)}) {
        std::string mutated = payload;
        mutated[at] = value;
        const std::string bytes = sealed_bytes(kSnapshotMagic, kSnapshotFormatVersion, kind, mutated);
        try {
          touch_everything(snapshot_from_bytes(bytes, "m"));
        } catch (const std::runtime_error& e) {
          ASSERT_TRUE(std::string_view(e.what()).starts_with("m: ")) << e.what();
        }
      }
    }
  }
}

TEST_F(SnapshotTest, HostileCountsAllocateNothingLarge) {
  // u64 counts of 2^63 where the book's first count (its pipelines) stands.
  std::string payload = book_archive(book_, SnapshotFormat::binary);
  const std::string pipelines = column_image({}).replace(0, 1, "\x02");  // count 2
  const std::size_t at = payload.find(pipelines);
  ASSERT_NE(at, std::string::npos);
  payload[at + 7] = '\x80';
  const std::string bytes = sealed_bytes(kSnapshotMagic, kSnapshotFormatVersion, 1, payload);
  EXPECT_TRUE(contains(failure_of([&] { snapshot_from_bytes(bytes, "h"); }), "h: snapshot is damaged"));
  // A header whose length is absurd is judged against the file's real size.
  std::string sealed = snapshot_bytes(book_, SnapshotFormat::binary);
  std::memset(sealed.data() + 16, 0xFF, 8);
  write_file(dir_ / "huge.snap", sealed);
  EXPECT_TRUE(contains(failure_of([&] { load_snapshot(dir_ / "huge.snap"); }),
                       "truncated: header says 18446744073709551615 bytes of payload, found "));
}

// --- Sealed files ----------------------------------------------------------------

TEST(SealedFile, ChecksumIsCrc64Xz) {
  EXPECT_EQ(sealed_checksum("123456789", ""), 0x995DC9BBDF1939FAULL);
  EXPECT_EQ(sealed_checksum("1234", "56789"), 0x995DC9BBDF1939FAULL);
}

TEST(SealedFile, HeaderLayoutIsLittleEndianAndDocumented) {
  const std::string bytes = sealed_bytes("ABCDEFGH", 0x01020304, 9, "payload");
  ASSERT_EQ(bytes.size(), 32u + 7u);
  EXPECT_EQ(bytes.substr(0, 8), "ABCDEFGH");
  EXPECT_EQ(bytes.substr(8, 8), "\x04\x03\x02\x01\x09\0\0\0"s);
  EXPECT_EQ(bytes.substr(16, 8), "\x07\0\0\0\0\0\0\0"s);
  std::uint64_t checksum = 0;
  for (int i = 7; i >= 0; --i) checksum = (checksum << 8) | static_cast<unsigned char>(bytes[24 + i]);
  EXPECT_EQ(checksum, sealed_checksum(std::string_view(bytes).substr(0, 24), "payload"));
  EXPECT_EQ(bytes.substr(32), "payload");
  const SealedView view = parse_sealed_bytes(bytes, "ABCDEFGH", 0x01020304, "model", "m");
  EXPECT_EQ(view.format_version, 0x01020304u);
  EXPECT_EQ(view.payload_kind, 9);
  EXPECT_EQ(view.payload, "payload");
  EXPECT_THROW(sealed_bytes("SHORT", 1, 1, ""), std::invalid_argument);
}

TEST_F(SnapshotTest, SealedFilesRoundTripAnyPayload) {
  const std::string payload = "\0\xFF binary \r\n"s;
  write_sealed_file(dir_ / "m.bin", "PCMODEL1", 3, 2, payload, "model");
  const SealedPayload read = read_sealed_file(dir_ / "m.bin", "PCMODEL1", 3, "model");
  EXPECT_EQ(read.format_version, 3u);
  EXPECT_EQ(read.payload_kind, 2);
  EXPECT_EQ(read.payload, payload);
  write_sealed_file(dir_ / "empty.bin", "PCMODEL1", 1, 1, "", "model");
  EXPECT_EQ(read_sealed_file(dir_ / "empty.bin", "PCMODEL1", 1, "model").payload, "");
  EXPECT_EQ(failure_of([&] { read_sealed_file(dir_ / "m.bin", "PCMODEL1", 2, "model"); }),
            (dir_ / "m.bin").string() +
                ": model was written by a newer version of pipecast (format 3; this library "
                "reads formats up to 2)");
}

// --- Atomic writes and system errors ---------------------------------------------

TEST_F(SnapshotTest, OverwritingReplacesTheFileWhole) {
  const fs::path path = dir_ / "book.snap";
  save_snapshot(Book{}, path);
  save_snapshot(book_, path, SnapshotFormat::text);
  EXPECT_TRUE(load_snapshot(path) == book_);
  EXPECT_EQ(listing(dir_), std::vector<std::string>{"book.snap"});
}

TEST_F(SnapshotTest, MissingFileNamesTheSystemError) {
  const fs::path path = dir_ / "nope.snap";
  EXPECT_EQ(failure_of([&] { load_snapshot(path); }),
            "cannot open " + path.string() + ": No such file or directory");
  EXPECT_THROW(load_snapshot(path), std::system_error);
  EXPECT_EQ(failure_of([&] { load_snapshot(dir_); }), "cannot read " + dir_.string() + ": Is a directory");
}

TEST_F(SnapshotTest, WritingOverADirectoryFailsAndLeavesNoTemporary) {
  const fs::path path = dir_ / "book.snap";
  fs::create_directory(path);
  write_file(path / "inside", "kept");
  const std::string message = failure_of([&] { save_snapshot(book_, path); });
  EXPECT_EQ(message, "cannot write snapshot " + path.string() + ": Is a directory");
  EXPECT_TRUE(fs::is_directory(path));
  EXPECT_EQ(read_file(path / "inside"), "kept");
  EXPECT_EQ(listing(dir_), std::vector<std::string>{"book.snap"});
}

TEST_F(SnapshotTest, WritingIntoAMissingDirectoryFails) {
  const fs::path path = dir_ / "missing" / "book.snap";
  EXPECT_EQ(failure_of([&] { save_snapshot(book_, path); }),
            "cannot write snapshot " + path.string() + ": No such file or directory");
  EXPECT_THROW(save_snapshot(book_, path), std::system_error);
  EXPECT_EQ(listing(dir_), std::vector<std::string>{});
}

// A read-only folder (also as root), a full disk, a killed writer and
// failing system calls: tests/core/fault_test.cpp.

// A write that fails half way (here: past the file size limit, which binds
// root too) removes its temporary and leaves the old file as it was.
TEST_F(SnapshotTest, AWriteFailingHalfWayKeepsTheOldFile) {
  const fs::path path = dir_ / "book.snap";
  save_snapshot(Book{}, path);
  const std::string before = read_file(path);
  ASSERT_GT(snapshot_bytes(book_, SnapshotFormat::text).size(), before.size() + 100);
  const pid_t child = ::fork();
  ASSERT_GE(child, 0);
  if (child == 0) {  // the limit and the signal are per process: set them in a child
    std::signal(SIGXFSZ, SIG_IGN);
    const rlimit limit{before.size() + 100, RLIM_INFINITY};
    if (::setrlimit(RLIMIT_FSIZE, &limit) != 0) ::_exit(3);
    const std::string message = failure_of([&] { save_snapshot(book_, path, SnapshotFormat::text); });
    ::_exit(message == "cannot write snapshot " + path.string() + ": File too large" ? 0 : 1);
  }
  int status = 0;
  ASSERT_EQ(::waitpid(child, &status, 0), child);
  ASSERT_TRUE(WIFEXITED(status));
  EXPECT_EQ(WEXITSTATUS(status), 0);
  EXPECT_EQ(read_file(path), before);
  EXPECT_TRUE(load_snapshot(path) == Book{});
  EXPECT_EQ(listing(dir_), std::vector<std::string>{"book.snap"});
}

}  // namespace
}  // namespace snapshot_test
}  // namespace pipecast
