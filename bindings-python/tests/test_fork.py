"""Fork safety (issue 11): a client used in the parent keeps working in forked children
(os.fork, multiprocessing with the fork start method, a gunicorn-style preload-then-fork
master), each child making real calls against the sandbox. Every script runs in its own
interpreter, as a user's program would; a hang is caught by the subprocess timeout."""

from __future__ import annotations

import sys
import textwrap

import pytest

from cryptotopcard.testing import Sandbox

from conftest import run_py

pytestmark = pytest.mark.skipif(sys.platform == "win32", reason="fork is POSIX-only")


def _check(proc: "object", expect: str) -> None:
    out = proc.stdout  # type: ignore[attr-defined]
    err = proc.stderr  # type: ignore[attr-defined]
    code = proc.returncode  # type: ignore[attr-defined]
    assert code == 0, (code, out[-2000:], err[-3000:])
    assert expect in out, out[-2000:]
    assert "panicked" not in err and "Traceback" not in err, err[-3000:]


OS_FORK = textwrap.dedent(
    r"""
    import asyncio, os, sys, threading, time
    import cryptotopcard

    url, key = sys.argv[1], sys.argv[2]
    client = cryptotopcard.Client(key, base_url=url)
    aclient = cryptotopcard.AsyncClient(key, base_url=url)

    # The parent has used everything: runtime, pooled connections, the asyncio delivery thread.
    assert client.wallet.retrieve().balance == 10000.0
    asyncio.run(aclient.wallet.retrieve())

    # Calls in flight in other threads at the moment of the fork (a slow sync call and an
    # asyncio loop with slow calls): the child inherits none of them.
    slow = cryptotopcard.Client(key, base_url=url, default_headers={"X-Sandbox-Fault": "delay_ms=1500"})
    aslow = cryptotopcard.AsyncClient(key, base_url=url, default_headers={"X-Sandbox-Fault": "delay_ms=1500"})
    started = threading.Barrier(3)
    def sync_slow():
        started.wait()
        slow.wallet.retrieve()
    async def async_slow():
        started.wait()
        await asyncio.gather(*(aslow.wallet.retrieve() for _ in range(5)))
    threads = [threading.Thread(target=sync_slow), threading.Thread(target=lambda: asyncio.run(async_slow()))]
    for t in threads:
        t.start()
    started.wait()
    time.sleep(0.2)

    def child_work(tag):
        card = client.cards.create(bin_id="491653", amount=1, label=tag)
        assert client.cards.retrieve(card.id).label == tag
        async def go():
            ws = await asyncio.gather(*(aclient.wallet.retrieve() for _ in range(5)))
            c = await aclient.cards.retrieve(card.id)
            return len(ws), c.id
        n, cid = asyncio.run(go())
        assert n == 5 and cid == card.id
        return card.id

    pids = []
    for i in range(2):
        pid = os.fork()
        if pid == 0:
            code = 1
            try:
                child_work(f"child{i}")
                # A grandchild: the child's fresh runtime is itself forked.
                gpid = os.fork()
                if gpid == 0:
                    gcode = 1
                    try:
                        child_work(f"grandchild{i}")
                        gcode = 0
                    finally:
                        os._exit(gcode)
                _, status = os.waitpid(gpid, 0)
                code = os.waitstatus_to_exitcode(status)
            except BaseException:
                import traceback; traceback.print_exc()
            finally:
                sys.stdout.flush()
                os._exit(code)
        pids.append(pid)
    codes = [os.waitstatus_to_exitcode(os.waitpid(p, 0)[1]) for p in pids]

    # A child that ends like a normal program (atexit hooks, finalization) rather than by
    # os._exit, while the parent still has calls in flight in other threads.
    pid = os.fork()
    if pid == 0:
        child_work("normal_exit")
        print(f"CHILD_EXITING {time.time():.6f}", flush=True)
        sys.exit(0)
    _, status = os.waitpid(pid, 0)
    reaped = time.time()
    codes.append(os.waitstatus_to_exitcode(status))
    print(f"CHILD_REAPED {reaped:.6f}", flush=True)
    for t in threads:
        t.join(60)
    # The parent goes on working after its children.
    labels = sorted(c.label for c in client.cards.list(per_page=100))
    asyncio.run(aclient.wallet.retrieve())
    print("codes", codes)
    print("labels", labels)
    assert codes == [0, 0, 0], codes
    assert labels == ["child0", "child1", "grandchild0", "grandchild1", "normal_exit"], labels
    print("ok")
    """
)


