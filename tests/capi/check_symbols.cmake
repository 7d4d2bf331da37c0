# cmake -DNM=... -DLIBRARY=libpipecast.so -DHEADER=pipecast.h -P check_symbols.cmake
#
# The shared library must export exactly the functions pipecast.h declares:
# nothing else (no C++ or third-party symbols a host could clash with), and
# nothing missing (a declared function without a definition).
foreach(var NM LIBRARY HEADER)
  if(NOT DEFINED ${var})
    message(FATAL_ERROR "check_symbols.cmake: ${var} is not set")
  endif()
endforeach()

execute_process(COMMAND ${NM} -D --defined-only ${LIBRARY}
  OUTPUT_VARIABLE listing ERROR_VARIABLE errors RESULT_VARIABLE result)
if(NOT result EQUAL 0)
  message(FATAL_ERROR "${NM} failed on ${LIBRARY}: ${errors}")
endif()

set(exported "")
string(REPLACE "\n" ";" lines "${listing}")
foreach(line IN LISTS lines)
  # "<address> <type> <name>[@version]"; absolute (A) entries name version nodes.
  if(line MATCHES "^[0-9a-fA-F]* *([A-Za-z]) ([^@ ]+)")
    if(NOT CMAKE_MATCH_1 STREQUAL "A")
      list(APPEND exported ${CMAKE_MATCH_2})
    endif()
  endif()
endforeach()
list(SORT exported)

file(READ ${HEADER} header)
string(REGEX MATCHALL "PIPECAST_API[^;(]*[ *]pipecast_[a-z0-9_]+\\(" declarations "${header}")
set(declared "")
foreach(declaration IN LISTS declarations)
  string(REGEX MATCH "pipecast_[a-z0-9_]+" name "${declaration}")
  list(APPEND declared ${name})
endforeach()
list(SORT declared)

set(unexpected ${exported})
list(REMOVE_ITEM unexpected ${declared})
set(missing ${declared})
list(REMOVE_ITEM missing ${exported})
if(unexpected OR missing)
  list(JOIN unexpected "\n  " unexpected_text)
  list(JOIN missing "\n  " missing_text)
  message(FATAL_ERROR "${LIBRARY}\nexported but not declared in pipecast.h:\n  ${unexpected_text}\n"
                      "declared but not exported:\n  ${missing_text}")
endif()
list(LENGTH exported count)
list(JOIN exported " " names)
message(STATUS "${count} symbols exported, all declared in pipecast.h: ${names}")
