package cryptotopcard

import (
	"fmt"
	"testing"
)

func TestPagination(t *testing.T) {
	c, _ := newClient(t)
	ctx := testCtx(t)
	want := map[string]bool{}
	for i := 0; i < 7; i++ {
		card := mustCard(t, c, 1, fmt.Sprintf("page-%d", i))
		want[card.ID] = true
	}
	p1, err := c.Cards.List(ctx, &CardListParams{PerPage: Int(3)})
	if err != nil {
		t.Fatal(err)
	}
	if len(p1.Data) != 3 || p1.Pagination.Total != 7 || p1.Pagination.TotalPages == nil || *p1.Pagination.TotalPages != 3 {
		t.Fatalf("first page: %+v", p1.Pagination)
	}
	// Each page comes with the params of the next one, from the core. (Paging with NextPage to the
	// last page, which has none, is a conformance case.)
	if np := p1.NextPage; np == nil || np.Page == nil || *np.Page != 2 || np.PerPage == nil || *np.PerPage != 3 {
		t.Fatalf("next page of the first: %+v", np)
	}

	seen := map[string]bool{}
	for card, err := range c.Cards.ListAutoPaging(ctx, &CardListParams{PerPage: Int(3)}) {
		if err != nil {
			t.Fatalf("auto-paging: %v", err)
		}
		if seen[card.ID] {
			t.Fatalf("card %s yielded twice", card.ID)
		}
		seen[card.ID] = true
	}
	if len(seen) != len(want) {
		t.Fatalf("auto-paging saw %d cards, want %d", len(seen), len(want))
	}
	for id := range want {
		if !seen[id] {
			t.Fatalf("auto-paging missed %s", id)
		}
	}

	// Stopping early stops fetching (and does not panic).
	n := 0
	for _, err := range c.Cards.ListAutoPaging(ctx, &CardListParams{PerPage: Int(2)}) {
		if err != nil {
			t.Fatal(err)
		}
		n++
		if n == 3 {
			break
		}
	}
	if n != 3 {
		t.Fatalf("early break: %d", n)
	}

	// Filters are kept across pages.
	card := mustCard(t, c, 1, "frozen-one")
	if _, err := c.Cards.Freeze(ctx, card.ID); err != nil {
		t.Fatal(err)
	}
	frozen := 0
	for cs, err := range c.Cards.ListAutoPaging(ctx, &CardListParams{PerPage: Int(1), Status: Ptr(CardStatusFrozen)}) {
		if err != nil {
			t.Fatal(err)
		}
		if cs.Status != CardStatusFrozen {
			t.Fatalf("filter lost on a later page: %+v", cs)
		}
		frozen++
	}
	if frozen != 1 {
		t.Fatalf("frozen cards: %d", frozen)
	}

	// An error is yielded, once.
	errs := 0
	for _, err := range c.Cards.ListAutoPaging(ctx, &CardListParams{PerPage: Int(101)}) {
		if err == nil {
			t.Fatal("per_page 101 yielded an item")
		}
		errs++
	}
	if errs != 1 {
		t.Fatalf("errors yielded: %d", errs)
	}

	// Transactions pages have their own default; the auto-pager covers them too.
	for i := 0; i < 4; i++ {
		if _, err := c.Sandbox.Authorize(ctx, &SandboxAuthorizeParams{CardID: card.ID, Amount: 0.1, Merchant: MerchantParams{Name: "X"}}); err != nil {
			t.Fatal(err)
		}
	}
	tx := 0
	for _, err := range c.Transactions.ListAutoPaging(ctx, &TransactionListParams{CardID: String(card.ID), PerPage: Int(1)}) {
		if err != nil {
			t.Fatal(err)
		}
		tx++
	}
	if tx != 4 {
		t.Fatalf("transactions auto-paged: %d, want 4 (declines of a frozen card)", tx)
	}
}
