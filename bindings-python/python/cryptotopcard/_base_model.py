"""Machinery shared by the generated models (``_models.py``): parsing, ``to_dict``, equality,
and a ``repr`` that never shows a sensitive field (PAN, CVV, secrets)."""

from __future__ import annotations

import re
from datetime import datetime, timezone
from decimal import Decimal
from enum import Enum
from typing import (
    TYPE_CHECKING,
    Any,
    Callable,
    ClassVar,
    Dict,
    FrozenSet,
    List,
    Optional,
    Tuple,
    Type,
    TypeVar,
)

from ._response import APIResponse

__all__ = ["BaseModel", "REDACTED", "Fields"]

REDACTED = "<redacted>"

_M = TypeVar("_M", bound="BaseModel")
Converter = Callable[[Any], Any]
Fields = Tuple[Tuple[str, str, Optional[Converter]], ...]

_FRACTION = re.compile(r"\.(\d+)")


def parse_datetime(value: Any) -> Any:
    """RFC 3339 text to an aware UTC ``datetime`` (anything else is returned unchanged)."""
    if not isinstance(value, str):
        return value
    text = value.strip()
    if text.endswith(("Z", "z")):
        text = text[:-1] + "+00:00"
    m = _FRACTION.search(text)
    if m and len(m.group(1)) != 6:  # Python 3.9/3.10 want exactly 3 or 6 digits
        text = text[: m.start(1)] + m.group(1)[:6].ljust(6, "0") + text[m.end(1) :]
    try:
        parsed = datetime.fromisoformat(text)
    except ValueError:
        return value
    if parsed.tzinfo is None:
        return parsed.replace(tzinfo=timezone.utc)
    return parsed.astimezone(timezone.utc)


def format_datetime(value: datetime) -> str:
    if value.tzinfo is not None:
        value = value.astimezone(timezone.utc).replace(tzinfo=None)
    return value.isoformat() + "Z"


def to_float(value: Any) -> Any:
    if isinstance(value, int) and not isinstance(value, bool):
        return float(value)
    return value


def to_decimal(value: Any) -> Any:
    """A JSON amount to an exact ``Decimal``. A float becomes ``Decimal(repr(value))``: repr is
    the shortest text that reads back as the same float, which for an amount of at most two
    decimals below 10**13 is the text the API sent (``12.3`` for ``12.30``, never
    ``12.300000000000000710...``). Anything else but an int or numeric text is returned unchanged."""
    if isinstance(value, float):
        return Decimal(repr(value))
    if isinstance(value, (int, str)) and not isinstance(value, bool):
        try:
            return Decimal(value)
        except ArithmeticError:  # decimal.InvalidOperation: not numeric text
            return value
    return value


def enum_of(cls: Type[Enum]) -> Converter:
    """Known values become members of ``cls`` (a ``str`` enum); unknown values stay strings."""
    members = cls._value2member_map_

    def convert(value: Any) -> Any:
        try:
            return members.get(value, value)
        except TypeError:  # unhashable
            return value

    return convert


def model_of(name: str) -> Converter:
    """Lazy reference to a generated model class (resolved on first use)."""
    resolved: List[Type[BaseModel]] = []

    def convert(value: Any) -> Any:
        if not isinstance(value, dict):
            return value
        if not resolved:
            resolved.append(BaseModel._registry[name])
        return resolved[0]._from_dict(value)

    return convert


def list_of(inner: Optional[Converter]) -> Converter:
    def convert(value: Any) -> Any:
        if not isinstance(value, list) or inner is None:
            return value
        return [None if v is None else inner(v) for v in value]

    return convert


def dict_of(inner: Optional[Converter]) -> Converter:
    def convert(value: Any) -> Any:
        if not isinstance(value, dict) or inner is None:
            return value
        return {k: (None if v is None else inner(v)) for k, v in value.items()}

    return convert


def _plain(value: Any) -> Any:
    """A field value back to JSON-ready data."""
    if isinstance(value, BaseModel):
        return value.to_dict()
    if isinstance(value, Enum):
        return value.value
    if isinstance(value, datetime):
        return format_datetime(value)
    if isinstance(value, Decimal):  # amounts: JSON-ready (json.dumps takes no Decimal)
        return float(value)
    if isinstance(value, list):
        return [_plain(v) for v in value]
    if isinstance(value, dict):
        return {k: _plain(v) for k, v in value.items()}
    return value


def _show(value: Any) -> str:
    if isinstance(value, Enum):
        return repr(value.value)
    if isinstance(value, datetime):
        return format_datetime(value)
    return repr(value)


_SECRET_WORDS = ("pan", "cvv", "cvc", "otp", "secret", "password", "token", "key", "pin")


def _is_secret_name(name: str) -> bool:
    """An unknown field is hidden from repr when its name looks like a secret (``pan``,
    ``cvv``, ``otp``, ``webhook_secret``, ``new_api_key``, ...)."""
    words = re.split(r"[^a-z0-9]+", name.lower())
    return any(w in _SECRET_WORDS for w in words) or "secret" in name.lower()


