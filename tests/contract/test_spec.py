"""Checks of spec/openapi.yaml itself: structure rules from API-CONTRACT.md and the project brief, and the
published examples of api-reference.md validated against the spec's schemas."""

from __future__ import annotations

import json
import re
from pathlib import Path

import jsonschema_rs
import pytest
import yaml

ROOT = Path(__file__).resolve().parents[2]
SPEC = yaml.safe_load((ROOT / "spec" / "openapi.yaml").read_text(encoding="utf-8"))
SCHEMAS = SPEC["components"]["schemas"]
METHODS = ("get", "post", "patch", "delete", "put")

EXPECTED_OPERATIONS = {
    ("post", "/cards"): "cards.create",
    ("get", "/cards"): "cards.list",
    ("get", "/cards/{card_id}"): "cards.retrieve",
    ("get", "/cards/{card_id}/details"): "cards.details",
    ("patch", "/cards/{card_id}"): "cards.update",
    ("post", "/cards/{card_id}/freeze"): "cards.freeze",
    ("post", "/cards/{card_id}/unfreeze"): "cards.unfreeze",
    ("delete", "/cards/{card_id}"): "cards.terminate",
    ("post", "/cards/{card_id}/fund"): "cards.fund",
    ("post", "/cards/{card_id}/withdraw"): "cards.withdraw",
    ("get", "/transactions"): "transactions.list",
    ("get", "/transactions/{transaction_id}"): "transactions.retrieve",
    ("get", "/wallet"): "wallet.retrieve",
    ("get", "/wallet/addresses"): "wallet.addresses",
    ("get", "/wallet/deposits"): "wallet.deposits",
    ("get", "/bins"): "bins.list",
    ("get", "/3ds"): "threeds.list",
    ("get", "/3ds/{challenge_id}"): "threeds.retrieve",
    ("post", "/webhooks"): "webhooks.create",
    ("get", "/webhooks"): "webhooks.list",
    ("delete", "/webhooks/{webhook_id}"): "webhooks.delete",
    ("post", "/sandbox/deposits"): "sandbox.deposit",
    ("post", "/sandbox/deposits/{deposit_id}/confirm"): "sandbox.confirm_deposit",
    ("post", "/sandbox/transactions"): "sandbox.authorize",
    ("post", "/sandbox/transactions/{transaction_id}/settle"): "sandbox.settle",
    ("post", "/sandbox/transactions/{transaction_id}/refund"): "sandbox.refund",
    ("post", "/sandbox/3ds"): "sandbox.challenge",
    ("get", "/sandbox/webhook_deliveries"): "sandbox.webhook_deliveries",
    ("get", "/sandbox/events"): "sandbox.events",
    ("get", "/sandbox/stats"): "sandbox.stats",
    ("get", "/sandbox/requests"): "sandbox.requests",
    ("get", "/sandbox/clock"): "sandbox.clock_now",
    ("post", "/sandbox/clock"): "sandbox.clock",
}
ADMIN = {
    "sandbox.webhook_deliveries",
    "sandbox.events",
    "sandbox.stats",
    "sandbox.requests",
    "sandbox.clock",
    "sandbox.clock_now",
}
EVENT_TYPES = [
    "card.created",
    "card.frozen",
    "card.unfrozen",
    "card.terminated",
    "card.funded",
    "transaction.authorized",
    "transaction.settled",
    "transaction.declined",
    "transaction.refunded",
    "3ds.challenge",
    "deposit.pending",
    "deposit.confirmed",
]
ERROR_STATUSES = {"400", "401", "403", "404", "409", "429", "500", "503"}


def resolve(node: dict) -> dict:
    while "$ref" in node:
        parts = node["$ref"].removeprefix("#/").split("/")
        node = SPEC
        for p in parts:
            node = node[p]
    return node


def operations():
    for path, item in SPEC["paths"].items():
        for method in METHODS:
            if method in item:
                yield method, path, item[method], item.get("parameters", [])


def validator(schema_name: str):
    return jsonschema_rs.Draft202012Validator(
        {
            "$ref": f"#/components/schemas/{schema_name}",
            "components": SPEC["components"],
        }
    )


def test_servers_and_security():
    assert [s["url"] for s in SPEC["servers"]] == ["https://api.cryptotopcard.com/v1"]
    assert SPEC["openapi"].startswith("3.1")
    assert SPEC["components"]["securitySchemes"]["bearerAuth"] == {
        **SPEC["components"]["securitySchemes"]["bearerAuth"],
        "type": "http",
        "scheme": "bearer",
    }
    assert SPEC["security"] == [{"bearerAuth": []}]


