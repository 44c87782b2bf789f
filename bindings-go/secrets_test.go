package cryptotopcard

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"log"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"reflect"
	"strconv"
	"strings"
	"testing"
	"text/template"
	"time"
)

var verbs = []string{"%v", "%+v", "%#v", "%s", "%q", "%x", "%X", "%d", "%20v", "%-8s"}

// printAll prints v with every fmt verb.
func printAll(v any) string {
	var b strings.Builder
	for _, verb := range verbs {
		b.WriteString(fmt.Sprintf(verb, v))
		b.WriteString("\n")
	}
	return b.String()
}

// dumpReflect prints v by reflection alone, reading unexported fields and calling no method, as
// reflection-based dumpers do when told to skip String/Format (go-spew with DisableMethods, which
// testify's failure diffs use).
func dumpReflect(b *strings.Builder, v reflect.Value, seen map[uintptr]bool) {
	if !v.IsValid() {
		return
	}
	switch v.Kind() {
	case reflect.Pointer, reflect.Interface:
		if v.IsNil() {
			b.WriteString("nil")
			return
		}
		if v.Kind() == reflect.Pointer {
			if seen[v.Pointer()] {
				b.WriteString("<cycle>")
				return
			}
			seen[v.Pointer()] = true
		}
		dumpReflect(b, v.Elem(), seen)
	case reflect.Struct:
		b.WriteString(v.Type().String() + "{")
		for i := 0; i < v.NumField(); i++ {
			b.WriteString(v.Type().Field(i).Name + ":")
			dumpReflect(b, v.Field(i), seen)
			b.WriteString(" ")
		}
		b.WriteString("}")
	case reflect.Slice, reflect.Array:
		b.WriteString("[")
		for i := 0; i < v.Len(); i++ {
			dumpReflect(b, v.Index(i), seen)
			b.WriteString(" ")
		}
		b.WriteString("]")
	case reflect.Map:
		it := v.MapRange()
		for it.Next() {
			dumpReflect(b, it.Key(), seen)
			b.WriteString(":")
			dumpReflect(b, it.Value(), seen)
			b.WriteString(" ")
		}
	case reflect.String:
		b.WriteString(v.String()) // raw, and quoted below (a dumper may escape)
		b.WriteString(strconv.Quote(v.String()))
	case reflect.Int, reflect.Int8, reflect.Int16, reflect.Int32, reflect.Int64:
		b.WriteString(strconv.FormatInt(v.Int(), 10))
	case reflect.Uint, reflect.Uint8, reflect.Uint16, reflect.Uint32, reflect.Uint64, reflect.Uintptr:
		b.WriteString(strconv.FormatUint(v.Uint(), 10))
	default:
		fmt.Fprint(b, v.Kind())
	}
}

