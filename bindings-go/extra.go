package cryptotopcard

import (
	"bytes"
	"encoding/json"
	"fmt"
	"io"
	"log/slog"
	"strconv"
	"unicode/utf8"
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
func (e ExtraFields) GoString() string {
	return "cryptotopcard.ExtraFields(" + strconv.Quote(e.String()) + ")"
}

// Format prints String (GoString for %#v) with any verb and flags.
func (e ExtraFields) Format(f fmt.State, verb rune) {
	if verb == 'v' && f.Flag('#') {
		_, _ = io.WriteString(f, e.GoString())
		return
	}
	_, _ = fmt.Fprintf(f, fmt.FormatString(f, verb), e.String())
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

// decodeWithExtra decodes b into v (a model's fields, without its methods) and the members of
// the JSON object that are not in known into extra.
func decodeWithExtra(b []byte, v any, extra *ExtraFields, known map[string]bool) error {
	if err := json.Unmarshal(b, v); err != nil {
		return err
	}
	*extra = unknownMembers(b, known)
	return nil
}

// unknownMembers returns the members of the JSON object b whose keys are not in known (nil when
// there is none). b has been checked by json.Unmarshal already: this only walks its top level,
// byte by byte, without decoding the values (encoding/json would decode the object a second
// time); on anything unexpected it stops rather than fail.
func unknownMembers(b []byte, known map[string]bool) ExtraFields {
	var extra ExtraFields
	i := skipSpace(b, 0)
	if i >= len(b) || b[i] != '{' {
		return nil
	}
	i++
	for {
		i = skipSpace(b, i)
		if i >= len(b) || b[i] == '}' {
			return extra
		}
		if b[i] == ',' {
			i++
			continue
		}
		if b[i] != '"' {
			return extra
		}
		ks := i
		i = skipString(b, i)
		keyRaw := b[ks:i]
		i = skipSpace(b, i)
		if i >= len(b) || b[i] != ':' {
			return extra
		}
		vs := skipSpace(b, i+1)
		i = skipValue(b, vs)
		if i > len(b) || vs >= i {
			return extra
		}
		if len(keyRaw) < 2 {
			return extra
		}
		// A key with escapes or bytes that are not UTF-8 is decoded as encoding/json does.
		key := keyRaw[1 : len(keyRaw)-1]
		plain := bytes.IndexByte(key, '\\') < 0 && utf8.Valid(key)
		if plain && known[string(key)] { // no allocation for a known member
			continue
		}
		name := string(key)
		if !plain && (json.Unmarshal(keyRaw, &name) != nil || known[name]) {
			continue
		}
		if extra == nil {
			extra = ExtraFields{}
		}
		extra[name] = json.RawMessage(bytes.Clone(b[vs:i]))
	}
}

func skipSpace(b []byte, i int) int {
	for i < len(b) && (b[i] == ' ' || b[i] == '\t' || b[i] == '\n' || b[i] == '\r') {
		i++
	}
	return i
}

// skipString returns the index after the JSON string starting at b[i] (a quote).
func skipString(b []byte, i int) int {
	for i++; i < len(b); i++ {
		switch b[i] {
		case '\\':
			i++
		case '"':
			return i + 1
		}
	}
	return len(b)
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
