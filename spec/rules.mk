# spec/: the OpenAPI contract (spec/openapi.yaml) and its conformance checks (tests/contract/).
#   make spec-validate          openapi-spec-validator + the spec's own tests (tests/contract/test_spec.py)
#   make contract-schemathesis  schemathesis (default checks) against a real ctc-sandbox on a free port
#   make contract-prism         prism proxy --errors between a client workload and a real ctc-sandbox
#   make test-contract          all three
CONTRACT_DIR := $(ROOT)/tests/contract

.PHONY: spec-validate contract-sandbox contract-schemathesis contract-prism test-contract

spec-validate: $(VENV)/.stamp
	$(VENV)/bin/openapi-spec-validator $(ROOT)/spec/openapi.yaml
	cd $(ROOT) && $(PY) -m pytest -q -p no:cacheprovider -o asyncio_default_fixture_loop_scope=function $(CONTRACT_DIR)/test_spec.py

contract-sandbox:
	$(CARGO) build -p cryptotopcard-sandbox --bin ctc-sandbox

contract-schemathesis: $(VENV)/.stamp contract-sandbox
	SKIP_BUILD=1 CARGO="$(CARGO)" $(CONTRACT_DIR)/run_schemathesis.sh

contract-prism: $(VENV)/.stamp contract-sandbox
	SKIP_BUILD=1 CARGO="$(CARGO)" PY="$(PY)" $(CONTRACT_DIR)/run_prism_proxy.sh

test-contract: spec-validate contract-schemathesis contract-prism

TEST_TARGETS += test-contract
