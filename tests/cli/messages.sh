#!/bin/sh
# The CLI's messages follow the locale (OPERATIONS.md §2): Korean by default, English when LC_ALL / LC_MESSAGES /
# LANG (the first one set) starts with "en"; msgids are never printed raw. Usage: sh tests/cli/messages.sh BINARY
set -u
bin=${1:?usage: messages.sh path/to/the5hc}
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
failures=0
input=/dev/null  # stdin of the next expect

# expect NAME EXIT TEXT [VAR=value...] -- ARGS...: runs the binary with only the given locale variables and checks
# the exit code and that stderr holds TEXT.
expect() {
  name=$1 want_exit=$2 text=$3
  shift 3
  vars=
  while [ "$1" != -- ]; do vars="$vars $1"; shift; done
  shift
  # shellcheck disable=SC2086
  env -i PATH="$PATH" $vars "$bin" "$@" >"$tmp/out" 2>"$tmp/err" <"$input"
  rc=$?
  if [ "$rc" != "$want_exit" ]; then
    echo "FAIL $name: exit $rc, expected $want_exit: $(cat "$tmp/err")"
    failures=$((failures + 1))
  elif [ -n "$text" ] && ! grep -qF -- "$text" "$tmp/err"; then
    echo "FAIL $name: expected \"$text\" in: $(cat "$tmp/err")"
    failures=$((failures + 1))
  fi
}

expect "default is Korean" 2 "the5hc: --gross: 유효한 정수를 입력하세요." -- fees --gross abc
expect "LANG=en" 2 "the5hc: --gross: A valid integer is required." LANG=en_US.UTF-8 -- fees --gross abc
expect "LANG=ko" 2 "--gross: 유효한 정수를 입력하세요." LANG=ko_KR.UTF-8 -- fees --gross abc
expect "LC_ALL wins over LANG" 2 "--gross: 유효한 정수를 입력하세요." LC_ALL=C LANG=en_US.UTF-8 -- fees --gross abc
expect "LC_MESSAGES wins over LANG" 2 "--gross: A valid integer is required." LC_MESSAGES=en LANG=ko_KR.UTF-8 -- fees --gross abc
expect "values are filled in (ko)" 2 "--method: \"bitcoin\"이(가) 유효하지 않은 선택입니다." -- fees --gross 1000 --method bitcoin
expect "values are filled in (en)" 2 "--method: \"bitcoin\" is not a valid choice." LANG=en -- fees --gross 1000 --method bitcoin
printf '{' >"$tmp/bad.json"
input=$tmp/bad.json
expect "score, bad JSON (ko)" 2 "input: 잘못된 JSON입니다:" -- score
expect "score, bad JSON (en)" 2 "input: invalid JSON:" LANG=en -- score
input=/dev/null

# A refused duplicate (exit 1): the reason under its field, in the locale's language.
db="DATABASE_URL=sqlite:///$tmp/cli.db SECRET_KEY=cli-messages-test-secret-key-0123456789-abcdefghijklmnop DEBUG=true"
# shellcheck disable=SC2086
env -i PATH="$PATH" $db "$bin" migrate >/dev/null 2>&1 || { echo "FAIL migrate"; failures=$((failures + 1)); }
printf 'Studio-pass-77\n' >"$tmp/password"
input=$tmp/password
# shellcheck disable=SC2086
expect "create-user" 0 "" $db -- create-user twin --email twin@example.com --password-stdin
expect "duplicate (ko)" 1 "  username: 이미 사용 중인 아이디입니다." $db -- create-user twin --email twin2@example.com --password-stdin
expect "duplicate (en)" 1 "the5hc: Invalid input." $db LANG=en -- create-user twin --email twin2@example.com --password-stdin
input=/dev/null

[ "$failures" -eq 0 ] && echo "messages.sh: all passed" || exit 1
