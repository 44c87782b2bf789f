"""Pages and auto-paging (sync); the next page's parameters come from the core."""

from __future__ import annotations

import cryptotopcard


def test_pages_and_auto_paging(client: cryptotopcard.Client) -> None:
    ids = {client.cards.create(bin_id="531993", amount=1).id for _ in range(11)}
    first = client.cards.list(per_page=4)
    assert len(first) == 4 and first.pagination is not None
    assert first.pagination.total == 11 and first.pagination.total_pages == 3
    assert first.has_next_page()
    walked = [c.id for c in first.auto_paging_iter()]
    assert len(walked) == 11 and set(walked) == ids
    third = first.get_next_page()
    assert third is not None
    third = third.get_next_page()
    assert third is not None and len(third) == 3 and not third.has_next_page()
    assert third.get_next_page() is None
    # Filters carry over to later pages.
    client.cards.freeze(sorted(ids)[0])
    frozen = [c.id for c in client.cards.list(status="frozen", per_page=1).auto_paging_iter()]
    assert frozen == [sorted(ids)[0]]


def test_page_without_items(client: cryptotopcard.Client) -> None:
    page = client.transactions.list()
    assert page.data == [] and not page and list(page.auto_paging_iter()) == []
    assert page.to_dict()["data"] == []


def test_transactions_auto_paging(client: cryptotopcard.Client) -> None:
    card = client.cards.create(bin_id="491653", amount=100)
    for i in range(5):
        client.sandbox.authorize(card_id=card.id, amount=1, merchant={"name": f"M{i}"})
    txns = list(client.transactions.list(card_id=card.id, per_page=2).auto_paging_iter())
    assert len(txns) >= 5
    assert len({t.id for t in txns}) == len(txns)
