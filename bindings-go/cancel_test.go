package cryptotopcard

import (
	"context"
	"errors"
	"fmt"
	"runtime"
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
	if !errors.Is(err, context.DeadlineExceeded) {
		t.Fatalf("want context.DeadlineExceeded, got %T %v", err, err)
	}
	t.Logf("200 ms deadline; the call returned after %v (server delay 10 s)", time.Since(start))
	if time.Since(start) >= 5*time.Second {
		t.Fatalf("deadline not applied: returned after %v", time.Since(start))
	}
	// A per-request timeout shorter than the server's delay gives *TimeoutError.
	_, err = slow.Wallet.Retrieve(context.Background(), WithRequestTimeout(150*time.Millisecond))
	var te *TimeoutError
	if !errors.As(err, &te) || !errors.Is(err, ErrTimeout) {
		t.Fatalf("request timeout: %T %v", err, err)
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
