"""Official Python SDK for the CryptoTopCard API.

    from cryptotopcard import Client

    client = Client("sk_test_...")          # or CRYPTOTOPCARD_API_KEY
    card = client.cards.create(bin_id="491653", amount=500, label="Ad Spend")

All logic (validation, HTTP, retries, idempotency, pagination, webhook signatures) lives in
the Rust core; this package shapes it for Python.
"""

from __future__ import annotations

import atexit as _atexit

from . import _native
from ._client import AsyncClient, Client
from ._exceptions import (
    APIConnectionError,
    APIError,
    APITimeoutError,
    AuthenticationError,
    BadRequestError,
    ConfigurationError,
    ConflictError,
    CryptoTopCardError,
    InsufficientFundsError,
    InternalServerError,
    NotFoundError,
    PermissionDeniedError,
    RateLimitError,
    ValidationError,
    WebhookVerificationError,
)
from ._models import *  # noqa: F401,F403  (generated from spec/openapi.yaml)
from ._models import __all__ as _models_all
from ._pagination import AsyncPage, SyncPage
from ._response import APIResponse
from ._version import __version__
from ._webhook import construct_event, verify_webhook

__all__ = [
    "Client",
    "AsyncClient",
    "APIResponse",
    "SyncPage",
    "AsyncPage",
    "verify_webhook",
    "construct_event",
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
    "__version__",
    *_models_all,
]

# Let the shared Rust runtime finish its in-flight tasks before the interpreter finalizes
# (pyo3-async-runtimes issue 40: a worker thread calling into a finalizing interpreter).
_atexit.register(_native._shutdown, 2.0)
