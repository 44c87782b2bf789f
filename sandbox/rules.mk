# sandbox/: the stateful local API server (crate cryptotopcard-sandbox, binary ctc-sandbox).
.PHONY: sandbox sandbox-debug test-sandbox

# Release build: target/release/ctc-sandbox
sandbox:
	$(CARGO) build --release -p cryptotopcard-sandbox --bin ctc-sandbox

# Debug build: target/debug/ctc-sandbox
sandbox-debug:
	$(CARGO) build -p cryptotopcard-sandbox --bin ctc-sandbox

# Unit tests plus the integration suites in sandbox/tests/ (real HTTP on 127.0.0.1, free ports).
test-sandbox:
	$(CARGO) test -p cryptotopcard-sandbox

TEST_TARGETS += test-sandbox
