# Two commands on a fresh clone: `make run` and `make test`.
PORT ?= 8000
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
# Local commands run in debug mode; production sets DEBUG, SECRET_KEY, ALLOWED_HOSTS, SITE_URL itself.
export DEBUG ?= 1

.PHONY: install lock run test lint format serve bench bench-admin check-deploy backup restore load load-ci

$(BIN)/activate:
	$(PYTHON) -m venv $(VENV)

# Every dependency at the exact version and hashes of requirements.lock (written by `make lock`
# from pyproject.toml's ranges), then the portal itself, without resolving anything again.
$(VENV)/.installed: requirements.lock pyproject.toml $(BIN)/activate
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet --require-hashes -r requirements.lock
	$(BIN)/pip install --quiet --no-deps -e .
	touch $@

# uv writes the lock (exact versions, hashes of every wheel and sdist of each); the versions
# already locked are kept unless UPGRADE=1 (or UPGRADE=<package> for one).
UV_VERSION := 0.13.9
lock: $(BIN)/activate  ## rewrite requirements.lock from pyproject.toml
	$(BIN)/pip install --quiet uv==$(UV_VERSION)
	$(BIN)/uv pip compile pyproject.toml --extra dev --generate-hashes --python-version 3.11 \
	  --quiet -o requirements.lock $(if $(filter 1,$(UPGRADE)),--upgrade,$(if $(UPGRADE),--upgrade-package $(UPGRADE)))

# axe-core for the accessibility tests (tests/browser/) and vnu-jar for the HTML validation
# (tests/www/test_valid_html.py, with the machine's Java), when npm is there; without it those
# tests are skipped with a message, like the whole browser suite without chromium.
# --ignore-scripts: vnu-jar's install script would download a Java runtime from GitHub.
node_modules/.installed: package.json package-lock.json
	@if command -v npm >/dev/null; then npm ci --ignore-scripts --no-audit --no-fund --loglevel=error && touch $@; \
	else echo "npm absent : axe-core et vnu-jar non installés, les tests d'accessibilité et de validation HTML seront sautés."; fi

install: $(VENV)/.installed node_modules/.installed

run: install  ## migrate, load the seed once, serve on 127.0.0.1:$(PORT)
	$(BIN)/python manage.py migrate --noinput
	$(BIN)/python manage.py load_seed
	$(BIN)/python manage.py runserver 127.0.0.1:$(PORT)

# The suite runs on every processor (pytest-xdist; each worker has its own test database):
# about 6 minutes on 2 cores instead of 11. TEST_WORKERS=0 runs it in one process.
TEST_WORKERS ?= auto
test: install  ## the whole suite (SQLite, or PostgreSQL when DATABASE_URL points at one)
	$(BIN)/pytest -n $(TEST_WORKERS)

lint: install
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

format: install
	$(BIN)/ruff format .
	$(BIN)/ruff check --fix .

serve: install  ## production-like: gunicorn + whitenoise (needs SECRET_KEY, ALLOWED_HOSTS)
	$(BIN)/python manage.py collectstatic --noinput
	$(BIN)/python manage.py migrate --noinput
	PORT=$(PORT) $(BIN)/gunicorn -c gunicorn.conf.py ess_portal.wsgi

# Backups (README, « Sauvegarde et restauration »): only the Python environment is needed,
# so that cron or a server without npm can run them.
backup: $(VENV)/.installed  ## data + uploaded files in one archive: backups/portail-ess-….zip, or OUTPUT=…
	$(BIN)/python manage.py backup $(if $(OUTPUT),--output "$(OUTPUT)")

restore: $(VENV)/.installed  ## make restore ARCHIVE=backups/portail-ess-….zip, into an empty database
	@test -n "$(ARCHIVE)" || { echo "Indiquez l'archive : make restore ARCHIVE=backups/portail-ess-AAAAMMJJ-HHMMSS.zip" >&2; exit 2; }
	$(BIN)/python manage.py restore "$(ARCHIVE)"

bench: install  ## gunicorn as in production under load (hey), on the current database: docs/performance.md
	$(BIN)/python scripts/bench.py

bench-admin: install  ## the admin's server time (pole page, its save, every list), on the current database
	$(BIN)/python scripts/bench_admin.py

load: install  ## 64 connections for 30 s on a pole's page and /poles/, gunicorn as in production, on the current database: no error allowed
	$(BIN)/python scripts/load.py

# make load, 5 s per URL, on a throwaway PostgreSQL database holding the seed (CI); the SQLite
# pass of the suite runs it on SQLite (tests/performance/test_load.py).
LOAD_CI_POSTGRES ?= postgres://postgres@127.0.0.1:5432
load-ci: install
	PGOPTIONS="-c client_min_messages=warning" psql "$(LOAD_CI_POSTGRES)/postgres" -q \
	  -c "DROP DATABASE IF EXISTS ess_load_ci WITH (FORCE)" -c "CREATE DATABASE ess_load_ci"
	@export DATABASE_URL="$(LOAD_CI_POSTGRES)/ess_load_ci"; status=0; \
	{ $(BIN)/python manage.py migrate --noinput -v 0 && $(BIN)/python manage.py load_seed \
	  && LOAD_SECONDS=$${LOAD_SECONDS:-5} $(BIN)/python scripts/load.py; } || status=$$?; \
	PGOPTIONS="-c client_min_messages=warning" psql "$(LOAD_CI_POSTGRES)/postgres" -q \
	  -c "DROP DATABASE IF EXISTS ess_load_ci WITH (FORCE)"; \
	exit $$status

check-deploy: install  ## Django's deployment checklist with production values: must report nothing
	DEBUG=false SECRET_KEY="$$($(BIN)/python -c 'import secrets; print(secrets.token_urlsafe(64))')" \
	ALLOWED_HOSTS=portail.example.org SITE_URL=https://portail.example.org \
	EMAIL_URL=smtp://smtp.example.org:587 \
	$(BIN)/python manage.py check --deploy --fail-level WARNING
