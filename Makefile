# The Networking Playbook. `make site` and `make test` are the README's two commands.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
TEST_STAMP := $(VENV)/.installed-test
QUALITY_STAMP := tools/quality/node_modules/.installed

.PHONY: site test test-fast check system-deps offline serve lint clean

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

## offline: dist/networking-playbook-offline.zip, a copy of the site to open from file://
offline: $(STAMP)
	$(BIN)/playbook offline

## serve: live-reloading preview on http://127.0.0.1:8000/ (data, content, templates, overrides and code are watched)
serve: $(STAMP)
	$(BIN)/playbook serve

## bench: build and serve timings, sizes and memory on the playbook's own data and at 100, 1,000 and 10,000 tips,
## with issue #19's targets (BENCH_SIZES=100,1000 for a quick run; BENCH_OUT=DIR to keep bench/results/ as it is)
.PHONY: bench bench-zensical
bench: $(STAMP)
	$(BIN)/python -m bench $(if $(BENCH_SIZES),--sizes $(BENCH_SIZES)) $(if $(BENCH_OUT),--out $(BENCH_OUT))

## bench-zensical: Zensical in its own venv under bench/work/, for the benchmark's comparison column
bench-zensical:
	$(PYTHON) -m venv bench/work/zensical-venv
	bench/work/zensical-venv/bin/pip install --quiet zensical

$(QUALITY_STAMP): tools/quality/package.json tools/quality/package-lock.json
	cd tools/quality && npm ci --no-audit --no-fund --loglevel=error
	touch $@

## system-deps: Debian packages the tests need (chromium, poppler-utils, java, node), when missing
system-deps:
	bash scripts/install-system-deps.sh

## test: install everything the tests need and run the whole suite, quality gates included
test: $(TEST_STAMP) system-deps $(QUALITY_STAMP)
	$(BIN)/ruff check generator tests
	$(BIN)/ruff format --check generator tests
	$(BIN)/mypy
	$(BIN)/pytest

## check: the site quality gates alone (vnu, axe, Lighthouse, page weight)
check: $(TEST_STAMP) system-deps $(QUALITY_STAMP)
	$(BIN)/pytest -m quality

## test-fast: the suite without browser tests, quality gates and slow suites (a few minutes)
test-fast: $(TEST_STAMP)
	$(BIN)/pytest -m "not browser and not quality and not slow"

clean:
	rm -rf site dist .venv .pytest_cache .mypy_cache .ruff_cache
