"""Issue #8: bad input raises ValidationError naming the field, and nothing reaches the server."""

from __future__ import annotations

from typing import Any, Callable, Dict, Iterator, List

import pytest

import cryptotopcard
from cryptotopcard.testing import Sandbox, new_test_key

from conftest import stats

Case = Any  # (name, call, field), or a pytest.param of one

BIN = "491653"
CARD = "card_0000000000"

CASES: List[Case] = [
    # wrong types
    ("amount as text", lambda c: c.cards.create(bin_id=BIN, amount="500"), "amount"),
    ("bin_id as int", lambda c: c.cards.create(bin_id=491653, amount=5), "bin_id"),
    ("label as int", lambda c: c.cards.create(bin_id=BIN, amount=5, label=7), "label"),
    (
        "categories as str",
        lambda c: c.cards.create(bin_id=BIN, amount=5, allowed_categories="advertising"),
        "allowed_categories",
    ),
    (
        "metadata as list",
        lambda c: c.cards.create(bin_id=BIN, amount=5, metadata=["a"]),
        "metadata",
    ),
    # (numbers and booleans are valid metadata values in spec/openapi.yaml, so {"a": 1} is not here)
    ("amount as object", lambda c: c.cards.create(bin_id=BIN, amount=object()), "amount"),
    ("per_page as text", lambda c: c.cards.list(per_page="10"), "per_page"),
    ("card_id as int", lambda c: c.cards.retrieve(123), "card_id"),
    (
        "events as str",
        lambda c: c.webhooks.create(url="https://example.com/h", events="*"),
        "events",
    ),
    (
        "settle as text",
        lambda c: c.sandbox.authorize(card_id=CARD, amount=1, merchant={"name": "X"}, settle="yes"),
        "settle",
    ),
    # missing fields
    ("missing bin_id", lambda c: c.cards.create(amount=5), "bin_id"),
    ("missing amount", lambda c: c.cards.create(bin_id=BIN), "amount"),
    ("missing fund amount", lambda c: c.cards.fund(CARD), "amount"),
    ("missing card_id", lambda c: c.cards.retrieve(), "card_id"),
    ("missing events", lambda c: c.webhooks.create(url="https://example.com/h"), "events"),
    ("missing merchant", lambda c: c.sandbox.authorize(card_id=CARD, amount=1), "merchant"),
    # amounts
    ("amount NaN", lambda c: c.cards.create(bin_id=BIN, amount=float("nan")), "amount"),
    ("amount inf", lambda c: c.cards.create(bin_id=BIN, amount=float("inf")), "amount"),
    ("amount -inf", lambda c: c.cards.fund(CARD, amount=float("-inf")), "amount"),
    ("amount negative", lambda c: c.cards.create(bin_id=BIN, amount=-5), "amount"),
    ("amount 3 decimals", lambda c: c.cards.create(bin_id=BIN, amount=10.005), "amount"),
    ("fund 3 decimals", lambda c: c.cards.fund(CARD, amount=1.001), "amount"),
    ("withdraw negative", lambda c: c.cards.withdraw(CARD, amount=-1), "amount"),
    ("withdraw zero", lambda c: c.cards.withdraw(CARD, amount=0), "amount"),
    ("amount below min", lambda c: c.cards.create(bin_id=BIN, amount=0.99), "amount"),
    ("amount above max", lambda c: c.cards.create(bin_id=BIN, amount=5000.01), "amount"),
    (
        "spending_limit NaN",
        lambda c: c.cards.update(CARD, spending_limit=float("nan")),
        "spending_limit",
    ),
    ("auto_freeze negative", lambda c: c.cards.update(CARD, auto_freeze_at=-1), "auto_freeze_at"),
    # (a negative min_amount is a valid filter: settlements carry negative amounts)
    # sizes
    ("label 65 chars", lambda c: c.cards.create(bin_id=BIN, amount=5, label="x" * 65), "label"),
    (
        "metadata 21 keys",
        lambda c: c.cards.create(bin_id=BIN, amount=5, metadata={f"k{i}": "v" for i in range(21)}),
        "metadata",
    ),
    (
        "metadata key 41",
        lambda c: c.cards.create(bin_id=BIN, amount=5, metadata={"k" * 41: "v"}),
        "metadata",
    ),
    ("metadata value 501", lambda c: c.cards.update(CARD, metadata={"k": "v" * 501}), "metadata"),
    # enums
    (
        "unknown category",
        lambda c: c.cards.create(
            bin_id=BIN, amount=5, allowed_categories=["advertising", "casino"]
        ),
        "allowed_categories",
    ),
    (
        "unknown event type",
        lambda c: c.webhooks.create(url="https://example.com/h", events=["card.exploded"]),
        "events",
    ),
    # ids
    ("empty card_id", lambda c: c.cards.retrieve(""), "card_id"),
    ("empty card_id fund", lambda c: c.cards.fund("", amount=5), "card_id"),
    ("empty transaction_id", lambda c: c.transactions.retrieve(""), "transaction_id"),
    ("empty challenge_id", lambda c: c.threeds.retrieve(""), "challenge_id"),
    ("empty webhook_id", lambda c: c.webhooks.delete(""), "webhook_id"),
    ("empty deposit_id", lambda c: c.sandbox.confirm_deposit(""), "deposit_id"),
    # paging
    ("per_page 0", lambda c: c.cards.list(per_page=0), "per_page"),
    ("per_page 101", lambda c: c.transactions.list(per_page=101), "per_page"),
    ("per_page 101 3ds", lambda c: c.threeds.list(per_page=101), "per_page"),
    ("page 0", lambda c: c.cards.list(page=0), "page"),
    # urls and dates
    (
        "webhook over http",
        lambda c: c.webhooks.create(url="http://example.com/h", events=["*"]),
        "url",
    ),
    ("from not a date", lambda c: c.transactions.list(from_="yesterday"), "from"),
    # per-call options
    ("timeout negative", lambda c: c.wallet.retrieve(timeout=-1), "timeout"),
    ("timeout NaN", lambda c: c.wallet.retrieve(timeout=float("nan")), "timeout"),
    ("timeout text", lambda c: c.wallet.retrieve(timeout="soon"), "timeout"),
    (
        "idempotency key int",
        lambda c: c.cards.create(bin_id=BIN, amount=5, idempotency_key=5),
        "idempotency_key",
    ),
]

