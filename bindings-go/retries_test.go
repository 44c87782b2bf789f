package cryptotopcard

import (
	"errors"
	"fmt"
	"strings"
	"testing"
)

// The sandbox commits the card, then drops the connection. The core retries with the same
// idempotency key and gets the stored response: one card, one debit.
func TestRetryAfterDropAfterCommitCreatesOneCard(t *testing.T) {
	c, key := newClient(t, WithHeader("X-Sandbox-Fault", "drop_after_commit"), WithMaxRetries(3))
	var meta ResponseMeta
	card, err := c.Cards.Create(testCtx(t), &CardCreateParams{BinID: "491653", Amount: 250, Label: String("once")},
		WithResponseMeta(&meta))
	if err != nil {
		t.Fatalf("create under drop_after_commit: %v", err)
	}
	if meta.Retries < 1 || !meta.Replayed || meta.IdempotencyKey == "" || meta.Status != 201 {
		t.Fatalf("expected a replayed retry, meta %+v", meta)
	}
	plain, err := NewClient(key, WithBaseURL(sandboxURL))
	if err != nil {
		t.Fatal(err)
	}
	defer plain.Close()
	cards, err := plain.Cards.List(testCtx(t), nil)
	if err != nil {
		t.Fatal(err)
	}
	if len(cards.Data) != 1 || cards.Data[0].ID != card.ID {
		t.Fatalf("want exactly the one card %s, got %+v", card.ID, cards.Data)
	}
	w, err := plain.Wallet.Retrieve(testCtx(t))
	if err != nil {
		t.Fatal(err)
	}
	if w.Balance != 10000-250 {
		t.Fatalf("wallet debited %v, want 250 once", 10000-w.Balance)
	}

	// Funding under the same fault: one credit to the card.
	fund, err := c.Cards.Fund(testCtx(t), card.ID, &CardFundParams{Amount: 50}, WithResponseMeta(&meta))
	if err != nil || fund.NewBalance != 300 || !meta.Replayed {
		t.Fatalf("fund: %+v %v meta %+v", fund, err, meta)
	}
	got, err := plain.Cards.Retrieve(testCtx(t), card.ID)
	if err != nil || got.Balance != 300 {
		t.Fatalf("card balance after one fund: %+v %v", got, err)
	}

	// An explicit idempotency key: the same call twice is one card.
	c2, _ := newClient(t)
	k := "go-test-" + key
	a, err := c2.Cards.Create(testCtx(t), &CardCreateParams{BinID: "491653", Amount: 7}, WithIdempotencyKey(k))
	if err != nil {
		t.Fatal(err)
	}
	b, err := c2.Cards.Create(testCtx(t), &CardCreateParams{BinID: "491653", Amount: 7}, WithIdempotencyKey(k), WithResponseMeta(&meta))
	if err != nil || a.ID != b.ID || !meta.Replayed {
		t.Fatalf("same key twice: %s vs %v (%v) replayed=%v", a.ID, b, err, meta.Replayed)
	}
}

// The sandbox commits the card, then drops the connection, and the client may not retry
// (MaxRetries 0): the error carries the idempotency key it sent, through any wrapping, and the
// application's retry with that key gets the stored card: exactly one card, one debit.
func TestFailedCreateRetriedWithKeyFromErrorCreatesOneCard(t *testing.T) {
	dropping, apiKey := newClient(t, WithHeader("X-Sandbox-Fault", "drop_after_commit"), WithMaxRetries(0))
	params := &CardCreateParams{BinID: "491653", Amount: 125, Label: String("retried by the app")}
	_, err := dropping.Cards.Create(testCtx(t), params)
	var connErr *ConnectionError
	if !errors.As(err, &connErr) || !errors.Is(err, ErrConnection) {
		t.Fatalf("create under drop_after_commit without retries: want *ConnectionError, got %T %v", err, err)
	}
	wrapped := fmt.Errorf("creating the ad-spend card: %w", err)
	key, ok := IdempotencyKey(wrapped)
	if !ok || key == "" || key != connErr.IdempotencyKey || !strings.Contains(err.Error(), key) {
		t.Fatalf("key from the error: %q %v (field %q, message %q)", key, ok, connErr.IdempotencyKey, err.Error())
	}

	plain, err := NewClient(apiKey, WithBaseURL(sandboxURL))
	if err != nil {
		t.Fatal(err)
	}
	defer plain.Close()
	var meta ResponseMeta
	card, err := plain.Cards.Create(testCtx(t), params, WithIdempotencyKey(key), WithResponseMeta(&meta))
	if err != nil {
		t.Fatalf("retry with the key from the error: %v", err)
	}
	if !meta.Replayed || meta.IdempotencyKey != key {
		t.Fatalf("the retry was not answered from the idempotency store: %+v", meta)
	}
	cards, err := plain.Cards.List(testCtx(t), nil)
	if err != nil {
		t.Fatal(err)
	}
	if len(cards.Data) != 1 || cards.Data[0].ID != card.ID {
		t.Fatalf("want exactly the one card %s, got %d cards", card.ID, len(cards.Data))
	}
	w, err := plain.Wallet.Retrieve(testCtx(t))
	if err != nil || w.Balance != 10000-125 {
		t.Fatalf("wallet: %+v %v (want one debit of 125)", w, err)
	}

	// Errors of other mutating calls carry their key too; GETs and bad input have none.
	_, err = plain.Cards.Fund(testCtx(t), "card_doesnotexist", &CardFundParams{Amount: 5}, WithIdempotencyKey("go-fund-key-"+apiKey))
	var apiErr *APIError
	if !errors.As(err, &apiErr) || apiErr.IdempotencyKey != "go-fund-key-"+apiKey {
		t.Fatalf("404 of a fund: %T %v", err, err)
	}
	if _, err := plain.Cards.Retrieve(testCtx(t), "card_doesnotexist"); err == nil {
		t.Fatal("want a 404")
	} else if k, ok := IdempotencyKey(err); ok {
		t.Fatalf("a GET's error has a key %q", k)
	}
	if _, ok := IdempotencyKey(nil); ok {
		t.Fatal("nil has a key")
	}
}
