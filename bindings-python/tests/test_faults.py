"""Retries under injected faults (X-Sandbox-Fault): no money moves twice."""

from __future__ import annotations

from typing import Dict

import pytest

import cryptotopcard
from cryptotopcard.testing import Sandbox

from conftest import stats
from test_validation import _diff


def fault_client(sandbox: Sandbox, key: str, fault: str, **kw: object) -> cryptotopcard.Client:
    return sandbox.client(key, default_headers={"X-Sandbox-Fault": fault}, **kw)  # type: ignore[arg-type]


def test_drop_after_commit_creates_exactly_one_card(
    sandbox: Sandbox, key: str, client: cryptotopcard.Client
) -> None:
    with fault_client(sandbox, key, "drop_after_commit") as faulty:
        try:
            card = faulty.cards.create(bin_id="491653", amount=250, idempotency_key="drop-1")
        except cryptotopcard.APIConnectionError:
            # Every attempt was dropped after its commit: the same key replays the one card.
            card = client.cards.create(bin_id="491653", amount=250, idempotency_key="drop-1")
            assert card.last_response is not None and card.last_response.replayed
    cards = client.cards.list().data
    assert [c.id for c in cards] == [card.id]
    assert client.wallet.retrieve().balance == 10000.0 - 250.0


def test_drop_after_commit_with_generated_key(
    sandbox: Sandbox, key: str, client: cryptotopcard.Client
) -> None:
    """Without a key of ours, the SDK's own key (reused across retries) still prevents a double move."""
    card = client.cards.create(bin_id="491653", amount=100)
    with fault_client(sandbox, key, "drop_after_commit", max_retries=3) as faulty:
        try:
            faulty.cards.fund(card.id, amount=40)
        except cryptotopcard.APIConnectionError:
            pass
    assert client.cards.retrieve(card.id).balance == 140.0
    assert client.wallet.retrieve().balance == 10000.0 - 140.0


def _requests_sent(
    sandbox: Sandbox, key: str, fault: str, max_retries: int, expected: type
) -> Dict[str, float]:
    """Counter changes caused by one faulty call (stats reads' own share removed)."""
    s0 = stats(sandbox, key)
    s1 = stats(sandbox, key)
    with fault_client(sandbox, key, fault, max_retries=max_retries) as faulty:
        with pytest.raises(expected) as e:  # type: ignore[call-overload]
            faulty.wallet.retrieve()
    s2 = stats(sandbox, key)
    base, moved = _diff(s0, s1), _diff(s1, s2)
    assert e.value.status in (429, 503)
    return {k: moved.get(k, 0.0) - base.get(k, 0.0) for k in moved}


@pytest.mark.parametrize(
    "fault,cls",
    [
        ("error_503", cryptotopcard.InternalServerError),
        ("rate_limit", cryptotopcard.RateLimitError),
    ],
)
def test_transient_errors_are_retried(sandbox: Sandbox, key: str, fault: str, cls: type) -> None:
    with sandbox.client(key) as c:
        c.wallet.retrieve()
    once = _requests_sent(sandbox, key, fault, 0, cls)
    thrice = _requests_sent(sandbox, key, fault, 2, cls)
    # Some request counter moved by 3 (1 try + 2 retries) where a single try moved it by 1.
    assert any(v != 0 and thrice.get(k) == 3 * v for k, v in once.items()), (once, thrice)


def test_rate_limit_error_carries_retry_after(sandbox: Sandbox, key: str) -> None:
    with fault_client(sandbox, key, "rate_limit", max_retries=0) as faulty:
        with pytest.raises(cryptotopcard.RateLimitError) as e:
            faulty.wallet.retrieve()
    assert e.value.status == 429 and e.value.retry_after is not None


def test_error_500_on_create_is_not_a_double_charge(
    sandbox: Sandbox, key: str, client: cryptotopcard.Client
) -> None:
    with fault_client(sandbox, key, "error_500", max_retries=2) as faulty:
        with pytest.raises(cryptotopcard.InternalServerError):
            faulty.cards.create(bin_id="491653", amount=10)
    assert client.wallet.retrieve().balance == 10000.0


def test_retry_with_the_key_from_the_error_creates_one_card(
    sandbox: Sandbox, key: str, client: cryptotopcard.Client
) -> None:
    """The README pattern: a create that fails after the server committed it is retried with
    ``e.idempotency_key`` (the key the SDK generated and sent) and yields exactly one card."""
    with fault_client(sandbox, key, "drop_after_commit", max_retries=0) as faulty:
        with pytest.raises(cryptotopcard.APIConnectionError) as e:
            faulty.cards.create(bin_id="491653", amount=75, label="once")
    sent_key = e.value.idempotency_key
    assert sent_key, "the error does not carry the key that was sent"
    assert sent_key in repr(e.value)
    card = client.cards.create(bin_id="491653", amount=75, label="once", idempotency_key=sent_key)
    assert card.last_response is not None
    assert card.last_response.replayed and card.last_response.idempotency_key == sent_key
    assert [c.id for c in client.cards.list().data] == [card.id]
    assert client.wallet.retrieve().balance == 10000.0 - 75.0


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
