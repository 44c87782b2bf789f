package cryptotopcard

import (
	"bytes"
	"encoding/json"
	"fmt"
	"log/slog"
	"reflect"
	"regexp"
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
	// A 3-digit CVV also occurs by chance in addresses, pointers and timestamps: look for it
	// next to its name.
	cvvShown := regexp.MustCompile(`(?i)cvv\W{0,6}` + regexp.QuoteMeta(cvv))
	if len(pan) != 16 || strings.Contains(shown, pan) || cvvShown.MatchString(shown) {
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

// Decoding a model finds exactly the unknown members encoding/json sees and fills the fields as
// encoding/json does, whatever the strings, escapes, nesting, spacing and letter case of names; on
// bad input it fails (never panics) where encoding/json fails.
func FuzzUnknownMembers(f *testing.F) {
	for _, seed := range []string{
		`{"page":1,"new":1}`,
		` { "page" : 2 , "n\u0065w" : [1, {"}": "]\"{"}, -1.5e3, true, null] , "z":{} } `,
		`{"a\\"b":"\\","total":3,"e":"","PAGE":4,"Total_Pages":null}`,
		`{"per_page":1.5}`, `{"page":"1"}`, `{"total_pages":7,"total_pages":null}`,
		`{}`, `null`, `[1]`, `{"page":`, `{"new":"unterminated`, `{"x" 1}`, `{"ab`, `{"a":1,}`, `{"a":1} x`,
	} {
		f.Add(seed)
	}
	f.Fuzz(func(t *testing.T, s string) {
		var got Pagination
		gotErr := json.Unmarshal([]byte(s), &got)
		var direct Pagination
		if err := direct.UnmarshalJSON([]byte(s)); (err == nil) != (gotErr == nil) {
			t.Fatalf("%s: UnmarshalJSON %v, json.Unmarshal %v", s, err, gotErr)
		}
		type ref Pagination // encoding/json alone
		var want Pagination
		wantErr := json.Unmarshal([]byte(s), (*ref)(&want))
		if (gotErr == nil) != (wantErr == nil) {
			t.Fatalf("%s: error %v, encoding/json %v", s, gotErr, wantErr)
		}
		if wantErr != nil {
			return
		}
		want.Extra = refExtra(t, []byte(s), wireNamesPagination)
		if !reflect.DeepEqual(got, want) || !reflect.DeepEqual(direct, want) {
			t.Fatalf("%s: got %#v, want %#v", s, got, want)
		}
	})
}

// refExtra is what encoding/json finds in the object b for the keys not in known (nil if none).
func refExtra(t *testing.T, b []byte, known map[string]bool) ExtraFields {
	var all map[string]json.RawMessage
	if err := json.Unmarshal(b, &all); err != nil {
		t.Fatalf("%s: %v", b, err)
	}
	var extra ExtraFields
	for k, v := range all {
		if !known[k] {
			if extra == nil {
				extra = ExtraFields{}
			}
			extra[k] = v
		}
	}
	return extra
}

func foldCount(members map[string]json.RawMessage, name string) int {
	n := 0
	for k := range members {
		if strings.EqualFold(k, name) {
			n++
		}
	}
	return n
}

// A page of models decodes as encoding/json decodes it (nested models and slices of them in one
// pass): fields, unknown members at each level, errors.
func FuzzDecodeModel(f *testing.F) {
	f.Add(string(listEnvelope(3)[len(`{"data":`):strings.Index(string(listEnvelope(3)), `,"meta"`)]))
	for _, seed := range []string{
		`{"data":[{"id":"c","x":1},null,{}],"pagination":{"page":2,"more":true},"z":[]}`,
		`{"data":[{"label":"\u00e9t\u00e9","balance":-0.0,"created_at":"2026-01-02T03:04:05+02:00"}],"DATA":[{"ID":"y"}]}`,
		`{"data":[],"pagination":null}`, `{"data":null}`, `{"data":[{"balance":"1"}]}`, `{"data":{}}`,
		`{"data":[{"created_at":"yesterday"}]}`, `{"data":[{"status":"\u0066rozen","network":null}]}`,
		`{"id":"card_1","metadata":{"k":[1]},"allowed_categories":["food",null],"total_spent":null,"tier":"gold"}`,
		`{"last_used_at":"2026-01-02T03:04:05Z","frozen_at":null,"transaction_count":12,"auto_freeze_at":1e2}`,
	} {
		f.Add(seed)
	}
	f.Fuzz(func(t *testing.T, s string) {
		b := []byte(s)
		// A list: compared with plain copies of its types (no UnmarshalJSON).
		type refSummary CardSummary
		type refPagination Pagination
		type refList struct {
			Data       []refSummary  `json:"data"`
			Pagination refPagination `json:"pagination"`
		}
		var list CardList
		listErr := json.Unmarshal(b, &list)
		var rl refList
		if wantErr := json.Unmarshal(b, &rl); (listErr == nil) != (wantErr == nil) {
			t.Fatalf("%s: CardList error %v, encoding/json %v", s, listErr, wantErr)
		} else if wantErr == nil {
			want := CardList{Pagination: Pagination(rl.Pagination), Extra: refExtra(t, b, wireNamesCardList)}
			if rl.Data != nil {
				want.Data = make([]CardSummary, len(rl.Data))
			}
			var members map[string]json.RawMessage
			_ = json.Unmarshal(b, &members)
			var items []json.RawMessage
			// The items' Extra can be told when one name only (then its last member) means data.
			if data, ok := members["data"]; ok && foldCount(members, "data") == 1 {
				_ = json.Unmarshal(data, &items)
			}
			for i := range rl.Data {
				want.Data[i] = CardSummary(rl.Data[i])
				want.Data[i].Extra = list.Data[i].Extra
				if len(items) == len(rl.Data) && string(items[i]) != "null" {
					want.Data[i].Extra = refExtra(t, items[i], wireNamesCardSummary)
				}
			}
			if p, ok := members["pagination"]; ok && string(p) != "null" && foldCount(members, "pagination") == 1 {
				want.Pagination.Extra = refExtra(t, p, wireNamesPagination)
			} else {
				want.Pagination.Extra = list.Pagination.Extra
			}
			if !reflect.DeepEqual(list, want) {
				t.Fatalf("%s:\ngot  %#v\nwant %#v", s, list, want)
			}
		}
		// A card (maps, slices of enums, optional timestamps and numbers).
		type refCard Card
		var card, want Card
		cardErr := json.Unmarshal(b, &card)
		wantErr := json.Unmarshal(b, (*refCard)(&want))
		if (cardErr == nil) != (wantErr == nil) {
			t.Fatalf("%s: Card error %v, encoding/json %v", s, cardErr, wantErr)
		}
		if wantErr == nil {
			want.Extra = refExtra(t, b, wireNamesCard)
			if !reflect.DeepEqual(card, want) {
				t.Fatalf("%s:\ngot  %#v\nwant %#v", s, card, want)
			}
		}
	})
}
