# Union Portal. The two commands a newcomer needs: `make dev` and `make test`.
SHELL := /bin/bash
.DEFAULT_GOAL := help
PY := .venv/bin/python
VENV_STAMP := .venv/.installed
NODE_STAMP := node_modules/.installed
FRONT_STAMP := frontend/node_modules/.installed
CHROMIUM := /usr/bin/chromium
CATALOGS := $(wildcard chalicelib/translations/*/LC_MESSAGES/*.po)
COMPILED_CATALOGS := $(CATALOGS:.po=.mo)
FRONTEND_SOURCES := $(shell find frontend/src -type f 2>/dev/null) frontend/index.html \
	frontend/vite.config.ts frontend/tsconfig.json
FRONTEND_BUILD := frontend/dist/index.html
export AWS_DEFAULT_REGION ?= eu-north-1

help:
	@echo "make dev    start the whole stack with demo data (http://127.0.0.1:8000)"
	@echo "make test   run every check and test"
	@echo "make bench  print the benchmark figures"
	@echo "make package  build the CloudFormation template into out/ (no AWS credentials needed)"
	@echo "make audit-verify  re-verify the audit log's hash chain (the local stack's table)"
	@echo "make remind  send the day-before event reminders now (the local stack's table and mailbox)"

# --- installation: everything a fresh machine of this kind needs -------------------------
$(VENV_STAMP): pyproject.toml requirements-lock.txt
	test -x $(PY) || python3.11 -m venv .venv
	$(PY) -m pip install --quiet --disable-pip-version-check -c requirements-lock.txt -e '.[dev]'
	touch $@

$(NODE_STAMP): package.json package-lock.json
	npm ci --no-audit --no-fund --loglevel=error
	touch $@

$(FRONT_STAMP): frontend/package.json frontend/package-lock.json
	cd frontend && npm ci --no-audit --no-fund --loglevel=error
	touch $@

$(CHROMIUM):
	apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null

install: $(VENV_STAMP) $(NODE_STAMP) $(FRONT_STAMP) translations frontend-build

# Built only when their sources change, so a second `make dev` starts at once.
translations: $(COMPILED_CATALOGS)

%.mo: %.po $(VENV_STAMP)
	.venv/bin/pybabel -q compile -i $< -o $@

frontend-build: $(FRONTEND_BUILD)

$(FRONTEND_BUILD): $(FRONT_STAMP) $(FRONTEND_SOURCES)
	cd frontend && npm run --silent build

# --- the two commands ---------------------------------------------------------------------
dev: install
	$(PY) -m devstack

test: install $(CHROMIUM) check
	$(PY) -m pytest -q -p no:cacheprovider tests/unit tests/integration tests/e2e

# --- checks -------------------------------------------------------------------------------
check: lint typecheck contracts asl-lint cfn-lint frontend-check

lint: $(VENV_STAMP)
	.venv/bin/ruff check .
	.venv/bin/ruff format --check .

typecheck: $(VENV_STAMP)
	.venv/bin/mypy

contracts: $(VENV_STAMP)
	.venv/bin/lint-imports --no-cache

asl-lint: $(NODE_STAMP)
	@for f in infra/statemachines/*.asl.json; do \
	  npx --no-install statelint "$$f" || exit 1; \
	  npx --no-install asl-validator --json-path "$$f" || exit 1; \
	done

frontend-check: $(FRONT_STAMP)
	cd frontend && npm run --silent typecheck && npm test --silent

package: install
	$(PY) -m infra.package out

cfn-lint: package
	.venv/bin/cfn-lint out/sam.json

bench: install
	$(PY) -m pytest -q -s -p no:cacheprovider tests/bench

# Needs the stack from `make dev` running: it reads that stack's table.
audit-verify: $(VENV_STAMP)
	@test -f .local/dev.env || { echo "start the stack first: make dev"; exit 1; }
	set -a; . ./.local/dev.env; set +a; $(PY) -m chalicelib.entrypoints.audit_verify

# Runs the day-before event reminders now, in the stack from `make dev` (its table and mailbox).
remind: $(VENV_STAMP)
	@test -f .local/dev.env || { echo "start the stack first: make dev"; exit 1; }
	set -a; . ./.local/dev.env; set +a; $(PY) -m devstack.run_function event_reminders

clean:
	rm -rf out vendor .pytest_cache .mypy_cache .ruff_cache frontend/dist

.PHONY: help install translations frontend-build dev test check lint typecheck contracts asl-lint \
	frontend-check package cfn-lint bench audit-verify remind clean
