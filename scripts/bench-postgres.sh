#!/usr/bin/env bash
# `make bench DB=postgresql`: the benchmark on a throwaway PostgreSQL server started in a temporary folder,
# as `make test-postgres` does (scripts/throwaway-postgres.sh), with a database named `thidua_bench`; the
# server and its folder are removed on every exit path. Arguments go to `manage.py bench` (e.g. --scale
# small). The load run (gunicorn + load generator) runs here only. PGBENCH_PORT fixes the port.
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/throwaway-postgres.sh

# Durable writes as in production (no fsync=off here: the jobs measure writing), memory for a small server.
start_throwaway_postgres thidua-bench-pg "${PGBENCH_PORT:-}" \
  -c shared_buffers=256MB -c work_mem=16MB -c max_connections=100
as_postgres "$PG_BIN/createdb" -h "$PG_DIR" -p "$PG_PORT" -U postgres thidua_bench

export DATABASE_URL="postgres://postgres@/thidua_bench?host=$PG_DIR&port=$PG_PORT"
echo "== Benchmark on PostgreSQL ($("$PG_BIN/postgres" --version))"
.venv/bin/python manage.py bench "$@"
