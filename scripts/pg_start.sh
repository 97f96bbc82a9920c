#!/usr/bin/env bash
# Start a private PostgreSQL for the tests; print the export line for CLASHMAP_TEST_PG.
set -euo pipefail
bin=$(ls -d /usr/lib/postgresql/*/bin | sort -V | tail -1)
dir=${PGTEST_DIR:-/tmp/clashmap-pgtest}
port=${PGTEST_PORT:-55432}
if [ -f "$dir/data/postmaster.pid" ]; then
  su postgres -c "$bin/pg_ctl -D $dir/data -m immediate stop" >/dev/null 2>&1 || true
fi
rm -rf "$dir"; mkdir -p "$dir"; chown postgres "$dir"
su postgres -c "$bin/initdb -D $dir/data -A trust -U postgres" >/dev/null
su postgres -c "$bin/pg_ctl -D $dir/data -o '-p $port -k $dir -c listen_addresses=127.0.0.1 -c fsync=off' -l $dir/log -w start" >/dev/null
su postgres -c "$bin/createdb -h 127.0.0.1 -p $port clashmap_test" >/dev/null
echo "export CLASHMAP_TEST_PG=postgresql+psycopg://postgres@127.0.0.1:$port/clashmap_test"
