"""Every operation through the sync Client, for what Python adds: the typed results (model classes,
Decimal amounts, aware datetimes, enums, pages), datetime and Decimal arguments, per-call timeout,
raw headers, the context manager and the environment. What each operation sends and answers, its
filters and replays, are conformance cases (tests/conformance/cases.json)."""

from __future__ import annotations

from datetime import datetime, timezone
from decimal import Decimal

import pytest

import cryptotopcard
from cryptotopcard import (
    Bin,
    Card,
    CardDetails,
    CardStatus,
    CardSummary,
    Deposit,
    FreezeResult,
    FundResult,
    SyncPage,
    TerminateResult,
    ThreeDSChallenge,
    Transaction,
    TransactionType,
    Wallet,
    WalletAddresses,
    Webhook,
    WebhookWithSecret,
    WithdrawResult,
)

MERCHANT = {"name": "FACEBK ADS", "category": "advertising", "mcc": "7311", "country": "US"}


def luhn_ok(pan: str) -> bool:
    total = 0
    for i, ch in enumerate(reversed(pan)):
        d = int(ch)
        if i % 2 == 1:
            d = d * 2 - 9 if d * 2 > 9 else d * 2
        total += d
    return total % 10 == 0


def test_card_lifecycle(client: cryptotopcard.Client) -> None:
    card = client.cards.create(
        bin_id="491653",
        amount=500,
        label="Meta Ads Campaign #12",
        spending_limit=2000,
        allowed_categories=["advertising"],
        metadata={"campaign": "spring_2026"},
    )
    assert isinstance(card, Card)
    assert card.id.startswith("card_")
    assert card.bin_id == "491653"
    assert card.network == "visa" and card.network == cryptotopcard.CardNetwork.VISA
    assert card.status == CardStatus.ACTIVE
    assert card.balance == 500 and isinstance(card.balance, Decimal)
    assert card.spending_limit == 2000.0
    assert card.allowed_categories == ["advertising"]
    assert card.metadata == {"campaign": "spring_2026"}
    assert isinstance(card.created_at, datetime) and card.created_at.tzinfo == timezone.utc
    assert card.expires_at > card.created_at
    assert card.last_response is not None and card.last_response.status_code == 201
    assert (card.last_response.request_id or "").startswith("req_")

    got = client.cards.retrieve(card.id)
    assert got.id == card.id and got.balance == 500.0 and got.last4 == card.last4

    details = client.cards.details(card.id)
    assert isinstance(details, CardDetails)
    assert details.pan.startswith("491653") and len(details.pan) == 16 and luhn_ok(details.pan)
    assert details.pan.endswith(card.last4)
    assert len(details.cvv) in (3, 4) and 1 <= details.exp_month <= 12
    assert details.billing_address.country

    updated = client.cards.update(
        card.id, label="Renamed", metadata={"owner": "ops"}, auto_freeze_at=10
    )
    assert updated.label == "Renamed"
    assert updated.metadata == {"campaign": "spring_2026", "owner": "ops"}  # merged
    assert updated.auto_freeze_at == 10.0

    funded = client.cards.fund(card.id, amount=200)
    assert isinstance(funded, FundResult)
    assert (funded.previous_balance, funded.funded_amount, funded.new_balance) == (500, 200, 700)
    assert funded.wallet_balance == 10000 - 700

    withdrawn = client.cards.withdraw(card.id, amount=50.25)
    assert isinstance(withdrawn, WithdrawResult)
    assert withdrawn.new_balance == 649.75 and withdrawn.withdrawn_amount == 50.25

    frozen = client.cards.freeze(card.id)
    assert isinstance(frozen, FreezeResult) and frozen.status == "frozen"
    assert isinstance(frozen.frozen_at, datetime)
    unfrozen = client.cards.unfreeze(card.id)
    assert isinstance(unfrozen, Card) and unfrozen.status == CardStatus.ACTIVE

    page = client.cards.list()
    assert isinstance(page, SyncPage) and all(isinstance(c, CardSummary) for c in page.data)

    ended = client.cards.terminate(card.id)
    assert isinstance(ended, TerminateResult)
    assert ended.status == "terminated" and ended.refunded_amount == 649.75
    assert client.wallet.retrieve().balance == 10000.0


