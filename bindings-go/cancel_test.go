package cryptotopcard

import (
	"bufio"
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"net"
	"net/http"
	"os"
	"os/exec"
	"os/signal"
	"runtime"
	"strings"
	"sync"
	"testing"
	"time"
)

// A request the sandbox holds (2 s as in the brief, and 10 s), cancelled after 100 ms, returns
// context.Canceled without waiting for the server's answer, and the client (and process) keep
// working. Only behaviour is checked: "returned before the server could have answered".
func TestCancellationAbortsInFlightCall(t *testing.T) {
	for _, delay := range []time.Duration{2 * time.Second, 10 * time.Second} {
		t.Run(delay.String(), func(t *testing.T) {
			slow, key := newClient(t, WithHeader("X-Sandbox-Fault", fmt.Sprintf("delay_ms=%d", delay.Milliseconds())))
			ctx, cancel := context.WithCancel(context.Background())
			time.AfterFunc(100*time.Millisecond, cancel)
			start := time.Now()
			_, err := slow.Wallet.Retrieve(ctx)
			elapsed := time.Since(start)
			if !errors.Is(err, context.Canceled) {
				t.Fatalf("want context.Canceled, got %T %v", err, err)
			}
			t.Logf("cancelled after 100 ms; the call returned after %v (server delay %v)", elapsed, delay)
			if elapsed >= delay {
				t.Fatalf("cancelled call returned only after %v: the request was not aborted", elapsed)
			}
			// The same account works from a normal client...
			fast, err := NewClient(key, WithBaseURL(sandboxURL))
			if err != nil {
				t.Fatal(err)
			}
			defer fast.Close()
			if _, err := fast.Wallet.Retrieve(testCtx(t)); err != nil {
				t.Fatalf("after cancellation: %v", err)
			}
			// ...and the cancelled client can be used (and cancelled) again.
			ctx2, cancel2 := context.WithCancel(context.Background())
			time.AfterFunc(50*time.Millisecond, cancel2)
			if _, err := slow.Bins.List(ctx2); !errors.Is(err, context.Canceled) {
				t.Fatalf("second cancellation: %v", err)
			}
		})
	}
}

// Cancelling a write mid-flight never makes money move twice: at most one card exists afterwards,
// and the wallet is debited for at most that one card.
func TestCancelledWriteMovesMoneyAtMostOnce(t *testing.T) {
	slow, key := newClient(t, WithHeader("X-Sandbox-Fault", "delay_ms=1000"))
	ctx, cancel := context.WithCancel(context.Background())
	time.AfterFunc(100*time.Millisecond, cancel)
	_, err := slow.Cards.Create(ctx, &CardCreateParams{BinID: "491653", Amount: 100, Label: String("cancelled")})
	if !errors.Is(err, context.Canceled) {
		t.Fatalf("want context.Canceled, got %v", err)
	}
	c, err := NewClient(key, WithBaseURL(sandboxURL))
	if err != nil {
		t.Fatal(err)
	}
	defer c.Close()
	time.Sleep(1200 * time.Millisecond) // let the server finish the request it may have received
	cards, err := c.Cards.List(testCtx(t), nil)
	if err != nil {
		t.Fatal(err)
	}
	w, err := c.Wallet.Retrieve(testCtx(t))
	if err != nil {
		t.Fatal(err)
	}
	if len(cards.Data) > 1 || w.Balance != 10000-100*float64(len(cards.Data)) {
		t.Fatalf("cards %d, wallet %v", len(cards.Data), w.Balance)
	}
}

