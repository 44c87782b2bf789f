"""What the generated resource modules (one per API tag beside this file) share: the base
classes, the "required" marker, parameter and option shaping."""

from __future__ import annotations

from datetime import datetime
from decimal import Decimal
from typing import TYPE_CHECKING, Any, Dict, Mapping, Optional, Union

from .._base_model import format_datetime
from .._options import NO_OPTIONS, _CallOptions

if TYPE_CHECKING:
    from .._client import AsyncClient, Client

Amount = Union[int, float, Decimal]
"""A number parameter (amounts in USD): the core checks its range and its two decimals."""
When = Union[str, datetime]
"""A date-time parameter: a ``datetime`` (naive means UTC) or RFC 3339 / ISO 8601 text."""


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


def _params(params: Mapping[str, Any]) -> Dict[str, Any]:
    """Arguments by the core's (JSON) parameter names; None means "not given"."""
    return {k: v for k, v in params.items() if v is not None and v is not REQUIRED}


def _when(value: Optional[When]) -> Optional[str]:
    """A datetime becomes RFC 3339 text (naive means UTC); text is passed on for the core to check."""
    if isinstance(value, datetime):
        return format_datetime(value)
    return value


class SyncResource:
    def __init__(self, client: "Client") -> None:
        self._client = client


class AsyncResource:
    def __init__(self, client: "AsyncClient") -> None:
        self._client = client
