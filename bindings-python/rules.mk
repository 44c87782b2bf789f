# bindings-python: the Python package `cryptotopcard` (pyo3 + maturin, abi3-py39), its examples and benchmark.
#   make python        release abi3 wheel (target/wheels/python/) installed into .venv
#   make test-python   spec drift check, ruff, mypy --strict (package, examples, bench), pytest vs the real sandbox
#   make demo-python   ctc-sandbox --port 0 + every examples/python/*.py
#   make bench-python  release sandbox; this package vs httpx vs requests (and bench/rust when present)
PYB_DIR := $(ROOT)/bindings-python
PYB_WHEELS := $(ROOT)/target/wheels/python
PYB_SANDBOX := $(ROOT)/target/release/ctc-sandbox

.PHONY: python test-python demo-python bench-python

python: $(VENV)/.stamp
	rm -rf $(PYB_WHEELS)
	cd $(PYB_DIR) && $(VENV)/bin/maturin build --release --interpreter $(PY) --out $(PYB_WHEELS)
	$(PY) -m pip install -q --force-reinstall --no-deps $(PYB_WHEELS)/cryptotopcard-*.whl

PYB_LINTED := $(PYB_DIR) $(ROOT)/examples/python $(ROOT)/bench/python

test-python: python
	$(PY) $(PYB_DIR)/codegen.py --check
	$(VENV)/bin/ruff format --check --config $(PYB_DIR)/pyproject.toml $(PYB_LINTED)
	$(VENV)/bin/ruff check --config $(PYB_DIR)/pyproject.toml $(PYB_LINTED)
	cd $(PYB_DIR)/python && $(VENV)/bin/mypy --strict --no-incremental cryptotopcard
	$(VENV)/bin/mypy --strict --no-incremental $(ROOT)/examples/python $(ROOT)/bench/python
	cd $(PYB_DIR) && CRYPTOTOPCARD_WHEEL_DIR=$(PYB_WHEELS) $(PY) -m pytest -n 2 -q -p no:cacheprovider tests

demo-python: python
	$(CARGO) build --release -p cryptotopcard-sandbox --bin ctc-sandbox
	$(PY) $(PYB_DIR)/scripts/run_examples.py --sandbox $(PYB_SANDBOX) $(ROOT)/examples/python/*.py

bench-python: python
	$(CARGO) build --release -p cryptotopcard-sandbox --bin ctc-sandbox
	$(CARGO) build --release -p ctc-bench
	$(PY) $(ROOT)/bench/python/bench.py --sandbox $(PYB_SANDBOX)

TEST_TARGETS += test-python
DEMO_TARGETS += demo-python
BENCH_TARGETS += bench-python
