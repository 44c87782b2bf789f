package cryptotopcard

import (
	"encoding/json"
	"errors"
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

// Every operation of the API, each checked for its effect, and the list checked against the core's.
func TestEveryOperation(t *testing.T) {
	rec := recordOps(t)
	c, _ := newClient(t)
	ctx := testCtx(t)

	card := mustCard(t, c, 300, "ops")
	got, err := c.Cards.Retrieve(ctx, card.ID)
	if err != nil || got.ID != card.ID || got.Balance != 300 {
		t.Fatalf("retrieve: %+v %v", got, err)
	}
	upd, err := c.Cards.Update(ctx, card.ID, &CardUpdateParams{Label: String("renamed"), SpendingLimit: Float64(1500),
		Metadata: MetadataParams{"team": "growth"}})
	if err != nil || upd.Label == nil || *upd.Label != "renamed" || upd.SpendingLimit != 1500 || upd.Metadata["team"] != "growth" {
		t.Fatalf("update: %+v %v", upd, err)
	}
	page, err := c.Cards.List(ctx, &CardListParams{Status: Ptr(CardStatusActive)})
	if err != nil || len(page.Data) != 1 || page.Data[0].ID != card.ID || page.Pagination.Total != 1 {
		t.Fatalf("list: %+v %v", page, err)
	}
	fr, err := c.Cards.Freeze(ctx, card.ID)
	if err != nil || fr.Status != CardStatusFrozen {
		t.Fatalf("freeze: %+v %v", fr, err)
	}
	uf, err := c.Cards.Unfreeze(ctx, card.ID)
	if err != nil || uf.Status != CardStatusActive {
		t.Fatalf("unfreeze: %+v %v", uf, err)
	}
	if _, err := c.Cards.Details(ctx, card.ID); err != nil {
		t.Fatalf("details: %v", err)
	}
	fu, err := c.Cards.Fund(ctx, card.ID, &CardFundParams{Amount: 100})
	if err != nil || fu.NewBalance != 400 {
		t.Fatalf("fund: %+v %v", fu, err)
	}
	wd, err := c.Cards.Withdraw(ctx, card.ID, &CardWithdrawParams{Amount: 50.25})
	if err != nil || wd.WithdrawnAmount != 50.25 || wd.NewBalance != 349.75 {
		t.Fatalf("withdraw: %+v %v", wd, err)
	}

	// Transactions through the simulators: authorize+settle, authorize then settle, refund.
	settled, err := c.Sandbox.Authorize(ctx, &SandboxAuthorizeParams{CardID: card.ID, Amount: 20,
		Merchant: MerchantParams{Name: "SPOTIFY", Category: String("subscriptions")}})
	if err != nil || settled.Type != TransactionTypeSettlement {
		t.Fatalf("authorize: %+v %v", settled, err)
	}
	auth, err := c.Sandbox.Authorize(ctx, &SandboxAuthorizeParams{CardID: card.ID, Amount: 5,
		Merchant: MerchantParams{Name: "AWS"}, Settle: Bool(false)})
	if err != nil || auth.Type != TransactionTypeAuthorization {
		t.Fatalf("authorize (no settle): %+v %v", auth, err)
	}
	st, err := c.Sandbox.Settle(ctx, auth.ID)
	if err != nil || st.Type != TransactionTypeSettlement {
		t.Fatalf("settle: %+v %v", st, err)
	}
	rf, err := c.Sandbox.Refund(ctx, settled.ID, &SandboxRefundParams{Amount: Float64(5)})
	if err != nil || rf.Type != TransactionTypeRefund {
		t.Fatalf("refund: %+v %v", rf, err)
	}
	txs, err := c.Transactions.List(ctx, &TransactionListParams{CardID: String(card.ID)})
	if err != nil || len(txs.Data) < 3 {
		t.Fatalf("transactions.list: %+v %v", txs, err)
	}
	tx, err := c.Transactions.Retrieve(ctx, settled.ID)
	if err != nil || tx.ID != settled.ID || tx.Merchant.Name != "SPOTIFY" {
		t.Fatalf("transactions.retrieve: %+v %v", tx, err)
	}

	// Wallet and deposits.
	w, err := c.Wallet.Retrieve(ctx)
	if err != nil || w.Currency != CurrencyUSD || w.CardsActive != 1 {
		t.Fatalf("wallet: %+v %v", w, err)
	}
	addrs, err := c.Wallet.Addresses(ctx, &WalletAddressesParams{})
	if err != nil || addrs.Addresses.BTC == nil || *addrs.Addresses.BTC == "" {
		t.Fatalf("addresses: %+v %v", addrs, err)
	}
	dep, err := c.Sandbox.Deposit(ctx, &SandboxDepositParams{Currency: CryptoCurrencyBTC, AmountUSD: 500, Status: String("pending")})
	if err != nil || dep.Status != DepositStatusPending || dep.FeeUSD != 10 || dep.CreditedUSD != 490 {
		t.Fatalf("deposit: %+v %v", dep, err)
	}
	conf, err := c.Sandbox.ConfirmDeposit(ctx, dep.ID)
	if err != nil || conf.Status != DepositStatusConfirmed {
		t.Fatalf("confirm: %+v %v", conf, err)
	}
	deps, err := c.Wallet.Deposits(ctx, &WalletDepositsParams{Status: Ptr(DepositStatusConfirmed)})
	if err != nil || len(deps.Data) == 0 {
		t.Fatalf("deposits: %+v %v", deps, err)
	}
	w2, err := c.Wallet.Retrieve(ctx)
	if err != nil || w2.Balance != w.Balance+490 {
		t.Fatalf("wallet after deposit: %+v (before %v) %v", w2, w.Balance, err)
	}

	// BINs.
	bins, err := c.Bins.List(ctx)
	if err != nil {
		t.Fatalf("bins: %v", err)
	}
	ids := map[string]bool{}
	for _, b := range bins.Data {
		ids[b.ID] = true
	}
	if !ids["491653"] || !ids["531993"] {
		t.Fatalf("bins: %+v", bins.Data)
	}

	// 3DS.
	ch, err := c.Sandbox.Challenge(ctx, &SandboxChallengeParams{CardID: card.ID, Merchant: "SPOTIFY", Amount: 9.99})
	if err != nil || len(ch.OTP.Reveal()) != 6 || ch.Status != ThreeDSStatusPending {
		t.Fatalf("challenge: %+v %v", ch, err)
	}
	chs, err := c.ThreeDS.List(ctx, &ThreeDSListParams{CardID: String(card.ID), Status: Ptr(ThreeDSStatusPending)})
	if err != nil || len(chs.Data) != 1 || chs.Data[0].ID != ch.ID {
		t.Fatalf("threeds.list: %+v %v", chs, err)
	}
	ch2, err := c.ThreeDS.Retrieve(ctx, ch.ID)
	if err != nil || ch2.OTP != ch.OTP || ch2.OTP.Reveal() != ch.OTP.Reveal() {
		t.Fatalf("threeds.retrieve: %+v %v", ch2, err)
	}

	// Webhooks.
	wh, err := c.Webhooks.Create(ctx, &WebhookCreateParams{URL: "https://example.com/hooks",
		Events: []WebhookEventSelector{WebhookEventSelectorTransactionAuthorized, WebhookEventSelectorThreeDSChallenge}})
	if err != nil || !strings.HasPrefix(wh.Secret.Reveal(), "whsec_") || len(wh.Events) != 2 {
		t.Fatalf("webhooks.create: %v %v", wh, err)
	}
	whs, err := c.Webhooks.List(ctx)
	if err != nil || len(whs.Data) != 1 || whs.Data[0].ID != wh.ID {
		t.Fatalf("webhooks.list: %v %v", whs, err)
	}
	if err := c.Webhooks.Delete(ctx, wh.ID); err != nil {
		t.Fatalf("webhooks.delete: %v", err)
	}
	whs, err = c.Webhooks.List(ctx)
	if err != nil || len(whs.Data) != 0 {
		t.Fatalf("webhooks.list after delete: %v %v", whs, err)
	}

	// Terminate last: the balance returns to the wallet.
	term, err := c.Cards.Terminate(ctx, card.ID)
	if err != nil || term.Status != CardStatusTerminated || term.RefundedAmount <= 0 {
		t.Fatalf("terminate: %+v %v", term, err)
	}
	if _, err := c.Cards.Fund(ctx, card.ID, &CardFundParams{Amount: 10}); !errors.Is(err, ErrConflict) {
		t.Fatalf("fund after terminate: want ErrConflict, got %v", err)
	}

	for _, op := range operationNames {
		if rec.ops[op] == 0 {
			t.Errorf("operation %s was not exercised", op)
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
