"""Core log events on the stdlib logger ``"cryptotopcard"``.

The core (Rust) logs each request (debug), response and retry (info) and final failure (warn)
with method, path, status, request id, attempt, elapsed and retry delay: never a key, PAN,
CVV, OTP or webhook secret. The level comes from ``CRYPTOTOPCARD_LOG``
(``debug|info|warn|error|off``, default off) or :func:`set_log_level`. Records are queued by
the core and emitted on the thread that made the call, when it returns.
"""

from __future__ import annotations

import logging

from . import _native

__all__ = ["set_log_level", "get_log_level"]

logger = logging.getLogger("cryptotopcard")


def set_log_level(level: str) -> None:
    """Which core events are produced: ``"debug"``, ``"info"``, ``"warn"``, ``"error"`` or
    ``"off"``. (The ``"cryptotopcard"`` logger's own level and handlers still apply.)"""
    _native._set_log_level(level)


def get_log_level() -> str:
    return _native._log_level()


def _setup_from_env() -> None:
    # The core read CRYPTOTOPCARD_LOG when the extension loaded. With a level on and no
    # logging configured for us, print to stderr (as the Lithic and Stripe SDKs do).
    names = {"debug": logging.DEBUG, "info": logging.INFO}
    names.update({"warn": logging.WARNING, "error": logging.ERROR})
    level = get_log_level()
    if level not in names:
        return
    if logger.level == logging.NOTSET:
        logger.setLevel(names[level])
    if not logger.handlers and not logging.getLogger().handlers:
        handler = logging.StreamHandler()
        handler.setFormatter(logging.Formatter("%(asctime)s %(name)s %(levelname)s %(message)s"))
        logger.addHandler(handler)