func TestDeadlineBecomesTimeout(t *testing.T) {
	slow, _ := newClient(t, WithHeader("X-Sandbox-Fault", "delay_ms=10000"), WithMaxRetries(0))
	ctx, cancel := context.WithTimeout(context.Background(), 200*time.Millisecond)
	defer cancel()
	start := time.Now()
	_, err := slow.Wallet.Retrieve(ctx)
	var ue *APIUserAbortError
	if !errors.Is(err, context.DeadlineExceeded) || !errors.As(err, &ue) || ClassOf(err) != ErrAPIUserAbort {
		t.Fatalf("want context.DeadlineExceeded of class APIUserAbortError, got %T %v", err, err)
	}
	t.Logf("200 ms deadline; the call returned after %v (server delay 10 s)", time.Since(start))
	if time.Since(start) >= 5*time.Second {
		t.Fatalf("deadline not applied: returned after %v", time.Since(start))
	}
	// A per-request timeout shorter than the server's delay gives *APITimeoutError, whose class
	// is under APIConnectionError (errors.As gives it as either type).
	_, err = slow.Wallet.Retrieve(context.Background(), WithRequestTimeout(150*time.Millisecond))
	var te *APITimeoutError
	var ce *APIConnectionError
	if !errors.As(err, &te) || !errors.Is(err, ErrAPITimeout) || !errors.Is(err, ErrAPIConnection) ||
		!errors.As(err, &ce) || ce.Class != ErrAPITimeout || !errors.Is(err, context.DeadlineExceeded) {
		t.Fatalf("request timeout: %T %v", err, err)
	}
	var old *TimeoutError
	if !errors.As(err, &old) || !errors.Is(err, ErrTimeout) {
		t.Fatalf("former names: %T %v", err, err)
	}
}

func TestAlreadyCancelledContextSendsNothing(t *testing.T) {
	c, _ := newClient(t)
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	before := sandboxRequests(t)
	_, err := c.Cards.Create(ctx, &CardCreateParams{BinID: "491653", Amount: 5})
	if !errors.Is(err, context.Canceled) {
		t.Fatalf("want context.Canceled, got %v", err)
	}
	// Nothing was sent; the error still names the key the core chose, as for any cancelled write.
	if _, ok := IdempotencyKey(err); !ok {
		t.Fatalf("no idempotency key: %v", err)
	}
	expired, cancel2 := context.WithDeadline(context.Background(), time.Now().Add(-time.Second))
	defer cancel2()
	if _, err := c.Cards.Create(expired, &CardCreateParams{BinID: "491653", Amount: 5}); !errors.Is(err, context.DeadlineExceeded) {
		t.Fatalf("want context.DeadlineExceeded, got %v", err)
	}
	if after := sandboxRequests(t); after != before+1 { // +1: the second stats read itself
		t.Fatalf("a request reached the sandbox: %d -> %d", before, after)
	}
}

// Many goroutines share one client (and the one runtime); cancellations in the mix leave no
// goroutines behind.
func TestConcurrentCallsAndCancellations(t *testing.T) {
	c, _ := newClient(t)
	slow, _ := newClient(t, WithHeader("X-Sandbox-Fault", "delay_ms=500"))
	base := runtime.NumGoroutine()
	var wg sync.WaitGroup
	errs := make(chan error, 64)
	for i := 0; i < 16; i++ {
		wg.Add(2)
		go func() {
			defer wg.Done()
			if _, err := c.Wallet.Retrieve(context.Background()); err != nil {
				errs <- err
			}
		}()
		go func() {
			defer wg.Done()
			ctx, cancel := context.WithTimeout(context.Background(), 50*time.Millisecond)
			defer cancel()
			if _, err := slow.Wallet.Retrieve(ctx); !errors.Is(err, context.DeadlineExceeded) {
				errs <- err
			}
		}()
	}
	wg.Wait()
	close(errs)
	for err := range errs {
		t.Errorf("concurrent call: %v", err)
	}
	deadline := time.Now().Add(5 * time.Second)
	for runtime.NumGoroutine() > base && time.Now().Before(deadline) {
		time.Sleep(20 * time.Millisecond)
	}
	if n := runtime.NumGoroutine(); n > base {
		t.Fatalf("goroutines leaked: %d > %d", n, base)
	}
}

// silentServer accepts connections, reads each request and never answers. It reports the
// X-Idempotency-Key of every request it receives.
func silentServer(t *testing.T) (baseURL string, keys <-chan string) {
	t.Helper()
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	got := make(chan string, 16)
	var mu sync.Mutex
	var conns []net.Conn
	go func() {
		for {
			conn, err := ln.Accept()
			if err != nil {
				return
			}
			mu.Lock()
			conns = append(conns, conn)
			mu.Unlock()
			go func() {
				if req, err := http.ReadRequest(bufio.NewReader(conn)); err == nil {
					got <- req.Header.Get("X-Idempotency-Key")
				}
				// ...and never answer; the connection stays open until the test ends.
			}()
		}
	}()
	t.Cleanup(func() {
		_ = ln.Close()
		mu.Lock()
		defer mu.Unlock()
		for _, c := range conns {
			_ = c.Close()
		}
	})
	return "http://" + ln.Addr().String() + "/v1", got
}