class _Field:
    """Descriptor of one generated field: converts the raw JSON value on first access and
    caches it, so building a page of 100 objects costs almost nothing until fields are read."""

    __slots__ = ("attr", "key", "conv")

    def __init__(self, attr: str, key: str, conv: Optional[Converter]) -> None:
        self.attr = attr
        self.key = key
        self.conv = conv

    def __get__(self, obj: Optional["BaseModel"], owner: Any = None) -> Any:
        if obj is None:
            return self
        cache = obj._cache
        attr = self.attr
        if attr in cache:
            return cache[attr]
        value = obj._data.get(self.key)
        if value is not None and self.conv is not None:
            value = self.conv(value)
        cache[attr] = value
        return value

    def __set__(self, obj: "BaseModel", value: Any) -> None:
        obj._cache[self.attr] = value


class BaseModel:
    """A typed API object: attribute access, ``to_dict()``, equality and a redacting repr.

    Fields this SDK version does not know (added by a newer API) are kept: ``model_extra``
    holds them by their JSON name, they read as attributes (``obj.new_field``) and ``to_dict()``
    includes them. Unknown enum values stay plain strings.
    ``last_response`` holds the :class:`APIResponse` (status, headers, request id) of the
    call that returned this object, for top-level results.
    """

    __slots__ = ("_data", "_cache", "_last_response")

    _data: Dict[str, Any]
    _cache: Dict[str, Any]
    _last_response: Optional[APIResponse]

    # Filled by the generator for each subclass: (attribute, JSON key, converter or None).
    _fields: ClassVar[Fields] = ()
    _sensitive: ClassVar[FrozenSet[str]] = frozenset()
    _registry: ClassVar[Dict[str, Type["BaseModel"]]] = {}
    _known: ClassVar[FrozenSet[str]] = frozenset()
    # On a generated union base (e.g. ``Event``): discriminator field and value -> class name.
    _discriminator: ClassVar[str] = ""
    _variants: ClassVar[Dict[str, str]] = {}

    def __init_subclass__(cls, **kw: Any) -> None:
        super().__init_subclass__(**kw)
        BaseModel._registry[cls.__name__] = cls
        for attr, key, conv in cls.__dict__.get("_fields", ()):
            setattr(cls, attr, _Field(attr, key, conv))
        cls._known = frozenset(key for _, key, _ in cls._fields)

    @classmethod
    def _from_dict(cls: Type[_M], data: Dict[str, Any]) -> _M:
        if cls._variants:
            tag = data.get(cls._discriminator)
            target = cls._variants.get(tag) if isinstance(tag, str) else None
            if target is not None:
                cls = BaseModel._registry[target]  # type: ignore[assignment]
        self = object.__new__(cls)
        self._data = data
        self._cache = {}
        self._last_response = None
        return self

    @classmethod
    def construct(cls: Type[_M], **values: Any) -> _M:
        """Builds an object from JSON-shaped keyword values (as the API would send them)."""
        keys = {attr: key for attr, key, _ in cls._fields}
        return cls._from_dict({keys.get(k, k): v for k, v in values.items()})

    @property
    def last_response(self) -> Optional[APIResponse]:
        return self._last_response

    @property
    def model_extra(self) -> Dict[str, Any]:
        """Fields the API sent that this SDK version does not know, by JSON name (raw JSON
        values). Empty when there are none."""
        known = self._known
        return {k: v for k, v in self._data.items() if k not in known}

    if not TYPE_CHECKING:  # type checkers keep flagging misspelt attributes

        def __getattr__(self, name: str) -> Any:
            # Only reached when normal lookup fails: an unknown field sent by a newer API.
            if not name.startswith("_"):
                try:
                    data = self._data
                except AttributeError:
                    data = {}
                if name in data and name not in self._known:
                    return data[name]
            raise AttributeError(f"{type(self).__name__!r} object has no attribute {name!r}")

    def to_dict(self) -> Dict[str, Any]:
        """The object as JSON-ready data, keyed by the API's field names (sensitive fields
        included), with the fields in ``model_extra`` too."""
        out: Dict[str, Any] = {}
        for attr, key, _ in self._fields:
            value = getattr(self, attr)
            if value is not None:
                out[key] = _plain(value)
        for key, value in self.model_extra.items():
            if value is not None:
                out[key] = value
        return out

    def __eq__(self, other: object) -> bool:
        if type(other) is not type(self):
            return NotImplemented
        return (
            all(getattr(self, a) == getattr(other, a) for a, _, _ in self._fields)
            and self.model_extra == other.model_extra
        )

    def __ne__(self, other: object) -> bool:
        eq = self.__eq__(other)
        return eq if eq is NotImplemented else not eq

    __hash__ = None  # type: ignore[assignment]

    def __repr__(self) -> str:
        parts = []
        for attr, key, _ in self._fields:
            value = getattr(self, attr)
            if value is None:
                continue
            if key in self._sensitive or attr in self._sensitive:
                parts.append(f"{attr}={REDACTED!r}")
            else:
                parts.append(f"{attr}={_show(value)}")
        for key, value in self.model_extra.items():
            if value is None:
                continue
            if key in self._sensitive or _is_secret_name(key):
                parts.append(f"{key}={REDACTED!r}")
            else:
                parts.append(f"{key}={value!r}")
        return f"{type(self).__name__}({', '.join(parts)})"

    __str__ = __repr__

    def __getstate__(self) -> Dict[str, Any]:
        return self.to_dict()

    def __setstate__(self, state: Dict[str, Any]) -> None:
        self._data = state
        self._cache = {}
        self._last_response = None
