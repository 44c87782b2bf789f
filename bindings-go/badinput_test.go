package cryptotopcard

import (
	"context"
	"errors"
	"strings"
	"testing"
)

// Issue #8: bad input is a *ValidationError naming the field, and no request reaches the sandbox.
// The cross-language cases (amounts, NaN and infinities, sizes, metadata, enums, ids, paging, URLs,
// base URLs and keys) are in tests/conformance/cases.json, which the Go runner checks (class, field,
// nothing sent). Here: what only Go can pass (strings that are not UTF-8, which JSON cannot carry),
// errors.As/errors.Is on the result, and that no error message shows the key.
func TestBadInputIsRejectedBeforeSending(t *testing.T) {
	c, _ := newClient(t)
	ctx := context.Background()
	cases := []struct {
		name  string
		call  func() error
		field string // the field the error must name (prefix for nested fields)
	}{
		{"label not UTF-8", func() error {
			_, err := c.Cards.Create(ctx, &CardCreateParams{BinID: "491653", Amount: 10, Label: String("ad\xffspend")})
			return err
		}, "label"},
	}
	before := sandboxRequests(t)
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			err := tc.call()
			var ve *ValidationError
			if !errors.As(err, &ve) || !errors.Is(err, ErrValidation) {
				t.Fatalf("want *ValidationError, got %T %v", err, err)
			}
			t.Logf("field %q: %s", ve.Field, ve.Message)
			if ve.Field != tc.field && !strings.HasPrefix(ve.Field, tc.field+".") && !strings.HasPrefix(ve.Field, tc.field+"[") {
				t.Fatalf("error names field %q, want %q (%v)", ve.Field, tc.field, err)
			}
		})
	}
	if after := sandboxRequests(t); after != before+1 { // +1: this stats read
		t.Fatalf("%d request(s) reached the sandbox", after-before-1)
	}

	// Client construction: malformed keys fail before any request, and the message hides the key.
	before = sandboxRequests(t)
	for _, bad := range []struct {
		name, key, url string
	}{
		{"key with newline", "sk_test_abc\nX-Evil: 1", sandboxURL},
		{"key not UTF-8", "sk_test_\xff", sandboxURL},
	} {
		_, err := NewClient(bad.key, WithBaseURL(bad.url))
		if !errors.Is(err, ErrConfiguration) && !errors.Is(err, ErrValidation) {
			t.Errorf("%s: want a configuration/validation error, got %T %v", bad.name, err, err)
		}
		if err != nil && strings.Contains(err.Error(), "sk_test_abc") {
			t.Errorf("%s: the error message shows the key", bad.name)
		}
	}
	if after := sandboxRequests(t); after != before+1 {
		t.Fatalf("client construction sent %d request(s)", after-before-1)
	}
}
