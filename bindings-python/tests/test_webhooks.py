"""Webhook signatures (delegated to the core) and real deliveries from the sandbox."""

from __future__ import annotations

import hashlib
import hmac
import http.server
import json
import queue
import random
import string
import threading
from datetime import datetime, timedelta, timezone
from typing import Any, Dict, Iterator, Tuple

import pytest

import cryptotopcard
from cryptotopcard import Card, CardCreatedEvent, Event, construct_event, verify_webhook


def published_verify_webhook(payload, signature, secret):  # type: ignore[no-untyped-def]
    """Verbatim from the API reference."""
    expected = hmac.new(secret.encode(), payload.encode(), hashlib.sha256).hexdigest()
    return hmac.compare_digest(expected, signature)


def sign(payload: bytes, secret: str) -> str:
    return hmac.new(secret.encode(), payload, hashlib.sha256).hexdigest()


def rand_text(rng: random.Random, n: int) -> str:
    alphabet = string.printable + "éü€漢字🙂\x00"
    return "".join(rng.choice(alphabet) for _ in range(n))


def test_agrees_with_published_verify_webhook() -> None:
    rng = random.Random(20260415)
    for i in range(2000):
        payload = rand_text(rng, rng.randrange(0, 300))
        secret = "whsec_" + rand_text(rng, rng.randrange(0, 48))
        good = hmac.new(secret.encode(), payload.encode(), hashlib.sha256).hexdigest()
        choice = i % 5
        if choice == 0:
            sig = good
        elif choice == 1:  # one hex digit changed
            pos = rng.randrange(len(good))
            sig = good[:pos] + ("0" if good[pos] != "0" else "1") + good[pos + 1 :]
        elif choice == 2:
            sig = good.upper()
        elif choice == 3:
            sig = good[: rng.randrange(len(good))]
        else:
            sig = "".join(rng.choice(string.ascii_letters + string.digits) for _ in range(64))
        expected = published_verify_webhook(payload, sig, secret)
        assert verify_webhook(payload, sig, secret) is expected, (i, choice)
        assert verify_webhook(payload.encode(), sig, secret) is expected, (i, choice)


def event_body(created_at: datetime, **data: Any) -> bytes:
    card = {
        "id": "card_abc",
        "bin_id": "491653",
        "network": "visa",
        "last4": "2039",
        "status": "active",
        "balance": 500,
        "spending_limit": 2000,
        "label": None,
        "metadata": {},
        "created_at": "2026-04-15T12:00:00Z",
        "expires_at": "2029-04-15T23:59:59Z",
        "some_future_field": [1, 2, 3],
    }
    card.update(data)
    event = {
        "id": "evt_1",
        "type": "card.created",
        "created_at": created_at.strftime("%Y-%m-%dT%H:%M:%SZ"),
        "data": card,
    }
    return json.dumps(event).encode()


def test_construct_event() -> None:
    secret = "whsec_" + "k" * 32
    body = event_body(datetime.now(timezone.utc))
    event = construct_event(body, sign(body, secret), secret)
    assert isinstance(event, CardCreatedEvent) and isinstance(event, Event)
    assert event.type == "card.created" and isinstance(event.data, Card)
    assert event.data.id == "card_abc" and event.data.balance == 500.0
    # str payload too
    assert construct_event(body.decode(), sign(body, secret), secret) == event
    with pytest.raises(cryptotopcard.WebhookVerificationError):
        construct_event(body, sign(body, secret + "x"), secret)
    with pytest.raises(cryptotopcard.WebhookVerificationError):
        construct_event(body + b" ", sign(body, secret), secret)


def test_construct_event_replay_window() -> None:
    secret = "whsec_" + "r" * 32
    old = event_body(datetime.now(timezone.utc) - timedelta(hours=1))
    with pytest.raises(cryptotopcard.WebhookVerificationError):
        construct_event(old, sign(old, secret), secret)
    assert construct_event(old, sign(old, secret), secret, tolerance=0).id == "evt_1"
    assert construct_event(old, sign(old, secret), secret, tolerance=7200).id == "evt_1"


def test_unknown_event_type_stays_generic() -> None:
    secret = "whsec_" + "u" * 32
    body = json.dumps(
        {
            "id": "evt_9",
            "type": "card.exploded",
            "created_at": datetime.now(timezone.utc).isoformat(),
            "data": {"x": 1},
        }
    ).encode()
    event = construct_event(body, sign(body, secret), secret)
    assert type(event) is Event and event.type == "card.exploded" and event.data == {"x": 1}


class _Receiver(http.server.BaseHTTPRequestHandler):
    inbox: "queue.Queue[Tuple[Dict[str, str], bytes]]"

    def do_POST(self) -> None:  # noqa: N802
        length = int(self.headers.get("Content-Length") or 0)
        body = self.rfile.read(length)
        self.inbox.put(({k.lower(): v for k, v in self.headers.items()}, body))
        self.send_response(200)
        self.end_headers()

    def log_message(self, *args: Any) -> None:
        pass


@pytest.fixture
def receiver() -> Iterator[Tuple[str, "queue.Queue[Tuple[Dict[str, str], bytes]]"]]:
    inbox: "queue.Queue[Tuple[Dict[str, str], bytes]]" = queue.Queue()
    handler = type("Receiver", (_Receiver,), {"inbox": inbox})
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}/hooks", inbox
    finally:
        server.shutdown()
        server.server_close()


def test_delivery_verified_with_construct_event(client: cryptotopcard.Client, receiver) -> None:  # type: ignore[no-untyped-def]
    url, inbox = receiver
    wh = client.webhooks.create(url=url, events=["card.created", "card.frozen"])
    card = client.cards.create(bin_id="491653", amount=25, label="hooked")
    client.cards.freeze(card.id)
    got = {}
    for _ in range(2):
        headers, body = inbox.get(timeout=20)
        event = construct_event(body, headers["x-ctc-signature"], wh.secret)
        assert headers["x-ctc-event"] == event.type
        assert headers["x-ctc-delivery"] == event.id
        got[event.type] = event
    created = got["card.created"]
    assert isinstance(created, CardCreatedEvent) and created.data.id == card.id
    assert created.data.label == "hooked"
    assert got["card.frozen"].data.id == card.id
    assert verify_webhook(body, headers["x-ctc-signature"], wh.secret)
    assert not verify_webhook(body, headers["x-ctc-signature"], "whsec_wrong" + "0" * 30)
