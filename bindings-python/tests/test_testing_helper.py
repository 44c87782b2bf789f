"""cryptotopcard.testing.Sandbox: an in-process server on a free loopback port."""

from __future__ import annotations

import pytest

import cryptotopcard
from cryptotopcard.testing import Sandbox


def test_sandbox_helper() -> None:
    with Sandbox() as a, Sandbox() as b:
        assert a.url.startswith("http://127.0.0.1:") and a.url.endswith("/v1")
        assert a.url != b.url
        assert a.api_key.startswith("sk_test_") and a.api_key != b.api_key
        with a.client() as ca, b.client(a.api_key) as cb:
            ca.cards.create(bin_id="491653", amount=7)
            # Same key, other server: a separate account.
            assert cb.wallet.retrieve().balance == 10000.0
            assert ca.wallet.retrieve().balance == 9993.0
        url = a.url
    a.close()  # idempotent
    with pytest.raises(cryptotopcard.APIConnectionError):
        with cryptotopcard.Client(a.api_key, base_url=url, max_retries=0) as c:
            c.wallet.retrieve()
