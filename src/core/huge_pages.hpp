// Large buffers backed by 2 MB pages where the system offers them.
#pragma once

#include <cstddef>
#include <cstdint>
#include <vector>

#ifdef __linux__
#include <sys/mman.h>
#endif

namespace pipecast {

/// Asks Linux to back the whole 2 MB pages inside a vector's reserved
/// storage with huge pages (transparent huge pages in "madvise" mode, the
/// Debian default).  Each first touch of a 4 KB page is a page fault, and on
/// a virtual machine faults were a sixth of the import of a million deals;
/// a huge page takes one fault for 512 of them.  Only a hint: elsewhere, or
/// when the system declines, nothing changes.
template <class T>
void advise_huge_pages(const std::vector<T>& reserved) {
#ifdef __linux__
  constexpr std::uintptr_t kHuge = std::uintptr_t{1} << 21;
  const auto start = reinterpret_cast<std::uintptr_t>(reserved.data());
  const std::uintptr_t begin = (start + kHuge - 1) & ~(kHuge - 1);
  const std::uintptr_t end = (start + reserved.capacity() * sizeof(T)) & ~(kHuge - 1);
  if (end > begin) madvise(reinterpret_cast<void*>(begin), end - begin, MADV_HUGEPAGE);
#else
  (void)reserved;
#endif
}

}  // namespace pipecast
