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
us=$(printf '\037')  # field separator: not white space, so empty fields survive `read`

# one jq run splits every example into: name, cmd, exit, error_field, fees args, stdin for score, expected
grep -v '^#' "$examples" | grep -v '^$' | jq -r '[.name, .cmd, (.exit // 0 | tostring), (.error_field // ""),
    ((.args // []) | join(" ")), (if has("raw") then .raw else (.input // {} | tojson) end), (.expect // {} | tojson)]
  | join("\u001f")' >"$tmp/cases" || { echo "score.sh: cannot read $examples" >&2; exit 1; }

failures=0
count=0
while IFS=$us read -r name cmd want_exit field args stdin expect; do
  count=$((count + 1))
  if [ "$cmd" = score ]; then
    printf '%s' "$stdin" | "$bin" score >"$tmp/out" 2>"$tmp/err"
  else
    # shellcheck disable=SC2086
    "$bin" fees $args >"$tmp/out" 2>"$tmp/err"
  fi
  rc=$?
  problem=
  if [ "$rc" != "$want_exit" ]; then
    problem="exit $rc, expected $want_exit: $(cat "$tmp/err")"
  elif [ "$want_exit" = 0 ]; then
    if ! jq -e --argjson exp "$expect" "$matcher matches(\$exp)" "$tmp/out" >/dev/null 2>&1; then
      problem="output differs: expected $expect, got $(cat "$tmp/out")"
    fi
  else
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
done <"$tmp/cases"

if [ "$count" -eq 0 ]; then
  echo "score.sh: no examples read from $examples" >&2
  exit 1
fi
echo "score.sh: $((count - failures))/$count examples passed"
[ "$failures" -eq 0 ]
