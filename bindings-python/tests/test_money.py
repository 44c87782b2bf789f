"""Issue 13 "Money": amounts are ``decimal.Decimal`` in results (no binary-float artefacts) and
``Decimal``, int or float in parameters; against the real sandbox."""

from __future__ import annotations

import json
import pickle
from decimal import Decimal
from typing import Any

import pytest

import cryptotopcard
from cryptotopcard import Card, FundResult, Transaction, Wallet
from cryptotopcard.testing import Sandbox

BIN = "491653"


def test_model_amounts_are_exact_decimals() -> None:
    card = Card._from_dict({"id": "card_1", "balance": 12.2, "spending_limit": 1000})
    assert isinstance(card.balance, Decimal) and card.balance == Decimal("12.2")
    assert isinstance(card.spending_limit, Decimal) and card.spending_limit == 1000
    total = card.balance + Decimal("0.10")
    assert total == Decimal("12.30") and str(total) == "12.30"  # a float would give 12.299999...
    assert str(Card._from_dict({"balance": 0.07}).balance) == "0.07"
    assert str(Card._from_dict({"balance": 9999999999999.99}).balance) == "9999999999999.99"
    tx = Transaction._from_dict({"id": "txn_1", "amount": -0.3})
    assert tx.amount == Decimal("-0.3")  # SignedMoney too
    assert Card._from_dict({"balance": None}).balance is None


def test_decimal_fields_stay_json_ready_and_picklable() -> None:
    card = Card._from_dict({"id": "card_1", "balance": 0.1})
    assert card.to_dict()["balance"] == 0.1  # to_dict() is JSON data
    json.dumps(card.to_dict())
    again = pickle.loads(pickle.dumps(card))
    assert again == card and again.balance == Decimal("0.1")


def test_decimal_parameters_and_results(client: cryptotopcard.Client) -> None:
    card = client.cards.create(bin_id=BIN, amount=Decimal("10.00"))
    assert card.balance == Decimal("10")
    funded = client.cards.fund(card.id, amount=Decimal("1.10"))
    assert isinstance(funded, FundResult)
    assert funded.funded_amount == Decimal("1.10") and funded.new_balance == Decimal("11.10")
    assert str(funded.new_balance + Decimal("0.20")) == "11.30"
    wallet = client.wallet.retrieve()
    assert isinstance(wallet, Wallet) and wallet.balance == Decimal("9988.90")
    # A float sum with a binary artefact (1.1 + 2.2 == 3.3000000000000003) still goes out as
    # whole cents (the core rounds).
    again = client.cards.fund(card.id, amount=1.1 + 2.2)
    assert again.funded_amount == Decimal("3.30") and again.new_balance == Decimal("14.40")
    assert client.cards.withdraw(card.id, amount=Decimal("0.10")).new_balance == Decimal("14.3")
    tx = client.sandbox.authorize(
        card_id=card.id, amount=Decimal("0.10") + Decimal("0.20"), merchant={"name": "Shop"}
    )
    assert tx.amount is not None and abs(tx.amount) == Decimal("0.30")
    assert client.cards.retrieve(card.id).balance == Decimal("14.00")


async def test_decimal_parameters_async(aclient: cryptotopcard.AsyncClient) -> None:
    card = await aclient.cards.create(bin_id=BIN, amount=Decimal("5.05"))
    funded = await aclient.cards.fund(card.id, amount=Decimal("1.95"))
    assert funded.new_balance == Decimal("7") and isinstance(funded.new_balance, Decimal)


@pytest.mark.parametrize("bad", ["NaN", "sNaN", "Infinity", "-Infinity"])
def test_non_finite_decimal_refused_naming_the_field(sandbox: Sandbox, key: str, bad: str) -> None:
    with sandbox.client(key) as c:
        with pytest.raises(cryptotopcard.ValidationError) as e:
            c.cards.create(bin_id=BIN, amount=Decimal(bad))
        assert e.value.field == "amount" and "amount" in str(e.value)
        with pytest.raises(cryptotopcard.ValidationError) as e:
            c.cards.update("card_x", spending_limit=Decimal(bad))
        assert e.value.field == "spending_limit"
        assert c.wallet.retrieve().balance == 10000  # nothing was sent


def test_decimal_precision_is_checked_by_the_core(client: cryptotopcard.Client) -> None:
    card = client.cards.create(bin_id=BIN, amount=5)
    bad: Any
    for bad in (Decimal("1.005"), Decimal("1E-7")):
        with pytest.raises(cryptotopcard.ValidationError) as e:
            client.cards.fund(card.id, amount=bad)
        assert e.value.field == "amount"
    assert client.cards.fund(card.id, amount=Decimal("1E+1")).funded_amount == 10
