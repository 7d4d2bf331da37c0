// libFuzzer's two entry points for pipecast_fuzz: the target is chosen once,
// by the name the program was started under (see fuzz_target.hpp).
#include "fuzz_target.hpp"

#include <cstdio>
#include <cstdlib>
#include <string_view>

namespace pipecast::fuzz {
namespace {

using Target = int (*)(const std::uint8_t*, std::size_t);

struct NamedTarget {
  std::string_view name;
  Target run;
};

constexpr NamedTarget kTargets[] = {
#define PIPECAST_FUZZ_ENTRY(name) {#name, &targets::name},
#include "fuzz_targets.inc"
#undef PIPECAST_FUZZ_ENTRY
};

// libFuzzer's C interface passes no context from the one call to the other.
Target chosen_target = nullptr;

std::string_view file_name(std::string_view path) {
  const auto slash = path.rfind('/');
  return slash == std::string_view::npos ? path : path.substr(slash + 1);
}

}  // namespace
}  // namespace pipecast::fuzz

extern "C" int LLVMFuzzerInitialize(int* argc, char*** argv) {
  using namespace pipecast::fuzz;
  const std::string_view program = *argc > 0 ? file_name((*argv)[0]) : std::string_view();
  for (const NamedTarget& target : kTargets)
    if (target.name == program) chosen_target = target.run;
  if (chosen_target == nullptr) {
    std::fprintf(stderr, "pipecast_fuzz: started as '%.*s', which names no fuzz target; run it as one of:",
                 static_cast<int>(program.size()), program.data());
    for (const NamedTarget& target : kTargets)
      std::fprintf(stderr, " %.*s", static_cast<int>(target.name.size()), target.name.data());
    std::fprintf(stderr, " (links to pipecast_fuzz, made by the build)\n");
    std::exit(2);
  }
  return 0;
}

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  return pipecast::fuzz::chosen_target(data, size);
}
