#!/usr/bin/env python3
"""Python SDK benchmark: this package vs the Rust core (bench/rust, ``ctc-bench --serve``) vs
httpx (and requests), JSON decoded into objects, all against ONE release ``ctc-sandbox`` on
127.0.0.1, in one run. Prints each figure, the ratios and which targets are met.

    python bench/python/bench.py --sandbox target/release/ctc-sandbox [--core target/release/ctc-bench] [--quick]

Workloads (the same as bench/rust, bench/node and bench/go): ``seq`` = ``cards.retrieve`` one at
a time, cycling over 100 cards; ``list`` = ``cards.list(per_page=100)``, one page of 100;
``conc64`` = 64 workers each running ``cards.retrieve`` back to back (here twice: 64 threads on
the sync client, and 64 asyncio tasks on ``AsyncClient``).

Each round measures every side for ``--secs`` seconds, the order of the sides rotating from
round to round; the best round of each side is kept (the machine may be shared: ratios from
one run compare, absolute figures do not). Target (issue 13): this package within 1.3x of the
Rust core, i.e. core req/s / package req/s <= 1.3.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import secrets
import subprocess
import sys
import threading
import time
from pathlib import Path
from types import SimpleNamespace
from typing import IO, Any, Awaitable, Callable, Dict, List, Optional, Tuple

import httpx
import requests

import cryptotopcard

ROOT = Path(__file__).resolve().parents[2]
TARGET = 1.3
WIDTH = 64


def to_obj(text: str) -> Any:
    return json.loads(text, object_hook=lambda d: SimpleNamespace(**d))


def load() -> str:
    one, five, _ = os.getloadavg()
    return f"load average {one:.2f} (1 min) {five:.2f} (5 min), {os.cpu_count()} CPUs"


def start_sandbox(binary: str) -> "Tuple[subprocess.Popen[str], str]":
    proc = subprocess.Popen(
        [binary, "--port", "0", "--details-rate-limit", "0"],
        env={**os.environ, "RUST_LOG": "error"},
        stdout=subprocess.PIPE,
        stderr=subprocess.DEVNULL,
        text=True,
    )
    assert proc.stdout is not None
    line = proc.stdout.readline().strip()
    if not line.startswith("listening on "):
        proc.kill()
        raise SystemExit(f"sandbox did not start: {line!r}")
    return proc, line[len("listening on ") :]


class Core:
    """The Rust core's figures from ``ctc-bench --serve`` on the same sandbox and key."""

    def __init__(self, binary: str, url: str, key: str) -> None:
        self.proc = subprocess.Popen(
            [binary, "--url", url, "--key", key, "--serve"],
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            text=True,
        )
        ready = self._out().readline().strip()
        if not ready.startswith("ready"):
            self.close()
            raise SystemExit(f"ctc-bench --serve did not start: {ready!r}")

    def _out(self) -> IO[str]:
        assert self.proc.stdout is not None
        return self.proc.stdout

    def measure(self, workload: str, secs: float) -> float:
        assert self.proc.stdin is not None
        self.proc.stdin.write(f"core {workload} {secs}\n")
        self.proc.stdin.flush()
        return float(self._out().readline())

    def close(self) -> None:
        if self.proc.stdin is not None:
            self.proc.stdin.close()
        self.proc.wait(30)


def run_for(secs: float, call: Callable[[int], None]) -> float:
    """Sequential calls for `secs` seconds; returns calls/s."""
    call(0)  # warm
    n = 0
    t0 = time.perf_counter()
    deadline = t0 + secs
    while time.perf_counter() < deadline:
        call(n)
        n += 1
    return n / (time.perf_counter() - t0)


def threads_for(secs: float, call: Callable[[int], None]) -> float:
    """WIDTH threads calling back to back for `secs` seconds; returns calls/s."""
    counts = [0] * WIDTH
    start = threading.Barrier(WIDTH + 1)
    holder: List[float] = []

    def worker(w: int) -> None:
        call(w)  # warm
        start.wait()
        deadline = holder[0] + secs
        i, n = w, 0
        while time.perf_counter() < deadline:
            call(i)
            i += WIDTH
            n += 1
        counts[w] = n

    ts = [threading.Thread(target=worker, args=(w,)) for w in range(WIDTH)]
    for t in ts:
        t.start()
    holder.append(time.perf_counter())
    start.wait()
    t0 = time.perf_counter()
    holder[0] = t0
    for t in ts:
        t.join()
    return sum(counts) / (time.perf_counter() - t0)


