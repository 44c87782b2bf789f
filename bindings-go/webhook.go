package cryptotopcard

import (
	"encoding/json"
	"fmt"
	"log/slog"
	"strings"
	"time"
)

// DefaultWebhookTolerance is the usual maximum event age for ConstructEvent: the core's default
// (the same in every SDK).
var DefaultWebhookTolerance = time.Duration(nativeWebhookDefaultToleranceSecs()) * time.Second

// VerifyWebhook reports whether signature (the X-CTC-Signature header: lowercase hex HMAC-SHA256 of
// the raw body keyed with the secret) matches payload. The comparison is constant time. Pass the
// raw request body, not a re-encoded copy.
func VerifyWebhook(payload []byte, signature, secret string) bool {
	return VerifyWebhookAny(payload, signature, []string{secret})
}

// VerifyWebhookAny is VerifyWebhook against several secrets, for a secret rotation: while an
// endpoint moves to a new secret, deliveries may be signed with the old or the new one, and
// both verify. Every secret is checked (the time taken does not say which matched). No secret:
// false.
//
//	ok := cryptotopcard.VerifyWebhookAny(body, r.Header.Get("X-CTC-Signature"), []string{newSecret, oldSecret})
func VerifyWebhookAny(payload []byte, signature string, secrets []string) bool {
	if hasNUL(append([]string{signature}, secrets...)...) {
		return false
	}
	ok, err := nativeWebhookVerifyAny(payload, signature, secrets)
	return err == nil && ok
}

// GenerateTestSignature returns the X-CTC-Signature value the API would send with payload under
// secret (lowercase hex HMAC-SHA256 of the raw bytes), for tests of your own webhook handler:
//
//	body := []byte(`{"id":"evt_1","type":"card.created","created_at":"` +
//		time.Now().UTC().Format(time.RFC3339) + `","data":{...}}`)
//	req := httptest.NewRequest("POST", "/webhooks", bytes.NewReader(body))
//	req.Header.Set("X-CTC-Signature", cryptotopcard.GenerateTestSignature(body, secret))
//	req.Header.Set("X-CTC-Delivery", "evt_1")
//
// A secret with a NUL byte (which no endpoint has) gives "".
func GenerateTestSignature(payload []byte, secret string) string {
	if hasNUL(secret) {
		return ""
	}
	sig, err := nativeWebhookSign(payload, secret)
	if err != nil {
		return ""
	}
	return sig
}

// hasNUL reports whether a string holds a NUL byte, which a C string would cut short (a secret
// "abc\x00def" must not verify as "abc").
func hasNUL(strs ...string) bool {
	for _, s := range strs {
		if strings.IndexByte(s, 0) >= 0 {
			return true
		}
	}
	return false
}

var errNULInSecret = &WebhookVerificationError{Message: "the signature or a secret contains a NUL byte"}

// LogValue makes log/slog log the event as a group; sensitive values in Data show [REDACTED].
func (e Event) LogValue() slog.Value {
	return slog.GroupValue(slog.String("id", e.ID), slog.String("type", string(e.Type)),
		slog.Time("created_at", e.CreatedAt), slog.Any("data", e.Data))
}

// EventData is the Data of an Event (generated from the spec's Event union): the event's object (a
// card, a transaction, a 3DS challenge or a deposit, by Type) as the raw JSON that was signed.
// Decode it with json.Unmarshal into the matching type (a ThreeDSChallenge's OTP then becomes a
// Secret): pass it as it is (it is a []byte). Printing it (fmt, any verb), marshalling it (json.Marshal) or logging it
// (log/slog) shows the JSON with the values of sensitive keys (the 3DS "otp", and "pan", "cvv",
// "secret") replaced by "[REDACTED]"; string(data) is the payload as received.
type EventData []byte

// UnmarshalJSON keeps a copy of the raw JSON.
func (d *EventData) UnmarshalJSON(b []byte) error {
	*d = append((*d)[:0], b...)
	return nil
}

// LogValue logs the data with sensitive values redacted (log/slog's text handler would otherwise
// print a byte slice as it is).
func (d EventData) LogValue() slog.Value { return slog.AnyValue(json.RawMessage(d.redacted())) }

// MarshalJSON writes the data with sensitive values redacted (null when empty).
func (d EventData) MarshalJSON() ([]byte, error) { return d.redacted(), nil }

// String is the JSON with sensitive values redacted.
func (d EventData) String() string { return string(d.redacted()) }

// GoString (%#v) shows the redacted JSON as a Go expression.
func (d EventData) GoString() string { return goJSON("EventData", d.String()) }

// Format prints String (GoString for %#v) with any verb and flags.
func (d EventData) Format(f fmt.State, verb rune) { formatJSON(f, verb, "EventData", d.String()) }

// redacted is the data with the values of sensitive keys replaced, at any depth.
func (d EventData) redacted() []byte { return redactJSON(d) }

// ConstructEvent verifies the signature, parses the event and rejects one whose signed created_at
// is more than tolerance in the past (a replay) or in the future (a forged date or a badly skewed
// clock); 0 turns the check off, DefaultWebhookTolerance is the usual value. Failures are
// *WebhookVerificationError.
//
// The API may deliver an event more than once (a retry after your endpoint timed out, or
// answered with an error): de-duplicate by Event.ID, also sent as the X-CTC-Delivery header.
func ConstructEvent(payload []byte, signature, secret string, tolerance time.Duration) (*Event, error) {
	return ConstructEventAny(payload, signature, []string{secret}, tolerance)
}

// ConstructEventAny is ConstructEvent against several secrets (rotation: the old and the new
// secret both verify). No secret is a *WebhookVerificationError.
func ConstructEventAny(payload []byte, signature string, secrets []string, tolerance time.Duration) (*Event, error) {
	if tolerance < 0 {
		return nil, &ValidationError{Field: "tolerance", Message: "must not be negative"}
	}
	if hasNUL(append([]string{signature}, secrets...)...) {
		return nil, errNULInSecret
	}
	secs := uint64((tolerance + time.Second - 1) / time.Second)
	raw, nerr := nativeConstructEventAny(payload, signature, secrets, secs)
	if nerr != nil {
		return nil, errorFromNative(nerr, nil, "")
	}
	return decodeEvent(raw)
}

func decodeEvent(raw string) (*Event, error) {
	var ev Event
	if err := json.Unmarshal([]byte(raw), &ev); err != nil {
		return nil, &WebhookVerificationError{Message: "cannot decode the event: " + err.Error()}
	}
	return &ev, nil
}
