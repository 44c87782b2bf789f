package cryptotopcard

import (
	"errors"
	"fmt"
	"strings"
	"testing"
)

// The sandbox commits the card, then drops the connection, and the client may not retry
// (MaxRetries 0): the error carries the idempotency key it sent, through any wrapping, and shows it
// in its message. (The retry with that key getting the stored card, and the keys of other errors,
// are conformance cases: "idempotency: retry a dropped create with the key from its error", "409:
// the error carries the key that was given", "404: unknown card".)
func TestFailedCreateCarriesItsKeyThroughWrapping(t *testing.T) {
	dropping, _ := newClient(t, WithHeader("X-Sandbox-Fault", "drop_after_commit"), WithMaxRetries(0))
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
	if _, ok := IdempotencyKey(nil); ok {
		t.Fatal("nil has a key")
	}
}
