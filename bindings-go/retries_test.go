package cryptotopcard

import (
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
