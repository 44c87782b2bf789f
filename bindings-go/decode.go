package cryptotopcard

import (
	"bytes"
	"encoding"
	"encoding/json"
	"errors"
	"reflect"
	"strconv"
	"time"
	"unicode/utf8"
)

// The decoding of API answers into models. A model's UnmarshalJSON walks its JSON object once:
// each member goes straight into its field (decodeMember, generated) or, when the model has no
// field of that name, into Extra as the raw value. Nested models and slices of models are walked
// in the same pass (encoding/json, called model by model, validates and re-scans the bytes of
// every nested object at each level: a page of 100 cards was scanned about eight times).
//
// The result is what encoding/json gives (which the fuzz tests check): common values (plain
// strings, numbers, booleans, timestamps, nested models) are read here; any other value, and any
// value these fast paths do not take as it is (escapes, null, a type mismatch), is handed to
// encoding/json on its own bytes, which decodes it or returns its error. Member names match as
// in encoding/json: exactly, else case-insensitively (a member matched only that way is also
// kept in Extra, as before).

// wireModel is a pointer to a generated model.
type wireModel interface {
	// decodeMember decodes the value at b[i] into the field of JSON name key and returns the index
	// after the value, or -1 (having read nothing) when the model has no field of that name.
	decodeMember(key, b []byte, i int) (int, error)
	// wire returns the model's Extra and the JSON names of its fields.
	wire() (*ExtraFields, map[string]bool)
}

// errJSON is returned for malformed JSON when encoding/json cannot say more.
var errJSON = errors.New("cryptotopcard: malformed JSON")

// decodeModel decodes the JSON value b (an object, or null which leaves m's fields as they are)
// into m.
func decodeModel(b []byte, m wireModel) error {
	end, err := decodeObject(b, skipSpace(b, 0), m)
	if err == nil && skipSpace(b, end) != len(b) {
		err = errJSON
	}
	if err != nil && !json.Valid(b) {
		// UnmarshalJSON called on malformed JSON (encoding/json validates before calling it): its
		// syntax error.
		return json.Unmarshal(b, new(any))
	}
	return err
}

// decodeObject decodes the JSON object (or null) at b[i] into m; it returns the index after it.
func decodeObject(b []byte, i int, m wireModel) (int, error) {
	extra, known := m.wire()
	if i >= len(b) {
		return i, errJSON
	}
	if b[i] != '{' {
		if isNull(b, i) {
			*extra = nil
			return i + len("null"), nil
		}
		// Not an object: encoding/json's error.
		end := skipValue(b, i)
		if end > len(b) || end <= i {
			return i, errJSON
		}
		return end, json.Unmarshal(b[i:end], &struct{}{})
	}
	*extra = nil
	i = skipSpace(b, i+1)
	if i < len(b) && b[i] == '}' {
		return i + 1, nil
	}
	for {
		if i >= len(b) || b[i] != '"' {
			return i, errJSON
		}
		key, j, err := readKey(b, i)
		if err != nil {
			return i, err
		}
		j = skipSpace(b, j)
		if j >= len(b) || b[j] != ':' {
			return j, errJSON
		}
		vs := skipSpace(b, j+1)
		end, err := m.decodeMember(key, b, vs)
		if err != nil {
			return vs, err
		}
		if end < 0 {
			if end, err = unknownMember(b, vs, key, m, known, extra); err != nil {
				return vs, err
			}
		}
		var more bool
		if i, more, err = afterItem(b, end, '}'); !more {
			return i, err
		}
	}
}

// afterItem reads what follows an object's member or an array's item (from b[i], spaces first):
// a comma (more: next is the start of the next one) or closing (next is the index after it).
func afterItem(b []byte, i int, closing byte) (next int, more bool, err error) {
	i = skipSpace(b, i)
	switch {
	case i >= len(b):
		return i, false, errJSON
	case b[i] == ',':
		return skipSpace(b, i+1), true, nil
	case b[i] == closing:
		return i + 1, false, nil
	}
	return i, false, errJSON
}

// unknownMember keeps the member key (value at b[i]) that m has no field of that name for in
// extra; a field whose name matches key but for case also gets the value (as in encoding/json).
func unknownMember(b []byte, i int, key []byte, m wireModel, known map[string]bool, extra *ExtraFields) (int, error) {
	end := skipValue(b, i)
	if end > len(b) || end <= i || !json.Valid(b[i:end]) {
		return i, errJSON
	}
	for name := range known {
		if bytes.EqualFold(key, []byte(name)) {
			if _, err := m.decodeMember([]byte(name), b, i); err != nil {
				return i, err
			}
			break
		}
	}
	if *extra == nil {
		*extra = ExtraFields{}
	}
	(*extra)[string(key)] = json.RawMessage(bytes.Clone(b[i:end]))
	return end, nil
}

