# The two Quick start commands, and the steps they are built from.
PYTHON ?= python3
VENV   ?= .venv
BIN    := $(VENV)/bin
PORT   ?= 8501

.PHONY: demo test install install-test system-deps browser-deps neo4j-jars bench bench-dashboard clean

## demo: install everything, load the demo area into the local Neo4j, serve the dashboard
demo: install
	$(BIN)/assetmap demo --port $(PORT)

## test: install everything (with test tools, the Cypher linter and Chromium), run every test
test: install-test browser-deps
	$(BIN)/ruff check .
	$(BIN)/mypy
	$(BIN)/python -m pytest

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip

install: $(BIN)/python system-deps
	$(BIN)/pip install --quiet -e .
	$(BIN)/assetmap store install

install-test: $(BIN)/python system-deps node_modules/.package-lock.json
	$(BIN)/pip install --quiet -e '.[test]'
	$(BIN)/assetmap store install

## system-deps: Java 17+ and Maven (for the local Neo4j) when missing, from apt
system-deps:
	scripts/install-system-deps.sh

browser-deps:
	scripts/install-system-deps.sh --browser

node_modules/.package-lock.json: package.json package-lock.json
	npm ci --no-audit --no-fund

## bench: the performance harness (see BENCHMARKS.md)
bench: install-test
	$(BIN)/python -m bench.run

## bench-dashboard: 20 Chromium sessions switching clients on the person page (issue 16.3)
bench-dashboard: install-test browser-deps
	$(BIN)/python -m bench.dashboard_load

clean:
	rm -rf $(VENV) node_modules .pytest_cache test-output
