"""The project's set-up: settings, URLs, WSGI/ASGI entry points, middleware, static storage and the SQLite
back end. It sits above the apps (emulation, campaigns, reports, awards): the apps never import it, except the
SQLite back end's `allow_create` for the two commands that may create the database (see docs/architecture.md)."""