CONSTRUCTION: List[Any] = [
    ("non-https base url", {"base_url": "http://api.cryptotopcard.com/v1"}, "base_url"),
    ("ftp base url", {"base_url": "ftp://api.cryptotopcard.com/v1"}, "base_url"),
    ("garbage base url", {"base_url": "not a url"}, "base_url"),
    ("publishable key", {"api_key": "pk_live_123456"}, "api_key"),
    ("empty key", {"api_key": ""}, "api_key"),
    ("key with space", {"api_key": "sk_test_abc def"}, "api_key"),
    ("key with newline", {"api_key": "sk_test_abc\nX-Evil: 1"}, "api_key"),
    ("key as int", {"api_key": 12345}, "api_key"),
    ("negative timeout", {"timeout": -1.0}, "timeout"),
    ("infinite timeout", {"timeout": float("inf")}, "timeout"),
    ("negative retries", {"max_retries": -1}, "max_retries"),
    ("retries as float", {"max_retries": 1.5}, "max_retries"),
]


@pytest.fixture(scope="module")
def quiet_sandbox() -> Iterator[Sandbox]:
    """A sandbox of its own, so its request counters see only this module's traffic."""
    with Sandbox() as sb:
        yield sb


def _numbers(d: Any, prefix: str = "") -> Dict[str, float]:
    out: Dict[str, float] = {}
    if isinstance(d, dict):
        for k, v in d.items():
            out.update(_numbers(v, f"{prefix}{k}."))
    elif isinstance(d, (int, float)) and not isinstance(d, bool):
        out[prefix] = float(d)
    return out


def _diff(a: Dict[str, Any], b: Dict[str, Any]) -> Dict[str, float]:
    na, nb = _numbers(a), _numbers(b)
    return {k: nb[k] - na.get(k, 0.0) for k in nb}


@pytest.mark.parametrize("name,call,field", CASES)
def test_bad_input_is_refused_before_sending(
    quiet_sandbox: Sandbox, name: str, call: Callable[[cryptotopcard.Client], Any], field: str
) -> None:
    key = new_test_key()
    with quiet_sandbox.client(key) as c:
        c.wallet.retrieve()  # the account exists; its traffic is counted from here
        s0 = stats(quiet_sandbox, key)
        s1 = stats(quiet_sandbox, key)
        baseline = _diff(s0, s1)  # what one stats read itself adds
        with pytest.raises(cryptotopcard.ValidationError) as e:
            call(c)
        s2 = stats(quiet_sandbox, key)
        assert _diff(s1, s2) == baseline, f"{name}: a request reached the sandbox"
        assert c.wallet.retrieve().balance == 10000.0
    err = e.value
    assert isinstance(err, ValueError)
    assert err.field is not None and err.field.split(".")[0].split("[")[0] == field, (
        name,
        err.field,
        str(err),
    )
    assert field in str(err)


@pytest.mark.parametrize("name,kwargs,field", CONSTRUCTION)
def test_bad_client_configuration(
    quiet_sandbox: Sandbox, name: str, kwargs: Dict[str, Any], field: str
) -> None:
    args: Dict[str, Any] = {"api_key": new_test_key(), "base_url": quiet_sandbox.url}
    args.update(kwargs)
    with pytest.raises(cryptotopcard.ValidationError) as e:
        cryptotopcard.Client(**args)
    assert e.value.field == field, (name, e.value.field, str(e.value))


def test_stats_do_move_when_a_request_is_sent(quiet_sandbox: Sandbox) -> None:
    """The check above can fail: one real request changes the counters."""
    key = new_test_key()
    with quiet_sandbox.client(key) as c:
        c.wallet.retrieve()
        s0 = stats(quiet_sandbox, key)
        s1 = stats(quiet_sandbox, key)
        c.cards.list()
        s2 = stats(quiet_sandbox, key)
    assert _diff(s1, s2) != _diff(s0, s1)
