package cryptotopcard

import (
	"context"
	"errors"
	"fmt"
	"math"
	"strings"
	"testing"
)

// Issue #8: bad input is a *ValidationError naming the field, and no request reaches the sandbox.
// (Go's types already rule out some cases: a string amount, a number label, a missing struct.)
func TestBadInputIsRejectedBeforeSending(t *testing.T) {
	c, _ := newClient(t)
	ctx := context.Background()
	long := strings.Repeat("x", 65)
	meta21 := MetadataParams{}
	for i := 0; i < 21; i++ {
		meta21[fmt.Sprintf("k%d", i)] = "v"
	}
	create := func(p CardCreateParams) func() error {
		return func() error {
			if p.BinID == "" && p.Amount == 0 {
				p.BinID, p.Amount = "491653", 10
			}
			_, err := c.Cards.Create(ctx, &p)
			return err
		}
	}
	base := func() CardCreateParams { return CardCreateParams{BinID: "491653", Amount: 10} }
	with := func(f func(*CardCreateParams)) CardCreateParams { p := base(); f(&p); return p }

	cases := []struct {
		name  string
		call  func() error
		field string // the field the error must name (prefix for nested fields)
	}{
		{"amount NaN", create(with(func(p *CardCreateParams) { p.Amount = math.NaN() })), "amount"},
		{"amount +Inf", create(with(func(p *CardCreateParams) { p.Amount = math.Inf(1) })), "amount"},
		{"amount -Inf", create(with(func(p *CardCreateParams) { p.Amount = math.Inf(-1) })), "amount"},
		{"amount negative", create(with(func(p *CardCreateParams) { p.Amount = -5 })), "amount"},
		{"amount 3 decimals", create(with(func(p *CardCreateParams) { p.Amount = 10.005 })), "amount"},
		{"amount below minimum", create(with(func(p *CardCreateParams) { p.Amount = 0.5 })), "amount"},
		{"amount above maximum", create(with(func(p *CardCreateParams) { p.Amount = 5000.01 })), "amount"},
		{"spending_limit NaN", create(with(func(p *CardCreateParams) { p.SpendingLimit = Float64(math.NaN()) })), "spending_limit"},
		{"auto_freeze_at negative", create(with(func(p *CardCreateParams) { p.AutoFreezeAt = Float64(-1) })), "auto_freeze_at"},
		{"label 65 chars", create(with(func(p *CardCreateParams) { p.Label = String(long) })), "label"},
		{"label not UTF-8", create(with(func(p *CardCreateParams) { p.Label = String("ad\xffspend") })), "label"},
		{"metadata 21 keys", create(with(func(p *CardCreateParams) { p.Metadata = meta21 })), "metadata"},
		{"metadata key 41 chars", create(with(func(p *CardCreateParams) { p.Metadata = MetadataParams{strings.Repeat("k", 41): "v"} })), "metadata"},
		{"metadata value 501 chars", create(with(func(p *CardCreateParams) { p.Metadata = MetadataParams{"k": strings.Repeat("v", 501)} })), "metadata"},
		{"metadata value NaN", create(with(func(p *CardCreateParams) { p.Metadata = MetadataParams{"k": math.NaN()} })), "metadata"},
		{"unknown category", create(with(func(p *CardCreateParams) { p.AllowedCategories = []Category{"crypto_casino"} })), "allowed_categories"},
		{"empty bin_id", create(with(func(p *CardCreateParams) { p.BinID = "" })), "bin_id"},
		{"retrieve empty id", func() error { _, err := c.Cards.Retrieve(ctx, ""); return err }, "card_id"},
		{"details empty id", func() error { _, err := c.Cards.Details(ctx, ""); return err }, "card_id"},
		{"fund empty id", func() error { _, err := c.Cards.Fund(ctx, "", &CardFundParams{Amount: 5}); return err }, "card_id"},
		{"fund 3 decimals", func() error { _, err := c.Cards.Fund(ctx, "card_x", &CardFundParams{Amount: 1.001}); return err }, "amount"},
		{"fund Inf", func() error { _, err := c.Cards.Fund(ctx, "card_x", &CardFundParams{Amount: math.Inf(1)}); return err }, "amount"},
		{"withdraw negative", func() error { _, err := c.Cards.Withdraw(ctx, "card_x", &CardWithdrawParams{Amount: -1}); return err }, "amount"},
		{"withdraw zero", func() error { _, err := c.Cards.Withdraw(ctx, "card_x", &CardWithdrawParams{Amount: 0}); return err }, "amount"},
		{"update label too long", func() error {
			_, err := c.Cards.Update(ctx, "card_x", &CardUpdateParams{Label: String(long)})
			return err
		}, "label"},
		{"cards per_page 0", func() error { _, err := c.Cards.List(ctx, &CardListParams{PerPage: Int(0)}); return err }, "per_page"},
		{"cards per_page 101", func() error { _, err := c.Cards.List(ctx, &CardListParams{PerPage: Int(101)}); return err }, "per_page"},
		{"transactions per_page 0", func() error {
			_, err := c.Transactions.List(ctx, &TransactionListParams{PerPage: Int(0)})
			return err
		}, "per_page"},
		{"transactions min_amount NaN", func() error {
			_, err := c.Transactions.List(ctx, &TransactionListParams{MinAmount: Float64(math.NaN())})
			return err
		}, "min_amount"},
		{"transaction empty id", func() error { _, err := c.Transactions.Retrieve(ctx, ""); return err }, "transaction_id"},
		{"3ds empty id", func() error { _, err := c.ThreeDS.Retrieve(ctx, ""); return err }, "challenge_id"},
		{"webhook non-https url", func() error {
			_, err := c.Webhooks.Create(ctx, &WebhookCreateParams{URL: "http://example.com/hook", Events: []WebhookEventSelector{"*"}})
			return err
		}, "url"},
		{"webhook no events", func() error {
			_, err := c.Webhooks.Create(ctx, &WebhookCreateParams{URL: "https://example.com/hook", Events: []WebhookEventSelector{}})
			return err
		}, "events"},
		{"webhook delete empty id", func() error { return c.Webhooks.Delete(ctx, "") }, "webhook_id"},
		{"authorize amount NaN", func() error {
			_, err := c.Sandbox.Authorize(ctx, &SandboxAuthorizeParams{CardID: "card_x", Amount: math.NaN(), Merchant: MerchantParams{Name: "M"}})
			return err
		}, "amount"},
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

	// Client construction: a non-HTTPS base URL and malformed keys fail before any request.
	before = sandboxRequests(t)
	for _, bad := range []struct {
		name, key, url string
	}{
		{"non-https base URL", "sk_test_abc", "http://api.example.com/v1"},
		{"not a URL", "sk_test_abc", "::not a url::"},
		{"key with newline", "sk_test_abc\nX-Evil: 1", sandboxURL},
		{"key not UTF-8", "sk_test_\xff", sandboxURL},
		{"blank key", "   ", sandboxURL},
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