// readKey reads the member name at b[i] (a quote) as encoding/json unquotes it; it returns the
// index after its closing quote.
func readKey(b []byte, i int) ([]byte, int, error) {
	if key, end, ok := plainBytes(b, i); ok {
		return key, end, nil
	}
	end := skipString(b, i)
	var s string
	if end > len(b) || json.Unmarshal(b[i:end], &s) != nil {
		return nil, i, errJSON
	}
	return []byte(s), end, nil
}

// decodeField decodes the JSON value at b[i] into *p (p a pointer to a field's type) as
// encoding/json would; it returns the index after the value.
func decodeField(b []byte, i int, p any) (int, error) {
	if i >= len(b) {
		return i, errJSON
	}
	switch p := p.(type) {
	case *string:
		if s, end, ok := plainString(b, i); ok {
			*p = s
			return end, nil
		}
	case *float64:
		if end, ok := numberEnd(b, i); ok {
			if f, err := strconv.ParseFloat(string(b[i:end]), 64); err == nil {
				*p = f
				return end, nil
			}
		}
	case *int:
		if end, ok := numberEnd(b, i); ok {
			if n, err := strconv.Atoi(string(b[i:end])); err == nil {
				*p = n
				return end, nil
			}
		}
	case *bool:
		if bytes.HasPrefix(b[i:], []byte("true")) {
			*p = true
			return i + 4, nil
		}
		if bytes.HasPrefix(b[i:], []byte("false")) {
			*p = false
			return i + 5, nil
		}
	case *time.Time:
		if b[i] == '"' {
			end := skipString(b, i)
			if end <= len(b) {
				return end, p.UnmarshalJSON(b[i:end])
			}
		}
	case *[2]string:
		if end, ok := stringPair(b, i, p); ok {
			return end, nil
		}
	case wireModel:
		return decodeObject(b, i, p)
	}
	switch p.(type) {
	case json.Unmarshaler, encoding.TextUnmarshaler:
	default:
		switch v := reflect.ValueOf(p).Elem(); v.Kind() {
		case reflect.Pointer:
			if isNull(b, i) {
				v.SetZero()
				return i + len("null"), nil
			}
			if v.IsNil() {
				v.Set(reflect.New(v.Type().Elem()))
			}
			return decodeField(b, i, v.Interface())
		case reflect.String: // an enum
			if s, end, ok := plainString(b, i); ok {
				v.SetString(s)
				return end, nil
			}
		}
	}
	end := skipValue(b, i)
	if end > len(b) || end <= i {
		return i, errJSON
	}
	return end, json.Unmarshal(b[i:end], p)
}

// isNull reports whether the JSON value at b[i] is null (a literal that starts so and is not
// null is malformed: the caller's next check fails on it).
func isNull(b []byte, i int) bool { return bytes.HasPrefix(b[i:], []byte("null")) }

// decodeSlice decodes the JSON array (or null) at b[i] into *p, each item as decodeField does;
// it returns the index after the array. Like encoding/json, it decodes into the items *p has
// already, then truncates it; an empty array gives an empty slice that is not nil.
func decodeSlice[T any](b []byte, i int, p *[]T) (int, error) {
	if i >= len(b) || b[i] != '[' {
		return decodeField(b, i, p) // null, or encoding/json's error
	}
	i = skipSpace(b, i+1)
	if i < len(b) && b[i] == ']' {
		*p = []T{}
		return i + 1, nil
	}
	for n := 0; ; n++ {
		s := *p
		if n >= len(s) {
			if n < cap(s) {
				s = s[:n+1]
			} else {
				var zero T
				s = append(s, zero)
			}
			*p = s
		}
		end, err := decodeField(b, i, &s[n])
		if err != nil {
			return i, err
		}
		var more bool
		if i, more, err = afterItem(b, end, ']'); !more {
			if err == nil {
				*p = s[:n+1]
			}
			return i, err
		}
	}
}

// plainString reads the JSON string at b[i] when it has no escape and is valid UTF-8 (then it is
// its bytes); ok is false otherwise.
func plainString(b []byte, i int) (s string, end int, ok bool) {
	v, end, ok := plainBytes(b, i)
	return string(v), end, ok
}

// plainBytes is plainString's bytes (a slice of b).
func plainBytes(b []byte, i int) (v []byte, end int, ok bool) {
	if b[i] != '"' {
		return nil, i, false
	}
	ascii := true
	for j := i + 1; j < len(b); j++ {
		switch c := b[j]; {
		case c == '"':
			v = b[i+1 : j]
			if !ascii && !utf8.Valid(v) {
				return nil, i, false
			}
			return v, j + 1, true
		case c == '\\' || c < 0x20:
			return nil, i, false
		case c >= utf8.RuneSelf:
			ascii = false
		}
	}
	return nil, i, false
}