// printers are the ways a Go program turns a value into text: fmt (every verb, also of a pointer,
// a slice and a struct holding the value), json.Marshal, log/slog with the JSON and the text
// handler (the value, a pointer to it, a slice of it), the log package and text/template.
func printers(t *testing.T, v any) map[string]string {
	t.Helper()
	rv := reflect.ValueOf(v)
	ptr := reflect.New(rv.Type())
	ptr.Elem().Set(rv)
	slice := reflect.MakeSlice(reflect.SliceOf(rv.Type()), 0, 1)
	slice = reflect.Append(slice, rv)
	ptrSlice := reflect.MakeSlice(reflect.SliceOf(ptr.Type()), 0, 1)
	ptrSlice = reflect.Append(ptrSlice, ptr)
	holder := reflect.New(reflect.StructOf([]reflect.StructField{{Name: "Inner", Type: rv.Type()}})).Elem()
	holder.Field(0).Set(rv)
	forms := map[string]any{"value": v, "pointer": ptr.Interface(), "slice": slice.Interface(),
		"pointer slice": ptrSlice.Interface(), "map": map[string]any{"k": v}, "nested": holder.Interface()}

	out := map[string]string{}
	for name, f := range forms {
		out["fmt "+name] = printAll(f)
		if _, isErr := v.(error); !isErr { // json of an error is its exported fields, checked below
			b, err := json.Marshal(f)
			if err != nil {
				t.Fatalf("json.Marshal(%s %T): %v", name, v, err)
			}
			out["json "+name] = string(b)
		}
		var jsonLog, textLog bytes.Buffer
		noTime := &slog.HandlerOptions{ReplaceAttr: func(_ []string, a slog.Attr) slog.Attr {
			if a.Key == slog.TimeKey {
				return slog.Attr{}
			}
			return a
		}}
		slog.New(slog.NewJSONHandler(&jsonLog, noTime)).Info("m", "v", f, slog.Any("any", f), slog.Group("g", "v", f))
		slog.New(slog.NewTextHandler(&textLog, noTime)).Info("m", "v", f, slog.Any("any", f), slog.Group("g", "v", f))
		out["slog json "+name], out["slog text "+name] = jsonLog.String(), textLog.String()
		var std bytes.Buffer
		log.New(&std, "", 0).Printf("%v %+v", f, f)
		out["log "+name] = std.String()
	}
	if e, ok := v.(error); ok {
		out["Error()"] = e.Error()
		b, _ := json.Marshal(e)
		out["json error"] = string(b)
	}
	var tpl bytes.Buffer
	if err := template.Must(template.New("").Parse("{{.}} {{printf \"%#v\" .}}")).Execute(&tpl, v); err != nil {
		t.Fatalf("template: %v", err)
	}
	out["text/template"] = tpl.String()
	return out
}

func checkNoLeak(t *testing.T, label string, v any, forbidden map[string]string) {
	t.Helper()
	for printer, text := range printers(t, v) {
		for what, s := range forbidden {
			if s != "" && strings.Contains(text, s) {
				t.Errorf("%s (%T) shows the %s through %s:\n%s", label, v, what, printer, text)
			}
		}
	}
}

// The same printers, by reflection without methods: only the long values are looked for (the
// masked bytes are arbitrary, a 3-digit CVV could match by chance).
func checkNoLeakByReflection(t *testing.T, label string, v any, forbidden map[string]string) {
	t.Helper()
	var b strings.Builder
	dumpReflect(&b, reflect.ValueOf(v), map[uintptr]bool{})
	for what, s := range forbidden {
		if len(s) >= 6 && strings.Contains(b.String(), s) {
			t.Errorf("%s (%T) shows the %s to a reflection-based dumper:\n%s", label, v, what, b.String())
		}
	}
}

// samePrints checks that a and b (which differ only in sensitive values) print identically
// through every printer: nothing of the value (a 3-digit CVV, a 6-digit OTP) gets out.
func samePrints(t *testing.T, label string, a, b any) {
	t.Helper()
	pa, pb := printers(t, a), printers(t, b)
	for printer := range pa {
		if strings.HasSuffix(printer, "pointer slice") {
			continue // fmt shows the pointers' addresses
		}
		if pa[printer] != pb[printer] {
			t.Errorf("%s: %s output depends on the sensitive values:\n%s\nvs\n%s", label, printer, pa[printer], pb[printer])
		}
	}
}

