"""Ctrl-C (issue 11): SIGINT during a blocking call raises KeyboardInterrupt at once (target
0.5 s) and drops the in-flight request, against a server that accepts and never answers.
The caller runs in a subprocess, as a user's script would; the test sends it SIGINT."""

from __future__ import annotations

import signal
import sys
import textwrap
import time

import pytest

from cryptotopcard.testing import Sandbox

from conftest import LiveScript, SilentServer

pytestmark = pytest.mark.skipif(sys.platform == "win32", reason="POSIX signals")

SCRIPT = textwrap.dedent(
    r"""
    import signal, sys, time
    import cryptotopcard

    # A program run from a terminal gets Ctrl-C as KeyboardInterrupt; one started by a
    # non-interactive shell in the background (as CI may run us) inherits SIGINT ignored, and
    # Python then installs no handler. Install it, as the interactive program would have it.
    signal.signal(signal.SIGINT, signal.default_int_handler)

    silent_url, sandbox_url, key, what = sys.argv[1:5]
    client = cryptotopcard.Client(key, base_url=silent_url, timeout=30, max_retries=0)
    calls = {
        "retrieve": lambda: client.wallet.retrieve(),
        "create": lambda: client.cards.create(bin_id="491653", amount=5),
        "list": lambda: list(client.cards.list().auto_paging_iter()),
    }
    print("calling", flush=True)
    try:
        calls[what]()
    except KeyboardInterrupt:
        print(f"INTERRUPTED {time.time():.6f}", flush=True)
    else:
        print("the call returned", flush=True)
        sys.exit(3)
    # The SDK keeps working after the interrupt.
    with cryptotopcard.Client(key, base_url=sandbox_url) as ok:
        assert ok.wallet.retrieve().balance == 10000.0
    print("ok", flush=True)
    sys.stdin.readline()  # stay alive (the connection must close before the process ends)
    """
)


@pytest.mark.parametrize("what", ["retrieve", "create", "list"])
def test_ctrl_c_interrupts_a_blocking_call(
    silent: SilentServer, sandbox: Sandbox, key: str, what: str
) -> None:
    script = LiveScript(SCRIPT, silent.url, sandbox.url, key, what)
    try:
        assert silent.wait("accepted", 1, 30), "the call never reached the silent server"
        time.sleep(1.0)  # the call is now waiting for an answer that never comes
        assert script.alive()
        sent = time.time()
        script.proc.send_signal(signal.SIGINT)
        got = script.next_line("INTERRUPTED", 30)
        assert got.startswith("INTERRUPTED"), got
        delay = float(got.split()[1]) - sent
        assert script.next_line("ok", 30) == "ok"
        # The request was dropped: the server saw its connection closed, while the process
        # is still alive (so not because the process ended).
        closed = silent.wait("closed", 1, 10)
        alive = script.alive()
    finally:
        code, err = script.finish()
    assert code == 0, (code, err[-3000:])
    assert closed and alive, "the interrupted request's connection stayed open"
    closed_after = silent.closed[0] - sent
    print(
        f"{what}: KeyboardInterrupt {delay * 1000:.0f} ms after SIGINT (target 500 ms); "
        f"connection closed {closed_after * 1000:.0f} ms after SIGINT"
    )
    assert 0 <= delay < 5.0, delay
    assert closed_after < 5.0, closed_after
    assert err == "", err[-3000:]
