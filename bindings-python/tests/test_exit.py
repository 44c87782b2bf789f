"""Interpreter exit (issue 14 item 2; pyo3-async-runtimes issue 40): with or without calls in
flight, a script exits promptly with status 0 and prints nothing on stderr (no panic, no
backtrace, no warning), with its output on a pipe, a file or a terminal. Each script runs in
a fresh interpreter, as a user's program would."""

from __future__ import annotations

import os
import sys
import textwrap
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from typing import List, Tuple

import pytest

from cryptotopcard.testing import Sandbox

from conftest import SilentServer, run_py

MANY_CALLS = textwrap.dedent(
    """
    import asyncio, sys
    import cryptotopcard

    async def main(url, key):
        client = cryptotopcard.AsyncClient(key, base_url=url)
        await asyncio.gather(*(client.wallet.retrieve() for _ in range(40)))
        # Leave calls in flight on purpose: asyncio.run cancels them, which aborts them.
        for _ in range(10):
            asyncio.ensure_future(client.cards.list())
        await asyncio.sleep(0)

    asyncio.run(main(sys.argv[1], sys.argv[2]))
    print("ok")
    """
)


def test_async_script_exits_cleanly_30_times(sandbox: Sandbox, key: str) -> None:
    def run(_: int) -> Tuple[int, str, str]:
        r = run_py(MANY_CALLS, sandbox.url, key, timeout=120)
        return r.returncode, r.stdout, r.stderr

    with ThreadPoolExecutor(max_workers=3) as pool:
        results = list(pool.map(run, range(30)))
    bad = [(code, err[-500:]) for code, out, err in results if code != 0 or out.strip() != "ok"]
    assert not bad, bad
    assert all(err == "" for _, _, err in results), [e for _, _, e in results if e][:3]


# The reproduction of issue 14: an asyncio call against a server that never answers is given
# up by wait_for, then the script ends normally.
ISSUE_14 = textwrap.dedent(
    """
    import asyncio, sys
    import cryptotopcard

    async def main(url):
        ac = cryptotopcard.AsyncClient("sk_test_issue14", base_url=url, timeout=30, max_retries=0)
        try:
            await asyncio.wait_for(ac.cards.retrieve("card_x"), 0.5)
        except asyncio.TimeoutError:
            print("timed out")

    asyncio.run(main(sys.argv[1]))
    """
)


def test_issue_14_cancelled_call_then_exit_10_times(silent: SilentServer) -> None:
    def run(_: int) -> Tuple[int, str, str, float]:
        t0 = time.monotonic()
        r = run_py(ISSUE_14, silent.url, timeout=60)
        return r.returncode, r.stdout, r.stderr, time.monotonic() - t0

    with ThreadPoolExecutor(max_workers=2) as pool:
        results = list(pool.map(run, range(10)))
    for code, out, err, _ in results:
        assert code == 0, (code, err[-3000:])
        assert out.strip() == "timed out" and err == "", (out, err[-3000:])
    durations = [d for *_, d in results]
    print(f"issue 14 script: {min(durations):.2f}-{max(durations):.2f} s per run (0.5 s wait_for)")
    assert max(durations) < 20.0, durations
    # Every cancelled call's connection was closed (by the cancel, not 30 s later).
    assert silent.wait("closed", 10, 10), (len(silent.accepted), len(silent.closed))


