package cryptotopcard

import "math"

// Money: every amount in this SDK (Card.Balance, Wallet.Balance, Transaction.Amount, the Amount
// of CardCreateParams, ...) is a float64 number of US dollars, as on the wire, where the API
// sends and takes at most two decimals (12.34). A float64 cannot hold most decimal fractions
// exactly (0.1 + 0.2 != 0.3), so do not add up or compare balances as float64: convert each
// amount to integer cents with Cents, compute in cents, and convert back with Dollars for a
// parameter. Amounts you send are rounded to cents by the core (0.1 + 0.2 is sent as 0.3).

// Cents converts an amount in dollars to an integer number of cents, rounding to the nearest
// cent (half away from zero): Cents(0.1+0.2) == 30, Cents(19.99) == 1999, Cents(-5.5) == -550.
// For every two-decimal amount the API sends it is exact. NaN gives 0; amounts beyond ±2^63
// cents are clamped.
func Cents(dollars float64) int64 {
	if math.IsNaN(dollars) {
		return 0
	}
	c := math.Round(dollars * 100)
	switch {
	case c >= math.MaxInt64:
		return math.MaxInt64
	case c <= math.MinInt64:
		return math.MinInt64
	}
	return int64(c)
}

// Dollars converts cents to the float64 amount the API takes: the float64 nearest the decimal
// value, the same number json.Unmarshal gives for it, so Cents(Dollars(c)) == c for any c up to
// ±2^53.
func Dollars(cents int64) float64 { return float64(cents) / 100 }
