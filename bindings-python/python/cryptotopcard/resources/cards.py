"""``client.cards``: create, list, retrieve, details, update, freeze, unfreeze, terminate, fund, withdraw."""

from __future__ import annotations

from decimal import Decimal
from typing import TYPE_CHECKING, Mapping, Optional, Sequence, Union

from .._models import (
    Card,
    CardDetails,
    CardStatus,
    CardSummary,
    Category,
    FreezeResult,
    FundResult,
    TerminateResult,
    WithdrawResult,
)
from ._base import REQUIRED, AsyncResource, SyncResource, _opts, _params

if TYPE_CHECKING:
    from .._pagination import AsyncPage, SyncPage

__all__ = ["Cards", "AsyncCards"]

Amount = Union[int, float, Decimal]


class Cards(SyncResource):
    """Virtual cards: each with its own balance, limits and lifecycle."""

    def create(
        self,
        *,
        bin_id: str = REQUIRED,
        amount: Amount = REQUIRED,
        label: Optional[str] = None,
        spending_limit: Optional[Amount] = None,
        allowed_categories: Optional[Sequence[Union[Category, str]]] = None,
        auto_freeze_at: Optional[Amount] = None,
        metadata: Optional[Mapping[str, str]] = None,
        idempotency_key: Optional[str] = None,
        timeout: Optional[float] = None,
    ) -> Card:
        """Issues a card funded from the wallet (``POST /cards``)."""
        params = _params(
            bin_id=bin_id,
            amount=amount,
            label=label,
            spending_limit=spending_limit,
            allowed_categories=allowed_categories,
            auto_freeze_at=auto_freeze_at,
            metadata=metadata,
        )
        return self._client._object("cards.create", params, Card, _opts(idempotency_key, timeout))

    def list(
        self,
        *,
        status: Optional[Union[CardStatus, str]] = None,
        bin_id: Optional[str] = None,
        label: Optional[str] = None,
        sort: Optional[str] = None,
        order: Optional[str] = None,
        page: Optional[int] = None,
        per_page: Optional[int] = None,
        timeout: Optional[float] = None,
    ) -> "SyncPage[CardSummary]":
        """One page of cards (``GET /cards``); ``.auto_paging_iter()`` walks them all."""
        params = _params(
            status=status,
            bin_id=bin_id,
            label=label,
            sort=sort,
            order=order,
            page=page,
            per_page=per_page,
        )
        return self._client._page("cards.list", params, CardSummary, _opts(None, timeout))

    def retrieve(self, card_id: str = REQUIRED, *, timeout: Optional[float] = None) -> Card:
        """A card without PAN/CVV (``GET /cards/{card_id}``)."""
        return self._client._object(
            "cards.retrieve", _params(card_id=card_id), Card, _opts(None, timeout)
        )

    def details(self, card_id: str = REQUIRED, *, timeout: Optional[float] = None) -> CardDetails:
        """PAN, CVV and expiry (PCI-sensitive; 30 requests/min). ``repr`` hides PAN and CVV."""
        return self._client._object(
            "cards.details", _params(card_id=card_id), CardDetails, _opts(None, timeout)
        )

    def update(
        self,
        card_id: str = REQUIRED,
        *,
        label: Optional[str] = None,
        spending_limit: Optional[Amount] = None,
        allowed_categories: Optional[Sequence[Union[Category, str]]] = None,
        auto_freeze_at: Optional[Amount] = None,
        metadata: Optional[Mapping[str, str]] = None,
        idempotency_key: Optional[str] = None,
        timeout: Optional[float] = None,
    ) -> Card:
        """Updates a card (``PATCH``); metadata merges, ``auto_freeze_at=0`` disables."""
        params = _params(
            card_id=card_id,
            label=label,
            spending_limit=spending_limit,
            allowed_categories=allowed_categories,
            auto_freeze_at=auto_freeze_at,
            metadata=metadata,
        )
        return self._client._object("cards.update", params, Card, _opts(idempotency_key, timeout))

    def freeze(
        self,
        card_id: str = REQUIRED,
        *,
        idempotency_key: Optional[str] = None,
        timeout: Optional[float] = None,
    ) -> FreezeResult:
        """Suspends all transactions; the balance is kept."""
        return self._client._object(
            "cards.freeze", _params(card_id=card_id), FreezeResult, _opts(idempotency_key, timeout)
        )

    def unfreeze(
        self,
        card_id: str = REQUIRED,
        *,
        idempotency_key: Optional[str] = None,
        timeout: Optional[float] = None,
    ) -> Card:
        """Re-enables transactions on a frozen card."""
        return self._client._object(
            "cards.unfreeze", _params(card_id=card_id), Card, _opts(idempotency_key, timeout)
        )

    def terminate(
        self,
        card_id: str = REQUIRED,
        *,
        idempotency_key: Optional[str] = None,
        timeout: Optional[float] = None,
    ) -> TerminateResult:
        """Terminates the card for good; its balance goes back to the wallet."""
        return self._client._object(
            "cards.terminate",
            _params(card_id=card_id),
            TerminateResult,
            _opts(idempotency_key, timeout),
        )

    def fund(
        self,
        card_id: str = REQUIRED,
        *,
        amount: Amount = REQUIRED,
        idempotency_key: Optional[str] = None,
        timeout: Optional[float] = None,
    ) -> FundResult:
        """Moves ``amount`` USD from the wallet to the card."""
        return self._client._object(
            "cards.fund",
            _params(card_id=card_id, amount=amount),
            FundResult,
            _opts(idempotency_key, timeout),
        )

    def withdraw(
        self,
        card_id: str = REQUIRED,
        *,
        amount: Amount = REQUIRED,
        idempotency_key: Optional[str] = None,
        timeout: Optional[float] = None,
    ) -> WithdrawResult:
        """Moves ``amount`` USD from the card back to the wallet."""
        return self._client._object(
            "cards.withdraw",
            _params(card_id=card_id, amount=amount),
            WithdrawResult,
            _opts(idempotency_key, timeout),
        )