# Calls in flight at exit, every way a program can leave them: asyncio tasks cancelled by
# asyncio.run, an event loop in a daemon thread with calls pending, a daemon thread blocked in
# a sync call, and slow sandbox calls whose answers arrive after the atexit hook.
IN_FLIGHT_AT_EXIT = textwrap.dedent(
    r"""
    import asyncio, sys, threading, time
    import cryptotopcard

    silent_url, sandbox_url, key = sys.argv[1:4]
    silent_a = cryptotopcard.AsyncClient(key, base_url=silent_url, timeout=30, max_retries=0)
    silent_s = cryptotopcard.Client(key, base_url=silent_url, timeout=30, max_retries=0)
    slow = cryptotopcard.AsyncClient(
        key, base_url=sandbox_url, default_headers={"X-Sandbox-Fault": "delay_ms=300"}
    )

    # 1. A daemon thread blocked in a sync call that never gets an answer.
    threading.Thread(target=lambda: silent_s.wallet.retrieve(), daemon=True).start()

    # 2. An event loop in a daemon thread, with calls pending (silent and slow).
    loop = asyncio.new_event_loop()
    def serve():
        asyncio.set_event_loop(loop)
        for _ in range(3):
            loop.create_task(silent_a.wallet.retrieve())
        for _ in range(20):
            loop.create_task(slow.wallet.retrieve())
        loop.run_forever()
    threading.Thread(target=serve, daemon=True).start()

    # 3. asyncio.run with tasks still pending at its end (it cancels them).
    async def main():
        for _ in range(5):
            asyncio.ensure_future(silent_a.cards.create(bin_id="491653", amount=1))
        for _ in range(20):
            asyncio.ensure_future(slow.wallet.retrieve())
        await asyncio.sleep(0.1)
    asyncio.run(main())
    time.sleep(0.25)  # the slow answers arrive around the atexit hook
    print("done", flush=True)
    """
)


def _pty_run(args: List[str]) -> Tuple[int, str]:
    import pty
    import select
    import subprocess

    master, slave = pty.openpty()
    env = dict(os.environ, RUST_BACKTRACE="1")
    proc = subprocess.Popen(args, stdin=slave, stdout=slave, stderr=slave, env=env)
    os.close(slave)
    chunks: List[bytes] = []
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        ready, _, _ = select.select([master], [], [], 0.2)
        if ready:
            try:
                data = os.read(master, 65536)
            except OSError:  # EIO: the child closed the terminal
                break
            if not data:
                break
            chunks.append(data)
        elif proc.poll() is not None:
            break
    os.close(master)
    try:
        code = proc.wait(timeout=10)
    except subprocess.TimeoutExpired:
        proc.kill()
        code = -9
    return code, b"".join(chunks).decode(errors="replace")


@pytest.mark.parametrize("output", ["pipe", "file", "tty"])
def test_exit_with_calls_in_flight(
    silent: SilentServer, sandbox: Sandbox, key: str, output: str, tmp_path: Path
) -> None:
    if output == "tty" and sys.platform == "win32":
        pytest.skip("no pty")
    args = [silent.url, sandbox.url, key]
    t0 = time.monotonic()
    if output == "pipe":
        r = run_py(IN_FLIGHT_AT_EXIT, *args)
        code, out, err = r.returncode, r.stdout, r.stderr
    elif output == "file":
        out_path, err_path = tmp_path / "out.txt", tmp_path / "err.txt"
        with open(out_path, "w") as fo, open(err_path, "w") as fe:
            r = run_py(IN_FLIGHT_AT_EXIT, *args, stdout=fo, stderr=fe)
        code, out, err = r.returncode, out_path.read_text(), err_path.read_text()
    else:
        code, both = _pty_run([sys.executable, "-c", IN_FLIGHT_AT_EXIT, *args])
        out, err = both.replace("\r\n", "\n"), ""
    took = time.monotonic() - t0
    print(f"{output}: exited in {took:.2f} s with calls in flight")
    assert code == 0, (code, out[-2000:], err[-3000:])
    assert out == "done\n", out[-3000:]  # a tty merges stderr here: nothing but "done"
    assert err == "", err[-3000:]
    assert took < 30.0, took


def test_exit_without_calls_prints_nothing(sandbox: Sandbox, key: str) -> None:
    script = textwrap.dedent(
        """
        import asyncio, sys
        import cryptotopcard
        c = cryptotopcard.Client(sys.argv[2], base_url=sys.argv[1])
        c.wallet.retrieve()
        asyncio.run(cryptotopcard.AsyncClient(sys.argv[2], base_url=sys.argv[1]).wallet.retrieve())
        """
    )
    r = run_py(script, sandbox.url, key)
    assert (r.returncode, r.stdout, r.stderr) == (0, "", "")
    r = run_py("import cryptotopcard")
    assert (r.returncode, r.stdout, r.stderr) == (0, "", "")
