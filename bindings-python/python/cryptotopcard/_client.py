"""``Client`` and ``AsyncClient``: own the native client and shape calls; all behaviour
(validation, HTTP, retries, idempotency, pagination rules) lives in the Rust core."""

from __future__ import annotations

import json
import logging
import platform
from typing import Any, Dict, Mapping, Optional, Type, TypeVar, Union

from . import _native
from ._base_model import BaseModel
from ._errors import APIConnectionError
from ._options import _CallOptions
from ._pagination import AsyncPage, SyncPage
from ._response import APIResponse
from ._version import __version__
from .resources import AsyncResources, SyncResources

__all__ = ["Client", "AsyncClient"]

M = TypeVar("M", bound=BaseModel)
_C = TypeVar("_C", bound="_BaseClient")

_log = logging.getLogger("cryptotopcard")
_drain = _native._drain_logs


def _emit_logs() -> None:
    """Emits the core's queued log records (see ``src/logging.rs``) on the calling thread."""
    records = _drain()
    if records:
        for level, line in records:
            _log.log(level, line)


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
        timeout: Optional[float] = None,
        max_retries: Optional[int] = None,
        default_headers: Optional[Mapping[str, str]] = None,
        max_response_bytes: Optional[int] = None,
        proxy: Optional[str] = None,
        root_certificates_pem: Union[str, bytes, None] = None,
    ) -> None:
        # Every default (key and base URL from the environment, timeout, retries, size cap,
        # environment proxies) is the core's: None means "the core decides".
        headers = dict(default_headers) if default_headers is not None else None
        self._core = _native.NativeClient(
            api_key,
            base_url,
            timeout,
            max_retries,
            __version__,
            headers,
            max_response_bytes,
            proxy,
            root_certificates_pem,
            platform.python_implementation(),
            platform.python_version(),
        )
        self._attach()

    def with_options(
        self: _C,
        *,
        timeout: Optional[float] = None,
        max_retries: Optional[int] = None,
        default_headers: Optional[Mapping[str, str]] = None,
        max_response_bytes: Optional[int] = None,
    ) -> _C:
        """A copy of this client with some options changed (None keeps this client's),
        sharing its connection pool; ``default_headers`` are added to this client's."""
        headers = dict(default_headers) if default_headers is not None else None
        native = self._live().with_options(timeout, max_retries, headers, max_response_bytes)
        copy = object.__new__(type(self))
        copy._core = native
        copy._attach()
        return copy

    def _attach(self) -> None:
        """Wires the resources (``client.cards``, ...) to this client: the generated
        ``SyncResources`` / ``AsyncResources`` mixins define it."""
        raise NotImplementedError

    @property
    def base_url(self) -> str:
        return self._live().settings()[0]

    @property
    def timeout(self) -> float:
        """Seconds per attempt, as the core resolved it."""
        return self._live().settings()[1]

    @property
    def max_retries(self) -> int:
        return self._live().settings()[2]

    @property
    def max_response_bytes(self) -> int:
        return self._live().settings()[3]

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


class Client(SyncResources, _BaseClient):
    """Synchronous client. ``Client(api_key=None, *, base_url=None, timeout=None,
    max_retries=None, default_headers=None, max_response_bytes=None, proxy=None,
    root_certificates_pem=None)``.

    Options left None take the core's defaults: the key from ``CRYPTOTOPCARD_API_KEY``, the
    base URL from ``CRYPTOTOPCARD_BASE_URL`` (else the production API), 60 s per attempt,
    2 retries, 10 MiB responses, proxies from ``HTTPS_PROXY``/``HTTP_PROXY``/``NO_PROXY``.
    ``proxy`` (``http://user:pass@host:port``, https or socks5) replaces the environment's;
    ``root_certificates_pem`` adds trusted CA certificates. Calls release the GIL while they wait.
    """

    def _call(self, op: str, params: Dict[str, Any], options: _CallOptions) -> Any:
        try:
            return self._live().call(op, params, options.idempotency_key, options.timeout)
        finally:
            _emit_logs()

    def _object(self, op: str, params: Dict[str, Any], model: Type[M], options: _CallOptions) -> M:
        raw, meta, _ = self._call(op, params, options)
        return _model(model, raw, meta)

    def _none(self, op: str, params: Dict[str, Any], options: _CallOptions) -> None:
        self._call(op, params, options)

    def _page(
        self, op: str, params: Dict[str, Any], item: Type[M], options: _CallOptions
    ) -> SyncPage[M]:
        raw, meta, nxt = self._call(op, params, options)
        return SyncPage(self, op, item, raw or "{}", meta, nxt, options)

    def close(self) -> None:
        """Releases the connection pool; later calls raise :class:`APIConnectionError`."""
        self._core = None

    def __enter__(self) -> "Client":
        return self

    def __exit__(self, *exc: Any) -> None:
        self.close()


class AsyncClient(AsyncResources, _BaseClient):
    """asyncio client with the same resources; every method is a coroutine.

    Awaitables are driven by the SDK's one shared Rust runtime, so the event loop never blocks.
    """

    async def _call(self, op: str, params: Dict[str, Any], options: _CallOptions) -> Any:
        try:
            return await self._live().acall(op, params, options.idempotency_key, options.timeout)
        finally:
            _emit_logs()

    async def _object(
        self, op: str, params: Dict[str, Any], model: Type[M], options: _CallOptions
    ) -> M:
        raw, meta, _ = await self._call(op, params, options)
        return _model(model, raw, meta)

    async def _none(self, op: str, params: Dict[str, Any], options: _CallOptions) -> None:
        await self._call(op, params, options)

    async def _page(
        self, op: str, params: Dict[str, Any], item: Type[M], options: _CallOptions
    ) -> AsyncPage[M]:
        raw, meta, nxt = await self._call(op, params, options)
        return AsyncPage(self, op, item, raw or "{}", meta, nxt, options)

    async def close(self) -> None:
        """Releases the connection pool; later calls raise :class:`APIConnectionError`."""
        self._core = None

    async def __aenter__(self) -> "AsyncClient":
        return self

    async def __aexit__(self, *exc: Any) -> None:
        await self.close()
