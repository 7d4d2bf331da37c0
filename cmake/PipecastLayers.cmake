# The C++ library's layers: one folder each in include/pipecast/ and src/, one
# object library each (pipecast_<layer>), combined into the one static library
# users link (pipecast::pipecast).
#
#   pipecast_add_layer(<layer> [LAYERS <layer>...] [PUBLIC <lib>...] [PRIVATE <lib>...])
#
# LAYERS are the layers whose headers this one may include: declared once
# here, they are both the targets' dependencies and the rule the include
# check (tests/layers/check_includes.py) holds every file to.  A layer's
# sources are the .cpp files of src/<layer>/.  PUBLIC libraries reach the
# library's users; PRIVATE ones only its link line (Boost.Serialization, for
# one, stays out of the public headers and the usage requirements).
include_guard(GLOBAL)

function(pipecast_add_layer layer)
  cmake_parse_arguments(PARSE_ARGV 1 arg "" "" "LAYERS;PUBLIC;PRIVATE")
  file(GLOB sources CONFIGURE_DEPENDS ${PROJECT_SOURCE_DIR}/src/${layer}/*.cpp)
  set(target pipecast_${layer})
  add_library(${target} OBJECT ${sources})
  pipecast_balance_unity_batches(${target})
  target_include_directories(${target}
    PUBLIC $<BUILD_INTERFACE:${PROJECT_SOURCE_DIR}/include>
    PRIVATE ${PROJECT_SOURCE_DIR}/src)
  target_compile_features(${target} PUBLIC cxx_std_20)
  foreach(dependency IN LISTS arg_LAYERS)
    if(NOT TARGET pipecast_${dependency})
      message(FATAL_ERROR "layer ${layer} depends on ${dependency}, which is not declared before it")
    endif()
    target_link_libraries(${target} PUBLIC pipecast_${dependency})
  endforeach()
  target_link_libraries(${target} PUBLIC ${arg_PUBLIC} PRIVATE ${arg_PRIVATE})
  pipecast_set_warnings(${target})

  set_property(GLOBAL APPEND PROPERTY PIPECAST_LAYERS ${layer})
  set_property(GLOBAL APPEND PROPERTY PIPECAST_LAYER_PUBLIC_LIBRARIES ${arg_PUBLIC})
  set_property(GLOBAL APPEND PROPERTY PIPECAST_LAYER_PRIVATE_LIBRARIES ${arg_PRIVATE})
  list(JOIN arg_LAYERS " " dependencies)
  set_property(GLOBAL APPEND PROPERTY PIPECAST_LAYER_MAP "${layer}: ${dependencies}")
endfunction()

# The static library of every layer declared so far, and the layer map the
# include check reads (one line per layer: `layer: dependency...`).
function(pipecast_add_library_of_layers target)
  get_property(layers GLOBAL PROPERTY PIPECAST_LAYERS)
  get_property(public GLOBAL PROPERTY PIPECAST_LAYER_PUBLIC_LIBRARIES)
  get_property(private GLOBAL PROPERTY PIPECAST_LAYER_PRIVATE_LIBRARIES)
  get_property(map GLOBAL PROPERTY PIPECAST_LAYER_MAP)
  add_library(${target} STATIC)
  foreach(layer IN LISTS layers)
    target_sources(${target} PRIVATE $<TARGET_OBJECTS:pipecast_${layer}>)
  endforeach()
  list(REMOVE_DUPLICATES public)
  list(REMOVE_DUPLICATES private)
  target_include_directories(${target} PUBLIC
    $<BUILD_INTERFACE:${PROJECT_SOURCE_DIR}/include>
    $<INSTALL_INTERFACE:${CMAKE_INSTALL_INCLUDEDIR}>)
  target_link_libraries(${target} PUBLIC ${public} PRIVATE ${private})
  target_compile_features(${target} PUBLIC cxx_std_20)

  string(REPLACE ";" "\n" lines "${map}")
  file(GENERATE OUTPUT ${PROJECT_BINARY_DIR}/generated/layers.txt CONTENT "${lines}\n")
endfunction()
