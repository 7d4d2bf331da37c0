# cmake -DOBJDUMP=... -DLIBRARY=libpipecast.so.X.Y.Z -DEXPECTED=libpipecast.so.N -P check_soname.cmake
#
# Hosts link against the SONAME: it must carry the ABI version, and the
# symlink of that name must point at the library.
execute_process(COMMAND ${OBJDUMP} -p ${LIBRARY}
  OUTPUT_VARIABLE headers ERROR_VARIABLE errors RESULT_VARIABLE result)
if(NOT result EQUAL 0)
  message(FATAL_ERROR "${OBJDUMP} failed on ${LIBRARY}: ${errors}")
endif()
if(NOT headers MATCHES "SONAME +([^\n]+)")
  message(FATAL_ERROR "${LIBRARY} has no SONAME")
endif()
set(soname "${CMAKE_MATCH_1}")
if(NOT soname STREQUAL EXPECTED)
  message(FATAL_ERROR "${LIBRARY}: SONAME is ${soname}, expected ${EXPECTED}")
endif()
get_filename_component(directory ${LIBRARY} DIRECTORY)
get_filename_component(link_target ${directory}/${soname} REALPATH)
get_filename_component(library_path ${LIBRARY} REALPATH)
if(NOT link_target STREQUAL library_path)
  message(FATAL_ERROR "${directory}/${soname} does not lead to ${LIBRARY}")
endif()
message(STATUS "SONAME ${soname}")
