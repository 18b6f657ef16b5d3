# Insyn: `make run` starts the demo site, `make test` runs every check CI runs.
SHELL := /bin/bash
PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
PORT ?= 8000
# pytest-xdist workers for the three test runs: one per core (the suite has no order between tests).
TEST_WORKERS ?= $(shell nproc 2>/dev/null || echo 2)
export PYTHONDONTWRITEBYTECODE := 1

.PHONY: run test test-deps deps check-deploy bench load audit lock clean

# The lock files pin every package, direct and indirect, with its hashes; requirements*.txt are
# what people edit, and `make lock` turns them into the lock files.
$(VENV)/.installed: requirements.lock
	test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --require-hashes -r requirements.lock
	touch $@

$(VENV)/.installed-dev: requirements-dev.lock $(VENV)/.installed
	$(PY) -m pip install --quiet --require-hashes -r requirements-dev.lock
	touch $@

node_modules/.installed: package.json package-lock.json
	npm ci --no-audit --no-fund --loglevel=error
	touch $@

deps: $(VENV)/.installed
	$(PY) manage.py compilemessages --ignore=.venv --ignore=node_modules -v0
	$(PY) manage.py migrate --no-input -v0
	$(PY) manage.py collectstatic --no-input -v0

# Starts the site on SQLite with the demo content, the task worker (which prints every
# mail to this terminal with the dev settings) and the mail retry sweep.
run: deps
	$(PY) manage.py seed_demo
	@echo "Insyn körs på http://127.0.0.1:$(PORT)/ (Ctrl+C avslutar)"
	@trap 'kill 0' EXIT INT TERM; \
	$(PY) manage.py db_worker --interval 1 & \
	( while sleep 60; do $(PY) manage.py retry_mail -v0 >/dev/null; done ) & \
	$(PY) manage.py runserver --noreload 127.0.0.1:$(PORT)

# Installs what the tests need (Python packages, axe-core and the Nu checker from npm,
# Debian's Chromium, Java and PostgreSQL when missing) and runs every check in order.
test-deps: $(VENV)/.installed-dev node_modules/.installed
	scripts/install-system-deps.sh

test: test-deps
	$(PY) manage.py compilemessages --ignore=.venv --ignore=node_modules -v0
	$(PY) manage.py check --settings=cms.settings.test
	$(PY) manage.py makemigrations --check --dry-run --settings=cms.settings.test
	$(VENV)/bin/lint-imports --no-cache
	$(MAKE) --no-print-directory check-deploy
	@echo "== pytest på SQLite =="
	$(PY) -m pytest -m "not browser" -n $(TEST_WORKERS)
	@echo "== pytest på PostgreSQL =="
	scripts/with-postgres.sh $(PY) -m pytest -m "not browser" -n $(TEST_WORKERS)
	@echo "== webbläsartester (Chromium, axe-core, Nu HTML Checker) =="
	$(PY) -m pytest -m browser -n $(TEST_WORKERS)

check-deploy:
	DJANGO_SECRET_KEY=$$($(PY) -c 'import secrets; print(secrets.token_urlsafe(50))') \
	DJANGO_ALLOWED_HOSTS=insyn.example.se WAGTAILADMIN_BASE_URL=https://insyn.example.se \
	EMAIL_HOST=smtp.example.se DEFAULT_FROM_EMAIL=insyn@example.se \
	$(PY) manage.py check --deploy --fail-level WARNING --settings=cms.settings.production

# Benchmarks print numbers and write them to bench/results/; they assert nothing.
bench: $(VENV)/.installed-dev
	command -v wrk >/dev/null || { [ "$$(id -u)" -eq 0 ] && apt-get install -y -qq wrk >/dev/null; }
	$(PY) bench/pages.py
	$(PY) bench/logged_in.py
	$(PY) bench/feeds.py
	$(PY) bench/reports_summary.py
	$(PY) bench/admin_listings.py
	$(PY) bench/growth.py
	$(PY) bench/opendata.py

# Load and faults: 8 clients × 200 submissions on SQLite, then on a throwaway PostgreSQL;
# mail server down during the load, online backup during it. Prints counts; asserts nothing.
load: $(VENV)/.installed-dev
	$(PY) bench/load.py

# Known vulnerabilities in the locked dependencies (pip-audit --strict). Fails, with a message,
# when the vulnerability database cannot be reached; not part of `make test` (see README).
audit: $(VENV)/.installed-dev
	scripts/audit.sh $(PY)

# After editing requirements*.txt: new lock files from PyPI (uv pip compile). Pins that still
# fit are kept; the dev lock is constrained by the runtime lock, so both agree.
UV_COMPILE = $(VENV)/bin/uv pip compile --quiet --generate-hashes --universal --python-version 3.11 \
	--index-url https://pypi.org/simple --custom-compile-command "make lock"
lock: $(VENV)/.installed-dev
	$(UV_COMPILE) requirements.txt -o requirements.lock
	$(UV_COMPILE) -c requirements.lock requirements-dev.txt -o requirements-dev.lock

clean:
	rm -rf $(VENV) node_modules staticfiles db.sqlite3*
