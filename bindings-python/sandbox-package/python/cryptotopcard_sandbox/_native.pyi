"""Type stubs of the extension (bindings-python/src built with the ``sandbox`` feature). Private:
use ``cryptotopcard.testing.Sandbox``. The module also carries a copy of the binding's client
functions, which this package does not use."""

from typing import final

__version__: str

@final
class NativeSandbox:
    """Starts the sandbox server on a free port of 127.0.0.1."""

    def __new__(cls) -> "NativeSandbox": ...
    @property
    def url(self) -> str: ...
    def shutdown(self) -> None: ...

def _shutdown(timeout: float = 2.0) -> int: ...
def _after_fork_in_child() -> None: ...
