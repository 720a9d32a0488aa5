#!/bin/sh
# The deployment kit (OPERATIONS.md §3) passes the checks this machine can run: `nginx -t` on deploy/nginx.conf,
# `systemd-analyze verify` on deploy/the5hc.service (no warning allowed), every Debian package the Dockerfile
# installs exists in Debian 12, the runtime stage provides every shared library the5hc links directly, the Procfile
# and the Dockerfile say what OPERATIONS.md §3 asks, and .env.example documents every variable the configuration
# reads. A check whose tool is missing here is reported as skipped. Usage: sh tests/cli/deploy_files.sh BINARY
set -u
bin=$(readlink -f "${1:?usage: deploy_files.sh path/to/the5hc}")
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
failures=0
fail() { echo "FAIL $*"; failures=$((failures + 1)); }
skip() { echo "skip: $*"; }

# nginx -t: the site inside a minimal main configuration, with a throw-away certificate in place of Let's Encrypt's.
if command -v nginx >/dev/null 2>&1 && command -v openssl >/dev/null 2>&1; then
  openssl req -x509 -newkey rsa:2048 -nodes -days 1 -subj /CN=studio.example.com \
    -keyout "$tmp/key.pem" -out "$tmp/cert.pem" >/dev/null 2>&1
  sed -e "s|/etc/letsencrypt/live/studio.example.com/fullchain.pem|$tmp/cert.pem|" \
      -e "s|/etc/letsencrypt/live/studio.example.com/privkey.pem|$tmp/key.pem|" deploy/nginx.conf >"$tmp/site.conf"
  cat >"$tmp/nginx.conf" <<CONF
pid $tmp/nginx.pid;
error_log $tmp/error.log;
events {}
http {
  access_log off;
  client_body_temp_path $tmp/body;
  proxy_temp_path $tmp/proxy;
  include $tmp/site.conf;
}
CONF
  nginx -t -q -c "$tmp/nginx.conf" -p "$tmp" >"$tmp/nginx.out" 2>&1 || fail "nginx -t: $(cat "$tmp/nginx.out")"
  grep -q 'add_header' deploy/nginx.conf && fail "nginx.conf adds headers the application already sets"
  for want in 'proxy_pass http://' 'TLSv1.2 TLSv1.3' 'client_max_body_size 2m' 'proxy_read_timeout 60s' \
      'X-Request-ID $request_id' 'X-Forwarded-Proto $scheme' 'location = /metrics' 'return 301 https://'; do
    grep -qF -- "$want" deploy/nginx.conf || fail "nginx.conf lacks: $want"
  done
else
  skip "nginx -t (nginx or openssl not installed)"
fi

# systemd-analyze verify exits 0 even for unknown keys; any message on stderr is a finding.
if command -v systemd-analyze >/dev/null 2>&1; then
  mkdir "$tmp/unit"
  sed -e "s|/usr/local/bin/the5hc|$bin|g" deploy/the5hc.service >"$tmp/unit/the5hc.service"
  systemd-analyze verify "$tmp/unit/the5hc.service" >"$tmp/sd.out" 2>&1 || fail "systemd-analyze: $(cat "$tmp/sd.out")"
  [ -s "$tmp/sd.out" ] && fail "systemd-analyze verify: $(cat "$tmp/sd.out")"
  for want in 'User=the5hc' 'EnvironmentFile=/etc/the5hc/the5hc.env' 'WorkingDirectory=/var/lib/the5hc' \
      'ExecStartPre=/usr/local/bin/the5hc migrate up' 'ExecStart=/usr/local/bin/the5hc serve' 'Restart=on-failure' \
      'KillSignal=SIGTERM' 'TimeoutStopSec=40' 'NoNewPrivileges=yes' 'ProtectSystem=strict' \
      'ReadWritePaths=/var/lib/the5hc' 'ProtectHome=yes' 'PrivateTmp=yes' 'PrivateDevices=yes' \
      'RestrictAddressFamilies=AF_INET AF_INET6 AF_UNIX' 'CapabilityBoundingSet=' 'LimitNOFILE=65536'; do
    grep -qxF -- "$want" deploy/the5hc.service || fail "the5hc.service lacks: $want"
  done
