# bindings-node: the Node package `cryptotopcard` (napi-rs addon + JS layer), its examples and benchmark.
#   make node        npm dev deps + `napi build --platform` in place (require('./bindings-node') works)
#   make node-sandbox  the test addon, npm package `cryptotopcard-sandbox` (sandbox-addon/: this
#                    crate with its `sandbox` feature), linked as node_modules/cryptotopcard-sandbox
#                    so that `cryptotopcard/testing` finds it
#   make test-node   prettier, eslint, tsc (checkJs over the package's own JS, and
#                    --strict over examples/node/*.ts), node --test against the sandbox
#   make lint-node   prettier, eslint and tsc only (no build, no tests)
#   make demo-node   ctc-sandbox --port 0 + every examples/node/* example
#   make bench-node  release addon + release sandbox + ctc-bench (bench/rust); this package vs the
#                    Rust core vs plain fetch, on one sandbox
NODE_DIR := $(ROOT)/bindings-node
NODE_BIN := $(NODE_DIR)/node_modules/.bin
NODE_DEPS := $(NODE_DIR)/node_modules/.deps-stamp
# CARGO=scripts/cargo-host.sh: napi always passes --target, which would build every dependency a
# second time under target/<triple>/; the wrapper keeps the addon in the shared target/ cache.
NAPI_BUILD := CARGO=$(NODE_DIR)/scripts/cargo-host.sh $(NODE_BIN)/napi build --platform --output-dir native \
	--js index.js --dts index.d.ts --package cryptotopcard-node

.PHONY: node node-release node-sandbox test-node lint-node demo-node bench-node fmt-node node-prebuilt test-node-prebuilt

fmt-node: $(NODE_DEPS)
	cd $(NODE_DIR) && $(NODE_BIN)/prettier --config .prettierrc.json --write $(NODE_FORMATTED)

$(NODE_DEPS): $(NODE_DIR)/package.json $(wildcard $(NODE_DIR)/package-lock.json)
	cd $(NODE_DIR) && if [ -f package-lock.json ]; then npm ci --no-audit --no-fund; else npm install --no-audit --no-fund; fi
	touch $@

node: $(NODE_DEPS)
	cd $(NODE_DIR) && $(NAPI_BUILD)

# The shipped addon: symbols stripped after the build (binutils `strip`: 10.1 MB -> 8.3 MB; the
# N-API entry point is a dynamic symbol, which strip keeps). Not napi's --strip, which changes
# RUSTFLAGS and so rebuilds every dependency.
node-release: $(NODE_DEPS)
	cd $(NODE_DIR) && $(NAPI_BUILD) --release
	strip $(NODE_DIR)/native/*.node

# The test addon: the same crate with the sandbox server linked in, built into its own package.
# After `node` (never at the same time: both builds write target/<profile>/libcryptotopcard_node.so
# before napi copies it out).
NAPI_SANDBOX_BUILD := CARGO=$(NODE_DIR)/scripts/cargo-host.sh $(NODE_BIN)/napi build --platform --output-dir native \
	--js index.js --dts index.d.ts --manifest-path ../Cargo.toml --package cryptotopcard-node --features sandbox

node-sandbox: node
	cd $(NODE_DIR)/sandbox-addon && $(NAPI_SANDBOX_BUILD)
	ln -sfn ../sandbox-addon $(NODE_DIR)/node_modules/cryptotopcard-sandbox

NODE_FORMATTED := '*.js' '*.mjs' '*.d.ts' 'lib/**/*.js' 'scripts/*.js' 'test/*.js' 'test/types/*.ts' \
	'sandbox-addon/*.js' 'sandbox-addon/*.d.ts' \
	'../examples/node/*.js' '../examples/node/*.mjs' '../examples/node/*.ts' '../bench/node/*.js'

# ESLint runs from the repository root with the package's flat config, so that examples/node and
# bench/node (outside the package directory) are linted with it too.
define NODE_LINT
	cd $(NODE_DIR) && $(NODE_BIN)/prettier --config .prettierrc.json --check $(NODE_FORMATTED)
	cd $(ROOT) && $(NODE_BIN)/eslint --config $(NODE_DIR)/eslint.config.js bindings-node examples/node bench/node
	$(NODE_BIN)/tsc -p $(NODE_DIR)/tsconfig.json
	$(NODE_BIN)/tsc -p $(ROOT)/examples/node/tsconfig.json
endef

lint-node: $(NODE_DEPS)
	$(NODE_LINT)

test-node: node node-sandbox
	$(NODE_LINT)
	cd $(NODE_DIR) && node --test --test-timeout=300000 test/*.test.js

demo-node: node
	$(CARGO) build --release -p cryptotopcard-sandbox --bin ctc-sandbox
	node $(NODE_DIR)/scripts/demo.js $(ROOT)/target/release/ctc-sandbox

bench-node: node-release
	$(CARGO) build --release -p cryptotopcard-sandbox --bin ctc-sandbox -p ctc-bench
	node $(ROOT)/bench/node/bench.js $(ROOT)/target/release/ctc-sandbox $(ROOT)/target/release/ctc-bench

node-prebuilt: node
	node $(NODE_DIR)/scripts/prebuilt.js

test-node-prebuilt: node
	$(CARGO) build -p cryptotopcard-sandbox --bin ctc-sandbox
	node $(NODE_DIR)/scripts/prebuilt.js --check

TEST_TARGETS += test-node test-node-prebuilt
DEMO_TARGETS += demo-node
BENCH_TARGETS += bench-node
