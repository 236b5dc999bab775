#!/usr/bin/env bash
# `make bench-postgres`: the benchmark on a throwaway PostgreSQL server started in a temporary folder,
# as `make test-postgres` does (as root the server runs as the `postgres` user), with a database named
# `thidua_bench`; the server and its folder are removed on every exit path. Arguments go to
# `manage.py bench` (e.g. --scale small). The load run (gunicorn + load generator) runs here only.
set -euo pipefail
cd "$(dirname "$0")/.."

bindir=$(pg_config --bindir)
dir=$(mktemp -d /tmp/thidua-bench-pg.XXXXXX)
port=${PGBENCH_PORT:-$(python3 -c "import socket; s=socket.socket(); s.bind(('127.0.0.1', 0)); print(s.getsockname()[1])")}
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
# Durable writes as in production (no fsync=off here: the jobs measure writing), memory for a small server.
"${as_pg[@]}" "$bindir/pg_ctl" -D "$dir/data" -l "$dir/server.log" \
  -o "-k $dir -c listen_addresses='' -p $port -c shared_buffers=256MB -c work_mem=16MB -c max_connections=100" -w start >/dev/null
"${as_pg[@]}" "$bindir/createdb" -h "$dir" -p "$port" -U postgres thidua_bench

export DATABASE_URL="postgres://postgres@/thidua_bench?host=$dir&port=$port"
echo "== Benchmark on PostgreSQL ($("$bindir/postgres" --version))"
.venv/bin/python manage.py bench "$@"
