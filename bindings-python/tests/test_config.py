"""Client options: defaults come from the core (Python passes None through), the response size
cap, ``with_options`` copies sharing the pool, and the pager fed by the core's next page."""

from __future__ import annotations

from typing import Any

import pytest

import cryptotopcard
from cryptotopcard import _native
from cryptotopcard.testing import Sandbox


def test_defaults_are_the_cores(sandbox: Sandbox, key: str) -> None:
    with sandbox.client(key) as c:
        assert c.timeout == 60.0
        assert c.max_retries == 2
        assert c.max_response_bytes == 10 * 1024 * 1024
        assert c.base_url == sandbox.url


def test_env_fallbacks_are_the_cores(monkeypatch: Any, sandbox: Sandbox, key: str) -> None:
    monkeypatch.setenv("CRYPTOTOPCARD_API_KEY", key)
    monkeypatch.setenv("CRYPTOTOPCARD_BASE_URL", sandbox.url)
    with cryptotopcard.Client() as c:
        assert c.base_url == sandbox.url
        assert c.wallet.retrieve().balance == 10000.0
    monkeypatch.delenv("CRYPTOTOPCARD_BASE_URL")
    with cryptotopcard.Client() as c:
        assert c.base_url.startswith("https://")
    monkeypatch.delenv("CRYPTOTOPCARD_API_KEY")
    with pytest.raises(cryptotopcard.ConfigurationError) as e:
        cryptotopcard.Client(base_url=sandbox.url)
    assert e.value.field == "api_key"


def test_python_restates_no_default() -> None:
    import inspect

    for cls in (cryptotopcard.Client, cryptotopcard.AsyncClient):
        params = inspect.signature(cls.__init__).parameters
        for name in ("timeout", "max_retries", "base_url", "max_response_bytes", "proxy"):
            assert params[name].default is None, (cls, name)


def test_max_response_bytes_attribute(sandbox: Sandbox, key: str) -> None:
    """The cap itself (response_too_large) is a conformance case; its case for 0 is skipped in
    Python (the binding refuses 0 itself, as a ValidationError, not the core's ConfigurationError)."""
    with sandbox.client(key, max_response_bytes=200) as small:
        assert small.max_response_bytes == 200
    with pytest.raises(cryptotopcard.ValidationError):
        sandbox.client(key, max_response_bytes=0)


def test_with_options_shares_the_pool(
    sandbox: Sandbox, key: str, client: cryptotopcard.Client
) -> None:
    derived = client.with_options(
        timeout=5, max_retries=0, default_headers={"X-Sandbox-Future-Fields": "1"}
    )
    assert isinstance(derived, cryptotopcard.Client)
    assert derived.timeout == 5.0 and derived.max_retries == 0
    assert client.timeout == 60.0 and client.max_retries == 2
    assert derived._live().shares_pool_with(client._live())
    other = sandbox.client(key)
    assert not other._live().shares_pool_with(client._live())
    # The derived client's header applies only to it.
    assert derived.wallet.retrieve().model_extra == {"sandbox_future_field": "from a newer API"}
    assert client.wallet.retrieve().model_extra == {}
    assert derived.with_options(max_response_bytes=100).max_response_bytes == 100
    # Retries: none on the derived client.
    faulty = client.with_options(max_retries=0, default_headers={"X-Sandbox-Fault": "error_500"})
    with pytest.raises(cryptotopcard.InternalServerError):
        faulty.wallet.retrieve()
    with pytest.raises(cryptotopcard.ConfigurationError):
        client.with_options(default_headers={"Authorization": "Bearer x"})


async def test_with_options_async(sandbox: Sandbox, key: str) -> None:
    async with sandbox.async_client(key) as c:
        d = c.with_options(timeout=3, max_retries=1, max_response_bytes=150)
        assert isinstance(d, cryptotopcard.AsyncClient)
        assert d._live().shares_pool_with(c._live())
        assert (d.timeout, d.max_retries, d.max_response_bytes) == (3.0, 1, 150)
        await c.cards.create(bin_id="491653", amount=10)
        with pytest.raises(cryptotopcard.InternalServerError):
            await d.cards.list()
        assert (await d.wallet.retrieve()).balance == 9990.0


def test_pager_uses_the_cores_next_page() -> None:
    """Python computes no next page: the core does (paging through get_next_page and has_next_page
    is a conformance case)."""
    assert not hasattr(_native, "next_page_params")