def test_os_fork_children_make_calls(sandbox: Sandbox, key: str) -> None:
    proc = run_py(OS_FORK, sandbox.url, key, timeout=90)
    _check(proc, "ok")
    assert proc.stderr == "", proc.stderr[-3000:]
    exiting = float(proc.stdout.split("CHILD_EXITING ")[1].split()[0])
    reaped = float(proc.stdout.split("CHILD_REAPED ")[1].split()[0])
    print(f"forked child's normal exit took {(reaped - exiting) * 1000:.0f} ms")
    assert reaped - exiting < 10.0


MULTIPROCESSING = textwrap.dedent(
    r"""
    import asyncio, multiprocessing as mp, sys
    import cryptotopcard

    url, key = sys.argv[1], sys.argv[2]
    client = cryptotopcard.Client(key, base_url=url)
    aclient = cryptotopcard.AsyncClient(key, base_url=url)

    def work(i):
        card = client.cards.create(bin_id="491653", amount=1, label=f"mp{i}")
        async def go():
            return (await aclient.cards.retrieve(card.id)).label
        return asyncio.run(go())

    def proc_main():
        assert work(99) == "mp99"

    if __name__ == "__main__":
        client.wallet.retrieve()
        asyncio.run(aclient.wallet.retrieve())
        ctx = mp.get_context("fork")
        with ctx.Pool(3) as pool:
            labels = pool.map(work, range(6))
        assert labels == [f"mp{i}" for i in range(6)], labels
        p = ctx.Process(target=proc_main)
        p.start()
        p.join(60)
        assert p.exitcode == 0, p.exitcode
        assert len(client.cards.list(per_page=100).data) == 7
        print("ok")
    """
)


def test_multiprocessing_fork_context(sandbox: Sandbox, key: str) -> None:
    proc = run_py(MULTIPROCESSING, sandbox.url, key, timeout=90)
    _check(proc, "ok")


# The shape of `gunicorn --preload` (and Celery prefork): the app module, with its client, is
# imported and used by the master; workers are forked from it and serve requests for a while.
GUNICORN = textwrap.dedent(
    r"""
    import asyncio, os, sys, time
    import cryptotopcard

    url, key = sys.argv[1], sys.argv[2]

    # --- the "app module", imported once by the master (preload) ---
    client = cryptotopcard.Client(key, base_url=url, timeout=20)
    aclient = cryptotopcard.AsyncClient(key, base_url=url, timeout=20)
    WALLET_AT_IMPORT = client.wallet.retrieve().balance

    def handle_request(worker, n):
        card = client.cards.create(bin_id="491653", amount=1, label=f"w{worker}r{n}")
        client.cards.fund(card.id, amount=1)
        return client.cards.retrieve(card.id).balance

    async def handle_async_request(worker, n):
        card = await aclient.cards.create(bin_id="491653", amount=1, label=f"w{worker}a{n}")
        return (await aclient.cards.retrieve(card.id)).balance

    # --- the master: fork workers, wait for them ---
    def worker_main(worker):
        for n in range(3):
            assert handle_request(worker, n) == 2.0
        async def serve_async():
            return await asyncio.wait_for(
                asyncio.gather(*(handle_async_request(worker, n) for n in range(3))), 30)
        balances = asyncio.run(serve_async())
        assert balances == [1.0, 1.0, 1.0]

    workers = {}
    for w in range(3):
        pid = os.fork()
        if pid == 0:
            code = 1
            try:
                worker_main(w)
                code = 0
            except BaseException:
                import traceback; traceback.print_exc()
            finally:
                sys.stdout.flush(); sys.stderr.flush()
                os._exit(code)
        workers[pid] = w
    codes = {}
    deadline = time.monotonic() + 60
    while workers and time.monotonic() < deadline:
        pid, status = os.waitpid(-1, 0)
        codes[workers.pop(pid)] = os.waitstatus_to_exitcode(status)
    print("codes", codes)
    assert not workers and codes == {0: 0, 1: 0, 2: 0}, (codes, workers)
    cards = [c for c in client.cards.list(per_page=100).auto_paging_iter()]
    assert len(cards) == 3 * 6, len(cards)
    print("ok")
    """
)


def test_gunicorn_style_preload_then_fork_workers(sandbox: Sandbox, key: str) -> None:
    proc = run_py(GUNICORN, sandbox.url, key, timeout=120)
    _check(proc, "ok")
