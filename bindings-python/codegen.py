#!/usr/bin/env python3
"""Generates ``python/cryptotopcard/_models.py`` from ``spec/openapi.yaml`` ``components/schemas``.

    python codegen.py            # (re)write the generated file
    python codegen.py --check    # exit 1 when the checked-in file differs from the spec

Every object schema becomes a ``BaseModel`` subclass (typed attributes, JSON key mapping,
converters for date-times, nested models and enums); every string enum becomes a ``str``
``Enum`` (unknown values stay plain strings at run time). Fields marked ``x-sensitive``, and
any field named pan, cvv or secret, are hidden by ``repr``. Nothing here is hand-written
per model: change the spec, run this script.
"""

from __future__ import annotations

import argparse
import keyword
import re
import sys
from pathlib import Path
from typing import Any, Dict, List, Optional, Tuple

import yaml

HERE = Path(__file__).resolve().parent
SPEC = HERE.parent / "spec" / "openapi.yaml"
OUT = HERE / "python" / "cryptotopcard" / "_models.py"

ALWAYS_SENSITIVE = {"pan", "cvv", "secret"}
DIGITS = ["zero", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine"]


def ref_name(ref: str) -> str:
    return ref.rsplit("/", 1)[-1]


def class_name(name: str) -> str:
    parts = re.split(r"[^0-9A-Za-z]+", name)
    out = "".join(p[:1].upper() + p[1:] for p in parts if p)
    if out[:1].isdigit():
        out = "_" + out
    return out


def attr_name(key: str) -> str:
    name = re.sub(r"[^0-9A-Za-z_]", "_", key)
    if name[:1].isdigit():
        name = DIGITS[int(name[0])] + "_" + name[1:]
    if keyword.iskeyword(name) or name in {"to_dict", "construct", "last_response"}:
        name += "_"
    return name


def enum_member(value: str) -> str:
    name = re.sub(r"[^0-9A-Za-z]+", "_", str(value)).strip("_").upper() or "EMPTY"
    if name[:1].isdigit():
        name = "_" + name
    if keyword.iskeyword(name.lower()) and name.lower() == name:
        name += "_"
    return name


def doc_line(text: Optional[str]) -> str:
    if not text:
        return ""
    return " ".join(str(text).split()).replace('"""', "'''").replace("\\", "\\\\")


class Gen:
    def __init__(self, spec: Dict[str, Any]) -> None:
        self.schemas: Dict[str, Any] = (spec.get("components") or {}).get("schemas") or {}
        self.enums: Dict[str, Dict[str, Any]] = {}
        self.models: Dict[str, Dict[str, Any]] = {}
        self.aliases: Dict[str, Dict[str, Any]] = {}
        self.unions: Dict[str, Dict[str, Any]] = {}
        self.parent: Dict[str, str] = {}
        for name, schema in self.schemas.items():
            schema = schema or {}
            if "enum" in schema and schema.get("type", "string") in ("string", ["string", "null"]):
                self.enums[name] = schema
            elif schema.get("oneOf") and (schema.get("discriminator") or {}).get("propertyName"):
                self.unions[name] = schema
            elif self.properties(schema) or "allOf" in schema:
                if not self.skipped(name, schema):
                    self.models[name] = schema
            else:
                self.aliases[name] = schema
        for name, schema in self.unions.items():
            for alt in schema["oneOf"]:
                if "$ref" in alt:
                    self.parent[ref_name(alt["$ref"])] = name

    def skipped(self, name: str, schema: Dict[str, Any]) -> bool:
        """Request bodies (``*Params``: inputs are keyword arguments), list envelopes (``*List``:
        pages are ``SyncPage``/``AsyncPage``) and the error body (raised as exceptions)."""
        props = set(self.properties(schema))
        if name.endswith("Params") or name == "Error":
            return True
        return name.endswith("List") and props <= {"data", "pagination"}

    def resolve(self, schema: Dict[str, Any]) -> Dict[str, Any]:
        seen = 0
        while "$ref" in schema and seen < 20:
            schema = self.schemas.get(ref_name(schema["$ref"]), {}) or {}
            seen += 1
        return schema

    def properties(self, schema: Dict[str, Any]) -> Dict[str, Any]:
        props: Dict[str, Any] = {}
        for part in schema.get("allOf") or []:
            props.update(self.properties(self.resolve(part)))
        props.update(schema.get("properties") or {})
        return props

    def required(self, schema: Dict[str, Any]) -> List[str]:
        req: List[str] = []
        for part in schema.get("allOf") or []:
            req.extend(self.required(self.resolve(part)))
        req.extend(schema.get("required") or [])
        return req

    # -- types ---------------------------------------------------------------------------
    def nullable(self, schema: Dict[str, Any]) -> bool:
        t = schema.get("type")
        if schema.get("nullable") or (isinstance(t, list) and "null" in t):
            return True
        for key in ("oneOf", "anyOf"):
            for alt in schema.get(key) or []:
                if alt.get("type") == "null":
                    return True
        return False

    def base_type(self, schema: Dict[str, Any]) -> Tuple[str, Optional[str]]:
        """(annotation, converter expression or None) of a schema, nulls aside."""
        if "$ref" in schema:
            name = ref_name(schema["$ref"])
            if name in self.enums:
                cls = class_name(name)
                return f"Union[{cls}, str]", f"enum_of({cls})"
            if name in self.models or name in self.unions:
                cls = class_name(name)
                return cls, f"model_of({cls!r})"
            return self.base_type(self.aliases.get(name, {}) or {})
        for key in ("oneOf", "anyOf"):
            alts = [a for a in schema.get(key) or [] if a.get("type") != "null"]
            if len(alts) == 1:
                return self.base_type(alts[0])
            if alts:
                return "Any", None
        if schema.get("allOf"):
            parts = schema["allOf"]
            if len(parts) == 1:
                return self.base_type(parts[0])
        t = schema.get("type")
        if isinstance(t, list):
            rest = [x for x in t if x != "null"]
            t = rest[0] if len(rest) == 1 else None
        if t is None and "const" in schema:
            t = "string" if isinstance(schema["const"], str) else None
        if t == "string":
            if schema.get("format") == "date-time":
                return "datetime", "parse_datetime"
            return "str", None
        if t == "number":
            return "float", "to_float"
        if t == "integer":
            return "int", None
        if t == "boolean":
            return "bool", None
        if t == "array":
            inner, conv = self.base_type(schema.get("items") or {})
            if self.nullable(schema.get("items") or {}):
                inner = f"Optional[{inner}]"
            return f"List[{inner}]", (f"list_of({conv})" if conv else None)
        if t == "object" or "additionalProperties" in schema or "properties" in schema:
            extra = schema.get("additionalProperties")
            if isinstance(extra, dict) and extra:
                inner, conv = self.base_type(extra)
                return f"Dict[str, {inner}]", (f"dict_of({conv})" if conv else None)
            return "Dict[str, Any]", None
        return "Any", None

    # -- output --------------------------------------------------------------------------
    def render(self) -> str:
        out: List[str] = [
            '"""Typed models of the CryptoTopCard API.',
            "",
            "GENERATED by bindings-python/codegen.py from spec/openapi.yaml (components/schemas).",
            'Do not edit: change the spec and run ``python bindings-python/codegen.py``."""',
            "",
            "# fmt: off",
            "from __future__ import annotations",
            "",
            "from datetime import datetime",
            "from enum import Enum",
            "from typing import Any, ClassVar, Dict, List, Optional, Union",
            "",
            "from ._base_model import (",
            "    BaseModel,",
            "    Fields,",
            "    dict_of,",
            "    enum_of,",
            "    list_of,",
            "    model_of,",
            "    parse_datetime,",
            "    to_float,",
            ")",
            "",
            "__all__ = [",
        ]
        names = [class_name(n) for n in list(self.enums) + list(self.models) + list(self.unions)]
        out += [f"    {n!r}," for n in sorted(names)]
        out += ["]", ""]
        for name, schema in self.enums.items():
            out += ["", f"class {class_name(name)}(str, Enum):"]
            doc = doc_line(schema.get("description"))
            out.append(f'    """{doc or name} (unknown values arrive as plain str)."""')
            out.append("")
            for value in schema["enum"]:
                if value is None:
                    continue
                out.append(f"    {enum_member(value)} = {str(value)!r}")
            out += ["", "    def __str__(self) -> str:", "        return str(self.value)", ""]
        for name, schema in self.unions.items():
            out += self.render_union(name, schema)
        for name, schema in self.models.items():
            out += self.render_model(name, schema)
        return "\n".join(out).rstrip() + "\n"

    def union_common(self, schema: Dict[str, Any]) -> Tuple[Dict[str, Any], List[str]]:
        """Properties every variant has (typed as in all variants, else untyped) and the
        properties every variant requires."""
        variants = [self.resolve(alt) for alt in schema["oneOf"]]
        common: Dict[str, Any] = {}
        first = self.properties(variants[0]) if variants else {}
        for key, prop in first.items():
            others = [self.properties(v).get(key) for v in variants[1:]]
            if any(o is None for o in others):
                continue
            same = all(self.base_type(o or {}) == self.base_type(prop) for o in others)
            common[key] = prop if same else {}
        required = [k for k in common if all(k in self.required(v) for v in variants)]
        return common, required

    def render_union(self, name: str, schema: Dict[str, Any]) -> List[str]:
        common, required = self.union_common(schema)
        disc = schema["discriminator"]
        mapping = {
            value: class_name(ref_name(ref)) for value, ref in (disc.get("mapping") or {}).items()
        }
        lines = self.render_model(
            name,
            {"properties": common, "required": required, "description": schema.get("description")},
        )
        lines.append(f"    _discriminator = {disc['propertyName']!r}")
        lines.append("    _variants = {")
        lines += [f"        {k!r}: {v!r}," for k, v in mapping.items()]
        lines.append("    }")
        return lines

    def render_model(self, name: str, schema: Dict[str, Any]) -> List[str]:
        cls = class_name(name)
        props = self.properties(schema)
        required = set(self.required(schema))
        parent = self.parent.get(name)
        base = class_name(parent) if parent else "BaseModel"
        lines = ["", "", f"class {cls}({base}):"]
        doc = doc_line(schema.get("description")) or name
        lines.append(f'    """{doc}"""')
        lines.append("")
        # Fields are descriptors over the raw JSON (see _base_model._Field): no slots of their own.
        lines.append("    __slots__ = ()")
        lines.append("")
        fields: List[str] = []
        sensitive: List[str] = []
        for key, prop in props.items():
            prop = prop or {}
            attr = attr_name(key)
            ann, conv = self.base_type(prop)
            target = self.resolve(prop) if "$ref" in prop else prop
            if key not in required or self.nullable(prop) or self.nullable(target):
                if ann != "Any":
                    ann = f"Optional[{ann}]"
            lines.append(f"    {attr}: {ann}")
            pdoc = doc_line(prop.get("description") or target.get("description"))
            if pdoc:
                lines.append(f'    """{pdoc}"""')
            fields.append(f"        ({attr!r}, {key!r}, {conv or 'None'}),")
            if prop.get("x-sensitive") or target.get("x-sensitive") or key in ALWAYS_SENSITIVE:
                sensitive.append(key)
        lines.append("")
        lines.append("    _fields: ClassVar[Fields] = (")
        lines += fields
        lines.append("    )")
        if sensitive:
            lines.append(f"    _sensitive = frozenset({sorted(sensitive)!r})")
        return lines


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--check", action="store_true", help="fail when the generated file is stale")
    ap.add_argument("--spec", type=Path, default=SPEC)
    ap.add_argument("--out", type=Path, default=OUT)
    args = ap.parse_args()
    spec = yaml.safe_load(args.spec.read_text(encoding="utf-8"))
    text = Gen(spec).render()
    if args.check:
        current = args.out.read_text(encoding="utf-8") if args.out.exists() else ""
        if current != text:
            print(f"{args.out} is stale: run python {Path(__file__).name}", file=sys.stderr)
            return 1
        return 0
    args.out.write_text(text, encoding="utf-8")
    print(f"wrote {args.out} ({len(text.splitlines())} lines)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
