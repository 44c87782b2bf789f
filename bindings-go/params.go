package cryptotopcard

import (
	"encoding/json"
	"fmt"
	"math"
	"reflect"
	"strings"
	"time"
	"unicode/utf8"
)

// Ptr returns a pointer to v, for optional parameters: Label: cryptotopcard.Ptr("Ad Spend").
func Ptr[T any](v T) *T { return &v }

// String returns a pointer to s (optional string parameters).
func String(s string) *string { return &s }

// Float64 returns a pointer to f (optional amounts).
func Float64(f float64) *float64 { return &f }

// Int returns a pointer to i (optional integers such as Page or PerPage).
func Int(i int) *int { return &i }

// Bool returns a pointer to b.
func Bool(b bool) *bool { return &b }

// pathParams are the ids that go into an operation's URL path (card_id, ...).
type pathParams map[string]string

// encodeParams turns a params struct (nil allowed) and the path ids into the JSON object the core
// takes. All validation of values is the core's; the only checks here are for what JSON cannot
// carry at all (NaN, ±Inf, strings that are not UTF-8, which encoding/json would silently alter),
// reported as *ValidationError naming the field, like the core's.
func encodeParams(params any, path pathParams) ([]byte, error) {
	obj := map[string]any{}
	if params != nil {
		v := reflect.ValueOf(params)
		for v.Kind() == reflect.Pointer {
			if v.IsNil() {
				break
			}
			v = v.Elem()
		}
		if v.Kind() == reflect.Struct {
			t := v.Type()
			for i := 0; i < t.NumField(); i++ {
				sf := t.Field(i)
				if !sf.IsExported() {
					continue
				}
				name, omitempty := jsonName(sf)
				if name == "" {
					continue
				}
				fv := v.Field(i)
				if omitempty && fv.IsZero() { // nil for pointers, slices and maps
					continue
				}
				if err := checkEncodable(name, fv); err != nil {
					return nil, err
				}
				if s, ok := fv.Interface().(Secret); ok {
					// The one place a Secret is revealed by this package: the request body.
					obj[name] = s.Reveal()
					continue
				}
				obj[name] = fv.Interface()
			}
		} else if v.Kind() != reflect.Pointer {
			return nil, &ValidationError{Field: "params", Message: fmt.Sprintf("params must be a struct, not %s", v.Kind())}
		}
	}
	for k, id := range path {
		if !utf8.ValidString(id) {
			return nil, &ValidationError{Field: k, Message: "is not valid UTF-8"}
		}
		obj[k] = id
	}
	b, err := json.Marshal(obj)
	if err != nil {
		return nil, &ValidationError{Field: "params", Message: "cannot be encoded as JSON: " + err.Error()}
	}
	return b, nil
}

func jsonName(sf reflect.StructField) (string, bool) {
	tag := sf.Tag.Get("json")
	if tag == "-" {
		return "", false
	}
	name, opts, _ := strings.Cut(tag, ",")
	if name == "" {
		name = sf.Name
	}
	opts = "," + opts + ","
	return name, strings.Contains(opts, ",omitempty,") || strings.Contains(opts, ",omitzero,")
}

var (
	timeType   = reflect.TypeOf(time.Time{})
	secretType = reflect.TypeOf(Secret{})
)

func checkEncodable(path string, v reflect.Value) error {
	switch v.Kind() {
	case reflect.Pointer, reflect.Interface:
		if v.IsNil() {
			return nil
		}
		return checkEncodable(path, v.Elem())
	case reflect.Float32, reflect.Float64:
		f := v.Float()
		if math.IsNaN(f) || math.IsInf(f, 0) {
			return &ValidationError{Field: path, Message: "must be a finite number"}
		}
	case reflect.String:
		if !utf8.ValidString(v.String()) {
			return &ValidationError{Field: path, Message: "is not valid UTF-8"}
		}
	case reflect.Slice, reflect.Array:
		for i := 0; i < v.Len(); i++ {
			if err := checkEncodable(fmt.Sprintf("%s[%d]", path, i), v.Index(i)); err != nil {
				return err
			}
		}
	case reflect.Map:
		iter := v.MapRange()
		for iter.Next() {
			key := fmt.Sprint(iter.Key().Interface())
			if !utf8.ValidString(key) {
				return &ValidationError{Field: path, Message: "has a key that is not valid UTF-8"}
			}
			if err := checkEncodable(path+"."+key, iter.Value()); err != nil {
				return err
			}
		}
	case reflect.Struct:
		if v.Type() == timeType {
			return nil
		}
		if v.Type() == secretType {
			if s, ok := v.Interface().(Secret); ok && !utf8.ValidString(s.Reveal()) {
				return &ValidationError{Field: path, Message: "is not valid UTF-8"}
			}
			return nil
		}
		t := v.Type()
		for i := 0; i < t.NumField(); i++ {
			if name, _ := jsonName(t.Field(i)); name != "" && t.Field(i).IsExported() {
				if err := checkEncodable(path+"."+name, v.Field(i)); err != nil {
					return err
				}
			}
		}
	}
	return nil
}

func reflectValue(v any) reflect.Value { return reflect.ValueOf(v) }
