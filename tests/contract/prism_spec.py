"""Writes the copy of spec/openapi.yaml that Prism validates against (run_prism_proxy.sh).

Prism 5.14 validates with ajv 8 without `multipleOfPrecision`, so `multipleOf: 0.01` is evaluated with binary
floats and rejects valid amounts such as 0.07, 19.99 or 4999.99 (`0.07 % 0.01 != 0`). The copy drops the
`multipleOf` keyword only; everything else is validated as written. schemathesis (jsonschema-rs, exact decimal
check) validates `multipleOf` against the original spec.
"""

import json
import sys

import yaml


def strip(node):
    if isinstance(node, dict):
        return {k: strip(v) for k, v in node.items() if k != "multipleOf"}
    if isinstance(node, list):
        return [strip(v) for v in node]
    return node


def main(src: str, dst: str) -> None:
    with open(src, encoding="utf-8") as f:
        spec = yaml.safe_load(f)
    with open(dst, "w", encoding="utf-8") as f:
        json.dump(strip(spec), f, indent=1)


if __name__ == "__main__":
    main(sys.argv[1], sys.argv[2])
