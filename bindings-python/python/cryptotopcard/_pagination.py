"""Pages of list results. The core decides the next page: each call returns the next page's
parameters with the page (``Output.next_page``)."""

from __future__ import annotations

import json
from typing import (
    TYPE_CHECKING,
    Any,
    AsyncIterator,
    Dict,
    Generic,
    Iterator,
    List,
    Optional,
    Type,
    TypeVar,
)

from ._base_model import BaseModel
from ._models import Pagination
from ._response import APIResponse

if TYPE_CHECKING:
    from ._client import AsyncClient, Client
    from ._options import _CallOptions

__all__ = ["SyncPage", "AsyncPage"]

T = TypeVar("T", bound=BaseModel)


class _BasePage(Generic[T]):
    """One page: ``data`` (typed items), ``pagination``, iteration over ``data``."""

    data: List[T]
    pagination: Optional[Pagination]

    def __init__(
        self,
        op: str,
        item: Type[T],
        raw: str,
        meta: Any,
        next_page: Optional[str],
        options: "_CallOptions",
    ) -> None:
        body = json.loads(raw)
        items = body.get("data") if isinstance(body, dict) else None
        from_dict = item._from_dict
        self.data = [from_dict(x) for x in items] if isinstance(items, list) else []
        pag = body.get("pagination") if isinstance(body, dict) else None
        self.pagination = Pagination._from_dict(pag) if isinstance(pag, dict) else None
        self._op = op
        self._item = item
        self._next = next_page
        self._options = options
        self.last_response = APIResponse(meta)

    def _next_params(self) -> Optional[Dict[str, Any]]:
        if self._next is None:
            return None
        params: Dict[str, Any] = json.loads(self._next)
        return params

    def has_next_page(self) -> bool:
        return self._next is not None

    def __iter__(self) -> Iterator[T]:
        return iter(self.data)

    def __len__(self) -> int:
        return len(self.data)

    def __getitem__(self, index: int) -> T:
        return self.data[index]

    def __bool__(self) -> bool:
        return bool(self.data)

    def to_dict(self) -> Dict[str, Any]:
        out: Dict[str, Any] = {"data": [x.to_dict() for x in self.data]}
        if self.pagination is not None:
            out["pagination"] = self.pagination.to_dict()
        return out

    def __eq__(self, other: object) -> bool:
        if type(other) is not type(self):
            return NotImplemented
        assert isinstance(other, _BasePage)
        return bool(self.data == other.data and self.pagination == other.pagination)

    __hash__ = None  # type: ignore[assignment]

    def __repr__(self) -> str:
        return f"{type(self).__name__}(data={self.data!r}, pagination={self.pagination!r})"


class SyncPage(_BasePage[T]):
    """A page from :class:`Client`; ``auto_paging_iter()`` walks this page and every later one."""

    def __init__(self, client: "Client", *args: Any) -> None:
        super().__init__(*args)
        self._client = client

    def get_next_page(self) -> Optional["SyncPage[T]"]:
        params = self._next_params()
        if params is None:
            return None
        return self._client._page(self._op, params, self._item, self._options)

    def auto_paging_iter(self) -> Iterator[T]:
        page: Optional[SyncPage[T]] = self
        while page is not None:
            yield from page.data
            page = page.get_next_page()


class AsyncPage(_BasePage[T]):
    """A page from :class:`AsyncClient`: ``async for x in page.auto_paging_iter()``."""

    def __init__(self, client: "AsyncClient", *args: Any) -> None:
        super().__init__(*args)
        self._client = client

    async def get_next_page(self) -> Optional["AsyncPage[T]"]:
        params = self._next_params()
        if params is None:
            return None
        return await self._client._page(self._op, params, self._item, self._options)

    async def auto_paging_iter(self) -> AsyncIterator[T]:
        page: Optional[AsyncPage[T]] = self
        while page is not None:
            for item in page.data:
                yield item
            page = await page.get_next_page()
