#!/bin/sh
# `make bench-compare` (issue 11): the Django peer and the5hc under the same load, in one run, with the ratios.
#   1. the peer's own run.sh, as it is (DJANGO_PEER, default ../shared/bench/django-peer beside the checkout);
#   2. bench/run.sh on SQLite with the same knobs, plus the large-data timing at one connection (LARGE=1);
#   3. bench/run.sh on a throw-away local PostgreSQL cluster (fsync on: durable commits, as the peer's run);
#   4. one table: peer rps, the5hc rps, ratio, the5hc p99 — and the issue's goals beside them.
# Knobs (passed to both): CLIENTS (1000), THREADS (2), CONNS (32), DURATION (10s), WARMUP (2s). PG=0 skips step 3.
# The machine is shared by both servers and by wrk: compare ratios from one run, not absolute numbers across runs.
set -eu
BUILD=${1:-build}
HERE=$(dirname "$(realpath "$0")")
ROOT=$(dirname "$HERE")
PEER=${DJANGO_PEER:-$ROOT/../shared/bench/django-peer}
[ -d "$PEER" ] || PEER=/work/shared/bench/django-peer
export CLIENTS=${CLIENTS:-1000} THREADS=${THREADS:-2} CONNS=${CONNS:-32} DURATION=${DURATION:-10s} WARMUP=${WARMUP:-2s}
OUT=$(mktemp -d /tmp/the5hc-compare.XXXXXX)
PGDIR=""
cleanup() {
  if [ -n "$PGDIR" ]; then
    $AS "$PGBIN/pg_ctl" -D "$PGDIR/data" -m fast stop >/dev/null 2>&1 || true
    rm -rf "$PGDIR"
  fi
  rm -rf "$OUT"
}
trap cleanup EXIT INT TERM

echo "== Django peer ($PEER/run.sh)"
(unset DATABASE_URL; "$PEER/run.sh") | tee "$OUT/django.txt" || echo "# the peer's run.sh reported a problem" | tee -a "$OUT/django.txt"
echo
echo "== the5hc, SQLite"
(unset DATABASE_URL; LARGE=1 "$HERE/run.sh" "$BUILD") | tee "$OUT/the5hc.txt" || echo "# bench/run.sh reported a problem"
if [ "${PG:-1}" = 1 ]; then
  PGBIN=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -1)
  if [ -n "$PGBIN" ]; then
    echo
    echo "== the5hc, PostgreSQL ($("$PGBIN/postgres" --version), local throw-away cluster)"
    PGDIR=$(mktemp -d /tmp/the5hc-bench-pg.XXXXXX)
    PGPORT=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')
    AS=""
    if [ "$(id -u)" = 0 ]; then chown postgres "$PGDIR"; AS="runuser -u postgres --"; fi
    $AS "$PGBIN/initdb" -D "$PGDIR/data" -U postgres -A trust -E UTF8 --locale=C.UTF-8 >"$PGDIR/initdb.log" 2>&1
    $AS "$PGBIN/pg_ctl" -D "$PGDIR/data" -l "$PGDIR/server.log" -w \
      -o "-h 127.0.0.1 -p $PGPORT -k $PGDIR -c max_connections=200" start >/dev/null
    $AS "$PGBIN/createdb" -h 127.0.0.1 -p "$PGPORT" -U postgres bench
    DATABASE_URL="postgres://postgres@127.0.0.1:$PGPORT/bench" "$HERE/run.sh" "$BUILD" | tee "$OUT/the5hc-pg.txt" ||
      echo "# bench/run.sh (PostgreSQL) reported a problem"
  else
    echo "# PostgreSQL run skipped: no /usr/lib/postgresql/*/bin"
  fi
fi

echo
echo "== Ratios (one run, same machine, same knobs: -t$THREADS -c$CONNS -d$DURATION, $CLIENTS clients)"
python3 - "$OUT" <<'PY'
import os, re, sys
out = sys.argv[1]
def table(name):
    path = os.path.join(out, name)
    rows, large = {}, {}
    if not os.path.exists(path):
        return rows, large
    target = rows
    for line in open(path):
        if line.startswith("# large data"):
            target = large
        m = re.match(r"^(\w+)\s+([\d.]+)\s+([\d.]+)\s+([\d.]+)(?:\s+([\d.]+))?", line)
        if m:
            target[m.group(1)] = [float(x) for x in m.groups()[1:] if x is not None]
    return rows, large
django, _ = table("django.txt")
ours, large = table("the5hc.txt")
pg, _ = table("the5hc-pg.txt")
goal = {"assessment_create": ("≥30×", "≤50"), "healthz": ("", "")}
print(f"| endpoint | Django rps | the5hc rps | ratio | the5hc p99 ms | PostgreSQL rps | PG ratio | PG p99 ms | goal |")
print(f"|---|---|---|---|---|---|---|---|---|")
def cell(v, fmt, unit=""):
    return format(v, fmt) + unit if v is not None else "—"
for label, (rps, p50, p99, *_) in ours.items():
    d, p = django.get(label), pg.get(label)
    base = d[0] if d else None
    g = "" if label == "healthz" else ("≥30×, p99 ≤50 ms" if label == "assessment_create" else "≥30×, p99 ≤20 ms")
    print(f"| {label} | {cell(base, '.0f')} | {rps:.0f} | {cell(rps / base if base else None, '.1f', '×')} | {p99:.2f} "
          f"| {cell(p[0] if p else None, '.0f')} | {cell(p[0] / base if p and base else None, '.1f', '×')} "
          f"| {cell(p[2] if p else None, '.2f')} | {g} |")
if "healthz" in ours and "clients_list" in ours:
    print(f"\nclients_list / healthz (the5hc, SQLite): {100 * ours['clients_list'][0] / ours['healthz'][0]:.0f} % (goal ≥ 40 %)")
if large:
    print("\nLarge data at one connection (goal ≤ 10 ms each): " +
          ", ".join(f"{k} {v[3]:.2f} ms avg / {v[2]:.2f} ms p99" for k, v in large.items()))
PY
grep -h "peak RSS" "$OUT"/the5hc*.txt | sed 's/^# /RSS: /'
