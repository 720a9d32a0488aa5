#!/bin/sh
# Instructions per request, counted by callgrind: a figure that does not move with the machine's load (wrk's
# req/s on a shared 2-core machine moves ±50 % between runs, and the VM has no hardware counters). It leaves out
# lock contention and context switches — look at those with perf under bench/run.sh's load.
# Starts `the5hc serve` under valgrind on a temporary SQLite database seeded as bench/run.sh seeds it, then per
# endpoint: 2 s of warm-up, then counting only while `wrk -t1 -c4` runs for DURATION, divided by its requests.
# Stops only the server it started and removes its temporary directory.
#
# usage: bench/instructions.sh [BUILD_DIR=build] [endpoint…]   endpoints: healthz list search detail create
#        assessment_list assessment_detail dashboard (default: all). env: CLIENTS (300), DURATION (5s),
#        KEEP=DIR keeps each endpoint's callgrind file there (callgrind_annotate --inclusive=yes FILE).
set -eu
BUILD=${1:-build}
[ $# -gt 0 ] && shift
BIN=$(realpath "$BUILD/the5hc")
HERE=$(dirname "$(realpath "$0")")
. "$HERE/wrk_scripts.sh"
CLIENTS=${CLIENTS:-300}
DURATION=${DURATION:-5s}
for tool in valgrind callgrind_control callgrind_annotate wrk; do
  command -v $tool >/dev/null || { echo "instructions: $tool is missing (apt-get install valgrind wrk)" >&2; exit 1; }
done
WORK=$(mktemp -d /tmp/the5hc-instructions.XXXXXX)
SERVER_PID=""
cleanup() {
  if [ -n "$SERVER_PID" ]; then kill "$SERVER_PID" 2>/dev/null || true; wait "$SERVER_PID" 2>/dev/null || true; fi
  rm -rf "$WORK"
}
trap cleanup EXIT INT TERM
cd "$WORK"
export DATABASE_URL="sqlite:///$WORK/bench.db" DEBUG=false
export SECRET_KEY="bench-secret-key-0123456789-abcdefghijklmnopqrstuvwxyz"
export ALLOWED_HOSTS=127.0.0.1 SECURE_SSL_REDIRECT=false LOG_LEVEL=warning
export THROTTLE_ANON=100000000/second THROTTLE_USER=100000000/second LOGIN_RATE_LIMIT=1000/second
PORT=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')
BASE="http://127.0.0.1:$PORT"
"$BIN" migrate up >/dev/null
printf 'Bench-pass-2024\n' | "$BIN" create-user bench --email bench@example.com --password-stdin \
  --create-organization "Bench Studio" >/dev/null
wait_for_server() {
  until curl -fsS "$BASE/healthz" >/dev/null 2>&1; do
    kill -0 "$SERVER_PID" 2>/dev/null || { cat server.log >&2; exit 1; }
    sleep 0.2
  done
}
login() {
  curl -fsS -H 'Content-Type: application/json' -d '{"email_or_username": "bench", "password": "Bench-pass-2024"}' \
    "$BASE/api/v1/auth/login/" | python3 -c 'import json, sys; print(json.load(sys.stdin)["access"])'
}
# Seeded by a plain server (valgrind would make it slow), then measured under callgrind.
"$BIN" serve --host 127.0.0.1 --port "$PORT" >>server.log 2>&1 &
SERVER_PID=$!
wait_for_server
TOKEN=$(login)
python3 "$HERE/seed.py" "$BASE" "$TOKEN" "$CLIENTS" 5 >client-ids.txt 2>seed.log
CLIENT_ID=$(sed -n "$(( (CLIENTS + 1) / 2 ))p" client-ids.txt)
ASSESSMENT_ID=$(curl -fsS -H "Authorization: Bearer $TOKEN" "$BASE/api/v1/assessments/?client=$CLIENT_ID" |
  python3 -c 'import json, sys; print(json.load(sys.stdin)["results"][0]["id"])')
kill "$SERVER_PID"; wait "$SERVER_PID" 2>/dev/null || true
write_wrk_scripts "$TOKEN" "$CLIENT_ID"
# --trace-children: serve starts itself again once with its allocator settings (src/app/cmd_serve.cpp); the
# process measured is that one.
valgrind --tool=callgrind --trace-children=yes --instr-atstart=no --callgrind-out-file="$WORK/callgrind.out" \
  "$BIN" serve --host 127.0.0.1 --port "$PORT" --threads 16 >>server.log 2>&1 &
SERVER_PID=$!
wait_for_server
echo "# $(date -u +%FT%TZ); the5hc $("$BIN" version 2>/dev/null | head -n 1); $CLIENTS clients; callgrind, wrk -t1 -c4 -d$DURATION"
printf '%-18s %9s %14s\n' endpoint requests kinstr_per_req
[ $# -gt 0 ] || set -- healthz list search detail create assessment_list assessment_detail dashboard
for label in "$@"; do
  lua=auth.lua
  case $label in
    healthz) path=/healthz ;;
    list) path=/api/v1/clients/ ;;
    search) path="/api/v1/clients/?search=%EA%B9%80" ;;
    detail) path=/api/v1/clients/$CLIENT_ID/ ;;
    create) path=/api/v1/assessments/ lua=post.lua ;;
    assessment_list) path=/api/v1/assessments/ ;;
    assessment_detail) path=/api/v1/assessments/$ASSESSMENT_ID/ ;;
    dashboard) path=/api/v1/users/dashboard_stats/ ;;
    *) echo "instructions: unknown endpoint $label" >&2; exit 2 ;;
  esac
  wrk -t1 -c4 -d2s -s "$lua" "$BASE$path" >/dev/null
  callgrind_control -z "$SERVER_PID" >/dev/null 2>&1
  callgrind_control -i on "$SERVER_PID" >/dev/null 2>&1
  out=$(wrk -t1 -c4 -d"$DURATION" --timeout 10s -s "$lua" "$BASE$path")
  callgrind_control -i off "$SERVER_PID" >/dev/null 2>&1
  callgrind_control -d "$label" "$SERVER_PID" >/dev/null 2>&1
  n=$(echo "$out" | awk '/requests in/ {print $1}')
  file=$(ls -t "$WORK"/callgrind.out* | head -n 1)
  total=$(callgrind_annotate "$file" 2>/dev/null | awk '/PROGRAM TOTALS/ {gsub(",", "", $1); print $1}')
  printf '%-18s %9s %14s\n' "$label" "$n" "$(python3 -c "print(round($total / 1000 / max($n, 1), 1))")"
  if [ -n "${KEEP:-}" ]; then mkdir -p "$KEEP"; cp "$file" "$KEEP/callgrind-$label.out"; fi
done
