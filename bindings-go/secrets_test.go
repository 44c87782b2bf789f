package cryptotopcard

import (
	"errors"
	"fmt"
	"strings"
	"testing"
)

var verbs = []string{"%v", "%+v", "%#v", "%s", "%q", "%x"}

func printAll(v any) string {
	var b strings.Builder
	for _, verb := range verbs {
		b.WriteString(fmt.Sprintf(verb, v))
		b.WriteString("\n")
	}
	return b.String()
}

// No API key, PAN, CVV or webhook secret is ever printed, by any verb, from any result or error;
// the values stay readable as fields.
func TestSecretsAreNeverPrinted(t *testing.T) {
	c, key := newClient(t)
	ctx := testCtx(t)
	customSecret := "whsec_go_custom_" + strings.Repeat("s", 24)

	card := mustCard(t, c, 20, "secret-hygiene")
	details, err := c.Cards.Details(ctx, card.ID)
	if err != nil {
		t.Fatal(err)
	}
	if len(details.PAN) != 16 || details.CVV == "" {
		t.Fatal("PAN/CVV not readable as fields")
	}
	wh, err := c.Webhooks.Create(ctx, &WebhookCreateParams{URL: "https://example.com/h", Events: []WebhookEventSelector{"*"}, Secret: String(customSecret)})
	if err != nil {
		t.Fatal(err)
	}
	if wh.Secret != customSecret {
		t.Fatal("webhook secret not readable as a field")
	}
	whs, err := c.Webhooks.List(ctx)
	if err != nil {
		t.Fatal(err)
	}
	_, notFound := c.Cards.Retrieve(ctx, "card_nope")
	badKey, _ := NewClient("sk_nope_"+key[8:], WithBaseURL(sandboxURL))
	defer badKey.Close()
	_, authErr := badKey.Wallet.Retrieve(ctx)
	_, cfgErr := NewClient(key, WithBaseURL("http://example.com/"+key))
	_, swappedErr := NewClient(sandboxURL, WithBaseURL(key)) // arguments swapped by mistake
	_, valErr := c.Webhooks.Create(ctx, &WebhookCreateParams{URL: "ftp://x", Events: []WebhookEventSelector{"*"}, Secret: String(customSecret)})
	_, whErr := ConstructEvent([]byte(`{}`), "00", customSecret, 0)

	values := []any{
		c, *c, card, *card, details, *details, wh, *wh, whs, *whs, whs.Data,
		&WebhookCreateParams{URL: "https://example.com", Secret: String(customSecret)},
		WebhookCreateParams{URL: "https://example.com", Secret: String(customSecret)},
		notFound, authErr, cfgErr, swappedErr, valErr, whErr, badKey,
	}
	forbidden := map[string]string{"API key": key, "PAN": details.PAN, "webhook secret": customSecret, "generated secret": wh.Secret}
	for i, v := range values {
		out := printAll(v)
		if e, ok := v.(error); ok && e != nil {
			out += e.Error()
		}
		for what, s := range forbidden {
			if s != "" && strings.Contains(out, s) {
				t.Errorf("value %d (%T) prints the %s:\n%s", i, v, what, out)
			}
		}
	}
	for _, e := range []error{notFound, authErr, valErr, whErr, swappedErr} {
		if e == nil {
			t.Fatal("expected an error")
		}
	}
	if !errors.Is(cfgErr, ErrConfiguration) {
		t.Fatalf("http base URL: %v", cfgErr)
	}

	// The printed form does not depend on the sensitive values at all (this covers the 3-digit
	// CVV, which could otherwise match unrelated digits).
	other := *details
	other.PAN, other.CVV = "4000000000000002", "000"
	if printAll(*details) != printAll(other) || printAll(details) != printAll(&other) {
		t.Error("printing CardDetails depends on the PAN or CVV")
	}
	if !strings.Contains(fmt.Sprintf("%+v", details), "[REDACTED]") {
		t.Error("CardDetails does not show that it redacted")
	}
	otherWh := *wh
	otherWh.Secret = "whsec_different"
	if printAll(*wh) != printAll(otherWh) {
		t.Error("printing WebhookWithSecret depends on the secret")
	}
	for _, w := range whs.Data {
		o := w
		if o.Secret != nil {
			s := "whsec_other"
			o.Secret = &s
		}
		if printAll(w) != printAll(o) {
			t.Error("printing Webhook depends on the secret")
		}
	}
	// Nested inside another value, the redaction still applies.
	nested := printAll(struct {
		D CardDetails
		P *CardDetails
		L []CardDetails
	}{*details, details, []CardDetails{*details}})
	if strings.Contains(nested, details.PAN) {
		t.Error("nested CardDetails prints the PAN")
	}
}
