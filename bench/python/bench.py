#!/usr/bin/env python3
"""Python SDK benchmark: this package vs httpx vs requests (JSON decoded into objects), against a
release `ctc-sandbox` on 127.0.0.1, in one run. Prints each figure and the ratios.

    python bench/python/bench.py --sandbox target/release/ctc-sandbox [--quick]

Workloads: sequential `cards.retrieve`; `cards.list(per_page=100)` of 100 cards; 64 concurrent
retrieves via 64 threads; 64 concurrent retrieves via asyncio (httpx.AsyncClient as peer).
When `target/release/ctc-bench` (bench/rust) exists it is run too, for the Rust core's figure.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import re
import secrets
import subprocess
import sys
import threading
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from types import SimpleNamespace
from typing import Any, Callable, Dict

import httpx
import requests

import cryptotopcard
from cryptotopcard.testing import Sandbox

ROOT = Path(__file__).resolve().parents[2]


def to_obj(text: str) -> Any:
    return json.loads(text, object_hook=lambda d: SimpleNamespace(**d))


def timed(fn: Callable[[], None], calls: int, repeat: int = 3) -> float:
    """Best-of-`repeat` seconds per call."""
    best = float("inf")
    for _ in range(repeat):
        t0 = time.perf_counter()
        fn()
        best = min(best, (time.perf_counter() - t0) / calls)
    return best


def fmt(sec: float) -> str:
    return f"{sec * 1e6:9.1f} us/call  ({1 / sec:9.0f} calls/s)"


def start_sandbox(binary: str) -> "tuple[subprocess.Popen[str], str]":
    proc = subprocess.Popen(
        [binary, "--port", "0"], stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True
    )
    assert proc.stdout is not None
    line = proc.stdout.readline().strip()
    if not line.startswith("listening on "):
        proc.kill()
        raise SystemExit(f"sandbox did not start: {line!r}")
    return proc, line[len("listening on ") :]


def main() -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("--sandbox", default=str(ROOT / "target" / "release" / "ctc-sandbox"))
    ap.add_argument("--quick", action="store_true", help="fewer calls (smoke run)")
    args = ap.parse_args()
    n_seq = 300 if args.quick else 2000
    n_list = 50 if args.quick else 300
    rounds = 5 if args.quick else 30

    server, url = start_sandbox(args.sandbox)
    try:
        key = "sk_test_" + secrets.token_hex(16)
        headers = {"Authorization": f"Bearer {key}", "Accept": "application/json"}
        sdk = cryptotopcard.Client(key, base_url=url)
        cards = [
            sdk.cards.create(bin_id="491653", amount=1, label=f"bench {i}") for i in range(100)
        ]
        card_id = cards[0].id
        hx = httpx.Client(headers=headers)
        rq = requests.Session()
        rq.headers.update(headers)
        card_url = f"{url}/cards/{card_id}"
        list_url = f"{url}/cards?per_page=100"

        # Warm up every client (connections, caches).
        for _ in range(50):
            sdk.cards.retrieve(card_id)
            to_obj(hx.get(card_url).text)
            to_obj(rq.get(card_url).text)

        results: Dict[str, Dict[str, float]] = {}

        def seq_sdk() -> None:
            for _ in range(n_seq):
                _ = sdk.cards.retrieve(card_id).balance

        def seq_httpx() -> None:
            for _ in range(n_seq):
                r = hx.get(card_url)
                r.raise_for_status()
                _ = to_obj(r.text).balance

        def seq_requests() -> None:
            for _ in range(n_seq):
                r = rq.get(card_url)
                r.raise_for_status()
                _ = to_obj(r.text).balance

        results["sequential retrieve"] = {
            "cryptotopcard": timed(seq_sdk, n_seq),
            "httpx": timed(seq_httpx, n_seq),
            "requests": timed(seq_requests, n_seq),
        }

        def list_sdk() -> None:
            for _ in range(n_list):
                assert len(sdk.cards.list(per_page=100).data) == 100

        def list_httpx() -> None:
            for _ in range(n_list):
                assert len(to_obj(hx.get(list_url).text).data) == 100

        def list_requests() -> None:
            for _ in range(n_list):
                assert len(to_obj(rq.get(list_url).text).data) == 100

        results["list 100 cards"] = {
            "cryptotopcard": timed(list_sdk, n_list),
            "httpx": timed(list_httpx, n_list),
            "requests": timed(list_requests, n_list),
        }

        pool = ThreadPoolExecutor(max_workers=64)
        local = threading.local()

        def per_thread_requests() -> requests.Session:
            s = getattr(local, "s", None)
            if s is None:
                s = local.s = requests.Session()
                s.headers.update(headers)
            return s

        def threads(call: Callable[[], Any]) -> Callable[[], None]:
            def run() -> None:
                for _ in range(rounds):
                    list(pool.map(lambda _: call(), range(64)))

            return run

        results["64 concurrent (threads)"] = {
            "cryptotopcard": timed(
                threads(lambda: sdk.cards.retrieve(card_id).balance), 64 * rounds
            ),
            "httpx": timed(threads(lambda: to_obj(hx.get(card_url).text).balance), 64 * rounds),
            "requests": timed(
                threads(lambda: to_obj(per_thread_requests().get(card_url).text).balance),
                64 * rounds,
            ),
        }
        pool.shutdown()

        async def asyncio_bench() -> Dict[str, float]:
            out: Dict[str, float] = {}
            async with cryptotopcard.AsyncClient(key, base_url=url) as ac:
                async with httpx.AsyncClient(
                    headers=headers,
                    limits=httpx.Limits(max_connections=64, max_keepalive_connections=64),
                ) as ahx:

                    async def sdk_call() -> None:
                        _ = (await ac.cards.retrieve(card_id)).balance

                    async def hx_call() -> None:
                        _ = to_obj((await ahx.get(card_url)).text).balance

                    for name, call in (("cryptotopcard", sdk_call), ("httpx", hx_call)):
                        await asyncio.gather(*(call() for _ in range(64)))  # warm
                        best = float("inf")
                        for _ in range(3):
                            t0 = time.perf_counter()
                            for _ in range(rounds):
                                await asyncio.gather(*(call() for _ in range(64)))
                            best = min(best, (time.perf_counter() - t0) / (64 * rounds))
                        out[name] = best
            return out

        results["64 concurrent (asyncio)"] = asyncio.run(asyncio_bench())

        # Same setup as bench/rust (sandbox in process): this package alone, for the core ratio.
        inproc: Dict[str, float] = {}
        with Sandbox() as sb:
            with sb.client() as ic:
                icards = [ic.cards.create(bin_id="491653", amount=1) for _ in range(100)]
                iid = icards[0].id
                for _ in range(50):
                    ic.cards.retrieve(iid)

                def in_seq() -> None:
                    for _ in range(n_seq):
                        _ = ic.cards.retrieve(iid).balance

                def in_list() -> None:
                    for _ in range(n_list):
                        assert len(ic.cards.list(per_page=100).data) == 100

                inproc["sequential retrieve"] = timed(in_seq, n_seq)
                inproc["list 100 cards"] = timed(in_list, n_list)
                tpool = ThreadPoolExecutor(max_workers=64)

                def in_threads() -> None:
                    for _ in range(rounds):
                        list(tpool.map(lambda _: ic.cards.retrieve(iid).balance, range(64)))

                inproc["64 concurrent (threads)"] = timed(in_threads, 64 * rounds)
                tpool.shutdown()

                async def in_async() -> float:
                    async with sb.async_client() as ac:
                        await asyncio.gather(*(ac.cards.retrieve(iid) for _ in range(64)))
                        best = float("inf")
                        for _ in range(3):
                            t0 = time.perf_counter()
                            for _ in range(rounds):
                                await asyncio.gather(*(ac.cards.retrieve(iid) for _ in range(64)))
                            best = min(best, (time.perf_counter() - t0) / (64 * rounds))
                        return best

                inproc["64 concurrent (asyncio)"] = asyncio.run(in_async())

        print(
            f"\nPython SDK benchmark against {url} (release ctc-sandbox), Python {sys.version.split()[0]}"
        )
        for workload, figures in results.items():
            print(f"\n{workload}")
            for name, sec in figures.items():
                print(f"  {name:14s} {fmt(sec)}")
            ours = figures["cryptotopcard"]
            for peer in ("httpx", "requests"):
                if peer in figures:
                    print(
                        f"  ratio: cryptotopcard is {figures[peer] / ours:5.2f}x faster than {peer}"
                    )

        rust = ROOT / "target" / "release" / "ctc-bench"
        if rust.exists():
            print("\nRust core (bench/rust: target/release/ctc-bench, its own in-process sandbox):")
            proc = subprocess.run([str(rust)], capture_output=True, text=True, timeout=900)
            print(proc.stdout.rstrip() or proc.stderr[-2000:])
            core_rps = {
                m.group(1).strip(): float(m.group(2))
                for m in re.finditer(r"^(.+?)\s+core\s+([0-9.]+) req/s", proc.stdout, re.M)
            }
            pairs = [
                ("sequential retrieve", "sequential retrieve"),
                ("list 100 cards", "list 100 cards"),
                ("64 concurrent (threads)", "64 concurrent retrieve"),
                ("64 concurrent (asyncio)", "64 concurrent retrieve"),
            ]
            print("\n  this package against an in-process sandbox (the same setup as bench/rust):")
            for workload, theirs in pairs:
                if theirs in core_rps and workload in inproc:
                    py_rps = 1 / inproc[workload]
                    print(
                        f"  ratio: {workload}: Rust core {core_rps[theirs]:.0f} req/s / Python "
                        f"{py_rps:.0f} req/s = {core_rps[theirs] / py_rps:.2f}x (target <= 1.5x)"
                    )
        else:
            print(
                "\nRust core figure: target/release/ctc-bench not built; not compared in this run"
            )
        sdk.close()
        hx.close()
        return 0
    finally:
        server.terminate()
        server.wait(10)


if __name__ == "__main__":
    sys.exit(main())
