package cryptotopcard

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync"
	"testing"
	"time"
)

func eventPayload(id string, created time.Time) []byte {
	return []byte(`{"id":"` + id + `","type":"card.created","created_at":"` + created.UTC().Format(time.RFC3339) +
		`","data":{"id":"card_rot","status":"active","brand_new_field":7}}`)
}

// GenerateTestSignature is the signature the API sends: the HMAC-SHA256 reference vector and the
// test file's own HMAC agree with it, and VerifyWebhook accepts it.
func TestGenerateTestSignature(t *testing.T) {
	if got := GenerateTestSignature([]byte("payload"), "secret"); got != "b82fcb791acec57859b989b430a826488ce2e479fdf92326bd0a2e8375a42ba4" {
		t.Fatalf("reference vector: %s", got)
	}
	payload := eventPayload("evt_sig", time.Now())
	sig := GenerateTestSignature(payload, "whsec_sig_test")
	if sig != sign(payload, "whsec_sig_test") || !VerifyWebhook(payload, sig, "whsec_sig_test") {
		t.Fatal("GenerateTestSignature does not match the API's signature")
	}
	if GenerateTestSignature(nil, "s") != sign(nil, "s") {
		t.Fatal("empty payload")
	}
	// A C string would end at a NUL byte: a secret holding one never signs nor verifies as its
	// prefix.
	byPrefix := GenerateTestSignature(payload, "whsec_a")
	if GenerateTestSignature(payload, "whsec_a\x00b") != "" || VerifyWebhook(payload, byPrefix, "whsec_a\x00b") ||
		VerifyWebhookAny(payload, byPrefix, []string{"whsec_a\x00b"}) {
		t.Fatal("a secret with a NUL byte was cut short")
	}
	if _, err := ConstructEventAny(payload, byPrefix, []string{"whsec_a\x00b"}, 0); !errors.Is(err, ErrWebhookVerification) {
		t.Fatalf("construct with a NUL in the secret: %v", err)
	}
	if _, err := ConstructEvent(payload, byPrefix, "whsec_a\x00b", 0); !errors.Is(err, ErrWebhookVerification) {
		t.Fatalf("construct with a NUL in the secret: %v", err)
	}
}

// During a secret rotation the old and the new secret both verify; anything else does not.
func TestWebhookSecretRotation(t *testing.T) {
	oldSecret, newSecret := "whsec_old_"+strings.Repeat("o", 24), "whsec_new_"+strings.Repeat("n", 24)
	payload := eventPayload("evt_rot", time.Now())
	byOld, byNew := GenerateTestSignature(payload, oldSecret), GenerateTestSignature(payload, newSecret)
	both := []string{newSecret, oldSecret}

	if !VerifyWebhookAny(payload, byOld, both) || !VerifyWebhookAny(payload, byNew, both) {
		t.Fatal("a signature by either secret must verify during the rotation")
	}
	if VerifyWebhookAny(payload, byOld, []string{newSecret}) || VerifyWebhookAny(payload, byOld, nil) ||
		VerifyWebhookAny(append(payload, ' '), byOld, both) || VerifyWebhookAny(payload, strings.ToUpper(byOld), both) {
		t.Fatal("a wrong secret, no secret, a changed payload or an upper-case signature verified")
	}

	for _, sig := range []string{byOld, byNew} {
		ev, err := ConstructEventAny(payload, sig, both, DefaultWebhookTolerance)
		if err != nil || ev.ID != "evt_rot" || ev.Type != EventTypeCardCreated {
			t.Fatalf("construct with rotation: %+v %v", ev, err)
		}
		var card Card
		if err := json.Unmarshal(ev.Data, &card); err != nil || string(card.Extra["brand_new_field"]) != "7" {
			t.Fatalf("a field this SDK does not know was lost: %s %v", ev.Data, err)
		}
	}
	for name, secrets := range map[string][]string{"other secret": {newSecret}, "no secret": nil, "empty secret": {""}} {
		_, err := ConstructEventAny(payload, byOld, secrets, DefaultWebhookTolerance)
		var wve *WebhookVerificationError
		if !errors.As(err, &wve) || !errors.Is(err, ErrWebhookVerification) {
			t.Fatalf("%s: %T %v", name, err, err)
		}
		if strings.Contains(err.Error(), oldSecret) || strings.Contains(err.Error(), newSecret) {
			t.Fatalf("%s: the error shows a secret: %v", name, err)
		}
	}
	if _, err := ConstructEventAny(payload, byOld, both, -time.Second); !errors.Is(err, ErrValidation) {
		t.Fatalf("negative tolerance: %v", err)
	}
}

