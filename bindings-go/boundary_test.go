package cryptotopcard

import (
	"encoding/json"
	"errors"
	"go/ast"
	"go/parser"
	"go/token"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

// The C boundary reports bad arguments as errors, never crashes.
func TestNativeBoundaryRejectsBadArguments(t *testing.T) {
	c, _ := newClient(t)
	// No handle at all.
	if _, nerr := nativeCall(nil, "wallet.retrieve", []byte(`{}`), []byte(`{}`), nil, nil); nerr == nil || nerr.code != int(codeInvalidArgument) {
		t.Fatalf("NULL client: %+v", nerr)
	}
	c.h.mu.RLock()
	h := c.h.p
	c.h.mu.RUnlock()
	cases := []struct {
		name               string
		op                 string
		params, opts       string
		wantField, wantErr string
	}{
		{"unknown operation", "cards.explode", `{}`, `{}`, "", "validation"},
		{"op not UTF-8", "cards.\xff", `{}`, `{}`, "op", "invalid_argument"},
		{"params not JSON", "wallet.retrieve", `{`, `{}`, "params_json", "invalid_argument"},
		{"params not UTF-8", "wallet.retrieve", "{\"a\":\"\xff\"}", `{}`, "params_json", "invalid_argument"},
		{"opts of the wrong shape", "wallet.retrieve", `{}`, `{"timeout_ms":"soon"}`, "opts_json", "invalid_argument"},
		{"params not an object", "cards.create", `[1,2]`, `{}`, "", "validation"},
		{"unknown parameter", "cards.create", `{"bin_id":"491653","amount":5,"colour":"red"}`, `{}`, "", "validation"},
	}
	for _, tc := range cases {
		_, nerr := nativeCall(h, tc.op, []byte(tc.params), []byte(tc.opts), nil, nil)
		if nerr == nil {
			t.Errorf("%s: no error", tc.name)
			continue
		}
		err := errorFromNative(nerr, nil, "")
		var ve *ValidationError
		if !errors.As(err, &ve) {
			t.Errorf("%s: want a validation error, got %T %v", tc.name, err, err)
			continue
		}
		if tc.wantField != "" && ve.Field != tc.wantField {
			t.Errorf("%s: field %q, want %q", tc.name, ve.Field, tc.wantField)
		}
	}
	// A bad client configuration is an error, not a crash.
	if _, nerr := nativeClientNew([]byte(`{"api_key": 5}`)); nerr == nil {
		t.Error("api_key as a number accepted")
	}
	// The client still works after all that.
	if _, err := c.Wallet.Retrieve(testCtx(t)); err != nil {
		t.Fatalf("after bad calls: %v", err)
	}
}

// Defaults and environment fallbacks live only in the core: the package's own code reads no
// environment variable and names no default URL or variable; options left out are sent as unset.
func TestDefaultsLiveInTheCore(t *testing.T) {
	files, err := filepath.Glob("*.go")
	if err != nil {
		t.Fatal(err)
	}
	for _, path := range files {
		if strings.HasSuffix(path, "_test.go") {
			continue
		}
		f, err := parser.ParseFile(token.NewFileSet(), path, nil, 0) // code only, no comments
		if err != nil {
			t.Fatal(err)
		}
		ast.Inspect(f, func(n ast.Node) bool {
			switch x := n.(type) {
			case *ast.SelectorExpr:
				if id, ok := x.X.(*ast.Ident); ok && id.Name == "os" && strings.Contains("Getenv LookupEnv Environ", x.Sel.Name) {
					t.Errorf("%s reads the environment (os.%s)", path, x.Sel.Name)
				}
			case *ast.BasicLit:
				if strings.Contains(x.Value, "CRYPTOTOPCARD_") || strings.Contains(x.Value, "api.cryptotopcard.com") {
					t.Errorf("%s restates a default: %s", path, x.Value)
				}
			}
			return true
		})
	}
	cfg, err := json.Marshal(&clientConfig{})
	if err != nil || string(cfg) != `{"user_agent_lang":"","user_agent_version":""}` {
		t.Fatalf("an empty configuration is not all unset: %s %v", cfg, err)
	}
	if DefaultWebhookTolerance != time.Duration(nativeWebhookDefaultToleranceSecs())*time.Second || DefaultWebhookTolerance <= 0 {
		t.Fatalf("DefaultWebhookTolerance %v is not the core's", DefaultWebhookTolerance)
	}
}
