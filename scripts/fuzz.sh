#!/bin/sh
# Runs every libFuzzer target of fuzz/ for SECONDS each, JOBS at a time (`make fuzz-short`: 60 s, `make fuzz`:
# FUZZ_SECONDS). Usage: scripts/fuzz.sh BUILD_DIR SECONDS [TARGET...]
# Each target starts from its committed seeds (fuzz/corpus/<target>/) plus what earlier runs in this build directory
# found (BUILD/fuzz-work/<target>/corpus, where new inputs go: the source tree is never written). Any crash, sanitizer
# report, leak, input slower than 1 s (-timeout=1; see confirmed_timeout) or exception outside the contract fails the
# run; the input lands in BUILD/fuzz-work/<target>/artifacts/ and the log's tail is printed with the command that
# reproduces it.
set -eu
BUILD=${1:?usage: scripts/fuzz.sh BUILD_DIR SECONDS [TARGET...]}
SECONDS_EACH=${2:?usage: scripts/fuzz.sh BUILD_DIR SECONDS [TARGET...]}
shift 2
JOBS=${FUZZ_JOBS:-2}
SRC=$(cd "$(dirname "$0")/.." && pwd)
BUILD=$(cd "$BUILD" && pwd)
TARGETS=${*:-$(cd "$SRC/fuzz/corpus" && ls)}

fuzz_run() {  # target seconds work dict: one libFuzzer run, its output appended to work/log
  ASAN_OPTIONS=detect_leaks=1:allocator_may_return_null=1 UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1 \
    "$BUILD/fuzz/$1" -max_total_time="$2" -timeout=1 -rss_limit_mb=2048 -detect_leaks=1 -print_final_stats=1 \
    -artifact_prefix="$3/artifacts/" $4 "$3/corpus" "$SRC/fuzz/corpus/$1" >>"$3/log" 2>&1
}

# A timeout is confirmed by running its input again, alone, three times: the targets are deterministic, so a real
# hang (> 1 s) repeats, while a run that was only descheduled on a loaded machine (the timer is wall-clock) does
# not. An unconfirmed timeout is reported and fuzzing goes on for the rest of the target's time.
confirmed_timeout() {  # target artifact
  for attempt in 1 2 3; do
    "$BUILD/fuzz/$1" -timeout=1 "$2" >/dev/null 2>&1 || continue
    return 1
  done
  return 0
}

run_one() {
  t=$1
  work="$BUILD/fuzz-work/$t"
  mkdir -p "$work/corpus" "$work/artifacts"
  : >"$work/log"
  dict=""
  [ -f "$SRC/fuzz/dict/$t.dict" ] && dict="-dict=$SRC/fuzz/dict/$t.dict"
  end=$(($(date +%s) + SECONDS_EACH))
  left=$SECONDS_EACH
  while :; do
    before=$(ls "$work/artifacts" | wc -l)
    if fuzz_run "$t" "$left" "$work" "$dict"; then
      echo "fuzz: $t ok ($(awk '/stat::number_of_executed_units/ {n += $2} END {print n}' "$work/log") runs)"
      return 0
    fi
    timeout_file=$(ls -t "$work/artifacts" | head -1)
    left=$((end - $(date +%s)))
    case "$timeout_file" in
      timeout-*)
        if [ "$(ls "$work/artifacts" | wc -l)" -gt "$before" ] &&
           ! confirmed_timeout "$t" "$work/artifacts/$timeout_file"; then
          echo "fuzz: $t: $timeout_file did not repeat when run alone (machine load, not a hang); going on"
          mv "$work/artifacts/$timeout_file" "$work/artifacts/unconfirmed-$timeout_file"
          [ "$left" -gt 5 ] && continue
          echo "fuzz: $t ok"
          return 0
        fi ;;
    esac
    echo "fuzz: $t FAILED — log $work/log, input in $work/artifacts/"
    tail -n 60 "$work/log"
    echo "reproduce: $BUILD/fuzz/$t $work/artifacts/<file>"
    return 1
  done
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
