#!/bin/sh
# HTTP benchmark: starts `the5hc serve` on loopback on a temporary SQLite database (production settings, throttles
# lifted), seeds it through the API (bench/seed.py), logs in, and prints `endpoint req/s p50 p99` per endpoint
# measured with wrk. Bounded: BENCH_DURATION per endpoint (default 10s). Stops only the server it started (by PID)
# and removes its temporary directory. Endpoints this build does not implement are skipped with a message.
# usage: bench/run.sh [BUILD_DIR=build]   env: BENCH_CLIENTS (300), BENCH_DURATION (10s), BENCH_CONNECTIONS (8)
set -eu
BUILD=${1:-build}
BIN=$(realpath "$BUILD/the5hc")
HERE=$(dirname "$(realpath "$0")")
CLIENTS=${BENCH_CLIENTS:-300}
DURATION=${BENCH_DURATION:-10s}
CONNECTIONS=${BENCH_CONNECTIONS:-8}
command -v wrk >/dev/null || { echo "bench: wrk is missing (apt-get install wrk)" >&2; exit 1; }

WORK=$(mktemp -d /tmp/the5hc-bench.XXXXXX)
SERVER_PID=""
cleanup() {
  if [ -n "$SERVER_PID" ]; then kill "$SERVER_PID" 2>/dev/null || true; wait "$SERVER_PID" 2>/dev/null || true; fi
  rm -rf "$WORK"
}
trap cleanup EXIT INT TERM

PORT=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')
BASE="http://127.0.0.1:$PORT"
cd "$WORK"
export DATABASE_URL="sqlite:///$WORK/bench.db" DEBUG=false
export SECRET_KEY="bench-secret-key-0123456789-abcdefghijklmnopqrstuvwxyz"
export ALLOWED_HOSTS=127.0.0.1 SECURE_SSL_REDIRECT=false LOG_LEVEL=warning
export THROTTLE_ANON=100000000/second THROTTLE_USER=100000000/second LOGIN_RATE_LIMIT=1000/second

"$BIN" migrate up >/dev/null
printf 'Bench-pass-2024\n' | "$BIN" create-user bench --email bench@example.com --password-stdin \
  --create-organization "Bench Studio" >/dev/null
"$BIN" serve --host 127.0.0.1 --port "$PORT" >server.log 2>&1 &
SERVER_PID=$!
i=0
until curl -fsS "$BASE/healthz" >/dev/null 2>&1; do
  i=$((i + 1))
  [ $i -le 100 ] || { echo "bench: server did not start" >&2; cat server.log >&2; exit 1; }
  kill -0 "$SERVER_PID" 2>/dev/null || { cat server.log >&2; exit 1; }
  sleep 0.1
done

TOKEN=$(curl -fsS -H 'Content-Type: application/json' \
  -d '{"email_or_username": "bench", "password": "Bench-pass-2024"}' "$BASE/api/v1/auth/login/" |
  python3 -c 'import json, sys; print(json.load(sys.stdin)["access"])')

SEEDED=no
START=$(date +%s)
if python3 "$HERE/seed.py" "$BASE" "$TOKEN" "$CLIENTS" 5 >client-ids.txt; then
  SEEDED=yes
  echo "seeded $CLIENTS clients × 5 assessments through the API in $(( $(date +%s) - START )) s"
else
  [ $? -eq 3 ] || exit 1
  echo "seeding skipped: this build has no clients/assessments API yet"
fi
CLIENT_ID=$(sed -n "$(( (CLIENTS + 1) / 2 ))p" client-ids.txt 2>/dev/null || true)

# wrk script for requests with a bearer token (and a JSON body for POST).
cat >auth.lua <<LUA
wrk.headers["Authorization"] = "Bearer $TOKEN"
LUA
if [ -n "$CLIENT_ID" ]; then
  python3 "$HERE/seed.py" --assessment-body "$CLIENT_ID" >assessment.json
  cat >post.lua <<LUA
wrk.method = "POST"
wrk.headers["Authorization"] = "Bearer $TOKEN"
wrk.headers["Content-Type"] = "application/json"
local f = io.open("$WORK/assessment.json")
wrk.body = f:read("*a")
f:close()
LUA
fi

printf '%-36s %10s %10s %10s %s\n' endpoint req/s p50 p99 ""
# bench NAME METHOD PATH LUA: one wrk run; skipped when the endpoint is not routed (404/405 without the token's
# help) or needs seeded data that does not exist.
bench() {
  name=$1 method=$2 path=$3 script=$4
  if [ "$method" = GET ]; then
    status=$(curl -s -o /dev/null -w '%{http_code}' -H "Authorization: Bearer $TOKEN" "$BASE$path")
  else
    status=$(curl -s -o /dev/null -w '%{http_code}' -X "$method" -H "Authorization: Bearer $TOKEN" \
      -H 'Content-Type: application/json' --data-binary @assessment.json "$BASE$path")
  fi
  case $status in
    2*) ;;
    *) printf '%-36s skipped: %s %s answers %s on this build\n' "$name" "$method" "$path" "$status"; return 0 ;;
  esac
  wrk -t2 -c"$CONNECTIONS" -d"$DURATION" --latency -s "$script" "$BASE$path" >wrk.out 2>&1 || {
    printf '%-36s wrk failed: %s\n' "$name" "$(tail -n 1 wrk.out)"; return 0; }
  python3 - "$name" wrk.out <<'PY'
import re, sys
out = open(sys.argv[2]).read()
rps = re.search(r"Requests/sec:\s+([\d.]+)", out)
p50 = re.search(r"^\s+50%\s+(\S+)", out, re.M)
p99 = re.search(r"^\s+99%\s+(\S+)", out, re.M)
bad = re.search(r"Non-2xx or 3xx responses:\s+(\d+)", out)
if not (rps and p50 and p99):
    sys.exit(f"{sys.argv[1]:<36} wrk output not understood: " + " / ".join(out.strip().splitlines()[-3:]))
note = f"  ({bad.group(1)} non-2xx responses)" if bad else ""
print(f"{sys.argv[1]:<36} {float(rps.group(1)):>10.0f} {p50.group(1):>10} {p99.group(1):>10}{note}")
PY
}

bench "GET /healthz" GET /healthz auth.lua
bench "GET /api/v1/clients/" GET /api/v1/clients/ auth.lua
bench "GET /api/v1/clients/?search=<name>" GET "/api/v1/clients/?search=%EA%B9%80" auth.lua
if [ -n "$CLIENT_ID" ]; then
  bench "GET /api/v1/clients/{id}/" GET "/api/v1/clients/$CLIENT_ID/" auth.lua
  bench "POST /api/v1/assessments/" POST /api/v1/assessments/ post.lua
else
  printf '%-36s skipped: no seeded client\n' "GET /api/v1/clients/{id}/" "POST /api/v1/assessments/"
fi
