# bindings-python: the Python package `cryptotopcard` (pyo3 + maturin, abi3-py39), its test package
# `cryptotopcard-sandbox`, examples and benchmark.
#   make python        release abi3 wheels installed into .venv:
#                      - cryptotopcard (target/wheels/python/): on Linux built with zig for
#                        manylinux2014 (glibc 2.17), the wheel PyPI gets; no sandbox server inside
#                      - cryptotopcard-sandbox (target/wheels/python-sandbox/): the test package
#                        (sandbox-package/: the same crate with its `sandbox` feature, module
#                        cryptotopcard_sandbox._native) that cryptotopcard.testing.Sandbox uses
#   make python-wheels both packages for manylinux2014 x86_64 and aarch64 (zig), checked with
#                      auditwheel, into target/wheels/python-dist/ (the set to publish)
#   make test-python   ruff, mypy --strict (package, examples, bench), pytest vs the real sandbox
#   make demo-python   ctc-sandbox --port 0 + every examples/python/*.py
#   make bench-python  release sandbox; this package vs httpx vs requests (and bench/rust when present)
PYB_DIR := $(ROOT)/bindings-python
PYB_WHEELS := $(ROOT)/target/wheels/python
PYB_SANDBOX_WHEELS := $(ROOT)/target/wheels/python-sandbox
PYB_DIST := $(ROOT)/target/wheels/python-dist
PYB_SANDBOX := $(ROOT)/target/release/ctc-sandbox
# maturin --zig runs cargo-zigbuild, which finds zig as `python3 -m ziglang` (ziglang from PyPI,
# in requirements-dev.txt): the venv's bin/ goes first on PATH.
PYB_MATURIN := PATH="$(VENV)/bin:$$PATH" $(VENV)/bin/maturin
# The production wheel: zig links against glibc 2.17 symbols (manylinux2014) on Linux; elsewhere
# (macOS) a plain build. It lands in target/<host triple>/release, apart from the host build of
# the test package in target/release (no feature switch on one cdylib, no rebuild between them).
ifeq ($(shell uname -s),Linux)
PYB_PLATFORM := --zig --compatibility manylinux2014
endif
PYB_DIST_TARGETS := x86_64-unknown-linux-gnu aarch64-unknown-linux-gnu

.PHONY: python python-wheels test-python demo-python bench-python

python: $(VENV)/.stamp
	rm -rf $(PYB_WHEELS) $(PYB_SANDBOX_WHEELS)
	cd $(PYB_DIR) && $(PYB_MATURIN) build --release $(PYB_PLATFORM) --interpreter $(PY) --out $(PYB_WHEELS)
	cd $(PYB_DIR)/sandbox-package && $(PYB_MATURIN) build --release --interpreter $(PY) --out $(PYB_SANDBOX_WHEELS)
	$(PY) -m pip install -q --force-reinstall --no-deps $(PYB_WHEELS)/cryptotopcard-*.whl \
		$(PYB_SANDBOX_WHEELS)/cryptotopcard_sandbox-*.whl

# The publishable set (after `python`, whose x86_64 production build it reuses; the same
# --interpreter keeps pyo3's build configuration, hence the cache, for abi3), checked by
# tests/test_wheel_contents.py: tags (auditwheel show), no server in the production libraries.
# The test package builds in a target dir of its own: the two packages are one cdylib with
# different features, which cargo would write to the same file.
python-wheels: python
	rustup target add $(PYB_DIST_TARGETS)
	rm -rf $(PYB_DIST)
	for t in $(PYB_DIST_TARGETS); do \
		(cd $(PYB_DIR) && $(PYB_MATURIN) build --release --zig --compatibility manylinux2014 \
			--target $$t --interpreter $(PY) --out $(PYB_DIST)); \
		(cd $(PYB_DIR)/sandbox-package && $(PYB_MATURIN) build --release --zig \
			--compatibility manylinux2014 --target $$t --interpreter $(PY) \
			--target-dir $(ROOT)/target/python-sandbox --out $(PYB_DIST)); \
	done
	cd $(PYB_DIR) && CRYPTOTOPCARD_WHEEL_DIR=$(PYB_WHEELS) CRYPTOTOPCARD_SANDBOX_WHEEL_DIR=$(PYB_SANDBOX_WHEELS) \
		CRYPTOTOPCARD_DIST_DIR=$(PYB_DIST) $(PY) -m pytest -q -p no:cacheprovider tests/test_wheel_contents.py
	ls -l $(PYB_DIST)

PYB_LINTED := $(PYB_DIR) $(ROOT)/examples/python $(ROOT)/bench/python

test-python: python
	$(VENV)/bin/ruff format --check --config $(PYB_DIR)/pyproject.toml $(PYB_LINTED)
	$(VENV)/bin/ruff check --config $(PYB_DIR)/pyproject.toml $(PYB_LINTED)
	cd $(PYB_DIR)/python && $(VENV)/bin/mypy --strict --no-incremental cryptotopcard
	cd $(PYB_DIR)/sandbox-package/python && $(VENV)/bin/mypy --strict --no-incremental cryptotopcard_sandbox
	$(VENV)/bin/mypy --strict --no-incremental $(ROOT)/examples/python $(ROOT)/bench/python
	cd $(PYB_DIR) && CRYPTOTOPCARD_WHEEL_DIR=$(PYB_WHEELS) CRYPTOTOPCARD_SANDBOX_WHEEL_DIR=$(PYB_SANDBOX_WHEELS) \
		$(PY) -m pytest -n 2 -q -p no:cacheprovider tests

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
