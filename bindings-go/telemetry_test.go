package cryptotopcard

import (
	"encoding/json"
	"errors"
	"net/http"
	"runtime"
	"strings"
	"testing"
	"time"
)

// loggedRequest is one entry of the sandbox's GET /v1/sandbox/requests.
type loggedRequest struct {
	Method  string            `json:"method"`
	Path    string            `json:"path"`
	Headers map[string]string `json:"headers"`
}

// requestLog reads the last requests the sandbox recorded for the account of key (telemetry
// headers and user agent only), oldest first.
func requestLog(t *testing.T, key string) []loggedRequest {
	t.Helper()
	req, err := http.NewRequest(http.MethodGet, sandboxURL+"/sandbox/requests", nil)
	if err != nil {
		t.Fatal(err)
	}
	req.Header.Set("Authorization", "Bearer "+key)
	resp, err := (&http.Client{Transport: &http.Transport{Proxy: nil}}).Do(req)
	if err != nil {
		t.Fatalf("sandbox requests: %v", err)
	}
	defer resp.Body.Close()
	var body struct {
		Data []loggedRequest `json:"data"`
	}
	if err := json.NewDecoder(resp.Body).Decode(&body); err != nil || resp.StatusCode != 200 {
		t.Fatalf("sandbox requests: %d %v", resp.StatusCode, err)
	}
	return body.Data
}

// rustOS and rustArch name the platform as the core does (Rust's std::env::consts).
func rustOS() string {
	if runtime.GOOS == "darwin" {
		return "macos"
	}
	return runtime.GOOS
}

func rustArch() string {
	switch runtime.GOARCH {
	case "amd64":
		return "x86_64"
	case "arm64":
		return "aarch64"
	case "386":
		return "x86"
	}
	return runtime.GOARCH
}

// Every request says which SDK, runtime and platform sent it, and which attempt it is.
func TestTelemetryHeaders(t *testing.T) {
	c, key := newClient(t)
	if _, err := c.Wallet.Retrieve(testCtx(t)); err != nil {
		t.Fatal(err)
	}
	log := requestLog(t, key)
	if len(log) != 1 || log[0].Method != "GET" || log[0].Path != "/v1/wallet" {
		t.Fatalf("request log: %+v", log)
	}
	h := log[0].Headers
	for name, want := range map[string]string{
		"x-ctc-lang": "go", "x-ctc-package-version": Version, "x-ctc-runtime": "go",
		"x-ctc-runtime-version": runtime.Version(), "x-ctc-os": rustOS(), "x-ctc-arch": rustArch(),
		"x-ctc-core-version": nativeVersion(), "x-ctc-retry-count": "0",
	} {
		if h[name] != want {
			t.Errorf("%s = %q, want %q (all: %v)", name, h[name], want, h)
		}
	}
	if ua := h["user-agent"]; !strings.HasPrefix(ua, "cryptotopcard-go/"+Version+" (core ") {
		t.Errorf("user-agent %q", ua)
	}

	// A retried call: X-CTC-Retry-Count is 0, then 1 (the sandbox answers 503 every time).
	failing, err := c.WithOptions(WithHeader("X-Sandbox-Fault", "error_503"), WithMaxRetries(1))
	if err != nil {
		t.Fatal(err)
	}
	defer failing.Close()
	if _, err := failing.Cards.List(testCtx(t), nil); !errors.Is(err, ErrInternalServer) {
		t.Fatalf("want a 503: %v", err)
	}
	log = requestLog(t, key)
	var counts []string
	for _, r := range log {
		if r.Path == "/v1/cards" {
			counts = append(counts, r.Headers["x-ctc-retry-count"])
			if r.Headers["x-ctc-lang"] != "go" || r.Headers["x-ctc-runtime-version"] != runtime.Version() {
				t.Errorf("a copy made with WithOptions lost the telemetry: %v", r.Headers)
			}
		}
	}
	if strings.Join(counts, ",") != "0,1" {
		t.Fatalf("X-CTC-Retry-Count across the attempts: %q, want 0,1", counts)
	}
}

