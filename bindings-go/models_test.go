package cryptotopcard

import (
	"bytes"
	"encoding/json"
	"fmt"
	"log/slog"
	"strings"
	"testing"
)

// Unknown JSON fields are kept in Extra; unknown enum values survive as strings.
func TestModelsTolerateNewFieldsAndEnumValues(t *testing.T) {
	raw := `{"id":"card_1","bin_id":"491653","network":"amex","last4":"0001","status":"suspended",
	"balance":1.5,"spending_limit":10,"label":null,"metadata":{"a":"b","n":2,"ok":true},
	"created_at":"2026-04-15T12:00:00Z","expires_at":"2029-04-15T23:59:59Z","brand_new_field":{"x":[1,2]}}`
	var c Card
	if err := json.Unmarshal([]byte(raw), &c); err != nil {
		t.Fatalf("decode: %v", err)
	}
	if c.Network != "amex" || c.Status != "suspended" || c.Label != nil || c.Metadata["n"] != 2.0 || c.Metadata["ok"] != true {
		t.Fatalf("decoded: %+v", c)
	}
	if c.Status == CardStatusActive || c.CreatedAt.Year() != 2026 {
		t.Fatalf("decoded: %+v", c)
	}
	if len(c.Extra) != 1 || string(c.Extra["brand_new_field"]) != `{"x":[1,2]}` {
		t.Fatalf("extra: %v", c.Extra)
	}
	var page TransactionList
	if err := json.Unmarshal([]byte(`{"data":[{"id":"txn_1","card_id":"card_1","type":"chargeback","amount":-1.25,
	"currency":"EUR","merchant":{"name":"M","category":"space_travel"},"created_at":"2026-04-15T12:00:00Z"}],
	"pagination":{"page":1,"per_page":50,"total":328}}`), &page); err != nil {
		t.Fatalf("decode page: %v", err)
	}
	if page.Data[0].Type != "chargeback" || page.Data[0].Currency != "EUR" || page.Pagination.TotalPages != nil {
		t.Fatalf("page: %+v", page)
	}
	// Params leave unset optional fields out of the JSON.
	b, err := encodeParams(&CardCreateParams{BinID: "491653", Amount: 500}, nil)
	if err != nil || string(b) != `{"amount":500,"bin_id":"491653"}` {
		t.Fatalf("encoded params: %s %v", b, err)
	}
	b, err = encodeParams(&CardUpdateParams{AllowedCategories: []Category{}}, pathParams{"card_id": "card_1"})
	if err != nil || string(b) != `{"allowed_categories":[],"card_id":"card_1"}` {
		t.Fatalf("encoded params: %s %v", b, err)
	}
	b, err = encodeParams((*CardListParams)(nil), nil)
	if err != nil || string(b) != `{}` {
		t.Fatalf("nil params: %s %v", b, err)
	}
}

// Fields a newer API adds (the sandbox's X-Sandbox-Future-Fields) reach the Go models, on an object,
// on a page and on each of its items, through the auto-pager too; secrets stay redacted.
func TestUnknownFieldsSurvive(t *testing.T) {
	c, key := newClient(t, WithHeader("X-Sandbox-Future-Fields", "1"))
	ctx := testCtx(t)
	const name, value = "sandbox_future_field", `"from a newer API"`
	card, err := c.Cards.Create(ctx, &CardCreateParams{BinID: "491653", Amount: 5, Label: String("future")})
	if err != nil {
		t.Fatal(err)
	}
	if string(card.Extra[name]) != value || len(card.Extra) != 1 || card.ID == "" || *card.Label != "future" {
		t.Fatalf("object: %+v", card)
	}
	b, err := json.Marshal(card)
	if err != nil || !strings.Contains(string(b), `"sandbox_future_field":"from a newer API"`) || !strings.Contains(string(b), `"id":"`+card.ID+`"`) {
		t.Fatalf("marshalled: %s %v", b, err)
	}
	var back Card
	if err := json.Unmarshal(b, &back); err != nil || string(back.Extra[name]) != value || back.ID != card.ID {
		t.Fatalf("round trip: %+v %v", back, err)
	}

	page, err := c.Cards.List(ctx, &CardListParams{PerPage: Int(1)})
	if err != nil || len(page.Data) != 1 {
		t.Fatalf("list: %+v %v", page, err)
	}
	if string(page.Extra[name]) != value || string(page.Data[0].Extra[name]) != value {
		t.Fatalf("page extra %v, item extra %v", page.Extra, page.Data[0].Extra)
	}
	n := 0
	for cs, err := range c.Cards.ListAutoPaging(ctx, nil) {
		if err != nil || string(cs.Extra[name]) != value {
			t.Fatalf("auto-paged item: %+v %v", cs, err)
		}
		n++
	}
	if n != 1 {
		t.Fatalf("auto-paged %d cards", n)
	}

	details, err := c.Cards.Details(ctx, card.ID)
	if err != nil || string(details.Extra[name]) != value {
		t.Fatalf("details: %v", err)
	}
	pan, cvv := details.PAN.Reveal(), details.CVV.Reveal()
	var logs bytes.Buffer
	slog.New(slog.NewJSONHandler(&logs, nil)).Info("d", "details", details)
	slog.New(slog.NewTextHandler(&logs, nil)).Info("d", "details", details)
	js, _ := json.Marshal(details)
	shown := fmt.Sprintf("%v %+v %#v %s ", details, details, details, js) + logs.String()
	if len(pan) != 16 || strings.Contains(shown, pan) || strings.Contains(shown, cvv) {
		t.Fatalf("a secret is shown: %s", shown)
	}
	if strings.Count(shown, "from a newer API") < 6 {
		t.Fatalf("the new field is not shown everywhere: %s", shown)
	}

	// Without the header, nothing is extra.
	plain, err := NewClient(key, WithBaseURL(sandboxURL))
	if err != nil {
		t.Fatal(err)
	}
	defer plain.Close()
	again, err := plain.Cards.Retrieve(ctx, card.ID)
	if err != nil || again.Extra != nil {
		t.Fatalf("retrieve without the header: %v %v", again.Extra, err)
	}
}

