"""Retries under injected faults (X-Sandbox-Fault). The cross-language cases (drop_after_commit
retried by the SDK and replayed, the wallet debited once, a fund applied once, 503 and 429 retried
max_retries times, a failed create charging nothing, the retry with the key from the error) are in
tests/conformance/cases.json; here: the key in the error's repr and the AsyncClient."""

from __future__ import annotations

import pytest

import cryptotopcard
from cryptotopcard.testing import Sandbox


def test_the_key_from_the_error_shows_in_its_repr(sandbox: Sandbox, key: str) -> None:
    """The README pattern: ``e.idempotency_key`` of a dropped create is there to retry with."""
    with sandbox.client(
        key, max_retries=0, default_headers={"X-Sandbox-Fault": "drop_after_commit"}
    ) as faulty:
        with pytest.raises(cryptotopcard.APIConnectionError) as e:
            faulty.cards.create(bin_id="491653", amount=75, label="once")
    sent_key = e.value.idempotency_key
    assert sent_key, "the error does not carry the key that was sent"
    assert sent_key in repr(e.value)


async def test_async_retry_with_the_key_from_the_error(sandbox: Sandbox, key: str) -> None:
    async with sandbox.async_client(
        key, max_retries=0, default_headers={"X-Sandbox-Fault": "drop_after_commit"}
    ) as faulty:
        with pytest.raises(cryptotopcard.APIConnectionError) as e:
            await faulty.cards.create(bin_id="491653", amount=5)
    assert e.value.idempotency_key
    async with sandbox.async_client(key) as c:
        card = await c.cards.create(
            bin_id="491653", amount=5, idempotency_key=e.value.idempotency_key
        )
        assert card.last_response is not None and card.last_response.replayed
        assert [x.id for x in (await c.cards.list()).data] == [card.id]
