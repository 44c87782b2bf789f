package cryptotopcard

import (
	"errors"
	"strings"
	"testing"
)

// The native result is decoded in one pass straight into the model; failures still say whether
// the envelope or the body was at fault.
func TestDecodeResultIntoModel(t *testing.T) {
	res := []byte(`{"data":{"id":"card_1","bin_id":"491653","network":"visa","last4":"4242","status":"active",` +
		`"balance":12.5,"spending_limit":100,"metadata":{"k":"v"},"created_at":"2026-01-02T03:04:05Z",` +
		`"expires_at":"2029-01-01T00:00:00Z","future_field":{"x":1}},` +
		`"meta":{"status":200,"request_id":"req_1","headers":[["x-a","1"],["x-a","2"]],"idempotency_key":null,` +
		`"replayed":false,"retries":1},"next":null}`)
	var card Card
	out, err := decodeResult("cards.retrieve", res, &card)
	if err != nil {
		t.Fatal(err)
	}
	if !out.decoded || card.ID != "card_1" || card.Balance != 12.5 || card.Metadata["k"] != "v" {
		t.Fatalf("decoded %v card %+v", out.decoded, card)
	}
	if _, ok := card.Extra["future_field"]; !ok {
		t.Errorf("unknown field not kept: %v", card.Extra)
	}
	m := out.Meta.meta()
	if m.Status != 200 || m.RequestID != "req_1" || m.Retries != 1 || len(m.Headers["x-a"]) != 2 {
		t.Errorf("meta %+v", m)
	}
}

func TestDecodeResultNullData(t *testing.T) {
	res := []byte(`{"data":null,"meta":{"status":204,"request_id":null,"headers":[],"idempotency_key":"k",` +
		`"replayed":false,"retries":0},"next":null}`)
	var card Card
	out, err := decodeResult("webhooks.delete", res, &card)
	if err != nil {
		t.Fatal(err)
	}
	if out.decoded || card.ID != "" || out.Meta.Status != 204 {
		t.Fatalf("null data: decoded %v card %+v meta %+v", out.decoded, card, out.Meta)
	}
}

func TestDecodeResultWithoutModelKeepsTheData(t *testing.T) {
	res := []byte(`{"data":{"data":[],"pagination":{}},"meta":{"status":200,"request_id":null,"headers":[],` +
		`"idempotency_key":null,"replayed":false,"retries":0},"next":{"page":2}}`)
	out, err := decodeResult("cards.list", res, nil)
	if err != nil {
		t.Fatal(err)
	}
	if out.decoded || string(out.Data) != `{"data":[],"pagination":{}}` || string(out.NextPage) != `{"page":2}` {
		t.Fatalf("got %+v", out)
	}
}

func TestDecodeResultErrors(t *testing.T) {
	// A body the model cannot hold: a decode error naming the call and its idempotency key.
	res := []byte(`{"data":{"id":5},"meta":{"status":201,"request_id":null,"headers":[],` +
		`"idempotency_key":"idem_1","replayed":false,"retries":0},"next":null}`)
	var card Card
	_, err := decodeResult("cards.create", res, &card)
	var ie *InternalError
	if !errors.As(err, &ie) || ie.Kind != "decode" || ie.IdempotencyKey != "idem_1" ||
		!strings.Contains(ie.Message, "cards.create: cannot decode the response") {
		t.Fatalf("bad body: %#v", err)
	}
	// Not the documented envelope at all.
	_, err = decodeResult("cards.create", []byte(`{"data":`), &card)
	if !errors.As(err, &ie) || ie.Kind != "decode" || !strings.Contains(ie.Message, "unreadable native result") {
		t.Fatalf("bad envelope: %#v", err)
	}
}
