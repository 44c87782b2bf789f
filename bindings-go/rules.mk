# bindings-go: the C ABI crate `cryptotopcard-capi` (src/, include/cryptotopcard.h) and the Go module
# github.com/cryptotopcard/cryptotopcard-go (this folder), with its example in examples/go.
#   make go          cargo build of the C ABI (debug static + shared library) + `go build ./...`
#   make go-header   regenerate the checked-in include/cryptotopcard.h with cbindgen
#   make test-go     header drift + boundary tests (cargo), a C program against the header and ctc-sandbox,
#                    gofmt, go vet, go test ./... vs ctc-sandbox (which also checks errors_gen.go
#                    against the core's error classes read through the C ABI)
#   make demo-go     ctc-sandbox --port 0 + examples/go (create, details, fund, list transactions)
#   make bench-go    release C ABI + release ctc-sandbox + ctc-bench (bench/rust); bench/go: this
#                    module vs the Rust core vs net/http on one sandbox (release library linked first)
# The SDK module has no third-party dependency. Its *_gen.go files come from spec/openapi.yaml by the
# one generator (codegen/, `make codegen`); `make codegen-check` (in `make test`) fails on drift.
GO ?= go
GO_DIR := $(ROOT)/bindings-go
GO_EXAMPLE_DIR := $(ROOT)/examples/go
GO_SANDBOX := $(ROOT)/target/debug/ctc-sandbox

.PHONY: go go-header go-sandbox test-go demo-go bench-go

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
	cd $(GO_DIR) && CTC_SANDBOX_BIN=$(GO_SANDBOX) $(GO) test -count=1 ./...

demo-go: go go-sandbox
	$(GO_DIR)/scripts/demo.sh $(GO_SANDBOX) $(GO_EXAMPLE_DIR)

# The release static library is linked (its directory first). Go's build cache does not hash C
# libraries (golang/go#24355): the library's checksum, passed as the link's build id, makes a
# rebuilt library relink the benchmark.
bench-go:
	@command -v $(GO) >/dev/null || { echo "make bench-go: the Go toolchain (1.24 or later) is not on PATH"; exit 1; }
	$(CARGO) build --release -p cryptotopcard-capi -p cryptotopcard-sandbox -p ctc-bench
	cd $(ROOT)/bench/go && CGO_LDFLAGS="-L$(ROOT)/target/release -Wl,--build-id=0x$$(sha1sum $(ROOT)/target/release/libcryptotopcard_capi.a | cut -c1-40)" \
		$(GO) run . -sandbox $(ROOT)/target/release/ctc-sandbox -core $(ROOT)/target/release/ctc-bench

TEST_TARGETS += test-go
DEMO_TARGETS += demo-go
BENCH_TARGETS += bench-go
