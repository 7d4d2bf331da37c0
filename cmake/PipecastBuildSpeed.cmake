# Build speed for the cold builds that make runs (make test builds three times
# on two cores).
#
# PIPECAST_UNITY_BUILD=ON compiles each target's sources in batches of
# PIPECAST_UNITY_BATCH_SIZE files: the heavy headers (Boost.Date_Time,
# nlohmann/json, Eigen, GoogleTest) are parsed once per batch instead of once
# per file.  Off by default, so that editing one file recompiles one file;
# the Makefile turns it on (UNITY=OFF leaves it off).  Every source must keep its
# file-local names unique across its target (a unity build fails otherwise).
#
# PIPECAST_DEBUG_INFO=lines (-g1) keeps file:line in stack traces and
# sanitizer reports, without type descriptions, which are most of the
# objects' size and of the assembler's time.  The C ABI library of the plain
# build keeps full debug info: its ABI check (capi/abi) reads the types.
option(PIPECAST_UNITY_BUILD "Compile each target's sources in unity batches" OFF)
set(PIPECAST_UNITY_BATCH_SIZE 12 CACHE STRING "Sources per unity batch")
set(PIPECAST_DEBUG_INFO "full" CACHE STRING "Debug info of builds that have it: full (-g) or lines (-g1)")
set_property(CACHE PIPECAST_DEBUG_INFO PROPERTY STRINGS full lines)

if(PIPECAST_UNITY_BUILD)
  set(CMAKE_UNITY_BUILD ON)
  set(CMAKE_UNITY_BUILD_BATCH_SIZE ${PIPECAST_UNITY_BATCH_SIZE})
endif()

# pipecast_balance_unity_batches(target): unity batches of even size, none
# above PIPECAST_UNITY_BATCH_SIZE + 4, for a target whose sources are all
# added: 13 files make one batch, not 12 + 1, and 31 make two of 16 and 15,
# not 12 + 12 + 7 (each batch parses the heavy headers once).
function(pipecast_balance_unity_batches target)
  get_target_property(sources ${target} SOURCES)
  list(FILTER sources INCLUDE REGEX "\\.cpp$")
  list(LENGTH sources count)
  math(EXPR most "${PIPECAST_UNITY_BATCH_SIZE} + 4")
  math(EXPR batches "(${count} + ${most} - 1) / ${most}")
  if(batches GREATER 0)
    math(EXPR size "(${count} + ${batches} - 1) / ${batches}")
    set_target_properties(${target} PROPERTIES UNITY_BUILD_BATCH_SIZE ${size})
  endif()
endfunction()

if(PIPECAST_DEBUG_INFO STREQUAL "lines")
  foreach(lang C CXX)
    foreach(config RELWITHDEBINFO DEBUG)
      string(REGEX REPLACE "(^| )-g( |$)" "\\1-g1\\2" CMAKE_${lang}_FLAGS_${config} "${CMAKE_${lang}_FLAGS_${config}}")
    endforeach()
  endforeach()
elseif(NOT PIPECAST_DEBUG_INFO STREQUAL "full")
  message(FATAL_ERROR "PIPECAST_DEBUG_INFO must be full or lines, not '${PIPECAST_DEBUG_INFO}'")
endif()

# lld links the test programs, each carrying the whole static library, in a
# fraction of GNU ld's time; used where the compiler accepts it.
include(CheckLinkerFlag)
check_linker_flag(CXX "-fuse-ld=lld" PIPECAST_HAVE_LLD)
option(PIPECAST_USE_LLD "Link with lld where it is installed" ON)
if(PIPECAST_USE_LLD AND PIPECAST_HAVE_LLD)
  add_link_options(-fuse-ld=lld)
endif()

# Code whose own speed no test waits for is compiled at -O0, so that the
# optimiser spends its time on the library only (measured on one unity batch:
# GCC, core_tests 24.7 s at -O1 and 20.1 s at -O0; clang with ASan+UBSan, the
# CLI 19.5 s and 9.1 s, the C ABI 16.1 s and 9.0 s).  The library itself
# keeps the build type's level: the tests spend their time in it.
#
# pipecast_set_test_code_options(target): test programs, thousands of
# assertion macros, at -O0 in every build.
function(pipecast_set_test_code_options target)
  if(CMAKE_CXX_COMPILER_ID MATCHES "GNU|Clang" AND CMAKE_BUILD_TYPE MATCHES "^(Release|RelWithDebInfo)$")
    target_compile_options(${target} PRIVATE -O0)
  endif()
endfunction()

# pipecast_set_client_code_options(target): the CLI and the C ABI, thin
# layers over the library, and the render layer, whose text the tests compare
# rather than time: at -O0 in the sanitizer builds only (the plain build is
# the one users install and benchmark).
function(pipecast_set_client_code_options target)
  if(PIPECAST_SANITIZE)
    pipecast_set_test_code_options(${target})
  endif()
endfunction()
