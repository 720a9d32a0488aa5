#!/bin/sh
# Compares the migrated schemas of an SQLite file and a PostgreSQL database: tables with their columns in order,
# and the named indexes (ix_*/ux_*) with their table. Prints a diff and exits 1 when they differ.
# Usage: scripts/schema-columns.sh the5hc.db postgres://user@host:port/db
set -eu
[ $# -eq 2 ] || { echo "usage: $0 SQLITE_FILE POSTGRES_URL" >&2; exit 2; }
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
sqlite3 "$1" "SELECT 'column ' || m.name || '.' || p.name FROM sqlite_master m, pragma_table_info(m.name) p
  WHERE m.type = 'table' AND m.name NOT LIKE 'sqlite_%' AND m.name <> 'schema_migrations' ORDER BY m.name, p.cid;
  SELECT 'index ' || tbl_name || '.' || name FROM sqlite_master
  WHERE type = 'index' AND (name LIKE 'ix\_%' ESCAPE '\' OR name LIKE 'ux\_%' ESCAPE '\') ORDER BY tbl_name, name;" \
  >"$tmp/sqlite"
psql -X -At -v ON_ERROR_STOP=1 "$2" -c "SELECT 'column ' || table_name || '.' || column_name FROM information_schema.columns
  WHERE table_schema = 'public' AND table_name <> 'schema_migrations' ORDER BY table_name::text COLLATE \"C\", ordinal_position" \
  -c "SELECT 'index ' || tablename || '.' || indexname FROM pg_indexes
  WHERE schemaname = 'public' AND (indexname LIKE 'ix\_%' OR indexname LIKE 'ux\_%') ORDER BY tablename::text COLLATE \"C\", indexname::text COLLATE \"C\"" \
  >"$tmp/postgres"
if diff -u "$tmp/sqlite" "$tmp/postgres"; then
  echo "schemas match: $(grep -c '^column' "$tmp/sqlite") columns, $(grep -c '^index' "$tmp/sqlite") named indexes"
else
  exit 1
fi
