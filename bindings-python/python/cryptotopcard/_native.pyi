"""Type stubs of the Rust extension (bindings-python/src). Private: use the package API."""

from typing import Any, Awaitable, Dict, List, Optional, Tuple, Union, final

__all__ = [
    "__version__",
    "CoreError",
    "NativeClient",
    "NativeSandbox",
    "operations",
    "_shutdown",
    "next_page_params",
    "verify_webhook",
    "construct_event",
]
__version__: str

_Meta = Tuple[int, Optional[str], List[Tuple[str, str]], Optional[str], bool, int]

class CoreError(Exception):
    """args[0]: the core error's JSON (kind, message, status, error, request_id, param, ...)."""

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
    ) -> "NativeClient": ...
    def call(
        self,
        op: str,
        params: Optional[Dict[str, Any]],
        idempotency_key: Optional[str] = ...,
        timeout: Optional[float] = ...,
        max_retries: Optional[int] = ...,
    ) -> Tuple[Optional[str], _Meta]: ...
    def acall(
        self,
        op: str,
        params: Optional[Dict[str, Any]],
        idempotency_key: Optional[str] = ...,
        timeout: Optional[float] = ...,
        max_retries: Optional[int] = ...,
    ) -> Awaitable[Tuple[Optional[str], _Meta]]: ...

@final
class NativeSandbox:
    def __new__(cls) -> "NativeSandbox": ...
    @property
    def url(self) -> str: ...
    def shutdown(self) -> None: ...

def operations() -> List[str]: ...
def _shutdown(timeout: float = ...) -> int: ...
def next_page_params(op: str, params: Dict[str, Any], page_json: str) -> Optional[str]: ...
def verify_webhook(payload: Union[bytes, bytearray, str], signature: str, secret: str) -> bool: ...
def construct_event(
    payload: Union[bytes, bytearray, str], signature: str, secret: str, tolerance: int = ...
) -> str: ...
