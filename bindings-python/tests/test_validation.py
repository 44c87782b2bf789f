"""Issue #8: bad input raises ValidationError naming the field, and nothing reaches the server."""

from __future__ import annotations

from typing import Any, Callable, Dict, Iterator, List

import pytest

import cryptotopcard
from cryptotopcard.testing import Sandbox, new_test_key

from conftest import stats

Case = Any  # (name, call, field), or a pytest.param of one

BIN = "491653"

# The cross-language cases (wrong types, missing fields, amounts, sizes, enums, ids, paging, URLs,
# dates) are in tests/conformance/cases.json, which the Python runner checks (class, field, nothing
# sent). What stays here is what only Python can pass: objects of no JSON type and the per-call
# options of the Python signature.
CASES: List[Case] = [
    ("amount as object", lambda c: c.cards.create(bin_id=BIN, amount=object()), "amount"),
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

# Base URLs and malformed keys are conformance cases ("configuration: ..."); these are the empty
# key and the types and ranges of Python's own arguments (seconds as floats, retries as ints).
CONSTRUCTION: List[Any] = [
    ("empty key", {"api_key": ""}, "api_key"),
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