// No API key, PAN, CVV, OTP or webhook secret is ever printed, marshalled or logged, by any
// printer, from any result, event or error; Reveal gives the values.
func TestSecretsAreNeverPrinted(t *testing.T) {
	c, key := newClient(t)
	ctx := testCtx(t)
	customSecret := "whsec_go_custom_" + strings.Repeat("s", 24)

	// A local endpoint for the 3ds.challenge event (its data holds the OTP).
	type delivery struct {
		body []byte
		sig  string
	}
	got := make(chan delivery, 4)
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		b, _ := io.ReadAll(r.Body)
		got <- delivery{b, r.Header.Get("X-CTC-Signature")}
		w.WriteHeader(http.StatusNoContent)
	}))
	defer srv.Close()

	card := mustCard(t, c, 20, "secret-hygiene")
	details, err := c.Cards.Details(ctx, card.ID)
	if err != nil {
		t.Fatal(err)
	}
	pan, cvv := details.PAN.Reveal(), details.CVV.Reveal()
	if len(pan) != 16 || len(cvv) < 3 {
		t.Fatal("PAN/CVV not readable with Reveal")
	}
	wh, err := c.Webhooks.Create(ctx, &WebhookCreateParams{URL: srv.URL + "/hooks",
		Events: []WebhookEventSelector{WebhookEventSelectorThreeDSChallenge}, Secret: NewSecret(customSecret)})
	if err != nil {
		t.Fatal(err)
	}
	if wh.Secret.Reveal() != customSecret {
		t.Fatal("the custom secret was not sent as given, or is not readable with Reveal")
	}
	generated, err := c.Webhooks.Create(ctx, &WebhookCreateParams{URL: "https://example.com/h", Events: []WebhookEventSelector{"*"}})
	if err != nil || !strings.HasPrefix(generated.Secret.Reveal(), "whsec_") {
		t.Fatalf("generated secret: %v", err)
	}
	whs, err := c.Webhooks.List(ctx)
	if err != nil {
		t.Fatal(err)
	}
	ch, err := c.Sandbox.Challenge(ctx, &SandboxChallengeParams{CardID: card.ID, Merchant: "SPOTIFY", Amount: 9.99})
	if err != nil {
		t.Fatal(err)
	}
	otp := ch.OTP.Reveal()
	if len(otp) != 6 {
		t.Fatalf("OTP not readable with Reveal: %d digits", len(otp))
	}
	chs, err := c.ThreeDS.List(ctx, nil)
	if err != nil {
		t.Fatal(err)
	}
	var ev *Event
	select {
	case d := <-got:
		if ev, err = ConstructEvent(d.body, d.sig, customSecret, DefaultWebhookTolerance); err != nil {
			t.Fatalf("3ds.challenge event: %v", err)
		}
	case <-time.After(15 * time.Second):
		t.Fatal("no 3ds.challenge delivery within 15 s")
	}
	var evCh ThreeDSChallenge
	if err := json.Unmarshal(ev.Data, &evCh); err != nil || evCh.OTP.Reveal() != otp || !strings.Contains(string(ev.Data), otp) {
		t.Fatalf("event data does not carry the OTP as received: %v", err)
	}

	_, notFound := c.Cards.Retrieve(ctx, "card_nope")
	badKey, _ := NewClient("sk_nope_"+key[8:], WithBaseURL(sandboxURL))
	defer badKey.Close()
	_, authErr := badKey.Wallet.Retrieve(ctx)
	_, cfgErr := NewClient(key, WithBaseURL("http://example.com/"+key))
	_, swappedErr := NewClient(sandboxURL, WithBaseURL(key)) // arguments swapped by mistake
	_, valErr := c.Webhooks.Create(ctx, &WebhookCreateParams{URL: "ftp://x", Events: []WebhookEventSelector{"*"}, Secret: NewSecret(customSecret)})
	_, whErr := ConstructEvent([]byte(`{}`), "00", customSecret, 0)
	gone, err := NewClient(key, WithBaseURL("http://127.0.0.1:1/v1"), WithMaxRetries(0))
	if err != nil {
		t.Fatal(err)
	}
	defer gone.Close()
	_, connErr := gone.Webhooks.Create(ctx, &WebhookCreateParams{URL: "https://example.com/h", Events: []WebhookEventSelector{"*"}, Secret: NewSecret(customSecret)})
	cancelled, cancel := context.WithCancel(ctx)
	cancel()
	_, ctxErr := c.Webhooks.Create(cancelled, &WebhookCreateParams{URL: "https://example.com/h", Events: []WebhookEventSelector{"*"}, Secret: NewSecret(customSecret)})
	for i, e := range []error{notFound, authErr, cfgErr, swappedErr, valErr, whErr, connErr, ctxErr} {
		if e == nil {
			t.Fatalf("error %d: expected an error", i)
		}
	}
	if !errors.Is(cfgErr, ErrConfiguration) || !errors.Is(connErr, ErrConnection) || !errors.Is(ctxErr, context.Canceled) {
		t.Fatalf("errors: %v / %v / %v", cfgErr, connErr, ctxErr)
	}

	forbidden := map[string]string{"API key": key, "PAN": pan, "webhook secret": customSecret,
		"generated secret": generated.Secret.Reveal(), "OTP": otp}
	values := map[string]any{
		"client": c, "card": *card, "details": *details, "webhook": *wh, "generated webhook": *generated,
		"webhook list": *whs, "webhook params": WebhookCreateParams{URL: "https://example.com", Secret: NewSecret(customSecret)},
		"challenge": *ch, "challenge list": *chs, "event": *ev, "event data": ev.Data, "secret": details.PAN,
		"not found": notFound, "auth error": authErr, "config error": cfgErr, "swapped config error": swappedErr,
		"validation error": valErr, "webhook error": whErr, "connection error": connErr, "context error": ctxErr,
	}
	for label, v := range values {
		checkNoLeak(t, label, v, forbidden)
		switch v.(type) {
		case Event, EventData:
			// Event.Data is the raw signed payload (a []byte for json.Unmarshal): only its
			// methods redact, see EventData.
		default:
			checkNoLeakByReflection(t, label, v, forbidden)
		}
	}

	// The printed forms do not depend on the sensitive values at all (this covers the 3-digit
	// CVV and the 6-digit OTP, which could otherwise match unrelated digits).
	other := *details
	other.PAN, other.CVV = NewSecret("4000000000000002"), NewSecret("000")
	samePrints(t, "CardDetails", *details, other)
	otherCh := *ch
	otherCh.OTP = NewSecret("000000")
	samePrints(t, "ThreeDSChallenge", *ch, otherCh)
	otherWh := *wh
	otherWh.Secret = NewSecret("whsec_different")
	samePrints(t, "WebhookWithSecret", *wh, otherWh)
	otherEv := *ev
	otherEv.Data = EventData(strings.Replace(string(ev.Data), `"`+otp+`"`, `"000000"`, 1))
	if string(otherEv.Data) == string(ev.Data) {
		t.Fatal("the event data does not hold the OTP as a JSON string")
	}
	samePrints(t, "Event", *ev, otherEv)

	// What the printers show instead.
	if s := fmt.Sprintf("%+v", details); !strings.Contains(s, "PAN:[REDACTED]") || !strings.Contains(s, "CVV:[REDACTED]") {
		t.Errorf("CardDetails does not show that it redacted: %s", s)
	}
	if s := fmt.Sprintf("%#v", details.PAN); s != "cryptotopcard.Secret{/* [REDACTED] */}" {
		t.Errorf("%%#v of a Secret: %s", s)
	}
	var asJSON map[string]any
	b, _ := json.Marshal(details)
	if err := json.Unmarshal(b, &asJSON); err != nil || asJSON["pan"] != "[REDACTED]" || asJSON["cvv"] != "[REDACTED]" || asJSON["id"] != card.ID {
		t.Errorf("json.Marshal(CardDetails): %s", b)
	}
	b, _ = json.Marshal(ev)
	if err := json.Unmarshal(b, &asJSON); err != nil || asJSON["data"].(map[string]any)["otp"] != "[REDACTED]" ||
		asJSON["data"].(map[string]any)["id"] != ch.ID {
		t.Errorf("json.Marshal(Event): %s", b)
	}
}

