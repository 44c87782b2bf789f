"""AsyncClient: the same operations as coroutines on the one shared runtime."""

from __future__ import annotations

import asyncio

import pytest

import cryptotopcard
from cryptotopcard import AsyncPage, Card


async def test_async_operations(aclient: cryptotopcard.AsyncClient) -> None:
    card = await aclient.cards.create(bin_id="491653", amount=100, label="async")
    assert isinstance(card, Card) and card.balance == 100.0
    assert (await aclient.cards.retrieve(card.id)).label == "async"
    details = await aclient.cards.details(card.id)
    assert details.pan.endswith(card.last4)
    assert (await aclient.cards.update(card.id, label="renamed")).label == "renamed"
    assert (await aclient.cards.fund(card.id, amount=10)).new_balance == 110.0
    assert (await aclient.cards.withdraw(card.id, amount=5)).new_balance == 105.0
    assert (await aclient.cards.freeze(card.id)).status == "frozen"
    assert (await aclient.cards.unfreeze(card.id)).status == "active"
    txn = await aclient.sandbox.authorize(
        card_id=card.id, amount=1, merchant={"name": "SPOTIFY"}, settle=False
    )
    assert (await aclient.sandbox.settle(txn.id)).id
    assert (await aclient.sandbox.refund(txn.id)).type == "refund"
    assert (await aclient.transactions.retrieve(txn.id)).id == txn.id
    assert len((await aclient.transactions.list(card_id=card.id)).data) >= 2
    ch = await aclient.sandbox.challenge(card_id=card.id, merchant="SPOTIFY", amount=1)
    assert (await aclient.threeds.retrieve(ch.id)).otp == ch.otp
    assert [c.id for c in await aclient.threeds.list()] == [ch.id]
    dep = await aclient.sandbox.deposit(currency="sol", amount_usd=50, status="pending")
    assert (await aclient.sandbox.confirm_deposit(dep.id)).status == "confirmed"
    assert len((await aclient.wallet.deposits()).data) == 1
    assert (await aclient.wallet.addresses()).networks.sol
    assert len((await aclient.bins.list()).data) >= 2
    wh = await aclient.webhooks.create(url="https://example.com/h", events=["*"])
    assert [w.id for w in await aclient.webhooks.list()] == [wh.id]
    await aclient.webhooks.delete(wh.id)
    ended = await aclient.cards.terminate(card.id)
    assert ended.refunded_amount == 105.0
    wallet = await aclient.wallet.retrieve()
    assert wallet.balance == 10000.0 - 1 + 1 + 49.0  # spent 1, refunded 1, deposit 50 - 2% fee


async def test_async_errors_are_typed(aclient: cryptotopcard.AsyncClient) -> None:
    with pytest.raises(cryptotopcard.NotFoundError) as e:
        await aclient.cards.retrieve("card_doesnotexist")
    assert e.value.status == 404 and (e.value.request_id or "").startswith("req_")
    with pytest.raises(cryptotopcard.ValidationError) as v:
        await aclient.cards.create(bin_id="491653", amount=-1)
    assert v.value.field == "amount"


async def test_async_auto_paging(aclient: cryptotopcard.AsyncClient) -> None:
    created = await asyncio.gather(
        *(aclient.cards.create(bin_id="491653", amount=1, label=f"c{i}") for i in range(7))
    )
    page = await aclient.cards.list(per_page=3)
    assert isinstance(page, AsyncPage) and len(page.data) == 3
    seen = [c.id async for c in page.auto_paging_iter()]
    assert sorted(seen) == sorted(c.id for c in created)
    nxt = await page.get_next_page()
    assert nxt is not None and nxt.pagination is not None and nxt.pagination.page == 2


async def test_async_concurrency_one_runtime(aclient: cryptotopcard.AsyncClient) -> None:
    results = await asyncio.gather(*(aclient.wallet.retrieve() for _ in range(64)))
    assert all(w.balance == 10000.0 for w in results)


async def test_async_context_manager(sandbox, key) -> None:  # type: ignore[no-untyped-def]
    async with cryptotopcard.AsyncClient(key, base_url=sandbox.url) as c:
        await c.wallet.retrieve()
    assert c.is_closed
    with pytest.raises(cryptotopcard.APIConnectionError):
        await c.wallet.retrieve()


async def test_calls_from_two_event_loops_in_threads(sandbox, key) -> None:  # type: ignore[no-untyped-def]
    import threading

    results: list = []

    def other_loop() -> None:
        async def go() -> float:
            async with sandbox.async_client(key) as c:
                ws = await asyncio.gather(*(c.wallet.retrieve() for _ in range(20)))
                return sum(w.balance for w in ws)

        results.append(asyncio.run(go()))

    t = threading.Thread(target=other_loop)
    t.start()
    async with sandbox.async_client(key) as c:
        mine = await asyncio.gather(*(c.wallet.retrieve() for _ in range(20)))
    t.join(60)
    assert results == [200000.0] and sum(w.balance for w in mine) == 200000.0
