# tests/conformance/: one data-driven conformance suite (cases.json) and a small runner per language.
# Each runner starts its own ctc-sandbox (target/debug, --port 0 on 127.0.0.1), runs every case through
# its binding's public API and ends with "N passed, N failed". See tests/conformance/README.md.
#   make test-conformance     lint of the runners, then the Rust, Python, Node, Go and Kotlin runners
#                             (all of them run; the target fails when any case failed)
#   make conformance-rust | conformance-python | conformance-node | conformance-go | conformance-kotlin
#                             one runner
#   make lint-conformance     ruff, prettier + eslint, gofmt + go vet, cargo fmt + clippy, ktfmt of the runners
#   CONFORMANCE_ARGS="-k 409"  passes arguments to the runners (here: only cases whose name has "409")
# The Rust runner is its own cargo workspace (tests/conformance/rust), built into the shared target/.
# The Kotlin runner is its own Maven project (tests/conformance/kotlin) compiled against the SDK jar
# built here (bindings-mobile/kotlin/target, tests not compiled), run with `java -cp`; the native
# library is loaded from target/debug (uniffi's libraryOverride), never from a stale copy.
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
CONF_KOTLIN_DIR := $(CONF_DIR)/kotlin
CONF_KOTLIN_LIB := $(ROOT)/target/debug/libcryptotopcard_mobile.so
CONF_RUN_KOTLIN := cd $(ROOT) && java \
	-Duniffi.component.cryptotopcard_mobile.libraryOverride=$(CONF_KOTLIN_LIB) \
	-Duniffi.component.cryptotopcard.libraryOverride=$(CONF_KOTLIN_LIB) \
	-cp "$$(cat $(CONF_KOTLIN_DIR)/target/classpath.txt):$(CONF_KOTLIN_DIR)/target/classes" \
	com.cryptotopcard.conformance.ConformanceKt --sandbox $(CONF_SANDBOX)

.PHONY: test-conformance lint-conformance conformance-rust-build conformance-kotlin-build \
	conformance-rust conformance-python conformance-node conformance-go conformance-kotlin

conformance-rust-build:
	$(CONF_CARGO) build -q --manifest-path $(CONF_RUST_MANIFEST)

# The SDK jar (cargo steps done by mobile-lib; the binding's own tests are not compiled), then the
# runner (its validate phase checks ktfmt) and target/classpath.txt.
conformance-kotlin-build: mobile-lib
	cd $(MOBILE_DIR)/kotlin && $(MVN) $(MVN_FLAGS) -Dcargo.skip=true -Dmaven.test.skip=true package
	cd $(CONF_KOTLIN_DIR) && $(MVN) $(MVN_FLAGS) compile

lint-conformance: $(VENV)/.stamp $(NODE_DEPS)
	$(VENV)/bin/ruff format --check --config $(ROOT)/bindings-python/pyproject.toml $(CONF_DIR)/python
	$(VENV)/bin/ruff check --config $(ROOT)/bindings-python/pyproject.toml $(CONF_DIR)/python
	$(NODE_BIN)/prettier --config $(NODE_DIR)/.prettierrc.json --check '$(CONF_DIR)/node/*.js'
	cd $(ROOT) && $(NODE_BIN)/eslint --config $(NODE_DIR)/eslint.config.js tests/conformance/node
	cd $(CONF_DIR)/go && test -z "$$(gofmt -l .)" || { gofmt -l .; echo "gofmt: files above need formatting"; exit 1; }
	cd $(CONF_DIR)/go && $(GO) vet .
	$(CARGO) fmt --manifest-path $(CONF_RUST_MANIFEST) -- --check
	$(CONF_CARGO) clippy -q --manifest-path $(CONF_RUST_MANIFEST) --all-targets -- -D warnings
	cd $(CONF_KOTLIN_DIR) && $(MVN) $(MVN_FLAGS) spotless:check

conformance-rust: sandbox-debug conformance-rust-build
	CTC_SANDBOX_BIN=$(CONF_SANDBOX) $(CONF_RUN_RUST) $(CONFORMANCE_ARGS)

conformance-python: python sandbox-debug
	CTC_SANDBOX_BIN=$(CONF_SANDBOX) $(CONF_RUN_PYTHON) $(CONFORMANCE_ARGS)

conformance-node: node sandbox-debug
	CTC_SANDBOX_BIN=$(CONF_SANDBOX) $(CONF_RUN_NODE) $(CONFORMANCE_ARGS)

conformance-go: go sandbox-debug
	$(CONF_RUN_GO) -sandbox $(CONF_SANDBOX) $(CONFORMANCE_ARGS)

conformance-kotlin: conformance-kotlin-build sandbox-debug
	$(CONF_RUN_KOTLIN) $(CONFORMANCE_ARGS)

# Every runner runs even when an earlier one failed; the target fails if any did.
test-conformance: python node go sandbox-debug conformance-rust-build conformance-kotlin-build lint-conformance
	@status=0; \
	echo "== conformance: rust"; CTC_SANDBOX_BIN=$(CONF_SANDBOX) $(CONF_RUN_RUST) $(CONFORMANCE_ARGS) || status=1; \
	echo "== conformance: python"; CTC_SANDBOX_BIN=$(CONF_SANDBOX) $(CONF_RUN_PYTHON) $(CONFORMANCE_ARGS) || status=1; \
	echo "== conformance: node"; CTC_SANDBOX_BIN=$(CONF_SANDBOX) $(CONF_RUN_NODE) $(CONFORMANCE_ARGS) || status=1; \
	echo "== conformance: go"; ($(CONF_RUN_GO) -sandbox $(CONF_SANDBOX) $(CONFORMANCE_ARGS)) || status=1; \
	echo "== conformance: kotlin"; ($(CONF_RUN_KOTLIN) $(CONFORMANCE_ARGS)) || status=1; \
	exit $$status

TEST_TARGETS += test-conformance
