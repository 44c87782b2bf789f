# cryptotopcard: top-level build. Every target does its own set-up (toolchain packages come from
# the registries: maturin and pytest from PyPI into .venv, npm packages into bindings-node, Maven
# artifacts into ~/.m2), so `make demo` and `make test` work on a fresh clone.
#
# Each component keeps its own rules in <component>/rules.mk; this file only wires them together.

SHELL := /bin/bash
.SHELLFLAGS := -eu -o pipefail -c
ROOT := $(abspath $(dir $(lastword $(MAKEFILE_LIST))))
VENV := $(ROOT)/.venv
PY := $(VENV)/bin/python
CARGO ?= cargo
export CARGO_TERM_COLOR ?= never

.DEFAULT_GOAL := help
.PHONY: help venv demo test lint fmt bench soak fuzz clean

help:
	@echo "make demo      build what is needed, start the sandbox, run every example"
	@echo "make test      build what is needed and run every test suite"
	@echo "make sandbox   release build of ctc-sandbox (target/release/ctc-sandbox)"
	@echo "make python    build the Python wheels (cryptotopcard manylinux2014; cryptotopcard-sandbox for tests) into .venv/"
	@echo "make node      build bindings-node/ in place (require('./bindings-node'))"
	@echo "make kotlin | go | bench | soak | fuzz | lint | fmt"

# Python tooling shared by several components (maturin, pytest, schemathesis, mypy, benchmark peers).
$(VENV)/.stamp: requirements-dev.txt
	test -x $(PY) || python3 -m venv $(VENV)
	$(PY) -m pip install -q --upgrade pip
	$(PY) -m pip install -q -r requirements-dev.txt
	touch $@
venv: $(VENV)/.stamp

-include sandbox/rules.mk
-include core/rules.mk
-include spec/rules.mk
-include codegen/rules.mk
-include bindings-python/rules.mk
-include bindings-node/rules.mk
-include bindings-go/rules.mk
-include bindings-mobile/rules.mk
-include tests/rules.mk
-include tests/conformance/rules.mk

# The components that exist and pass are listed here; each list entry is a target from a rules.mk.
TEST_TARGETS := $(strip $(TEST_TARGETS))
DEMO_TARGETS := $(strip $(DEMO_TARGETS))
BENCH_TARGETS := $(strip $(BENCH_TARGETS))

test: lint-check $(TEST_TARGETS)
	@echo "make test: all suites passed ($(TEST_TARGETS))"

demo: $(DEMO_TARGETS)
	@echo "make demo: all examples ran ($(DEMO_TARGETS))"

bench: $(BENCH_TARGETS)

lint-check:
	$(CARGO) fmt --all -- --check
	$(CARGO) clippy --workspace --all-targets -- -D warnings
	# The test-only halves behind features (the sandbox inside the Python and Node test packages).
	$(CARGO) clippy -p cryptotopcard-python -p cryptotopcard-node --features sandbox --all-targets -- -D warnings
	# Library code never panics on data from the network or the user (tests may unwrap).
	$(CARGO) clippy --workspace --lib -- -D warnings -D clippy::unwrap_used -D clippy::expect_used

# Every language's formatter and linter (make test runs each of them too, inside its suite).
lint: lint-check lint-node lint-kotlin lint-conformance

fmt:
	$(CARGO) fmt --all

clean:
	$(CARGO) clean
	rm -rf $(VENV)
