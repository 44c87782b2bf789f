package cryptotopcard

import (
	"encoding/json"
	"time"
)

// DefaultWebhookTolerance is ConstructEvent's default maximum event age.
const DefaultWebhookTolerance = 300 * time.Second

// VerifyWebhook reports whether signature (the X-CTC-Signature header: lowercase hex HMAC-SHA256 of
// the raw body keyed with the secret) matches payload. The comparison is constant time. Pass the
// raw request body, not a re-encoded copy.
func VerifyWebhook(payload []byte, signature, secret string) bool {
	ok, err := nativeWebhookVerify(payload, signature, secret)
	return err == nil && ok
}

// Event is a webhook event (the spec's Event union). Data holds the event's object (a card, a transaction,
// a 3DS challenge or a deposit, by Type); decode it with json.Unmarshal into the matching type.
type Event struct {
	ID        string          `json:"id"`
	Type      EventType       `json:"type"`
	CreatedAt time.Time       `json:"created_at"`
	Data      json.RawMessage `json:"data"`
}

// ConstructEvent verifies the signature, parses the event and rejects one whose signed created_at
// is older than tolerance (replay protection; 0 turns the check off, DefaultWebhookTolerance is the
// usual value). Failures are *WebhookVerificationError.
func ConstructEvent(payload []byte, signature, secret string, tolerance time.Duration) (*Event, error) {
	if tolerance < 0 {
		return nil, &ValidationError{Field: "tolerance", Message: "must not be negative"}
	}
	secs := uint64((tolerance + time.Second - 1) / time.Second)
	raw, nerr := nativeConstructEvent(payload, signature, secret, secs)
	if nerr != nil {
		return nil, errorFromNative(nerr)
	}
	var ev Event
	if err := json.Unmarshal([]byte(raw), &ev); err != nil {
		return nil, &WebhookVerificationError{Message: "cannot decode the event: " + err.Error()}
	}
	return &ev, nil
}
