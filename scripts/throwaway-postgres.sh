# Sourced (not run) by scripts/test-postgres.sh and scripts/bench-postgres.sh: one way to start a throwaway
# PostgreSQL server in a temporary folder, listening only on its Unix socket there.
#
#   start_throwaway_postgres PREFIX PORT [server option ...]
#
# PREFIX names the temporary folder (/tmp/PREFIX.XXXXXX); PORT empty picks a free one (so that several
# checkouts can run at once). As root the server runs as the `postgres` user. Sets PG_DIR, PG_PORT and
# PG_BIN; `as_postgres CMD ...` runs a command as the server's user. The server is stopped and its folder
# removed on every exit path (EXIT, INT, TERM).

start_throwaway_postgres() {
  local prefix=$1 port=$2
  shift 2
  PG_BIN=$(pg_config --bindir)
  PG_DIR=$(mktemp -d "/tmp/$prefix.XXXXXX")
  PG_PORT=${port:-$(python3 -c "import socket; s=socket.socket(); s.bind(('127.0.0.1', 0)); print(s.getsockname()[1])")}
  _as_pg=()
  if [ "$(id -u)" -eq 0 ]; then
    chown postgres:postgres "$PG_DIR"
    _as_pg=(runuser -u postgres --)
  fi
  trap stop_throwaway_postgres EXIT INT TERM
  as_postgres "$PG_BIN/initdb" -D "$PG_DIR/data" -A trust -U postgres -E UTF8 --locale=C.UTF-8 >/dev/null
  local options="-k $PG_DIR -c listen_addresses='' -p $PG_PORT"
  local option
  for option in "$@"; do
    options+=" $option"
  done
  as_postgres "$PG_BIN/pg_ctl" -D "$PG_DIR/data" -l "$PG_DIR/server.log" -o "$options" -w start >/dev/null
}

as_postgres() {
  "${_as_pg[@]}" "$@"
}

stop_throwaway_postgres() {
  as_postgres "$PG_BIN/pg_ctl" -D "$PG_DIR/data" -m fast stop >/dev/null 2>&1 || true
  rm -rf "$PG_DIR"
}
