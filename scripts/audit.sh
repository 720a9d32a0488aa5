#!/bin/sh
# `make audit`: what an operator checks against security advisories. 1) npm's advisory database for the pinned
# front-end packages of package-lock.json (needs network access to the npm registry); 2) the Debian packages the
# runtime image installs (the Dockerfile's last stage) with the versions installed here, to compare with
# https://security-tracker.debian.org/ or `debsecan`. Exit 1 when npm reports a vulnerability.
set -u
cd "$(dirname "$0")/.."
status=0
echo "== npm audit (package-lock.json, runtime dependencies)"
npm audit --package-lock-only --omit=dev || status=1
echo
echo "== Debian runtime packages (Dockerfile runtime stage)"
pkgs=$(awk '/^FROM /{stage++} {if (stage == 2) print}' Dockerfile | tr -d '\\' | tr ' ' '\n' |
  awk '$0 == "install" {on=1; next} $0 == "&&" {on=0} on && /^[a-z0-9][a-z0-9.+-]+$/' | sort -u)
for p in $pkgs; do
  v=$(dpkg-query -W -f='${Version}' "$p" 2>/dev/null) || v="(not installed here)"
  printf '%-28s %s\n' "$p" "$v"
done
exit $status
