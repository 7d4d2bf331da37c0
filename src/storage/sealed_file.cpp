#include "storage/sealed_file.hpp"

#include <boost/crc.hpp>

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <array>
#include <cerrno>
#include <random>
#include <stdexcept>
#include <system_error>
#include <utility>

namespace pipecast {
namespace {

namespace fs = std::filesystem;

using Crc64 = boost::crc_optimal<64, 0x42F0E1EBA9EA3693ULL, ~0ULL, ~0ULL, true, true>;
using Header = std::array<char, kSealedHeaderSize>;

constexpr std::size_t kVersionAt = 8;
constexpr std::size_t kKindAt = 12;
constexpr std::size_t kReservedAt = 13;
constexpr std::size_t kLengthAt = 16;
constexpr std::size_t kChecksumAt = 24;  // also the count of bytes it covers
// Linux moves at most about 2 GiB per write() call.
constexpr std::size_t kMaxWrite = std::size_t{1} << 30;

void put_le(char* out, std::uint64_t value, std::size_t bytes) {
  for (std::size_t i = 0; i < bytes; ++i) out[i] = static_cast<char>((value >> (8 * i)) & 0xFF);
}

std::uint64_t get_le(std::string_view in, std::size_t at, std::size_t bytes) {
  std::uint64_t value = 0;
  for (std::size_t i = 0; i < bytes; ++i)
    value |= std::uint64_t{static_cast<unsigned char>(in[at + i])} << (8 * i);
  return value;
}

Header encode_header(std::string_view magic, std::uint32_t version, std::uint8_t kind,
                     std::string_view payload) {
  if (magic.size() != kSealedMagicSize)
    throw std::invalid_argument("a sealed file's magic has 8 bytes");
  Header header{};
  std::copy(magic.begin(), magic.end(), header.begin());
  put_le(header.data() + kVersionAt, version, 4);
  put_le(header.data() + kKindAt, kind, 1);
  put_le(header.data() + kLengthAt, payload.size(), 8);
  const auto checksum = sealed_checksum({header.data(), kChecksumAt}, payload);
  put_le(header.data() + kChecksumAt, checksum, 8);
  return header;
}

// --- Reading -----------------------------------------------------------------

struct Frame {
  std::uint32_t version;
  std::uint8_t kind;
  std::uint64_t length;
};

[[noreturn]] void refuse(std::string_view origin, std::string_view what, const std::string& why) {
  throw std::runtime_error(std::string(origin) + ": " + std::string(what) + " " + why);
}

// Checks all the header can tell given the file's size, before anything is
// allocated from the length it claims.  `head` is the first bytes, up to 32.
Frame check_frame(std::string_view head, std::uint64_t total, std::string_view magic,
                  std::uint32_t max_version, std::string_view what, std::string_view origin) {
  const std::size_t compared = std::min(head.size(), kSealedMagicSize);
  if (head.substr(0, compared) != magic.substr(0, compared))
    throw std::runtime_error(std::string(origin) + ": not a pipecast " + std::string(what));
  if (total < kSealedHeaderSize)
    refuse(origin, what, "is truncated: " + std::to_string(total) + " bytes, shorter than its " +
                             std::to_string(kSealedHeaderSize) + "-byte header");
  const auto version = static_cast<std::uint32_t>(get_le(head, kVersionAt, 4));
  if (version == 0) refuse(origin, what, "is damaged: format version 0");
  if (version > max_version)
    refuse(origin, what, "was written by a newer version of pipecast (format " +
                             std::to_string(version) + "; this library reads formats up to " +
                             std::to_string(max_version) + ")");
  const std::uint64_t length = get_le(head, kLengthAt, 8);
  const std::uint64_t found = total - kSealedHeaderSize;
  if (length > found)
    refuse(origin, what, "is truncated: header says " + std::to_string(length) +
                             " bytes of payload, found " + std::to_string(found));
  if (length < found)
    refuse(origin, what, "is damaged: " + std::to_string(found - length) +
                             " trailing bytes after its payload");
  return {version, static_cast<std::uint8_t>(head[kKindAt]), length};
}

void check_contents(std::string_view head, std::string_view payload, std::string_view what,
                    std::string_view origin) {
  if (sealed_checksum(head.substr(0, kChecksumAt), payload) != get_le(head, kChecksumAt, 8))
    refuse(origin, what, "is damaged: checksum mismatch");
  if (get_le(head, kReservedAt, 3) != 0) refuse(origin, what, "is damaged: reserved bytes are set");
}

[[noreturn]] void os_failure(const std::string& failure, int error) {
  throw std::system_error(error, std::generic_category(), failure);
}

// Closes the descriptor it owns.
class Descriptor {
 public:
  explicit Descriptor(int fd = -1) : fd_(fd) {}
  Descriptor(const Descriptor&) = delete;
  Descriptor& operator=(const Descriptor&) = delete;
  ~Descriptor() {
    if (fd_ >= 0) ::close(fd_);
  }
  int get() const { return fd_; }
  int release() { return std::exchange(fd_, -1); }

