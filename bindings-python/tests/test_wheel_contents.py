"""What the built wheels contain: the production wheel links no sandbox server (axum, SQLite),
the test package does, and the production wheel is a manylinux2014 (glibc 2.17) abi3 wheel.

Reads the wheels `make python` wrote (CRYPTOTOPCARD_WHEEL_DIR, CRYPTOTOPCARD_SANDBOX_WHEEL_DIR),
plus every wheel of CRYPTOTOPCARD_DIST_DIR when set (`make python-wheels`: x86_64 and aarch64).
"""

from __future__ import annotations

import os
import platform
import re
import subprocess
import sys
import zipfile
from pathlib import Path
from typing import List

import pytest

ROOT = Path(__file__).resolve().parents[2]
WHEELS = Path(os.environ.get("CRYPTOTOPCARD_WHEEL_DIR", ROOT / "target" / "wheels" / "python"))
SANDBOX_WHEELS = Path(
    os.environ.get("CRYPTOTOPCARD_SANDBOX_WHEEL_DIR", ROOT / "target" / "wheels" / "python-sandbox")
)
DIST = os.environ.get("CRYPTOTOPCARD_DIST_DIR")

# Strings every build of the sandbox server carries (crate paths in panic locations and symbol
# names, SQLite's own messages), compared in lower case.
SERVER_MARKERS = (b"axum", b"rusqlite", b"sqlite", b"cryptotopcard_sandbox", b"nativesandbox")


def _wheels(pattern: str, *dirs: Path) -> List[Path]:
    found = [w for d in dirs for w in sorted(d.glob(pattern))]
    if DIST:
        found += sorted(Path(DIST).glob(pattern))
    return found


def production_wheels() -> List[Path]:
    return _wheels("cryptotopcard-*.whl", WHEELS)


def sandbox_wheels() -> List[Path]:
    return _wheels("cryptotopcard_sandbox-*.whl", SANDBOX_WHEELS)


def native_library(wheel: Path, package: str) -> bytes:
    with zipfile.ZipFile(wheel) as z:
        libs = [n for n in z.namelist() if re.fullmatch(rf"{package}/_native\..*so", n)]
        assert len(libs) == 1, (wheel.name, z.namelist())
        return z.read(libs[0])


def test_wheels_were_built() -> None:
    assert len(list(WHEELS.glob("cryptotopcard-*.whl"))) == 1, f"run `make python` ({WHEELS})"
    assert len(list(SANDBOX_WHEELS.glob("cryptotopcard_sandbox-*.whl"))) == 1, (
        f"run `make python` ({SANDBOX_WHEELS})"
    )


@pytest.mark.parametrize("wheel", production_wheels(), ids=lambda w: w.name)
def test_production_wheel_links_no_sandbox_server(wheel: Path) -> None:
    lib = native_library(wheel, "cryptotopcard").lower()
    linked = [m.decode() for m in SERVER_MARKERS if m in lib]
    assert not linked, f"{wheel.name} links the sandbox server: {linked}"
    assert b"cryptotopcard" in lib  # the scan reads the real library
    with zipfile.ZipFile(wheel) as z:
        assert not [n for n in z.namelist() if "sandbox" in n.split("/")[0]], z.namelist()
    print(f"{wheel.name}: wheel {wheel.stat().st_size} bytes, library {len(lib)} bytes")


@pytest.mark.parametrize("wheel", sandbox_wheels(), ids=lambda w: w.name)
def test_sandbox_wheel_carries_the_server(wheel: Path) -> None:
    lib = native_library(wheel, "cryptotopcard_sandbox").lower()
    missing = [m.decode() for m in SERVER_MARKERS if m not in lib]
    assert not missing, f"{wheel.name} lacks {missing}: the scan above could not see a server"
    with zipfile.ZipFile(wheel) as z:
        names = z.namelist()
    for required in (
        "cryptotopcard_sandbox/__init__.py",
        "cryptotopcard_sandbox/_native.pyi",
        "cryptotopcard_sandbox/py.typed",
    ):
        assert required in names, required
    assert not [n for n in names if n.startswith("cryptotopcard/")], names
    print(f"{wheel.name}: wheel {wheel.stat().st_size} bytes, library {len(lib)} bytes")


def manylinux2014_wheels() -> List[Path]:
    """The production wheel `make python` built (with zig, on Linux x86_64/aarch64) and every
    wheel of the publishable set (`make python-wheels`, both packages)."""
    found: List[Path] = []
    if sys.platform == "linux" and platform.machine() in ("x86_64", "aarch64"):
        found += sorted(WHEELS.glob("cryptotopcard-*.whl"))
    if DIST:
        found += sorted(Path(DIST).glob("*.whl"))
    return found


@pytest.mark.parametrize("wheel", manylinux2014_wheels(), ids=lambda w: w.name)
def test_wheel_is_manylinux2014_abi3(wheel: Path) -> None:
    arch = re.search(r"_(x86_64|aarch64)\.whl$", wheel.name)
    assert arch, wheel.name
    tag = f"manylinux_2_17_{arch.group(1)}"
    python_tag, abi_tag, platforms = wheel.name[: -len(".whl")].split("-")[-3:]
    assert (python_tag, abi_tag) == ("cp39", "abi3"), wheel.name
    assert set(platforms.split(".")) == {tag, f"manylinux2014_{arch.group(1)}"}, wheel.name
    show = subprocess.run(
        [sys.executable, "-m", "auditwheel", "show", str(wheel)],
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert show.returncode == 0, show.stderr
    text = " ".join(show.stdout.split())  # auditwheel wraps its lines
    assert f'consistent with the following platform tag: "{tag}"' in text, show.stdout
