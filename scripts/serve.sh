#!/usr/bin/env bash
# `make serve`: the production set-up, then gunicorn serving the app (see README, "Production").
#  - DJANGO_ENV=production (DEBUG off, manifest static files, HTTPS settings);
#  - a secret key from DJANGO_SECRET_KEY, or generated once into var/secret_key_production;
#  - compilemessages, collectstatic (hashed, compressed copies in DJANGO_STATIC_ROOT), migrate;
#  - gunicorn on BIND (default 127.0.0.1:8000) with GUNICORN_WORKERS and GUNICORN_TIMEOUT.
# Bound to the loopback address, gunicorn sits behind a local HTTPS proxy (which redirects plain HTTP
# itself), so Django's own redirect to HTTPS is off unless DJANGO_SECURE_SSL_REDIRECT says otherwise,
# and the login lockout reads the person's address from the proxy's X-Forwarded-For.
set -euo pipefail
cd "$(dirname "$0")/.."
PY=.venv/bin/python

export DJANGO_ENV=production
if [ -z "${DJANGO_SECRET_KEY:-}" ]; then
  mkdir -p var
  key_file=var/secret_key_production
  if [ ! -s "$key_file" ]; then
    (umask 077; "$PY" -c "import secrets; print(secrets.token_urlsafe(64))" > "$key_file")
  fi
  DJANGO_SECRET_KEY=$(cat "$key_file")
  export DJANGO_SECRET_KEY
fi
export BIND=${BIND:-127.0.0.1:8000}
export DJANGO_ALLOWED_HOSTS=${DJANGO_ALLOWED_HOSTS:-127.0.0.1,localhost}
case "$BIND" in
  127.0.0.1:*|localhost:*|\[::1\]:*|unix:*)
    export DJANGO_SECURE_SSL_REDIRECT=${DJANGO_SECURE_SSL_REDIRECT:-false}
    # Only the local proxy reaches a loopback address: its X-Forwarded-For names the person.
    export TRUSTED_PROXIES=${TRUSTED_PROXIES:-127.0.0.1,::1} ;;
esac

"$PY" manage.py compilemessages --ignore=.venv -v 0
"$PY" manage.py collectstatic --noinput -v 0
"$PY" manage.py migrate --noinput -v 0
exec .venv/bin/gunicorn --config gunicorn.conf.py
