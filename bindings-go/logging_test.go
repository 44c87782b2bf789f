package cryptotopcard

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"os"
	"os/exec"
	"strings"
	"sync"
	"testing"
	"time"
)

// captureHandler keeps every record it is given (and their JSON text) for assertions.
type captureHandler struct {
	level slog.Level
	mu    *sync.Mutex
	recs  *[]slog.Record
	text  *bytes.Buffer
	// block, when not nil, makes Handle wait until it is closed.
	block chan struct{}
}

func newCapture(level slog.Level) *captureHandler {
	return &captureHandler{level: level, mu: &sync.Mutex{}, recs: &[]slog.Record{}, text: &bytes.Buffer{}}
}

func (h *captureHandler) Enabled(_ context.Context, l slog.Level) bool { return l >= h.level }
func (h *captureHandler) WithAttrs([]slog.Attr) slog.Handler           { return h }
func (h *captureHandler) WithGroup(string) slog.Handler                { return h }
func (h *captureHandler) Handle(ctx context.Context, r slog.Record) error {
	if h.block != nil {
		<-h.block
	}
	h.mu.Lock()
	defer h.mu.Unlock()
	*h.recs = append(*h.recs, r.Clone())
	return slog.NewJSONHandler(h.text, &slog.HandlerOptions{Level: slog.LevelDebug}).Handle(ctx, r)
}

// records returns the records so far, each as its message and attributes.
func (h *captureHandler) records() []logLine {
	h.mu.Lock()
	defer h.mu.Unlock()
	out := make([]logLine, 0, len(*h.recs))
	for _, r := range *h.recs {
		l := logLine{level: r.Level, msg: r.Message, attrs: map[string]slog.Value{}}
		r.Attrs(func(a slog.Attr) bool { l.attrs[a.Key] = a.Value; return true })
		out = append(out, l)
	}
	return out
}

func (h *captureHandler) output() string {
	h.mu.Lock()
	defer h.mu.Unlock()
	return h.text.String()
}

type logLine struct {
	level slog.Level
	msg   string
	attrs map[string]slog.Value
}

// find returns the lines with message msg whose attributes include want (compared as text).
func find(lines []logLine, msg string, want map[string]string) []logLine {
	var out []logLine
next:
	for _, l := range lines {
		if l.msg != msg {
			continue
		}
		for k, v := range want {
			got, ok := l.attrs[k]
			if !ok || got.String() != v {
				continue next
			}
		}
		out = append(out, l)
	}
	return out
}

