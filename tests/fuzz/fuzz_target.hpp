// One fuzz program, many targets.  Every fuzz_NAME.cpp here but the C ABI's
// (fuzz_capi_*.cpp, whole programs that see only pipecast.h) defines its
// target with PIPECAST_FUZZ_TARGET(fuzz_NAME, data, size) { ... } instead of
// LLVMFuzzerTestOneInput.  They are linked into one program, pipecast_fuzz,
// which runs the target named by the file name it was started under: the
// build links fuzz_NAME to it, so `fuzz_NAME [libFuzzer options]` works as a
// program of its own would.  One program instead of eleven: the library's
// headers are compiled once for all of them (see cmake/PipecastBuildSpeed.cmake).
#pragma once

#include <cstddef>
#include <cstdint>

/// The definition of a target: returns 0, as libFuzzer requires.
#define PIPECAST_FUZZ_TARGET(name, data, size) \
  int pipecast::fuzz::targets::name(const std::uint8_t* data, std::size_t size)

namespace pipecast::fuzz::targets {
// fuzz_targets.inc, written by tests/fuzz/CMakeLists.txt: one
// PIPECAST_FUZZ_ENTRY(fuzz_NAME) line per target.
#define PIPECAST_FUZZ_ENTRY(name) int name(const std::uint8_t* data, std::size_t size);
#include "fuzz_targets.inc"
#undef PIPECAST_FUZZ_ENTRY
}  // namespace pipecast::fuzz::targets
