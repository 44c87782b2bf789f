"""Conformance runner for the Python package (tests/conformance/cases.json).

    .venv/bin/python tests/conformance/python/run_conformance.py [--cases FILE] [--sandbox BIN] [-k TEXT]

Starts ctc-sandbox on a free port of 127.0.0.1 (or uses CTC_SANDBOX_URL), runs every case through the
public API of the installed `cryptotopcard` package (sync Client, snake_case keyword arguments), prints
one line per failing case and ends with "N passed, N failed". Exit status 1 when a case failed.
"""

from __future__ import annotations

import argparse
import json
import math
import os
import re
import secrets
import subprocess
import sys
import threading
import urllib.request
from enum import Enum
from pathlib import Path
from typing import Any, Dict, List, Optional, Tuple

import cryptotopcard
from cryptotopcard import _native

LANG = "python"
ROOT = Path(__file__).resolve().parents[3]
MISSING: Any = object()

# op -> (resource attribute, method): path ids and params are both keyword arguments. The list
# of operations is the core's own (`ops::OPERATIONS`), not a copy.
OPS: Dict[str, Tuple[str, str]] = {
    op: (op.split(".")[0], op.split(".")[1]) for op in _native.operations()
}
# Wire names that are Python keywords: the package spells them with a trailing underscore.
KEYWORDS = {"from": "from_"}

REF = re.compile(r"^\$([A-Za-z_][A-Za-z0-9_]*)((?:\.[A-Za-z0-9_]+)*)$")
INTERP = re.compile(r"\$\{([A-Za-z_][A-Za-z0-9_]*)((?:\.[A-Za-z0-9_]+)*)\}")


class CaseError(Exception):
    """The case cannot run as written (bad reference, setup failure, ...)."""


# ----------------------------------------------------------------------------- sandbox and HTTP
class Sandbox:
    def __init__(self, binary: str) -> None:
        self.proc: Optional[subprocess.Popen[str]] = None
        url = os.environ.get("CTC_SANDBOX_URL")
        if url:
            self.url = url.rstrip("/")
            return
        self.proc = subprocess.Popen(
            [binary, "--port", "0"],
            stdout=subprocess.PIPE,
            stderr=subprocess.DEVNULL,
            text=True,
        )
        assert self.proc.stdout is not None
        line = self.proc.stdout.readline()
        if not line.startswith("listening on "):
            self.close()
            raise SystemExit(f"ctc-sandbox did not start (first line: {line!r})")
        self.url = line[len("listening on ") :].strip().rstrip("/")
        out = self.proc.stdout
        threading.Thread(target=lambda: [None for _ in out], daemon=True).start()

    def get(self, path: str, key: str) -> Any:
        request = urllib.request.Request(
            self.url + path, headers={"Authorization": "Bearer " + key}
        )
        with urllib.request.urlopen(request, timeout=30) as response:
            return json.loads(response.read())

    def request_count(self, key: str) -> int:
        return int(self.get("/sandbox/stats", key)["requests"])

    def log(self, key: str) -> List[Dict[str, Any]]:
        return list(self.get("/sandbox/requests", key)["data"])

    def close(self) -> None:
        if self.proc is not None:
            self.proc.terminate()
            try:
                self.proc.wait(timeout=10)
            except subprocess.TimeoutExpired:
                self.proc.kill()
            self.proc = None


# ----------------------------------------------------------------------------- values
def plain(value: Any) -> Any:
    """A result (model, page, enum, list, dict) as JSON-like data, for $exact and messages."""
    if isinstance(value, Enum):
        return value.value
    if hasattr(value, "to_dict"):
        return plain(value.to_dict())
    if isinstance(value, dict):
        return {k: plain(v) for k, v in value.items()}
    if isinstance(value, (list, tuple)):
        return [plain(v) for v in value]
    return value


def lookup(obj: Any, key: str) -> Any:
    """A field by its wire name: dict key, then to_dict(), then model_extra, then an attribute."""
    if obj is None or obj is MISSING:
        return MISSING
    if isinstance(obj, dict):
        return obj.get(key, MISSING)
    if isinstance(obj, (list, tuple)):
        return obj[int(key)] if key.isdigit() and int(key) < len(obj) else MISSING
    if hasattr(obj, "to_dict"):
        known = obj.to_dict()
        if key in known:
            return known[key]
    extra = getattr(obj, "model_extra", None)
    if isinstance(extra, dict) and key in extra:
        return extra[key]
    if key.isidentifier() and hasattr(obj, key):
        return getattr(obj, key)
    return MISSING