// Unknown members are reachable as sent, but printing, marshalling and logging redact the API's
// sensitive keys in them, at any depth (a newer API could nest a card number anywhere).
func TestExtraFieldsRedactSensitiveKeys(t *testing.T) {
	raw := `{"id":"card_1","bin_id":"491653","network":"visa","last4":"1111","status":"active","balance":1,
	"spending_limit":10,"metadata":{},"created_at":"2026-04-15T12:00:00Z","expires_at":"2029-04-15T23:59:59Z",
	"physical":{"pan":"4916530000001111","cvv":"123","ship_to":"x"},"secret":"whsec_hidden","tier":"gold"}`
	var c Card
	if err := json.Unmarshal([]byte(raw), &c); err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(string(c.Extra["physical"]), "4916530000001111") || string(c.Extra["tier"]) != `"gold"` {
		t.Fatalf("raw extra: %v", map[string]json.RawMessage(c.Extra))
	}
	var logs bytes.Buffer
	slog.New(slog.NewJSONHandler(&logs, nil)).Info("c", "card", c, "extra", c.Extra)
	slog.New(slog.NewTextHandler(&logs, nil)).Info("c", "card", c, "extra", c.Extra)
	js, err := json.Marshal(c)
	if err != nil {
		t.Fatal(err)
	}
	shown := fmt.Sprintf("%v %+v %#v %s %v %#v ", c, c, c, js, c.Extra, c.Extra) + logs.String()
	for _, secret := range []string{"4916530000001111", `"123"`, "whsec_hidden"} {
		if strings.Contains(shown, secret) {
			t.Fatalf("%s shown: %s", secret, shown)
		}
	}
	if !strings.Contains(shown, "gold") || !strings.Contains(shown, "ship_to") || !strings.Contains(string(js), `"tier":"gold"`) {
		t.Fatalf("the other members are not shown: %s", shown)
	}
}

// The walk over an object's members finds exactly the unknown members encoding/json sees, whatever
// the strings, escapes, nesting and spacing; on bad input it stops without failing.
func FuzzUnknownMembers(f *testing.F) {
	for _, seed := range []string{
		`{"id":"x","new":1}`,
		` { "id" : "x" , "n\u0065w" : [1, {"}": "]\"{"}, -1.5e3, true, null] , "z":{} } `,
		`{"a\\"b":"\\","id":"q","e":""}`,
		`{}`, `null`, `[1]`, `{"id":`, `{"new":"unterminated`, `{"x" 1}`, `{"ab`,
	} {
		f.Add(seed)
	}
	known := map[string]bool{"id": true}
	f.Fuzz(func(t *testing.T, s string) {
		got := unknownMembers([]byte(s), known) // never panics
		var all map[string]json.RawMessage
		if json.Unmarshal([]byte(s), &all) != nil {
			return
		}
		want := ExtraFields{}
		for k, v := range all {
			if !known[k] {
				want[k] = v
			}
		}
		if len(got) != len(want) {
			t.Fatalf("%s: got %v, want %v", s, got, want)
		}
		for k, v := range want {
			if !bytes.Equal(got[k], v) {
				t.Fatalf("%s: member %q is %s, want %s", s, k, got[k], v)
			}
		}
	})
}
