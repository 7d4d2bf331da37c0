// Faults while a file is written: the writer killed midway, the disk full,
// the folder read-only, the kernel failing a write, an fsync or the rename.
// Whatever happens, the previous file stays as it was (it still loads, to the
// same book) and the error names the file and the system's reason.
//
// Every fault is staged in a forked child, because the means are per process
// (a file size limit, a seccomp filter, a mount namespace, a user id) or kill
// the process; the child reports back through a pipe.  Snapshots and fitted
// models are the persisted files; a new kind is one more entry in
// persisted_kinds(), and every test here runs for it.
//
// Damaged files on the way in (truncated, bit-flipped, crafted) are tested in
// snapshot_test.cpp (EveryTruncationIsRefused, EveryFlippedBitIsRefused, ...).
#include "pipecast/core/book_builder.hpp"
#include "pipecast/forecast/model_file.hpp"
#include "pipecast/storage/snapshot.hpp"
#include "pipecast/synth/synthetic_book.hpp"

#include <gtest/gtest.h>

#include <fcntl.h>
#include <linux/audit.h>
#include <linux/filter.h>
#include <linux/seccomp.h>
#include <sched.h>
#include <sys/mount.h>
#include <sys/prctl.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <sys/statvfs.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <chrono>
#include <csignal>
#include <cstddef>
#include <cstdint>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <functional>
#include <random>
#include <ostream>
#include <string>
#include <thread>
#include <vector>

