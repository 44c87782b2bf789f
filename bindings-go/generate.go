package cryptotopcard

// models_gen.go, services_gen.go and one <resource>_gen.go per resource (cards_gen.go, ...) are
// generated from ../spec/openapi.yaml by internal/codegen (a separate module, so that this SDK has
// no third-party dependency); its test fails when they drift from the spec. errors_gen.go is
// generated from the core's table of error classes, read through the C ABI, by internal/errgen
// (build the C ABI first: `make go`); TestErrorClassesAreTheCores fails when it drifts. errgen is
// built with `go build`, which always links afresh: `go run` reuses a cached executable, still
// linked against the previous libcryptotopcard_capi.a (the cache does not see that file change).
//go:generate sh -c "cd internal/codegen && go run ./cmd/ctcgen -spec ../../../spec/openapi.yaml -out ../.."
//go:generate sh -c "trap 'rm -f .errgen.bin' EXIT; go build -o .errgen.bin ./internal/errgen && ./.errgen.bin -out errors_gen.go"
