package cryptotopcard

import (
	"math"
	"strconv"
	"testing"
)

// Every two-decimal amount converts to its exact number of cents and back to the float64 the
// JSON decoder gives for it.
func TestCentsAndDollars(t *testing.T) {
	for c := int64(-2_000_000); c <= 2_000_000; c++ {
		text := strconv.FormatFloat(float64(c)/100, 'f', 2, 64)
		parsed, err := strconv.ParseFloat(text, 64)
		if err != nil {
			t.Fatal(err)
		}
		if Cents(parsed) != c || Dollars(c) != parsed {
			t.Fatalf("%s: Cents %d, Dollars %v", text, Cents(parsed), Dollars(c))
		}
	}
	for _, big := range []int64{1 << 50, 1<<53 - 1, -(1 << 53) + 1, 99_999_999_999_99} {
		if Cents(Dollars(big)) != big {
			t.Fatalf("round trip of %d cents", big)
		}
	}
	tenth, fifth := 0.1, 0.2
	if tenth+fifth == 0.3 {
		t.Fatal("expected binary noise")
	}
	cases := map[float64]int64{tenth + fifth: 30, 19.99: 1999, -5.5: -550, 0.005: 1, -0.005: -1, 1.234: 123,
		math.NaN(): 0, math.Inf(1): math.MaxInt64, math.Inf(-1): math.MinInt64, 1e300: math.MaxInt64}
	for in, want := range cases {
		if got := Cents(in); got != want {
			t.Errorf("Cents(%v) = %d, want %d", in, got, want)
		}
	}
	// Summing balances in cents is exact where float64 is not.
	var f float64
	var cents int64
	for i := 0; i < 10; i++ {
		f += 0.1
		cents += Cents(0.1)
	}
	if f == 1 || cents != 100 || Dollars(cents) != 1 {
		t.Fatalf("float sum %v, cents %d", f, cents)
	}
}

// Against the sandbox: amounts are dollars with two decimals; a float64 with binary noise is
// sent rounded to cents (the core's job), for a parameter and for a filter.
func TestAmountsOnTheWireAreCents(t *testing.T) {
	c, _ := newClient(t)
	ctx := testCtx(t)
	tenth, fifth := 0.1, 0.2
	noisy := tenth + fifth // 0.30000000000000004
	card := mustCard(t, c, noisy+10, "cents")
	if Cents(card.Balance) != 1030 || card.Balance != 10.3 {
		t.Fatalf("card balance %v", card.Balance)
	}
	w, err := c.Wallet.Retrieve(ctx)
	if err != nil || Cents(w.Balance) != 1_000_000-1030 {
		t.Fatalf("wallet %v %v", w, err)
	}
	if _, err := c.Sandbox.Authorize(ctx, &SandboxAuthorizeParams{CardID: card.ID, Merchant: MerchantParams{Name: "CENTS SHOP"}, Amount: noisy}); err != nil {
		t.Fatal(err)
	}
	page, err := c.Transactions.List(ctx, &TransactionListParams{CardID: String(card.ID), MinAmount: Float64(noisy),
		MaxAmount: Float64(noisy)})
	if err != nil {
		t.Fatalf("filters with binary noise: %v", err)
	}
	if len(page.Data) != 1 || Cents(page.Data[0].Amount) != 30 && Cents(page.Data[0].Amount) != -30 {
		t.Fatalf("transactions of 0.30: %+v", page.Data)
	}
}