def test_every_operation_with_its_sdk_name():
    found = {(m, p): op["operationId"] for m, p, op, _ in operations()}
    assert found == EXPECTED_OPERATIONS
    for m, p, op, _ in operations():
        assert op["tags"] == [op["operationId"].split(".")[0]], op["operationId"]
        assert bool(op.get("x-sandbox-admin")) == (op["operationId"] in ADMIN), op[
            "operationId"
        ]


def test_idempotency_key_on_post_patch_delete():
    for method, path, op, shared in operations():
        names = {resolve(p)["name"] for p in op.get("parameters", []) + shared}
        wants = method in ("post", "patch", "delete")
        assert ("X-Idempotency-Key" in names) == wants, op["operationId"]


def test_responses_headers_and_error_envelope():
    for method, path, op, _ in operations():
        responses = op["responses"]
        success = [s for s in responses if s.startswith("2")]
        assert len(success) == 1, op["operationId"]
        assert "401" in responses and "500" in responses, op["operationId"]
        for status, resp in responses.items():
            resp = resolve(resp)
            assert "X-Request-Id" in resp["headers"], (op["operationId"], status)
            if status in ERROR_STATUSES:
                schema = resp["content"]["application/json"]["schema"]
                assert schema == {"$ref": "#/components/schemas/Error"}, (
                    op["operationId"],
                    status,
                )
            if status == "429":
                assert "Retry-After" in resp["headers"]
            if status.startswith("2") and method != "get":
                assert "Idempotent-Replayed" in resp["headers"], op["operationId"]
        if path.count("{"):
            assert "404" in responses, op["operationId"]
    delete = SPEC["paths"]["/webhooks/{webhook_id}"]["delete"]["responses"]["204"]
    assert "content" not in delete


def test_error_schema():
    err = SCHEMAS["Error"]
    assert err["required"] == ["error", "message", "code", "request_id"]
    assert set(err["properties"]) == {"error", "message", "code", "request_id", "param"}
    v = validator("Error")
    assert v.is_valid(
        {
            "error": "insufficient_funds",
            "message": "Your wallet balance is too low to fund this card.",
            "code": 400,
            "request_id": "req_7f8a9b2c3d4e",
        }
    )
    assert not v.is_valid({"error": "x", "message": "y", "code": 400})


def test_list_endpoints_answer_data_and_pagination():
    for method, path, op, _ in operations():
        if method != "get" or op["operationId"] in ADMIN:
            continue
        schema = resolve(
            op["responses"]["200"]["content"]["application/json"]["schema"]
        )
        if "data" in schema.get("properties", {}):
            assert schema["required"] == ["data", "pagination"], op["operationId"]
            pagination = schema["properties"]["pagination"]
            assert pagination["$ref"] == "#/components/schemas/Pagination", op["operationId"]
    assert "total_pages" not in SCHEMAS["Pagination"]["required"]


def test_per_page_defaults_and_bounds():
    defaults = {
        "cards.list": 25,
        "transactions.list": 50,
        "wallet.deposits": 25,
        "threeds.list": 25,
    }
    for method, path, op, _ in operations():
        params = {resolve(p)["name"]: resolve(p) for p in op.get("parameters", [])}
        if op["operationId"] in defaults:
            s = params["per_page"]["schema"]
            assert (s["minimum"], s["maximum"], s["default"]) == (
                1,
                100,
                defaults[op["operationId"]],
            )
            assert params["page"]["schema"]["minimum"] == 1


def test_money_limits():
    create = SCHEMAS["CardCreateParams"]["properties"]
    assert (
        create["amount"]["minimum"],
        create["amount"]["maximum"],
        create["amount"]["multipleOf"],
    ) == (1, 5000, 0.01)
    fund = SCHEMAS["CardFundParams"]["properties"]["amount"]
    assert (fund["minimum"], fund["maximum"], fund["multipleOf"]) == (1, 5000, 0.01)
    withdraw = SCHEMAS["CardWithdrawParams"]["properties"]["amount"]
    assert (withdraw["exclusiveMinimum"], withdraw["multipleOf"]) == (0, 0.01)
    assert create["label"]["maxLength"] == 64
    meta = SCHEMAS["MetadataParams"]
    assert (
        meta["maxProperties"],
        meta["propertyNames"]["maxLength"],
        meta["additionalProperties"]["maxLength"],
    ) == (20, 40, 500)
    v = validator("CardCreateParams")
    assert v.is_valid({"bin_id": "491653", "amount": 4999.99})
    assert v.is_valid({"bin_id": "491653", "amount": 0.07 + 1})
    assert not v.is_valid({"bin_id": "491653", "amount": 1.005})
    assert not v.is_valid({"bin_id": "491653", "amount": 5000.01})
    assert not v.is_valid({"bin_id": "491653", "amount": 0.99})
    assert not v.is_valid(
        {
            "bin_id": "491653",
            "amount": 10,
            "metadata": {f"k{i}": "v" for i in range(21)},
        }
    )
    assert not v.is_valid(
        {"bin_id": "491653", "amount": 10, "allowed_categories": ["casino"]}
    )


