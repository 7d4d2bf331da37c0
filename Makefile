# The front door: every target installs what is missing, configures and
# builds before doing its job, so `make test` and `make demo` work on a fresh
# Debian machine.  CMake does the real work; see CMakeLists.txt.

BUILD_DIR   ?= build
BENCH_DIR   ?= build-release
INSTALL_DIR ?= build-install
ASAN_DIR    ?= build-asan
TSAN_DIR    ?= build-tsan
FUZZ_DIR    ?= build-fuzz
FUZZ_SECONDS ?= 60
BUILD_TYPE  ?= RelWithDebInfo
PREFIX      ?= /usr/local
JOBS        ?= $(shell nproc 2>/dev/null || echo 2)
# Warnings are fatal in CI (CI=true), advisory elsewhere.
WERROR      := $(if $(filter true 1 yes,$(CI)),ON,OFF)
# Cold builds are what these targets mostly do: unity batches and line-only
# debug info (cmake/PipecastBuildSpeed.cmake).  UNITY=OFF for incremental
# work on one file; DEBUG_INFO=full for a debugger that shows types.
UNITY       ?= ON
DEBUG_INFO  ?= lines
# Ninja where it is installed (cmake/install-deps.sh installs it): looked up
# when a recipe runs, after deps, so a first run on a fresh machine uses it.
GENERATOR   := $$(command -v ninja >/dev/null 2>&1 && echo Ninja || echo "Unix Makefiles")

SPEED_FLAGS := -G "$(GENERATOR)" -DPIPECAST_UNITY_BUILD=$(UNITY) -DPIPECAST_DEBUG_INFO=$(DEBUG_INFO)
# The plain build (build): GCC at -O1, what the tests, the demo and the docs
# run; it compiles in two thirds of -O2's time (measured: benchmarks/README.md,
# "The build loop").  What users install or measure is built in Release in a
# folder of its own: make install, make bench, make wheel.
PLAIN_OPT   ?= -O1
# The GoogleTest programs of the library (ON); make test turns them off in
# its plain phase, because its ASan+UBSan phase runs them, all but the
# statistical accuracy tests, which run uninstrumented (tests/CMakeLists.txt).
LIBRARY_SUITES ?= ON
# The test builds leave the benchmarks out: make bench builds them (Release).
CMAKE_FLAGS := $(SPEED_FLAGS) -DCMAKE_BUILD_TYPE=$(BUILD_TYPE) -DPIPECAST_WARNINGS_AS_ERRORS=$(WERROR) \
               -DPIPECAST_BUILD_BENCHMARKS=OFF -DPIPECAST_TEST_LIBRARY_SUITES=$(LIBRARY_SUITES) \
               "-DCMAKE_C_FLAGS_RELWITHDEBINFO=$(PLAIN_OPT) -g -DNDEBUG" "-DCMAKE_CXX_FLAGS_RELWITHDEBINFO=$(PLAIN_OPT) -g -DNDEBUG"
# Sanitizer builds: clang with line-only debug info, about half of GCC's
# compile time at -O2 (measured: benchmarks/README.md, "The build loop"), at
# the optimisation level given: ASan+UBSan at -O1, which the sanitizers'
# manuals recommend and under which its many suites run fast enough; TSan,
# which runs one suite, at -O0 (it builds in half the time and its suite runs
# 17 s longer).  Every finding fails: -fno-sanitize-recover is set by
# cmake/PipecastSanitizers.cmake, halt_on_error here.
sanitized_flags = $(SPEED_FLAGS) -DCMAKE_BUILD_TYPE=RelWithDebInfo -DPIPECAST_WARNINGS_AS_ERRORS=$(WERROR) \
                  -DPIPECAST_BUILD_BENCHMARKS=OFF -DCMAKE_C_COMPILER=clang -DCMAKE_CXX_COMPILER=clang++ \
                  "-DCMAKE_C_FLAGS_RELWITHDEBINFO=$(1) -g -DNDEBUG" "-DCMAKE_CXX_FLAGS_RELWITHDEBINFO=$(1) -g -DNDEBUG"
# Inputs of each fuzz target's smoke run in make test-sanitized (after its
# seeds, from a fixed seed: the same inputs every run).
FUZZ_SMOKE_RUNS ?= 500
export ASAN_OPTIONS  ?= halt_on_error=1:detect_leaks=1:detect_stack_use_after_return=1
export UBSAN_OPTIONS ?= halt_on_error=1:print_stacktrace=1
export TSAN_OPTIONS  ?= halt_on_error=1:second_deadlock_stack=1
# Every build's ctest writes its results here, for tests/summary.py.
JUNIT       := ctest-results.xml
CTEST       := ctest --output-on-failure --parallel $(JOBS) --output-junit $(JUNIT)
TIMED       := sh tests/timed.sh

