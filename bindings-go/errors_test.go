package cryptotopcard

import (
	"errors"
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

	// 400 insufficient_funds: the wallet holds 10,000 and 10 are on the card.
	for i := 0; i < 2; i++ {
		if _, err := c.Cards.Create(ctx, &CardCreateParams{BinID: "491653", Amount: 5000}); err != nil && i == 0 {
			t.Fatal(err)
		} else if i == 1 {
			if !errors.As(err, &apiErr) || !errors.Is(err, ErrBadRequest) || apiErr.Code != "insufficient_funds" || apiErr.Status != 400 {
				t.Fatalf("insufficient funds: %T %v", err, err)
			}
		}
	}

	// 400 insufficient_card_balance.
	_, err = c.Cards.Withdraw(ctx, card.ID, &CardWithdrawParams{Amount: 11})
	if !errors.As(err, &apiErr) || apiErr.Code != "insufficient_card_balance" {
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
	var connErr *ConnectionError
	if !errors.As(err, &connErr) || !errors.Is(err, ErrConnection) {
		t.Fatalf("connection refused: %T %v", err, err)
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
	if _, err := NewClient("sk_test_x", WithTimeout(-1)); !errors.Is(err, ErrValidation) {
		t.Fatalf("negative timeout: %v", err)
	}
	if _, err := NewClient("sk_test_x", WithMaxRetries(-1)); !errors.Is(err, ErrValidation) {
		t.Fatalf("negative retries: %v", err)
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
