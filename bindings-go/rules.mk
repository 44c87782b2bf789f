# bindings-go: the C ABI crate `cryptotopcard-capi` (src/, include/cryptotopcard.h) and the Go module
# github.com/cryptotopcard/cryptotopcard-go (this folder), with its example in examples/go.
#   make go          cargo build of the C ABI (debug static + shared library) + `go build ./...`
#   make go-header   regenerate the checked-in include/cryptotopcard.h with cbindgen
#   make test-go     header drift + boundary tests (cargo), a C program against the header and ctc-sandbox,
#                    gofmt, go vet, model drift (internal/codegen), go test ./... vs ctc-sandbox (which
#                    also checks errors_gen.go against the core's error classes read through the C ABI)
#   make demo-go     ctc-sandbox --port 0 + examples/go (create, details, fund, list transactions)
# The SDK module has no third-party dependency; the model generator (internal/codegen, its own module)
# takes gopkg.in/yaml.v3 from the Go module proxy.
GO ?= go
GO_DIR := $(ROOT)/bindings-go
GO_EXAMPLE_DIR := $(ROOT)/examples/go
GO_SANDBOX := $(ROOT)/target/debug/ctc-sandbox

.PHONY: go go-header go-sandbox test-go demo-go

go:
	@command -v $(GO) >/dev/null || { echo "make go: the Go toolchain (1.24 or later) is not on PATH"; exit 1; }
	$(CARGO) build -p cryptotopcard-capi
	cd $(GO_DIR) && $(GO) build ./...

go-header:
	CTC_UPDATE_HEADER=1 $(CARGO) build -p cryptotopcard-capi

go-sandbox:
	$(CARGO) build -p cryptotopcard-sandbox --bin ctc-sandbox

test-go: go go-sandbox
	$(CARGO) test -p cryptotopcard-capi
	$(GO_DIR)/scripts/c_smoke.sh $(GO_SANDBOX) $(ROOT)/target/debug/libcryptotopcard_capi.a
	cd $(GO_DIR) && test -z "$$(gofmt -l .)" || { gofmt -l .; echo "gofmt: files above need formatting"; exit 1; }
	cd $(GO_EXAMPLE_DIR) && test -z "$$(gofmt -l .)" || { gofmt -l .; echo "gofmt: files above need formatting"; exit 1; }
	cd $(GO_DIR) && $(GO) vet ./...
	cd $(GO_EXAMPLE_DIR) && $(GO) vet ./...
	cd $(GO_DIR)/internal/codegen && $(GO) vet ./... && $(GO) test -count=1 ./...
	cd $(GO_DIR) && CTC_SANDBOX_BIN=$(GO_SANDBOX) $(GO) test -count=1 ./...

demo-go: go go-sandbox
	$(GO_DIR)/scripts/demo.sh $(GO_SANDBOX) $(GO_EXAMPLE_DIR)

TEST_TARGETS += test-go
DEMO_TARGETS += demo-go