def test_request_bodies_closed_and_responses_open():
    for method, path, op, _ in operations():
        body = op.get("requestBody")
        if body:
            schema = resolve(body["content"]["application/json"]["schema"])
            assert schema["additionalProperties"] is False, op["operationId"]
    request_schemas = {n for n in SCHEMAS if n.endswith("Params")}
    for name, schema in SCHEMAS.items():
        if name not in request_schemas:
            assert schema.get("additionalProperties") is not False, name
    v = validator("CardCreateParams")
    assert not v.is_valid({"bin_id": "491653", "amount": 10, "colour": "red"})
    assert validator("Card").is_valid(
        json.loads(CARD_CREATE_RESPONSE) | {"new_field": {"x": 1}}
    )


def test_sensitive_fields_marked():
    marked = set()
    for name, schema in SCHEMAS.items():
        for prop, s in schema.get("properties", {}).items():
            if s.get("x-sensitive"):
                marked.add(f"{name}.{prop}")
    assert marked == {
        "CardDetails.pan",
        "CardDetails.cvv",
        "Webhook.secret",
        "WebhookWithSecret.secret",
        "WebhookCreateParams.secret",
        "ThreeDSChallenge.otp",
    }


def test_enums():
    assert SCHEMAS["CardStatus"]["enum"] == ["active", "frozen", "terminated"]
    assert SCHEMAS["TransactionType"]["enum"] == [
        "authorization",
        "settlement",
        "refund",
        "decline",
    ]
    assert SCHEMAS["CryptoCurrency"]["enum"] == ["btc", "eth", "sol", "usdt"]
    assert SCHEMAS["DepositStatus"]["enum"] == ["pending", "confirmed", "expired"]
    assert SCHEMAS["ThreeDSStatus"]["enum"] == ["pending", "completed", "expired"]
    assert SCHEMAS["Category"]["enum"] == [
        "advertising",
        "software",
        "saas",
        "subscriptions",
        "shopping",
        "travel",
        "food",
        "entertainment",
        "gaming",
        "telecom",
        "utilities",
        "other",
    ]
    assert SCHEMAS["EventType"]["enum"] == EVENT_TYPES
    assert SCHEMAS["WebhookEventSelector"]["enum"] == ["*"] + EVENT_TYPES


def test_webhook_events():
    assert list(SPEC["webhooks"]) == EVENT_TYPES
    mapping = SCHEMAS["Event"]["discriminator"]["mapping"]
    assert list(mapping) == EVENT_TYPES
    data_for = {
        "card": "Card",
        "transaction": "Transaction",
        "3ds": "ThreeDSChallenge",
        "deposit": "Deposit",
    }
    for t in EVENT_TYPES:
        ref = SPEC["webhooks"][t]["post"]["requestBody"]["content"]["application/json"][
            "schema"
        ]["$ref"]
        assert ref == mapping[t]
        event = resolve({"$ref": ref})
        assert event["required"] == ["id", "type", "created_at", "data"]
        assert event["properties"]["type"]["const"] == t
        assert event["properties"]["data"]["$ref"].endswith(
            "/" + data_for[t.split(".")[0]]
        )
    v = validator("Event")
    card = json.loads(CARD_CREATE_RESPONSE)
    assert v.is_valid(
        {
            "id": "evt_1",
            "type": "card.created",
            "created_at": "2026-04-15T12:00:00Z",
            "data": card,
        }
    )
    assert not v.is_valid(
        {
            "id": "evt_1",
            "type": "deposit.pending",
            "created_at": "2026-04-15T12:00:00Z",
            "data": card,
        }
    )


def test_snake_case_wire_names():
    snake = re.compile(r"^[a-z0-9]+(_[a-z0-9]+)*$")
    for name, schema in SCHEMAS.items():
        for prop in schema.get("properties", {}):
            assert snake.match(prop), f"{name}.{prop}"


