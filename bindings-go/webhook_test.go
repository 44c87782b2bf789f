package cryptotopcard

import (
	"crypto/hmac"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"errors"
	"io"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
	"time"
)

func sign(payload []byte, secret string) string {
	m := hmac.New(sha256.New, []byte(secret))
	m.Write(payload)
	return hex.EncodeToString(m.Sum(nil))
}

func TestVerifyWebhookAndConstructEvent(t *testing.T) {
	secret := "whsec_0123456789abcdefghijklmnopqrstuv"
	now := time.Now().UTC().Format(time.RFC3339)
	payload := []byte(`{"id":"evt_1","type":"card.created","created_at":"` + now + `","data":{"id":"card_1","unknown_field":1}}`)
	sig := sign(payload, secret)

	if !VerifyWebhook(payload, sig, secret) {
		t.Fatal("valid signature rejected")
	}
	if VerifyWebhook(payload, sig, secret+"x") || VerifyWebhook(append(payload, ' '), sig, secret) ||
		VerifyWebhook(payload, strings.ToUpper(sig[:2])+sig[2:]+"00", secret) || VerifyWebhook(payload, "", secret) {
		t.Fatal("invalid signature accepted")
	}
	ev, err := ConstructEvent(payload, sig, secret, DefaultWebhookTolerance)
	if err != nil {
		t.Fatalf("construct: %v", err)
	}
	if ev.ID != "evt_1" || ev.Type != EventTypeCardCreated || ev.CreatedAt.IsZero() {
		t.Fatalf("event: %+v", ev)
	}
	var card Card
	if err := json.Unmarshal(ev.Data, &card); err != nil || card.ID != "card_1" {
		t.Fatalf("event data: %v %+v", err, card)
	}

	_, err = ConstructEvent(payload, sign(payload, "whsec_other_secret_000000000000000000"), secret, 0)
	var wve *WebhookVerificationError
	if !errors.As(err, &wve) || !errors.Is(err, ErrWebhookVerification) {
		t.Fatalf("bad signature: %T %v", err, err)
	}
	if strings.Contains(err.Error(), secret) {
		t.Fatal("error message contains the secret")
	}

	// Replay protection: an event signed an hour ago is refused, unless tolerance is 0.
	old := []byte(`{"id":"evt_2","type":"card.frozen","created_at":"` + time.Now().Add(-time.Hour).UTC().Format(time.RFC3339) + `","data":{"id":"card_2"}}`)
	if _, err := ConstructEvent(old, sign(old, secret), secret, DefaultWebhookTolerance); !errors.Is(err, ErrWebhookVerification) {
		t.Fatalf("old event: %v", err)
	}
	if _, err := ConstructEvent(old, sign(old, secret), secret, 0); err != nil {
		t.Fatalf("old event, tolerance 0: %v", err)
	}
	// Not JSON, correctly signed.
	junk := []byte("not json")
	if _, err := ConstructEvent(junk, sign(junk, secret), secret, 0); !errors.Is(err, ErrWebhookVerification) {
		t.Fatalf("junk payload: %v", err)
	}
	// Empty payload: no crash at the boundary.
	if VerifyWebhook(nil, sig, secret) {
		t.Fatal("empty payload verified")
	}
}

// A real delivery from the sandbox to a local endpoint verifies with the secret returned at creation.
func TestWebhookDeliveryVerifies(t *testing.T) {
	type delivery struct {
		body              []byte
		sig, event, deliv string
	}
	got := make(chan delivery, 16)
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		b, _ := io.ReadAll(r.Body)
		got <- delivery{b, r.Header.Get("X-CTC-Signature"), r.Header.Get("X-CTC-Event"), r.Header.Get("X-CTC-Delivery")}
		w.WriteHeader(http.StatusNoContent)
	}))
	defer srv.Close()

	c, _ := newClient(t)
	ctx := testCtx(t)
	wh, err := c.Webhooks.Create(ctx, &WebhookCreateParams{URL: srv.URL + "/hooks", Events: []WebhookEventSelector{WebhookEventSelectorCardCreated}})
	if err != nil {
		t.Fatalf("create webhook: %v", err)
	}
	card := mustCard(t, c, 15, "hooked")
	select {
	case d := <-got:
		if d.event != "card.created" || !strings.HasPrefix(d.deliv, "evt_") {
			t.Fatalf("delivery headers: %+v", d)
		}
		if !VerifyWebhook(d.body, d.sig, wh.Secret.Reveal()) {
			t.Fatal("delivered signature does not verify")
		}
		ev, err := ConstructEvent(d.body, d.sig, wh.Secret.Reveal(), DefaultWebhookTolerance)
		if err != nil {
			t.Fatalf("construct delivered event: %v", err)
		}
		var data Card
		if err := json.Unmarshal(ev.Data, &data); err != nil || data.ID != card.ID || ev.ID != d.deliv {
			t.Fatalf("delivered event: %+v / %+v (%v)", ev, data, err)
		}
	case <-time.After(15 * time.Second):
		t.Fatal("no webhook delivery within 15 s")
	}
}