// WithOptions changes only what it names, keeps the rest (key, base URL, headers, retries,
// timeout, telemetry) and shares the parent's connection pool.
func TestWithOptionsOverridesOnlyWhatItNamesAndSharesThePool(t *testing.T) {
	parent, key := newClient(t, WithHeader("X-Sandbox-Future-Fields", "1"), WithMaxRetries(1), WithTimeout(30*time.Second))
	other, _ := newClient(t)
	ctx := testCtx(t)

	noRetry, err := parent.WithOptions(WithMaxRetries(0))
	if err != nil {
		t.Fatal(err)
	}
	defer noRetry.Close()
	if !noRetry.sharesPoolWith(parent) || !parent.sharesPoolWith(noRetry) || parent.sharesPoolWith(other) {
		t.Fatal("the copy does not share its parent's pool (or two clients share one)")
	}
	// Same account, same base URL, the parent's header still sent.
	w, err := noRetry.Wallet.Retrieve(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if _, ok := w.Extra["sandbox_future_field"]; !ok {
		t.Fatalf("the copy lost the parent's X-Sandbox-Future-Fields header: %v", w.Extra)
	}
	card := mustCard(t, noRetry, 12, "made by a copy")
	if got, err := parent.Cards.Retrieve(ctx, card.ID); err != nil || got.ID != card.ID {
		t.Fatalf("the copy is not on the parent's account: %v", err)
	}

	// Retries: a copy inherits the parent's (1: two attempts) unless it names its own (0: one).
	attempts := func(c *Client) int {
		t.Helper()
		before := len(requestLog(t, key))
		if _, err := c.Bins.List(ctx); !errors.Is(err, ErrInternalServer) {
			t.Fatalf("want a 503: %v", err)
		}
		return len(requestLog(t, key)) - before
	}
	inherits, err := parent.WithOptions(WithHeader("X-Sandbox-Fault", "error_503"))
	if err != nil {
		t.Fatal(err)
	}
	defer inherits.Close()
	named, err := noRetry.WithOptions(WithHeader("X-Sandbox-Fault", "error_503"))
	if err != nil {
		t.Fatal(err)
	}
	defer named.Close()
	if a, b := attempts(inherits), attempts(named); a != 2 || b != 1 {
		t.Fatalf("attempts: inherited retries %d (want 2), WithMaxRetries(0) %d (want 1)", a, b)
	}
	// The parent sends no fault header: copies add headers to their own requests only.
	if _, err := parent.Bins.List(ctx); err != nil {
		t.Fatalf("the copy's header leaked into the parent: %v", err)
	}

	// Timeout: a copy with a short timeout gives up on a slow answer; the parent's copy waits.
	slowParent, err := parent.WithOptions(WithHeader("X-Sandbox-Fault", "delay_ms=1500"))
	if err != nil {
		t.Fatal(err)
	}
	defer slowParent.Close()
	impatient, err := slowParent.WithOptions(WithTimeout(200*time.Millisecond), WithMaxRetries(0))
	if err != nil {
		t.Fatal(err)
	}
	defer impatient.Close()
	if _, err := impatient.Wallet.Retrieve(ctx); !errors.Is(err, ErrAPITimeout) {
		t.Fatalf("short timeout: want a timeout, got %v", err)
	}
	if _, err := slowParent.Wallet.Retrieve(ctx); err != nil {
		t.Fatalf("the parent's 30 s timeout: %v", err)
	}

	// Response cap.
	capped, err := parent.WithOptions(WithMaxResponseBytes(64))
	if err != nil {
		t.Fatal(err)
	}
	defer capped.Close()
	var apiErr *APIError
	if _, err := capped.Cards.List(ctx, nil); !errors.As(err, &apiErr) || apiErr.Code != "response_too_large" {
		t.Fatalf("capped copy: %v", err)
	}
	if _, err := parent.Cards.List(ctx, nil); err != nil {
		t.Fatalf("the parent's cap changed: %v", err)
	}

	// What a copy cannot change, and headers the core sets itself.
	for field, opt := range map[string]Option{"base_url": WithBaseURL("http://127.0.0.1:1/v1"),
		"proxy": WithProxy("http://127.0.0.1:1"), "root_certificates": WithRootCertificatesPEM([]byte("x")),
		"default_headers": WithHeader("Authorization", "Bearer sk_test_other"), "max_retries": WithMaxRetries(-1)} {
		_, err := parent.WithOptions(opt)
		var cfgErr *ConfigurationError
		if !errors.As(err, &cfgErr) || cfgErr.Field != field {
			t.Errorf("WithOptions(%s): want a ConfigurationError for %s, got %T %v", field, field, err, err)
		}
	}

	// The clients are independent: closing the parent leaves the copy working.
	if err := parent.Close(); err != nil {
		t.Fatal(err)
	}
	if _, err := parent.Wallet.Retrieve(ctx); !errors.Is(err, ErrClientClosed) {
		t.Fatalf("closed parent: %v", err)
	}
	if _, err := noRetry.Wallet.Retrieve(ctx); err != nil {
		t.Fatalf("the copy after its parent was closed: %v", err)
	}
	if _, err := parent.WithOptions(); !errors.Is(err, ErrClientClosed) {
		t.Fatalf("WithOptions of a closed client: %v", err)
	}
}
