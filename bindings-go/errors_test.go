package cryptotopcard

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"go/ast"
	"go/parser"
	"go/token"
	"strconv"
	"strings"
	"testing"
)

// Every API error class from real sandbox answers (status, code, param, retry_after, request id,
// idempotency key) is a conformance case (tests/conformance/cases.json), checked by the Go runner
// through ClassOf and *APIError; errors.Is on every class and its ancestors is
// TestErrorClassesAreTheCores. Here: the connection error of a refused connection and its former
// names.
func TestConnectionRefusedIsAnAPIConnectionError(t *testing.T) {
	_, key := newClient(t)
	// Connection refused: nothing listens on port 1.
	gone, err := NewClient(key, WithBaseURL("http://127.0.0.1:1/v1"), WithMaxRetries(0))
	if err != nil {
		t.Fatal(err)
	}
	defer gone.Close()
	_, err = gone.Wallet.Retrieve(testCtx(t))
	var connErr *APIConnectionError
	if !errors.As(err, &connErr) || !errors.Is(err, ErrAPIConnection) || errors.Is(err, ErrAPITimeout) ||
		ClassOf(err) != ErrAPIConnection {
		t.Fatalf("connection refused: %T %v", err, err)
	}
	// The former names still work.
	var oldConnErr *ConnectionError
	if !errors.As(err, &oldConnErr) || !errors.Is(err, ErrConnection) {
		t.Fatalf("former names: %T %v", err, err)
	}
}

func TestConfigurationErrors(t *testing.T) {
	t.Setenv("CRYPTOTOPCARD_API_KEY", "")
	_, err := NewClient("", WithBaseURL(sandboxURL))
	var ce *ConfigurationError
	if !errors.As(err, &ce) || !errors.Is(err, ErrConfiguration) || ce.Field != "api_key" {
		t.Fatalf("no key anywhere: %T %v", err, err)
	}
	// The environment is the fallback for the key and the base URL.
	t.Setenv("CRYPTOTOPCARD_API_KEY", newKey(t))
	t.Setenv("CRYPTOTOPCARD_BASE_URL", sandboxURL)
	c, err := NewClient("")
	if err != nil {
		t.Fatalf("env fallback: %v", err)
	}
	defer c.Close()
	if _, err := c.Wallet.Retrieve(testCtx(t)); err != nil {
		t.Fatalf("env client call: %v", err)
	}
	// Options Go cannot pass on (out of range of the C types) are configuration errors, which
	// are validation errors too (the class tree): errors.As gives either type.
	for _, opt := range []Option{WithTimeout(-1), WithMaxRetries(-1), WithMaxResponseBytes(-1)} {
		_, err := NewClient("sk_test_x", opt)
		var ve *ValidationError
		if !errors.As(err, &ce) || !errors.Is(err, ErrConfiguration) || !errors.Is(err, ErrValidation) ||
			!errors.As(err, &ve) || ve.Field != ce.Field || ve.Class != ErrConfiguration {
			t.Fatalf("option out of range: %T %v", err, err)
		}
	}
	// Any other value is the core's to check (a cap of 0 bytes, a non-HTTPS base URL: conformance
	// cases).
}

