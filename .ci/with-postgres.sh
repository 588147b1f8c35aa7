#!/usr/bin/env bash
# Starts a throw-away PostgreSQL server on loopback, runs the given command with
# BASTEI_TEST_DATABASE_URL pointing at it, and removes the server again.
set -euo pipefail

find_bin() {
  command -v "$1" 2>/dev/null && return
  ls /usr/lib/postgresql/*/bin/"$1" 2>/dev/null | sort -V | tail -n 1
}
if [ -z "$(find_bin initdb)" ]; then
  echo "PostgreSQL server binaries missing; installing them with apt-get"
  apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq postgresql >/dev/null
fi
INITDB=$(find_bin initdb)
PG_CTL=$(find_bin pg_ctl)
PORT=${BASTEI_CI_PG_PORT:-55432}
DIR=$(mktemp -d /tmp/bastei-pg.XXXXXX)

# initdb refuses to run as root: use an unprivileged account.
RUN_AS=()
if [ "$(id -u)" = 0 ]; then
  id -u postgres >/dev/null 2>&1 || useradd --system --no-create-home postgres
  chown postgres "$DIR"
  RUN_AS=(runuser -u postgres --)
fi
"${RUN_AS[@]}" "$INITDB" -D "$DIR/data" -U postgres --auth=trust --no-sync -E UTF8 >/dev/null
"${RUN_AS[@]}" "$PG_CTL" -D "$DIR/data" -l "$DIR/log" -w \
  -o "-p $PORT -k $DIR -c listen_addresses=127.0.0.1 -c fsync=off -c max_connections=200" start >/dev/null
cleanup() {
  "${RUN_AS[@]}" "$PG_CTL" -D "$DIR/data" -m immediate stop >/dev/null 2>&1 || true
  rm -rf "$DIR"
}
trap cleanup EXIT
echo "PostgreSQL $("$INITDB" --version | awk '{print $3}') listening on 127.0.0.1:$PORT"
BASTEI_TEST_DATABASE_URL="postgres://postgres@127.0.0.1:$PORT/postgres" "$@"