// At debug a call gives a "request" record per attempt and a "response" record, with the method,
// path, status, request id, attempt and timing, a retry gives a "retrying" record with its delay,
// and no record (nor the JSON they print as) holds the API key, a PAN, a CVV, an OTP or a webhook
// secret. A call's records have reached the logger when it returns.
func TestLoggerGetsRecordsWithAttributesAndNoSecrets(t *testing.T) {
	capture := newCapture(slog.LevelDebug)
	c, key := newClient(t, WithLogger(slog.New(capture)))
	ctx := testCtx(t)

	var meta ResponseMeta
	if _, err := c.Wallet.Retrieve(ctx, WithResponseMeta(&meta)); err != nil {
		t.Fatal(err)
	}
	// No waiting: the records are there when the call returns.
	lines := capture.records()
	reqs := find(lines, "cryptotopcard: request", map[string]string{"method": "GET", "path": "/wallet", "attempt": "0"})
	resps := find(lines, "cryptotopcard: response", map[string]string{"method": "GET", "path": "/wallet",
		"status": "200", "request_id": meta.RequestID, "attempt": "0"})
	if len(reqs) != 1 || len(resps) != 1 || meta.RequestID == "" {
		t.Fatalf("want one request and one response record for GET /wallet (request id %q), got %+v", meta.RequestID, lines)
	}
	if reqs[0].level != slog.LevelDebug || resps[0].level != slog.LevelInfo {
		t.Fatalf("levels: request %v, response %v", reqs[0].level, resps[0].level)
	}
	if el, ok := resps[0].attrs["elapsed_ms"]; !ok || el.Kind() != slog.KindInt64 || el.Int64() < 0 {
		t.Fatalf("elapsed_ms: %v", resps[0].attrs)
	}
	if st := resps[0].attrs["status"]; st.Kind() != slog.KindInt64 {
		t.Fatalf("status is not an integer attribute: %v", st.Kind())
	}

	// Calls that handle every kind of secret.
	endpoint := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, _ *http.Request) { w.WriteHeader(http.StatusNoContent) }))
	defer endpoint.Close()
	whSecret := "whsec_go_log_" + strings.Repeat("q", 24)
	card := mustCard(t, c, 30, "logged")
	details, err := c.Cards.Details(ctx, card.ID)
	if err != nil {
		t.Fatal(err)
	}
	wh, err := c.Webhooks.Create(ctx, &WebhookCreateParams{URL: endpoint.URL + "/h",
		Events: []WebhookEventSelector{"*"}, Secret: NewSecret(whSecret)})
	if err != nil {
		t.Fatal(err)
	}
	generated, err := c.Webhooks.Create(ctx, &WebhookCreateParams{URL: endpoint.URL + "/g", Events: []WebhookEventSelector{"*"}})
	if err != nil {
		t.Fatal(err)
	}
	ch, err := c.Sandbox.Challenge(ctx, &SandboxChallengeParams{CardID: card.ID, Merchant: "SPOTIFY", Amount: 4.5})
	if err != nil {
		t.Fatal(err)
	}
	if _, err := c.Cards.Retrieve(ctx, "card_doesnotexist"); !errors.Is(err, ErrNotFound) {
		t.Fatalf("want a 404: %v", err)
	}
	if err := c.Webhooks.Delete(ctx, wh.ID); err != nil {
		t.Fatal(err)
	}

	// A retried call: the sandbox answers 503 to every attempt, one retry allowed.
	failing, err := c.WithOptions(WithHeader("X-Sandbox-Fault", "error_503"), WithMaxRetries(1))
	if err != nil {
		t.Fatal(err)
	}
	defer failing.Close()
	if _, err := failing.Wallet.Retrieve(ctx); !errors.Is(err, ErrInternalServer) {
		t.Fatalf("want a 503: %v", err)
	}
	lines = capture.records()
	retrying := find(lines, "cryptotopcard: retrying", map[string]string{"method": "GET", "path": "/wallet", "status": "503", "attempt": "0"})
	if len(retrying) != 1 || retrying[0].level != slog.LevelInfo {
		t.Fatalf("want one retrying record (the copy logs to its parent's logger): %+v", lines)
	}
	if d, ok := retrying[0].attrs["delay_ms"]; !ok || d.Kind() != slog.KindInt64 || d.Int64() < 0 {
		t.Fatalf("delay_ms: %v", retrying[0].attrs)
	}
	if n := len(find(lines, "cryptotopcard: response", map[string]string{"path": "/wallet", "status": "503"})); n != 2 {
		t.Fatalf("want two 503 responses (attempts 0 and 1), got %d", n)
	}
	if n := len(find(lines, "cryptotopcard: response", map[string]string{"path": "/cards/card_doesnotexist", "status": "404"})); n != 1 {
		t.Fatalf("want the 404 logged, got %d", n)
	}
	if n := len(find(lines, "cryptotopcard: request", map[string]string{"method": "POST", "path": "/cards"})); n != 1 {
		t.Fatalf("want the card creation logged once, got %d", n)
	}

	out := capture.output()
	for name, secret := range map[string]string{"API key": key, "PAN": details.PAN.Reveal(), "CVV": "\"" + details.CVV.Reveal() + "\"",
		"OTP": ch.OTP.Reveal(), "webhook secret": whSecret, "generated webhook secret": generated.Secret.Reveal()} {
		if len(secret) < 3 {
			t.Fatalf("%s not read", name)
		}
		if strings.Contains(out, secret) {
			t.Fatalf("the log holds the %s", name)
		}
	}
	for _, l := range capture.records() {
		for k, v := range l.attrs {
			s := v.String()
			if s == details.CVV.Reveal() || strings.Contains(s, details.PAN.Reveal()) || strings.Contains(s, ch.OTP.Reveal()) || strings.Contains(s, key) {
				t.Fatalf("attribute %s of %q holds a secret", k, l.msg)
			}
		}
	}
}

// Without CRYPTOTOPCARD_LOG the logger's level decides: at info, no per-attempt records.
func TestLoggerLevelDecides(t *testing.T) {
	t.Setenv("CRYPTOTOPCARD_LOG", "")
	capture := newCapture(slog.LevelInfo)
	c, _ := newClient(t, WithLogger(slog.New(capture)))
	if _, err := c.Bins.List(testCtx(t)); err != nil {
		t.Fatal(err)
	}
	lines := capture.records()
	if len(find(lines, "cryptotopcard: request", nil)) != 0 || len(find(lines, "cryptotopcard: response", map[string]string{"path": "/bins"})) != 1 {
		t.Fatalf("an info logger got: %+v", lines)
	}

	// A client without WithLogger logs nothing (not even to slog.Default()) without the variable.
	def := newCapture(slog.LevelDebug)
	prev := slog.Default()
	slog.SetDefault(slog.New(def))
	defer slog.SetDefault(prev)
	quiet, _ := newClient(t)
	if _, err := quiet.Bins.List(testCtx(t)); err != nil {
		t.Fatal(err)
	}
	if got := def.records(); len(got) != 0 {
		t.Fatalf("a client without logger logged: %+v", got)
	}

	// A copy can log elsewhere; the parent keeps its logger.
	other := newCapture(slog.LevelDebug)
	copyClient, err := c.WithOptions(WithLogger(slog.New(other)))
	if err != nil {
		t.Fatal(err)
	}
	defer copyClient.Close()
	before := len(capture.records())
	if _, err := copyClient.Wallet.Retrieve(testCtx(t)); err != nil {
		t.Fatal(err)
	}
	if len(find(other.records(), "cryptotopcard: response", map[string]string{"path": "/wallet"})) != 1 || len(capture.records()) != before {
		t.Fatalf("the copy's records went to the wrong logger")
	}
}

