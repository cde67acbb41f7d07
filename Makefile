# Lock-in Advisor. `make help` lists the targets.
.DEFAULT_GOAL := help
SHELL := /bin/bash

VENV := .venv
PY := $(VENV)/bin/python
PYTHON ?= $(shell bin/find-python)
export PATH := $(abspath $(VENV))/bin:$(PATH)

.PHONY: help run prepare test lint lock format bench browser pdf-libs report-pages openapi clean

help:  ## Show this help
	@grep -E '^[a-z-]+:.*## ' $(MAKEFILE_LIST) | awk -F':.*## ' '{printf "  make %-10s %s\n", $$1, $$2}'

$(VENV)/.runtime: requirements.txt
	@test -n "$(PYTHON)" || { echo "Python 3.12+ is required (see above)."; exit 1; }
	@test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -r requirements.txt
	@touch $@

$(VENV)/.dev: $(VENV)/.runtime requirements-dev.txt
	$(PY) -m pip install --quiet -r requirements-dev.txt
	@touch $@

prepare: $(VENV)/.runtime pdf-libs  ## Install, migrate, load the fixtures and create the demo users
	$(PY) manage.py prepare

run: prepare  ## Set everything up, then serve the app on 127.0.0.1:8000 with a worker (Ctrl-C stops both)
	@echo "Serving on http://127.0.0.1:$${PORT:-8000}/ (health: /healthz). Ctrl-C stops the web server and the worker."
	$(VENV)/bin/honcho --procfile Procfile start --port $${PORT:-8000}

browser:  ## Install Debian's chromium for the browser tests when it is missing (needs root)
	@command -v chromium >/dev/null 2>&1 || { \
	  if [ "$$(id -u)" = 0 ]; then \
	    (apt-get install -y --no-install-recommends chromium fonts-dejavu-core || \
	     (apt-get update && apt-get install -y --no-install-recommends chromium fonts-dejavu-core)); \
	  else echo "chromium is missing: run 'sudo apt-get install chromium' (browser tests need it)."; fi; }

# WeasyPrint draws text with Pango (and HarfBuzz's subsetter); the report's fonts ship in static/.
# poppler-utils gives pdftoppm, which `make report-pages` uses to turn reports into images.
PDF_LIBS := libpango-1.0-0 libpangoft2-1.0-0 libharfbuzz-subset0 poppler-utils
pdf-libs:  ## Install the system libraries WeasyPrint needs, and poppler-utils, when missing (needs root)
	@if ! ldconfig -p | grep -q libpangoft2-1.0.so.0 || ! command -v pdftoppm >/dev/null 2>&1; then \
	  if [ "$$(id -u)" = 0 ]; then \
	    (apt-get install -y --no-install-recommends $(PDF_LIBS) || \
	     (apt-get update && apt-get install -y --no-install-recommends $(PDF_LIBS))); \
	  else echo "Missing PDF libraries: run 'sudo apt-get install $(PDF_LIBS)'."; fi; fi

report-pages: prepare  ## Render the report of each template profile and its pages as PNGs into var/report-pages/
	@mkdir -p var/report-pages
	@for profile in fixtures/profiles/*.json; do \
	  name=$$(basename $$profile .json); \
	  $(PY) manage.py render_report $$profile var/report-pages/$$name.pdf && \
	  pdftoppm -png -r 80 var/report-pages/$$name.pdf var/report-pages/$$name; \
	done

test: $(VENV)/.dev browser pdf-libs  ## Install what the tests need and run the whole suite
	$(PY) -m pytest $(PYTEST_ARGS)

lint: $(VENV)/.dev  ## Ruff (lint, format), the import contracts (lint-imports) and mypy
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .
	$(VENV)/bin/lint-imports
	$(VENV)/bin/mypy

lock: $(VENV)/.dev  ## Recompile requirements*.txt from requirements*.in (LOCK_ARGS="-P pkg" bumps one)
	$(VENV)/bin/pip-compile $(LOCK_ARGS) requirements.in
	$(VENV)/bin/pip-compile $(LOCK_ARGS) requirements-dev.in

format: $(VENV)/.dev  ## Format and fix what ruff can
	$(VENV)/bin/ruff format .
	$(VENV)/bin/ruff check --fix .

openapi: $(VENV)/.runtime  ## Regenerate docs/openapi.yaml after an API change (validated; fails on warnings)
	$(PY) manage.py spectacular --validate --fail-on-warn --file docs/openapi.yaml

bench: $(VENV)/.dev  ## Measure the quality bars; prints a table and writes var/bench.json
	$(PY) -m bench $(BENCH_ARGS)

clean:  ## Remove the virtualenv and local data (var/, staticfiles/)
	rm -rf $(VENV) var staticfiles test-artifacts
