# cmake -DBUILD_DIR=... -DWORK_DIR=... -DCONSUMER_DIR=... [more -D, see below]
#       -P run_install_test.cmake
#
# Installs the build into WORK_DIR/prefix, checks the installed tree, builds
# and runs the consumer project against it (C and C++, then C alone without
# the C++ dependencies), and checks pipecast.pc (with pkg-config when present).
foreach(var BUILD_DIR WORK_DIR CONSUMER_DIR GENERATOR C_COMPILER CXX_COMPILER
            EXPECTED_VERSION EXPECTED_SONAME LIBDIR INCLUDEDIR)
  if(NOT DEFINED ${var} OR "${${var}}" STREQUAL "")
    message(FATAL_ERROR "run_install_test.cmake: ${var} is not set")
  endif()
endforeach()
if(NOT CONFIG)
  set(CONFIG Release)
endif()
set(prefix ${WORK_DIR}/prefix)

function(run)
  execute_process(COMMAND ${ARGN} RESULT_VARIABLE result OUTPUT_VARIABLE out ERROR_VARIABLE out)
  if(NOT result EQUAL 0)
    list(JOIN ARGN " " command)
    message(FATAL_ERROR "failed (${result}): ${command}\n${out}")
  endif()
endfunction()

function(require_file path)
  if(NOT EXISTS ${prefix}/${path})
    message(FATAL_ERROR "not installed: ${path}")
  endif()
endfunction()

# Sanitized builds need the consumer built the same way to load the library.
set(flags_args "")
if(SANITIZE)
  set(flags "-fsanitize=${SANITIZE}")
  set(flags_args -DCMAKE_C_FLAGS=${flags} -DCMAKE_CXX_FLAGS=${flags} -DCMAKE_EXE_LINKER_FLAGS=${flags})
endif()

function(build_consumer name)
  set(dir ${WORK_DIR}/${name})
  run(${CMAKE_COMMAND} -S ${CONSUMER_DIR} -B ${dir} -G ${GENERATOR}
      -DCMAKE_BUILD_TYPE=${CONFIG} -DCMAKE_PREFIX_PATH=${prefix}
      -DCMAKE_C_COMPILER=${C_COMPILER} -DCMAKE_CXX_COMPILER=${CXX_COMPILER}
      -DCONSUMER_EXPECTED_VERSION=${EXPECTED_VERSION} ${flags_args} ${ARGN})
  run(${CMAKE_COMMAND} --build ${dir} --config ${CONFIG})
  run(${CMAKE_CTEST_COMMAND} --test-dir ${dir} -C ${CONFIG} --output-on-failure)
  message(STATUS "consumer '${name}' built and ran")
endfunction()

file(REMOVE_RECURSE ${WORK_DIR})
run(${CMAKE_COMMAND} --install ${BUILD_DIR} --config ${CONFIG} --prefix ${prefix})

foreach(path
    ${INCLUDEDIR}/pipecast.h
    ${INCLUDEDIR}/pipecast/core/book.hpp
    ${INCLUDEDIR}/pipecast/io/csv_book.hpp
    ${LIBDIR}/libpipecast.so
    ${LIBDIR}/${EXPECTED_SONAME}
    ${LIBDIR}/libpipecast.so.${EXPECTED_VERSION}
    ${LIBDIR}/libpipecast_cxx.a
    ${LIBDIR}/cmake/pipecast/pipecastConfig.cmake
    ${LIBDIR}/cmake/pipecast/pipecastConfigVersion.cmake
    ${LIBDIR}/cmake/pipecast/pipecastTargets.cmake
    ${LIBDIR}/pkgconfig/pipecast.pc)
  require_file(${path})
