#!/usr/bin/env bash
# Times the archive's search page over ROWS (default 100,000) issued documents, on a throwaway SQLite file
# and on a throwaway PostgreSQL server (started by scripts/test-postgres.sh). Never touches var/thidua.sqlite3.
set -euo pipefail
cd "$(dirname "$0")/.."
PY=${PY:-.venv/bin/python}
ROWS=${ROWS:-100000}

if [ -z "${DATABASE_URL:-}" ]; then
  file=var/bench-archive.sqlite3
  rm -f "$file"
  DATABASE_URL="sqlite:///$PWD/$file" "$PY" manage.py migrate -v 0
  DATABASE_URL="sqlite:///$PWD/$file" "$PY" manage.py benchmark_archive --setup --rows "$ROWS" | tail -1
  DATABASE_URL="sqlite:///$PWD/$file" "$PY" manage.py benchmark_archive --measure
  rm -f "$file"
  exec scripts/test-postgres.sh "$0"
fi
# Inside test-postgres.sh: DATABASE_URL names its socket folder and port; make a database called “bench”.
read -r host port < <(python3 -c "import os, urllib.parse as u; q = u.parse_qs(u.urlparse(os.environ['DATABASE_URL']).query); print(q['host'][0], q['port'][0])")
as_pg=()
[ "$(id -u)" -eq 0 ] && as_pg=(runuser -u postgres --)
"${as_pg[@]}" "$(pg_config --bindir)/createdb" -h "$host" -p "$port" -U postgres bench
export DATABASE_URL="postgres://postgres@/bench?host=$host&port=$port"
"$PY" manage.py migrate -v 0
"$PY" manage.py benchmark_archive --setup --rows "$ROWS" | tail -1
"$PY" manage.py benchmark_archive --measure
