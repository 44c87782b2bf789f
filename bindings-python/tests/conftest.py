"""Fixtures: a real sandbox server (the Rust crate, in process, on a free 127.0.0.1 port) and
clients on fresh sk_test_ keys (each key is its own account with a 10,000.00 USD wallet)."""

from __future__ import annotations

import json
import os
import urllib.request
from pathlib import Path
from typing import Any, Dict, Iterator

import pytest

import cryptotopcard
from cryptotopcard.testing import Sandbox, new_test_key

ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture(scope="session")
def sandbox() -> Iterator[Sandbox]:
    with Sandbox() as sb:
        yield sb


@pytest.fixture
def key() -> str:
    return new_test_key()


@pytest.fixture
def client(sandbox: Sandbox, key: str) -> Iterator[cryptotopcard.Client]:
    with sandbox.client(key) as c:
        yield c


@pytest.fixture
async def aclient(sandbox: Sandbox, key: str):  # type: ignore[no-untyped-def]
    async with sandbox.async_client(key) as c:
        yield c


def admin_get(sandbox: Sandbox, key: str, path: str) -> Any:
    """A sandbox admin read over plain HTTP (not through the SDK under test)."""
    req = urllib.request.Request(sandbox.url + path, headers={"Authorization": f"Bearer {key}"})
    with urllib.request.urlopen(req, timeout=10) as resp:
        return json.loads(resp.read().decode())


def stats(sandbox: Sandbox, key: str) -> Dict[str, Any]:
    data = admin_get(sandbox, key, "/sandbox/stats")
    assert isinstance(data, dict)
    return data


@pytest.fixture
def admin(sandbox: Sandbox, key: str):  # type: ignore[no-untyped-def]
    return lambda path: admin_get(sandbox, key, path)


def pytest_configure(config: Any) -> None:
    os.environ.setdefault("CRYPTOTOPCARD_TEST_ROOT", str(ROOT))
