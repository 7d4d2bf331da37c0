# cmake -DCLI=pipecast -DCAPI_TEST=capi_test -DWORK_DIR=... -P compare_forecast_with_cli.cmake
#
# The C ABI's scores and forecast JSON must be the CLI's, byte for byte, on
# a synthetic book: the same model fitted the same way scores every deal the
# same, and the same seed simulates the same futures.
foreach(var CLI CAPI_TEST WORK_DIR)
  if(NOT DEFINED ${var})
    message(FATAL_ERROR "compare_forecast_with_cli.cmake: ${var} is not set")
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
set(book ${WORK_DIR}/book)
run(${CLI} synth ${book} --deals 3000 --seed 11)

# Arguments of the CLI; capi_test's score-json and forecast-json do the same.
set(score_args score ${book} --model logistic --format json)
set(forecast_args forecast ${book} --model markov --period 2025-Q1 --periods 2 --trials 2000 --seed 5 --format json)

foreach(kind score forecast)
  set(cli_json ${WORK_DIR}/cli-${kind}.json)
  execute_process(COMMAND ${CLI} ${${kind}_args} OUTPUT_FILE ${cli_json} RESULT_VARIABLE r)
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