 private:
  int fd_;
};

// Reads up to `size` bytes, fewer only at the end of the file.
std::size_t read_up_to(int fd, char* out, std::size_t size, const std::string& failure) {
  std::size_t done = 0;
  while (done < size) {
    const ssize_t n = ::read(fd, out + done, std::min(size - done, kMaxWrite));
    if (n == 0) break;
    if (n < 0) {
      if (errno == EINTR) continue;
      os_failure(failure, errno);
    }
    done += static_cast<std::size_t>(n);
  }
  return done;
}

std::uint64_t size_of(int fd, const std::string& failure) {
  struct stat status {};
  if (::fstat(fd, &status) != 0) os_failure(failure, errno);
  return static_cast<std::uint64_t>(std::max<off_t>(status.st_size, 0));
}

// --- Writing -----------------------------------------------------------------

void write_all(int fd, std::string_view bytes, const std::string& failure) {
  while (!bytes.empty()) {
    const ssize_t n = ::write(fd, bytes.data(), std::min(bytes.size(), kMaxWrite));
    if (n < 0 && errno == EINTR) continue;
    if (n <= 0) os_failure(failure, n < 0 ? errno : EIO);
    bytes.remove_prefix(static_cast<std::size_t>(n));
  }
}

// A new file beside the target, removed again unless it replaced the target.
// Created with O_EXCL under a random name, so two writers never share one.
class TemporaryFile {
 public:
  TemporaryFile(const fs::path& target, std::string failure) : failure_(std::move(failure)) {
    std::random_device random;
    // The target's name (shortened, to stay within NAME_MAX) tells a stray
    // temporary's origin; the leading dot hides it from listings.
    const std::string stem = target.filename().string().substr(0, 64);
    for (int attempt = 0; attempt < 100; ++attempt) {
      const auto tag = (std::uint64_t{random()} << 32) | random();
      path_ = target.parent_path() / ("." + stem + "." + to_hex(tag) + ".tmp");
      const int fd = ::open(path_.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0666);
      if (fd >= 0) {
        fd_ = fd;
        return;
      }
      if (errno != EEXIST) os_failure(failure_, errno);
    }
    os_failure(failure_, EEXIST);
  }
  TemporaryFile(const TemporaryFile&) = delete;
  TemporaryFile& operator=(const TemporaryFile&) = delete;
  ~TemporaryFile() {
    if (fd_ >= 0) ::close(fd_);
    if (!renamed_) ::unlink(path_.c_str());
  }

  void write(std::string_view bytes) { write_all(fd_, bytes, failure_); }

  // Data reaches the disk before the rename, so a crash leaves either the old
  // file or the whole new one, never a torn one.
  void replace(const fs::path& target) {
    if (::fsync(fd_) != 0) os_failure(failure_, errno);
    const int fd = std::exchange(fd_, -1);
    if (::close(fd) != 0) os_failure(failure_, errno);
    if (::rename(path_.c_str(), target.c_str()) != 0) os_failure(failure_, errno);
    renamed_ = true;
  }

