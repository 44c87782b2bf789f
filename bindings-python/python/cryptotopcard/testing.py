"""Test helpers: an in-process sandbox server.

from cryptotopcard.testing import Sandbox

with Sandbox() as sb:
    client = sb.client()          # a Client bound to sb.url with a fresh sk_test_ key
    card = client.cards.create(bin_id="491653", amount=50)

The server comes from the separate test package ``cryptotopcard-sandbox`` (``pip install
cryptotopcard-sandbox``), so that the production package links no server. Without it,
``Sandbox()`` raises :class:`SandboxNotInstalledError` (an ``ImportError``); ``new_test_key``
works either way.
"""

from __future__ import annotations

import secrets
from typing import TYPE_CHECKING, Any, Optional

from ._client import AsyncClient, Client

if TYPE_CHECKING:
    from cryptotopcard_sandbox import NativeSandbox

__all__ = ["Sandbox", "SandboxNotInstalledError", "new_test_key"]

INSTALL_HINT = "pip install cryptotopcard-sandbox"


class SandboxNotInstalledError(ImportError):
    """``cryptotopcard.testing.Sandbox`` needs the test package ``cryptotopcard-sandbox``."""


def _start_native() -> "NativeSandbox":
    try:
        from cryptotopcard_sandbox import NativeSandbox
    except ModuleNotFoundError as e:
        if e.name != "cryptotopcard_sandbox":
            raise  # the package is there but broken: show the real cause
        raise SandboxNotInstalledError(
            "cryptotopcard.testing.Sandbox runs the sandbox server from the separate test "
            f"package cryptotopcard-sandbox, which is not installed: {INSTALL_HINT} "
            "(a test/dev dependency; the production package cryptotopcard does not include the "
            "server)",
            name="cryptotopcard_sandbox",
        ) from e
    return NativeSandbox()


def new_test_key() -> str:
    """A fresh ``sk_test_`` key: the sandbox gives each new key its own empty account."""
    return "sk_test_" + secrets.token_hex(16)


class Sandbox:
    """The sandbox server (the Rust ``cryptotopcard-sandbox`` crate, from the test package
    ``cryptotopcard-sandbox``), serving in this process on a free port of 127.0.0.1 until
    ``close()`` or the end of the ``with`` block. Raises :class:`SandboxNotInstalledError` (an
    ``ImportError``) when that package is not installed."""

    url: str
    api_key: str

    def __init__(self, api_key: Optional[str] = None) -> None:
        self._native: Optional[NativeSandbox] = _start_native()
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
