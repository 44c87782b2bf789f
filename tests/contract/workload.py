"""Client workload for the Prism proxy harness (run_prism_proxy.sh).

Calls every operation of spec/openapi.yaml (happy paths and the documented error answers) through
`prism proxy --errors`, which validates each request and response against the spec. A Prism error
(application/problem+json), an `sl-violations` header or an unexpected status fails the run.

Env: CRYPTOTOPCARD_BASE_URL (the Prism URL; Prism ignores the spec's `/v1` base path, see README),
CRYPTOTOPCARD_API_KEY (an sk_test_ key). Prints one line per request and a summary.
"""

from __future__ import annotations

import json
import os
import sys
import uuid
from collections import Counter

import requests


class ContractViolation(Exception):
    pass


class Workload:
    def __init__(self, base: str, key: str) -> None:
        self.base = base.rstrip("/")
        self.http = requests.Session()
        self.http.headers.update(
            {"Authorization": f"Bearer {key}", "Accept": "application/json"}
        )
        self.calls = 0
        self.statuses: Counter[str] = Counter()
        self.operations: set[str] = set()

    def call(
        self,
        op: str,
        method: str,
        path: str,
        expect: int,
        *,
        body: object | None = None,
        params: dict | None = None,
        idem: str | None = None,
        error: str | None = None,
    ) -> requests.Response:
        headers = {}
        if idem is not None:
            headers["X-Idempotency-Key"] = idem
        resp = self.http.request(
            method,
            self.base + path,
            json=body,
            params=params,
            headers=headers,
            timeout=30,
        )
        self.calls += 1
        self.operations.add(op)
        self.statuses[f"{method} {resp.status_code}"] += 1
        ctype = resp.headers.get("content-type", "")
        violations = resp.headers.get("sl-violations")
        print(f"{op:28} {method:6} {path:48} -> {resp.status_code}")
        if "problem+json" in ctype or violations:
            raise ContractViolation(
                f"{op}: Prism reports a contract violation ({resp.status_code}):\n"
                f"  sl-violations: {violations}\n  body: {resp.text[:4000]}"
            )
        if resp.status_code != expect:
            raise ContractViolation(
                f"{op}: expected HTTP {expect}, got {resp.status_code}: {resp.text[:2000]}"
            )
        if not resp.headers.get("x-request-id", "").startswith("req_"):
            raise ContractViolation(f"{op}: no X-Request-Id header")
        if error is not None and resp.json().get("error") != error:
            raise ContractViolation(
                f"{op}: expected error {error}, got {resp.text[:500]}"
            )
        return resp

    def run(self) -> None:
        c = self.call
        bins = c("bins.list", "GET", "/bins", 200).json()
        bin_ids = [b["id"] for b in bins["data"]]
        assert "491653" in bin_ids and "531993" in bin_ids, bin_ids
        wallet = c("wallet.retrieve", "GET", "/wallet", 200).json()
        assert wallet["balance"] == 10000, wallet
        c("wallet.addresses", "GET", "/wallet/addresses", 200)
        one = c(
            "wallet.addresses",
            "GET",
            "/wallet/addresses",
            200,
            params={"currency": "btc"},
        ).json()
        assert "btc" in one["addresses"], one

        # Deposits (sandbox simulators) and their listing.
        dep = c(
            "sandbox.deposit",
            "POST",
            "/sandbox/deposits",
            201,
            body={"currency": "btc", "amount_usd": 500},
        ).json()
        assert (
            dep["status"] == "confirmed"
            and dep["fee_usd"] == 10
            and dep["credited_usd"] == 490
        ), dep
        pend = c(
            "sandbox.deposit",
            "POST",
            "/sandbox/deposits",
            201,
            body={"currency": "usdt", "amount_usd": 120.55, "status": "pending"},
        ).json()
        c(
            "sandbox.confirm_deposit",
            "POST",
            f"/sandbox/deposits/{pend['id']}/confirm",
            200,
        )
        c(
            "sandbox.confirm_deposit",
            "POST",
            f"/sandbox/deposits/{pend['id']}/confirm",
            409,
        )
        c(
            "sandbox.confirm_deposit",
            "POST",
            "/sandbox/deposits/dep_missing000/confirm",
            404,
            error="not_found",
        )
        c(
            "wallet.deposits",
            "GET",
            "/wallet/deposits",
            200,
            params={
                "status": "confirmed",
                "currency": "btc",
                "page": 1,
                "per_page": 10,
            },
        )

        # Webhooks: create (secret returned once), list, delete, delete again.
        hook = c(
            "webhooks.create",
            "POST",
            "/webhooks",
            201,
            body={"url": "https://127.0.0.1:9/ctc-contract", "events": ["*"]},
        ).json()
        assert hook["secret"], "webhook secret missing"
        hook2 = c(
            "webhooks.create",
            "POST",
            "/webhooks",
            201,
            body={
                "url": "https://127.0.0.1:9/other",
                "events": ["card.created", "3ds.challenge"],
                "secret": "whsec_" + "c" * 32,
            },
        ).json()
        c("webhooks.list", "GET", "/webhooks", 200)
        c("webhooks.delete", "DELETE", f"/webhooks/{hook2['id']}", 204)
        c(
            "webhooks.delete",
            "DELETE",
            f"/webhooks/{hook2['id']}",
            404,
            error="not_found",
        )

        # Cards: create with an idempotency key, replay it, reuse it with another body.
        key = str(uuid.uuid4())
        body = {
            "bin_id": "491653",
            "amount": 500,
            "label": "Meta Ads Campaign #12",
            "spending_limit": 2000,
            "allowed_categories": ["advertising"],
            "metadata": {"campaign": "spring_2026"},
        }
        card = c("cards.create", "POST", "/cards", 201, body=body, idem=key)
        replay = c("cards.create", "POST", "/cards", 201, body=body, idem=key)
        if (
            replay.headers.get("idempotent-replayed") != "true"
            or replay.json()["id"] != card.json()["id"]
        ):
            raise ContractViolation(
                "cards.create: the replay is not the stored response"
            )
        c(
            "cards.create",
            "POST",
            "/cards",
            409,
            body={**body, "amount": 501},
            idem=key,
            error="idempotency_key_reused",
        )
        card = card.json()
        cid = card["id"]
        c(
            "cards.create",
            "POST",
            "/cards",
            400,
            body={"bin_id": "999999", "amount": 10},
            error="invalid_bin",
        )
        bad = c(
            "cards.create",
            "POST",
            "/cards",
            400,
            body={"bin_id": "531993", "amount": 10, "spending_limit": 10000.01},
            error="invalid_request",
        )
        if bad.json().get("param") != "spending_limit":
            raise ContractViolation(
                f"cards.create: invalid_request must name the field: {bad.text}"
            )
        card2 = c(
            "cards.create",
            "POST",
            "/cards",
            201,
            body={"bin_id": "531993", "amount": 19.99},
        ).json()

        c("cards.list", "GET", "/cards", 200)
        c(
            "cards.list",
            "GET",
            "/cards",
            200,
            params={
                "status": "active",
                "bin_id": "491653",
                "label": "Meta",
                "sort": "balance",
                "order": "asc",
                "page": 1,
                "per_page": 1,
            },
        )
        c("cards.retrieve", "GET", f"/cards/{cid}", 200)
        c("cards.retrieve", "GET", "/cards/card_missing000", 404, error="not_found")
        c("cards.details", "GET", f"/cards/{cid}/details", 200)
        c(
            "cards.update",
            "PATCH",
            f"/cards/{cid}",
            200,
            body={
                "label": "Renamed",
                "spending_limit": 1500.5,
                "auto_freeze_at": 0.07,
                "metadata": {"team": "growth", "campaign": None},
            },
        )
        c("cards.freeze", "POST", f"/cards/{cid}/freeze", 200)
        c(
            "cards.freeze",
            "POST",
            f"/cards/{cid}/freeze",
            409,
            error="invalid_card_state",
        )
        c("cards.unfreeze", "POST", f"/cards/{cid}/unfreeze", 200)
        c(
            "cards.unfreeze",
            "POST",
            f"/cards/{cid}/unfreeze",
            409,
            error="invalid_card_state",
        )
        c("cards.fund", "POST", f"/cards/{cid}/fund", 200, body={"amount": 200.01})
        c(
            "cards.withdraw",
            "POST",
            f"/cards/{cid}/withdraw",
            200,
            body={"amount": 0.07},
        )
        c(
            "cards.withdraw",
            "POST",
            f"/cards/{cid}/withdraw",
            400,
            body={"amount": 99999},
            error="insufficient_card_balance",
        )

        # Transactions (sandbox simulators): settle in one go, authorize then settle, refund, decline.
        merchant = {
            "name": "FACEBK ADS",
            "category": "advertising",
            "mcc": "7311",
            "country": "US",
        }
        t1 = c(
            "sandbox.authorize",
            "POST",
            "/sandbox/transactions",
            201,
            body={"card_id": cid, "amount": 12.5, "merchant": merchant},
        ).json()
        t2 = c(
            "sandbox.authorize",
            "POST",
            "/sandbox/transactions",
            201,
            body={
                "card_id": cid,
                "amount": 4.99,
                "merchant": merchant,
                "settle": False,
            },
        ).json()
        c("sandbox.settle", "POST", f"/sandbox/transactions/{t2['id']}/settle", 200)
        c(
            "sandbox.refund",
            "POST",
            f"/sandbox/transactions/{t1['id']}/refund",
            201,
            body={"amount": 2.5},
        )
        c("sandbox.refund", "POST", f"/sandbox/transactions/{t1['id']}/refund", 201)
        dec = c(
            "sandbox.authorize",
            "POST",
            "/sandbox/transactions",
            201,
            body={
                "card_id": cid,
                "amount": 3,
                "merchant": {"name": "STEAM", "category": "gaming"},
            },
        ).json()
        if dec["type"] != "decline":
            raise ContractViolation(
                f"sandbox.authorize: a disallowed category was not declined: {dec}"
            )
        c(
            "sandbox.authorize",
            "POST",
            "/sandbox/transactions",
            404,
            body={"card_id": "card_missing000", "amount": 1, "merchant": merchant},
        )
        c("transactions.list", "GET", "/transactions", 200)
        c(
            "transactions.list",
            "GET",
            "/transactions",
            200,
            params={
                "card_id": cid,
                "type": "settlement",
                "from": "2000-01-01T00:00:00Z",
                "to": "2999-12-31",
                "merchant": "FACEBK",
                "min_amount": 0.5,
                "max_amount": 100,
                "page": 1,
                "per_page": 5,
            },
        )
        for t in (t1, t2, dec):
            c("transactions.retrieve", "GET", f"/transactions/{t['id']}", 200)
        c(
            "transactions.retrieve",
            "GET",
            "/transactions/txn_missing000",
            404,
            error="not_found",
        )

        # 3DS challenges.
        ch = c(
            "sandbox.challenge",
            "POST",
            "/sandbox/3ds",
            201,
            body={"card_id": card2["id"], "merchant": "SPOTIFY", "amount": 9.99},
        ).json()
        c("threeds.list", "GET", "/3ds", 200)
        c(
            "threeds.list",
            "GET",
            "/3ds",
            200,
            params={
                "card_id": card2["id"],
                "status": "pending",
                "page": 1,
                "per_page": 25,
            },
        )
        c("threeds.retrieve", "GET", f"/3ds/{ch['id']}", 200)
        c("threeds.retrieve", "GET", "/3ds/3ds_missing000", 404, error="not_found")

        # Sandbox admin endpoints.
        before = c("sandbox.clock_now", "GET", "/sandbox/clock", 200).json()
        after = c(
            "sandbox.clock",
            "POST",
            "/sandbox/clock",
            200,
            body={"advance_seconds": 301},
        ).json()
        if after["offset_seconds"] != before["offset_seconds"] + 301:
            raise ContractViolation(
                f"sandbox.clock: did not advance by 301 s: {before} -> {after}"
            )
        expired = c("threeds.retrieve", "GET", f"/3ds/{ch['id']}", 200).json()
        if expired["status"] != "expired":
            raise ContractViolation(f"3DS challenge not expired after 301 s: {expired}")
        c("sandbox.events", "GET", "/sandbox/events", 200)
        c("sandbox.webhook_deliveries", "GET", "/sandbox/webhook_deliveries", 200)
        c("sandbox.stats", "GET", "/sandbox/stats", 200)
        c("sandbox.requests", "GET", "/sandbox/requests", 200)

        # Drain the wallet: funding above the wallet balance is 400 insufficient_funds.
        for _ in range(10):
            left = c("wallet.retrieve", "GET", "/wallet", 200).json()["balance"]
            if left < 5000:
                break
            c(
                "cards.fund",
                "POST",
                f"/cards/{card2['id']}/fund",
                200,
                body={"amount": 5000},
            )
        c(
            "cards.fund",
            "POST",
            f"/cards/{card2['id']}/fund",
            400,
            body={"amount": 5000},
            error="insufficient_funds",
        )

        # Terminate: the balance returns to the wallet; a terminated card accepts no change.
        c("cards.terminate", "DELETE", f"/cards/{cid}", 200, idem=str(uuid.uuid4()))
        c(
            "cards.update",
            "PATCH",
            f"/cards/{cid}",
            409,
            body={"label": "x"},
            error="card_terminated",
        )
        c(
            "cards.fund",
            "POST",
            f"/cards/{cid}/fund",
            409,
            body={"amount": 1},
            error="card_terminated",
        )
        c("cards.terminate", "DELETE", f"/cards/{cid}", 409, error="card_terminated")

        # Authentication: an unknown key is 401; a live key on a sandbox-only endpoint is 403.
        own = self.http.headers["Authorization"]
        try:
            self.http.headers["Authorization"] = "Bearer not_a_key"
            c("wallet.retrieve", "GET", "/wallet", 401, error="authentication_failed")
            self.http.headers["Authorization"] = (
                "Bearer sk_live_contract_" + uuid.uuid4().hex
            )
            c(
                "sandbox.deposit",
                "POST",
                "/sandbox/deposits",
                403,
                body={"currency": "btc", "amount_usd": 10},
                error="forbidden",
            )
        finally:
            self.http.headers["Authorization"] = own

        # The sandbox's fault injection: the documented 429 / 500 / 503 answers, validated like the others.
        for fault, status, error in (
            ("rate_limit", 429, "rate_limited"),
            ("error_500", 500, "internal_error"),
            ("error_503", 503, "service_unavailable"),
        ):
            self.http.headers["X-Sandbox-Fault"] = fault
            try:
                r = c("wallet.retrieve", "GET", "/wallet", status, error=error)
                if status == 429 and not r.headers.get("retry-after", "").isdigit():
                    raise ContractViolation(
                        "rate_limited without a numeric Retry-After"
                    )
                c(
                    "cards.fund",
                    "POST",
                    f"/cards/{card2['id']}/fund",
                    status,
                    body={"amount": 1},
                    idem=str(uuid.uuid4()),
                    error=error,
                )
            finally:
                del self.http.headers["X-Sandbox-Fault"]

        # Details are rate limited to 30 per minute: the 429 carries Retry-After.
        for _ in range(40):
            r = self.http.get(f"{self.base}/cards/{card2['id']}/details", timeout=30)
            self.calls += 1
            if "problem+json" in r.headers.get("content-type", "") or r.headers.get(
                "sl-violations"
            ):
                raise ContractViolation(
                    f"cards.details: {r.headers.get('sl-violations')} {r.text[:2000]}"
                )
            if r.status_code == 429:
                self.statuses["GET 429"] += 1
                if not r.headers.get("retry-after", "").isdigit():
                    raise ContractViolation(
                        "cards.details: 429 without a numeric Retry-After"
                    )
                print(
                    f"{'cards.details':28} GET    /cards/{{id}}/details (x{_ + 1}) -> 429"
                )
                break
            self.statuses[f"GET {r.status_code}"] += 1
        else:
            raise ContractViolation(
                "cards.details: no 429 after 40 requests in a minute"
            )


def main() -> int:
    base = os.environ.get("CRYPTOTOPCARD_BASE_URL")
    key = os.environ.get("CRYPTOTOPCARD_API_KEY")
    if not base or not key:
        print("set CRYPTOTOPCARD_BASE_URL and CRYPTOTOPCARD_API_KEY", file=sys.stderr)
        return 2
    w = Workload(base, key)
    try:
        w.run()
    except (ContractViolation, AssertionError, KeyError, ValueError) as e:
        print(f"workload: FAILED after {w.calls} requests: {e}", file=sys.stderr)
        return 1
    print(
        "workload: "
        + json.dumps(
            {
                "requests": w.calls,
                "operations": len(w.operations),
                "statuses": dict(sorted(w.statuses.items())),
            }
        )
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