def as_list(obj: Any) -> Optional[List[Any]]:
    if isinstance(obj, (list, tuple)):
        return list(obj)
    data = getattr(obj, "data", None)  # a page
    return list(data) if isinstance(data, list) else None


def ref(env: Dict[str, Any], name: str, path: str) -> Any:
    if name not in env:
        raise CaseError(f"unknown reference ${name}")
    value = env[name]
    for seg in [s for s in path.split(".") if s]:
        value = lookup(value, seg)
        if value is MISSING:
            raise CaseError(f"reference ${name}{path}: no field {seg!r}")
    return plain(value)


def resolve(value: Any, env: Dict[str, Any]) -> Any:
    """Substitutes references ("$card.id", "${card.id}") and builds special values."""
    if isinstance(value, str):
        if value == "$any":
            return value
        m = REF.match(value)
        if m:
            return ref(env, m.group(1), m.group(2))
        return INTERP.sub(lambda m: str(ref(env, m.group(1), m.group(2))), value)
    if isinstance(value, list):
        return [resolve(v, env) for v in value]
    if isinstance(value, dict):
        if set(value) == {"$number"}:
            return float(value["$number"].replace("Infinity", "inf"))
        if set(value) == {"$repeat", "times"}:
            return str(value["$repeat"]) * int(value["times"])
        return {k: resolve(v, env) for k, v in value.items()}
    return value


def same_number(a: Any, b: Any) -> bool:
    if isinstance(a, bool) or not isinstance(a, (int, float)):
        return False
    return math.isclose(float(a), float(b), rel_tol=0, abs_tol=1e-9)


def deep_equal(exp: Any, act: Any) -> bool:
    if isinstance(exp, dict):
        return (
            isinstance(act, dict)
            and set(exp) == set(act)
            and all(deep_equal(exp[k], act[k]) for k in exp)
        )
    if isinstance(exp, list):
        return isinstance(act, list) and len(exp) == len(act) and all(map(deep_equal, exp, act))
    if isinstance(exp, bool) or exp is None:
        return act is exp
    if isinstance(exp, (int, float)):
        return same_number(act, exp)
    return bool(exp == act)


def match(exp: Any, act: Any, path: str) -> List[str]:
    """Mismatches of `act` against the expectation `exp` (objects: subset; see README)."""
    here = path or "result"
    if act is MISSING:
        return [] if exp is None else [f"{here}: missing"]  # null: null or left out
    if exp == "$any":
        return [] if act is not None else [f"{here}: expected a value, got null"]
    if isinstance(exp, dict) and "$len" in exp:
        items = as_list(act)
        if items is None or len(items) != exp["$len"]:
            return [f"{here}: expected {exp['$len']} items, got {plain(act)!r}"]
        return []
    if isinstance(exp, dict) and "$exact" in exp:
        if deep_equal(exp["$exact"], plain(act)):
            return []
        return [f"{here}: expected exactly {exp['$exact']!r}, got {plain(act)!r}"]
    if isinstance(exp, dict):
        if act is None:
            return [f"{here}: expected an object, got null"]
        out: List[str] = []
        for key, sub in exp.items():
            out += match(sub, lookup(act, key), f"{path}.{key}" if path else key)
        return out
    if isinstance(exp, list):
        items = as_list(act)
        if items is None or len(items) != len(exp):
            return [f"{here}: expected {len(exp)} items, got {plain(act)!r}"]
        out = []
        for i, (e, a) in enumerate(zip(exp, items)):
            out += match(e, a, f"{path}[{i}]")
        return out
    if exp is None or isinstance(exp, bool):
        return [] if act is exp else [f"{here}: expected {exp!r}, got {plain(act)!r}"]
    if isinstance(exp, (int, float)):
        return [] if same_number(act, exp) else [f"{here}: expected {exp!r}, got {plain(act)!r}"]
    return [] if plain(act) == exp else [f"{here}: expected {exp!r}, got {plain(act)!r}"]


def check_key(what: str, exp: Any, got: Optional[str]) -> List[str]:
    if exp is True:
        return [] if got else [f"{what}: expected an idempotency key, got none"]
    if exp is False:
        return [] if not got else [f"{what}: expected no idempotency key, got {got!r}"]
    return [] if got == exp else [f"{what}: expected idempotency key {exp!r}, got {got!r}"]