// The Go classes are the core's table (read through the C ABI): same names, same parents, same
// order, same docs; each class XxxError is the variable ErrXxx; and an error JSON of any class
// becomes a Go error of that class, matching it and its ancestors only.
func TestErrorClassesAreTheCores(t *testing.T) {
	raw, nerr := nativeErrorClasses()
	if nerr != nil {
		t.Fatalf("ctc_error_classes: %+v", nerr)
	}
	var core []struct {
		Name   string  `json:"name"`
		Parent *string `json:"parent"`
		Doc    string  `json:"doc"`
	}
	if err := json.Unmarshal([]byte(raw), &core); err != nil {
		t.Fatal(err)
	}
	if len(core) != len(errorClasses) || len(core) == 0 {
		t.Fatalf("core has %d classes, Go %d: run `make codegen`", len(core), len(errorClasses))
	}
	for i, c := range core {
		g := errorClasses[i]
		parent := ""
		if g.Parent() != nil {
			parent = g.Parent().Name()
		}
		if g.Name() != c.Name || parent != deref(c.Parent) || g.Doc() != c.Doc {
			t.Errorf("class %d: core %s (parent %q), Go %s (parent %q): run `make codegen`", i, c.Name, deref(c.Parent), g.Name(), parent)
		}
	}

	// Each class's variable is named after it (XxxError is ErrXxx).
	f, err := parser.ParseFile(token.NewFileSet(), "errors_gen.go", nil, 0)
	if err != nil {
		t.Fatal(err)
	}
	vars := map[string]string{} // class name -> Go variable
	ast.Inspect(f, func(n ast.Node) bool {
		vs, ok := n.(*ast.ValueSpec)
		if !ok || len(vs.Values) != 1 {
			return true
		}
		if u, ok := vs.Values[0].(*ast.UnaryExpr); ok {
			if cl, ok := u.X.(*ast.CompositeLit); ok {
				for _, el := range cl.Elts {
					if kv, ok := el.(*ast.KeyValueExpr); ok && fmt.Sprint(kv.Key) == "name" {
						if lit, ok := kv.Value.(*ast.BasicLit); ok {
							name, _ := strconv.Unquote(lit.Value)
							vars[name] = vs.Names[0].Name
						}
					}
				}
			}
		}
		return true
	})
	for _, c := range core {
		if want := "Err" + strings.TrimSuffix(c.Name, "Error"); vars[c.Name] != want {
			t.Errorf("class %s is the Go variable %q, want %s", c.Name, vars[c.Name], want)
		}
	}

	// Every class comes out of the one mapping as an error of that class.
	for _, class := range errorClasses {
		js, _ := json.Marshal(map[string]any{"class": class.Name(), "kind": "x", "message": "m", "idempotency_key": "k"})
		err := errorFromNative(&nativeError{json: string(js)}, context.Background(), "op")
		if ClassOf(err) != class || ClassOf(fmt.Errorf("wrapped: %w", err)) != class {
			t.Errorf("class %s became %T of class %v", class.Name(), err, ClassOf(err))
		}
		for _, other := range errorClasses {
			isAncestor := false
			for k := class; k != nil; k = k.Parent() {
				isAncestor = isAncestor || k == other
			}
			if errors.Is(err, other) != isAncestor {
				t.Errorf("%s: errors.Is(%s) = %v", class.Name(), other.Name(), !isAncestor)
			}
		}
	}
	if ClassOf(errors.New("not ours")) != nil || ClassOf(nil).Name() != "" || ClassOf(ErrClientClosed) != ErrCryptoTopCard {
		t.Fatal("ClassOf of other errors")
	}
	// A class this build does not know (a newer core) is an internal error, not a crash.
	err = errorFromNative(&nativeError{json: `{"class":"BrandNewError","kind":"x","message":"m"}`}, nil, "")
	if ClassOf(err) != ErrInternal {
		t.Fatalf("unknown class: %T %v", err, err)
	}
}

// A panic caught in the native library arrives as the InternalError class: not retryable, not a
// connection error, no idempotency key. The library keeps working.
func TestPanicIsAnInternalError(t *testing.T) {
	err := errorFromNative(nativeDebugPanic(), nil, "")
	var ie *InternalError
	if !errors.As(err, &ie) || ie.Class != ErrInternal || ClassOf(err) != ErrInternal || !errors.Is(err, ErrInternal) {
		t.Fatalf("panic: %T %v", err, err)
	}
	if errors.Is(err, ErrAPIConnection) || errors.Is(err, ErrAPI) {
		t.Fatalf("a panic looks retryable: %v", err)
	}
	if _, ok := IdempotencyKey(err); ok {
		t.Fatalf("a panic with a key: %v", err)
	}
	c, _ := newClient(t)
	if _, err := c.Wallet.Retrieve(testCtx(t)); err != nil {
		t.Fatalf("after a panic: %v", err)
	}
}

func TestClosedClient(t *testing.T) {
	c, _ := newClient(t)
	if err := c.Close(); err != nil {
		t.Fatal(err)
	}
	if _, err := c.Wallet.Retrieve(testCtx(t)); !errors.Is(err, ErrClientClosed) {
		t.Fatalf("after Close: %v", err)
	}
	_ = c.Close() // idempotent
}