// A logger that blocks holds up only the goroutines that log through it: the Rust runtime never
// waits for Go, so calls of other clients keep completing.
func TestBlockedLoggerDoesNotStallOtherCalls(t *testing.T) {
	blocked := newCapture(slog.LevelDebug)
	blocked.block = make(chan struct{})
	released := false
	release := func() {
		if !released {
			released = true
			close(blocked.block)
		}
	}
	defer release()
	slow, _ := newClient(t, WithLogger(slog.New(blocked)))
	slowDone := make(chan error, 1)
	go func() {
		_, err := slow.Wallet.Retrieve(context.Background())
		slowDone <- err
	}()

	free, _ := newClient(t)
	start := time.Now()
	for i := 0; i < 20; i++ {
		if _, err := free.Wallet.Retrieve(testCtx(t)); err != nil {
			t.Fatal(err)
		}
	}
	if took := time.Since(start); took > 30*time.Second {
		t.Fatalf("20 calls took %v while a logger was blocked", took)
	}
	select {
	case err := <-slowDone:
		t.Fatalf("the blocked logger's call returned before its records were handled: %v", err)
	default:
	}
	release()
	select {
	case err := <-slowDone:
		if err != nil {
			t.Fatal(err)
		}
	case <-time.After(30 * time.Second):
		t.Fatal("the call did not return once its logger was released")
	}
	if len(find(blocked.records(), "cryptotopcard: response", map[string]string{"path": "/wallet"})) != 1 {
		t.Fatalf("records: %+v", blocked.records())
	}
}

// CRYPTOTOPCARD_LOG, as a user's program meets it: a program without WithLogger logs to
// slog.Default() (stderr) at the level the variable names, and not at all without it.
func TestLogEnvVarInAProgram(t *testing.T) {
	run := func(level string) string {
		t.Helper()
		cmd := exec.Command(os.Args[0], "-test.run=^$")
		cmd.Env = append(os.Environ(), "CTC_GO_TEST_HELPER=log-env", "CTC_HELPER_BASE_URL="+sandboxURL,
			"CTC_HELPER_KEY="+newKey(t), "CRYPTOTOPCARD_LOG="+level)
		var stderr bytes.Buffer
		cmd.Stderr = &stderr
		out, err := cmd.Output()
		if err != nil || !strings.Contains(string(out), "ok") {
			t.Fatalf("helper (CRYPTOTOPCARD_LOG=%q): %v\nstdout: %s\nstderr: %s", level, err, out, stderr.String())
		}
		return stderr.String()
	}
	debug := run("debug")
	if !strings.Contains(debug, "DEBUG cryptotopcard: request method=GET path=/wallet attempt=0") ||
		!strings.Contains(debug, "INFO cryptotopcard: response method=GET path=/wallet status=200 request_id=req_") {
		t.Fatalf("CRYPTOTOPCARD_LOG=debug printed:\n%s", debug)
	}
	if strings.Contains(debug, "sk_test_") {
		t.Fatal("the log holds the API key")
	}
	info := run("INFO")
	if strings.Contains(info, "cryptotopcard: request") || !strings.Contains(info, "INFO cryptotopcard: response") {
		t.Fatalf("CRYPTOTOPCARD_LOG=INFO printed:\n%s", info)
	}
	for _, off := range []string{"", "off"} {
		if got := run(off); strings.Contains(got, "cryptotopcard:") {
			t.Fatalf("CRYPTOTOPCARD_LOG=%q printed:\n%s", off, got)
		}
	}
}

// logEnvProgram is the program of TestLogEnvVarInAProgram (run as a subprocess).
func logEnvProgram() int {
	c, err := NewClient(os.Getenv("CTC_HELPER_KEY"), WithBaseURL(os.Getenv("CTC_HELPER_BASE_URL")))
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		return 1
	}
	defer c.Close()
	if _, err := c.Wallet.Retrieve(context.Background()); err != nil {
		fmt.Fprintln(os.Stderr, err)
		return 1
	}
	fmt.Println("ok")
	return 0
}
