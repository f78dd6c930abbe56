# Two commands do all the set-up on a fresh machine: `make run` and `make test`.
PYTHON ?= python3
VENV ?= .venv
BIN := $(VENV)/bin
CHROMIUM ?= /usr/bin/chromium
WEBKIT_DRIVER ?= /usr/bin/WebKitWebDriver
# The tests run in two processes (pytest-xdist), one per core of the machine they were
# tuned on; an idle test waiting for a browser leaves its core to the other one. Each
# process has its own gunicorn and Chromium; work-stealing evens out the slow files.
TEST_WORKERS ?= 2
PYTEST := $(BIN)/pytest -n $(TEST_WORKERS) --dist worksteal

.PHONY: pdftotext run test test-fast test-stress bench install install-test lock catalogs chromium webkit bench-tools nginx lint caddy serve lint-serve node lint-js test-js build

# Every dependency comes from a lock file, pinned and checked against its hashes. The
# build tools (pip, setuptools) come first, from their own lock; then nothing is built in
# an isolated environment that would fetch unchecked tools (http-ece is published only as
# source), and the project itself is installed without dependencies.
BUILD_LOCK := requirements/build.txt
APP_LOCK := requirements/app.txt
TEST_LOCK := requirements/test.txt
LOCKED := $(BIN)/python -m pip install --quiet --require-hashes --no-deps
SELF := $(BIN)/python -m pip install --quiet --no-deps --no-build-isolation -e .
COMPILE := $(BIN)/pip-compile --quiet --generate-hashes --allow-unsafe --strip-extras \
	--no-emit-index-url --no-emit-find-links --upgrade

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)

install: $(BIN)/python
	$(LOCKED) -r $(BUILD_LOCK)
	$(LOCKED) --no-build-isolation -r $(APP_LOCK)
	$(SELF)

install-test: $(BIN)/python
	$(LOCKED) -r $(BUILD_LOCK)
	$(LOCKED) --no-build-isolation -r $(TEST_LOCK)
	$(SELF)

# Re-resolve the three lock files from pyproject.toml (and requirements/build.in) at the newest
# versions allowed, with the hashes of every file PyPI has for each; review, test, commit.
lock: install-test
	$(COMPILE) --output-file $(BUILD_LOCK) requirements/build.in
	$(COMPILE) --output-file $(APP_LOCK) pyproject.toml requirements/build.in
	$(COMPILE) --extra test --output-file $(TEST_LOCK) pyproject.toml requirements/build.in

# The compiled catalogs are built from the .po files, never committed.
catalogs: $(BIN)/python
	$(BIN)/pybabel compile -d translations

# The browser tests need Debian's Chromium; as root, install it when it is missing.
chromium:
	@if [ ! -x $(CHROMIUM) ]; then \
		if [ "$$(id -u)" = 0 ]; then \
			apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium; \
		else \
			echo "Chromium is missing: install it with 'sudo apt-get install chromium'"; exit 1; \
		fi; \
	fi

# The WebKit test needs Debian's WebKitWebDriver and Xvfb (WebKitGTK has no headless mode).
webkit:
	@if [ ! -x $(WEBKIT_DRIVER) ] || ! command -v Xvfb >/dev/null; then \
		if [ "$$(id -u)" = 0 ]; then \
			apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq webkit2gtk-driver xvfb; \
		else \
			echo "WebKitWebDriver or Xvfb is missing: sudo apt-get install webkit2gtk-driver xvfb"; exit 1; \
		fi; \
	fi

# The paper test reads Chromium's PDF back with poppler's pdftotext.
pdftotext:
	@if ! command -v pdftotext >/dev/null; then \
		if [ "$$(id -u)" = 0 ]; then \
			apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq poppler-utils; \
		else \
			echo "pdftotext is missing: sudo apt-get install poppler-utils"; exit 1; \
		fi; \
	fi

# The export's tests serve it with Debian's nginx, standing in for a host that is not ours
# (tests/static_hosts.py); as root, install it when it is missing.
nginx:
	@if ! command -v nginx >/dev/null; then \
		if [ "$$(id -u)" = 0 ]; then \
			apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq nginx; \
		else \
			echo "nginx is missing: sudo apt-get install nginx"; exit 1; \
		fi; \
	fi