namespace pipecast {
// Named for the file: a unity build compiles the files of a program as one.
namespace fault_test {
namespace {

namespace fs = std::filesystem;

// --- What is persisted ---------------------------------------------------------

// A kind of file the library writes atomically, with a small and a large
// content: the small one is on disk before each fault, the large one is being
// written when it strikes.
struct PersistedKind {
  std::string name;
  std::function<void(const fs::path&, bool large)> save;
  // "" when the file at `path` holds the small (or, with large, the large)
  // content; otherwise what is wrong with it.
  std::function<std::string(const fs::path&, bool large)> check;
};

// Its name, where GoogleTest (and so CTest's test names) would print bytes.
void PrintTo(const PersistedKind& kind, std::ostream* out) { *out << kind.name; }

const Book& small_book() {
  static const Book book = [] {
    BookBuilder b;
    b.add_stage({"Sales", "Lead", 1, 0.2, StageKind::open, ""});
    b.add_stage({"Sales", "Won", 2, 1.0, StageKind::won, ""});
    b.add_opportunity({"D1", "Sales", "Acme", "Ann", "Widget", "Web", "SMB", 100.0, "", to_day(2024, 1, 2),
                       kNoDay, "Lead", {}});
    return std::move(b).finish();
  }();
  return book;
}

// About 1.5 MB as a text snapshot: a write takes long enough to be interrupted.
const Book& large_book() {
  static const Book book = generate_synthetic_book({.deals = 5'000, .seed = 9}).book;
  return book;
}

// A few hundred kilobytes as a file: the markov model's tables by day.
const FittedModel& large_model() {
  static const FittedModel model = fit_model("markov", large_book(), large_book().latest_day());
  return model;
}

const FittedModel& small_model() {
  static const FittedModel model = fit_model("crm", small_book(), small_book().latest_day());
  return model;
}

std::vector<PersistedKind> persisted_kinds() {
  return {
      {"Snapshot",
       [](const fs::path& path, bool large) {
         save_snapshot(large ? large_book() : small_book(), path, SnapshotFormat::text);
       },
       [](const fs::path& path, bool large) -> std::string {
         try {
           return load_snapshot(path) == (large ? large_book() : small_book()) ? "" : "another book";
         } catch (const std::exception& e) {
           return e.what();
         }
       }},
      {"Model",
       [](const fs::path& path, bool large) { save_model(large ? large_model() : small_model(), path); },
       [](const fs::path& path, bool large) -> std::string {
         try {
           return model_bytes(load_model(path)) == model_bytes(large ? large_model() : small_model())
                      ? ""
                      : "another model";
         } catch (const std::exception& e) {
           return e.what();
         }
       }},
  };
}

// --- Children ------------------------------------------------------------------

struct ChildOutcome {
  bool exited = false;
  int exit_code = -1;
  int signal = 0;
  std::string report;  // what the child wrote before it ended
};

constexpr int kSkip = 77;  // the child could not stage the fault here

// Runs `body` in a forked child.  It returns "" when all went as expected,
// else what did not; it may exit with kSkip after reporting why.
ChildOutcome in_child(const std::function<std::string()>& body) {
  int pipe_fds[2];
  if (::pipe(pipe_fds) != 0) throw std::system_error(errno, std::generic_category(), "pipe");
  const pid_t child = ::fork();
  if (child < 0) throw std::system_error(errno, std::generic_category(), "fork");
  if (child == 0) {
    // The report goes out on fd 1, which the seccomp filters below let through.
    ::close(pipe_fds[0]);
    ::dup2(pipe_fds[1], STDOUT_FILENO);
    ::close(pipe_fds[1]);
    int code = 0;
    std::string report;
    try {
      report = body();
      code = report.empty() ? 0 : 1;
    } catch (const std::exception& e) {
      report = std::string("unexpected exception: ") + e.what();
      code = 1;
    }
    if (report.starts_with("skip: ")) code = kSkip;
    (void)!::write(STDOUT_FILENO, report.data(), report.size());
    ::_exit(code);  // no atexit handlers, no gtest teardown in the child
  }
  ::close(pipe_fds[1]);
  ChildOutcome outcome;
  char buffer[4096];
  for (ssize_t n; (n = ::read(pipe_fds[0], buffer, sizeof buffer)) != 0;) {
    if (n < 0 && errno == EINTR) continue;
    if (n < 0) break;
    outcome.report.append(buffer, static_cast<std::size_t>(n));
  }
  ::close(pipe_fds[0]);
  int status = 0;
  while (::waitpid(child, &status, 0) < 0 && errno == EINTR) {
  }
  outcome.exited = WIFEXITED(status);
  outcome.exit_code = outcome.exited ? WEXITSTATUS(status) : -1;
  outcome.signal = WIFSIGNALED(status) ? WTERMSIG(status) : 0;
  return outcome;
}

// The outcome of a child that reports its own checks.
#define EXPECT_CHILD_PASSED(outcome)                                                   \
  do {                                                                                \
    const ChildOutcome& o_ = (outcome);                                               \
    if (o_.exited && o_.exit_code == kSkip) GTEST_SKIP() << o_.report;                \
    EXPECT_TRUE(o_.exited && o_.exit_code == 0)                                       \
        << "exit " << o_.exit_code << ", signal " << o_.signal << ": " << o_.report; \
  } while (0)

std::string message_of(const std::function<void()>& action) {
  try {
    action();
  } catch (const std::exception& e) {
    return e.what();
  }
  return "(no error)";
}

std::vector<std::string> listing(const fs::path& directory) {
  std::vector<std::string> names;
  for (const auto& entry : fs::directory_iterator(directory)) names.push_back(entry.path().filename());
  std::sort(names.begin(), names.end());
  return names;
}

// The checks every fault ends with, run where the fault is visible (in the
// child when it has its own mounts).  `expected` is the message's start.
std::string after_failed_write(const PersistedKind& kind, const fs::path& path, const std::string& message,
                               const std::string& expected) {
  std::string wrong;
  if (message != expected) wrong += "message '" + message + "', expected '" + expected + "'; ";
  if (const std::string bad = kind.check(path, false); !bad.empty()) wrong += "previous file: " + bad + "; ";
  if (listing(path.parent_path()) != std::vector<std::string>{path.filename()})
    wrong += "files left beside it: " + std::to_string(listing(path.parent_path()).size() - 1) + "; ";
  return wrong;
}

class Fault : public ::testing::TestWithParam<PersistedKind> {
 protected:
  void SetUp() override {
    const auto tag = std::to_string(::getpid()) + "_" + std::to_string(std::random_device{}());
    dir_ = fs::temp_directory_path() / ("pipecast_fault_test_" + tag);
    fs::create_directories(dir_);
    path_ = dir_ / "file.pc";
    (void)large_book();  // built before any fork, once
    (void)large_model();
    (void)small_model();
  }
  void TearDown() override {
    std::error_code ignored;
    fs::permissions(dir_, fs::perms::owner_all, fs::perm_options::add, ignored);
    fs::remove_all(dir_, ignored);
  }
  std::string failure(const std::string& reason) const {
    return "cannot write " + what() + " " + path_.string() + ": " + reason;
  }
  std::string what() const {
    std::string w = GetParam().name;
    std::transform(w.begin(), w.end(), w.begin(), [](unsigned char c) { return std::tolower(c); });
    return w;
  }

  fs::path dir_, path_;
};

// --- Killed midway -------------------------------------------------------------

// The kernel kills the writer when the file reaches the size limit (SIGXFSZ
// with its default action): a kill at a known point, half way through the
// temporary file.  The hidden temporary stays behind, as after a power cut;
// the next save is not disturbed by it.
TEST_P(Fault, AWriterKilledHalfWayLeavesThePreviousFile) {
  GetParam().save(path_, false);
  const auto size = fs::file_size(path_);
  const ChildOutcome outcome = in_child([&] {
    const rlimit no_core{0, 0};
    ::setrlimit(RLIMIT_CORE, &no_core);
    const rlimit limit{size + 4096, size + 4096};
    ::setrlimit(RLIMIT_FSIZE, &limit);
    GetParam().save(path_, true);
    return std::string("the write succeeded under the size limit");
  });
  ASSERT_EQ(outcome.signal, SIGXFSZ) << outcome.report;
  EXPECT_EQ(GetParam().check(path_, false), "");
  const auto files = listing(dir_);
  ASSERT_EQ(files.size(), 2u);
  EXPECT_EQ(files[1], path_.filename());
  EXPECT_TRUE(files[0].starts_with("." + path_.filename().string() + ".") && files[0].ends_with(".tmp"))
      << files[0];
  EXPECT_EQ(fs::file_size(dir_ / files[0]), size + 4096);

  GetParam().save(path_, true);
  EXPECT_EQ(GetParam().check(path_, true), "");
}

// SIGKILL at arbitrary moments of a loop of saves (spread over the time two
// saves take): every time, the file is one of the two whole versions, never
// a torn one.  A sample of moments; the kill at a known point is the test
// above.
TEST_P(Fault, WritersKilledAtRandomMomentsNeverLeaveATornFile) {
  const auto start = std::chrono::steady_clock::now();
  GetParam().save(path_, true);
  GetParam().save(path_, false);
  const auto two_saves = std::chrono::duration_cast<std::chrono::microseconds>(std::chrono::steady_clock::now() - start);
  std::mt19937 random(12345);
  std::uniform_int_distribution<long> delay_us(0, two_saves.count());
  for (int round = 0; round < 12; ++round) {
    int ready[2];
    ASSERT_EQ(::pipe(ready), 0);
    const pid_t child = ::fork();
    ASSERT_GE(child, 0);
    if (child == 0) {
      ::close(ready[0]);
      (void)!::write(ready[1], "r", 1);
      for (int i = 0;; ++i) GetParam().save(path_, i % 2 == 0);
    }
    ::close(ready[1]);
    char byte;
    ASSERT_EQ(::read(ready[0], &byte, 1), 1);  // the child is running
    ::close(ready[0]);
    std::this_thread::sleep_for(std::chrono::microseconds(delay_us(random)));
    ::kill(child, SIGKILL);
    int status = 0;
    ASSERT_EQ(::waitpid(child, &status, 0), child);
    ASSERT_TRUE(WIFSIGNALED(status));
    const std::string small = GetParam().check(path_, false);
    const std::string large = small.empty() ? "" : GetParam().check(path_, true);
    ASSERT_TRUE(small.empty() || large.empty()) << "round " << round << ": " << small << " / " << large;
  }
}

// --- Disk full -------------------------------------------------------------------

// Detaches the child's mounts from the rest of the system: as root, or as an
// unprivileged user through a user namespace.  "" when done.
std::string private_mounts() {
  const uid_t uid = ::geteuid();
  const gid_t gid = ::getegid();
  if (uid != 0) {
    if (::unshare(CLONE_NEWUSER | CLONE_NEWNS) != 0)
      return std::string("skip: no user namespace for a private mount: ") + std::strerror(errno);
    std::ofstream("/proc/self/setgroups") << "deny";
    std::ofstream("/proc/self/uid_map") << "0 " << uid << " 1";
    std::ofstream("/proc/self/gid_map") << "0 " << gid << " 1";
  } else if (::unshare(CLONE_NEWNS) != 0) {
    return std::string("skip: no mount namespace: ") + std::strerror(errno);
  }
  // Mounts made from here on stay in this namespace.
  if (::mount(nullptr, "/", nullptr, MS_REC | MS_PRIVATE, nullptr) != 0)
    return std::string("skip: cannot make mounts private: ") + std::strerror(errno);
  return "";
}

// A real full disk: a 256 KiB tmpfs mounted over the test's folder (in the
// child's own mount namespace, so nothing outside sees it), filled but for
// 16 KiB once the small content is on it, less than any large content.
TEST_P(Fault, ADiskFullKeepsThePreviousFileAndSaysSo) {
  const ChildOutcome outcome = in_child([&]() -> std::string {
    if (std::string why = private_mounts(); !why.empty()) return why;
    if (::mount("pipecast-test", dir_.c_str(), "tmpfs", 0, "size=256k") != 0)
      return std::string("skip: cannot mount a tmpfs: ") + std::strerror(errno);
    GetParam().save(path_, false);
    struct statvfs disk {};
    if (::statvfs(dir_.c_str(), &disk) != 0) return std::string("statvfs: ") + std::strerror(errno);
    const std::uint64_t free_bytes = std::uint64_t{disk.f_bavail} * disk.f_frsize;
    if (free_bytes > 16 * 1024) {
      std::ofstream filler(dir_ / "filler", std::ios::binary);
      filler << std::string(free_bytes - 16 * 1024, '\0');
      if (!filler.flush()) return "cannot fill the disk";
    }
    const std::string message = message_of([&] { GetParam().save(path_, true); });
    fs::remove(dir_ / "filler");  // not the writer's to clean up
    return after_failed_write(GetParam(), path_, message, failure("No space left on device"));
  });
  EXPECT_CHILD_PASSED(outcome);
}

// --- Read-only folder --------------------------------------------------------------

// A folder the writer may not write in.  Root ignores permissions, so as root
// the child gives up root first (to nobody), which brings them back.
TEST_P(Fault, AReadOnlyFolderKeepsThePreviousFileAndSaysSo) {
  GetParam().save(path_, false);
  fs::permissions(dir_, fs::perms::owner_read | fs::perms::owner_exec | fs::perms::group_read |
                            fs::perms::group_exec | fs::perms::others_read | fs::perms::others_exec);
  const ChildOutcome outcome = in_child([&]() -> std::string {
    if (::geteuid() == 0 && (::setgid(65534) != 0 || ::setuid(65534) != 0))
      return std::string("skip: cannot drop root: ") + std::strerror(errno);
    const std::string message = message_of([&] { GetParam().save(path_, true); });
    return after_failed_write(GetParam(), path_, message, failure("Permission denied"));
  });
  EXPECT_CHILD_PASSED(outcome);
}

// A file system mounted read-only (a bind mount of the folder, remounted
// read-only), which binds root too.
TEST_P(Fault, AReadOnlyFileSystemKeepsThePreviousFileAndSaysSo) {
  GetParam().save(path_, false);
  const ChildOutcome outcome = in_child([&]() -> std::string {
    if (std::string why = private_mounts(); !why.empty()) return why;
    if (::mount(dir_.c_str(), dir_.c_str(), nullptr, MS_BIND, nullptr) != 0 ||
        ::mount(nullptr, dir_.c_str(), nullptr, MS_BIND | MS_REMOUNT | MS_RDONLY, nullptr) != 0)
      return std::string("skip: cannot remount read-only: ") + std::strerror(errno);
    const std::string message = message_of([&] { GetParam().save(path_, true); });
    return after_failed_write(GetParam(), path_, message, failure("Read-only file system"));
  });
  EXPECT_CHILD_PASSED(outcome);
}

// --- The kernel failing one call -------------------------------------------------

// A seccomp filter makes one system call fail with `error` (for write, only
// on descriptors above 2, so the child can still report): each step of the
// write fails as it can on a real system (a full disk at write or at fsync
// on NFS, a failing device, a directory that cannot grow at the rename),
// wherever the test runs, with no privilege needed.
struct KernelFault {
  const char* name;
  std::vector<long> syscalls;
  int error;
};

std::string fail_syscalls(const KernelFault& fault) {
#if defined(__x86_64__)
  constexpr std::uint32_t kArch = AUDIT_ARCH_X86_64;
#elif defined(__aarch64__)
  constexpr std::uint32_t kArch = AUDIT_ARCH_AARCH64;
#else
  return "skip: no seccomp architecture constant for this machine";
#endif
  std::vector<sock_filter> program = {
      BPF_STMT(BPF_LD | BPF_W | BPF_ABS, offsetof(seccomp_data, arch)),
      BPF_JUMP(BPF_JMP | BPF_JEQ | BPF_K, kArch, 1, 0),
      BPF_STMT(BPF_RET | BPF_K, SECCOMP_RET_ALLOW),
      BPF_STMT(BPF_LD | BPF_W | BPF_ABS, offsetof(seccomp_data, nr)),
  };
  const auto fail = static_cast<std::uint32_t>(SECCOMP_RET_ERRNO | (fault.error & SECCOMP_RET_DATA));
  constexpr std::uint32_t kSmallWrite = 64;
  for (const long nr : fault.syscalls) {
    if (nr == SYS_write) {
      // write(fd >= 3, count > 64): fail; else allow.  Small writes pass:
      // clang's UBSan probes whether a vtable is readable by writing its 16
      // bytes into a pipe, and stops the process when that fails otherwise.
      // A file's 32-byte sealed header then passes and its payload fails, as
      // on a disk that fills up in the middle of the file.
      program.push_back(BPF_JUMP(BPF_JMP | BPF_JEQ | BPF_K, static_cast<std::uint32_t>(nr), 0, 6));
      program.push_back(BPF_STMT(BPF_LD | BPF_W | BPF_ABS, offsetof(seccomp_data, args[0])));
      program.push_back(BPF_JUMP(BPF_JMP | BPF_JGE | BPF_K, 3, 0, 3));
      program.push_back(BPF_STMT(BPF_LD | BPF_W | BPF_ABS, offsetof(seccomp_data, args[2])));
      program.push_back(BPF_JUMP(BPF_JMP | BPF_JGT | BPF_K, kSmallWrite, 0, 1));
      program.push_back(BPF_STMT(BPF_RET | BPF_K, fail));
      program.push_back(BPF_STMT(BPF_RET | BPF_K, SECCOMP_RET_ALLOW));
    } else {
      program.push_back(BPF_JUMP(BPF_JMP | BPF_JEQ | BPF_K, static_cast<std::uint32_t>(nr), 0, 1));
      program.push_back(BPF_STMT(BPF_RET | BPF_K, fail));
    }
  }
  program.push_back(BPF_STMT(BPF_RET | BPF_K, SECCOMP_RET_ALLOW));
  const sock_fprog filter{static_cast<unsigned short>(program.size()), program.data()};
  if (::prctl(PR_SET_NO_NEW_PRIVS, 1, 0, 0, 0) != 0 ||
      ::syscall(SYS_seccomp, SECCOMP_SET_MODE_FILTER, 0, &filter) != 0)
    return std::string("skip: cannot install a seccomp filter: ") + std::strerror(errno);
  return "";
}

TEST_P(Fault, KernelErrorsKeepThePreviousFileAndAreReported) {
  const KernelFault faults[] = {
      {"write", {SYS_write}, ENOSPC},
      {"fsync", {SYS_fsync}, EIO},
      {"rename",
       {
#ifdef SYS_rename
           SYS_rename,
#endif
           SYS_renameat, SYS_renameat2},
       ENOSPC},
  };
  GetParam().save(path_, false);
  for (const KernelFault& fault : faults) {
    SCOPED_TRACE(fault.name);
    const ChildOutcome outcome = in_child([&]() -> std::string {
      if (std::string why = fail_syscalls(fault); !why.empty()) return why;
      const std::string message = message_of([&] { GetParam().save(path_, true); });
      return after_failed_write(GetParam(), path_, message, failure(std::strerror(fault.error)));
    });
    EXPECT_CHILD_PASSED(outcome);
  }
}

INSTANTIATE_TEST_SUITE_P(Persisted, Fault, ::testing::ValuesIn(persisted_kinds()),
                         [](const auto& kind) { return kind.param.name; });

}  // namespace
}  // namespace fault_test
}  // namespace pipecast
