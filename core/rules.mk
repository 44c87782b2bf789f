# core/: the Rust SDK (crate cryptotopcard), its example (examples/rust), benchmark (bench/rust)
# and fuzz targets (core/fuzz, nightly + cargo-fuzz).
.PHONY: test-core demo-rust bench-core fuzz fuzz-core check-core-uniffi

FUZZ_SECONDS ?= 60
CORE_FUZZ_TARGETS := construct_event decode_models ops_decode

# Unit tests + integration suites against the embedded sandbox (127.0.0.1, free port per test).
test-core:
	$(CARGO) test -p cryptotopcard

# The uniffi derives used by bindings-mobile.
check-core-uniffi:
	$(CARGO) check -p cryptotopcard --features uniffi

# Starts a debug ctc-sandbox on a free port, runs the Rust example against it, stops it.
demo-rust:
	$(CARGO) build -p cryptotopcard-sandbox --bin ctc-sandbox
	$(CARGO) build -p cryptotopcard --example card_lifecycle
	log=$$(mktemp); \
	"$(ROOT)/target/debug/ctc-sandbox" --port 0 >"$$log" 2>/dev/null & pid=$$!; \
	trap 'kill $$pid 2>/dev/null || true; rm -f "$$log"' EXIT; \
	for i in $$(seq 1 100); do grep -q '^listening on ' "$$log" && break; sleep 0.1; done; \
	url=$$(head -n 1 "$$log" | sed 's/^listening on //'); \
	test -n "$$url"; \
	echo "sandbox at $$url"; \
	CRYPTOTOPCARD_BASE_URL="$$url" CRYPTOTOPCARD_API_KEY="sk_test_demo_rust_$$$$" \
		"$(ROOT)/target/debug/examples/card_lifecycle"

# Requests/s of the core vs a bare reqwest loop against an in-process release sandbox.
# The core against bare reqwest, on the same external release sandbox the binding benchmarks use.
bench-core:
	$(CARGO) build --release -p cryptotopcard-sandbox --bin ctc-sandbox -p ctc-bench
	$(ROOT)/target/release/ctc-bench --sandbox $(ROOT)/target/release/ctc-sandbox

# Fuzz targets (own workspace in core/fuzz), $(FUZZ_SECONDS) s each on nightly.
fuzz-core:
	command -v cargo-fuzz >/dev/null 2>&1 || $(CARGO) install cargo-fuzz --locked
	rustup toolchain list | grep -q '^nightly' || rustup toolchain install nightly --profile minimal
	cd core/fuzz && for t in $(CORE_FUZZ_TARGETS); do \
		mkdir -p corpus/$$t; \
		cargo +nightly fuzz run $$t corpus/$$t -- -max_total_time=$(FUZZ_SECONDS) -rss_limit_mb=2048 || exit 1; \
	done

fuzz: fuzz-core

TEST_TARGETS += test-core
DEMO_TARGETS += demo-rust
BENCH_TARGETS += bench-core
