"""The Python example published in docs/api-reference.md, run as written, against the sandbox."""

from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path

from cryptotopcard.testing import Sandbox

HERE = Path(__file__).resolve().parent
EXAMPLE = HERE / "published_example.txt"  # Python source, kept out of formatters


def _squash(text: str) -> str:
    return re.sub(r"\s+", "", text)


# The published reference, as the repo keeps it.
REFERENCE = HERE.parents[1] / "docs" / "api-reference.md"


def test_copy_is_verbatim() -> None:
    """Our copy differs from the published text only by the line breaks the page lost."""
    ref = REFERENCE.read_text(encoding="utf-8")
    assert _squash(EXAMPLE.read_text(encoding="utf-8")) in _squash(ref)


def test_published_example_runs(sandbox: Sandbox, key: str) -> None:
    env = dict(os.environ, CRYPTOTOPCARD_BASE_URL=sandbox.url, CRYPTOTOPCARD_API_KEY=key)
    proc = subprocess.run(
        [sys.executable, str(EXAMPLE)], capture_output=True, text=True, env=env, timeout=120
    )
    assert proc.returncode == 0, proc.stderr
    lines = proc.stdout.splitlines()
    card_id, last4 = lines[0].split()
    assert card_id.startswith("card_") and len(last4) == 4
    pan, cvv = lines[1].split()
    assert pan.startswith("491653") and pan.endswith(last4) and cvv.isdigit()
