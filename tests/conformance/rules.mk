# tests/conformance/: one data-driven conformance suite (cases.json) and a small runner per language.
# Each runner starts its own ctc-sandbox (target/debug, --port 0 on 127.0.0.1), runs every case through
# its binding's public API and ends with "N passed, N failed". See tests/conformance/README.md.
#   make test-conformance     lint of the runners, then the Rust, Python, Node and Go runners (all of
#                             them run; the target fails when any case failed)
#   make conformance-rust | conformance-python | conformance-node | conformance-go   one runner
#   make lint-conformance     ruff, prettier + eslint, gofmt + go vet, cargo fmt + clippy of the runners
#   CONFORMANCE_ARGS="-k 409"  passes arguments to the runners (here: only cases whose name has "409")
# The Rust runner is its own cargo workspace (tests/conformance/rust), built into the shared target/.
CONF_DIR := $(ROOT)/tests/conformance
CONF_SANDBOX := $(ROOT)/target/debug/ctc-sandbox
CONF_CARGO := CARGO_TARGET_DIR=$(ROOT)/target $(CARGO)
CONF_RUST_MANIFEST := $(CONF_DIR)/rust/Cargo.toml
CONFORMANCE_ARGS ?=
GO ?= go

CONF_RUN_RUST := $(ROOT)/target/debug/ctc-conformance
CONF_RUN_PYTHON := $(PY) $(CONF_DIR)/python/run_conformance.py
CONF_RUN_NODE := node $(CONF_DIR)/node/run-conformance.js
CONF_RUN_GO := cd $(CONF_DIR)/go && $(GO) run .

.PHONY: test-conformance lint-conformance conformance-rust-build \
	conformance-rust conformance-python conformance-node conformance-go

conformance-rust-build:
	$(CONF_CARGO) build -q --manifest-path $(CONF_RUST_MANIFEST)

lint-conformance: $(VENV)/.stamp $(NODE_DEPS)
	$(VENV)/bin/ruff format --check --config $(ROOT)/bindings-python/pyproject.toml $(CONF_DIR)/python
	$(VENV)/bin/ruff check --config $(ROOT)/bindings-python/pyproject.toml $(CONF_DIR)/python
	$(NODE_BIN)/prettier --config $(NODE_DIR)/.prettierrc.json --check '$(CONF_DIR)/node/*.js'
	cd $(ROOT) && $(NODE_BIN)/eslint --config $(NODE_DIR)/eslint.config.js tests/conformance/node
	cd $(CONF_DIR)/go && test -z "$$(gofmt -l .)" || { gofmt -l .; echo "gofmt: files above need formatting"; exit 1; }
	cd $(CONF_DIR)/go && $(GO) vet .
	$(CARGO) fmt --manifest-path $(CONF_RUST_MANIFEST) -- --check
	$(CONF_CARGO) clippy -q --manifest-path $(CONF_RUST_MANIFEST) --all-targets -- -D warnings

conformance-rust: sandbox-debug conformance-rust-build
	CTC_SANDBOX_BIN=$(CONF_SANDBOX) $(CONF_RUN_RUST) $(CONFORMANCE_ARGS)

conformance-python: python sandbox-debug
	CTC_SANDBOX_BIN=$(CONF_SANDBOX) $(CONF_RUN_PYTHON) $(CONFORMANCE_ARGS)

conformance-node: node sandbox-debug
	CTC_SANDBOX_BIN=$(CONF_SANDBOX) $(CONF_RUN_NODE) $(CONFORMANCE_ARGS)

conformance-go: go sandbox-debug
	$(CONF_RUN_GO) -sandbox $(CONF_SANDBOX) $(CONFORMANCE_ARGS)

# Every runner runs even when an earlier one failed; the target fails if any did.
test-conformance: python node go sandbox-debug conformance-rust-build lint-conformance
	@status=0; \
	echo "== conformance: rust"; CTC_SANDBOX_BIN=$(CONF_SANDBOX) $(CONF_RUN_RUST) $(CONFORMANCE_ARGS) || status=1; \
	echo "== conformance: python"; CTC_SANDBOX_BIN=$(CONF_SANDBOX) $(CONF_RUN_PYTHON) $(CONFORMANCE_ARGS) || status=1; \
	echo "== conformance: node"; CTC_SANDBOX_BIN=$(CONF_SANDBOX) $(CONF_RUN_NODE) $(CONFORMANCE_ARGS) || status=1; \
	echo "== conformance: go"; ($(CONF_RUN_GO) -sandbox $(CONF_SANDBOX) $(CONFORMANCE_ARGS)) || status=1; \
	exit $$status

TEST_TARGETS += test-conformance
