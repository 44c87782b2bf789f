package cryptotopcard_test

import (
	"context"
	"errors"
	"fmt"
	"os"
	"strings"

	"github.com/cryptotopcard/cryptotopcard-go"
)

// The published quick start. (Run as a test against the sandbox that TestMain starts; in your code
// the key comes from your configuration or CRYPTOTOPCARD_API_KEY.)
func Example() {
	ctx := context.Background()
	client, err := cryptotopcard.NewClient("sk_test_example_quickstart_"+fmt.Sprint(os.Getpid()),
		cryptotopcard.WithBaseURL(os.Getenv("CTC_TEST_BASE_URL")))
	if err != nil {
		fmt.Println(err)
		return
	}
	defer client.Close()

	card, err := client.Cards.Create(ctx, &cryptotopcard.CardCreateParams{
		BinID: "491653", Amount: 500, Label: cryptotopcard.String("Ad Spend"),
	})
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Println("balance", card.Balance, "status", card.Status)

	details, err := client.Cards.Details(ctx, card.ID)
	if err != nil {
		fmt.Println(err)
		return
	}
	// PAN and CVV are Secrets: printing, logging or marshalling them shows [REDACTED];
	// Reveal returns the value.
	pan := details.PAN.Reveal()
	fmt.Println("PAN digits:", len(pan), "shown when printed:", strings.Contains(fmt.Sprint(details), pan))

	funding, err := client.Cards.Fund(ctx, card.ID, &cryptotopcard.CardFundParams{Amount: 200})
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Println("new balance", funding.NewBalance)

	_, err = client.Cards.Retrieve(ctx, "card_missing")
	var apiErr *cryptotopcard.APIError
	if errors.As(err, &apiErr) && errors.Is(err, cryptotopcard.ErrNotFound) {
		fmt.Println("not found:", apiErr.Status, apiErr.Code)
	}
	// Output:
	// balance 500 status active
	// PAN digits: 16 shown when printed: false
	// new balance 700
	// not found: 404 not_found
}
