"""Webhook signature helpers; both delegate to the Rust core (``cryptotopcard::webhook``)."""

from __future__ import annotations

import json
from typing import Union

from . import _native
from ._exceptions import _from_core
from ._models import Event

__all__ = ["verify_webhook", "construct_event"]

Payload = Union[bytes, bytearray, str]


def verify_webhook(payload: Payload, signature: str, secret: str) -> bool:
    """True when ``signature`` is the hex HMAC-SHA256 of the raw ``payload`` keyed with
    ``secret`` (the ``X-CTC-Signature`` header). Constant time; bytes or str payloads."""
    try:
        return _native.verify_webhook(payload, signature, secret)
    except _native.CoreError as e:
        raise _from_core(e) from None


def construct_event(payload: Payload, signature: str, secret: str, tolerance: int = 300) -> Event:
    """Verifies the signature, parses the typed :class:`Event` and rejects one whose
    ``created_at`` is older than ``tolerance`` seconds (0 turns the replay check off).

    Raises :class:`WebhookVerificationError` on any failure."""
    try:
        raw = _native.construct_event(payload, signature, secret, tolerance)
    except _native.CoreError as e:
        raise _from_core(e) from None
    except (OverflowError, TypeError):
        from ._exceptions import ValidationError

        raise ValidationError(
            "tolerance: expected a non-negative integer of seconds", field="tolerance"
        ) from None
    return Event._from_dict(json.loads(raw))
