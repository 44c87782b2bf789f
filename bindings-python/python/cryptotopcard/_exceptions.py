"""Exception classes, and the one mapping from the core's error kind/code to them."""

from __future__ import annotations

import json
from typing import Any, Dict, Optional, Type

__all__ = [
    "CryptoTopCardError",
    "APIError",
    "BadRequestError",
    "InsufficientFundsError",
    "AuthenticationError",
    "PermissionDeniedError",
    "NotFoundError",
    "ConflictError",
    "RateLimitError",
    "InternalServerError",
    "APIConnectionError",
    "APITimeoutError",
    "ValidationError",
    "ConfigurationError",
    "WebhookVerificationError",
]


class CryptoTopCardError(Exception):
    """Base class of every error raised by this package."""

    message: str

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message

    def __str__(self) -> str:
        return self.message


class APIError(CryptoTopCardError):
    """The API answered with an error status.

    ``status`` is the HTTP status, ``error`` the API's code (e.g. ``"insufficient_funds"``),
    ``request_id`` the ``X-Request-Id`` to quote to support, ``param`` the offending field
    (``invalid_request`` only) and ``body`` the decoded error body.
    """

    status: Optional[int]
    error: Optional[str]
    request_id: Optional[str]
    param: Optional[str]
    body: Optional[Any]

    def __init__(
        self,
        message: str,
        *,
        status: Optional[int] = None,
        error: Optional[str] = None,
        request_id: Optional[str] = None,
        param: Optional[str] = None,
        body: Optional[Any] = None,
    ) -> None:
        super().__init__(message)
        self.status = status
        self.error = error
        self.request_id = request_id
        self.param = param
        self.body = body

    @property
    def status_code(self) -> Optional[int]:
        """Alias of ``status`` (the name httpx-based SDKs use)."""
        return self.status

    def __str__(self) -> str:
        parts = [self.message]
        if self.error:
            parts.append(f"(error={self.error}")
            parts[-1] += f", status={self.status}" if self.status is not None else ""
            parts[-1] += f", request_id={self.request_id})" if self.request_id else ")"
        return " ".join(parts)

    def __repr__(self) -> str:
        return (
            f"{type(self).__name__}(message={self.message!r}, status={self.status!r}, "
            f"error={self.error!r}, request_id={self.request_id!r}, param={self.param!r})"
        )


class BadRequestError(APIError):
    """400: the request was refused (``invalid_request``, ``invalid_bin``, ...)."""


class InsufficientFundsError(BadRequestError):
    """400 ``insufficient_funds`` (wallet) or ``insufficient_card_balance`` (card)."""


class AuthenticationError(APIError):
    """401: the API key is missing, malformed or unknown."""


class PermissionDeniedError(APIError):
    """403: e.g. a sandbox endpoint called with a live key."""


class NotFoundError(APIError):
    """404: no such object."""


class ConflictError(APIError):
    """409: ``card_terminated``, ``invalid_card_state``, ``idempotency_key_reused``/``_in_use``."""


class RateLimitError(APIError):
    """429 ``rate_limited``; ``retry_after`` is the server's Retry-After in seconds."""

    retry_after: Optional[float]

    def __init__(self, message: str, *, retry_after: Optional[float] = None, **kw: Any) -> None:
        super().__init__(message, **kw)
        self.retry_after = retry_after


class InternalServerError(APIError):
    """5xx: the server failed (after the client's retries)."""


class APIConnectionError(CryptoTopCardError):
    """The request did not get an answer (connection refused, reset, ...)."""


class APITimeoutError(APIConnectionError):
    """The request timed out."""


class ValidationError(CryptoTopCardError, ValueError):
    """Bad input found before anything was sent; ``field`` names the parameter."""

    field: Optional[str]

    def __init__(self, message: str, *, field: Optional[str] = None) -> None:
        super().__init__(message)
        self.field = field

    def __repr__(self) -> str:
        return f"{type(self).__name__}(message={self.message!r}, field={self.field!r})"


class ConfigurationError(ValidationError):
    """The client cannot be built (no API key, malformed key, bad base URL, ...)."""


class WebhookVerificationError(CryptoTopCardError):
    """A webhook payload's signature, format or age was rejected."""


_API_KINDS: Dict[str, Type[APIError]] = {
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


def _from_core(native: BaseException) -> CryptoTopCardError:
    """THE mapping: a core error (``_native.CoreError``, args[0] = Error::to_json()) to a class."""
    try:
        info: Dict[str, Any] = json.loads(native.args[0]) if native.args else {}
        if not isinstance(info, dict):
            info = {}
    except (TypeError, ValueError):
        info = {}
    kind = info.get("kind") or ""
    message = str(info.get("message") or kind or "unknown error")
    if kind in ("validation", "configuration"):
        field = info.get("field") or info.get("param")
        if field and field not in message:
            message = f"{field}: {message}"
        if kind == "configuration":
            return ConfigurationError(message, field=field)
        return ValidationError(message, field=field)
    if kind == "timeout":
        return APITimeoutError(message)
    if kind == "connection":
        return APIConnectionError(message)
    if kind == "webhook_verification":
        return WebhookVerificationError(message)
    status = info.get("status")
    code = info.get("error")
    cls = _API_KINDS.get(kind)
    if cls is None:
        if isinstance(status, int):
            cls = _STATUS_CLASSES.get(status, InternalServerError if status >= 500 else APIError)
        else:
            return CryptoTopCardError(message)
    if cls is BadRequestError and code in _INSUFFICIENT:
        cls = InsufficientFundsError
    kw: Dict[str, Any] = {
        "status": status,
        "error": code,
        "request_id": info.get("request_id"),
        "param": info.get("param"),
        "body": info.get("body"),
    }
    if cls is RateLimitError:
        ra = info.get("retry_after")
        return RateLimitError(message, retry_after=float(ra) if ra is not None else None, **kw)
    return cls(message, **kw)
