# Install rules and the package files that let other projects use pipecast:
#   find_package(pipecast)  ->  pipecast::pipecast_c (libpipecast.so, the C ABI)
#                               pipecast::pipecast   (the static C++ library)
#   pkg-config pipecast     ->  the C ABI
include(CMakePackageConfigHelpers)

set(PIPECAST_INSTALL_CMAKEDIR ${CMAKE_INSTALL_LIBDIR}/cmake/pipecast
  CACHE STRING "Where pipecastConfig.cmake is installed, relative to the prefix")

install(TARGETS pipecast pipecast_c
  EXPORT pipecastTargets
  ARCHIVE DESTINATION ${CMAKE_INSTALL_LIBDIR} COMPONENT development
  LIBRARY DESTINATION ${CMAKE_INSTALL_LIBDIR} COMPONENT runtime
          NAMELINK_COMPONENT development
  RUNTIME DESTINATION ${CMAKE_INSTALL_BINDIR} COMPONENT runtime
  PUBLIC_HEADER DESTINATION ${CMAKE_INSTALL_INCLUDEDIR} COMPONENT development
  INCLUDES DESTINATION ${CMAKE_INSTALL_INCLUDEDIR})
install(DIRECTORY ${PROJECT_SOURCE_DIR}/include/pipecast
  DESTINATION ${CMAKE_INSTALL_INCLUDEDIR} COMPONENT development)

if(TARGET pipecast_cli)
  install(TARGETS pipecast_cli RUNTIME DESTINATION ${CMAKE_INSTALL_BINDIR} COMPONENT runtime)
endif()

install(EXPORT pipecastTargets
  NAMESPACE pipecast::
  DESTINATION ${PIPECAST_INSTALL_CMAKEDIR}
  COMPONENT development)
configure_package_config_file(
  ${PROJECT_SOURCE_DIR}/cmake/pipecastConfig.cmake.in
  ${PROJECT_BINARY_DIR}/pipecastConfig.cmake
  INSTALL_DESTINATION ${PIPECAST_INSTALL_CMAKEDIR})
# The CMake package covers the C++ API too, which may still change within a
# major version while it is 0; the C ABI's own promise is the SOVERSION.
write_basic_package_version_file(
  ${PROJECT_BINARY_DIR}/pipecastConfigVersion.cmake
  COMPATIBILITY SameMajorVersion)
install(FILES
  ${PROJECT_BINARY_DIR}/pipecastConfig.cmake
  ${PROJECT_BINARY_DIR}/pipecastConfigVersion.cmake
  DESTINATION ${PIPECAST_INSTALL_CMAKEDIR} COMPONENT development)

# pipecast.pc finds its prefix from its own location (${pcfiledir}), so the
# installed tree can be moved, or installed with `cmake --install --prefix`.
if(IS_ABSOLUTE "${CMAKE_INSTALL_LIBDIR}" OR IS_ABSOLUTE "${CMAKE_INSTALL_INCLUDEDIR}")
  set(PIPECAST_PC_PREFIX "${CMAKE_INSTALL_PREFIX}")
  set(PIPECAST_PC_LIBDIR "${CMAKE_INSTALL_FULL_LIBDIR}")
  set(PIPECAST_PC_INCLUDEDIR "${CMAKE_INSTALL_FULL_INCLUDEDIR}")
else()
  file(RELATIVE_PATH _pipecast_up "/${CMAKE_INSTALL_LIBDIR}/pkgconfig" "/")
  string(REGEX REPLACE "/$" "" _pipecast_up "${_pipecast_up}")
  set(PIPECAST_PC_PREFIX "\${pcfiledir}/${_pipecast_up}")
  set(PIPECAST_PC_LIBDIR "\${prefix}/${CMAKE_INSTALL_LIBDIR}")
  set(PIPECAST_PC_INCLUDEDIR "\${prefix}/${CMAKE_INSTALL_INCLUDEDIR}")
endif()
configure_file(${PROJECT_SOURCE_DIR}/cmake/pipecast.pc.in ${PROJECT_BINARY_DIR}/pipecast.pc @ONLY)
install(FILES ${PROJECT_BINARY_DIR}/pipecast.pc
  DESTINATION ${CMAKE_INSTALL_LIBDIR}/pkgconfig COMPONENT development)
