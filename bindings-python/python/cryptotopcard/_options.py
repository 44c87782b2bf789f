"""Per-call options (``idempotency_key=``, ``timeout=``)."""

from __future__ import annotations

from typing import NamedTuple, Optional


class _CallOptions(NamedTuple):
    idempotency_key: Optional[str] = None
    timeout: Optional[float] = None


NO_OPTIONS = _CallOptions()
