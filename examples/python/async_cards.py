"""AsyncClient: concurrent calls and auto-paging on asyncio."""

import asyncio

from cryptotopcard import AsyncClient, Card


async def main() -> None:
    async with AsyncClient() as client:
        cards: list[Card] = list(
            await asyncio.gather(
                *(
                    client.cards.create(bin_id="531993", amount=5, label=f"team-{i}")
                    for i in range(5)
                )
            )
        )
        print("created", [c.id for c in cards])
        page = await client.cards.list(per_page=2)
        labels = [c.label async for c in page.auto_paging_iter()]
        print("all labels", sorted(x or "" for x in labels))
        for card in cards:
            result = await client.cards.terminate(card.id)
            print(card.id, "refunded", result.refunded_amount)
        wallet = await client.wallet.retrieve()
        print("wallet", wallet.balance, wallet.currency)


if __name__ == "__main__":
    asyncio.run(main())