// An event dated more than the tolerance ahead is refused, as is one older than it; a small clock
// skew passes, and tolerance 0 turns the check off.
func TestFutureDatedEventsAreRefused(t *testing.T) {
	secret := "whsec_future_" + strings.Repeat("f", 24)
	future := eventPayload("evt_future", time.Now().Add(time.Hour))
	sig := GenerateTestSignature(future, secret)
	_, err := ConstructEvent(future, sig, secret, DefaultWebhookTolerance)
	if !errors.Is(err, ErrWebhookVerification) || !strings.Contains(err.Error(), "future") {
		t.Fatalf("an event an hour ahead: %v", err)
	}
	if _, err := ConstructEventAny(future, sig, []string{"whsec_x", secret}, DefaultWebhookTolerance); !errors.Is(err, ErrWebhookVerification) {
		t.Fatalf("an event an hour ahead, with rotation: %v", err)
	}
	if ev, err := ConstructEvent(future, sig, secret, 0); err != nil || ev.ID != "evt_future" {
		t.Fatalf("tolerance 0: %v", err)
	}
	skewed := eventPayload("evt_skew", time.Now().Add(20*time.Second))
	if _, err := ConstructEvent(skewed, GenerateTestSignature(skewed, secret), secret, DefaultWebhookTolerance); err != nil {
		t.Fatalf("20 s of clock skew: %v", err)
	}
}

// A webhook handler as a user writes it, tested with GenerateTestSignature: it verifies against
// both secrets of a rotation and handles a redelivered event (same X-CTC-Delivery) once.
func TestWebhookHandlerDeduplicatesDeliveries(t *testing.T) {
	secrets := []string{"whsec_current_" + strings.Repeat("c", 20), "whsec_previous_" + strings.Repeat("p", 20)}
	var mu sync.Mutex
	handled := map[string]int{}
	handler := http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		body, err := io.ReadAll(r.Body)
		if err != nil {
			http.Error(w, "read", http.StatusBadRequest)
			return
		}
		ev, err := ConstructEventAny(body, r.Header.Get("X-CTC-Signature"), secrets, DefaultWebhookTolerance)
		if err != nil {
			http.Error(w, "bad signature", http.StatusBadRequest)
			return
		}
		mu.Lock()
		defer mu.Unlock()
		if r.Header.Get("X-CTC-Delivery") != ev.ID {
			http.Error(w, "delivery id differs from the event id", http.StatusBadRequest)
			return
		}
		handled[ev.ID]++
		if handled[ev.ID] > 1 {
			w.WriteHeader(http.StatusOK) // already processed: acknowledge, do nothing
			return
		}
		w.WriteHeader(http.StatusNoContent)
	})
	deliver := func(payload []byte, secret, id string) int {
		req := httptest.NewRequest(http.MethodPost, "/webhooks", bytes.NewReader(payload))
		req.Header.Set("X-CTC-Signature", GenerateTestSignature(payload, secret))
		req.Header.Set("X-CTC-Delivery", id)
		rec := httptest.NewRecorder()
		handler.ServeHTTP(rec, req)
		return rec.Code
	}
	p := eventPayload("evt_dup", time.Now())
	if deliver(p, secrets[1], "evt_dup") != http.StatusNoContent || deliver(p, secrets[0], "evt_dup") != http.StatusOK {
		t.Fatal("first delivery processed, second acknowledged")
	}
	if deliver(p, "whsec_attacker_000000000000000000", "evt_dup") != http.StatusBadRequest {
		t.Fatal("a forged delivery was accepted")
	}
	if handled["evt_dup"] != 2 {
		t.Fatalf("handled %v", handled)
	}
}

// A real delivery from the sandbox verifies with GenerateTestSignature's algorithm and carries
// the event id as X-CTC-Delivery.
func TestSandboxDeliveryCarriesTheEventID(t *testing.T) {
	c, _ := newClient(t)
	type delivery struct {
		body       []byte
		sig, docID string
	}
	got := make(chan delivery, 8)
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		b, _ := io.ReadAll(r.Body)
		got <- delivery{b, r.Header.Get("X-CTC-Signature"), r.Header.Get("X-CTC-Delivery")}
		w.WriteHeader(http.StatusNoContent)
	}))
	defer srv.Close()
	oldSecret, newSecret := "whsec_sb_old_"+strings.Repeat("a", 20), "whsec_sb_new_"+strings.Repeat("b", 20)
	if _, err := c.Webhooks.Create(testCtx(t), &WebhookCreateParams{URL: srv.URL + "/h",
		Events: []WebhookEventSelector{"card.created"}, Secret: NewSecret(oldSecret)}); err != nil {
		t.Fatal(err)
	}
	mustCard(t, c, 5, "delivered")
	select {
	case d := <-got:
		ev, err := ConstructEventAny(d.body, d.sig, []string{newSecret, oldSecret}, DefaultWebhookTolerance)
		if err != nil {
			t.Fatalf("sandbox delivery: %v", err)
		}
		if d.docID != ev.ID || d.sig != GenerateTestSignature(d.body, oldSecret) {
			t.Fatalf("X-CTC-Delivery %q, event id %q", d.docID, ev.ID)
		}
		var card Card
		if err := json.Unmarshal(ev.Data, &card); err != nil || card.Label == nil || *card.Label != "delivered" {
			t.Fatalf("event data: %v %s", err, fmt.Sprint(ev.Data))
		}
	case <-time.After(30 * time.Second):
		t.Fatal("no delivery from the sandbox")
	}
}