.PHONY: all deps deps-clang configure build test test-plain test-sanitized test-tsan test-summary fuzz demo bench install clean help abi-baseline docs wheel

all: build

help:
	@echo "make test     install dependencies, then: the plain build with the C, CLI, Python,"
	@echo "              install, browser, ABI and statistical accuracy tests; every other"
	@echo "              C++ and C suite under ASan+UBSan; the concurrency suite under TSan;"
	@echo "              make docs; one line per suite at the end"
	@echo "make test-plain      every suite of the plain build ($(BUILD_DIR), GCC -O1),"
	@echo "                     the C++ library's GoogleTest programs included"
	@echo "make test-sanitized  every C++ and C suite under AddressSanitizer + UBSan ($(ASAN_DIR)),"
	@echo "                     but the statistical accuracy tests (uninstrumented only)"
	@echo "make test-tsan       the concurrency suite under ThreadSanitizer ($(TSAN_DIR))"
	@echo "make fuzz     build the libFuzzer targets (clang) and run each FUZZ_SECONDS (60)"
	@echo "make demo     install dependencies, build the library and the CLI, run pipecast demo"
	@echo "make bench    build in Release and run the benchmarks"
	@echo "make install  a Release build ($(INSTALL_DIR)), installed into PREFIX (default /usr/local)"
	@echo "make wheel    the Python package with libpipecast inside (Release) into dist/"
	@echo "make docs     API reference of pipecast.h and include/pipecast into build-docs/html,"
	@echo "              of the Python package into build-docs/python; any warning fails"
	@echo "make abi-baseline  rewrite capi/abi/libpipecast.abi after a deliberate C ABI change"
	@echo "make clean    remove the build folders"
	@echo "Variables: UNITY=OFF (one object per file, for incremental work),"
	@echo "           DEBUG_INFO=full (types in the debug info), JOBS=N,"
	@echo "           PLAIN_OPT=-O2 (the plain build's optimisation, -O1 by default)"

deps:
	@sh cmake/install-deps.sh

# clang and its sanitizer runtimes (with libFuzzer), for the sanitizer builds.
deps-clang:
	@sh cmake/install-deps.sh clang

configure: deps
	cmake -S . -B $(BUILD_DIR) $(CMAKE_FLAGS)

build: configure
	$(TIMED) "plain build" cmake --build $(BUILD_DIR) --parallel $(JOBS)

# One phase after the other (also under make -j): each build uses every
# core.  (The TSan phase run beside the plain tests gained nothing: measured,
# benchmarks/README.md, "The build loop".)  A phase that fails does not stop
# the next, so that one run shows everything that is wrong; the summary's
# last line and the exit status say whether anything failed.  The library's
# GoogleTest programs run once, instrumented (ASan+UBSan), not also in the
# plain build: that build keeps what needs an uninstrumented library (C
# hosts, the CLI script, Python, the install and browser tests, the ABI
# check, the statistical accuracy tests), which drives the GCC-built library
# end to end.
test:
	@status=0; \
	$(MAKE) --no-print-directory test-plain LIBRARY_SUITES=OFF || status=1; \
	$(MAKE) --no-print-directory test-sanitized || status=1; \
	$(MAKE) --no-print-directory test-tsan || status=1; \
	$(MAKE) --no-print-directory docs LIBRARY_SUITES=OFF || status=1; \
	$(MAKE) --no-print-directory test-summary || status=1; \
	exit $$status

test-summary:
	@python3 tests/summary.py plain=$(BUILD_DIR)/$(JUNIT) asan+ubsan=$(ASAN_DIR)/$(JUNIT) tsan=$(TSAN_DIR)/$(JUNIT)

test-plain: build
	rm -f $(BUILD_DIR)/$(JUNIT)
	$(TIMED) "plain tests" $(CTEST) --test-dir $(BUILD_DIR)

# The fuzz targets are built here too, with edge coverage only (which costs
# the other suites little), and each runs FUZZ_SMOKE_RUNS inputs.
test-sanitized: deps-clang
	rm -rf $(ASAN_DIR)/$(JUNIT) $(ASAN_DIR)/gtest-results
	cmake -S . -B $(ASAN_DIR) $(call sanitized_flags,-O1) -DPIPECAST_SANITIZE=address,undefined \
	  -DPIPECAST_BUILD_FUZZERS=ON -DPIPECAST_FUZZ_COVERAGE=edges -DPIPECAST_FUZZ_SMOKE_RUNS=$(FUZZ_SMOKE_RUNS)
	$(TIMED) "asan+ubsan build" cmake --build $(ASAN_DIR) --parallel $(JOBS)
	$(TIMED) "asan+ubsan tests" $(CTEST) --test-dir $(ASAN_DIR)

