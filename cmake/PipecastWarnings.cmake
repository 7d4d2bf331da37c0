# pipecast_set_warnings(target): the project's warning flags on one target,
# so that third-party code built beside it is not affected.
function(pipecast_set_warnings target)
  if(CMAKE_CXX_COMPILER_ID MATCHES "GNU|Clang")
    target_compile_options(${target} PRIVATE -Wall -Wextra -Wpedantic
      $<$<COMPILE_LANGUAGE:CXX>:-Wnon-virtual-dtor -Woverloaded-virtual>
      -Wshadow)
    if(PIPECAST_WARNINGS_AS_ERRORS)
      target_compile_options(${target} PRIVATE -Werror)
    endif()
    # GCC 12 warns of overlapping memcpy inside libstdc++'s own std::string
    # code when much is inlined into one translation unit, as in a unity
    # batch (GCC bugs 105329 and 105651): a false alarm that
    # -Werror would turn into a failed build.
    if(CMAKE_CXX_COMPILER_ID STREQUAL "GNU" AND CMAKE_CXX_COMPILER_VERSION VERSION_LESS 13)
      target_compile_options(${target} PRIVATE $<$<COMPILE_LANGUAGE:CXX>:-Wno-restrict>)
    endif()
  endif()
endfunction()
