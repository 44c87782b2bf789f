"""``client.wallet``: balance, deposit addresses and incoming crypto deposits."""

from __future__ import annotations

from typing import TYPE_CHECKING, Optional, Union

from .._models import CryptoCurrency, Deposit, DepositStatus, WalletAddresses
from .._models import Wallet as WalletModel
from ._base import AsyncResource, SyncResource, _opts, _params

if TYPE_CHECKING:
    from .._pagination import AsyncPage, SyncPage

__all__ = ["Wallet", "AsyncWallet"]


class Wallet(SyncResource):
    def retrieve(self, *, timeout: Optional[float] = None) -> WalletModel:
        """Balance and totals of the account wallet."""
        return self._client._object("wallet.retrieve", {}, WalletModel, _opts(None, timeout))

    def addresses(
        self,
        *,
        currency: Optional[Union[CryptoCurrency, str]] = None,
        timeout: Optional[float] = None,
    ) -> WalletAddresses:
        """Deposit addresses (all currencies, or one)."""
        return self._client._object(
            "wallet.addresses", _params(currency=currency), WalletAddresses, _opts(None, timeout)
        )

    def deposits(
        self,
        *,
        status: Optional[Union[DepositStatus, str]] = None,
        currency: Optional[Union[CryptoCurrency, str]] = None,
        page: Optional[int] = None,
        per_page: Optional[int] = None,
        timeout: Optional[float] = None,
    ) -> "SyncPage[Deposit]":
        """One page of crypto deposits."""
        params = _params(status=status, currency=currency, page=page, per_page=per_page)
        return self._client._page("wallet.deposits", params, Deposit, _opts(None, timeout))


class AsyncWallet(AsyncResource):
    async def retrieve(self, *, timeout: Optional[float] = None) -> WalletModel:
        return await self._client._object("wallet.retrieve", {}, WalletModel, _opts(None, timeout))

    async def addresses(
        self,
        *,
        currency: Optional[Union[CryptoCurrency, str]] = None,
        timeout: Optional[float] = None,
    ) -> WalletAddresses:
        return await self._client._object(
            "wallet.addresses", _params(currency=currency), WalletAddresses, _opts(None, timeout)
        )

    async def deposits(
        self,
        *,
        status: Optional[Union[DepositStatus, str]] = None,
        currency: Optional[Union[CryptoCurrency, str]] = None,
        page: Optional[int] = None,
        per_page: Optional[int] = None,
        timeout: Optional[float] = None,
    ) -> "AsyncPage[Deposit]":
        params = _params(status=status, currency=currency, page=page, per_page=per_page)
        return await self._client._page("wallet.deposits", params, Deposit, _opts(None, timeout))