# Only the concurrency suite (PIPECAST_TEST_CONCURRENCY_ONLY): TSan slows
# everything ~10x, and the other suites are single-threaded.
test-tsan: deps-clang
	rm -rf $(TSAN_DIR)/$(JUNIT) $(TSAN_DIR)/gtest-results
	cmake -S . -B $(TSAN_DIR) $(call sanitized_flags,-O0) -DPIPECAST_SANITIZE=thread -DPIPECAST_BUILD_TOOLS=OFF \
	  -DPIPECAST_TEST_CONCURRENCY_ONLY=ON
	$(TIMED) "tsan build" cmake --build $(TSAN_DIR) --parallel $(JOBS) --target concurrency_tests
	$(TIMED) "tsan tests" $(CTEST) --test-dir $(TSAN_DIR)

# libFuzzer needs clang; the seed corpora are made from the test fixtures at
# build time.  See tests/fuzz/README.md.
fuzz: deps-clang
	CC=clang CXX=clang++ cmake -S . -B $(FUZZ_DIR) -DCMAKE_BUILD_TYPE=RelWithDebInfo \
	  -DPIPECAST_WARNINGS_AS_ERRORS=$(WERROR) -DPIPECAST_BUILD_FUZZERS=ON \
	  -DPIPECAST_BUILD_TESTS=OFF -DPIPECAST_BUILD_BENCHMARKS=OFF -DPIPECAST_BUILD_TOOLS=OFF
	cmake --build $(FUZZ_DIR) --parallel $(JOBS)
	sh tests/fuzz/run.sh $(FUZZ_DIR) $(FUZZ_SECONDS)

# Only what the demo runs: the library and the CLI.
demo: configure
	$(TIMED) "library and CLI build" cmake --build $(BUILD_DIR) --parallel $(JOBS) --target pipecast_cli
	$(BUILD_DIR)/tools/pipecast/pipecast demo

bench: deps
	cmake -S . -B $(BENCH_DIR) $(SPEED_FLAGS) -DCMAKE_BUILD_TYPE=Release -DPIPECAST_BUILD_TESTS=OFF
	cmake --build $(BENCH_DIR) --parallel $(JOBS)
	sh benchmarks/run.sh $(BENCH_DIR)

# A deliberate change of the C ABI: rewrite the baseline the tests compare
# libpipecast.so with (needs abigail-tools), then commit it with the change.
abi-baseline: build
	cmake --build $(BUILD_DIR) --target abi-baseline

# Doxygen over the public headers only; every warning, such as a public
# declaration left undocumented, fails it.  See docs/Doxyfile.  Then the
# Python package's reference, Sphinx autodoc with Debian's python3-sphinx
# (docs/python-api/), every warning an error too: autodoc imports the
# package, so the library is built first (nothing more; after make build
# that is a no-op).
DOCS_PYTHON ?= /usr/bin/python3
docs: configure
	doxygen docs/Doxyfile
	cmake --build $(BUILD_DIR) --parallel $(JOBS) --target pipecast_c
	PIPECAST_LIBRARY=$(CURDIR)/$(BUILD_DIR)/capi/libpipecast.so.0 PYTHONDONTWRITEBYTECODE=1 \
	  $(TIMED) "python api docs" $(DOCS_PYTHON) -m sphinx -W --keep-going -q -b html docs/python-api build-docs/python

# Installed: a Release build of its own (the plain build is tuned for tests).
install: deps
	cmake -S . -B $(INSTALL_DIR) $(SPEED_FLAGS) -DCMAKE_BUILD_TYPE=Release -DPIPECAST_BUILD_TESTS=OFF \
	  -DPIPECAST_BUILD_BENCHMARKS=OFF
	cmake --build $(INSTALL_DIR) --parallel $(JOBS)
	cmake --install $(INSTALL_DIR) --prefix $(PREFIX)

# The Python package as a platform wheel with libpipecast inside, built in
# Release into build-wheel by bindings/python/setup.py; offline, with
# Debian's pip, setuptools and wheel.  See docs/python.md.
WHEEL_PYTHON ?= /usr/bin/python3
wheel: deps
	PIPECAST_WHEEL_BUILD_DIR=$(CURDIR)/build-wheel $(WHEEL_PYTHON) -m pip wheel --no-build-isolation --no-deps \
	  --no-index -w dist bindings/python
	@ls dist/pipecast-*.whl

clean:
	rm -rf $(BUILD_DIR) $(BENCH_DIR) build-* dist
