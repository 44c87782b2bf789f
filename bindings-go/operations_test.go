package cryptotopcard

import (
	"encoding/json"
	"sort"
	"strings"
	"testing"
)

func luhnOK(pan string) bool {
	sum, double := 0, false
	for i := len(pan) - 1; i >= 0; i-- {
		d := int(pan[i] - '0')
		if d < 0 || d > 9 {
			return false
		}
		if double {
			d *= 2
			if d > 9 {
				d -= 9
			}
		}
		sum += d
		double = !double
	}
	return sum%10 == 0
}

// The published quick start: create, details, fund, list transactions.
func TestPublishedFlow(t *testing.T) {
	c, _ := newClient(t)
	ctx := testCtx(t)
	card, err := c.Cards.Create(ctx, &CardCreateParams{
		BinID: "491653", Amount: 500, Label: String("Meta Ads Campaign #12"), SpendingLimit: Float64(2000),
		AllowedCategories: []Category{CategoryAdvertising}, Metadata: MetadataParams{"campaign": "spring_2026"},
	})
	if err != nil {
		t.Fatalf("create: %v", err)
	}
	if !strings.HasPrefix(card.ID, "card_") || card.Balance != 500 || card.Status != CardStatusActive ||
		card.Network != CardNetworkVisa || len(card.Last4) != 4 || card.SpendingLimit != 2000 {
		t.Fatalf("unexpected card: %+v", card)
	}
	if card.Label == nil || *card.Label != "Meta Ads Campaign #12" || card.Metadata["campaign"] != "spring_2026" {
		t.Fatalf("label/metadata not kept: %+v", card)
	}
	details, err := c.Cards.Details(ctx, card.ID)
	if err != nil {
		t.Fatalf("details: %v", err)
	}
	pan := details.PAN.Reveal()
	if len(pan) != 16 || !strings.HasPrefix(pan, "491653") || !luhnOK(pan) ||
		!strings.HasSuffix(pan, card.Last4) || len(details.CVV.Reveal()) < 3 {
		t.Fatalf("details do not look like a card of BIN 491653 (len %d)", len(pan))
	}
	fund, err := c.Cards.Fund(ctx, card.ID, &CardFundParams{Amount: 200})
	if err != nil {
		t.Fatalf("fund: %v", err)
	}
	if fund.PreviousBalance != 500 || fund.FundedAmount != 200 || fund.NewBalance != 700 || fund.WalletBalance != 9300 {
		t.Fatalf("fund result: %+v", fund)
	}
	if _, err := c.Sandbox.Authorize(ctx, &SandboxAuthorizeParams{CardID: card.ID, Amount: 12.5,
		Merchant: MerchantParams{Name: "FACEBK ADS", Category: String("advertising")}}); err != nil {
		t.Fatalf("authorize: %v", err)
	}
	txns, err := c.Transactions.List(ctx, &TransactionListParams{CardID: String(card.ID)})
	if err != nil {
		t.Fatalf("transactions: %v", err)
	}
	if len(txns.Data) == 0 {
		t.Fatal("no transactions listed")
	}
	for _, tx := range txns.Data {
		if tx.CardID != card.ID || tx.Merchant.Name != "FACEBK ADS" {
			t.Fatalf("unexpected transaction %+v", tx)
		}
	}
}

// The operations this package exposes are exactly the core's.
func TestOperationsMatchCore(t *testing.T) {
	raw, nerr := nativeOperations()
	if nerr != nil {
		t.Fatalf("ctc_operations: %v", errorFromNative(nerr, nil, ""))
	}
	var core []string
	if err := json.Unmarshal([]byte(raw), &core); err != nil {
		t.Fatal(err)
	}
	mine := append([]string{}, operationNames...)
	sort.Strings(core)
	sort.Strings(mine)
	if strings.Join(core, ",") != strings.Join(mine, ",") {
		t.Fatalf("operations differ:\ncore: %v\ngo:   %v", core, mine)
	}
	if nativeVersion() == "" {
		t.Fatal("empty native version")
	}
}