// log/slog: the JSON handler logs the models as nested objects with the secrets redacted, the text
// handler as dotted keys; both through the LogValuer, also for pointers.
func TestSlogLogsModelsRedacted(t *testing.T) {
	details := CardDetails{ID: "card_1", PAN: NewSecret("4916530000000001"), CVV: NewSecret("123"), ExpMonth: 12,
		ExpYear: 2030, HolderName: "ADA", BillingAddress: BillingAddress{Line1: "1 Main St", Line2: String("Apt 2"), City: "Austin", Country: "US"}}
	var buf bytes.Buffer
	slog.New(slog.NewJSONHandler(&buf, nil)).Info("card", "details", &details, "webhook", Webhook{ID: "we_1"})
	var line struct {
		Details map[string]any `json:"details"`
		Webhook map[string]any `json:"webhook"`
	}
	if err := json.Unmarshal(buf.Bytes(), &line); err != nil {
		t.Fatalf("slog JSON: %v\n%s", err, buf.String())
	}
	addr, _ := line.Details["billing_address"].(map[string]any)
	if line.Details["pan"] != "[REDACTED]" || line.Details["cvv"] != "[REDACTED]" || line.Details["id"] != "card_1" ||
		addr["line2"] != "Apt 2" || addr["city"] != "Austin" {
		t.Errorf("slog JSON of CardDetails: %s", buf.String())
	}
	if _, has := line.Webhook["secret"]; has {
		t.Errorf("an absent webhook secret is logged: %s", buf.String())
	}
	buf.Reset()
	slog.New(slog.NewTextHandler(&buf, nil)).Info("card", "details", details)
	text := buf.String()
	for _, want := range []string{"details.pan=[REDACTED]", "details.cvv=[REDACTED]", "details.billing_address.line2=\"Apt 2\"", "details.exp_year=2030"} {
		if !strings.Contains(text, want) {
			t.Errorf("slog text lacks %s: %s", want, text)
		}
	}
	if strings.Contains(text, "4916530000000001") || strings.Contains(text, "0xc") {
		t.Errorf("slog text: %s", text)
	}
}