async def tasks_for(secs: float, call: Callable[[int], Awaitable[None]]) -> float:
    """WIDTH asyncio tasks awaiting back to back for `secs` seconds; returns calls/s."""
    await asyncio.gather(*(call(w) for w in range(WIDTH)))  # warm
    counts = [0] * WIDTH
    t0 = time.perf_counter()
    deadline = t0 + secs

    async def worker(w: int) -> None:
        i, n = w, 0
        while time.perf_counter() < deadline:
            await call(i)
            i += WIDTH
            n += 1
        counts[w] = n

    await asyncio.gather(*(worker(w) for w in range(WIDTH)))
    return sum(counts) / (time.perf_counter() - t0)


Side = Callable[[], float]


def rounds_of(sides: Dict[str, Side], rounds: int) -> Dict[str, float]:
    """Best of `rounds` for every side, the order rotating every round."""
    best = {name: 0.0 for name in sides}
    names = list(sides)
    for r in range(rounds):
        k = r % len(names)
        for name in names[k:] + names[:k]:
            best[name] = max(best[name], sides[name]())
    return best


def main() -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("--sandbox", default=str(ROOT / "target" / "release" / "ctc-sandbox"))
    ap.add_argument("--core", default=str(ROOT / "target" / "release" / "ctc-bench"))
    ap.add_argument("--secs", type=float, default=float(os.environ.get("BENCH_SECS", "1")))
    ap.add_argument("--rounds", type=int, default=int(os.environ.get("BENCH_ROUNDS", "5")))
    ap.add_argument("--quick", action="store_true", help="short rounds (smoke run)")
    args = ap.parse_args()
    secs, rounds = (0.2, 2) if args.quick else (args.secs, args.rounds)
    print(f"start: {load()}")

    server, url = start_sandbox(args.sandbox)
    core: Optional[Core] = None
    try:
        key = "sk_test_" + secrets.token_hex(16)
        headers = {"Authorization": f"Bearer {key}", "Accept": "application/json"}
        sdk = cryptotopcard.Client(key, base_url=url)
        ids = [
            sdk.cards.create(bin_id="491653", amount=1, label=f"bench {i}").id for i in range(100)
        ]
        if Path(args.core).exists():
            core = Core(args.core, url, key)
        else:
            print(f"Rust core: {args.core} not built (make bench-core); no core figures")
        hx = httpx.Client(
            headers=headers,
            limits=httpx.Limits(max_connections=WIDTH, max_keepalive_connections=WIDTH),
        )
        rq = requests.Session()
        rq.headers.update(headers)
        local = threading.local()

        def per_thread_requests() -> requests.Session:
            s: Optional[requests.Session] = getattr(local, "s", None)
            if s is None:
                s = local.s = requests.Session()
                s.headers.update(headers)
            return s

        card_urls = [f"{url}/cards/{i}" for i in ids]
        list_url = f"{url}/cards?per_page=100"
        n_ids = len(ids)

        def sdk_retrieve(i: int) -> None:
            _ = sdk.cards.retrieve(ids[i % n_ids]).balance

        def hx_retrieve(i: int) -> None:
            r = hx.get(card_urls[i % n_ids])
            r.raise_for_status()
            _ = to_obj(r.text).balance

        def rq_retrieve(i: int) -> None:
            r = rq.get(card_urls[i % n_ids])
            r.raise_for_status()
            _ = to_obj(r.text).balance

        def rq_thread_retrieve(i: int) -> None:
            r = per_thread_requests().get(card_urls[i % n_ids])
            r.raise_for_status()
            _ = to_obj(r.text).balance

        def sdk_list(_: int) -> None:
            page = sdk.cards.list(per_page=100)
            assert len(page.data) == 100
            assert page.data[-1].balance >= 0

        def hx_list(_: int) -> None:
            r = hx.get(list_url)
            r.raise_for_status()
            page = to_obj(r.text)
            assert len(page.data) == 100
            _ = page.data[-1].balance

        def rq_list(_: int) -> None:
            r = rq.get(list_url)
            r.raise_for_status()
            page = to_obj(r.text)
            assert len(page.data) == 100
            _ = page.data[-1].balance

        def core_side(workload: str) -> Dict[str, Side]:
            if core is None:
                return {}
            c = core
            return {"rust core": lambda: c.measure(workload, secs)}

        results: Dict[str, Dict[str, float]] = {}
        results["sequential retrieve"] = rounds_of(
            {
                "cryptotopcard": lambda: run_for(secs, sdk_retrieve),
                **core_side("seq"),
                "httpx": lambda: run_for(secs, hx_retrieve),
                "requests": lambda: run_for(secs, rq_retrieve),
            },
            rounds,
        )
        results["list 100 cards"] = rounds_of(
            {
                "cryptotopcard": lambda: run_for(secs, sdk_list),
                **core_side("list"),
                "httpx": lambda: run_for(secs, hx_list),
                "requests": lambda: run_for(secs, rq_list),
            },
            rounds,
        )

        # 64 concurrent: threads on the sync clients and asyncio tasks on the async ones, with
        # the core measured in the same rounds (one figure, compared with both).
        loop = asyncio.new_event_loop()
        ac = cryptotopcard.AsyncClient(key, base_url=url)
        ahx = httpx.AsyncClient(
            headers=headers,
            limits=httpx.Limits(max_connections=WIDTH, max_keepalive_connections=WIDTH),
        )

        async def asdk_retrieve(i: int) -> None:
            _ = (await ac.cards.retrieve(ids[i % n_ids])).balance

        async def ahx_retrieve(i: int) -> None:
            r = await ahx.get(card_urls[i % n_ids])
            r.raise_for_status()
            _ = to_obj(r.text).balance

        conc = rounds_of(
            {
                "cryptotopcard (threads)": lambda: threads_for(secs, sdk_retrieve),
                "cryptotopcard (asyncio)": lambda: loop.run_until_complete(
                    tasks_for(secs, asdk_retrieve)
                ),
                **core_side("conc64"),
                "httpx (threads)": lambda: threads_for(secs, hx_retrieve),
                "httpx (asyncio)": lambda: loop.run_until_complete(tasks_for(secs, ahx_retrieve)),
                "requests (threads)": lambda: threads_for(secs, rq_thread_retrieve),
            },
            rounds,
        )
        loop.run_until_complete(ac.close())
        loop.run_until_complete(ahx.aclose())
        loop.close()
        for mode in ("threads", "asyncio"):
            figures = {"cryptotopcard": conc[f"cryptotopcard ({mode})"]}
            if "rust core" in conc:
                figures["rust core"] = conc["rust core"]
            figures["httpx"] = conc[f"httpx ({mode})"]
            if f"requests ({mode})" in conc:
                figures["requests"] = conc[f"requests ({mode})"]
            results[f"64 concurrent ({mode})"] = figures

        print(
            f"\nPython SDK benchmark against {url} (one release ctc-sandbox for every side), "
            f"Python {sys.version.split()[0]}, best of {rounds} rotating rounds of {secs} s"
        )
        for workload, figures in results.items():
            print(f"\n{workload}")
            for name, rps in figures.items():
                print(f"  {name:14s} {rps:9.0f} req/s")

        print("\nissue 13 targets: the package within 1.3x of the Rust core (core/package <= 1.3)")
        head = (
            f"{'workload':26s} {'python':>8s} {'core':>8s} {'core/py':>8s} "
            f"{'httpx':>8s} {'py/httpx':>8s}  target"
        )
        print(head)
        missed: List[str] = []
        for workload, figures in results.items():
            py = figures["cryptotopcard"]
            hx_rps = figures["httpx"]
            rust = figures.get("rust core")
            if rust is None:
                verdict, rust_s, ratio_s = "no core figure", "-", "-"
            else:
                ratio = rust / py
                verdict = "met" if ratio <= TARGET else "MISSED"
                if ratio > TARGET:
                    missed.append(workload)
                rust_s, ratio_s = f"{rust:8.0f}", f"{ratio:7.2f}x"
            print(
                f"{workload:26s} {py:8.0f} {rust_s:>8s} {ratio_s:>8s} "
                f"{hx_rps:8.0f} {py / hx_rps:7.2f}x  {verdict}"
            )
        print(
            "python: target <= 1.3x of the core "
            + (f"MISSED on: {'; '.join(missed)}" if missed else "met on every workload")
        )
        print(f"end: {load()}")
        sdk.close()
        hx.close()
        return 0
    finally:
        if core is not None:
            core.close()
        server.terminate()
        server.wait(10)


if __name__ == "__main__":
    sys.exit(main())