else
  skip "systemd-analyze verify (not installed)"
fi

# Dockerfile: the packages of both stages exist in Debian 12 (needs apt lists: apt-get update).
packages() {  # the words of the apt-get install command(s) of stage $1 (0 = build, 1 = runtime)
  awk -v want="$1" '/^FROM /{stage++} stage-1==want' Dockerfile | tr -d '\\' | tr ' ' '\n' |
    awk '$0 == "install" {on=1; next} $0 == "&&" {on=0} on && /^[a-z0-9][a-z0-9.+-]+$/' | sort -u
}
packages 0 >"$tmp/build.pkgs"
packages 1 >"$tmp/runtime.pkgs"
[ -s "$tmp/build.pkgs" ] && [ -s "$tmp/runtime.pkgs" ] || fail "Dockerfile: no apt-get install found in both stages"
if apt-cache show libc6 >/dev/null 2>&1; then
  # One query for all (fast); only when it fails, one per package to name the missing ones.
  # shellcheck disable=SC2046
  if ! apt-cache show $(cat "$tmp/build.pkgs" "$tmp/runtime.pkgs") >/dev/null 2>&1; then
    for p in $(cat "$tmp/build.pkgs" "$tmp/runtime.pkgs"); do
      apt-cache show "$p" >/dev/null 2>&1 || fail "Dockerfile names a package Debian does not have: $p"
    done
  fi
else
  skip "Dockerfile package names (no apt lists; run apt-get update)"
fi
# Every library the binary needs directly comes from a package the runtime stage installs.
if command -v objdump >/dev/null 2>&1 && command -v dpkg >/dev/null 2>&1; then
  ldconfig -p >"$tmp/ldcache"
  for lib in $(objdump -p "$bin" | awk '/NEEDED/{print $2}'); do
    case $lib in libc.so.*|libm.so.*|libgcc_s.so.*|ld-linux*|libpthread.so.*|libdl.so.*) continue ;; esac
    path=$(awk -v l="$lib" '$1 == l && /x86-64|aarch64/ {print $NF; exit}' "$tmp/ldcache")
    [ -n "$path" ] || { fail "cannot locate $lib"; continue; }
    real=$(readlink -f "$path")
    # dpkg knows each file under the path its package installed it (/lib or /usr/lib: merged /usr).
    pkg=$(grep -lxF -e "$real" -e "${real#/usr}" -e "$path" /var/lib/dpkg/info/*.list 2>/dev/null | head -1)
    pkg=$(basename "${pkg:-unknown}" .list)
    pkg=${pkg%%:*}
    grep -qxF "$pkg" "$tmp/runtime.pkgs" || fail "runtime stage lacks $pkg (for $lib)"
  done
fi
for want in 'FROM debian:12 AS build' 'FROM debian:12-slim' 'USER the5hc' 'VOLUME /data' 'EXPOSE 8000' \
    'STOPSIGNAL SIGTERM' 'ENTRYPOINT ["the5hc"]' 'CMD ["serve"]' 'CMD ["the5hc", "check", "--url", "http://127.0.0.1:8000/healthz"]' \
    'DATABASE_URL=sqlite:////data/the5hc.sqlite3' 'BACKUP_DIR=/data/backups' '--uid 10001'; do
  grep -qF -- "$want" Dockerfile || fail "Dockerfile lacks: $want"
done
grep -qx 'release: the5hc migrate up' Procfile || fail "Procfile lacks the release phase"
grep -q '^web: the5hc serve .*--port \$PORT' Procfile || fail "Procfile lacks the web process"

# .env.example: every variable the configuration reads is documented.
for var in $(grep -o 'get("[A-Z_]*")' src/config/config.cpp | sed 's/get("\(.*\)")/\1/' | sort -u); do
  grep -q "^# $var=\|^$var=" .env.example || fail ".env.example does not document $var"
done
# The health check the image uses works against a running server (and fails without one).
"$bin" check --url http://127.0.0.1:9/healthz >/dev/null 2>&1 && fail "check --url succeeded without a server"

[ "$failures" -eq 0 ] && echo "deploy_files.sh: all passed" || exit 1
