# The two Quick start commands, and the steps they are built from.
PYTHON ?= python3
VENV   ?= .venv
BIN    := $(VENV)/bin
PORT   ?= 8501

.PHONY: demo test install install-test system-deps bench clean

## demo: install everything, load the demo area into the embedded store, serve the dashboard
demo: install
	$(BIN)/assetmap demo --port $(PORT)

## test: install everything (with test tools and the Cypher linter), run every test
test: install-test system-deps
	$(BIN)/ruff check .
	$(BIN)/mypy
	$(BIN)/python -m pytest

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip

install: $(BIN)/python
	$(BIN)/pip install --quiet -e .

install-test: $(BIN)/python node_modules/.package-lock.json
	$(BIN)/pip install --quiet -e '.[test]'

system-deps:
	scripts/install-system-deps.sh

node_modules/.package-lock.json: package.json package-lock.json
	npm ci --no-audit --no-fund

## bench: the performance harness (see BENCHMARKS.md)
bench: install-test
	$(BIN)/python -m bench.run

clean:
	rm -rf $(VENV) node_modules .pytest_cache test-output
