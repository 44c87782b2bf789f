package cryptotopcard

import (
	"bytes"
	"encoding/json"
	"fmt"
	"io"
	"log/slog"
	"strconv"
)

// ExtraFields holds the fields of an API object that this version of the SDK has no Go field for
// (added to the API after it was generated), by JSON name, with their values as the server sent
// them. Every model has one, named Extra:
//
//	card, err := client.Cards.Retrieve(ctx, id)
//	var tier string
//	if raw, ok := card.Extra["tier"]; ok {
//		err = json.Unmarshal(raw, &tier)
//	}
//
// Printing (fmt, any verb), logging (log/slog) and marshalling ExtraFields show the values as
// JSON with the values of the API's sensitive keys (pan, cvv, otp, secret) replaced by
// [REDACTED] at any depth, like a Secret; indexing the map gives the raw value. A model marshals
// with its Extra fields, so it re-encodes to what the API sent (Secrets redacted).
type ExtraFields map[string]json.RawMessage

// String is the fields as a JSON object, sensitive values redacted.
func (e ExtraFields) String() string { return string(e.redacted()) }

// GoString (%#v) shows the redacted JSON as a Go expression.
func (e ExtraFields) GoString() string { return goJSON("ExtraFields", e.String()) }

// Format prints String (GoString for %#v) with any verb and flags.
func (e ExtraFields) Format(f fmt.State, verb rune) { formatJSON(f, verb, "ExtraFields", e.String()) }

// goJSON is the Go expression of a value of type typ that prints as the JSON text s.
func goJSON(typ, s string) string { return "cryptotopcard." + typ + "(" + strconv.Quote(s) + ")" }

// formatJSON prints s, the JSON text of a value of type typ, with any verb and flags (goJSON for
// %#v).
func formatJSON(f fmt.State, verb rune, typ, s string) {
	if verb == 'v' && f.Flag('#') {
		_, _ = io.WriteString(f, goJSON(typ, s))
		return
	}
	_, _ = fmt.Fprintf(f, fmt.FormatString(f, verb), s)
}

// MarshalJSON writes the fields as a JSON object, sensitive values redacted.
func (e ExtraFields) MarshalJSON() ([]byte, error) { return e.redacted(), nil }

// LogValue logs the fields as JSON, sensitive values redacted.
func (e ExtraFields) LogValue() slog.Value { return slog.AnyValue(json.RawMessage(e.redacted())) }

func (e ExtraFields) redacted() []byte {
	if len(e) == 0 {
		return []byte("{}")
	}
	b, err := json.Marshal(map[string]json.RawMessage(e))
	if err != nil {
		return []byte(strconv.Quote(redactedMark))
	}
	return redactJSON(b)
}

func skipSpace(b []byte, i int) int {
	for i < len(b) && (b[i] == ' ' || b[i] == '\t' || b[i] == '\n' || b[i] == '\r') {
		i++
	}
	return i
}

// skipString returns the index after the JSON string starting at b[i] (a quote); len(b) when it
// is not closed.
func skipString(b []byte, i int) int {
	for j := i + 1; ; {
		k := bytes.IndexByte(b[j:], '"')
		if k < 0 {
			return len(b)
		}
		q := j + k
		n := 0 // the backslashes before the quote: an odd number escapes it
		for p := q - 1; p > i && b[p] == '\\'; p-- {
			n++
		}
		if n%2 == 0 {
			return q + 1
		}
		j = q + 1
	}
}

// skipValue returns the index after the JSON value starting at b[i].
func skipValue(b []byte, i int) int {
	if i >= len(b) {
		return i
	}
	switch b[i] {
	case '"':
		return skipString(b, i)
	case '{', '[':
		depth := 0
		for i < len(b) {
			switch b[i] {
			case '"':
				i = skipString(b, i)
				continue
			case '{', '[':
				depth++
			case '}', ']':
				depth--
				if depth == 0 {
					return i + 1
				}
			}
			i++
		}
		return i
	default: // number, true, false, null
		for ; i < len(b); i++ {
			switch b[i] {
			case ',', '}', ']', ' ', '\t', '\n', '\r':
				return i
			}
		}
		return i
	}
}

// encodeWithExtra encodes v (a model's fields, without its methods) followed by the extra
// members, sensitive values redacted.
func encodeWithExtra(v any, extra ExtraFields) ([]byte, error) {
	b, err := json.Marshal(v)
	if err != nil || len(extra) == 0 {
		return b, err
	}
	red := extra.redacted()
	obj := bytes.TrimSuffix(b, []byte("}"))
	if len(obj) == len(b) || len(red) < 2 || red[0] != '{' {
		return nil, fmt.Errorf("cryptotopcard: Extra holds a value that is not JSON")
	}
	if len(obj) > 1 {
		obj = append(obj, ',')
	}
	return append(obj, red[1:]...), nil
}

// redactJSON re-encodes JSON with the values of the API's sensitive keys (sensitiveWireNames)
// replaced by [REDACTED], at any depth. Data that is not JSON (never sent by the API) is not
// shown at all.
func redactJSON(d []byte) []byte {
	if len(bytes.TrimSpace(d)) == 0 {
		return []byte("null")
	}
	dec := json.NewDecoder(bytes.NewReader(d))
	dec.UseNumber()
	var v any
	if err := dec.Decode(&v); err != nil {
		return []byte(strconv.Quote(redactedMark))
	}
	out, err := json.Marshal(redactKeys(v))
	if err != nil {
		return []byte(strconv.Quote(redactedMark))
	}
	return out
}

func redactKeys(v any) any {
	switch x := v.(type) {
	case map[string]any:
		for k, val := range x {
			if sensitiveWireNames[k] {
				if s, ok := val.(string); !ok || s != "" {
					x[k] = redactedMark
				}
				continue
			}
			x[k] = redactKeys(val)
		}
	case []any:
		for i := range x {
			x[i] = redactKeys(x[i])
		}
	}
	return v
}
