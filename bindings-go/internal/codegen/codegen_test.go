package codegen

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// TestGeneratedFilesMatchSpec fails when the *_gen.go files differ from what the
// current spec/openapi.yaml produces (run `go generate ./...` in bindings-go/ to update them).
func TestGeneratedFilesMatchSpec(t *testing.T) {
	spec, err := os.ReadFile(filepath.Join("..", "..", "..", "spec", "openapi.yaml"))
	if err != nil {
		t.Fatalf("read spec: %v", err)
	}
	files, err := Generate(spec)
	if err != nil {
		t.Fatalf("generate: %v", err)
	}
	if len(files) < 3 || files["models_gen.go"] == nil || files["cards_gen.go"] == nil {
		t.Fatalf("unexpected generated file set: %v", files.Files())
	}
	// No stale generated file is left behind (e.g. a resource removed from the spec).
	onDisk, err := filepath.Glob(filepath.Join("..", "..", "*_gen.go"))
	if err != nil {
		t.Fatal(err)
	}
	for _, path := range onDisk {
		if files[filepath.Base(path)] == nil {
			t.Errorf("%s is not generated from the spec any more: delete it and run `go generate ./...`", filepath.Base(path))
		}
	}
	for _, name := range files.Files() {
		have, err := os.ReadFile(filepath.Join("..", "..", name))
		if err != nil {
			t.Fatalf("read %s: %v", name, err)
		}
		if !bytes.Equal(have, files[name]) {
			t.Errorf("%s is out of date with spec/openapi.yaml: run `go generate ./...` in bindings-go/", name)
		}
	}
}

func TestNames(t *testing.T) {
	cases := map[string]string{
		"card_id": "CardID", "bin_id": "BinID", "3ds": "ThreeDS", "3ds.challenge": "ThreeDSChallenge",
		"card.created": "CardCreated", "pan": "PAN", "tx_hash": "TxHash", "confirm_deposit": "ConfirmDeposit",
	}
	for in, want := range cases {
		if got := goTypeName(in); got != want {
			t.Errorf("goTypeName(%q) = %q, want %q", in, got, want)
		}
	}
	if got := lowerCamel("card_id"); got != "cardID" {
		t.Errorf("lowerCamel(card_id) = %q", got)
	}
}

const miniSpec = `openapi: 3.1.0
paths: {}
components:
  schemas:
    Address:
      type: object
      required: [line1]
      properties:
        line1: {type: string}
        line2: {type: [string, "null"]}
    Holder:
      type: object
      required: [id, pan, address]
      properties:
        id: {type: string}
        pan: {type: string, x-sensitive: true}
        secret: {type: string, x-sensitive: true}
        address: {$ref: '#/components/schemas/Address'}
`

// x-sensitive strings become Secrets (optional ones omitzero, never pointers); their structs get a
// slog.LogValuer, and the structs they hold the logAttrs it uses.
func TestSensitiveFieldsAreSecrets(t *testing.T) {
	files, err := Generate([]byte(miniSpec))
	if err != nil {
		t.Fatal(err)
	}
	src := string(files["models_gen.go"])
	for _, want := range []string{
		"PAN Secret `json:\"pan\"`",
		"Secret  Secret  `json:\"secret,omitzero\"`",
		"func (v Holder) LogValue() slog.Value",
		"func (v Address) logAttrs() []slog.Attr",
		"if !v.Secret.IsZero() {",
		`slog.Attr{Key: "address", Value: slog.GroupValue(v.Address.logAttrs()...)}`,
		`var sensitiveWireNames = map[string]bool{"pan": true, "secret": true}`,
		`"log/slog"`,
	} {
		if !strings.Contains(src, want) {
			t.Errorf("generated models lack %s:\n%s", want, src)
		}
	}
	if strings.Contains(src, "func (v Address) LogValue") {
		t.Error("a struct without sensitive fields got a LogValue")
	}
	// A sensitive value that is not a string cannot be a Secret: refuse rather than leak it.
	_, err = Generate([]byte(strings.Replace(miniSpec, "pan: {type: string, x-sensitive: true}", "pan: {type: integer, x-sensitive: true}", 1)))
	if err == nil || !strings.Contains(err.Error(), "x-sensitive") {
		t.Fatalf("a sensitive integer: %v", err)
	}
}
