#!/bin/sh
# Runs every libFuzzer target of fuzz/ for SECONDS each, JOBS at a time (`make fuzz-short`: 60 s, `make fuzz`:
# FUZZ_SECONDS). Usage: scripts/fuzz.sh BUILD_DIR SECONDS [TARGET...]
# Each target starts from its committed seeds (fuzz/corpus/<target>/) plus what earlier runs in this build directory
# found (BUILD/fuzz-work/<target>/corpus, where new inputs go: the source tree is never written). Any crash, sanitizer
# report, leak, input slower than 1 s (-timeout=1) or exception outside the contract fails the run; the input lands
# in BUILD/fuzz-work/<target>/artifacts/ and the log's tail is printed with the command that reproduces it.
set -eu
BUILD=${1:?usage: scripts/fuzz.sh BUILD_DIR SECONDS [TARGET...]}
SECONDS_EACH=${2:?usage: scripts/fuzz.sh BUILD_DIR SECONDS [TARGET...]}
shift 2
JOBS=${FUZZ_JOBS:-2}
SRC=$(cd "$(dirname "$0")/.." && pwd)
BUILD=$(cd "$BUILD" && pwd)
TARGETS=${*:-$(cd "$SRC/fuzz/corpus" && ls)}

run_one() {
  t=$1
  work="$BUILD/fuzz-work/$t"
  mkdir -p "$work/corpus" "$work/artifacts"
  dict=""
  [ -f "$SRC/fuzz/dict/$t.dict" ] && dict="-dict=$SRC/fuzz/dict/$t.dict"
  # -rss_limit_mb: a leak-like growth fails too; -error_exitcode: any finding is a non-zero exit.
  if ASAN_OPTIONS=detect_leaks=1:allocator_may_return_null=1 UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1 \
     "$BUILD/fuzz/$t" -max_total_time="$SECONDS_EACH" -timeout=1 -rss_limit_mb=2048 -detect_leaks=1 \
       -print_final_stats=1 -artifact_prefix="$work/artifacts/" $dict "$work/corpus" "$SRC/fuzz/corpus/$t" \
       >"$work/log" 2>&1; then
    echo "fuzz: $t ok ($(grep -o 'stat::number_of_executed_units: *[0-9]*' "$work/log" | grep -o '[0-9]*$') runs)"
  else
    echo "fuzz: $t FAILED — log $work/log, input in $work/artifacts/"
    tail -n 60 "$work/log"
    echo "reproduce: $BUILD/fuzz/$t $work/artifacts/<file>"
    return 1
  fi
}

# JOBS targets at a time; the run fails when any of them did.
status=0
pids=""
running=0
for t in $TARGETS; do
  run_one "$t" &
  pids="$pids $!"
  running=$((running + 1))
  if [ "$running" -ge "$JOBS" ]; then
    for p in $pids; do wait "$p" || status=1; done
    pids=""
    running=0
  fi
done
for p in $pids; do wait "$p" || status=1; done
[ "$status" -eq 0 ] && echo "fuzz: every target passed ($SECONDS_EACH s each)" || echo "fuzz: FAILED"
exit "$status"
