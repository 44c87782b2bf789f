"""One soak client (Python SDK): random create/fund/withdraw/terminate on a shared account.

Every logical operation carries its own idempotency key. When a call still fails after the SDK's own
retries (a typed, retryable error), the worker re-issues the same operation with the same key, as a
careful user would: the server must then apply it exactly once. Prints one JSON line of results.
"""

from __future__ import annotations

import json
import os
import random
import sys
import time
import uuid

import cryptotopcard
from cryptotopcard import Client

RETRYABLE = (
    cryptotopcard.APIConnectionError,  # includes APITimeoutError
    cryptotopcard.InternalServerError,
    cryptotopcard.RateLimitError,
)
TIMEOUT_S = 10.0  # per attempt; the Python SDK takes seconds


def main() -> None:
    worker = os.environ["SOAK_WORKER"]
    ops = int(os.environ.get("SOAK_OPS", "100"))
    rng = random.Random(os.environ.get("SOAK_SEED", worker))
    client = Client(max_retries=2, timeout=TIMEOUT_S)
    out = {
        "worker": worker,
        "lang": "python",
        "timeout_s": TIMEOUT_S,
        "operations": 0,
        "sdk_retries": 0,
        "reissued": 0,
        "typed_errors": {},
        "untyped_errors": [],
        "unexpected": [],
        "wallet_delta_cents": 0,
        "cards": {},  # label -> {"id", "balance_cents", "terminated"}
    }

    def call(fn, **kwargs):
        key = str(uuid.uuid4())
        for _ in range(40):
            try:
                res = fn(idempotency_key=key, **kwargs)
                lr = res.last_response
                if lr is not None:
                    out["sdk_retries"] += lr.retries
                return res
            except RETRYABLE as e:
                name = type(e).__name__
                out["typed_errors"][name] = out["typed_errors"].get(name, 0) + 1
                out["reissued"] += 1
                time.sleep(0.05)
            except cryptotopcard.CryptoTopCardError:
                raise
            except Exception as e:  # an error that is not one of ours is a bug
                out["untyped_errors"].append(f"{type(e).__name__}: {e}")
                raise
        raise RuntimeError("operation did not succeed after 40 re-issues")

    live: list[str] = []
    for i in range(ops):
        out["operations"] += 1
        r = rng.random()
        try:
            if not live or r < 0.3:
                label = f"soak-{worker}-{i}"
                cents = rng.randint(100, 2000)
                card = call(
                    client.cards.create,
                    bin_id=rng.choice(["491653", "531993"]),
                    amount=cents / 100,
                    label=label,
                )
                out["cards"][label] = {"id": card.id, "balance_cents": cents, "terminated": False}
                out["wallet_delta_cents"] -= cents
                if round(card.balance * 100) != cents:
                    out["unexpected"].append(f"create {label}: balance {card.balance}")
                live.append(label)
            elif r < 0.6:
                label = rng.choice(live)
                c = out["cards"][label]
                cents = rng.randint(100, 1500)
                res = call(client.cards.fund, card_id=c["id"], amount=cents / 100)
                c["balance_cents"] += cents
                out["wallet_delta_cents"] -= cents
                if round(res.new_balance * 100) != c["balance_cents"]:
                    out["unexpected"].append(f"fund {label}: new_balance {res.new_balance}")
            elif r < 0.88:
                label = rng.choice(live)
                c = out["cards"][label]
                if c["balance_cents"] < 1:
                    continue
                cents = rng.randint(1, c["balance_cents"])
                res = call(client.cards.withdraw, card_id=c["id"], amount=cents / 100)
                c["balance_cents"] -= cents
                out["wallet_delta_cents"] += cents
                if round(res.new_balance * 100) != c["balance_cents"]:
                    out["unexpected"].append(f"withdraw {label}: new_balance {res.new_balance}")
            else:
                label = live.pop(rng.randrange(len(live)))
                c = out["cards"][label]
                res = call(client.cards.terminate, card_id=c["id"])
                refunded = round(res.refunded_amount * 100)
                if refunded != c["balance_cents"]:
                    out["unexpected"].append(
                        f"terminate {label}: refunded {refunded} != {c['balance_cents']}"
                    )
                out["wallet_delta_cents"] += refunded
                c["balance_cents"] = 0
                c["terminated"] = True
        except cryptotopcard.CryptoTopCardError as e:
            out["unexpected"].append(f"op {i}: {type(e).__name__}: {e}")
    client.close()
    print(json.dumps(out))
    sys.stdout.flush()


if __name__ == "__main__":
    main()
