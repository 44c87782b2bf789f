# tests/: cross-component suites. The soak test drives Python and Node clients concurrently against a
# sandbox that injects random faults, then checks that nothing was lost or applied twice.
.PHONY: soak test-soak

SOAK_OPS ?= 400
SOAK_WORKERS ?= 3

# Full soak: 3 Python + 3 Node clients, 400 operations each, release sandbox.
soak: sandbox python node
	$(PY) tests/soak/run_soak.py --sandbox $(ROOT)/target/release/ctc-sandbox \
		--py-workers $(SOAK_WORKERS) --node-workers $(SOAK_WORKERS) --ops $(SOAK_OPS)

# Short version for `make test`.
test-soak: sandbox-debug python node
	$(PY) tests/soak/run_soak.py --sandbox $(ROOT)/target/debug/ctc-sandbox --py-workers 2 --node-workers 2 --ops 60

TEST_TARGETS += test-soak
