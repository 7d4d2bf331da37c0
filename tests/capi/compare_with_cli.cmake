# cmake -DCLI=pipecast -DCAPI_TEST=capi_test -DBOOK=DIR|synth -DWORK_DIR=... -P compare_with_cli.cmake
#
# The C ABI's report and lead plan JSON must be the CLI's, byte for byte:
# one engine, two doors.  BOOK=synth makes a synthetic book first (every
# analysis then has something to say: cross-sell pairs, patterns, trends).
foreach(var CLI CAPI_TEST BOOK WORK_DIR)
  if(NOT DEFINED ${var})
    message(FATAL_ERROR "compare_with_cli.cmake: ${var} is not set")
  endif()
endforeach()

function(run)
  execute_process(COMMAND ${ARGN} RESULT_VARIABLE result OUTPUT_VARIABLE out ERROR_VARIABLE err)
  if(NOT result EQUAL 0)
    list(JOIN ARGN " " command)
    message(FATAL_ERROR "failed (${result}): ${command}\n${out}${err}")
  endif()
endfunction()

file(REMOVE_RECURSE ${WORK_DIR})
file(MAKE_DIRECTORY ${WORK_DIR})
set(book ${BOOK})
if(BOOK STREQUAL "synth")
  set(book ${WORK_DIR}/book)
  run(${CLI} synth ${book} --deals 3000 --seed 11)
endif()

foreach(kind report plan)
  set(cli_json ${WORK_DIR}/cli-${kind}.json)
  if(kind STREQUAL "report")
    execute_process(COMMAND ${CLI} report ${book} --format json OUTPUT_FILE ${cli_json} RESULT_VARIABLE r)
  else()
    execute_process(COMMAND ${CLI} plan ${book} --target 100000 --format json OUTPUT_FILE ${cli_json} RESULT_VARIABLE r)
  endif()
  if(NOT r EQUAL 0)
    message(FATAL_ERROR "${CLI} ${kind} failed (${r})")
  endif()
  run(${CAPI_TEST} ${kind}-json ${book} ${WORK_DIR}/capi-${kind}.json)
  file(READ ${cli_json} expected)
  file(READ ${WORK_DIR}/capi-${kind}.json got)
  if(NOT expected STREQUAL got)
    message(FATAL_ERROR "the C ABI's ${kind} JSON differs from the CLI's: compare ${cli_json} and "
                        "${WORK_DIR}/capi-${kind}.json")
  endif()
  string(LENGTH "${got}" length)
  message(STATUS "${kind}: ${length} bytes of JSON, identical to the CLI's")
endforeach()
