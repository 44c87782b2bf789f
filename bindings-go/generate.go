package cryptotopcard

// models_gen.go, services_gen.go and one <resource>_gen.go per resource (cards_gen.go, ...) are
// generated from ../spec/openapi.yaml; the test in internal/codegen fails when they drift from it.
//go:generate go run ./internal/codegen/cmd/ctcgen -spec ../spec/openapi.yaml -out .
