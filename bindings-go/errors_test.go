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

func TestErrorsAreTyped(t *testing.T) {
	c, key := newClient(t)
	ctx := testCtx(t)

	// 404 not_found.
	_, err := c.Cards.Retrieve(ctx, "card_doesnotexist")
	var apiErr *APIError
	if !errors.As(err, &apiErr) || !errors.Is(err, ErrNotFound) {
		t.Fatalf("want *APIError matching ErrNotFound, got %T %v", err, err)
	}
	if apiErr.Status != 404 || apiErr.Code != "not_found" || !strings.HasPrefix(apiErr.RequestID, "req_") || apiErr.Message == "" {
		t.Fatalf("404 fields: %+v", apiErr)
	}
	if errors.Is(err, ErrConflict) || errors.Is(err, ErrValidation) {
		t.Fatal("a 404 must match only ErrNotFound")
	}

	// 409 invalid_card_state.
	card := mustCard(t, c, 10, "errors")
	if _, err := c.Cards.Freeze(ctx, card.ID); err != nil {
		t.Fatal(err)
	}
	_, err = c.Cards.Freeze(ctx, card.ID)
	if !errors.As(err, &apiErr) || !errors.Is(err, ErrConflict) || apiErr.Status != 409 || apiErr.Code != "invalid_card_state" {
		t.Fatalf("double freeze: %T %v", err, err)
	}

	// 400 insufficient_funds: the wallet holds 10,000 and 10 are on the card. Its class is
	// InsufficientFundsError, under BadRequestError, under APIError.
	for i := 0; i < 2; i++ {
		if _, err := c.Cards.Create(ctx, &CardCreateParams{BinID: "491653", Amount: 5000}); err != nil && i == 0 {
			t.Fatal(err)
		} else if i == 1 {
			if !errors.As(err, &apiErr) || apiErr.Code != "insufficient_funds" || apiErr.Status != 400 ||
				apiErr.Class != ErrInsufficientFunds || ClassOf(err) != ErrInsufficientFunds {
				t.Fatalf("insufficient funds: %T %v", err, err)
			}
			for _, class := range []error{ErrInsufficientFunds, ErrBadRequest, ErrAPI, ErrCryptoTopCard} {
				if !errors.Is(err, class) {
					t.Fatalf("insufficient funds does not match %v", class)
				}
			}
			if errors.Is(err, ErrNotFound) || errors.Is(err, ErrAPIConnection) {
				t.Fatalf("insufficient funds matches another class: %v", err)
			}
		}
	}

	// 400 insufficient_card_balance: the card's balance is too low, an InsufficientFundsError too
	// (the core's table), so also a BadRequestError.
	_, err = c.Cards.Withdraw(ctx, card.ID, &CardWithdrawParams{Amount: 11})
	if !errors.As(err, &apiErr) || apiErr.Code != "insufficient_card_balance" || !errors.Is(err, ErrBadRequest) ||
		!errors.Is(err, ErrInsufficientFunds) || ClassOf(err).Name() != "InsufficientFundsError" {
		t.Fatalf("withdraw too much: %T %v", err, err)
	}

	// 400 invalid_bin (well-formed, unknown).
	_, err = c.Cards.Create(ctx, &CardCreateParams{BinID: "999999", Amount: 5})
	if !errors.As(err, &apiErr) || apiErr.Code != "invalid_bin" || !errors.Is(err, ErrBadRequest) {
		t.Fatalf("invalid bin: %T %v", err, err)
	}

	// 401: a key the server does not accept.
	bad, err := NewClient("sk_bogus_"+key[len("sk_test_"):], WithBaseURL(sandboxURL))
	if err != nil {
		t.Fatalf("NewClient: %v", err)
	}
	defer bad.Close()
	_, err = bad.Wallet.Retrieve(ctx)
	if !errors.As(err, &apiErr) || !errors.Is(err, ErrAuthentication) || apiErr.Status != 401 || apiErr.Code != "authentication_failed" {
		t.Fatalf("bad key: %T %v", err, err)
	}

	// 403: a live key on a sandbox-only endpoint.
	live, err := NewClient("sk_live_"+key[len("sk_test_"):], WithBaseURL(sandboxURL))
	if err != nil {
		t.Fatal(err)
	}
	defer live.Close()
	_, err = live.Sandbox.Deposit(ctx, &SandboxDepositParams{Currency: CryptoCurrencyBTC, AmountUSD: 10})
	if !errors.As(err, &apiErr) || !errors.Is(err, ErrPermissionDenied) || apiErr.Status != 403 {
		t.Fatalf("live key on sandbox endpoint: %T %v", err, err)
	}

	// 429 with Retry-After (the sandbox's fault header, no retries).
	limited, _ := newClient(t, WithHeader("X-Sandbox-Fault", "rate_limit"), WithMaxRetries(0))
	_, err = limited.Wallet.Retrieve(ctx)
	if !errors.As(err, &apiErr) || !errors.Is(err, ErrRateLimited) || apiErr.Status != 429 || apiErr.RetryAfter <= 0 {
		t.Fatalf("rate limit: %T %v", err, err)
	}

	// 503 after retries are exhausted.
	down, _ := newClient(t, WithHeader("X-Sandbox-Fault", "error_503"), WithMaxRetries(1))
	var meta ResponseMeta
	_, err = down.Wallet.Retrieve(ctx, WithResponseMeta(&meta))
	if !errors.As(err, &apiErr) || !errors.Is(err, ErrInternalServer) || apiErr.Status != 503 {
		t.Fatalf("503: %T %v", err, err)
	}

	// Connection refused: nothing listens on port 1.
	gone, err := NewClient(key, WithBaseURL("http://127.0.0.1:1/v1"), WithMaxRetries(0))
	if err != nil {
		t.Fatal(err)
	}
	defer gone.Close()
	_, err = gone.Wallet.Retrieve(ctx)
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

	// Validation before sending, naming the field.
	_, err = c.Cards.List(ctx, &CardListParams{PerPage: Int(0)})
	var ve *ValidationError
	if !errors.As(err, &ve) || ve.Field != "per_page" || !errors.Is(err, ErrValidation) {
		t.Fatalf("per_page 0: %T %v", err, err)
	}
}

