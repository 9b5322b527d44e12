# Two commands for a newcomer: `make site` and `make test`. See README.md.
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
DATA   ?= data
export NO_MKDOCS_2_WARNING := 1
# Dates in the build (sitemap) come from the last commit, so that two builds of
# the same commit are byte-identical.
LAST_COMMIT := $(shell git log -1 --format=%ct 2>/dev/null)
ifneq ($(LAST_COMMIT),)
export SOURCE_DATE_EPOCH ?= $(LAST_COMMIT)
endif

.PHONY: site serve check test lint lock clean golden bench messages system-deps geodata

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)

# Stamp files make the install step rerun only when a lock file changes.
$(VENV)/.site-installed: requirements.lock pyproject.toml | $(BIN)/python
	$(BIN)/python -m pip install --quiet --disable-pip-version-check -r requirements.lock
	$(BIN)/python -m pip install --quiet --disable-pip-version-check --no-deps --no-build-isolation -e .
	touch $@

# Chromium and npm, installed through apt when missing (see the script). Checked on
# every run, cheaply; order-only below, so that it never forces a reinstall.
system-deps:
	@bash .ci/system-deps

# The browser tests inject axe-core, pinned in tests/browser/package-lock.json (needs npm).
$(VENV)/.dev-installed: requirements-dev.lock tests/browser/package-lock.json $(VENV)/.site-installed | system-deps
	$(BIN)/python -m pip install --quiet --disable-pip-version-check -r requirements-dev.lock
	npm ci --prefix tests/browser --ignore-scripts --no-audit --no-fund --loglevel=error
	touch $@

## site: install the pinned dependencies and build the site into site/
site: $(VENV)/.site-installed
	$(BIN)/explainer build --site-dir site

## serve: build and serve on http://127.0.0.1:8000 with live reload (docs, data, hooks);
##        make serve EDITION=uk serves the Ukrainian edition instead
EDITION ?= en
serve: $(VENV)/.site-installed
	EXPLAINER_EDITION=$(EDITION) $(BIN)/mkdocs serve --strict

## check: check the data only (make check DATA=some/dir for another folder)
check: $(VENV)/.site-installed
	$(BIN)/explainer check --data $(DATA)

## test: install the test dependencies (Chromium and npm through apt if missing) and run the whole suite
test: $(VENV)/.dev-installed
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/mypy
	$(BIN)/python -m pytest

## lint: ruff and mypy only
lint: $(VENV)/.dev-installed
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/mypy

## golden: rewrite the golden files after an intended change; review the diff
golden: $(VENV)/.dev-installed
	$(BIN)/python -m pytest tests --update-golden -q

## messages: extract the interface text (engine, templates, vocabularies, mkdocs.yml) and update each language's catalogue
# The schemas' vocabularies and mkdocs.yml are read by the engine's own extractors
# (explainer.extract), hence PYTHONPATH.
messages: $(VENV)/.dev-installed
	PYTHONPATH=hooks $(BIN)/pybabel extract -F hooks/explainer/locale/babel.cfg --no-location --sort-output --omit-header -o hooks/explainer/locale/messages.pot hooks/explainer data/schema mkdocs.yml
	$(BIN)/pybabel update -i hooks/explainer/locale/messages.pot -d hooks/explainer/locale --no-wrap --ignore-obsolete

## bench: time, memory and page weight at N = 100, 1,000, 10,000 entities -> tests/bench/ (slow)
bench: $(VENV)/.site-installed
	$(BIN)/python tests/bench/bench.py
	$(BIN)/python tests/bench/large_field.py

## geodata: refresh the map's land outlines from the world-atlas package pinned in
##          tests/browser/package-lock.json (see hooks/explainer/geodata/README.md)
geodata: $(VENV)/.dev-installed
	cp tests/browser/node_modules/world-atlas/land-50m.json hooks/explainer/geodata/land-50m.json

## lock: re-resolve the pinned dependencies from pyproject.toml
lock: $(VENV)/.dev-installed
	$(BIN)/pip-compile --quiet --strip-extras --allow-unsafe --no-emit-index-url --no-emit-find-links --all-build-deps -o requirements.lock pyproject.toml
	$(BIN)/pip-compile --quiet --strip-extras --allow-unsafe --no-emit-index-url --no-emit-find-links --extra dev --all-build-deps -o requirements-dev.lock pyproject.toml

clean:
	rm -rf site .venv .pytest_cache .mypy_cache .ruff_cache
