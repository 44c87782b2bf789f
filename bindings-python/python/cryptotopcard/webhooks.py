"""Webhook helpers: ``verify_webhook``, ``construct_event`` (a secret or a list of secrets,
for rotation) and ``generate_test_signature`` for your own tests.

    from cryptotopcard.webhooks import construct_event, generate_test_signature

    sig = generate_test_signature(payload, "whsec_test")
    event = construct_event(payload, sig, ["whsec_new", "whsec_old"])
"""

from __future__ import annotations

from ._webhook import construct_event, generate_test_signature, verify_webhook

__all__ = ["verify_webhook", "construct_event", "generate_test_signature"]
