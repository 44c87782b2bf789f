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
    "APIUserAbortError",
    "ValidationError",
    "ConfigurationError",
    "WebhookVerificationError",
    "InternalError",
]


class CryptoTopCardError(Exception):
    """Base class of every error raised by this package.

    ``idempotency_key`` is the key a failed POST/PATCH/DELETE was sent with (the one passed,
    or the one the SDK generated); ``None`` for reads and for errors found before sending.
    The server applies a key's request at most once, so retrying with it is safe even when
    the failed call did reach the server::

        try:
            card = client.cards.create(bin_id="491653", amount=50)
        except cryptotopcard.APIConnectionError as e:
            card = client.cards.create(
                bin_id="491653", amount=50, idempotency_key=e.idempotency_key
            )
    """

    message: str
    idempotency_key: Optional[str]

    def __init__(self, message: str, *, idempotency_key: Optional[str] = None) -> None:
        super().__init__(message)
        self.message = message
        self.idempotency_key = idempotency_key

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
        idempotency_key: Optional[str] = None,
    ) -> None:
        super().__init__(message, idempotency_key=idempotency_key)
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
            f"error={self.error!r}, request_id={self.request_id!r}, param={self.param!r}, "
            f"idempotency_key={self.idempotency_key!r})"
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
    """The request did not get an answer (connection refused, reset, ...). A mutating call may
    have been applied all the same: retry it with ``idempotency_key=e.idempotency_key``."""

    def __repr__(self) -> str:
        return (
            f"{type(self).__name__}(message={self.message!r}, "
            f"idempotency_key={self.idempotency_key!r})"
        )


class APITimeoutError(APIConnectionError):
    """The request timed out (see :class:`APIConnectionError` for the retry)."""


class APIUserAbortError(CryptoTopCardError):
    """The call was cancelled before it finished and its request dropped (the core's
    ``cancelled`` kind): for instance an asyncio call started while the interpreter exits.
    A cancelled asyncio task raises :class:`asyncio.CancelledError` and Ctrl-C during a
    blocking call raises :class:`KeyboardInterrupt`, as usual."""

    def __repr__(self) -> str:
        return (
            f"{type(self).__name__}(message={self.message!r}, "
            f"idempotency_key={self.idempotency_key!r})"
        )


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


class InternalError(CryptoTopCardError):
    """A bug inside the SDK (for instance a panic caught at the native boundary). Never
    retryable as such; please report it with the message."""


# The core names each error's class (``Error::class_name``, one table for every language):
# these are the Python classes of that table.
_BY_NAME: Dict[str, Type[CryptoTopCardError]] = {
    cls.__name__: cls
    for cls in (
        CryptoTopCardError,
        APIError,
        BadRequestError,
        InsufficientFundsError,
        AuthenticationError,
        PermissionDeniedError,
        NotFoundError,
        ConflictError,
        RateLimitError,
        InternalServerError,
        APIConnectionError,
        APITimeoutError,
        APIUserAbortError,
        ValidationError,
        ConfigurationError,
        WebhookVerificationError,
        InternalError,
    )
}
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