// retryCreatesOneCard retries a create with key against the sandbox, twice, and checks that the
// account then holds exactly one card.
func retryCreatesOneCard(t *testing.T, apiKey, key string, params *CardCreateParams) {
	t.Helper()
	c, err := NewClient(apiKey, WithBaseURL(sandboxURL))
	if err != nil {
		t.Fatal(err)
	}
	defer c.Close()
	var ids []string
	for i := 0; i < 2; i++ {
		card, err := c.Cards.Create(testCtx(t), params, WithIdempotencyKey(key))
		if err != nil {
			t.Fatalf("retry %d with the key from the error: %v", i+1, err)
		}
		ids = append(ids, card.ID)
	}
	cards, err := c.Cards.List(testCtx(t), nil)
	if err != nil {
		t.Fatal(err)
	}
	if ids[0] != ids[1] || len(cards.Data) != 1 || cards.Data[0].ID != ids[0] {
		t.Fatalf("want one card, got retries %v and %d cards", ids, len(cards.Data))
	}
}

// A create cancelled while the server holds it (the server never answers) returns context.Canceled
// carrying the idempotency key the request was sent with; retrying with it creates one card.
func TestCancelledCreateCarriesTheKeyItWasSentWith(t *testing.T) {
	silentURL, received := silentServer(t)
	apiKey := newKey(t)
	c, err := NewClient(apiKey, WithBaseURL(silentURL), WithMaxRetries(0))
	if err != nil {
		t.Fatal(err)
	}
	defer c.Close()
	params := &CardCreateParams{BinID: "491653", Amount: 40, Label: String("cancelled, then retried")}

	t.Run("cancel", func(t *testing.T) {
		ctx, cancel := context.WithCancel(context.Background())
		var cancelledAt time.Time
		var sent string
		go func() {
			sent = <-received // cancel once the server holds the request
			cancelledAt = time.Now()
			cancel()
		}()
		_, err := c.Cards.Create(ctx, params)
		returned := time.Now()
		if !errors.Is(err, context.Canceled) {
			t.Fatalf("want context.Canceled, got %T %v", err, err)
		}
		var ce *ContextError
		key, ok := IdempotencyKey(fmt.Errorf("wrapped: %w", err))
		if !errors.As(err, &ce) || !ok || key != ce.IdempotencyKey || ce.Op != "cards.create" {
			t.Fatalf("error %T %v: key %q %v", err, err, key, ok)
		}
		if key != sent {
			t.Fatalf("the error says key %q, the request was sent with %q", key, sent)
		}
		t.Logf("returned %v after the cancel (server never answers); key %s", returned.Sub(cancelledAt), key)
		if returned.Sub(cancelledAt) > 5*time.Second {
			t.Fatalf("the cancelled call returned only after %v", returned.Sub(cancelledAt))
		}
		retryCreatesOneCard(t, apiKey, key, params)
	})

	t.Run("deadline", func(t *testing.T) {
		ctx, cancel := context.WithTimeout(context.Background(), 300*time.Millisecond)
		defer cancel()
		_, err := c.Cards.Fund(ctx, "card_whatever", &CardFundParams{Amount: 5}, WithIdempotencyKey("go-deadline-key"))
		var ce *ContextError
		if !errors.Is(err, context.DeadlineExceeded) || !errors.As(err, &ce) || ce.IdempotencyKey != "go-deadline-key" {
			t.Fatalf("want context.DeadlineExceeded with the key, got %T %v", err, err)
		}
		if sent := <-received; sent != "go-deadline-key" {
			t.Fatalf("sent key %q", sent)
		}
	})

	t.Run("cause", func(t *testing.T) {
		shutdown := errors.New("shutting down")
		ctx, cancel := context.WithCancelCause(context.Background())
		go func() {
			<-received
			cancel(shutdown)
		}()
		_, err := c.Cards.Create(ctx, params)
		if !errors.Is(err, context.Canceled) || !errors.Is(err, shutdown) || !strings.Contains(err.Error(), "shutting down") {
			t.Fatalf("want context.Canceled and the cause, got %v", err)
		}
		if _, ok := IdempotencyKey(err); !ok {
			t.Fatalf("no key: %v", err)
		}
	})
}

