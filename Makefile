# The Networking Playbook. `make site` and `make test` are the README's two commands.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
TEST_STAMP := $(VENV)/.installed-test

.PHONY: site test test-fast check serve lint clean

$(STAMP): pyproject.toml requirements.lock
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -c requirements.lock -e .
	touch $@

$(TEST_STAMP): $(STAMP)
	$(BIN)/pip install --quiet -c requirements.lock -e '.[test]'
	touch $@

## site: create the venv, install the pinned dependencies, build site/
site: $(STAMP)
	$(BIN)/playbook build

## serve: live-reloading preview on http://127.0.0.1:8000/ (data/ is watched)
serve: $(STAMP)
	$(BIN)/playbook serve

## test: install what the tests need (chromium, poppler) and run the whole suite
test: $(TEST_STAMP)
	bash scripts/install-system-deps.sh
	$(BIN)/ruff check generator tests
	$(BIN)/mypy
	$(BIN)/pytest

## test-fast: the suite without the browser tests
test-fast: $(TEST_STAMP)
	$(BIN)/pytest -m "not browser"

clean:
	rm -rf site .venv .pytest_cache .mypy_cache .ruff_cache
