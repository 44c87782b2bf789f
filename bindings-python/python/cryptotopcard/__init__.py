"""Official Python SDK for the CryptoTopCard API.

    from cryptotopcard import Client

    client = Client("sk_test_...")          # or CRYPTOTOPCARD_API_KEY
    card = client.cards.create(bin_id="491653", amount=500, label="Ad Spend")

All logic (validation, HTTP, retries, idempotency, pagination, webhook signatures) lives in
the Rust core; this package shapes it for Python.
"""

from __future__ import annotations

import atexit as _atexit
import os as _os

from . import _native
from ._client import AsyncClient, Client
from ._errors import *  # noqa: F401,F403  (generated from spec/openapi.yaml)
from ._errors import __all__ as _errors_all
from ._logging import _setup_from_env as _setup_logging
from ._logging import get_log_level, set_log_level
from ._models import *  # noqa: F401,F403  (generated from spec/openapi.yaml)
from ._models import __all__ as _models_all
from ._pagination import AsyncPage, SyncPage
from ._response import APIResponse
from ._version import __version__
from ._webhook import construct_event, generate_test_signature, verify_webhook

__all__ = [
    "Client",
    "AsyncClient",
    "APIResponse",
    "SyncPage",
    "AsyncPage",
    "verify_webhook",
    "construct_event",
    "generate_test_signature",
    "set_log_level",
    "get_log_level",
    *_errors_all,
    "__version__",
    *_models_all,
]

# Before the interpreter finalizes: abort the asyncio calls still in flight and stop every
# thread of the extension from calling into Python again (issue 14; pyo3-async-runtimes
# issue 40). Results that arrive later are dropped.
_atexit.register(_native._shutdown, 2.0)

# A forked child (gunicorn --preload, Celery prefork, multiprocessing "fork") has none of the
# parent's threads: the runtime, pool and asyncio delivery are rebuilt there on first use (pid
# checks); this hook also forgets the parent's threads in the exit bookkeeping.
if hasattr(_os, "register_at_fork"):
    _os.register_at_fork(after_in_child=_native._after_fork_in_child)

_setup_logging()