func TestConfigurationErrors(t *testing.T) {
	t.Setenv("CRYPTOTOPCARD_API_KEY", "")
	_, err := NewClient("", WithBaseURL(sandboxURL))
	var ce *ConfigurationError
	if !errors.As(err, &ce) || !errors.Is(err, ErrConfiguration) || ce.Field != "api_key" {
		t.Fatalf("no key anywhere: %T %v", err, err)
	}
	_, err = NewClient("sk_test_x", WithBaseURL("http://api.cryptotopcard.com/v1"))
	if !errors.As(err, &ce) || ce.Field != "base_url" {
		t.Fatalf("non-HTTPS base URL: %T %v", err, err)
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
	// Any other value is the core's to check: a cap of 0 bytes is refused there, naming the option.
	_, err = NewClient("sk_test_x", WithMaxResponseBytes(0))
	if !errors.As(err, &ce) || ce.Field != "max_response_bytes" || ClassOf(err) != ErrConfiguration {
		t.Fatalf("max_response_bytes 0: %T %v", err, err)
	}
}

// A response above WithMaxResponseBytes fails in the core before it is read: an *APIError of class
// InternalServerError with code response_too_large. Without the option the core's cap applies.
func TestMaxResponseBytes(t *testing.T) {
	small, _ := newClient(t, WithMaxResponseBytes(64), WithMaxRetries(0))
	_, err := small.Bins.List(testCtx(t))
	var apiErr *APIError
	if !errors.As(err, &apiErr) || apiErr.Code != "response_too_large" || apiErr.Class != ErrInternalServer {
		t.Fatalf("64-byte cap: %T %v", err, err)
	}
	big, _ := newClient(t, WithMaxResponseBytes(1<<20))
	if bins, err := big.Bins.List(testCtx(t)); err != nil || len(bins.Data) == 0 {
		t.Fatalf("1 MiB cap: %v", err)
	}
	def, _ := newClient(t)
	if _, err := def.Bins.List(testCtx(t)); err != nil {
		t.Fatalf("the core's cap: %v", err)
	}
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
