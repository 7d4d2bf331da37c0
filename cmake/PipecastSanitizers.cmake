# PIPECAST_SANITIZE=address,undefined (or thread) instruments every target
# of the build; make test uses a separate build folder for it.
if(PIPECAST_SANITIZE)
  string(REPLACE "," ";" _pipecast_sanitizers "${PIPECAST_SANITIZE}")
  foreach(_sanitizer IN LISTS _pipecast_sanitizers)
    add_compile_options(-fsanitize=${_sanitizer})
    add_link_options(-fsanitize=${_sanitizer})
  endforeach()
  add_compile_options(-fno-omit-frame-pointer -fno-sanitize-recover=all)
endif()
