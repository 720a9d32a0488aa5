#!/bin/sh
# Development start: migrate, load demo data on first start, serve on http://127.0.0.1:8000 (loopback only; HOST or
# `serve --host` choose another address).
set -eu
BIN=${1:-build/the5hc}
"$BIN" migrate up
if "$BIN" demo-data --help >/dev/null 2>&1; then "$BIN" demo-data; fi
exec "$BIN" serve