# ---- the published examples (api-reference.md), verbatim ----
CARD_CREATE_RESPONSE = """{"id": "card_8xK2m9Lp4q", "bin_id": "491653", "network": "visa", "last4": "2039",
"status": "active", "balance": 500.00, "spending_limit": 2000.00, "label": "Meta Ads Campaign #12",
"allowed_categories": ["advertising"], "auto_freeze_at": null, "metadata": { "campaign": "spring_2026" },
"created_at": "2026-04-15T12:00:00Z", "expires_at": "2029-04-15T23:59:59Z"}"""

PUBLISHED = {
    "Card": [
        CARD_CREATE_RESPONSE,
        """{"id": "card_8xK2m9Lp4q", "bin_id": "491653", "network": "visa",
        "last4": "2039", "status": "active", "balance": 487.50, "spending_limit": 2000.00, "total_spent": 12.50,
        "transaction_count": 3, "label": "Meta Ads Campaign #12", "metadata": { "campaign": "spring_2026" },
        "created_at": "2026-04-15T12:00:00Z", "expires_at": "2029-04-15T23:59:59Z",
        "last_used_at": "2026-04-15T14:32:00Z"}""",
    ],
    "CardList": [
        """{"data": [{"id": "card_8xK2m9Lp4q", "bin_id": "491653", "network": "visa", "last4": "2039",
        "status": "active", "balance": 487.50, "label": "Meta Ads Campaign #12",
        "created_at": "2026-04-15T12:00:00Z"}],
        "pagination": {"page": 1, "per_page": 25, "total": 142, "total_pages": 6}}"""
    ],
    "CardDetails": [
        """{"id": "card_8xK2m9Lp4q", "pan": "4916531288472039", "cvv": "847", "exp_month": 4,
        "exp_year": 2029, "holder_name": "ANONYMOUS", "billing_address": {"line1": "123 Privacy Street",
        "city": "Wilmington", "state": "DE", "zip": "19801", "country": "US"}}"""
    ],
    "FreezeResult": [
        """{ "id": "card_8xK2m9Lp4q", "status": "frozen", "frozen_at": "2026-04-15T15:00:00Z" }"""
    ],
    "TerminateResult": [
        """{"id": "card_8xK2m9Lp4q", "status": "terminated", "refunded_amount": 487.50,
        "terminated_at": "2026-04-15T16:00:00Z"}"""
    ],
    "FundResult": [
        """{"id": "card_8xK2m9Lp4q", "previous_balance": 487.50, "funded_amount": 200.00,
        "new_balance": 687.50, "wallet_balance": 1312.50}"""
    ],
    "TransactionList": [
        """{"data": [{"id": "txn_a1b2c3d4", "card_id": "card_8xK2m9Lp4q", "type": "settlement",
        "amount": -12.50, "currency": "USD", "merchant": {"name": "FACEBK ADS", "category": "advertising",
        "mcc": "7311", "country": "US"}, "balance_after": 487.50, "created_at": "2026-04-15T14:32:00Z"}],
        "pagination": { "page": 1, "per_page": 50, "total": 328 }}"""
    ],
    "Wallet": [
        """{"balance": 1312.50, "currency": "USD", "pending_deposits": 500.00, "total_deposited": 15000.00,
        "total_spent": 13687.50, "cards_active": 8, "cards_total_balance": 2450.00}"""
    ],
    "WalletAddresses": [
        """{"addresses": {"btc": "bc1qxy2kgdygjrsqtzq2n0yrf...", "eth": "0x742d35Cc6634C0532925a3b...",
        "sol": "7xKXtg2CW87d97TXJSDpbD5j...", "usdt": "0x742d35Cc6634C0532925a3b..."},
        "networks": {"btc": "bitcoin", "eth": "ethereum", "sol": "solana", "usdt": "erc-20"},
        "min_deposit": {"btc": "0.0001", "eth": "0.005", "sol": "0.1", "usdt": "5.00"}}"""
    ],
    "Deposit": [
        """{"id": "dep_x9y8z7w6", "currency": "btc", "amount_crypto": "0.0075", "amount_usd": 500.00,
        "fee_usd": 10.00, "credited_usd": 490.00, "status": "confirmed", "tx_hash": "3a1b2c3d4e5f...",
        "confirmations": 6, "created_at": "2026-04-15T10:00:00Z", "confirmed_at": "2026-04-15T10:42:00Z"}"""
    ],
    "Bin": [
        """{"id": "491653", "network": "visa", "type": "advertising", "issuer_country": "US", "3ds": true,
        "apple_pay": true, "google_pay": true, "max_transaction": 5000.00, "max_monthly": 50000.00,
        "acceptance_rate": 97.2, "best_for": ["meta_ads", "google_ads", "tiktok_ads"]}""",
        """{"id": "531993", "network": "mastercard", "type": "everyday", "issuer_country": "US", "3ds": true,
        "apple_pay": true, "google_pay": true, "max_transaction": 1000.00, "max_monthly": 10000.00,
        "acceptance_rate": 95.8, "best_for": ["subscriptions", "saas", "shopping"]}""",
    ],
    "ThreeDSChallenge": [
        """{"id": "3ds_m4n5o6p7", "card_id": "card_8xK2m9Lp4q", "merchant": "SPOTIFY",
        "amount": 9.99, "otp": "847291", "status": "pending", "expires_at": "2026-04-15T15:05:00Z",
        "created_at": "2026-04-15T15:00:00Z"}"""
    ],
    "WebhookWithSecret": [
        """{"id": "wh_r5s6t7u8", "url": "https://yourapp.com/webhooks/ctc",
        "events": ["transaction.authorized", "transaction.declined"], "secret": "whsec_a1b2c3d4e5f6...",
        "active": true, "created_at": "2026-04-15T12:00:00Z"}"""
    ],
    "Error": [
        """{"error": "insufficient_funds", "message": "Your wallet balance is too low to fund this card.",
        "code": 400, "request_id": "req_7f8a9b2c3d4e"}"""
    ],
}


