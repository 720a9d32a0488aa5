#!/bin/sh
# HTTP benchmark: starts `the5hc serve` on loopback on a temporary database (production settings, throttles lifted),
# seeds it through the API (bench/seed.py: CLIENTS clients × 5 assessments), logs in, and prints
# `endpoint rps p50_ms p99_ms` per endpoint measured with wrk after a warm-up — the same labels, knobs and output
# as the Django peer's run.sh (../shared/bench/django-peer), so bench/compare.sh can put the two side by side.
# Then the server's peak RSS under the load (reset after the logins, whose argon2id hash takes 64 MiB).
# Stops only the server it started (by PID) and removes its temporary directory.
#
# usage: bench/run.sh [BUILD_DIR=build]
# env:   CLIENTS (1000), THREADS (2), CONNS (32), DURATION (10s), WARMUP (2s) — the peer's knobs;
#        DATABASE_URL (unset = a temporary SQLite file; postgres://… = that database, which must be empty);
#        LARGE=1: also grow the data to 10 × CLIENTS clients / 50 × CLIENTS assessments (SQLite only; copies of the
#        seeded rows, bench/grow.py) and time the dashboard and lists at one connection.
# The older BENCH_CLIENTS / BENCH_CONNECTIONS / BENCH_DURATION still work.
set -eu
BUILD=${1:-build}
BIN=$(realpath "$BUILD/the5hc")
HERE=$(dirname "$(realpath "$0")")
. "$HERE/wrk_scripts.sh"
CLIENTS=${CLIENTS:-${BENCH_CLIENTS:-1000}}
THREADS=${THREADS:-2}
CONNS=${CONNS:-${BENCH_CONNECTIONS:-32}}
DURATION=${DURATION:-${BENCH_DURATION:-10s}}
WARMUP=${WARMUP:-2s}
LARGE=${LARGE:-0}
command -v wrk >/dev/null || { echo "bench: wrk is missing (apt-get install wrk)" >&2; exit 1; }
[ "$THREADS" -le "$CONNS" ] || THREADS=$CONNS  # wrk needs a connection per thread

WORK=$(mktemp -d /tmp/the5hc-bench.XXXXXX)
SERVER_PID=""
stop_server() {
  if [ -n "$SERVER_PID" ]; then kill "$SERVER_PID" 2>/dev/null || true; wait "$SERVER_PID" 2>/dev/null || true; fi
  SERVER_PID=""
}
cleanup() {
  stop_server
  rm -rf "$WORK"
}
trap cleanup EXIT INT TERM

PORT=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')
BASE="http://127.0.0.1:$PORT"
cd "$WORK"
DB_KIND=postgresql
if [ -z "${DATABASE_URL:-}" ]; then DATABASE_URL="sqlite:///$WORK/bench.db"; DB_KIND="sqlite-wal (synchronous=FULL)"; fi
export DATABASE_URL DEBUG=false
export SECRET_KEY="bench-secret-key-0123456789-abcdefghijklmnopqrstuvwxyz"
export ALLOWED_HOSTS=127.0.0.1 SECURE_SSL_REDIRECT=false LOG_LEVEL=warning
export THROTTLE_ANON=100000000/second THROTTLE_USER=100000000/second LOGIN_RATE_LIMIT=1000/second

"$BIN" migrate up >/dev/null
printf 'Bench-pass-2024\n' | "$BIN" create-user bench --email bench@example.com --password-stdin \
  --create-organization "Bench Studio" >/dev/null

start_server() {
  "$BIN" serve --host 127.0.0.1 --port "$PORT" >>server.log 2>&1 &
  SERVER_PID=$!
  i=0
  until curl -fsS "$BASE/healthz" >/dev/null 2>&1; do
    i=$((i + 1))
    [ $i -le 100 ] || { echo "bench: server did not start" >&2; cat server.log >&2; exit 1; }
    kill -0 "$SERVER_PID" 2>/dev/null || { cat server.log >&2; exit 1; }
    sleep 0.1
  done
}
start_server

