"""No crash at interpreter exit after many asyncio calls (pyo3-async-runtimes issue 40)."""

from __future__ import annotations

import os
import subprocess
import sys
import textwrap
from concurrent.futures import ThreadPoolExecutor

from cryptotopcard.testing import Sandbox

SCRIPT = textwrap.dedent(
    """
    import asyncio, sys
    import cryptotopcard

    async def main(url, key):
        client = cryptotopcard.AsyncClient(key, base_url=url)
        await asyncio.gather(*(client.wallet.retrieve() for _ in range(40)))
        # Leave calls in flight on purpose: asyncio.run cancels them, the runtime finishes them.
        for _ in range(10):
            asyncio.ensure_future(client.cards.list())
        await asyncio.sleep(0)

    asyncio.run(main(sys.argv[1], sys.argv[2]))
    print("ok")
    """
)


def test_async_script_exits_cleanly_30_times(sandbox: Sandbox, key: str) -> None:
    def run(_: int) -> "subprocess.CompletedProcess[str]":
        return subprocess.run(
            [sys.executable, "-c", SCRIPT, sandbox.url, key],
            capture_output=True,
            text=True,
            timeout=120,
            env=dict(os.environ),
        )

    with ThreadPoolExecutor(max_workers=3) as pool:
        results = list(pool.map(run, range(30)))
    bad = [
        (r.returncode, r.stderr[-500:])
        for r in results
        if r.returncode != 0 or r.stdout.strip() != "ok"
    ]
    assert not bad, bad
