#!/usr/bin/env bash
# Runs the test suite against a throwaway PostgreSQL server started in a temporary folder
# (scripts/throwaway-postgres.sh: as root the server runs as the `postgres` user; it is stopped on every
# exit path). PGTEST_PORT fixes the port; a free one by default.
set -euo pipefail
source "$(dirname "$0")/throwaway-postgres.sh"

# No durability needed for tests: fsync and the like off.
start_throwaway_postgres thidua-pg "${PGTEST_PORT:-}" -c fsync=off -c full_page_writes=off -c synchronous_commit=off

export DATABASE_URL="postgres://postgres@/thidua?host=$PG_DIR&port=$PG_PORT"
echo "== PostgreSQL tests ($("$PG_BIN/postgres" --version))"
"$@"
