"""``client.bins``: the BIN ranges cards can be issued from."""

from __future__ import annotations

from typing import TYPE_CHECKING, Optional

from .._models import Bin
from ._base import AsyncResource, SyncResource, _opts

if TYPE_CHECKING:
    from .._pagination import AsyncPage, SyncPage

__all__ = ["Bins", "AsyncBins"]


class Bins(SyncResource):
    def list(self, *, timeout: Optional[float] = None) -> "SyncPage[Bin]":
        """Available BINs with their capabilities, limits and acceptance rates."""
        return self._client._page("bins.list", {}, Bin, _opts(None, timeout))


class AsyncBins(AsyncResource):
    async def list(self, *, timeout: Optional[float] = None) -> "AsyncPage[Bin]":
        return await self._client._page("bins.list", {}, Bin, _opts(None, timeout))
