"""Fields a newer API adds survive into the models (issue 12): ``model_extra``, attribute access
and ``to_dict()``; a secret-looking unknown field stays out of repr. The sandbox adds
``sandbox_future_field`` to every object and list item when sent ``X-Sandbox-Future-Fields: 1``."""

from __future__ import annotations

import pickle
import re

import pytest

import cryptotopcard
from cryptotopcard import Card, CardDetails
from cryptotopcard.testing import Sandbox

FUTURE = {"X-Sandbox-Future-Fields": "1"}
VALUE = "from a newer API"


def test_object_keeps_unknown_fields(sandbox: Sandbox, key: str) -> None:
    with sandbox.client(key, default_headers=FUTURE) as c:
        card = c.cards.create(bin_id="491653", amount=25)
        assert card.model_extra == {"sandbox_future_field": VALUE}
        assert card.sandbox_future_field == VALUE  # type: ignore[attr-defined]
        assert card.to_dict()["sandbox_future_field"] == VALUE
        assert card.to_dict()["balance"] == 25
        assert "sandbox_future_field='from a newer API'" in repr(card)
        assert pickle.loads(pickle.dumps(card)).model_extra == card.model_extra
        wallet = c.wallet.retrieve()
        assert wallet.model_extra == {"sandbox_future_field": VALUE}
    with pytest.raises(AttributeError):
        card.not_a_field  # type: ignore[attr-defined]  # noqa: B018


def test_list_items_keep_unknown_fields(sandbox: Sandbox, key: str) -> None:
    with sandbox.client(key, default_headers=FUTURE) as c:
        made = [c.cards.create(bin_id="491653", amount=10) for _ in range(3)]
        page = c.cards.list(per_page=2)
        items = list(page.auto_paging_iter())
        assert sorted(x.id for x in items) == sorted(x.id for x in made)
        for item in items:
            assert item.model_extra == {"sandbox_future_field": VALUE}
            assert item.to_dict()["sandbox_future_field"] == VALUE


async def test_async_keeps_unknown_fields(sandbox: Sandbox, key: str) -> None:
    async with sandbox.async_client(key, default_headers=FUTURE) as c:
        card = await c.cards.create(bin_id="491653", amount=10)
        page = await c.cards.list()
        assert card.model_extra == {"sandbox_future_field": VALUE}
        assert page.data[0].sandbox_future_field == VALUE  # type: ignore[attr-defined]


def test_without_the_header_nothing_extra(client: cryptotopcard.Client) -> None:
    card = client.cards.create(bin_id="491653", amount=10)
    assert card.model_extra == {}
    assert "sandbox_future_field" not in card.to_dict()


def test_secrets_stay_hidden_with_unknown_fields(sandbox: Sandbox, key: str) -> None:
    with sandbox.client(key, default_headers=FUTURE) as c:
        card = c.cards.create(bin_id="491653", amount=10)
        details = c.cards.details(card.id)
        assert details.model_extra == {"sandbox_future_field": VALUE}
        text = repr(details)
        assert details.pan is not None and details.pan not in text
        # A 3-digit CVV may occur by chance in the id or the address: look for it by its name.
        assert details.cvv is not None
        assert not re.search(r"(?i)cvv\W{0,6}" + re.escape(details.cvv), text)


def test_unknown_secret_like_fields_are_redacted() -> None:
    card = Card.construct(
        id="card_1",
        balance=1,
        new_pan="4111111111111111",
        otp="123456",
        backup_cvv="999",
        signing_secret="whsec_zzz",
        api_key="sk_live_zzz",
        colour="blue",
    )
    text = repr(card)
    for secret in ("4111111111111111", "123456", "999", "whsec_zzz", "sk_live_zzz"):
        assert secret not in text
    assert "colour='blue'" in text
    assert card.to_dict()["new_pan"] == "4111111111111111"  # to_dict keeps everything
    assert CardDetails.construct(id="x", pan_v2="4111").model_extra == {"pan_v2": "4111"}
    assert "4111" not in repr(CardDetails.construct(id="x", pan_v2="4111"))
