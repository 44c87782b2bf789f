"""``client.transactions``: list and retrieve authorizations, settlements, refunds and declines."""

from __future__ import annotations

from datetime import datetime
from decimal import Decimal
from typing import TYPE_CHECKING, Optional, Union

from .._base_model import format_datetime
from .._models import Transaction, TransactionType
from ._base import REQUIRED, AsyncResource, SyncResource, _opts, _params

if TYPE_CHECKING:
    from .._pagination import AsyncPage, SyncPage

__all__ = ["Transactions", "AsyncTransactions"]

Amount = Union[int, float, Decimal]
When = Union[str, datetime]


def _when(value: Optional[When]) -> Optional[str]:
    """A datetime becomes RFC 3339 text (naive means UTC); text is passed on for the core to check."""
    if isinstance(value, datetime):
        return format_datetime(value)
    return value


class Transactions(SyncResource):
    def list(
        self,
        *,
        card_id: Optional[str] = None,
        type: Optional[Union[TransactionType, str]] = None,
        from_: Optional[When] = None,
        to: Optional[When] = None,
        merchant: Optional[str] = None,
        min_amount: Optional[Amount] = None,
        max_amount: Optional[Amount] = None,
        page: Optional[int] = None,
        per_page: Optional[int] = None,
        timeout: Optional[float] = None,
    ) -> "SyncPage[Transaction]":
        """One page of transactions (``GET /transactions``); ``from_`` is the API's ``from``."""
        params = _params(
            card_id=card_id,
            type=type,
            to=_when(to),
            merchant=merchant,
            min_amount=min_amount,
            max_amount=max_amount,
            page=page,
            per_page=per_page,
            **{"from": _when(from_)},
        )
        return self._client._page("transactions.list", params, Transaction, _opts(None, timeout))

    def retrieve(
        self, transaction_id: str = REQUIRED, *, timeout: Optional[float] = None
    ) -> Transaction:
        """The full transaction, with ``three_ds``, ``timeline`` and ``decline_reason``."""
        return self._client._object(
            "transactions.retrieve",
            _params(transaction_id=transaction_id),
            Transaction,
            _opts(None, timeout),
        )


class AsyncTransactions(AsyncResource):
    async def list(
        self,
        *,
        card_id: Optional[str] = None,
        type: Optional[Union[TransactionType, str]] = None,
        from_: Optional[When] = None,
        to: Optional[When] = None,
        merchant: Optional[str] = None,
        min_amount: Optional[Amount] = None,
        max_amount: Optional[Amount] = None,
        page: Optional[int] = None,
        per_page: Optional[int] = None,
        timeout: Optional[float] = None,
    ) -> "AsyncPage[Transaction]":
        params = _params(
            card_id=card_id,
            type=type,
            to=_when(to),
            merchant=merchant,
            min_amount=min_amount,
            max_amount=max_amount,
            page=page,
            per_page=per_page,
            **{"from": _when(from_)},
        )
        return await self._client._page(
            "transactions.list", params, Transaction, _opts(None, timeout)
        )

    async def retrieve(
        self, transaction_id: str = REQUIRED, *, timeout: Optional[float] = None
    ) -> Transaction:
        return await self._client._object(
            "transactions.retrieve",
            _params(transaction_id=transaction_id),
            Transaction,
            _opts(None, timeout),
        )