@pytest.mark.parametrize(
    "schema_name,example", [(n, e) for n, es in PUBLISHED.items() for e in es]
)
def test_published_examples_validate(schema_name, example):
    v = validator(schema_name)
    instance = json.loads(example)
    errors = [e.message for e in v.iter_errors(instance)]
    assert errors == []


def test_published_request_examples_validate():
    v = validator("CardCreateParams")
    assert v.is_valid(
        {
            "bin_id": "491653",
            "amount": 500,
            "label": "Meta Ads Campaign #12",
            "spending_limit": 2000,
            "allowed_categories": ["advertising"],
            "metadata": {"campaign": "spring_2026"},
        }
    )
    assert validator("CardFundParams").is_valid({"amount": 200})
    assert validator("WebhookCreateParams").is_valid(
        {
            "url": "https://yourapp.com/hooks",
            "events": ["transaction.authorized", "3ds.challenge"],
        }
    )
    assert not validator("WebhookCreateParams").is_valid(
        {"url": "ftp://yourapp.com/hooks", "events": ["*"]}
    )
    assert not validator("WebhookCreateParams").is_valid(
        {"url": "https://yourapp.com/hooks", "events": []}
    )


def test_media_type_examples_validate():
    for method, path, op, _ in operations():
        body = op.get("requestBody")
        if body and "example" in body["content"]["application/json"]:
            name = body["content"]["application/json"]["schema"]["$ref"].rsplit("/", 1)[
                1
            ]
            assert validator(name).is_valid(
                body["content"]["application/json"]["example"]
            ), op["operationId"]


def _core_list(name: str) -> list[str]:
    """A `pub const NAME: &[&str] = &[...]` list of the core's operation table (rendered by ctc-codegen)."""
    text = (ROOT / "core" / "src" / "generated" / "operations.rs").read_text(encoding="utf-8")
    block = re.search(rf"pub const {name}: &\[&str\] = &\[(.*?)\];", text, re.DOTALL)
    assert block, f"{name} not found in core/src/generated/operations.rs"
    return re.findall(r'"([^"]+)"', block.group(1))


def test_core_operations_match_the_spec():
    """Drift guard: the core's operation table is exactly the spec's non-admin operations."""
    spec_ops = {
        op["operationId"]
        for _, _, op, _ in operations()
        if not op.get("x-sandbox-admin")
    }
    assert sorted(_core_list("OPERATIONS")) == sorted(spec_ops)


def test_core_paginated_operations_take_page_and_per_page():
    for _, _, op, _ in operations():
        names = {resolve(p)["name"] for p in op.get("parameters", [])}
        paginated = {"page", "per_page"} <= names and not op.get("x-sandbox-admin")
        assert paginated == (op["operationId"] in _core_list("PAGINATED_OPERATIONS")), (
            op["operationId"]
        )
