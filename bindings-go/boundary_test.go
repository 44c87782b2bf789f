package cryptotopcard

import (
	"errors"
	"testing"
)

// The C boundary reports bad arguments as errors, never crashes.
func TestNativeBoundaryRejectsBadArguments(t *testing.T) {
	c, _ := newClient(t)
	// No handle at all.
	if _, nerr := nativeCall(nil, "wallet.retrieve", []byte(`{}`), []byte(`{}`), nil); nerr == nil || nerr.code != int(codeInvalidArgument) {
		t.Fatalf("NULL client: %+v", nerr)
	}
	c.h.mu.RLock()
	h := c.h.p
	c.h.mu.RUnlock()
	cases := []struct {
		name               string
		op                 string
		params, opts       string
		wantField, wantErr string
	}{
		{"unknown operation", "cards.explode", `{}`, `{}`, "", "validation"},
		{"op not UTF-8", "cards.\xff", `{}`, `{}`, "op", "invalid_argument"},
		{"params not JSON", "wallet.retrieve", `{`, `{}`, "params_json", "invalid_argument"},
		{"params not UTF-8", "wallet.retrieve", "{\"a\":\"\xff\"}", `{}`, "params_json", "invalid_argument"},
		{"opts of the wrong shape", "wallet.retrieve", `{}`, `{"timeout_ms":"soon"}`, "opts_json", "invalid_argument"},
		{"params not an object", "cards.create", `[1,2]`, `{}`, "", "validation"},
		{"unknown parameter", "cards.create", `{"bin_id":"491653","amount":5,"colour":"red"}`, `{}`, "", "validation"},
	}
	for _, tc := range cases {
		_, nerr := nativeCall(h, tc.op, []byte(tc.params), []byte(tc.opts), nil)
		if nerr == nil {
			t.Errorf("%s: no error", tc.name)
			continue
		}
		err := errorFromNative(nerr, nil, "")
		var ve *ValidationError
		if !errors.As(err, &ve) {
			t.Errorf("%s: want a validation error, got %T %v", tc.name, err, err)
			continue
		}
		if tc.wantField != "" && ve.Field != tc.wantField {
			t.Errorf("%s: field %q, want %q", tc.name, ve.Field, tc.wantField)
		}
	}
	// Pagination helper with junk input.
	if _, _, nerr := nativeNextPageParams("cards.list", []byte(`{`), []byte(`{}`)); nerr == nil {
		t.Error("next page with invalid params JSON: no error")
	}
	if _, ok, nerr := nativeNextPageParams("bins.list", []byte(`{}`), []byte(`{"data":[]}`)); nerr != nil || ok {
		t.Errorf("bins.list has no next page: ok=%v %+v", ok, nerr)
	}
	// A bad client configuration is an error, not a crash.
	if _, nerr := nativeClientNew([]byte(`{"api_key": 5}`)); nerr == nil {
		t.Error("api_key as a number accepted")
	}
	// The client still works after all that.
	if _, err := c.Wallet.Retrieve(testCtx(t)); err != nil {
		t.Fatalf("after bad calls: %v", err)
	}
}
