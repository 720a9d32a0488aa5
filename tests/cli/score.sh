#!/bin/sh
# Feeds tests/cli/score_examples.jsonl through `the5hc score` and `the5hc fees` and checks every expected field,
# the exit code and, for rejected input, a single stderr line naming the field. Usage: sh tests/cli/score.sh BINARY
set -u
bin=${1:?usage: score.sh path/to/the5hc}
examples=${2:-tests/cli/score_examples.jsonl}
command -v jq >/dev/null 2>&1 || { echo "score.sh: jq is required" >&2; exit 1; }
export LC_ALL=C LANG=C LC_MESSAGES=

# `got | matches(expected)`: objects match when every expected key matches (extra keys are fine), arrays
# element-wise with the same length, anything else by equality (numbers numerically: 75 == 75.0).
matcher='def matches($e): . as $g |
  if ($e|type) == "object" then ($g|type) == "object" and ([$e|to_entries[] | . as $kv | ($g[$kv.key] | matches($kv.value))] | all)
  elif ($e|type) == "array" then ($g|type) == "array" and ($g|length) == ($e|length) and ([range(0; $e|length) as $i | ($g[$i] | matches($e[$i]))] | all)
  else $g == $e end;'

tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
failures=0
count=0
while IFS= read -r line; do
  case $line in '' | '#'*) continue ;; esac
  count=$((count + 1))
  name=$(printf '%s' "$line" | jq -r '.name')
  cmd=$(printf '%s' "$line" | jq -r '.cmd')
  want_exit=$(printf '%s' "$line" | jq -r '.exit // 0')
  if [ "$cmd" = score ]; then
    printf '%s' "$line" | jq -r 'if .raw then .raw else (.input | tojson) end' | "$bin" score >"$tmp/out" 2>"$tmp/err"
    rc=$?
  else
    # shellcheck disable=SC2046
    set -- $(printf '%s' "$line" | jq -r '.args | join(" ")')
    "$bin" fees "$@" >"$tmp/out" 2>"$tmp/err"
    rc=$?
  fi
  problem=
  if [ "$rc" != "$want_exit" ]; then
    problem="exit $rc, expected $want_exit: $(cat "$tmp/err")"
  elif [ "$want_exit" = 0 ]; then
    expect=$(printf '%s' "$line" | jq -c '.expect')
    if ! jq -e --argjson exp "$expect" "$matcher matches(\$exp)" "$tmp/out" >/dev/null 2>&1; then
      problem="output differs: expected $expect, got $(cat "$tmp/out")"
    fi
  else
    field=$(printf '%s' "$line" | jq -r '.error_field')
    lines=$(wc -l <"$tmp/err")
    if [ "$lines" -ne 1 ]; then
      problem="expected one error line, got $lines: $(cat "$tmp/err")"
    elif ! grep -qF -- "$field" "$tmp/err"; then
      problem="error does not name $field: $(cat "$tmp/err")"
    elif [ -s "$tmp/out" ]; then
      problem="printed output despite the error"
    fi
  fi
  if [ -n "$problem" ]; then
    failures=$((failures + 1))
    echo "FAIL $name: $problem"
  fi
done <"$examples"

if [ "$count" -eq 0 ]; then
  echo "score.sh: no examples read from $examples" >&2
  exit 1
fi
echo "score.sh: $((count - failures))/$count examples passed"
[ "$failures" -eq 0 ]
