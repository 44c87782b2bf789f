"""The one mapping from a core error (its class name, else kind and status) to the exception
classes of ``_errors.py`` (generated from the spec's ``x-error-classes``)."""

from __future__ import annotations

import json
from typing import Any, Dict, Type

from ._errors import (
    _BY_NAME,
    APIConnectionError,
    APIError,
    APITimeoutError,
    APIUserAbortError,
    AuthenticationError,
    BadRequestError,
    ConfigurationError,
    ConflictError,
    CryptoTopCardError,
    InsufficientFundsError,
    InternalError,
    InternalServerError,
    NotFoundError,
    PermissionDeniedError,
    RateLimitError,
    ValidationError,
    WebhookVerificationError,
)

# Without a class name (an older core): by kind, then by status.
_KINDS: Dict[str, Type[CryptoTopCardError]] = {
    "validation": ValidationError,
    "configuration": ConfigurationError,
    "timeout": APITimeoutError,
    "connection": APIConnectionError,
    "cancelled": APIUserAbortError,
    "webhook_verification": WebhookVerificationError,
    "internal": InternalError,
    "bad_request": BadRequestError,
    "authentication": AuthenticationError,
    "permission_denied": PermissionDeniedError,
    "not_found": NotFoundError,
    "conflict": ConflictError,
    "rate_limited": RateLimitError,
    "internal_server": InternalServerError,
}
_STATUS_CLASSES: Dict[int, Type[APIError]] = {
    400: BadRequestError,
    401: AuthenticationError,
    403: PermissionDeniedError,
    404: NotFoundError,
    409: ConflictError,
    429: RateLimitError,
}
_INSUFFICIENT = frozenset({"insufficient_funds", "insufficient_card_balance"})


def _class_of(info: Dict[str, Any]) -> Type[CryptoTopCardError]:
    named = _BY_NAME.get(str(info.get("class") or ""))
    if named is not None:
        return named
    cls = _KINDS.get(str(info.get("kind") or ""))
    status = info.get("status")
    if cls is None:
        if not isinstance(status, int):
            return CryptoTopCardError
        cls = _STATUS_CLASSES.get(status, InternalServerError if status >= 500 else APIError)
    if cls is BadRequestError and info.get("error") in _INSUFFICIENT:
        cls = InsufficientFundsError
    return cls


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
