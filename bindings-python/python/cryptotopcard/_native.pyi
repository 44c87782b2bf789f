"""Type stubs of the Rust extension (bindings-python/src). Private: use the package API."""

from typing import Any, Awaitable, Dict, List, Optional, Sequence, Tuple, Union, final

__all__ = [
    "__version__",
    "NativeClient",
    "Canceller",
    "operations",
    "error_classes",
    "_shutdown",
    "_in_flight",
    "_after_fork_in_child",
    "verify_webhook",
    "construct_event",
    "sign_webhook",
    "_set_log_level",
    "_log_level",
    "_drain_logs",
]
__version__: str

_Meta = Tuple[int, Optional[str], List[Tuple[str, str]], Optional[str], bool, int]

@final
class NativeClient:
    def __new__(
        cls,
        api_key: Optional[str] = ...,
        base_url: Optional[str] = ...,
        timeout: Optional[float] = ...,
        max_retries: Optional[int] = ...,
        version: str = ...,
        default_headers: Optional[Dict[str, str]] = ...,
        max_response_bytes: Optional[int] = ...,
        proxy: Optional[str] = ...,
        root_certificates_pem: Union[str, bytes, None] = ...,
        runtime_name: Optional[str] = ...,
        runtime_version: Optional[str] = ...,
    ) -> "NativeClient": ...
    def with_options(
        self,
        timeout: Optional[float] = ...,
        max_retries: Optional[int] = ...,
        default_headers: Optional[Dict[str, str]] = ...,
        max_response_bytes: Optional[int] = ...,
    ) -> "NativeClient": ...
    def shares_pool_with(self, other: "NativeClient") -> bool: ...
    def settings(self) -> Tuple[str, float, int, int]: ...
    def call(
        self,
        op: str,
        params: Optional[Dict[str, Any]],
        idempotency_key: Optional[str] = ...,
        timeout: Optional[float] = ...,
        max_retries: Optional[int] = ...,
    ) -> Tuple[Optional[str], _Meta, Optional[str]]: ...
    def acall(
        self,
        op: str,
        params: Optional[Dict[str, Any]],
        idempotency_key: Optional[str] = ...,
        timeout: Optional[float] = ...,
        max_retries: Optional[int] = ...,
    ) -> Awaitable[Tuple[Optional[str], _Meta, Optional[str]]]: ...

@final
class Canceller:
    """Done-callback of the futures ``acall`` returns: aborts the call when cancelled."""
    def __call__(self, future: Any) -> None: ...

def operations() -> List[str]: ...
def error_classes() -> List[Tuple[str, Optional[str]]]: ...
def _shutdown(timeout: float = ...) -> int:
    """atexit: aborts asyncio calls in flight, stops the delivery thread; returns how many."""

def _after_fork_in_child() -> None:
    """os.register_at_fork(after_in_child=...): forgets the parent's threads."""

def _in_flight() -> int:
    """asyncio calls registered and not yet delivered nor cancelled (tests)."""

def verify_webhook(
    payload: Union[bytes, bytearray, str], signature: str, secret: Union[str, Sequence[str]]
) -> bool: ...
def construct_event(
    payload: Union[bytes, bytearray, str],
    signature: str,
    secret: Union[str, Sequence[str]],
    tolerance: int = ...,
) -> str: ...
def sign_webhook(payload: Union[bytes, bytearray, str], secret: str) -> str: ...
def _set_log_level(level: str) -> None: ...
def _log_level() -> str: ...
def _drain_logs() -> List[Tuple[int, str]]:
    """Core log records queued since the last drain: (stdlib level, text)."""
