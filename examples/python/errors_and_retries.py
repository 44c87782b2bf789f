"""Typed errors, idempotency keys and the raw response of a call."""

import uuid

import cryptotopcard
from cryptotopcard import Client


def main() -> None:
    with Client(max_retries=3) as client:
        key = str(uuid.uuid4())
        card = client.cards.create(bin_id="491653", amount=25, idempotency_key=key)
        again = client.cards.create(bin_id="491653", amount=25, idempotency_key=key)
        raw = again.last_response
        assert raw is not None
        print(
            "same card:", card.id == again.id, "replayed:", raw.replayed, "request:", raw.request_id
        )

        try:
            client.cards.withdraw(card.id, amount=1000)
        except cryptotopcard.InsufficientFundsError as e:
            print("refused:", e.error, e.status, e.request_id)

        try:
            client.cards.create(bin_id="491653", amount=10.005)
        except cryptotopcard.ValidationError as e:
            print("bad input in field", e.field, "-", e)

        try:
            client.cards.retrieve("card_doesnotexist")
        except cryptotopcard.NotFoundError as e:
            print("not found:", e.request_id)
        except cryptotopcard.APIConnectionError as e:
            print("network problem:", e)

        client.cards.terminate(card.id)


if __name__ == "__main__":
    main()
