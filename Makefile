# The one task runner. README and .ci/run use exactly these targets.
PY      ?= python3
VENV    := .venv
BIN     := $(VENV)/bin
STAMP   := $(VENV)/.installed
export OMP_NUM_THREADS ?= 1
export OPENBLAS_NUM_THREADS ?= 1

.PHONY: setup demo demo-check test test-fast eval lint typecheck schema bench system-deps clean

setup: $(STAMP)

$(STAMP): requirements.lock pyproject.toml src/newsgraph/web/package-lock.json
	test -x $(BIN)/python || $(PY) -m venv $(VENV)
	$(BIN)/pip install --quiet --disable-pip-version-check --require-hashes -r requirements.lock
	$(BIN)/pip install --quiet --disable-pip-version-check --no-deps -e .
	cd src/newsgraph/web && npm ci --no-audit --no-fund --silent
	touch $(STAMP)

# The main job: the example articles into the embedded SQLite store, served on loopback.
demo: setup
	$(BIN)/newsgraph demo examples/

# The same, fetching the home page once and exiting (for scripts).
demo-check: setup
	$(BIN)/newsgraph demo examples/ --check

# Installs and starts what the tests need (PostgreSQL, Chromium), then runs them.
test: setup system-deps
	$(BIN)/python -m pytest -n 2 --dist loadgroup -q

test-fast: setup
	$(BIN)/python -m pytest -q -x -m "not postgres and not browser"

system-deps:
	bash scripts/system-deps.sh

eval: setup
	$(BIN)/newsgraph eval all

lint: setup
	$(BIN)/ruff check src tests scripts
	$(BIN)/mypy

schema: setup
	$(BIN)/python -m newsgraph.schema > src/newsgraph/schema/article.schema.json

bench: setup
	$(BIN)/python scripts/bench_extract.py

clean:
	rm -rf $(VENV) .pytest_cache build *.egg-info src/*.egg-info