run: install catalogs build
	$(BIN)/gunicorn -c gunicorn.conf.py app:app

# --- The production stack: Caddy in front of the exported guide and gunicorn.
CADDY ?= caddy

# Debian's Caddy; as root, install it when it is missing.
caddy:
	@if ! command -v $(CADDY) >/dev/null; then \
		if [ "$$(id -u)" = 0 ]; then \
			apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq caddy; \
		else \
			echo "Caddy is missing: install it with 'sudo apt-get install caddy'"; exit 1; \
		fi; \
	fi

# Export, gunicorn (and the dispatcher), Caddy on https://localhost:$${HTTPS_PORT:-8443}, in
# the foreground; Ctrl-C stops everything (scripts/serve.py).
serve: install catalogs build caddy
	CADDY=$(CADDY) $(BIN)/python scripts/serve.py

# The Caddy tests (tests/deploy/) and the bench's production stack need it too.
test bench: caddy

# bandit also reads the stack's supervisor (ruff already checks every file).
lint: lint-serve
lint-serve: install-test
	$(BIN)/bandit -q scripts/serve.py scripts/build_scripts.py
# --- end of the production stack

lint: install-test
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/bandit -q -r webapp app.py gunicorn.conf.py

# One feature's tests: `make test F=push` (or test-fast); every test without F.
TESTS = $(if $(F),tests/$(F))

test: install-test catalogs build chromium webkit pdftotext nginx lint
	$(PYTEST) $(TESTS)

# The front end's tools (esbuild, ESLint, Prettier) come from package-lock.json, each
# checked against its hash by `npm ci`; node and npm from Debian (as root, installed when
# missing).
NODE_MODULES := node_modules/.package-lock.json

node:
	@if ! command -v npm >/dev/null; then \
		if [ "$$(id -u)" = 0 ]; then \
			apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq nodejs npm; \
		else \
			echo "node and npm are missing: sudo apt-get install nodejs npm"; exit 1; \
		fi; \
	fi

$(NODE_MODULES): package-lock.json | node
	npm ci --no-audit --no-fund --loglevel=error

# The pages' scripts: each feature's static/*.js (an ES module) bundled with what it
# imports by esbuild into build/scripts/, which the app serves (webapp/core/assets.py).
build: $(NODE_MODULES) | $(BIN)/python
	$(BIN)/python scripts/build_scripts.py

lint-js: $(NODE_MODULES)
	node_modules/.bin/eslint .
	node_modules/.bin/prettier --check --log-level warn .

# The front end's pure functions (tests/js/), with node's own test runner.
test-js: node
	node --test tests/js/*.test.js

lint: lint-js
test: test-js

# Everything but the browser tests and the slow ones (tests/conftest.py, SLOW), for a
# quick check while working.
test-fast: install-test catalogs build
	$(PYTEST) -m "not browser and not slow" $(TESTS)

# The browser tests three times in a row beside two CPU-bound processes, which the recipe
# starts and kills; fails if any run fails. Proves the waits hold on a busy machine.
test-stress: install-test catalogs build chromium webkit
	@hogs=""; \
	for n in 1 2; do $(BIN)/python -c "while True: pass" & hogs="$$hogs $$!"; done; \
	trap 'kill $$hogs 2>/dev/null' EXIT; trap 'exit 130' INT TERM; \
	failed=0; \
	for run in 1 2 3; do \
		echo "== stress run $$run of 3, beside two busy processes"; \
		$(PYTEST) -m browser || failed=$$((failed + 1)); \
	done; \
	echo "== $$failed of 3 stress runs failed"; \
	test $$failed = 0

# The benchmark also needs nginx (the baseline) and wrk (the load); as root, install them.
bench-tools:
	@if ! command -v nginx >/dev/null || ! command -v wrk >/dev/null; then \
		if [ "$$(id -u)" = 0 ]; then \
			apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq nginx wrk; \
		else \
			echo "nginx and wrk are missing: sudo apt-get install nginx wrk"; exit 1; \
		fi; \
	fi

bench: install-test catalogs build chromium bench-tools
	$(BIN)/python bench/main.py
