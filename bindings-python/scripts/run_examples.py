#!/usr/bin/env python3
"""Starts `ctc-sandbox --port 0`, exports CRYPTOTOPCARD_BASE_URL and a fresh sk_test_ key, and
runs each example script with this interpreter (or --python). Exit status: first failure's."""

from __future__ import annotations

import argparse
import os
import secrets
import subprocess
import sys


def main() -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("--sandbox", required=True, help="path of the ctc-sandbox binary")
    ap.add_argument("--python", default=sys.executable)
    ap.add_argument("scripts", nargs="+")
    args = ap.parse_args()
    server = subprocess.Popen(
        [args.sandbox, "--port", "0"], stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True
    )
    try:
        assert server.stdout is not None
        first = server.stdout.readline().strip()
        if not first.startswith("listening on "):
            print(f"sandbox did not start: {first!r}", file=sys.stderr)
            return 1
        url = first[len("listening on ") :]
        failures = 0
        for script in args.scripts:
            env = dict(os.environ)
            env["CRYPTOTOPCARD_BASE_URL"] = url
            env["CRYPTOTOPCARD_API_KEY"] = "sk_test_" + secrets.token_hex(16)
            print(f"== {os.path.basename(script)}", flush=True)
            rc = subprocess.run([args.python, script], env=env, timeout=300).returncode
            if rc != 0:
                print(f"!! {script} exited with {rc}", file=sys.stderr)
                failures += 1
        print(f"examples: {len(args.scripts) - failures} passed, {failures} failed")
        return 1 if failures else 0
    finally:
        server.terminate()
        try:
            server.wait(10)
        except subprocess.TimeoutExpired:
            server.kill()


if __name__ == "__main__":
    sys.exit(main())