// A Secret keeps its value for the program (Reveal, ==, Equal, json.Unmarshal, request bodies) and
// from everything else.
func TestSecretValueSemantics(t *testing.T) {
	s := NewSecret("whsec_abc")
	if s.Reveal() != "whsec_abc" || s.IsZero() || !s.Equal(NewSecret("whsec_abc")) || s != NewSecret("whsec_abc") || s == NewSecret("whsec_abd") {
		t.Fatal("value semantics")
	}
	var zero Secret
	if !zero.IsZero() || zero.Reveal() != "" || zero.String() != "" || fmt.Sprintf("%#v", zero) != "cryptotopcard.Secret{}" {
		t.Fatalf("zero Secret: %#v", zero)
	}
	var got struct {
		A Secret `json:"a"`
		B Secret `json:"b"`
		C Secret `json:"c,omitzero"`
	}
	if err := json.Unmarshal([]byte(`{"a":"4916530000000001","b":null}`), &got); err != nil || got.A.Reveal() != "4916530000000001" || !got.B.IsZero() {
		t.Fatalf("unmarshal: %v %v", err, got)
	}
	if err := json.Unmarshal([]byte(`{"a":42}`), &got); err == nil || strings.Contains(err.Error(), "42") {
		t.Fatalf("a number is not a Secret: %v", err)
	}
	b, _ := json.Marshal(got)
	if string(b) != `{"a":"[REDACTED]","b":""}` {
		t.Fatalf("marshal: %s", b)
	}
	if txt, _ := got.A.MarshalText(); string(txt) != redactedMark {
		t.Fatalf("MarshalText: %s", txt)
	}
	// The request body is the one place the value goes out: the absent secret is left out.
	body, err := encodeParams(&WebhookCreateParams{URL: "https://x", Events: []WebhookEventSelector{"*"}, Secret: s}, nil)
	if err != nil || !strings.Contains(string(body), `"secret":"whsec_abc"`) {
		t.Fatalf("request body: %s %v", body, err)
	}
	body, _ = encodeParams(&WebhookCreateParams{URL: "https://x"}, nil)
	if strings.Contains(string(body), "secret") {
		t.Fatalf("absent secret sent: %s", body)
	}
	if _, err := encodeParams(&WebhookCreateParams{URL: "https://x", Secret: NewSecret("\xff")}, nil); !errors.Is(err, ErrValidation) {
		t.Fatalf("non-UTF-8 secret: %v", err)
	}
	// The masked form kept in memory is not the value.
	if s.masked == "whsec_abc" || strings.Contains(s.masked, "whsec") {
		t.Fatal("Secret keeps the value unmasked")
	}
}
