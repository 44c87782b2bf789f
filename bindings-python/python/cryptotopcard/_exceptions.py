"""The one mapping from a core error (the class name the core gives it) to the exception
classes of ``_errors.py`` (generated from the spec's ``x-error-classes``)."""

from __future__ import annotations

import json
from typing import Any, Dict, Type

from ._errors import (
    _BY_NAME,
    APIError,
    CryptoTopCardError,
    InternalError,
    RateLimitError,
    ValidationError,
)


def _class_of(info: Dict[str, Any]) -> Type[CryptoTopCardError]:
    # The core names the class of every error (Error::class_name); the bundled core always does.
    # A payload without one can only be a bug at the boundary: InternalError, never a guess.
    return _BY_NAME.get(str(info.get("class") or ""), InternalError)


def _from_core(native: BaseException) -> CryptoTopCardError:
    """THE mapping: a core error (``_native.CoreError``, args[0] = Error::to_json()) to the
    class the core names (``class``), carrying its fields and ``idempotency_key``."""
    try:
        info: Dict[str, Any] = json.loads(native.args[0]) if native.args else {}
        if not isinstance(info, dict):
            info = {}
    except (TypeError, ValueError):
        info = {}
    kind = info.get("kind") or ""
    message = str(info.get("message") or kind or "unknown error")
    key = info.get("idempotency_key")
    key = key if isinstance(key, str) else None
    cls = _class_of(info)
    if issubclass(cls, ValidationError):
        field = info.get("field") or info.get("param")
        if field and field not in message:
            message = f"{field}: {message}"
        return cls(message, field=field)
    if not issubclass(cls, APIError):
        return cls(message, idempotency_key=key)
    kw: Dict[str, Any] = {
        "status": info.get("status"),
        "error": info.get("error"),
        "request_id": info.get("request_id"),
        "param": info.get("param"),
        "body": info.get("body"),
        "idempotency_key": key,
    }
    if issubclass(cls, RateLimitError):
        ra = info.get("retry_after")
        return cls(message, retry_after=float(ra) if ra is not None else None, **kw)
    return cls(message, **kw)
