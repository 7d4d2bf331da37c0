# The front door: every target installs what is missing, configures and
# builds before doing its job, so `make test` and `make demo` work on a fresh
# Debian machine.  CMake does the real work; see CMakeLists.txt.

BUILD_DIR   ?= build
BENCH_DIR   ?= build-release
BUILD_TYPE  ?= RelWithDebInfo
PREFIX      ?= /usr/local
JOBS        ?= $(shell nproc 2>/dev/null || echo 2)
# Warnings are fatal in CI (CI=true), advisory elsewhere.
WERROR      := $(if $(filter true 1 yes,$(CI)),ON,OFF)

CMAKE_FLAGS := -DCMAKE_BUILD_TYPE=$(BUILD_TYPE) -DPIPECAST_WARNINGS_AS_ERRORS=$(WERROR)

.PHONY: all deps configure build test demo bench install clean help abi-baseline

all: build

help:
	@echo "make test     install dependencies, build, run every test suite"
	@echo "make demo     install dependencies, build, run pipecast demo"
	@echo "make bench    build in Release and run the benchmarks"
	@echo "make install  install into PREFIX (default /usr/local)"
	@echo "make abi-baseline  rewrite capi/abi/libpipecast.abi after a deliberate C ABI change"
	@echo "make clean    remove the build folders"

deps:
	@sh cmake/install-deps.sh

configure: deps
	cmake -S . -B $(BUILD_DIR) $(CMAKE_FLAGS)

build: configure
	cmake --build $(BUILD_DIR) --parallel $(JOBS)

test: build
	ctest --test-dir $(BUILD_DIR) --output-on-failure --parallel $(JOBS)

demo: build
	$(BUILD_DIR)/tools/pipecast/pipecast demo

bench: deps
	cmake -S . -B $(BENCH_DIR) -DCMAKE_BUILD_TYPE=Release -DPIPECAST_BUILD_TESTS=OFF
	cmake --build $(BENCH_DIR) --parallel $(JOBS)
	sh benchmarks/run.sh $(BENCH_DIR)

# A deliberate change of the C ABI: rewrite the baseline the tests compare
# libpipecast.so with (needs abigail-tools), then commit it with the change.
abi-baseline: build
	cmake --build $(BUILD_DIR) --target abi-baseline

install: build
	cmake --install $(BUILD_DIR) --prefix $(PREFIX)

clean:
	rm -rf $(BUILD_DIR) $(BENCH_DIR) build-*
