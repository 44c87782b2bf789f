"""``client.sandbox``: simulators of the sandbox environment (``sk_test_`` keys only; a live
key gets :class:`PermissionDeniedError`)."""

from __future__ import annotations

from decimal import Decimal
from typing import Any, Mapping, Optional, Union

from .._models import CryptoCurrency, Deposit, ThreeDSChallenge, Transaction
from ._base import REQUIRED, AsyncResource, SyncResource, _opts, _params

__all__ = ["Sandbox", "AsyncSandbox"]

Amount = Union[int, float, Decimal]
Merchant = Mapping[str, Any]


class Sandbox(SyncResource):
    def deposit(
        self,
        *,
        currency: Union[CryptoCurrency, str] = REQUIRED,
        amount_usd: Amount = REQUIRED,
        status: Optional[str] = None,
        idempotency_key: Optional[str] = None,
        timeout: Optional[float] = None,
    ) -> Deposit:
        """A simulated crypto deposit (2% fee); ``confirmed`` (default) credits the wallet."""
        params = _params(currency=currency, amount_usd=amount_usd, status=status)
        return self._client._object(
            "sandbox.deposit", params, Deposit, _opts(idempotency_key, timeout)
        )

    def confirm_deposit(
        self,
        deposit_id: str = REQUIRED,
        *,
        idempotency_key: Optional[str] = None,
        timeout: Optional[float] = None,
    ) -> Deposit:
        """Confirms a pending deposit (credits the wallet)."""
        return self._client._object(
            "sandbox.confirm_deposit",
            _params(deposit_id=deposit_id),
            Deposit,
            _opts(idempotency_key, timeout),
        )

    def authorize(
        self,
        *,
        card_id: str = REQUIRED,
        amount: Amount = REQUIRED,
        merchant: Merchant = REQUIRED,
        settle: Optional[bool] = None,
        idempotency_key: Optional[str] = None,
        timeout: Optional[float] = None,
    ) -> Transaction:
        """A simulated card purchase through the issuer's checks (a decline is a transaction
        of type ``decline`` with ``decline_reason``); ``settle`` defaults to True."""
        params = _params(card_id=card_id, amount=amount, merchant=merchant, settle=settle)
        return self._client._object(
            "sandbox.authorize", params, Transaction, _opts(idempotency_key, timeout)
        )

    def settle(
        self,
        transaction_id: str = REQUIRED,
        *,
        idempotency_key: Optional[str] = None,
        timeout: Optional[float] = None,
    ) -> Transaction:
        return self._client._object(
            "sandbox.settle",
            _params(transaction_id=transaction_id),
            Transaction,
            _opts(idempotency_key, timeout),
        )

    def refund(
        self,
        transaction_id: str = REQUIRED,
        *,
        amount: Optional[Amount] = None,
        idempotency_key: Optional[str] = None,
        timeout: Optional[float] = None,
    ) -> Transaction:
        return self._client._object(
            "sandbox.refund",
            _params(transaction_id=transaction_id, amount=amount),
            Transaction,
            _opts(idempotency_key, timeout),
        )

    def challenge(
        self,
        *,
        card_id: str = REQUIRED,
        merchant: str = REQUIRED,
        amount: Amount = REQUIRED,
        idempotency_key: Optional[str] = None,
        timeout: Optional[float] = None,
    ) -> ThreeDSChallenge:
        """A pending 3DS challenge with a 6-digit OTP (expires after 5 minutes)."""
        params = _params(card_id=card_id, merchant=merchant, amount=amount)
        return self._client._object(
            "sandbox.challenge", params, ThreeDSChallenge, _opts(idempotency_key, timeout)
        )


class AsyncSandbox(AsyncResource):
    async def deposit(
        self,
        *,
        currency: Union[CryptoCurrency, str] = REQUIRED,
        amount_usd: Amount = REQUIRED,
        status: Optional[str] = None,
        idempotency_key: Optional[str] = None,
        timeout: Optional[float] = None,
    ) -> Deposit:
        params = _params(currency=currency, amount_usd=amount_usd, status=status)
        return await self._client._object(
            "sandbox.deposit", params, Deposit, _opts(idempotency_key, timeout)
        )

    async def confirm_deposit(
        self,
        deposit_id: str = REQUIRED,
        *,
        idempotency_key: Optional[str] = None,
        timeout: Optional[float] = None,
    ) -> Deposit:
        return await self._client._object(
            "sandbox.confirm_deposit",
            _params(deposit_id=deposit_id),
            Deposit,
            _opts(idempotency_key, timeout),
        )

    async def authorize(
        self,
        *,
        card_id: str = REQUIRED,
        amount: Amount = REQUIRED,
        merchant: Merchant = REQUIRED,
        settle: Optional[bool] = None,
        idempotency_key: Optional[str] = None,
        timeout: Optional[float] = None,
    ) -> Transaction:
        params = _params(card_id=card_id, amount=amount, merchant=merchant, settle=settle)
        return await self._client._object(
            "sandbox.authorize", params, Transaction, _opts(idempotency_key, timeout)
        )

    async def settle(
        self,
        transaction_id: str = REQUIRED,
        *,
        idempotency_key: Optional[str] = None,
        timeout: Optional[float] = None,
    ) -> Transaction:
        return await self._client._object(
            "sandbox.settle",
            _params(transaction_id=transaction_id),
            Transaction,
            _opts(idempotency_key, timeout),
        )

    async def refund(
        self,
        transaction_id: str = REQUIRED,
        *,
        amount: Optional[Amount] = None,
        idempotency_key: Optional[str] = None,
        timeout: Optional[float] = None,
    ) -> Transaction:
        return await self._client._object(
            "sandbox.refund",
            _params(transaction_id=transaction_id, amount=amount),
            Transaction,
            _opts(idempotency_key, timeout),
        )

    async def challenge(
        self,
        *,
        card_id: str = REQUIRED,
        merchant: str = REQUIRED,
        amount: Amount = REQUIRED,
        idempotency_key: Optional[str] = None,
        timeout: Optional[float] = None,
    ) -> ThreeDSChallenge:
        params = _params(card_id=card_id, merchant=merchant, amount=amount)
        return await self._client._object(
            "sandbox.challenge", params, ThreeDSChallenge, _opts(idempotency_key, timeout)
        )
