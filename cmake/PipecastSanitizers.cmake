# PIPECAST_SANITIZE=address,undefined (or thread) instruments every target
# of the build; make test uses separate build folders for it (build-asan,
# build-tsan).
#
# PIPECAST_BUILD_FUZZERS=ON (clang only) builds the libFuzzer targets of
# tests/fuzz: the code they drive gets coverage instrumentation
# (-fsanitize=fuzzer-no-link), every target but those that
# pipecast_without_fuzz_coverage names, and, unless PIPECAST_SANITIZE says
# otherwise, AddressSanitizer and UBSan, so that a fuzzer stops at the first
# memory error or undefined behaviour.
if(PIPECAST_BUILD_FUZZERS)
  if(NOT CMAKE_CXX_COMPILER_ID STREQUAL "Clang")
    message(FATAL_ERROR "PIPECAST_BUILD_FUZZERS needs clang (libFuzzer): "
                        "configure with CC=clang CXX=clang++ in a fresh build folder")
  endif()
  if(NOT PIPECAST_SANITIZE)
    set(PIPECAST_SANITIZE "address,undefined")
  endif()
  # full: libFuzzer's own choice (edges, and every comparison traced, which
  # lets it solve the comparisons in the input); edges: the edge counters
  # alone.  make test's ASan build, which also runs every other suite, uses
  # edges: tracing every comparison doubled the numeric tests' time there.
  set(PIPECAST_FUZZ_COVERAGE "full" CACHE STRING "Coverage for libFuzzer: full or edges")
  if(PIPECAST_FUZZ_COVERAGE STREQUAL "full")
    add_compile_options(-fsanitize=fuzzer-no-link)
  elseif(PIPECAST_FUZZ_COVERAGE STREQUAL "edges")
    add_compile_options(-fsanitize-coverage=inline-8bit-counters,pc-table)
  else()
    message(FATAL_ERROR "PIPECAST_FUZZ_COVERAGE must be full or edges, not '${PIPECAST_FUZZ_COVERAGE}'")
  endif()
endif()

# pipecast_without_fuzz_coverage(target): no coverage counters in code that
# no fuzzer drives (the GoogleTest programs, the CLI).  They guide nothing
# there, and cost each test program's unity batch about 2 s of compiling
# under ASan+UBSan (measured: render_tests 17.1 -> 15.0 s) and each test
# its counting.
function(pipecast_without_fuzz_coverage target)
  if(NOT PIPECAST_BUILD_FUZZERS)
    return()
  endif()
  if(PIPECAST_FUZZ_COVERAGE STREQUAL "full")
    target_compile_options(${target} PRIVATE -fno-sanitize=fuzzer-no-link)
  else()
    target_compile_options(${target} PRIVATE -fno-sanitize-coverage=inline-8bit-counters,pc-table)
  endif()
endfunction()

if(PIPECAST_SANITIZE)
  string(REPLACE "," ";" _pipecast_sanitizers "${PIPECAST_SANITIZE}")
  foreach(_sanitizer IN LISTS _pipecast_sanitizers)
    add_compile_options(-fsanitize=${_sanitizer})
    add_link_options(-fsanitize=${_sanitizer})
  endforeach()
  add_compile_options(-fno-omit-frame-pointer -fno-sanitize-recover=all)
  # ASan's executables are linked without PIE: a process then does not
  # relocate the instrumented globals' descriptors each time it starts
  # (measured, benchmarks/README.md "The build loop": pipecast --version
  # 105 -> 90 ms; the CLI script starts it some 390 times).
  if(PIPECAST_SANITIZE MATCHES "address")
    add_link_options($<$<STREQUAL:$<TARGET_PROPERTY:TYPE>,EXECUTABLE>:-no-pie>)
  endif()
  # GCC's flow analysis sees the sanitizers' instrumentation and reports
  # -Wmaybe-uninitialized in code that is fine (libstdc++'s <regex> under
  # ASan, for one); GCC's manual warns of such false positives.  The plain
  # build keeps the warning, fatal in CI.
  if(CMAKE_CXX_COMPILER_ID STREQUAL "GNU")
    add_compile_options(-Wno-maybe-uninitialized)
  endif()
endif()