# ----------------------------------------------------------------------------- calls
def make_client(sb: Sandbox, key: str, spec: Dict[str, Any]) -> cryptotopcard.Client:
    kw: Dict[str, Any] = {"base_url": spec.get("base_url", sb.url)}
    if "max_response_bytes" in spec:
        kw["max_response_bytes"] = spec["max_response_bytes"]
    if "max_retries" in spec:
        kw["max_retries"] = spec["max_retries"]
    if "default_headers" in spec:
        kw["default_headers"] = dict(spec["default_headers"])
    return cryptotopcard.Client(spec.get("api_key", key), **kw)


def call(
    client: cryptotopcard.Client, op: str, params: Dict[str, Any], options: Dict[str, Any]
) -> Any:
    if op not in OPS:
        raise CaseError(f"unknown operation {op!r}")
    resource, method = OPS[op]
    kwargs = {KEYWORDS.get(k, k): v for k, v in params.items()}
    if "idempotency_key" in options:
        kwargs["idempotency_key"] = options["idempotency_key"]
    return getattr(getattr(client, resource), method)(**kwargs)


def error_fields(e: BaseException) -> Dict[str, Any]:
    return {
        "class": type(e).__name__,
        "status": getattr(e, "status", None),
        "code": getattr(e, "error", None),
        "field": getattr(e, "field", None),
        "param": getattr(e, "param", None),
        "retry_after": getattr(e, "retry_after", None),
        "idempotency_key": getattr(e, "idempotency_key", None),
        "request_id": getattr(e, "request_id", None),
        "message": str(e),
    }


def check_error(exp: Dict[str, Any], e: BaseException) -> List[str]:
    got = error_fields(e)
    out: List[str] = []
    if got["class"] != exp["class"]:
        out.append(f"error class: expected {exp['class']}, got {got['class']} ({got['message']})")
    for name in ("status", "code", "field", "param"):
        if name in exp and got[name] != exp[name]:
            out.append(f"error {name}: expected {exp[name]!r}, got {got[name]!r}")
    if "retry_after" in exp and not same_number(got["retry_after"], exp["retry_after"]):
        out.append(
            f"error retry_after: expected {exp['retry_after']!r}, got {got['retry_after']!r}"
        )
    if "idempotency_key" in exp:
        out += check_key("error", exp["idempotency_key"], got["idempotency_key"])
    if exp.get("request_id") is True and not str(got["request_id"] or "").startswith("req_"):
        out.append(f"error request_id: expected the API's req_ id, got {got['request_id']!r}")
    if exp.get("message") is True and not getattr(e, "message", None):
        out.append("error message: expected the API's message, got none")
    return out


def check_meta(exp: Dict[str, Any], result: Any) -> List[str]:
    meta = getattr(result, "last_response", None)
    if meta is None:
        return ["meta: the result has no last_response"]
    out: List[str] = []
    if "status" in exp and meta.status_code != exp["status"]:
        out.append(f"meta status: expected {exp['status']}, got {meta.status_code}")
    if "replayed" in exp and meta.replayed is not exp["replayed"]:
        out.append(f"meta replayed: expected {exp['replayed']}, got {meta.replayed}")
    if "idempotency_key" in exp:
        out += check_key("meta", exp["idempotency_key"], meta.idempotency_key)
    return out


def check_next_page(exp: Any, page: Any) -> List[str]:
    if not hasattr(page, "get_next_page"):
        return ["next_page: the result is not a page"]
    if exp is None:
        return (
            []
            if not page.has_next_page()
            else ["next_page: expected none, the page says there is one"]
        )
    nxt = page.get_next_page()
    if nxt is None:
        return ["next_page: expected a next page, got none"]
    return match(exp, nxt, "next_page")


def check_request(
    exp: Any, sent: int, entries: List[Dict[str, Any]], logged: bool, env: Dict[str, Any]
) -> List[str]:
    if exp == "none":
        out = [] if sent == 0 else [f"request: expected nothing sent, the sandbox got {sent}"]
        if logged and entries:
            out.append(f"request: expected nothing sent, logged {entries}")
        return out
    count = exp.get("count", 1)
    out = [] if sent == count else [f"request: expected {count} sent, the sandbox got {sent}"]
    if logged and "method" in exp:
        want = {"method": exp["method"], "path": resolve(exp["path"], env)}
        seen = [{"method": x.get("method"), "path": x.get("path")} for x in entries]
        if seen != [want] * count:
            out.append(
                f"request: expected {count} x {want['method']} {want['path']}, logged {seen}"
            )
    return out


