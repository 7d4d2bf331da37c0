# The C ABI against its committed baseline, with libabigail.
#
#   cmake -DMODE=check  -DABIDIFF=... -DLIBRARY=... -DSOURCE_DIR=... -P abi.cmake
#   cmake -DMODE=update -DABIDW=...   -DLIBRARY=... -DSOURCE_DIR=... -DBINARY_DIR=... -P abi.cmake
#
# check: abidiff between capi/abi/libpipecast.abi and the library just built;
#   any difference fails, additions included, so that every change of the ABI
#   is a deliberate update of the baseline (make abi-baseline), reviewed in
#   its diff.  Without abidiff (Debian: abigail-tools) the check is skipped.
# update: writes the baseline from the library (which needs debug info: a
#   RelWithDebInfo or Debug build), with the build paths taken out so the
#   file does not depend on where the tree was checked out.
set(baseline ${SOURCE_DIR}/capi/abi/libpipecast.abi)
set(suppressions ${SOURCE_DIR}/capi/abi/pipecast.suppr)
set(headers ${SOURCE_DIR}/capi/include)

if(MODE STREQUAL "check")
  if(NOT ABIDIFF)
    message(STATUS "abidiff is not installed (Debian package abigail-tools): ABI check skipped")
    return()
  endif()
  execute_process(
    COMMAND ${ABIDIFF} --suppressions ${suppressions} ${baseline} ${LIBRARY}
    RESULT_VARIABLE result OUTPUT_VARIABLE report ERROR_VARIABLE report)
  if(NOT result EQUAL 0)
    message(FATAL_ERROR
      "${LIBRARY} differs from the ABI baseline capi/abi/libpipecast.abi (abidiff exit ${result}):\n"
      "${report}\n"
      "If this change is meant (only ever additions within one SOVERSION), run `make abi-baseline` "
      "and commit capi/abi/libpipecast.abi with the change; otherwise restore the ABI.")
  endif()
  message(STATUS "libpipecast.so matches its ABI baseline")
elseif(MODE STREQUAL "update")
  if(NOT ABIDW)
    message(FATAL_ERROR "abidw is not installed (Debian package abigail-tools)")
  endif()
  execute_process(
    COMMAND ${ABIDW} --headers-dir ${headers} --suppressions ${suppressions} --drop-undefined-syms
            --no-corpus-path --no-show-locs --type-id-style hash ${LIBRARY}
    RESULT_VARIABLE result OUTPUT_VARIABLE abi ERROR_VARIABLE errors)
  if(NOT result EQUAL 0)
    message(FATAL_ERROR "abidw failed on ${LIBRARY}: ${errors}")
  endif()
  if(NOT abi MATCHES "<class-decl name='pipecast_counts'")
    message(FATAL_ERROR "${LIBRARY} has no debug info for pipecast.h's types: build it as RelWithDebInfo or Debug")
  endif()
  string(REPLACE "${BINARY_DIR}/" "" abi "${abi}")
  string(REPLACE "${SOURCE_DIR}/" "" abi "${abi}")
  file(WRITE ${baseline} "${abi}")
  message(STATUS "wrote ${baseline}: review `git diff capi/abi` and commit it with the change")
else()
  message(FATAL_ERROR "abi.cmake: MODE must be check or update")
endif()