// A Go program interrupted with Ctrl-C (SIGINT, through signal.NotifyContext) during a create
// against a server that never answers: the call returns at once with context.Canceled and the key
// the request was sent with, the program exits normally, and a retry with the key creates one card.
func TestInterruptedProgramReportsTheKey(t *testing.T) {
	silentURL, received := silentServer(t)
	apiKey := newKey(t)
	cmd := exec.Command(os.Args[0])
	cmd.Env = append(os.Environ(), "CTC_GO_TEST_HELPER=interrupted-create", "CTC_HELPER_BASE_URL="+silentURL,
		"CTC_HELPER_API_KEY="+apiKey)
	var stdout, stderr bytes.Buffer
	cmd.Stdout, cmd.Stderr = &stdout, &stderr
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	exited := make(chan error, 1)
	go func() { exited <- cmd.Wait() }()
	var sent string
	select {
	case sent = <-received:
	case err := <-exited:
		t.Fatalf("the program exited before sending: %v\n%s", err, stderr.String())
	case <-time.After(30 * time.Second):
		_ = cmd.Process.Kill()
		t.Fatal("the program sent nothing within 30 s")
	}
	interruptedAt := time.Now()
	if err := cmd.Process.Signal(os.Interrupt); err != nil {
		t.Fatal(err)
	}
	select {
	case err := <-exited:
		if err != nil {
			t.Fatalf("the program failed: %v\n%s", err, stderr.String())
		}
	case <-time.After(10 * time.Second):
		_ = cmd.Process.Kill()
		t.Fatal("the program did not exit within 10 s of SIGINT")
	}
	took := time.Since(interruptedAt)
	var report struct {
		Canceled bool   `json:"canceled"`
		Key      string `json:"key"`
		Error    string `json:"error"`
	}
	if err := json.Unmarshal(stdout.Bytes(), &report); err != nil {
		t.Fatalf("program output %q: %v", stdout.String(), err)
	}
	t.Logf("exited %v after SIGINT: %s", took, report.Error)
	if !report.Canceled || report.Key == "" || report.Key != sent {
		t.Fatalf("report %+v, sent key %q", report, sent)
	}
	if took > 5*time.Second {
		t.Fatalf("exit took %v after SIGINT", took)
	}
	retryCreatesOneCard(t, apiKey, report.Key, &CardCreateParams{BinID: "491653", Amount: 30})
}

// interruptedCreate is the program of TestInterruptedProgramReportsTheKey (run as a subprocess).
func interruptedCreate() int {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt)
	defer stop()
	c, err := NewClient(os.Getenv("CTC_HELPER_API_KEY"), WithBaseURL(os.Getenv("CTC_HELPER_BASE_URL")), WithMaxRetries(0))
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		return 1
	}
	defer c.Close()
	_, err = c.Cards.Create(ctx, &CardCreateParams{BinID: "491653", Amount: 30})
	key, _ := IdempotencyKey(err)
	out, _ := json.Marshal(map[string]any{"canceled": errors.Is(err, context.Canceled), "key": key, "error": fmt.Sprint(err)})
	fmt.Println(string(out))
	return 0
}

// The calls that do not block a thread (ctc_call_start, taken when many calls are in flight)
// behave as the blocking ones: results, errors, cancellation and deadlines, idempotency keys.
func TestStartedCallsBehaveAsBlockingOnes(t *testing.T) {
	blockingCalls.Store(0)
	t.Cleanup(func() { blockingCalls.Store(-1) })
	c, _ := newClient(t)
	if _, err := c.Wallet.Retrieve(testCtx(t)); err != nil {
		t.Fatal(err)
	}
	if _, err := c.Cards.Retrieve(testCtx(t), "card_missing"); !errors.Is(err, ErrNotFound) {
		t.Fatalf("want ErrNotFound, got %T %v", err, err)
	}
	for name, test := range map[string]func(*testing.T){
		"cancellation":   TestCancellationAbortsInFlightCall,
		"deadline":       TestDeadlineBecomesTimeout,
		"cancelled ctx":  TestAlreadyCancelledContextSendsNothing,
		"cancelled key":  TestCancelledCreateCarriesTheKeyItWasSentWith,
		"at most once":   TestCancelledWriteMovesMoneyAtMostOnce,
		"concurrent mix": TestConcurrentCallsAndCancellations,
	} {
		t.Run(name, test)
	}
}