class AsyncCards(AsyncResource):
    """Virtual cards (asyncio): the same methods as :class:`Cards`, as coroutines."""

    async def create(
        self,
        *,
        bin_id: str = REQUIRED,
        amount: Amount = REQUIRED,
        label: Optional[str] = None,
        spending_limit: Optional[Amount] = None,
        allowed_categories: Optional[Sequence[Union[Category, str]]] = None,
        auto_freeze_at: Optional[Amount] = None,
        metadata: Optional[Mapping[str, str]] = None,
        idempotency_key: Optional[str] = None,
        timeout: Optional[float] = None,
    ) -> Card:
        params = _params(
            bin_id=bin_id,
            amount=amount,
            label=label,
            spending_limit=spending_limit,
            allowed_categories=allowed_categories,
            auto_freeze_at=auto_freeze_at,
            metadata=metadata,
        )
        return await self._client._object(
            "cards.create", params, Card, _opts(idempotency_key, timeout)
        )

    async def list(
        self,
        *,
        status: Optional[Union[CardStatus, str]] = None,
        bin_id: Optional[str] = None,
        label: Optional[str] = None,
        sort: Optional[str] = None,
        order: Optional[str] = None,
        page: Optional[int] = None,
        per_page: Optional[int] = None,
        timeout: Optional[float] = None,
    ) -> "AsyncPage[CardSummary]":
        params = _params(
            status=status,
            bin_id=bin_id,
            label=label,
            sort=sort,
            order=order,
            page=page,
            per_page=per_page,
        )
        return await self._client._page("cards.list", params, CardSummary, _opts(None, timeout))

    async def retrieve(self, card_id: str = REQUIRED, *, timeout: Optional[float] = None) -> Card:
        return await self._client._object(
            "cards.retrieve", _params(card_id=card_id), Card, _opts(None, timeout)
        )

    async def details(
        self, card_id: str = REQUIRED, *, timeout: Optional[float] = None
    ) -> CardDetails:
        return await self._client._object(
            "cards.details", _params(card_id=card_id), CardDetails, _opts(None, timeout)
        )

    async def update(
        self,
        card_id: str = REQUIRED,
        *,
        label: Optional[str] = None,
        spending_limit: Optional[Amount] = None,
        allowed_categories: Optional[Sequence[Union[Category, str]]] = None,
        auto_freeze_at: Optional[Amount] = None,
        metadata: Optional[Mapping[str, str]] = None,
        idempotency_key: Optional[str] = None,
        timeout: Optional[float] = None,
    ) -> Card:
        params = _params(
            card_id=card_id,
            label=label,
            spending_limit=spending_limit,
            allowed_categories=allowed_categories,
            auto_freeze_at=auto_freeze_at,
            metadata=metadata,
        )
        return await self._client._object(
            "cards.update", params, Card, _opts(idempotency_key, timeout)
        )

    async def freeze(
        self,
        card_id: str = REQUIRED,
        *,
        idempotency_key: Optional[str] = None,
        timeout: Optional[float] = None,
    ) -> FreezeResult:
        return await self._client._object(
            "cards.freeze", _params(card_id=card_id), FreezeResult, _opts(idempotency_key, timeout)
        )

    async def unfreeze(
        self,
        card_id: str = REQUIRED,
        *,
        idempotency_key: Optional[str] = None,
        timeout: Optional[float] = None,
    ) -> Card:
        return await self._client._object(
            "cards.unfreeze", _params(card_id=card_id), Card, _opts(idempotency_key, timeout)
        )

    async def terminate(
        self,
        card_id: str = REQUIRED,
        *,
        idempotency_key: Optional[str] = None,
        timeout: Optional[float] = None,
    ) -> TerminateResult:
        return await self._client._object(
            "cards.terminate",
            _params(card_id=card_id),
            TerminateResult,
            _opts(idempotency_key, timeout),
        )

    async def fund(
        self,
        card_id: str = REQUIRED,
        *,
        amount: Amount = REQUIRED,
        idempotency_key: Optional[str] = None,
        timeout: Optional[float] = None,
    ) -> FundResult:
        return await self._client._object(
            "cards.fund",
            _params(card_id=card_id, amount=amount),
            FundResult,
            _opts(idempotency_key, timeout),
        )

    async def withdraw(
        self,
        card_id: str = REQUIRED,
        *,
        amount: Amount = REQUIRED,
        idempotency_key: Optional[str] = None,
        timeout: Optional[float] = None,
    ) -> WithdrawResult:
        return await self._client._object(
            "cards.withdraw",
            _params(card_id=card_id, amount=amount),
            WithdrawResult,
            _opts(idempotency_key, timeout),
        )
