"""``client.threeds``: 3DS challenges and their OTP codes."""

from __future__ import annotations

from typing import TYPE_CHECKING, Optional, Union

from .._models import ThreeDSChallenge, ThreeDSStatus
from ._base import REQUIRED, AsyncResource, SyncResource, _opts, _params

if TYPE_CHECKING:
    from .._pagination import AsyncPage, SyncPage

__all__ = ["ThreeDS", "AsyncThreeDS"]


class ThreeDS(SyncResource):
    def list(
        self,
        *,
        card_id: Optional[str] = None,
        status: Optional[Union[ThreeDSStatus, str]] = None,
        page: Optional[int] = None,
        per_page: Optional[int] = None,
        timeout: Optional[float] = None,
    ) -> "SyncPage[ThreeDSChallenge]":
        """One page of 3DS challenges."""
        params = _params(card_id=card_id, status=status, page=page, per_page=per_page)
        return self._client._page("threeds.list", params, ThreeDSChallenge, _opts(None, timeout))

    def retrieve(
        self, challenge_id: str = REQUIRED, *, timeout: Optional[float] = None
    ) -> ThreeDSChallenge:
        """A challenge with its OTP (valid 5 minutes)."""
        return self._client._object(
            "threeds.retrieve",
            _params(challenge_id=challenge_id),
            ThreeDSChallenge,
            _opts(None, timeout),
        )


class AsyncThreeDS(AsyncResource):
    async def list(
        self,
        *,
        card_id: Optional[str] = None,
        status: Optional[Union[ThreeDSStatus, str]] = None,
        page: Optional[int] = None,
        per_page: Optional[int] = None,
        timeout: Optional[float] = None,
    ) -> "AsyncPage[ThreeDSChallenge]":
        params = _params(card_id=card_id, status=status, page=page, per_page=per_page)
        return await self._client._page(
            "threeds.list", params, ThreeDSChallenge, _opts(None, timeout)
        )

    async def retrieve(
        self, challenge_id: str = REQUIRED, *, timeout: Optional[float] = None
    ) -> ThreeDSChallenge:
        return await self._client._object(
            "threeds.retrieve",
            _params(challenge_id=challenge_id),
            ThreeDSChallenge,
            _opts(None, timeout),
        )
