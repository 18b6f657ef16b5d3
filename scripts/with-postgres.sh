#!/usr/bin/env bash
# Runs a command against PostgreSQL: the one in DATABASE_URL, or a throwaway server
# started on loopback for this run and removed afterwards.
set -euo pipefail
if [ -n "${DATABASE_URL:-}" ]; then
    case "$DATABASE_URL" in postgres*) exec "$@" ;; esac
fi
bindir=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1)
[ -n "$bindir" ] || { echo "PostgreSQL saknas: kör make test-deps som root." >&2; exit 1; }
port=${INSYN_PG_PORT:-54329}
dir=$(mktemp -d /tmp/insyn-pg.XXXXXX)
run_as=()
if [ "$(id -u)" -eq 0 ]; then
    chown postgres: "$dir"
    run_as=(runuser -u postgres --)
fi
cleanup() { "${run_as[@]}" "$bindir/pg_ctl" -D "$dir/data" -m immediate stop >/dev/null 2>&1 || true; rm -rf "$dir"; }
trap cleanup EXIT
"${run_as[@]}" "$bindir/initdb" -D "$dir/data" -U insyn --auth=trust -E UTF8 --locale=C.UTF-8 >/dev/null
"${run_as[@]}" "$bindir/pg_ctl" -D "$dir/data" -l "$dir/log" -w \
    -o "-k $dir -h 127.0.0.1 -p $port -c fsync=off -c full_page_writes=off -c synchronous_commit=off" start >/dev/null
"$bindir/createdb" -h 127.0.0.1 -p "$port" -U insyn insyn
export DATABASE_URL="postgres://insyn@127.0.0.1:$port/insyn"
"$@"
