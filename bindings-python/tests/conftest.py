"""Fixtures: a real sandbox server (the Rust crate, in process, on a free 127.0.0.1 port) and
clients on fresh sk_test_ keys (each key is its own account with a 10,000.00 USD wallet)."""

from __future__ import annotations

import json
import os
import queue
import selectors
import socket
import subprocess
import sys
import threading
import time
import urllib.request
from pathlib import Path
from typing import Any, Dict, Iterator, List, Optional, Tuple

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


class SilentServer:
    """A TCP server that accepts connections and never answers. It records when each
    connection was accepted and when the client closed it (EOF or reset), in ``time.time()``
    seconds, so a test can compare with a timestamp printed by a subprocess."""

    def __init__(self) -> None:
        self._sock = socket.socket()
        self._sock.bind(("127.0.0.1", 0))
        self._sock.listen(128)
        self._sock.setblocking(False)
        self.url = f"http://127.0.0.1:{self._sock.getsockname()[1]}/v1"
        self.accepted: List[float] = []
        self.closed: List[float] = []
        self._cond = threading.Condition()
        self._stop = False
        self._sel = selectors.DefaultSelector()
        self._sel.register(self._sock, selectors.EVENT_READ)
        self._thread = threading.Thread(target=self._run, name="silent-server", daemon=True)
        self._thread.start()

    def _run(self) -> None:
        while not self._stop:
            for key, _ in self._sel.select(0.05):
                sock: socket.socket = key.fileobj  # type: ignore[assignment]
                if sock is self._sock:
                    try:
                        conn, _addr = self._sock.accept()
                    except BlockingIOError:
                        continue
                    conn.setblocking(False)
                    self._sel.register(conn, selectors.EVENT_READ)
                    with self._cond:
                        self.accepted.append(time.time())
                        self._cond.notify_all()
                    continue
                try:
                    data = sock.recv(65536)  # the request: read and ignored
                except BlockingIOError:
                    continue
                except OSError:
                    data = b""
                if not data:
                    self._sel.unregister(sock)
                    sock.close()
                    with self._cond:
                        self.closed.append(time.time())
                        self._cond.notify_all()
        for key in list(self._sel.get_map().values()):
            key.fileobj.close()  # type: ignore[union-attr]

    def wait(self, what: str, n: int, timeout: float) -> bool:
        """Waits until ``n`` connections were accepted (``what="accepted"``) or closed."""
        with self._cond:
            return self._cond.wait_for(lambda: len(getattr(self, what)) >= n, timeout)

    def close(self) -> None:
        self._stop = True
        self._thread.join(5)


@pytest.fixture
def silent() -> Iterator[SilentServer]:
    server = SilentServer()
    try:
        yield server
    finally:
        server.close()


def run_py(
    code: str,
    *args: str,
    timeout: float = 60,
    env: Optional[Dict[str, str]] = None,
    **kw: Any,
) -> "subprocess.CompletedProcess[str]":
    """Runs ``code`` in a fresh interpreter (as a user's script meets the SDK), output captured
    unless ``stdout``/``stderr`` are given; panics would show a backtrace (RUST_BACKTRACE=1)."""
    full_env = dict(os.environ, RUST_BACKTRACE="1")
    full_env.update(env or {})
    if "stdout" not in kw and "stderr" not in kw:
        kw["capture_output"] = True
    return subprocess.run(
        [sys.executable, "-c", code, *args],
        text=True,
        timeout=timeout,
        env=full_env,
        **kw,
    )


class LiveScript:
    """``python -c code args...`` running in the background, its stdout lines readable as they
    come (``next_line``), stderr collected, stdin open until ``finish`` (scripts wait on it to
    stay alive while the test looks at the server side)."""

    def __init__(self, code: str, *args: str) -> None:
        self.proc = subprocess.Popen(
            [sys.executable, "-c", code, *args],
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
            env=dict(os.environ, RUST_BACKTRACE="1"),
        )
        self._lines: "queue.Queue[str]" = queue.Queue()
        self._err: List[str] = []
        self._pumps = [
            threading.Thread(target=self._pump_out, daemon=True),
            threading.Thread(target=self._pump_err, daemon=True),
        ]
        for t in self._pumps:
            t.start()

    def _pump_out(self) -> None:
        assert self.proc.stdout is not None
        for line in self.proc.stdout:
            self._lines.put(line.strip())
        self._lines.put("<eof>")

    def _pump_err(self) -> None:
        assert self.proc.stderr is not None
        self._err.append(self.proc.stderr.read())

    def next_line(self, prefix: str, timeout: float) -> str:
        """The next stdout line starting with ``prefix`` (``"<eof>"`` if the script ended)."""
        deadline = time.monotonic() + timeout
        while True:
            try:
                line = self._lines.get(timeout=max(0.01, deadline - time.monotonic()))
            except queue.Empty:
                return "<timeout>"
            if line.startswith(prefix) or line == "<eof>":
                return line

    def alive(self) -> bool:
        return self.proc.poll() is None

    def finish(self, timeout: float = 60) -> Tuple[int, str]:
        """Closes stdin, waits for the exit; returns (exit status, stderr). Kills on timeout."""
        try:
            if self.proc.stdin is not None:
                self.proc.stdin.close()
            code = self.proc.wait(timeout=timeout)
        except subprocess.TimeoutExpired:
            self.proc.kill()
            code = self.proc.wait()
        for t in self._pumps:
            t.join(10)
        return code, "".join(self._err)


def pytest_configure(config: Any) -> None:
    os.environ.setdefault("CRYPTOTOPCARD_TEST_ROOT", str(ROOT))
