// The published quick-start flow in Go: create a card, read its details, fund it, list its
// transactions. Reads CRYPTOTOPCARD_API_KEY (and CRYPTOTOPCARD_BASE_URL, e.g. a local sandbox).
// Run with CRYPTOTOPCARD_LOG=debug to see every request the SDK makes (through log/slog).
package main

import (
	"context"
	"errors"
	"fmt"
	"log"
	"log/slog"
	"time"

	"github.com/cryptotopcard/cryptotopcard-go"
)

func main() {
	if err := run(); err != nil {
		var apiErr *cryptotopcard.APIError
		if errors.As(err, &apiErr) {
			log.Fatalf("%s %d %s (request %s): %s", apiErr.Class.Name(), apiErr.Status, apiErr.Code, apiErr.RequestID, apiErr.Message)
		}
		log.Fatal(err)
	}
}

func run() error {
	ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
	defer cancel()

	// An empty key means CRYPTOTOPCARD_API_KEY.
	client, err := cryptotopcard.NewClient("")
	if err != nil {
		return err
	}
	defer client.Close()

	// Create a card. A create that failed after it may have reached the API (connection dropped,
	// timeout, 5xx) may still have been applied: retrying with the idempotency key from the error
	// creates at most one card. (ErrAPIConnection covers timeouts: APITimeoutError is under it.)
	params := &cryptotopcard.CardCreateParams{
		BinID:             "491653",
		Amount:            500,
		Label:             cryptotopcard.String("Ad Spend"),
		AllowedCategories: []cryptotopcard.Category{cryptotopcard.CategoryAdvertising},
	}
	card, err := client.Cards.Create(ctx, params)
	if key, ok := cryptotopcard.IdempotencyKey(err); ok && (errors.Is(err, cryptotopcard.ErrAPIConnection) ||
		errors.Is(err, cryptotopcard.ErrInternalServer)) {
		card, err = client.Cards.Create(ctx, params, cryptotopcard.WithIdempotencyKey(key))
	}
	if errors.Is(err, cryptotopcard.ErrInsufficientFunds) {
		return fmt.Errorf("top up the wallet first: %w", err)
	}
	if err != nil {
		return err
	}
	fmt.Println("created", card.ID, "last4", card.Last4, "balance", card.Balance)

	// Get full card details. PAN and CVV are cryptotopcard.Secret values: printing, logging
	// (log/slog) or json.Marshal show [REDACTED]; Reveal() returns the value.
	details, err := client.Cards.Details(ctx, card.ID)
	if err != nil {
		return err
	}
	fmt.Printf("details %v\n", details)           // prints [REDACTED] for PAN and CVV
	slog.Info("card details", "details", details) // pan=[REDACTED] cvv=[REDACTED]
	fmt.Printf("holder %s, billing %s, %s %s\n", details.HolderName, details.BillingAddress.Line1,
		details.BillingAddress.City, details.BillingAddress.Country)
	if pan := details.PAN.Reveal(); len(pan) >= 10 {
		fmt.Printf("PAN %s…%s, expires %02d/%d\n", pan[:6], pan[len(pan)-4:], details.ExpMonth, details.ExpYear)
	}

	// Fund the card.
	funding, err := client.Cards.Fund(ctx, card.ID, &cryptotopcard.CardFundParams{Amount: 200})
	if err != nil {
		return err
	}
	fmt.Println("funded", funding.FundedAmount, "new balance", funding.NewBalance, "wallet", funding.WalletBalance)

	// Spend on it (sandbox simulator), so there is something to list.
	if _, err := client.Sandbox.Authorize(ctx, &cryptotopcard.SandboxAuthorizeParams{
		CardID:   card.ID,
		Amount:   12.50,
		Merchant: cryptotopcard.MerchantParams{Name: "FACEBK ADS", Category: cryptotopcard.String("advertising")},
	}); err != nil {
		return err
	}

	// List transactions. Amounts are float64 dollars: add them up in integer cents.
	txns, err := client.Transactions.List(ctx, &cryptotopcard.TransactionListParams{CardID: cryptotopcard.String(card.ID)})
	if err != nil {
		return err
	}
	var totalCents int64
	for _, t := range txns.Data {
		fmt.Println("transaction", t.Merchant.Name, t.Type, t.Amount)
		totalCents += cryptotopcard.Cents(t.Amount)
	}
	fmt.Printf("net movement %.2f USD\n", cryptotopcard.Dollars(totalCents))

	// Or iterate over every page, with a copy of the client that is more patient (it shares the
	// client's connections; only what is named changes).
	patient, err := client.WithOptions(cryptotopcard.WithTimeout(2*time.Minute), cryptotopcard.WithMaxRetries(4))
	if err != nil {
		return err
	}
	defer patient.Close()
	n := 0
	for c, err := range patient.Cards.ListAutoPaging(ctx, &cryptotopcard.CardListParams{PerPage: cryptotopcard.Int(10)}) {
		if err != nil {
			return err
		}
		n++
		_ = c
	}
	fmt.Println("cards in the account:", n)
	return nil
}
