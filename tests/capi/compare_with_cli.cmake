# cmake -DCLI=pipecast -DCAPI_TEST=capi_test -DBOOK=DIR|synth -DKINDS=report,plan -DWORK_DIR=... \
#       -P compare_with_cli.cmake
#
# The C ABI's JSON must be the CLI's, byte for byte: one engine, two doors.
# KINDS, comma-separated, are among report, plan, score, forecast, backtest, score-no-activities and
# backtest-no-activities (capi_test's KIND-json commands
# call the C ABI with the arguments given to the CLI below).  BOOK=synth
# makes a synthetic book first (every analysis then has something to say:
# cross-sell pairs, patterns, trends; models have history to fit).
foreach(var CLI CAPI_TEST BOOK KINDS WORK_DIR)
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

set(report_args report ${book} --format json)
set(plan_args plan ${book} --target 100000 --format json)
set(score_args score ${book} --model logistic --format json)
set(forecast_args forecast ${book} --model markov --period 2025-Q1 --periods 2 --trials 2000 --seed 5
                  --format json)
set(backtest_args backtest ${book} --from 2024-06-30 --to 2024-08-31 --models markov --trials 200 --format json)
set(score-no-activities_args score ${book} --model logistic --no-activities --format json)
set(backtest-no-activities_args backtest ${book} --from 2024-08-31 --to 2024-08-31 --models logistic --trials 200
                                --no-activities --format json)

string(REPLACE "," ";" kinds "${KINDS}")
foreach(kind IN LISTS kinds)
  if(NOT DEFINED ${kind}_args)
    message(FATAL_ERROR "compare_with_cli.cmake: unknown kind '${kind}'")
  endif()
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
