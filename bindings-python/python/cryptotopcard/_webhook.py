"""Webhook signature helpers; all delegate to the Rust core (``cryptotopcard::webhook``).

``secret`` may be a list of secrets while rotating: a signature by any of them is accepted."""

from __future__ import annotations

import json
from typing import Sequence, Union

from . import _native
from ._models import Event

__all__ = ["verify_webhook", "construct_event", "generate_test_signature"]

Payload = Union[bytes, bytearray, str]
Secrets = Union[str, Sequence[str]]


def verify_webhook(payload: Payload, signature: str, secret: Secrets) -> bool:
    """True when ``signature`` is the hex HMAC-SHA256 of the raw ``payload`` keyed with
    ``secret`` (or any secret of a list) (the ``X-CTC-Signature`` header). Constant time;
    bytes or str payloads."""
    return _native.verify_webhook(payload, signature, secret)


def construct_event(
    payload: Payload, signature: str, secret: Secrets, tolerance: int = 300
) -> Event:
    """Verifies the signature (``secret``: one secret or a list, for rotation), parses the
    typed :class:`Event` and rejects one whose ``created_at`` is more than ``tolerance``
    seconds in the past or in the future (0 turns the check off). The API may deliver an
    event twice: de-duplicate by ``event.id`` (also the ``X-CTC-Delivery`` header).

    Raises :class:`WebhookVerificationError` on any failure."""
    try:
        raw = _native.construct_event(payload, signature, secret, tolerance)
    except (OverflowError, TypeError):
        from ._errors import ValidationError

        raise ValidationError(
            "tolerance: expected a non-negative integer of seconds", field="tolerance"
        ) from None
    return Event._from_dict(json.loads(raw))


def generate_test_signature(payload: Payload, secret: str) -> str:
    """The ``X-CTC-Signature`` header value for ``payload`` signed with ``secret``: for your
    own tests of a webhook endpoint (what the API sends)."""
    return _native.sign_webhook(payload, secret)
