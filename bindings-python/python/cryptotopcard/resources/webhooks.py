"""``client.webhooks``: endpoints that receive signed event notifications."""

from __future__ import annotations

from typing import TYPE_CHECKING, Optional, Sequence

from .._models import Webhook, WebhookWithSecret
from ._base import REQUIRED, AsyncResource, SyncResource, _opts, _params

if TYPE_CHECKING:
    from .._pagination import AsyncPage, SyncPage

__all__ = ["Webhooks", "AsyncWebhooks"]


class Webhooks(SyncResource):
    def create(
        self,
        *,
        url: str = REQUIRED,
        events: Sequence[str] = REQUIRED,
        secret: Optional[str] = None,
        idempotency_key: Optional[str] = None,
        timeout: Optional[float] = None,
    ) -> WebhookWithSecret:
        """Registers an HTTPS endpoint for ``events`` (``["*"]`` for all). The returned
        ``secret`` signs deliveries; ``repr`` never shows it."""
        params = _params(url=url, events=events, secret=secret)
        return self._client._object(
            "webhooks.create", params, WebhookWithSecret, _opts(idempotency_key, timeout)
        )

    def list(self, *, timeout: Optional[float] = None) -> "SyncPage[Webhook]":
        """Every registered endpoint."""
        return self._client._page("webhooks.list", {}, Webhook, _opts(None, timeout))

    def delete(
        self,
        webhook_id: str = REQUIRED,
        *,
        idempotency_key: Optional[str] = None,
        timeout: Optional[float] = None,
    ) -> None:
        """Removes the endpoint (204)."""
        self._client._none(
            "webhooks.delete", _params(webhook_id=webhook_id), _opts(idempotency_key, timeout)
        )


class AsyncWebhooks(AsyncResource):
    async def create(
        self,
        *,
        url: str = REQUIRED,
        events: Sequence[str] = REQUIRED,
        secret: Optional[str] = None,
        idempotency_key: Optional[str] = None,
        timeout: Optional[float] = None,
    ) -> WebhookWithSecret:
        params = _params(url=url, events=events, secret=secret)
        return await self._client._object(
            "webhooks.create", params, WebhookWithSecret, _opts(idempotency_key, timeout)
        )

    async def list(self, *, timeout: Optional[float] = None) -> "AsyncPage[Webhook]":
        return await self._client._page("webhooks.list", {}, Webhook, _opts(None, timeout))

    async def delete(
        self,
        webhook_id: str = REQUIRED,
        *,
        idempotency_key: Optional[str] = None,
        timeout: Optional[float] = None,
    ) -> None:
        await self._client._none(
            "webhooks.delete", _params(webhook_id=webhook_id), _opts(idempotency_key, timeout)
        )
