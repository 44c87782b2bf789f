"""The built abi3 wheels install into a fresh virtualenv: the production wheel alone runs an
example (`cryptotopcard.testing.Sandbox` then names the missing test package), and with the test
package `cryptotopcard-sandbox` added, `Sandbox()` serves in that process."""

from __future__ import annotations

import os
import subprocess
import venv
import zipfile
from pathlib import Path

from cryptotopcard.testing import Sandbox

ROOT = Path(__file__).resolve().parents[2]
WHEELS = Path(os.environ.get("CRYPTOTOPCARD_WHEEL_DIR", ROOT / "target" / "wheels" / "python"))
SANDBOX_WHEELS = Path(
    os.environ.get("CRYPTOTOPCARD_SANDBOX_WHEEL_DIR", ROOT / "target" / "wheels" / "python-sandbox")
)

NO_SANDBOX = """
from cryptotopcard.testing import Sandbox, SandboxNotInstalledError, new_test_key
assert new_test_key().startswith("sk_test_")
try:
    Sandbox()
except ImportError as e:
    assert isinstance(e, SandboxNotInstalledError), type(e)
    print("IMPORT_ERROR", e)
else:
    raise SystemExit("Sandbox() started without the cryptotopcard-sandbox package")
"""

WITH_SANDBOX = """
import cryptotopcard, cryptotopcard_sandbox
from cryptotopcard.testing import Sandbox
with Sandbox() as sb:
    with sb.client() as client:
        card = client.cards.create(bin_id="491653", amount=50)
        print("CARD", card.id, client.cards.retrieve(card.id).id == card.id)
print("FILES", cryptotopcard.__file__, cryptotopcard_sandbox.__file__)
"""


def test_wheel_installs_in_fresh_venv(tmp_path: Path, sandbox: Sandbox, key: str) -> None:
    wheels = sorted(WHEELS.glob("cryptotopcard-*.whl"))
    assert len(wheels) == 1, f"expected one wheel in {WHEELS} (run `make python`): {wheels}"
    wheel = wheels[0]
    assert "-cp39-abi3-" in wheel.name, wheel.name
    names = zipfile.ZipFile(wheel).namelist()
    for required in (
        "cryptotopcard/py.typed",
        "cryptotopcard/_native.pyi",
        "cryptotopcard/_models.py",
    ):
        assert required in names, required
    assert any(n.startswith("cryptotopcard/_native") and n.endswith(".so") for n in names)

    env_dir = tmp_path / "venv"
    venv.EnvBuilder(with_pip=True, clear=True).create(env_dir)
    py = env_dir / "bin" / "python"
    subprocess.run(
        [str(py), "-m", "pip", "install", "-q", "--no-index", "--no-deps", str(wheel)],
        check=True,
        timeout=300,
    )
    env = dict(os.environ, CRYPTOTOPCARD_BASE_URL=sandbox.url, CRYPTOTOPCARD_API_KEY=key)
    env.pop("PYTHONPATH", None)
    proc = subprocess.run(
        [str(py), str(ROOT / "examples" / "python" / "quickstart.py")],
        capture_output=True,
        text=True,
        env=env,
        cwd=tmp_path,
        timeout=120,
    )
    assert proc.returncode == 0, proc.stderr
    assert "FACEBK ADS -12.5" in proc.stdout
    where = subprocess.run(
        [str(py), "-c", "import cryptotopcard; print(cryptotopcard.__file__)"],
        capture_output=True,
        text=True,
        cwd=tmp_path,
        env=env,
        check=True,
    ).stdout
    assert str(env_dir) in where

    # Production wheel alone: Sandbox() says which package to install.
    proc = subprocess.run(
        [str(py), "-c", NO_SANDBOX],
        capture_output=True,
        text=True,
        env=env,
        cwd=tmp_path,
        timeout=120,
    )
    assert proc.returncode == 0, proc.stdout + proc.stderr
    assert "IMPORT_ERROR" in proc.stdout and "pip install cryptotopcard-sandbox" in proc.stdout

    # Add the test package: Sandbox() runs the server in that process.
    sandbox_wheels = sorted(SANDBOX_WHEELS.glob("cryptotopcard_sandbox-*.whl"))
    assert len(sandbox_wheels) == 1, f"expected one wheel in {SANDBOX_WHEELS}: {sandbox_wheels}"
    subprocess.run(
        [str(py), "-m", "pip", "install", "-q", "--no-index", str(sandbox_wheels[0])],
        check=True,
        timeout=300,
        env=dict(env, PIP_FIND_LINKS=str(wheel.parent)),
    )
    proc = subprocess.run(
        [str(py), "-c", WITH_SANDBOX],
        capture_output=True,
        text=True,
        env=env,
        cwd=tmp_path,
        timeout=120,
    )
    assert proc.returncode == 0, proc.stdout + proc.stderr
    assert "CARD card_" in proc.stdout and " True" in proc.stdout, proc.stdout
    files = proc.stdout.split("FILES ", 1)[1].split()
    assert len(files) == 2 and all(f.startswith(str(env_dir)) for f in files), files
