# codegen/: the one SDK generator (spec/openapi.yaml -> intermediate form -> templates/<lang>/).
#   make codegen         (re)write every generated file in every language
#   make codegen-check   fail when a checked-in generated file differs from what the spec gives
#   make codegen-ir      print the intermediate form (JSON) the templates see
.PHONY: codegen codegen-check codegen-ir test-codegen

codegen:
	$(CARGO) run -q -p ctc-codegen

codegen-check:
	$(CARGO) run -q -p ctc-codegen -- --check

codegen-ir:
	$(CARGO) run -q -p ctc-codegen -- --dump-ir

test-codegen: codegen-check
	$(CARGO) test -q -p ctc-codegen

TEST_TARGETS += test-codegen

# Hand-written lines of each binding against the core's (issue 12's target: at most a third).
sizes:
	python3 $(ROOT)/codegen/sizes.py

.PHONY: sizes