endforeach()
# The public headers carry no storage internals: no Boost.Serialization, and
# none of the library's internal headers (src/).
file(GLOB_RECURSE installed_headers ${prefix}/${INCLUDEDIR}/pipecast/*.hpp)
foreach(header IN LISTS installed_headers)
  file(STRINGS ${header} serialization REGEX "#include [<\"](boost/(serialization|archive)/|storage/|forecast/model_serialization)")
  if(serialization)
    message(FATAL_ERROR "${header} includes an internal or Boost.Serialization header: ${serialization}")
  endif()
endforeach()
if(NOT IS_SYMLINK ${prefix}/${LIBDIR}/libpipecast.so OR NOT IS_SYMLINK ${prefix}/${LIBDIR}/${EXPECTED_SONAME})
  message(FATAL_ERROR "libpipecast.so and ${EXPECTED_SONAME} must be symlinks to the library")
endif()

# The Python package, installed with the library, imported from the prefix
# with nothing but PYTHONPATH: it must find the installed library by itself.
if(PYTHON AND PYTHON_DIR AND NOT SANITIZE)
  set(python_dir ${PYTHON_DIR})
  if(NOT IS_ABSOLUTE ${python_dir})
    set(python_dir ${prefix}/${python_dir})
  endif()
  require_file(${PYTHON_DIR}/pipecast/__init__.py)
  require_file(${PYTHON_DIR}/pipecast/_install.py)
  execute_process(
    COMMAND ${CMAKE_COMMAND} -E env --unset=PIPECAST_LIBRARY PYTHONPATH=${python_dir} PYTHONDONTWRITEBYTECODE=1
            ${PYTHON} -c "import pipecast, pipecast._library as l; print(pipecast.__version__); print(l.path.resolve())"
    WORKING_DIRECTORY ${WORK_DIR}
    RESULT_VARIABLE result OUTPUT_VARIABLE out ERROR_VARIABLE out)
  if(NOT result EQUAL 0)
    message(FATAL_ERROR "python cannot import the installed package from ${python_dir}:\n${out}")
  endif()
  get_filename_component(installed_library ${prefix}/${LIBDIR}/${EXPECTED_SONAME} REALPATH)
  if(NOT out MATCHES "^${EXPECTED_VERSION}\n" OR NOT out MATCHES "${installed_library}")
    message(FATAL_ERROR "the installed package should load ${installed_library}, version ${EXPECTED_VERSION}; it says:\n${out}")
  endif()
  message(STATUS "the Python package imports from the prefix and loads its library")
endif()

build_consumer(consumer)
# A C-only host: the C++ library's dependencies must not even be looked for.
build_consumer(consumer-c-only -DCONSUMER_CXX=OFF
  -DCMAKE_DISABLE_FIND_PACKAGE_Boost=ON -DCMAKE_DISABLE_FIND_PACKAGE_nlohmann_json=ON)

# pipecast.pc: its content, then (when pkg-config is there) what it yields.
set(pc ${prefix}/${LIBDIR}/pkgconfig/pipecast.pc)
file(READ ${pc} pc_text)
foreach(pattern "\nVersion: ${EXPECTED_VERSION}\n" "\nLibs: -L\\\${libdir} -lpipecast\n"
                "\nCflags: -I\\\${includedir}\n" "\nincludedir=\\\${prefix}/${INCLUDEDIR}\n")
  if(NOT pc_text MATCHES "${pattern}")
    message(FATAL_ERROR "${pc} lacks a line matching '${pattern}':\n${pc_text}")
  endif()
endforeach()

find_program(PKG_CONFIG pkg-config)
if(NOT PKG_CONFIG)
  message(STATUS "pkg-config not found: pipecast.pc checked by content only")
  return()
endif()
set(ENV{PKG_CONFIG_PATH} ${prefix}/${LIBDIR}/pkgconfig)
execute_process(COMMAND ${PKG_CONFIG} --cflags --libs pipecast
  OUTPUT_VARIABLE pc_flags OUTPUT_STRIP_TRAILING_WHITESPACE RESULT_VARIABLE result)
if(NOT result EQUAL 0)
  message(FATAL_ERROR "pkg-config does not find pipecast in ${prefix}/${LIBDIR}/pkgconfig")
endif()
separate_arguments(pc_flags UNIX_COMMAND "${pc_flags}")
set(include_dir "")
foreach(flag IN LISTS pc_flags)
  if(flag MATCHES "^-I(.+)$")
    get_filename_component(include_dir "${CMAKE_MATCH_1}" REALPATH)
  endif()
endforeach()
get_filename_component(expected_include "${prefix}/${INCLUDEDIR}" REALPATH)
if(NOT include_dir STREQUAL expected_include)
  message(FATAL_ERROR "pkg-config gives -I${include_dir}, expected ${expected_include}")
endif()
# The flags alone must be enough to build and run a C host.
set(program ${WORK_DIR}/pkg-config-consumer)
run(${C_COMPILER} ${CONSUMER_DIR}/consumer.c -o ${program} ${pc_flags} ${flags})
run(${CMAKE_COMMAND} -E env LD_LIBRARY_PATH=${prefix}/${LIBDIR} ${program})
message(STATUS "pkg-config flags build a working C host: ${pc_flags}")
