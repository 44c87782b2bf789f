"""The built abi3 wheel installs into a fresh virtualenv and runs an example there."""

from __future__ import annotations

import os
import subprocess
import venv
import zipfile
from pathlib import Path

from cryptotopcard.testing import Sandbox

ROOT = Path(__file__).resolve().parents[2]
WHEELS = Path(os.environ.get("CRYPTOTOPCARD_WHEEL_DIR", ROOT / "target" / "wheels" / "python"))


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
