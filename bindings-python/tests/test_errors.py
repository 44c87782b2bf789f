"""The error classes in Python: the hierarchy, built by the native module, and the runtime edges
(connection refused, timeout, webhook signatures). Every API error class, raised from real sandbox
answers with its status, code, param, retry_after and idempotency key, is a conformance case
(tests/conformance/cases.json)."""

from __future__ import annotations

import pytest

import cryptotopcard
from cryptotopcard import _native
from cryptotopcard.testing import new_test_key


def test_hierarchy() -> None:
    c = cryptotopcard
    assert issubclass(c.APIError, c.CryptoTopCardError)
    for cls in (
        c.BadRequestError,
        c.AuthenticationError,
        c.PermissionDeniedError,
        c.NotFoundError,
        c.ConflictError,
        c.RateLimitError,
        c.InternalServerError,
    ):
        assert issubclass(cls, c.APIError)
    assert issubclass(c.InsufficientFundsError, c.BadRequestError)
    assert issubclass(c.APITimeoutError, c.APIConnectionError)
    assert issubclass(c.APIConnectionError, c.CryptoTopCardError)
    assert issubclass(c.ValidationError, ValueError)
    assert issubclass(c.ValidationError, c.CryptoTopCardError)
    assert issubclass(c.WebhookVerificationError, c.CryptoTopCardError)
    assert issubclass(c.APIUserAbortError, c.CryptoTopCardError)
    assert not issubclass(c.APIUserAbortError, c.APIConnectionError)


def test_classes_match_the_core_table() -> None:
    """Every class of the core's table (``cryptotopcard::ERROR_CLASSES``) exists here under the
    same name with the same parent, and is exported."""
    table = _native.error_classes()
    assert table and table[0] == ("CryptoTopCardError", None)
    for name, parent in table:
        cls = getattr(cryptotopcard, name)
        assert name in cryptotopcard.__all__, name
        if parent is None:
            assert cls.__bases__ == (Exception,), name
        else:
            assert cls.__bases__[0] is getattr(cryptotopcard, parent), (name, parent)


def test_connection_error() -> None:
    import socket

    s = socket.socket()
    s.bind(("127.0.0.1", 0))
    port = s.getsockname()[1]
    s.close()  # nothing listens there now
    with cryptotopcard.Client(
        new_test_key(), base_url=f"http://127.0.0.1:{port}/v1", max_retries=0
    ) as c:
        with pytest.raises(cryptotopcard.APIConnectionError) as e:
            c.wallet.retrieve()
    assert not isinstance(e.value, cryptotopcard.APITimeoutError)


def test_timeout(sandbox, key) -> None:  # type: ignore[no-untyped-def]
    with sandbox.client(
        key, max_retries=0, default_headers={"X-Sandbox-Fault": "delay_ms=2000"}
    ) as c:
        with pytest.raises(cryptotopcard.APITimeoutError):
            c.wallet.retrieve(timeout=0.2)


def test_missing_key_is_configuration_error(monkeypatch) -> None:  # type: ignore[no-untyped-def]
    monkeypatch.delenv("CRYPTOTOPCARD_API_KEY", raising=False)
    with pytest.raises(cryptotopcard.ValidationError) as e:
        cryptotopcard.Client()
    assert "key" in str(e.value).lower()


def test_webhook_verification_error() -> None:
    with pytest.raises(cryptotopcard.WebhookVerificationError):
        cryptotopcard.construct_event(b"{}", "00" * 32, "whsec_" + "a" * 32)


def test_exceptions_are_built_natively(sandbox, key) -> None:  # type: ignore[no-untyped-def]
    """The native module raises the class the core names, with its fields: no Python frame maps
    it (the traceback ends in the SDK's call, not in a converter), and nothing else is raised."""
    assert not hasattr(_native, "CoreError")
    with sandbox.client(key, max_retries=0) as c:
        c.cards.create(bin_id="491653", amount=5000)  # the wallet holds 10,000
        c.cards.create(bin_id="491653", amount=4999)
        with pytest.raises(cryptotopcard.InsufficientFundsError) as ins:
            c.cards.create(bin_id="491653", amount=5, idempotency_key="k-ins-1")
        e = ins.value
        assert type(e).__module__ == "cryptotopcard._errors"
        assert (e.status, e.error, e.idempotency_key) == (400, "insufficient_funds", "k-ins-1")
        assert isinstance(e.body, dict) and e.body["error"] == "insufficient_funds"
        assert e.request_id and e.__traceback__ is not None
        assert e.__suppress_context__ is False and e.__context__ is None
        with pytest.raises(cryptotopcard.ValidationError) as v:
            c.cards.create(bin_id="491653", amount=-1)
        assert v.value.field == "amount" and str(v.value).startswith("amount")
    with pytest.raises(cryptotopcard.ConfigurationError) as conf:
        cryptotopcard.Client("sk_test_x", base_url="ftp://example.com")
    assert conf.value.field == "base_url"


def test_mutating_errors_carry_the_idempotency_key(sandbox, key) -> None:  # type: ignore[no-untyped-def]
    """The key on API errors (generated, given, none on reads) is checked by the conformance cases;
    here: it shows in repr, and a timeout (a runtime edge) carries it too."""
    with sandbox.client(key, max_retries=0) as c:
        with pytest.raises(cryptotopcard.BadRequestError) as given:
            c.cards.create(bin_id="000000", amount=5, idempotency_key="mine-1")
        assert given.value.idempotency_key == "mine-1"
        assert "mine-1" in repr(given.value)
    with sandbox.client(
        key, max_retries=0, default_headers={"X-Sandbox-Fault": "delay_ms=2000"}
    ) as slow:
        with pytest.raises(cryptotopcard.APITimeoutError) as t:
            slow.cards.create(bin_id="491653", amount=5, timeout=0.2)
        assert t.value.idempotency_key


def test_connection_error_on_create_carries_the_key() -> None:
    import socket

    s = socket.socket()
    s.bind(("127.0.0.1", 0))
    port = s.getsockname()[1]
    s.close()
    with cryptotopcard.Client(
        new_test_key(), base_url=f"http://127.0.0.1:{port}/v1", max_retries=0
    ) as c:
        with pytest.raises(cryptotopcard.APIConnectionError) as e:
            c.cards.create(bin_id="491653", amount=5)
    assert e.value.idempotency_key and len(e.value.idempotency_key) >= 16