def run_step(
    sb: Sandbox,
    key: str,
    plain_client: cryptotopcard.Client,
    step: Dict[str, Any],
    i: int,
    env: Dict[str, Any],
) -> None:
    """One setup step; `as` names its result, or its error when the step expects one."""
    client = make_client(sb, key, step["client"]) if "client" in step else plain_client
    expected = step.get("error")
    try:
        value = call(
            client,
            step["op"],
            resolve(step.get("params", {}), env),
            resolve(step.get("options", {}), env),
        )
    except cryptotopcard.CryptoTopCardError as e:
        if type(e).__name__ != expected:
            raise CaseError(
                f"setup step {i} ({step['op']}) failed: {type(e).__name__}: {e}"
            ) from None
        value = {"class": type(e).__name__, "idempotency_key": e.idempotency_key}
    else:
        if expected:
            raise CaseError(f"setup step {i} ({step['op']}): expected {expected}, got a result")
    if "as" in step:
        env[step["as"]] = value


def run_case(sb: Sandbox, case: Dict[str, Any], index: int) -> List[str]:
    key = f"sk_test_conf_{LANG}_{index}_{secrets.token_hex(6)}"
    env: Dict[str, Any] = {}
    expect = case["expect"]
    plain_client = make_client(sb, key, {})
    for i, step in enumerate(case.get("setup", [])):
        run_step(sb, key, plain_client, step, i, env)
    params = resolve(case.get("params", {}), env)
    options = resolve(case.get("options", {}), env)
    client_spec = case.get("client", {})
    log_before = sb.log(key)
    count_before = sb.request_count(key)
    result: Any = None
    error: Optional[BaseException] = None
    try:
        client = make_client(sb, key, client_spec)
        result = call(client, case["op"], params, options)
    except CaseError:
        raise
    except Exception as e:  # every exception is checked against the expected class
        error = e
    sent = sb.request_count(key) - count_before - 1
    entries = sb.log(key)[len(log_before) :]
    failures: List[str] = []
    if "error" in expect:
        if error is None:
            failures.append(f"expected {expect['error']['class']}, got a result: {plain(result)!r}")
        else:
            failures += check_error(resolve(expect["error"], env), error)
    elif error is not None:
        failures.append(f"unexpected {type(error).__name__}: {error}")
    else:
        if "result" in expect:
            failures += match(resolve(expect["result"], env), result, "")
        if "meta" in expect:
            failures += check_meta(resolve(expect["meta"], env), result)
    if "request" in expect:
        failures += check_request(
            expect["request"], sent, entries, "api_key" not in client_spec, env
        )
    if "next_page" in expect and error is None:
        failures += check_next_page(resolve(expect["next_page"], env), result)
    return failures


def main() -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--cases", default=str(ROOT / "tests" / "conformance" / "cases.json"))
    parser.add_argument(
        "--sandbox",
        default=os.environ.get("CTC_SANDBOX_BIN", str(ROOT / "target" / "debug" / "ctc-sandbox")),
    )
    parser.add_argument(
        "-k", dest="only", default="", help="run only the cases whose name contains this"
    )
    args = parser.parse_args()
    cases = json.loads(Path(args.cases).read_text(encoding="utf-8"))["cases"]
    run_skipped = os.environ.get("CTC_CONFORMANCE_RUN_SKIPPED") == "1"
    sb = Sandbox(args.sandbox)
    passed = failed = 0
    try:
        for index, case in enumerate(cases):
            if args.only and args.only not in case["name"]:
                continue
            reason = case.get("skip", {}).get(LANG)
            if reason and not run_skipped:
                print(f"skip {case['name']}: {reason}", file=sys.stderr)
                continue
            try:
                failures = run_case(sb, case, index)
            except CaseError as e:
                failures = [str(e)]
            if failures:
                failed += 1
                print(f"FAIL {case['name']}: {'; '.join(failures)}", flush=True)
            else:
                passed += 1
    finally:
        sb.close()
    print(f"{passed} passed, {failed} failed", flush=True)
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
