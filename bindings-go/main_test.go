package cryptotopcard

import (
	"bufio"
	"context"
	"crypto/rand"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

// sandboxURL is the base URL of the ctc-sandbox started by TestMain ("http://127.0.0.1:PORT/v1").
var sandboxURL string

// TestMain starts the real sandbox server (target/debug/ctc-sandbox, or $CTC_SANDBOX_BIN) on a free
// port, runs the tests against it over HTTP, and stops it. A missing binary fails the run.
func TestMain(m *testing.M) {
	switch os.Getenv("CTC_GO_TEST_HELPER") { // a subprocess of a test
	case "interrupted-create":
		os.Exit(interruptedCreate())
	case "log-env":
		os.Exit(logEnvProgram())
	case "env-proxy":
		os.Exit(envProxyProgram())
	}
	bin := os.Getenv("CTC_SANDBOX_BIN")
	if bin == "" {
		bin = filepath.Join("..", "target", "debug", "ctc-sandbox")
	}
	cmd := exec.Command(bin, "--port", "0", "--webhook-retry-base-ms", "100")
	stdout, err := cmd.StdoutPipe()
	if err != nil {
		fmt.Fprintln(os.Stderr, "sandbox pipe:", err)
		os.Exit(2)
	}
	cmd.Stderr = io.Discard // request logs; the tests report what matters
	if err := cmd.Start(); err != nil {
		fmt.Fprintf(os.Stderr, "cannot start %s (build it: cargo build -p cryptotopcard-sandbox): %v\n", bin, err)
		os.Exit(2)
	}
	lines := bufio.NewScanner(stdout)
	if !lines.Scan() {
		fmt.Fprintln(os.Stderr, "ctc-sandbox printed nothing")
		_ = cmd.Process.Kill()
		os.Exit(2)
	}
	first := lines.Text()
	fields := strings.Fields(first)
	sandboxURL = fields[len(fields)-1]
	if !strings.HasPrefix(sandboxURL, "http://127.0.0.1:") {
		fmt.Fprintf(os.Stderr, "unexpected first line from ctc-sandbox: %q\n", first)
		_ = cmd.Process.Kill()
		os.Exit(2)
	}
	_ = os.Setenv("CTC_TEST_BASE_URL", sandboxURL) // for Example functions
	go func() {                                    // keep draining stdout
		for lines.Scan() {
		}
	}()
	code := m.Run()
	_ = cmd.Process.Kill()
	_ = cmd.Wait()
	os.Exit(code)
}

// newKey returns a fresh sandbox key: its own account with a 10,000.00 USD wallet.
func newKey(t *testing.T) string {
	t.Helper()
	b := make([]byte, 8)
	if _, err := rand.Read(b); err != nil {
		t.Fatal(err)
	}
	return "sk_test_go_" + hex.EncodeToString(b)
}

// newClient returns a client for a fresh account on the test sandbox.
func newClient(t *testing.T, opts ...Option) (*Client, string) {
	t.Helper()
	key := newKey(t)
	c, err := NewClient(key, append([]Option{WithBaseURL(sandboxURL)}, opts...)...)
	if err != nil {
		t.Fatalf("NewClient: %v", err)
	}
	t.Cleanup(func() { _ = c.Close() })
	return c, key
}

func testCtx(t *testing.T) context.Context {
	t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), 60*time.Second)
	t.Cleanup(cancel)
	return ctx
}

// sandboxRequests reads the sandbox's request counter (GET /sandbox/stats, which counts itself).
func sandboxRequests(t *testing.T) int {
	t.Helper()
	req, err := http.NewRequest(http.MethodGet, sandboxURL+"/sandbox/stats", nil)
	if err != nil {
		t.Fatal(err)
	}
	req.Header.Set("Authorization", "Bearer sk_test_go_stats")
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatalf("stats: %v", err)
	}
	defer resp.Body.Close()
	var stats struct {
		Requests int `json:"requests"`
	}
	if err := json.NewDecoder(resp.Body).Decode(&stats); err != nil {
		t.Fatalf("stats: %v", err)
	}
	return stats.Requests
}

func mustCard(t *testing.T, c *Client, amount float64, label string) *Card {
	t.Helper()
	card, err := c.Cards.Create(testCtx(t), &CardCreateParams{BinID: "491653", Amount: amount, Label: String(label)})
	if err != nil {
		t.Fatalf("create card: %v", err)
	}
	return card
}
