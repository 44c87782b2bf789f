"""Generated files stay in sync with the spec; stubs match the compiled extension; every core
operation has a Python method."""

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


def test_models_match_spec() -> None:
    proc = subprocess.run(
        [sys.executable, str(HERE.parent / "codegen.py"), "--check"], capture_output=True, text=True
    )
    assert proc.returncode == 0, proc.stderr


def test_codegen_check_detects_drift(tmp_path: Path) -> None:
    stale = tmp_path / "_models.py"
    stale.write_text((PKG / "_models.py").read_text() + "\n# edited by hand\n")
    proc = subprocess.run(
        [sys.executable, str(HERE.parent / "codegen.py"), "--check", "--out", str(stale)],
        capture_output=True,
        text=True,
    )
    assert proc.returncode == 1


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
