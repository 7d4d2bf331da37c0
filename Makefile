# The front door: every target installs what is missing, configures and
# builds before doing its job, so `make test` and `make demo` work on a fresh
# Debian machine.  CMake does the real work; see CMakeLists.txt.

BUILD_DIR   ?= build
BENCH_DIR   ?= build-release
ASAN_DIR    ?= build-asan
TSAN_DIR    ?= build-tsan
FUZZ_DIR    ?= build-fuzz
FUZZ_SECONDS ?= 60
BUILD_TYPE  ?= RelWithDebInfo
PREFIX      ?= /usr/local
JOBS        ?= $(shell nproc 2>/dev/null || echo 2)
# Warnings are fatal in CI (CI=true), advisory elsewhere.
WERROR      := $(if $(filter true 1 yes,$(CI)),ON,OFF)

CMAKE_FLAGS := -DCMAKE_BUILD_TYPE=$(BUILD_TYPE) -DPIPECAST_WARNINGS_AS_ERRORS=$(WERROR)
# Sanitizer builds: RelWithDebInfo whatever BUILD_TYPE says (the optimiser
# exposes more undefined behaviour, the debug info names the lines), no
# benchmarks.  Every finding fails: -fno-sanitize-recover is set by
# cmake/PipecastSanitizers.cmake, halt_on_error here.
SANITIZED_FLAGS := -DCMAKE_BUILD_TYPE=RelWithDebInfo -DPIPECAST_WARNINGS_AS_ERRORS=$(WERROR) \
                   -DPIPECAST_BUILD_BENCHMARKS=OFF
export ASAN_OPTIONS  ?= halt_on_error=1:detect_leaks=1:detect_stack_use_after_return=1
export UBSAN_OPTIONS ?= halt_on_error=1:print_stacktrace=1
export TSAN_OPTIONS  ?= halt_on_error=1:second_deadlock_stack=1

.PHONY: all deps configure build test test-plain test-sanitized test-tsan fuzz demo bench install clean help abi-baseline docs

all: build

help:
	@echo "make test     install dependencies, build, run every test suite, then"
	@echo "              the same under ASan+UBSan and the concurrency test under TSan"
	@echo "make test-plain      the suites of the normal build only"
	@echo "make test-sanitized  every suite under AddressSanitizer + UBSan ($(ASAN_DIR))"
	@echo "make test-tsan       the concurrency test under ThreadSanitizer ($(TSAN_DIR))"
	@echo "make fuzz     build the libFuzzer targets (clang) and run each FUZZ_SECONDS (60)"
	@echo "make demo     install dependencies, build, run pipecast demo"
	@echo "make bench    build in Release and run the benchmarks"
	@echo "make install  install into PREFIX (default /usr/local)"
	@echo "make abi-baseline  rewrite capi/abi/libpipecast.abi after a deliberate C ABI change"
	@echo "make docs     API reference of pipecast.h and include/pipecast into build-docs/html;"
	@echo "              fails on any Doxygen warning (an undocumented public declaration)"
	@echo "make clean    remove the build folders"

deps:
	@sh cmake/install-deps.sh

configure: deps
	cmake -S . -B $(BUILD_DIR) $(CMAKE_FLAGS)

build: configure
	cmake --build $(BUILD_DIR) --parallel $(JOBS)

# One after the other (also under make -j): each build uses every core.
test:
	$(MAKE) --no-print-directory test-plain
	$(MAKE) --no-print-directory test-sanitized
	$(MAKE) --no-print-directory test-tsan

test-plain: build
	ctest --test-dir $(BUILD_DIR) --output-on-failure --parallel $(JOBS)

test-sanitized: deps
	cmake -S . -B $(ASAN_DIR) $(SANITIZED_FLAGS) -DPIPECAST_SANITIZE=address,undefined
	cmake --build $(ASAN_DIR) --parallel $(JOBS)
	ctest --test-dir $(ASAN_DIR) --output-on-failure --parallel $(JOBS)

# Only what the concurrency test needs: TSan slows everything ~10x, and the
# other suites are single-threaded.
test-tsan: deps
	cmake -S . -B $(TSAN_DIR) $(SANITIZED_FLAGS) -DPIPECAST_SANITIZE=thread -DPIPECAST_BUILD_TOOLS=OFF
	cmake --build $(TSAN_DIR) --parallel $(JOBS) --target concurrency_test
	$(TSAN_DIR)/tests/concurrency_test

# libFuzzer needs clang; the seed corpora are made from the test fixtures at
# build time.  See tests/fuzz/README.md.
fuzz:
	@sh cmake/install-deps.sh fuzz
	CC=clang CXX=clang++ cmake -S . -B $(FUZZ_DIR) -DCMAKE_BUILD_TYPE=RelWithDebInfo \
	  -DPIPECAST_WARNINGS_AS_ERRORS=$(WERROR) -DPIPECAST_BUILD_FUZZERS=ON \
	  -DPIPECAST_BUILD_TESTS=OFF -DPIPECAST_BUILD_BENCHMARKS=OFF -DPIPECAST_BUILD_TOOLS=OFF
	cmake --build $(FUZZ_DIR) --parallel $(JOBS)
	sh tests/fuzz/run.sh $(FUZZ_DIR) $(FUZZ_SECONDS)

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

# Doxygen over the public headers only (no build needed); every warning, such
# as a public declaration left undocumented, fails it.  See docs/Doxyfile.
docs: deps
	doxygen docs/Doxyfile

install: build
	cmake --install $(BUILD_DIR) --prefix $(PREFIX)

clean:
	rm -rf $(BUILD_DIR) $(BENCH_DIR) build-*
