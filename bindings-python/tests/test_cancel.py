"""Cancelling an asyncio call cancels the Rust future at once (issue 14 item 1): the request's
connection is closed, nothing is delivered later, the client keeps working. Each way asyncio
cancels (wait_for, task.cancel(), a TaskGroup, an asyncio.timeout block) is run in a
subprocess against a server that accepts and never answers."""

from __future__ import annotations

import asyncio
import sys
import textwrap
import time

import pytest

from cryptotopcard import _native
from cryptotopcard.testing import Sandbox

from conftest import LiveScript, SilentServer, run_py

SCRIPT = textwrap.dedent(
    r"""
    import asyncio, sys, time
    import cryptotopcard
    from cryptotopcard import _native

    silent_url, sandbox_url, key, mode = sys.argv[1:5]

    async def main():
        ac = cryptotopcard.AsyncClient(key, base_url=silent_url, timeout=30, max_retries=0)
        call = lambda: ac.cards.create(bin_id="491653", amount=5)
        # The moment of the cancel: the 0.5 s deadline, or just before task.cancel().
        cancel_at = time.time() + 0.5
        if mode == "wait_for":
            try:
                await asyncio.wait_for(call(), 0.5)
            except asyncio.TimeoutError:
                pass
        elif mode == "task_cancel":
            task = asyncio.ensure_future(call())
            await asyncio.sleep(0.5)
            cancel_at = time.time()
            task.cancel()
            try:
                await task
            except asyncio.CancelledError:
                pass
        elif mode == "taskgroup":
            async def fail_soon():
                await asyncio.sleep(0.5)
                raise ValueError("sibling failed")
            try:
                async with asyncio.TaskGroup() as tg:
                    tg.create_task(call())
                    tg.create_task(fail_soon())
            except BaseException as e:  # ExceptionGroup([ValueError])
                assert "sibling failed" in repr(e.exceptions), e
        elif mode == "timeout":
            try:
                async with asyncio.timeout(0.5):
                    await call()
            except TimeoutError:
                pass
        print(f"CANCELLED {cancel_at:.6f}", flush=True)
        await asyncio.sleep(0)
        print(f"IN_FLIGHT {_native._in_flight()}", flush=True)
        # The client (and the SDK) keep working; the loop keeps running: nothing arrives late.
        ok = cryptotopcard.AsyncClient(key, base_url=sandbox_url)
        assert (await ok.wallet.retrieve()).balance == 10000.0
        print("ok", flush=True)
        await asyncio.get_running_loop().run_in_executor(None, sys.stdin.readline)

    asyncio.run(main())
    """
)

MODES = ["wait_for", "task_cancel", "taskgroup", "timeout"]


@pytest.mark.parametrize("mode", MODES)
def test_cancelling_the_task_closes_the_connection(
    silent: SilentServer, sandbox: Sandbox, key: str, mode: str
) -> None:
    if mode in ("taskgroup", "timeout") and sys.version_info < (3, 11):
        pytest.skip("asyncio.TaskGroup and asyncio.timeout are Python 3.11+")
    script = LiveScript(SCRIPT, silent.url, sandbox.url, key, mode)
    try:
        got = script.next_line("CANCELLED", 30)
        assert got.startswith("CANCELLED"), got
        cancelled_at = float(got.split()[1])
        assert script.next_line("IN_FLIGHT", 30) == "IN_FLIGHT 0"
        assert script.next_line("ok", 30) == "ok"
        closed = silent.wait("closed", 1, 10)
        alive = script.alive()
    finally:
        code, err = script.finish()
    assert code == 0, (code, err[-3000:])
    assert len(silent.accepted) == 1
    assert closed and alive, "the cancelled call's connection stayed open"
    after = silent.closed[0] - cancelled_at
    print(f"{mode}: connection closed {after * 1000:.0f} ms after the cancel (target 500 ms)")
    assert after < 5.0, after
    assert err == "", err[-3000:]


async def test_cancelled_call_delivers_nothing_and_client_goes_on(
    sandbox: Sandbox, key: str
) -> None:
    """In process: a cancelled call is unregistered at once, its task aborted; later calls on
    the same client work and the cancelled create is applied at most once."""
    async with sandbox.async_client(
        key, default_headers={"X-Sandbox-Fault": "delay_ms=2000"}
    ) as slow:
        before = _native._in_flight()
        task = asyncio.ensure_future(slow.cards.create(bin_id="491653", amount=3))
        await asyncio.sleep(0.1)
        assert _native._in_flight() == before + 1
        t0 = time.monotonic()
        task.cancel()
        with pytest.raises(asyncio.CancelledError):
            await task
        await asyncio.sleep(0)
        assert _native._in_flight() == before
        # Far from the 2 s answer, with room for a loaded machine.
        assert time.monotonic() - t0 < 1.5, "the cancelled call waited for its answer"
        assert (await slow.wallet.retrieve()).balance in (10000.0, 10000.0 - 3.0)
    async with sandbox.async_client(key) as c:
        await asyncio.sleep(3.0)  # well past the server's delay: a late answer would be here now
        cards = (await c.cards.list()).data
        assert len(cards) <= 1
        assert (await c.wallet.retrieve()).balance == 10000.0 - 3.0 * len(cards)


def test_asyncio_call_after_shutdown_is_refused(sandbox: Sandbox, key: str) -> None:
    """After the atexit hook ran, a new asyncio call raises APIUserAbortError (its result could
    never be delivered); the finalizing thread's blocking calls still work."""
    script = textwrap.dedent(
        r"""
        import asyncio, sys
        import cryptotopcard
        from cryptotopcard import _native

        url, key = sys.argv[1], sys.argv[2]
        client = cryptotopcard.Client(key, base_url=url)
        ac = cryptotopcard.AsyncClient(key, base_url=url)
        asyncio.run(ac.wallet.retrieve())
        _native._shutdown()
        try:
            asyncio.run(ac.wallet.retrieve())
        except cryptotopcard.APIUserAbortError as e:
            assert isinstance(e, cryptotopcard.CryptoTopCardError)
            print("refused:", e)
        assert client.wallet.retrieve().balance == 10000.0
        print("ok")
        """
    )
    proc = run_py(script, sandbox.url, key)
    assert proc.returncode == 0, proc.stderr[-3000:]
    assert "refused: the interpreter is shutting down" in proc.stdout
    assert proc.stdout.rstrip().endswith("ok") and proc.stderr == ""
