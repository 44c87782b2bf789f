"""The GIL is released while a call waits: other threads keep running Python code and SDK calls."""

from __future__ import annotations

import asyncio
import threading
from typing import List

import cryptotopcard
from cryptotopcard.testing import Sandbox


def test_other_threads_run_while_a_call_waits(
    sandbox: Sandbox, key: str, client: cryptotopcard.Client
) -> None:
    done = threading.Event()
    started = threading.Event()
    errors: List[BaseException] = []

    def slow() -> None:
        try:
            with sandbox.client(key, default_headers={"X-Sandbox-Fault": "delay_ms=3000"}) as c:
                started.set()
                c.wallet.retrieve()
        except BaseException as e:  # pragma: no cover - reported below
            errors.append(e)
        finally:
            done.set()

    t = threading.Thread(target=slow)
    t.start()
    assert started.wait(10)
    # While the slow call is in flight, this thread completes 40 SDK calls and Python work.
    # If the slow call held the GIL while waiting, none of this could run before it returned.
    finished_before_slow = 0
    for _ in range(40):
        client.wallet.retrieve()
        sum(range(1000))
        if not done.is_set():
            finished_before_slow += 1
    still_waiting = not done.is_set()
    t.join(30)
    assert not errors, errors
    assert still_waiting and finished_before_slow == 40


def test_threads_share_one_client(client: cryptotopcard.Client) -> None:
    card = client.cards.create(bin_id="491653", amount=100)
    errors: List[BaseException] = []

    def fund() -> None:
        try:
            for _ in range(5):
                client.cards.fund(card.id, amount=1)
        except BaseException as e:  # pragma: no cover
            errors.append(e)

    threads = [threading.Thread(target=fund) for _ in range(8)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(60)
    assert not errors, errors
    assert client.cards.retrieve(card.id).balance == 140.0
    assert client.wallet.retrieve().balance == 10000.0 - 140.0


async def test_event_loop_runs_while_awaiting(sandbox: Sandbox, key: str) -> None:
    async with sandbox.async_client(
        key, default_headers={"X-Sandbox-Fault": "delay_ms=2000"}
    ) as slow_client:
        async with sandbox.async_client(key) as fast:
            slow = asyncio.ensure_future(slow_client.wallet.retrieve())
            for _ in range(20):
                await fast.wallet.retrieve()
            assert not slow.done()
            assert (await slow).balance == 10000.0
