"""Typed models: attribute access, to_dict, equality, redacting repr, unknown values."""

from __future__ import annotations

import pickle
from datetime import datetime, timezone
from decimal import Decimal

import cryptotopcard
from cryptotopcard import Card, CardDetails, CardStatus, Category, Transaction, WebhookWithSecret

CARD = {
    "id": "card_8xK2m9Lp4q",
    "bin_id": "491653",
    "network": "visa",
    "last4": "2039",
    "status": "active",
    "balance": 500,
    "spending_limit": 2000.0,
    "label": "Meta Ads Campaign #12",
    "allowed_categories": ["advertising", "crypto_casinos"],
    "auto_freeze_at": None,
    "metadata": {"campaign": "spring_2026"},
    "created_at": "2026-04-15T12:00:00Z",
    "expires_at": "2029-04-15T23:59:59.123456789+02:00",
    "a_field_from_the_future": {"x": 1},
}


def test_parsing_and_types() -> None:
    card = Card._from_dict(CARD)
    assert (
        card.id == "card_8xK2m9Lp4q" and card.balance == 500 and isinstance(card.balance, Decimal)
    )
    assert card.status is CardStatus.ACTIVE and card.status == "active"
    assert card.allowed_categories == [Category.ADVERTISING, "crypto_casinos"]
    assert type(card.allowed_categories[1]) is str  # unknown enum value kept as a string
    assert card.created_at == datetime(2026, 4, 15, 12, tzinfo=timezone.utc)
    assert card.expires_at.tzinfo == timezone.utc and card.expires_at.hour == 21
    assert card.auto_freeze_at is None and card.total_spent is None
    # A field a newer API added is kept (issue 12): model_extra and attribute access.
    assert card.model_extra == {"a_field_from_the_future": {"x": 1}}
    assert card.a_field_from_the_future == {"x": 1}  # type: ignore[attr-defined]


def test_unknown_status_survives() -> None:
    card = Card._from_dict(dict(CARD, status="suspended_by_issuer", network="amex"))
    assert card.status == "suspended_by_issuer" and card.network == "amex"
    assert card.to_dict()["status"] == "suspended_by_issuer"


def test_to_dict_and_equality() -> None:
    card = Card._from_dict(CARD)
    d = card.to_dict()
    assert d["created_at"] == "2026-04-15T12:00:00Z"
    assert d["status"] == "active" and d["balance"] == 500.0
    assert d["a_field_from_the_future"] == {"x": 1}
    assert Card._from_dict(d) == card
    assert Card._from_dict(dict(CARD, balance=1)) != card
    assert pickle.loads(pickle.dumps(card)) == card
    assert card != CARD  # a model is not its dict


def test_nested_and_lists() -> None:
    txn = Transaction._from_dict(
        {
            "id": "txn_1",
            "card_id": "card_1",
            "type": "settlement",
            "amount": -12.5,
            "currency": "USD",
            "merchant": {"name": "FACEBK ADS", "category": "advertising", "mcc": "7311"},
            "timeline": [{"status": "authorized", "at": "2026-04-15T14:32:00Z"}],
            "created_at": "2026-04-15T14:32:00Z",
        }
    )
    assert txn.merchant.name == "FACEBK ADS" and txn.merchant.category == Category.ADVERTISING
    assert txn.timeline is not None and txn.timeline[0].at.year == 2026
    assert txn.to_dict()["merchant"] == {
        "name": "FACEBK ADS",
        "category": "advertising",
        "mcc": "7311",
    }


def test_repr_redacts_sensitive_fields() -> None:
    details = CardDetails._from_dict(
        {
            "id": "card_1",
            "pan": "4916531288472039",
            "cvv": "847",
            "exp_month": 4,
            "exp_year": 2029,
            "holder_name": "ANONYMOUS",
            "billing_address": {
                "line1": "123 Privacy Street",
                "city": "Wilmington",
                "country": "US",
            },
        }
    )
    assert details.pan == "4916531288472039" and details.cvv == "847"
    for text in (repr(details), str(details), repr([details]), f"{details}"):
        assert "4916531288472039" not in text and "847" not in text
        assert "pan='<redacted>'" in text and "Wilmington" in text
    wh = WebhookWithSecret._from_dict(
        {"id": "wh_1", "secret": "whsec_abcdefabcdefabcdefabcdefabcdef12", "url": "https://x"}
    )
    assert "whsec_" not in repr(wh) and wh.secret.startswith("whsec_")
    assert details.to_dict()["pan"] == "4916531288472039"  # explicit access still works
    ch = cryptotopcard.ThreeDSChallenge._from_dict(
        {
            "id": "3ds_1",
            "card_id": "card_1",
            "merchant": "SPOTIFY",
            "amount": 1.5,
            "otp": "493817",
            "status": "pending",
            "expires_at": "2026-01-01T00:05:00Z",
            "created_at": "2026-01-01T00:00:00Z",
        }
    )
    assert ch.otp == "493817"
    for text in (repr(ch), str(ch), repr([ch]), f"{ch}"):
        assert "493817" not in text and "otp='<redacted>'" in text and "SPOTIFY" in text


def test_client_repr_hides_key() -> None:
    key = "sk_test_" + "supersecretvalue1234"
    c = cryptotopcard.Client(key, base_url="https://api.cryptotopcard.com/v1")
    assert "supersecretvalue1234" not in repr(c)
    c.close()
    assert "closed" in repr(c)