 private:
  static std::string to_hex(std::uint64_t value) {
    static constexpr char kDigits[] = "0123456789abcdef";
    std::string hex(16, '0');
    for (std::size_t i = 16; i-- > 0; value >>= 4) hex[i] = kDigits[value & 0xF];
    return hex;
  }

  std::string failure_;
  fs::path path_;
  int fd_ = -1;
  bool renamed_ = false;
};

// Makes the rename itself durable.  Best effort: the new file is already in
// place, and some file systems refuse to sync a directory.
void sync_directory(const fs::path& target) {
  const fs::path parent = target.parent_path();
  Descriptor dir(::open(parent.empty() ? "." : parent.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC));
  if (dir.get() >= 0) ::fsync(dir.get());
}

}  // namespace

std::uint64_t sealed_checksum(std::string_view header_fields, std::string_view payload) {
  Crc64 crc;
  crc.process_bytes(header_fields.data(), header_fields.size());
  crc.process_bytes(payload.data(), payload.size());
  return crc.checksum();
}

std::string sealed_bytes(std::string_view magic, std::uint32_t format_version,
                         std::uint8_t payload_kind, std::string_view payload) {
  const Header header = encode_header(magic, format_version, payload_kind, payload);
  std::string bytes;
  bytes.reserve(header.size() + payload.size());
  bytes.append(header.data(), header.size());
  bytes.append(payload);
  return bytes;
}

void write_sealed_file(const fs::path& path, std::string_view magic, std::uint32_t format_version,
                       std::uint8_t payload_kind, std::string_view payload, std::string_view what) {
  const Header header = encode_header(magic, format_version, payload_kind, payload);
  const std::string failure = "cannot write " + std::string(what) + " " + path.string();
  TemporaryFile temporary(path, failure);
  temporary.write({header.data(), header.size()});
  temporary.write(payload);
  temporary.replace(path);
  sync_directory(path);
}

SealedView parse_sealed_bytes(std::string_view bytes, std::string_view magic,
                              std::uint32_t max_version, std::string_view what,
                              std::string_view origin) {
  const std::string_view head = bytes.substr(0, std::min(bytes.size(), kSealedHeaderSize));
  const Frame frame = check_frame(head, bytes.size(), magic, max_version, what, origin);
  const std::string_view payload = bytes.substr(kSealedHeaderSize);
  check_contents(head, payload, what, origin);
  return {frame.version, frame.kind, payload};
}

SealedPayload read_sealed_file(const fs::path& path, std::string_view magic,
                               std::uint32_t max_version, std::string_view what) {
  const std::string shown = path.string();
  Descriptor file(::open(path.c_str(), O_RDONLY | O_CLOEXEC));
  if (file.get() < 0) os_failure("cannot open " + shown, errno);
  const std::string failure = "cannot read " + shown;
  const std::uint64_t size = size_of(file.get(), failure);
  Header head{};
  const std::size_t wanted = static_cast<std::size_t>(std::min<std::uint64_t>(size, head.size()));
  const std::size_t got = read_up_to(file.get(), head.data(), wanted, failure);
  const std::string_view head_view(head.data(), got);
  // A file that shrank since fstat is judged by what could be read.
  const Frame frame = check_frame(head_view, got < wanted ? got : size, magic, max_version, what, shown);
  // The length is now known to match the file's size: safe to allocate.
  SealedPayload result{frame.version, frame.kind, std::string(frame.length, '\0')};
  const std::size_t read = read_up_to(file.get(), result.payload.data(), frame.length, failure);
  if (read < frame.length)
    refuse(shown, what, "is truncated: header says " + std::to_string(frame.length) +
                            " bytes of payload, found " + std::to_string(read));
  check_contents(head_view, result.payload, what, shown);
  return result;
}

}  // namespace pipecast
