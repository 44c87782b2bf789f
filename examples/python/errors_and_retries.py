"""Typed errors, idempotency keys (and retrying a failed create with the key from its error)
and the raw response of a call."""

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

        # A create whose answer is lost on the way back (the sandbox simulates it): the server
        # may have applied it. The error carries the idempotency key that was sent; retrying
        # with that key returns the card if it was created, and creates it once if not.
        with Client(
            max_retries=0, default_headers={"X-Sandbox-Fault": "drop_after_commit"}
        ) as lossy:
            try:
                lost = lossy.cards.create(bin_id="491653", amount=5)
            except cryptotopcard.APIConnectionError as e:
                print("no answer:", repr(e))
                lost = client.cards.create(
                    bin_id="491653", amount=5, idempotency_key=e.idempotency_key
                )
                assert lost.last_response is not None
                print("retried with the same key, replayed:", lost.last_response.replayed)

        client.cards.terminate(card.id)
        client.cards.terminate(lost.id)


if __name__ == "__main__":
    main()