TOKEN=$(curl -fsS -H 'Content-Type: application/json' \
  -d '{"email_or_username": "bench", "password": "Bench-pass-2024"}' "$BASE/api/v1/auth/login/" |
  python3 -c 'import json, sys; print(json.load(sys.stdin)["access"])')

START=$(date +%s)
python3 "$HERE/seed.py" "$BASE" "$TOKEN" "$CLIENTS" 5 >client-ids.txt 2>seed.log
echo "# seeded $CLIENTS clients × 5 assessments through the API in $(( $(date +%s) - START )) s" >&2
# PostgreSQL plans from table statistics, which autovacuum gathers within a minute of such a load (autovacuum_naptime);
# measured straight after the seeding, the client list ran on the empty tables' estimates at a fifth of its speed. The
# bench measures the steady state, so it gathers them now.
case $DATABASE_URL in
  postgres*) psql -q "$DATABASE_URL" -c ANALYZE && echo "# ANALYZE after seeding, as autovacuum would" >&2 ;;
esac
CLIENT_ID=$(sed -n "$(( (CLIENTS + 1) / 2 ))p" client-ids.txt)
# The seeded state, before the POST run adds thousands of assessments to one client: what LARGE=1 grows.
case $DATABASE_URL in
  sqlite*) python3 -c 'import sqlite3, sys; sqlite3.connect(sys.argv[1]).backup(sqlite3.connect(sys.argv[2]))' \
    "$WORK/bench.db" "$WORK/seeded.db" ;;
esac
ASSESSMENT_ID=$(curl -fsS -H "Authorization: Bearer $TOKEN" "$BASE/api/v1/assessments/?client=$CLIENT_ID" |
  python3 -c 'import json, sys; print(json.load(sys.stdin)["results"][0]["id"])')

write_wrk_scripts "$TOKEN" "$CLIENT_ID"

# label|path|lua — every read first, on the seeded data (1,000 clients × 5 assessments, as the issue measures it),
# then the creates, as the peer orders its own (its reads, then create). Before, the reads the peer does not serve
# came after the creates and measured a database that ten seconds of creates had grown to ~45,000 assessments of today.
# The search term matches one family name of the seed (about 1 in 20 clients, as "garcia" does in the peer's seed).
ENDPOINTS="healthz|/healthz|auth.lua
clients_list|/api/v1/clients/|auth.lua
clients_search|/api/v1/clients/?search=%EA%B9%80|auth.lua
client_detail|/api/v1/clients/$CLIENT_ID/|auth.lua
assessment_list|/api/v1/assessments/|auth.lua
assessment_detail|/api/v1/assessments/$ASSESSMENT_ID/|auth.lua
dashboard_stats|/api/v1/users/dashboard_stats/|auth.lua
assessment_create|/api/v1/assessments/|post.lua"

# measure THREADS CONNS DURATION label path lua: one wrk run → "label rps p50_ms p99_ms [avg_ms]" (exit 1 on errors)
measure() {
  wrk -t"$1" -c"$2" -d"$3" --timeout 10s --latency -s "$6" "$BASE$5" >"wrk-$4.txt" 2>&1 || true
  python3 - "$4" "wrk-$4.txt" <<'PY'
import re, sys
label, out = sys.argv[1], open(sys.argv[2]).read()
def ms(v):
    n, unit = re.match(r"([\d.]+)(\w+)", v).groups()
    return float(n) * {"us": 0.001, "ms": 1.0, "s": 1000.0, "m": 60000.0}[unit]
rps = re.search(r"Requests/sec:\s+([\d.]+)", out)
p50 = re.search(r"^\s+50%\s+(\S+)", out, re.M)
p99 = re.search(r"^\s+99%\s+(\S+)", out, re.M)
avg = re.search(r"^\s+Latency\s+(\S+)", out, re.M)
if not (rps and p50 and p99 and avg):
    sys.exit(f"{label}: wrk output not understood: " + " / ".join(out.strip().splitlines()[-3:]))
print(f"{label:<18} {float(rps.group(1)):9.1f} {ms(p50.group(1)):9.2f} {ms(p99.group(1)):9.2f} {ms(avg.group(1)):9.2f}")
bad = re.search(r"Non-2xx or 3xx responses:\s+(\d+)", out)
err = re.search(r"Socket errors:.*", out)
if bad or err:
    print(f"# {label}: {bad.group(1) if bad else 0} non-2xx responses; {err.group(0) if err else ''}", file=sys.stderr)
    sys.exit(1)
PY
}