def test_transactions(client: cryptotopcard.Client) -> None:
    card = client.cards.create(bin_id="491653", amount=100, allowed_categories=["advertising"])
    txn = client.sandbox.authorize(card_id=card.id, amount=12.5, merchant=MERCHANT)
    assert isinstance(txn, Transaction)
    assert txn.merchant.name == "FACEBK ADS" and txn.card_id == card.id
    declined = client.sandbox.authorize(
        card_id=card.id, amount=5, merchant={"name": "STEAM", "category": "gaming"}
    )
    assert declined.type == TransactionType.DECLINE
    assert declined.decline_reason == "category_not_allowed"

    page = client.transactions.list(card_id=card.id)
    assert len(page.data) >= 2
    for t in page.data:
        assert t.merchant.name and isinstance(t.amount, Decimal)
    full = client.transactions.retrieve(txn.id)
    assert full.id == txn.id and full.timeline is not None and len(full.timeline) >= 1
    since = client.transactions.list(from_=datetime(2000, 1, 1, tzinfo=timezone.utc))
    assert len(since.data) == len(page.data)
    assert client.cards.retrieve(card.id).balance < 100

    auth = client.sandbox.authorize(card_id=card.id, amount=3, merchant=MERCHANT, settle=False)
    assert auth.type == TransactionType.AUTHORIZATION
    settled = client.sandbox.settle(auth.id)
    assert settled.id
    refund = client.sandbox.refund(txn.id, amount=2.5)
    assert isinstance(refund, Transaction) and refund.type == TransactionType.REFUND


def test_wallet_and_deposits(client: cryptotopcard.Client) -> None:
    wallet = client.wallet.retrieve()
    assert isinstance(wallet, Wallet) and wallet.balance == 10000.0 and wallet.currency == "USD"
    addrs = client.wallet.addresses()
    assert isinstance(addrs, WalletAddresses) and addrs.addresses.btc
    only = client.wallet.addresses(currency="eth")
    assert only.addresses.eth and only.addresses.btc is None

    dep = client.sandbox.deposit(currency="btc", amount_usd=500)
    assert isinstance(dep, Deposit) and dep.status == "confirmed"
    assert dep.fee_usd == 10.0 and dep.credited_usd == 490.0
    assert client.wallet.retrieve().balance == 10490.0
    pending = client.sandbox.deposit(currency="eth", amount_usd=100, status="pending")
    assert pending.status == "pending"
    assert [d.id for d in client.wallet.deposits(status="pending")] == [pending.id]
    confirmed = client.sandbox.confirm_deposit(pending.id)
    assert confirmed.status == "confirmed"
    assert client.wallet.retrieve().balance == 10588.0


def test_bins(client: cryptotopcard.Client) -> None:
    bins = client.bins.list()
    ids = {b.id for b in bins}
    assert {"491653", "531993"} <= ids
    visa = next(b for b in bins if b.id == "491653")
    assert isinstance(visa, Bin) and visa.three_ds is True and visa.max_transaction == 5000.0
    assert visa.to_dict()["3ds"] is True


def test_threeds(client: cryptotopcard.Client) -> None:
    card = client.cards.create(bin_id="491653", amount=50)
    ch = client.sandbox.challenge(card_id=card.id, merchant="SPOTIFY", amount=9.99)
    assert isinstance(ch, ThreeDSChallenge)
    assert ch.status == "pending" and ch.otp is not None and len(ch.otp) == 6
    assert (ch.expires_at - ch.created_at).total_seconds() == pytest.approx(300, abs=1)
    assert [c.id for c in client.threeds.list(card_id=card.id, status="pending")] == [ch.id]
    assert client.threeds.retrieve(ch.id) == ch


def test_webhooks_crud(client: cryptotopcard.Client) -> None:
    wh = client.webhooks.create(url="https://example.com/hooks", events=["card.created"])
    assert isinstance(wh, WebhookWithSecret) and wh.secret.startswith("whsec_")
    listed = client.webhooks.list()
    assert [w.id for w in listed] == [wh.id]
    assert isinstance(listed.data[0], Webhook)
    assert client.webhooks.delete(wh.id) is None
    assert client.webhooks.list().data == []


def test_decimal_amounts(client: cryptotopcard.Client) -> None:
    card = client.cards.create(bin_id="491653", amount=Decimal("12.34"))
    assert card.balance == Decimal("12.34")
    assert client.cards.fund(card.id, amount=Decimal("0.66") + 1).new_balance == 14
    with pytest.raises(cryptotopcard.ValidationError) as e:
        client.cards.fund(card.id, amount=Decimal("1.005"))
    assert e.value.field == "amount"


def test_per_call_timeout_and_raw_headers(client: cryptotopcard.Client) -> None:
    wallet = client.wallet.retrieve(timeout=5)
    resp = wallet.last_response
    assert resp is not None and resp.status_code == 200 and resp.retries == 0
    assert resp.headers["x-request-id"] == resp.request_id


def test_context_manager_closes(sandbox, key) -> None:  # type: ignore[no-untyped-def]
    with sandbox.client(key) as c:
        c.wallet.retrieve()
    assert c.is_closed
    with pytest.raises(cryptotopcard.APIConnectionError):
        c.wallet.retrieve()


def test_env_configuration(sandbox, key, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    monkeypatch.setenv("CRYPTOTOPCARD_API_KEY", key)
    monkeypatch.setenv("CRYPTOTOPCARD_BASE_URL", sandbox.url)
    with cryptotopcard.Client() as c:
        assert c.wallet.retrieve().balance == 10000.0
