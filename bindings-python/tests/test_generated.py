"""The generated layer (codegen/templates/python/, drift-checked by ``make codegen-check``):
stubs match the compiled extension; every core operation has a Python method, sync and async."""

from __future__ import annotations

import inspect
import re
import subprocess
import sys
from pathlib import Path

import cryptotopcard
from cryptotopcard import _native

HERE = Path(__file__).resolve().parent
PKG = HERE.parent / "python" / "cryptotopcard"


def test_native_stub_matches_extension() -> None:
    proc = subprocess.run(
        [sys.executable, "-m", "mypy.stubtest", "cryptotopcard._native"],
        capture_output=True,
        text=True,
    )
    assert proc.returncode == 0, proc.stdout + proc.stderr


def test_every_core_operation_has_a_method() -> None:
    source = "\n".join(p.read_text() for p in (PKG / "resources").glob("*.py"))
    used = set(re.findall(r'"([a-z]+\.[a-z_]+)"', source))
    assert set(_native.operations()) == used, set(_native.operations()) ^ used
    # Each op is a method of both clients' resources (sync: plain, async: coroutine).
    key, url = "sk_test_" + "0" * 24, "https://api.cryptotopcard.com/v1"
    sync, asyn = (
        cryptotopcard.Client(key, base_url=url),
        cryptotopcard.AsyncClient(key, base_url=url),
    )
    for op in used:
        resource, method = op.split(".")
        assert callable(getattr(getattr(sync, resource), method)), op
        assert inspect.iscoroutinefunction(getattr(getattr(asyn, resource), method)), op


def test_methods_take_the_specs_parameters() -> None:
    """Each method's keywords are the operation's path, query and body parameters (``from`` is
    ``from_``), plus ``idempotency_key`` when it mutates and ``timeout``; sync and async alike."""
    import yaml

    spec = yaml.safe_load((HERE.parents[1] / "spec" / "openapi.yaml").read_text())
    schemas = spec["components"]["schemas"]
    key, url = "sk_test_" + "0" * 24, "https://api.cryptotopcard.com/v1"
    clients = (
        cryptotopcard.Client(key, base_url=url),
        cryptotopcard.AsyncClient(key, base_url=url),
    )
    seen = 0
    for item in spec["paths"].values():
        shared = item.get("parameters", [])
        for verb, op in item.items():
            if verb not in ("get", "post", "patch", "delete") or op.get("x-sandbox-admin"):
                continue
            names = []
            for p in shared + op.get("parameters", []):
                if "$ref" in p:
                    p = spec["components"]["parameters"][p["$ref"].rsplit("/", 1)[1]]
                if p["in"] in ("path", "query"):
                    names.append(p["name"])
            body = op.get("requestBody", {}).get("content", {}).get("application/json")
            if body:
                names += list(schemas[body["schema"]["$ref"].rsplit("/", 1)[1]]["properties"])
            wanted = [n + "_" if n == "from" else n for n in names]
            wanted += ["idempotency_key"] if verb != "get" else []
            wanted += ["timeout"]
            resource, method = op["operationId"].split(".")
            for client in clients:
                sig = inspect.signature(getattr(getattr(client, resource), method))
                assert sorted(sig.parameters) == sorted(wanted), op["operationId"]
            seen += 1
    assert seen == len(_native.operations())
