# Two commands for a newcomer: `make run` and `make test` (see README.md).
PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
PYTEST := $(PY) -m pytest
PYTEST_ARGS ?= -n 2

.PHONY: run worker test setup system-packages venv migrate messages makemessages demo test-sqlite test-postgres coverage serve backup restore bench

run: setup demo
	PY=$(PY) scripts/run-dev.sh

test: setup
	$(MAKE) test-sqlite
	$(MAKE) test-postgres

setup: system-packages venv messages migrate

system-packages:
	@scripts/system-packages.sh

$(VENV)/.installed: requirements.txt
	$(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -r requirements.txt
	touch $@

venv: $(VENV)/.installed

messages: venv
	$(PY) manage.py compilemessages --ignore=.venv -v 0

# For developers after a UI change: collect new strings into each locale/vi/LC_MESSAGES/django.po
# (the root one and each app's own), then translate them.
makemessages: venv
	$(PY) manage.py makemessages -l vi --no-location --no-wrap --ignore=.venv --ignore=var -v 0

migrate: venv
	$(PY) manage.py migrate --noinput -v 0

# The background worker alone (production runs it as its own service: see README, "Background work").
worker: migrate
	$(PY) manage.py run_worker --no-reload

demo: migrate
	$(PY) manage.py seed_demo

# Production: collectstatic, migrate, compilemessages, then gunicorn on BIND (default 127.0.0.1:8000)
# with the database of DATABASE_URL. See README, "Production", and docs/settings.md.
serve: system-packages venv
	scripts/serve.sh

# One archive (database dump, uploaded files, manifest with counts and SHA-256) into var/backups/,
# or into OUT=path; `make restore FILE=archive` refuses a damaged archive and a non-empty database.
backup: venv
	$(PY) manage.py backup $(if $(OUT),--output "$(OUT)")

restore: venv
	@test -n "$(FILE)" || { echo "Usage: make restore FILE=var/backups/thidua-….tar.gz"; exit 2; }
	$(PY) manage.py restore "$(FILE)" $(if $(FORCE),--force)

test-sqlite:
	@echo "== Linter (ruff.toml)"
	$(VENV)/bin/ruff check .
	@echo "== Migrations match the models"
	$(PY) manage.py makemigrations --check --dry-run -v 0
	@echo "== SQLite tests"
	$(PYTEST) $(PYTEST_ARGS)

test-postgres:
	scripts/test-postgres.sh $(PYTEST) $(PYTEST_ARGS)

# The SQLite suite with branch coverage of the product's code (.coveragerc): the total and each module under
# 100 % printed, not a gate. Separate from `make test` (measuring costs time: see docs/architecture.md, "Tests").
coverage: setup
	$(PYTEST) $(PYTEST_ARGS) --cov --cov-report=term-missing:skip-covered

# The province benchmark (issue 17; not part of `make test`; the code in bench/): generates a synthetic province
# into its own database (var/bench/bench.sqlite3; never the development one), measures pages, jobs and, on
# PostgreSQL, the load; writes var/bench/results.json and results.md. SCALE=small for a quick run;
# DB=postgresql on a throwaway PostgreSQL server (with the load run); BENCH_ARGS for more
# (e.g. BENCH_ARGS="--only pages --reuse"). See docs/deployment.md.
SCALE ?= province
DB ?= sqlite
bench: setup
	@if [ "$(DB)" = postgresql ]; then scripts/bench-postgres.sh --scale $(SCALE) $(BENCH_ARGS); \
	else $(PY) manage.py bench --scale $(SCALE) $(BENCH_ARGS); fi
