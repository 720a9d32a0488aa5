# Front door. `make run`: install what is missing, build, migrate, load demo data once, serve on :8000.
# `make test`: install what is missing, build, run every test (SQLite + a throw-away PostgreSQL server).
BUILD ?= build
JOBS ?= $(shell nproc)

.PHONY: bench-instructions all deps configure build run test test-sanitize bench bench-compare audit soak clean fuzz-build fuzz-short fuzz

all: build

deps:
	./scripts/install-deps.sh

configure: deps
	@if [ ! -f $(BUILD)/build.ninja ]; then cmake -S . -B $(BUILD) -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo; fi

build: configure
	cmake --build $(BUILD) -j $(JOBS)

run: build
	./scripts/run.sh $(BUILD)/the5hc

test: build
	./scripts/test.sh $(BUILD)
	$(MAKE) fuzz-short

# `make test-sanitize`: the unit and integration suites (SQLite and PostgreSQL) under AddressSanitizer +
# UndefinedBehaviorSanitizer (build-asan) and then ThreadSanitizer (build-tsan); see cmake/options.cmake.
# Any finding aborts the process and fails its test. Suppressions only for proven third-party false positives, each
# with its reason, in scripts/sanitizers/<tool>.supp (today: fontconfig's own initialisation thread, for TSan).
SANITIZE_TESTS = ^(unit|integration_sqlite|integration_postgres|durability_sqlite|durability_postgres|isolation_sqlite|isolation_postgres|hostile_sqlite|hostile_postgres)$$
SANITIZE_TARGETS = the5hc unit_tests integration_tests
test-sanitize: deps
	cmake -S . -B build-asan -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo -DTHE5HC_SANITIZE=address,undefined
	cmake --build build-asan -j $(JOBS) --target $(SANITIZE_TARGETS)
	ASAN_OPTIONS=detect_leaks=1:detect_stack_use_after_return=1:strict_init_order=1:check_initialization_order=1 \
	UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1 \
	LSAN_OPTIONS=suppressions=$(CURDIR)/scripts/sanitizers/lsan.supp \
	  ./scripts/test.sh build-asan -R '$(SANITIZE_TESTS)'
	cmake -S . -B build-tsan -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo -DTHE5HC_SANITIZE=thread
	cmake --build build-tsan -j $(JOBS) --target $(SANITIZE_TARGETS)
	TSAN_OPTIONS=halt_on_error=1:second_deadlock_stack=1:suppressions=$(CURDIR)/scripts/sanitizers/tsan.supp \
	  ./scripts/test.sh build-tsan -R '$(SANITIZE_TESTS)'

# `make audit`: npm advisories for the pinned front-end packages and the Debian runtime packages with their versions.
audit:
	./scripts/audit.sh

bench: build
	./bench/run.sh $(BUILD)

# `make bench-compare` (issue 11): the Django peer (../shared/bench/django-peer/run.sh, as it is) and the5hc under
# the same knobs (CLIENTS, THREADS, CONNS, DURATION, WARMUP) in one run, with the ratios, the large-data timing at
# one connection, a PostgreSQL run and the server's RSS. Several minutes; not part of `make test`.
bench-compare: build
	./bench/compare.sh $(BUILD)

# `make bench-instructions`: instructions per request of each endpoint, counted by callgrind — the figure to compare
# before/after a change on a machine whose load moves (bench/instructions.sh). Several minutes.
bench-instructions: build
	./bench/instructions.sh $(BUILD)

# Fuzzing (issue 17, fuzz/README.md): libFuzzer targets built by clang with ASan+UBSan in $(FUZZ_BUILD), only the
# libraries they need. `make fuzz-short` (part of `make test`): every target 60 s, two at a time; `make fuzz`:
# FUZZ_SECONDS per target. A crash, sanitizer report, leak, input slower than 1 s or broken contract fails the run;
# the input is kept in $(FUZZ_BUILD)/fuzz-work/<target>/artifacts/.
FUZZ_BUILD ?= build-fuzz
FUZZ_SECONDS ?= 600
fuzz-build: deps
	CC=clang CXX=clang++ cmake -S . -B $(FUZZ_BUILD) -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo -DTHE5HC_FUZZ=ON
	cmake --build $(FUZZ_BUILD) -j $(JOBS) --target fuzz_all
fuzz-short: fuzz-build
	./scripts/fuzz.sh $(FUZZ_BUILD) 60
fuzz: fuzz-build
	./scripts/fuzz.sh $(FUZZ_BUILD) $(FUZZ_SECONDS)

# `make soak` (issue 17): a steady mixed workload (logins, lists, assessment creates, bookings, PDF renders, page
# views) against a temporary server for SOAK_MINUTES (10); a line per minute with errors, p99 per kind and the
# server's memory; fails on any error or on memory growth after warm-up (rules in tests/soak/soak.mjs). The 60-second
# version is the ctest `soak_short`. Knobs: SOAK_MINUTES, SOAK_SECONDS, RATE, WORKERS, SAMPLE_SECONDS, KEEP=1.
SOAK_MINUTES ?= 10
soak: build
	SOAK_MINUTES=$(SOAK_MINUTES) THE5HC_BINARY=$(BUILD)/the5hc node tests/soak/soak.mjs

clean:
	rm -rf $(BUILD) build-asan build-tsan $(FUZZ_BUILD)
