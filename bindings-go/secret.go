package cryptotopcard

import (
	"crypto/rand"
	"encoding/json"
	"fmt"
	"io"
	"log/slog"
	"strconv"
)

// Secret holds a sensitive value: a card number (PAN), a CVV, a 3DS one-time password or a webhook
// signing secret. The models' fields marked sensitive in the API spec are Secrets.
//
// A Secret never shows its value: fmt (every verb, also inside structs, pointers, slices and
// maps), json.Marshal, encoding.TextMarshaler users (YAML, XML, ...), log/slog (JSON and text
// handlers) and text/template all give [REDACTED]. Reveal returns the value, so every read of a
// secret is explicit and easy to find in a code review:
//
//	details, err := client.Cards.Details(ctx, cardID)
//	fmt.Println(details)                // {card_... [REDACTED] [REDACTED] 12 2029 ...}
//	pan := details.PAN.Reveal()         // the 16 digits
//
// The value is also kept XOR-masked in memory with a per-process random pad, so that reflection-
// based dumpers that skip String and Format (go-spew with DisableMethods, as testify's diffs use)
// show scrambled bytes rather than the digits. That is not encryption: it keeps secrets out of
// logs and test output, not out of a memory dump.
//
// The zero Secret holds no value (IsZero); optional sensitive fields are left zero when the API
// sends nothing. Secrets are comparable: == and Equal compare the values without revealing them.
// json.Unmarshal reads the real value, so a Secret round-trips through the API but not through
// json.Marshal (which writes the mask): to store or forward a secret, Reveal it explicitly.
type Secret struct{ masked string }

// redactedMark replaces sensitive values (PAN, CVV, OTP, secrets) wherever they are printed.
const redactedMark = "[REDACTED]"

// secretPad masks the bytes of every Secret of this process.
var secretPad = func() (pad [64]byte) {
	_, _ = rand.Read(pad[:]) // never fails (crypto/rand aborts the program instead)
	return pad
}()

func xorPad(s string) string {
	b := []byte(s)
	for i := range b {
		b[i] ^= secretPad[i%len(secretPad)]
	}
	return string(b)
}

// NewSecret wraps a sensitive value, e.g. a custom webhook signing secret for WebhookCreateParams.
func NewSecret(value string) Secret { return Secret{masked: xorPad(value)} }

// Reveal returns the value. Everything else about a Secret hides it.
func (s Secret) Reveal() string { return xorPad(s.masked) }

// IsZero reports whether the Secret holds no value (an absent optional field). json's omitzero
// uses it.
func (s Secret) IsZero() bool { return s.masked == "" }

// Equal reports whether both hold the same value (go-cmp uses it).
func (s Secret) Equal(other Secret) bool { return s.masked == other.masked }

// String returns [REDACTED] (or "" for the zero Secret).
func (s Secret) String() string {
	if s.IsZero() {
		return ""
	}
	return redactedMark
}

// GoString (%#v) returns a Go expression that shows no value.
func (s Secret) GoString() string {
	if s.IsZero() {
		return "cryptotopcard.Secret{}"
	}
	return "cryptotopcard.Secret{/* " + redactedMark + " */}"
}

// Format prints String (GoString for %#v) with any verb and flags: %v, %s, %q, %x, %10s, ...
func (s Secret) Format(f fmt.State, verb rune) {
	if verb == 'v' && f.Flag('#') {
		_, _ = io.WriteString(f, s.GoString())
		return
	}
	_, _ = fmt.Fprintf(f, fmt.FormatString(f, verb), s.String())
}

// LogValue logs [REDACTED] (log/slog).
func (s Secret) LogValue() slog.Value { return slog.StringValue(s.String()) }

// MarshalJSON writes "[REDACTED]" ("" for the zero Secret), never the value.
func (s Secret) MarshalJSON() ([]byte, error) { return []byte(strconv.Quote(s.String())), nil }

// MarshalText writes [REDACTED] ("" for the zero Secret), never the value.
func (s Secret) MarshalText() ([]byte, error) { return []byte(s.String()), nil }

// UnmarshalJSON reads a JSON string (null gives the zero Secret), as the API sends it.
func (s *Secret) UnmarshalJSON(data []byte) error {
	if string(data) == "null" {
		*s = Secret{}
		return nil
	}
	var v string
	if err := json.Unmarshal(data, &v); err != nil {
		return fmt.Errorf("cryptotopcard.Secret: want a JSON string")
	}
	*s = NewSecret(v)
	return nil
}

// UnmarshalText reads the value as it is.
func (s *Secret) UnmarshalText(text []byte) error {
	*s = NewSecret(string(text))
	return nil
}
