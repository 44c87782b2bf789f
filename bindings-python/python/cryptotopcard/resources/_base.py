"""Shared base of the resource classes (one module per resource beside this file)."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, Dict, Optional

from .._options import NO_OPTIONS, _CallOptions

if TYPE_CHECKING:
    from .._client import AsyncClient, Client


def _opts(idempotency_key: Optional[str] = None, timeout: Optional[float] = None) -> _CallOptions:
    if idempotency_key is None and timeout is None:
        return NO_OPTIONS
    return _CallOptions(idempotency_key, timeout)


class _Required:
    """Default of a required parameter: leaving it out reaches the core, which raises a
    ValidationError naming the field (instead of Python's TypeError)."""

    __slots__ = ()

    def __repr__(self) -> str:
        return "<required>"


REQUIRED: Any = _Required()


def _params(**kw: Any) -> Dict[str, Any]:
    """Keyword arguments to the core's snake_case parameters; None means "not given"."""
    return {k: v for k, v in kw.items() if v is not None and v is not REQUIRED}


class SyncResource:
    def __init__(self, client: "Client") -> None:
        self._client = client


class AsyncResource:
    def __init__(self, client: "AsyncClient") -> None:
        self._client = client
