package cryptotopcard

// models_gen.go, services_gen.go and one <resource>_gen.go per resource (cards_gen.go, ...) are
// generated from ../spec/openapi.yaml by internal/codegen (a separate module, so that this SDK has
// no third-party dependency); its test fails when they drift from the spec. errors_gen.go is
// generated from the core's table of error classes, read through the C ABI, by internal/errgen
// (build the C ABI first: `make go`); TestErrorClassesAreTheCores fails when it drifts.
//go:generate sh -c "cd internal/codegen && go run ./cmd/ctcgen -spec ../../../spec/openapi.yaml -out ../.."
//go:generate go run ./internal/errgen -out errors_gen.go
