"""Test helpers: an in-process sandbox server.

from cryptotopcard.testing import Sandbox

with Sandbox() as sb:
    client = sb.client()          # a Client bound to sb.url with a fresh sk_test_ key
    card = client.cards.create(bin_id="491653", amount=50)
"""

from __future__ import annotations

import secrets
from typing import Any, Optional

from . import _native
from ._client import AsyncClient, Client

__all__ = ["Sandbox", "new_test_key"]


def new_test_key() -> str:
    """A fresh ``sk_test_`` key: the sandbox gives each new key its own empty account."""
    return "sk_test_" + secrets.token_hex(16)


class Sandbox:
    """The sandbox server (the Rust ``cryptotopcard-sandbox`` crate linked into this package),
    listening on a free port of 127.0.0.1 until ``close()`` or the end of the ``with`` block."""

    url: str
    api_key: str

    def __init__(self, api_key: Optional[str] = None) -> None:
        self._native: Optional[_native.NativeSandbox] = _native.NativeSandbox()
        self.url = self._native.url
        self.api_key = api_key or new_test_key()

    def client(self, api_key: Optional[str] = None, **kw: Any) -> Client:
        """A :class:`Client` for this sandbox (``api_key`` defaults to ``self.api_key``)."""
        return Client(api_key or self.api_key, base_url=self.url, **kw)

    def async_client(self, api_key: Optional[str] = None, **kw: Any) -> AsyncClient:
        return AsyncClient(api_key or self.api_key, base_url=self.url, **kw)

    def close(self) -> None:
        if self._native is not None:
            self._native.shutdown()
            self._native = None

    def __enter__(self) -> "Sandbox":
        return self

    def __exit__(self, *exc: Any) -> None:
        self.close()

    def __repr__(self) -> str:
        return f"Sandbox(url={self.url!r})"
