package codegen

import (
	"bytes"
	"os"
	"path/filepath"
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
