#include "pipecast.h"

// The header's version macros are checked against project(VERSION) by CMake,
// so they are the library's version too.
extern "C" {

const char* pipecast_version(void) { return PIPECAST_VERSION_STRING; }

int pipecast_abi_version(void) { return PIPECAST_ABI_VERSION; }

}  // extern "C"
