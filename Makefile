# intkommun – the two commands a newcomer needs are `make run` and `make test`.
PYTHON ?= python3.11
VENV := .venv
PY := $(VENV)/bin/python
STAMP := $(VENV)/.installed
DEV_ENV := DJANGO_DEBUG=1

.PHONY: run test test-fast lint format messages check-deploy system-deps clean

$(STAMP): pyproject.toml
	test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) scripts/dependencies.py test > $(VENV)/requirements.txt
	$(PY) -m pip install --quiet -r $(VENV)/requirements.txt
	touch $(STAMP)

system-deps:
	bash scripts/system-deps.sh

## Install, migrate, load demo data and serve on http://127.0.0.1:8000 (SQLite).
run: $(STAMP)
	bash scripts/system-deps.sh runtime
	$(DEV_ENV) $(PY) manage.py migrate --noinput
	$(DEV_ENV) $(PY) manage.py seed_demo
	$(DEV_ENV) $(PY) manage.py runserver 127.0.0.1:8000

## Install and run the whole test suite (browser tests included).
test: $(STAMP) system-deps
	$(DEV_ENV) $(PY) manage.py makemigrations --check --dry-run
	$(DEV_ENV) $(PY) -m pytest

## The suite without the browser tests, for a quick round.
test-fast: $(STAMP)
	$(DEV_ENV) $(PY) -m pytest -m "not browser"

lint: $(STAMP)
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .

format: $(STAMP)
	$(VENV)/bin/ruff format .
	$(VENV)/bin/ruff check --fix .

## Refresh the Swedish catalogue from the code, then compile it.
messages: $(STAMP)
	$(DEV_ENV) $(PY) manage.py makemessages -l sv -e html,txt,py,css --no-obsolete --ignore=.venv --ignore=var --ignore=staticfiles --ignore=static --ignore=bench --ignore=tests
	$(DEV_ENV) $(PY) manage.py compilemessages -l sv --ignore=.venv

## What `manage.py check --deploy` says with production-like variables.
check-deploy: $(STAMP)
	env -u DJANGO_DEBUG DJANGO_SECRET_KEY=$$(openssl rand -hex 40) DJANGO_ALLOWED_HOSTS=intkommun.example.se \
	  $(PY) manage.py check --deploy --fail-level WARNING

clean:
	rm -rf $(VENV) var staticfiles .pytest_cache