// numberEnd returns the index after the JSON number at b[i]; ok is false when there is none.
func numberEnd(b []byte, i int) (end int, ok bool) {
	j := i
	if j < len(b) && b[j] == '-' {
		j++
	}
	switch {
	case j >= len(b):
		return i, false
	case b[j] == '0':
		j++
	case '1' <= b[j] && b[j] <= '9':
		j = digits(b, j+1)
	default:
		return i, false
	}
	if j < len(b) && b[j] == '.' {
		k := digits(b, j+1)
		if k == j+1 {
			return i, false
		}
		j = k
	}
	if j < len(b) && (b[j] == 'e' || b[j] == 'E') {
		j++
		if j < len(b) && (b[j] == '+' || b[j] == '-') {
			j++
		}
		k := digits(b, j)
		if k == j {
			return i, false
		}
		j = k
	}
	return j, true
}

func digits(b []byte, i int) int {
	for i < len(b) && '0' <= b[i] && b[i] <= '9' {
		i++
	}
	return i
}

// decodeAnswer decodes ctc_call's result ({"data","meta","next"}) with its data going into
// into; ok is false when the result is not that (the caller then decodes it the slow way, which
// names what failed).
func decodeAnswer(res []byte, into wireModel) (out *callResult, ok bool) {
	var env answer
	env.into = into
	if decodeModel(res, &env) != nil {
		return nil, false
	}
	return &callResult{Meta: env.meta, NextPage: env.nextPage, decoded: env.decoded}, true
}

// answer is ctc_call's result envelope, as a model.
type answer struct {
	into     wireModel
	decoded  bool
	meta     wireMeta
	nextPage json.RawMessage
	extra    ExtraFields
}

func (a *answer) decodeMember(key, b []byte, i int) (int, error) {
	switch string(key) {
	case "data":
		if isNull(b, i) {
			a.decoded = false
			return i + len("null"), nil
		}
		a.decoded = true
		return decodeField(b, i, a.into)
	case "meta":
		return decodeField(b, i, &a.meta)
	case "next":
		return decodeField(b, i, &a.nextPage)
	}
	return -1, nil
}

func (a *answer) wire() (*ExtraFields, map[string]bool) { return &a.extra, answerNames }

var answerNames = map[string]bool{"data": true, "meta": true, "next": true}

// pageOf is the items of a page of a list (the auto-pagers').
type pageOf[T any] struct {
	Data  []T
	extra ExtraFields
}

func (p *pageOf[T]) UnmarshalJSON(b []byte) error { return decodeModel(b, p) }

func (p *pageOf[T]) decodeMember(key, b []byte, i int) (int, error) {
	if string(key) == "data" {
		return decodeSlice(b, i, &p.Data)
	}
	return -1, nil
}

func (p *pageOf[T]) wire() (*ExtraFields, map[string]bool) { return &p.extra, pageNames }

var pageNames = map[string]bool{"data": true}

// wireMeta is decoded as a model (its Extra dropped).
func (w *wireMeta) decodeMember(key, b []byte, i int) (int, error) {
	switch string(key) {
	case "status":
		return decodeField(b, i, &w.Status)
	case "request_id":
		return decodeField(b, i, &w.RequestID)
	case "headers":
		return decodeSlice(b, i, &w.Headers)
	case "idempotency_key":
		return decodeField(b, i, &w.IdempotencyKey)
	case "replayed":
		return decodeField(b, i, &w.Replayed)
	case "retries":
		return decodeField(b, i, &w.Retries)
	}
	return -1, nil
}

func (w *wireMeta) wire() (*ExtraFields, map[string]bool) {
	var drop ExtraFields
	return &drop, wireMetaNames
}

var wireMetaNames = map[string]bool{"status": true, "request_id": true, "headers": true,
	"idempotency_key": true, "replayed": true, "retries": true}

// stringPair reads the JSON array of two plain strings at b[i] (a header of wireMeta) into *p;
// ok is false when it is anything else.
func stringPair(b []byte, i int, p *[2]string) (end int, ok bool) {
	if b[i] != '[' {
		return i, false
	}
	j := i + 1
	for k := range p {
		j = skipSpace(b, j)
		if j >= len(b) {
			return i, false
		}
		s, e, ok := plainString(b, j)
		if !ok {
			return i, false
		}
		p[k] = s
		j = skipSpace(b, e)
		want := byte(',')
		if k == 1 {
			want = ']'
		}
		if j >= len(b) || b[j] != want {
			return i, false
		}
		j++
	}
	return j, true
}
