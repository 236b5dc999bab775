#!/usr/bin/env bash
# `make run`: the development server with the background worker beside it (long PDFs, exports, imports).
# Stopping the server (Ctrl+C, or runserver exiting for any reason) stops the worker too.
set -euo pipefail
PY=${PY:-.venv/bin/python}
ADDRESS=${ADDRESS:-127.0.0.1:8000}

"$PY" manage.py run_worker --no-reload --interval 1 &
worker=$!
stop_worker() {
  if kill -0 "$worker" 2>/dev/null; then
    kill -TERM "$worker" 2>/dev/null || true
    wait "$worker" 2>/dev/null || true
  fi
}
trap stop_worker EXIT
trap 'exit 130' INT
trap 'exit 143' TERM
echo "Background worker started (pid $worker); it stops with the server."
"$PY" manage.py runserver "$ADDRESS"
