#!/bin/sh
# Installs the Debian 12 packages the build, the tests and `make run` need, only when missing (idempotent).
set -eu
PKGS="build-essential cmake ninja-build ccache pkg-config git ca-certificates
libpoco-dev libsoci-dev libsqlite3-dev libpq-dev libcpp-jwt-dev libsodium-dev libcrypt-dev libssl-dev
libcairo2-dev libpango1.0-dev fonts-nanum fontconfig libkainjow-mustache-dev libboost-locale1.81-dev
libspdlog-dev libfmt-dev libcli11-dev nlohmann-json3-dev libgtest-dev libgmock-dev libxlsxwriter-dev libhiredis-dev
gettext sqlite3 postgresql postgresql-client redis-server nginx-light wrk curl procps jq python3 python3-aiosmtpd poppler-utils chromium
clang libclang-rt-14-dev"  # clang (14 on Debian 12) and its libFuzzer runtime: the fuzz targets of fuzz/
# Node.js may come from outside Debian (it does on the CI image); only ask apt for it when absent.
command -v npm >/dev/null 2>&1 || PKGS="$PKGS nodejs npm"
missing=""
for p in $PKGS; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing="$missing $p"
done
if [ -n "$missing" ]; then
  echo "installing:$missing"
  SUDO=""; [ "$(id -u)" -ne 0 ] && SUDO="sudo"
  $SUDO apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y --no-install-recommends $missing
fi