peak_rss() { awk '/VmHWM/ {printf "%.1f", $2 / 1024}' "/proc/$SERVER_PID/status"; }
# A login hashes with argon2id at 64 MiB (DOMAIN.md §7.3): that transient peak is the password policy's, not the
# load's, so the peak is reset (clear_refs 5) after the logins and measured under the load alone.
reset_peak_rss() {
  echo "# server peak RSS before the load, with the login's argon2id: $(peak_rss) MB"
  echo 5 >"/proc/$SERVER_PID/clear_refs" 2>/dev/null || echo "# (peak RSS could not be reset: it includes the login)"
}

echo "# $(date -u +%FT%TZ), $(nproc) cores, load average $(cut -d' ' -f1-3 /proc/loadavg); the5hc $("$BIN" version 2>/dev/null | head -n 1), $DB_KIND, $CLIENTS clients"
echo "# wrk -t$THREADS -c$CONNS -d$DURATION after a $WARMUP warm-up, sharing the cores with the server"
reset_peak_rss
printf '%-18s %9s %9s %9s %9s\n' endpoint rps p50_ms p99_ms avg_ms
problems=0
echo "$ENDPOINTS" | while IFS='|' read -r label path lua; do
  wrk -t"$THREADS" -c"$CONNS" -d"$WARMUP" --timeout 10s -s "$lua" "$BASE$path" >/dev/null 2>&1 || true
  measure "$THREADS" "$CONNS" "$DURATION" "$label" "$path" "$lua" || echo "problem" >problems
done
[ ! -f problems ] || problems=1
echo "# server peak RSS under the load: $(peak_rss) MB (VmHWM after the load)"
echo "# assessments in DB after the run: $(curl -fsS -H "Authorization: Bearer $TOKEN" "$BASE/api/v1/assessments/?page_size=1" |
  python3 -c 'import json, sys; print(json.load(sys.stdin)["count"])')"

if [ "$LARGE" = 1 ]; then
  case $DATABASE_URL in sqlite*) ;; *) echo "# large data: SQLite only, skipped"; exit $problems ;; esac
  stop_server
  rm -f "$WORK/bench.db-wal" "$WORK/bench.db-shm"
  mv "$WORK/seeded.db" "$WORK/bench.db"
  python3 "$HERE/grow.py" "$WORK/bench.db" 10 >&2
  start_server
  TOKEN=$(curl -fsS -H 'Content-Type: application/json' \
    -d '{"email_or_username": "bench", "password": "Bench-pass-2024"}' "$BASE/api/v1/auth/login/" |
    python3 -c 'import json, sys; print(json.load(sys.stdin)["access"])')
  echo "wrk.headers[\"Authorization\"] = \"Bearer $TOKEN\"" >auth.lua
  COUNTS=$(curl -fsS -H "Authorization: Bearer $TOKEN" "$BASE/api/v1/users/dashboard_stats/" |
    python3 -c 'import json, sys; d = json.load(sys.stdin); print(d["total_clients"], "clients /", d["total_assessments"], "assessments")')
  echo "# large data: $COUNTS; wrk -t1 -c1 -d$DURATION after a $WARMUP warm-up (avg_ms is the time per request)"
  reset_peak_rss
  printf '%-18s %9s %9s %9s %9s\n' endpoint rps p50_ms p99_ms avg_ms
  for e in "dashboard_stats|/api/v1/users/dashboard_stats/" "clients_list|/api/v1/clients/" \
           "clients_search|/api/v1/clients/?search=%EA%B9%80" "assessment_list|/api/v1/assessments/"; do
    label=${e%%|*} path=${e#*|}
    wrk -t1 -c1 -d"$WARMUP" -s auth.lua "$BASE$path" >/dev/null 2>&1 || true
    measure 1 1 "$DURATION" "$label" "$path" auth.lua || problems=1
  done
  echo "# server peak RSS with large data: $(peak_rss) MB"
fi
exit $problems
