"""Soak test: concurrent Python and Node clients against a sandbox that injects random faults.

Starts ctc-sandbox with `--faults` (dropped connections after commit, 500, 503, 429, delays), runs
worker.py and worker.js processes that share one account, then checks from the server's side:
- every card a worker created exists exactly once (no duplicate card despite dropped responses),
- every card's balance is what its worker's successful operations imply (no funding applied twice),
- the wallet is exact to the cent: wallet = initial - created - funded + withdrawn + refunded, and
  wallet + cards + spent == deposited,
- every failed call surfaced as a typed SDK error, and no process crashed,
- every client has a 10 s per-attempt timeout and no call timed out (no fault delays > 30 ms).
Prints the counts and a closing `N passed, N failed` line.
"""

from __future__ import annotations

import argparse
import json
import os
import secrets
import subprocess
import sys
import time
import urllib.request
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
HERE = Path(__file__).resolve().parent
FAULTS = "drop_after_commit=0.05,error_500=0.04,error_503=0.04,rate_limit=0.04,delay_ms=30@0.05"
INITIAL = 100_000  # USD; plenty for the workload, so no insufficient_funds noise


def start_sandbox(binary: str, faults: str) -> tuple[subprocess.Popen[str], str]:
    proc = subprocess.Popen(
        [binary, "--port", "0", "--faults", faults, "--initial-balance", str(INITIAL)],
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


def cents(x: float) -> int:
    return round(x * 100)


def main() -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("--sandbox", default=str(ROOT / "target/debug/ctc-sandbox"))
    ap.add_argument("--py-workers", type=int, default=2)
    ap.add_argument("--node-workers", type=int, default=2)
    ap.add_argument("--ops", type=int, default=60, help="operations per worker")
    ap.add_argument("--faults", default=FAULTS)
    args = ap.parse_args()

    proc, url = start_sandbox(args.sandbox, args.faults)
    key = "sk_test_soak_" + secrets.token_hex(8)
    env = dict(os.environ, CRYPTOTOPCARD_BASE_URL=url, CRYPTOTOPCARD_API_KEY=key)
    started = time.monotonic()
    try:
        workers = []
        for i in range(args.py_workers):
            e = dict(env, SOAK_WORKER=f"py{i}", SOAK_OPS=str(args.ops))
            workers.append(
                subprocess.Popen(
                    [sys.executable, str(HERE / "worker.py")],
                    env=e,
                    stdout=subprocess.PIPE,
                    stderr=subprocess.PIPE,
                    text=True,
                )
            )
        for i in range(args.node_workers):
            e = dict(env, SOAK_WORKER=f"node{i}", SOAK_OPS=str(args.ops))
            workers.append(
                subprocess.Popen(
                    ["node", str(HERE / "worker.js")],
                    env=e,
                    stdout=subprocess.PIPE,
                    stderr=subprocess.PIPE,
                    text=True,
                )
            )
        results, crashed = [], []
        for w in workers:
            out, err = w.communicate(timeout=900)
            if w.returncode != 0 or not out.strip():
                crashed.append(f"exit {w.returncode}: {err.strip()[-2000:]}")
                continue
            results.append(json.loads(out.strip().splitlines()[-1]))
        elapsed = time.monotonic() - started

        # Verification reads go through the SDK too (faults stay on: GETs are retried safely).
        import cryptotopcard

        client = cryptotopcard.Client(key, base_url=url, max_retries=10)
        all_cards = list(client.cards.list(per_page=100).auto_paging_iter())
        wallet = client.wallet.retrieve()
        client.close()
        req = urllib.request.Request(
            url + "/sandbox/stats", headers={"Authorization": f"Bearer {key}"}
        )
        with urllib.request.urlopen(req) as r:  # admin GET: never faulted
            stats = json.loads(r.read())
    finally:
        proc.terminate()
        proc.wait(timeout=10)

    checks: list[tuple[str, bool, str]] = []
    checks.append(("no worker crashed", not crashed, "; ".join(crashed)))
    untyped = [u for r in results for u in r["untyped_errors"]]
    checks.append(("every failure was a typed SDK error", not untyped, "; ".join(untyped[:5])))
    # Every client runs with a 10 s per-attempt timeout (the Node SDK takes milliseconds: a bare
    # `timeout: 10` there is 10 ms, which turned ordinary slow attempts into APITimeoutError).
    timeouts = {r["worker"]: r.get("timeout_s") for r in results}
    checks.append(
        (
            "every client's per-attempt timeout is 10 s",
            all(t == 10 for t in timeouts.values()),
            f"{timeouts}",
        )
    )
    # No fault delays more than 30 ms, so no call may end in a timeout.
    timed_out = sum(r["typed_errors"].get("APITimeoutError", 0) for r in results)
    checks.append(("no call timed out", timed_out == 0, f"{timed_out} APITimeoutError"))
    unexpected = [u for r in results for u in r["unexpected"]]
    checks.append(
        ("every result matched the expected balances", not unexpected, "; ".join(unexpected[:5]))
    )

    expected = {label: c for r in results for label, c in r["cards"].items()}
    by_label = Counter(c.label for c in all_cards)
    dups = {lab: n for lab, n in by_label.items() if n > 1}
    missing = sorted(set(expected) - set(by_label))
    extra = sorted(set(by_label) - set(expected))
    checks.append(
        (
            "no duplicate, missing or stray card",
            not dups and not missing and not extra,
            f"duplicates={dups} missing={missing[:5]} extra={extra[:5]}",
        )
    )
    card_by_label = {c.label: c for c in all_cards}
    wrong = []
    for label, exp in expected.items():
        got = card_by_label.get(label)
        if got is None:
            continue
        status = str(got.status)
        if (
            exp["terminated"] != (status == "terminated")
            or cents(got.balance) != exp["balance_cents"]
        ):
            wrong.append(
                f"{label}: {status} {got.balance} != {exp['balance_cents'] / 100} term={exp['terminated']}"
            )
    checks.append(
        (
            "every card's balance and status exact (no double funding)",
            not wrong,
            "; ".join(wrong[:5]),
        )
    )

    delta = sum(r["wallet_delta_cents"] for r in results)
    w_bal, w_cards, w_spent, w_dep = (
        cents(wallet.balance),
        cents(wallet.cards_total_balance),
        cents(wallet.total_spent),
        cents(wallet.total_deposited),
    )
    checks.append(
        (
            "wallet == initial + sum of operations, to the cent",
            w_bal == INITIAL * 100 + delta,
            f"wallet {w_bal} != {INITIAL * 100 + delta}",
        )
    )
    checks.append(
        (
            "wallet + cards + spent == deposited",
            w_bal + w_cards + w_spent == w_dep,
            f"{w_bal} + {w_cards} + {w_spent} != {w_dep}",
        )
    )

    ops = sum(r["operations"] for r in results)
    reissued = sum(r["reissued"] for r in results)
    sdk_retries = sum(r["sdk_retries"] for r in results)
    typed = Counter()
    for r in results:
        typed.update(r["typed_errors"])
    print(
        f"soak: {len(results)} clients ({args.py_workers} python, {args.node_workers} node), {ops} operations "
        f"in {elapsed:.1f}s, {len(expected)} cards"
    )
    print(
        f"soak: faults injected {stats.get('faults_total')} {stats.get('faults')}, replays {stats.get('replays')}"
    )
    print(
        f"soak: SDK retries (succeeded calls) {sdk_retries}, calls re-issued after a typed error {reissued} "
        f"{dict(typed)}, duplicates = {sum(n - 1 for n in dups.values())}"
    )
    failed = 0
    for name, ok, detail in checks:
        print(f"  {'ok  ' if ok else 'FAIL'} {name}" + ("" if ok else f": {detail}"))
        failed += 0 if ok else 1
    print(f"soak: {len(checks) - failed} passed, {failed} failed")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
