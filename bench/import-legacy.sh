#!/bin/sh
# Times `the5hc import-legacy` on a synthetic legacy database of N assessments (bench/make-legacy-db.py) into a
# fresh, migrated SQLite database (or DATABASE_URL when set), and prints rows/s.
# usage: bench/import-legacy.sh [N=100000] [path/to/the5hc]
set -eu
N=${1:-100000}
BIN=$(realpath "${2:-build/the5hc}")
HERE=$(dirname "$(realpath "$0")")
WORK=$(mktemp -d /tmp/the5hc-bench-legacy.XXXXXX)
trap 'rm -rf "$WORK"' EXIT INT TERM
python3 "$HERE/make-legacy-db.py" "$N" "$WORK/legacy.db"
cd "$WORK"
export DATABASE_URL=${DATABASE_URL:-sqlite:///$WORK/target.db}
export DEBUG=true
"$BIN" migrate >/dev/null
ROWS=$(sqlite3 legacy.db "SELECT (SELECT count(*) FROM trainers) + (SELECT count(*) FROM clients) +
  (SELECT count(*) FROM assessments) + (SELECT count(*) FROM session_packages) +
  (SELECT count(*) FROM training_sessions) + (SELECT count(*) FROM sessions) +
  (SELECT count(*) FROM payment_records) + (SELECT count(*) FROM payments)")
START=$(date +%s.%N)
"$BIN" import-legacy legacy.db --report report.json >import.out
END=$(date +%s.%N)
tail -n 3 import.out
python3 - "$START" "$END" "$ROWS" <<'PY'
import sys
start, end, rows = float(sys.argv[1]), float(sys.argv[2]), int(sys.argv[3])
secs = end - start
print(f"import-legacy: {rows} rows in {secs:.2f} s = {rows / secs:,.0f} rows/s")
PY
# A second run must import nothing (idempotency) and is timed as well.
START=$(date +%s.%N)
"$BIN" import-legacy legacy.db >rerun.out
END=$(date +%s.%N)
grep '^total' rerun.out
python3 -c "import sys; print(f're-run: {float(sys.argv[2]) - float(sys.argv[1]):.2f} s')" "$START" "$END"
