package cryptotopcard

import (
	"encoding/json"
	"testing"
)

// Unknown JSON fields are ignored; unknown enum values survive as strings.
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
