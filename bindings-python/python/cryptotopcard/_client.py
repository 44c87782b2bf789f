"""``Client`` and ``AsyncClient``: own the native client and shape calls; all behaviour
(validation, HTTP, retries, idempotency, pagination rules) lives in the Rust core."""

from __future__ import annotations

import json
from typing import Any, Dict, Mapping, Optional, Type, TypeVar

from . import _native
from ._base_model import BaseModel
from ._exceptions import APIConnectionError, _from_core
from ._options import _CallOptions
from ._pagination import AsyncPage, SyncPage
from ._response import APIResponse
from ._version import __version__
from .resources.bins import AsyncBins, Bins
from .resources.cards import AsyncCards, Cards
from .resources.sandbox import AsyncSandbox, Sandbox
from .resources.threeds import AsyncThreeDS, ThreeDS
from .resources.transactions import AsyncTransactions, Transactions
from .resources.wallet import AsyncWallet, Wallet
from .resources.webhooks import AsyncWebhooks, Webhooks

__all__ = ["Client", "AsyncClient"]

M = TypeVar("M", bound=BaseModel)


def _model(model: Type[M], raw: Optional[str], meta: Any) -> M:
    obj = model._from_dict(json.loads(raw) if raw is not None else {})
    obj._last_response = APIResponse(meta)
    return obj


class _BaseClient:
    _core: Optional[_native.NativeClient]

    def __init__(
        self,
        api_key: Optional[str] = None,
        *,
        base_url: Optional[str] = None,
        timeout: float = 60.0,
        max_retries: int = 2,
        default_headers: Optional[Mapping[str, str]] = None,
    ) -> None:
        headers = dict(default_headers) if default_headers is not None else None
        try:
            self._core = _native.NativeClient(
                api_key, base_url, timeout, max_retries, __version__, headers
            )
        except _native.CoreError as e:
            raise _from_core(e) from None

    def _live(self) -> _native.NativeClient:
        native = self._core
        if native is None:
            raise APIConnectionError("the client is closed")
        return native

    @property
    def is_closed(self) -> bool:
        return self._core is None

    def __repr__(self) -> str:
        state = "closed" if self._core is None else repr(self._core)
        return f"{type(self).__name__}({state})"


class Client(_BaseClient):
    """Synchronous client. ``Client(api_key=None, *, base_url=None, timeout=60.0, max_retries=2,
    default_headers=None)``.

    The key defaults to ``CRYPTOTOPCARD_API_KEY`` and the base URL to ``CRYPTOTOPCARD_BASE_URL``
    (else ``https://api.cryptotopcard.com/v1``). Calls release the GIL while they wait.
    """

    cards: Cards
    transactions: Transactions
    wallet: Wallet
    bins: Bins
    threeds: ThreeDS
    webhooks: Webhooks
    sandbox: Sandbox

    def __init__(
        self,
        api_key: Optional[str] = None,
        *,
        base_url: Optional[str] = None,
        timeout: float = 60.0,
        max_retries: int = 2,
        default_headers: Optional[Mapping[str, str]] = None,
    ) -> None:
        super().__init__(
            api_key,
            base_url=base_url,
            timeout=timeout,
            max_retries=max_retries,
            default_headers=default_headers,
        )
        self.cards = Cards(self)
        self.transactions = Transactions(self)
        self.wallet = Wallet(self)
        self.bins = Bins(self)
        self.threeds = ThreeDS(self)
        self.webhooks = Webhooks(self)
        self.sandbox = Sandbox(self)

    def _call(self, op: str, params: Dict[str, Any], options: _CallOptions) -> Any:
        try:
            return self._live().call(op, params, options.idempotency_key, options.timeout)
        except _native.CoreError as e:
            raise _from_core(e) from None

    def _object(self, op: str, params: Dict[str, Any], model: Type[M], options: _CallOptions) -> M:
        raw, meta = self._call(op, params, options)
        return _model(model, raw, meta)

    def _none(self, op: str, params: Dict[str, Any], options: _CallOptions) -> None:
        self._call(op, params, options)

    def _page(
        self, op: str, params: Dict[str, Any], item: Type[M], options: _CallOptions
    ) -> SyncPage[M]:
        raw, meta = self._call(op, params, options)
        return SyncPage(self, op, params, item, raw or "{}", meta, options)

    def close(self) -> None:
        """Releases the connection pool; later calls raise :class:`APIConnectionError`."""
        self._core = None

    def __enter__(self) -> "Client":
        return self

    def __exit__(self, *exc: Any) -> None:
        self.close()


class AsyncClient(_BaseClient):
    """asyncio client with the same resources; every method is a coroutine.

    Awaitables are driven by the SDK's one shared Rust runtime, so the event loop never blocks.
    """

    cards: AsyncCards
    transactions: AsyncTransactions
    wallet: AsyncWallet
    bins: AsyncBins
    threeds: AsyncThreeDS
    webhooks: AsyncWebhooks
    sandbox: AsyncSandbox

    def __init__(
        self,
        api_key: Optional[str] = None,
        *,
        base_url: Optional[str] = None,
        timeout: float = 60.0,
        max_retries: int = 2,
        default_headers: Optional[Mapping[str, str]] = None,
    ) -> None:
        super().__init__(
            api_key,
            base_url=base_url,
            timeout=timeout,
            max_retries=max_retries,
            default_headers=default_headers,
        )
        self.cards = AsyncCards(self)
        self.transactions = AsyncTransactions(self)
        self.wallet = AsyncWallet(self)
        self.bins = AsyncBins(self)
        self.threeds = AsyncThreeDS(self)
        self.webhooks = AsyncWebhooks(self)
        self.sandbox = AsyncSandbox(self)

    async def _call(self, op: str, params: Dict[str, Any], options: _CallOptions) -> Any:
        try:
            return await self._live().acall(op, params, options.idempotency_key, options.timeout)
        except _native.CoreError as e:
            raise _from_core(e) from None

    async def _object(
        self, op: str, params: Dict[str, Any], model: Type[M], options: _CallOptions
    ) -> M:
        raw, meta = await self._call(op, params, options)
        return _model(model, raw, meta)

    async def _none(self, op: str, params: Dict[str, Any], options: _CallOptions) -> None:
        await self._call(op, params, options)

    async def _page(
        self, op: str, params: Dict[str, Any], item: Type[M], options: _CallOptions
    ) -> AsyncPage[M]:
        raw, meta = await self._call(op, params, options)
        return AsyncPage(self, op, params, item, raw or "{}", meta, options)

    async def close(self) -> None:
        """Releases the connection pool; later calls raise :class:`APIConnectionError`."""
        self._core = None

    async def __aenter__(self) -> "AsyncClient":
        return self

    async def __aexit__(self, *exc: Any) -> None:
        await self.close()
