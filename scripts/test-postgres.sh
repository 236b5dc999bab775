#!/usr/bin/env bash
# Runs the test suite against a throwaway PostgreSQL server started in a temporary folder.
# As root the server runs as the `postgres` user. The server is stopped on every exit path.
set -euo pipefail

bindir=$(pg_config --bindir)
dir=$(mktemp -d /tmp/thidua-pg.XXXXXX)
# A free port by default, so that several checkouts can run their tests at once.
port=${PGTEST_PORT:-$(python3 -c "import socket; s=socket.socket(); s.bind(('127.0.0.1', 0)); print(s.getsockname()[1])")}
as_pg=()
if [ "$(id -u)" -eq 0 ]; then
  chown postgres:postgres "$dir"
  as_pg=(runuser -u postgres --)
fi

stop() {
  "${as_pg[@]}" "$bindir/pg_ctl" -D "$dir/data" -m fast stop >/dev/null 2>&1 || true
  rm -rf "$dir"
}
trap stop EXIT INT TERM

"${as_pg[@]}" "$bindir/initdb" -D "$dir/data" -A trust -U postgres -E UTF8 --locale=C.UTF-8 >/dev/null
"${as_pg[@]}" "$bindir/pg_ctl" -D "$dir/data" -l "$dir/server.log" \
  -o "-k $dir -c listen_addresses='' -p $port -c fsync=off -c full_page_writes=off -c synchronous_commit=off" -w start >/dev/null

export DATABASE_URL="postgres://postgres@/thidua?host=$dir&port=$port"
echo "== PostgreSQL tests ($("$bindir/postgres" --version))"
"$@"
