"""The CryptoTopCard sandbox server as an extension module, for ``cryptotopcard.testing``.

Use ``cryptotopcard.testing.Sandbox``; this package only provides the server it starts.
"""

from __future__ import annotations

import atexit as _atexit
import os as _os

from . import _native
from ._native import NativeSandbox

__all__ = ["NativeSandbox", "__version__"]

__version__: str = _native.__version__

# This module is its own copy of the binding (own runtime, own exit gate): the same exit and
# fork hooks as ``cryptotopcard``, so that no thread of it attaches to a finalizing interpreter.
_atexit.register(_native._shutdown, 2.0)
if hasattr(_os, "register_at_fork"):
    _os.register_at_fork(after_in_child=_native._after_fork_in_child)
