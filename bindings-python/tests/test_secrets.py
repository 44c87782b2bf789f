"""Secret hygiene: a full session at DEBUG/trace logging never prints the API key, a PAN, a CVV
or a webhook secret in any repr, str, log line or error message."""

from __future__ import annotations

import os
import subprocess
import sys
import textwrap

from cryptotopcard.testing import Sandbox

SESSION = textwrap.dedent(
    r"""
    import asyncio, json, logging, sys, traceback
    import cryptotopcard
    from cryptotopcard.testing import Sandbox

    logging.basicConfig(level=logging.DEBUG, stream=sys.stdout)
    url, key = sys.argv[1], sys.argv[2]
    texts = []
    def show(*objs):
        for o in objs:
            texts.append(repr(o)); texts.append(str(o))
            print(repr(o)); print(str(o))
            logging.debug("object %r / %s", o, o)

    client = cryptotopcard.Client(key, base_url=url)
    show(client, client.cards)
    card = client.cards.create(bin_id="491653", amount=100, label="hygiene")
    details = client.cards.details(card.id)
    wh = client.webhooks.create(url="https://example.com/h", events=["*"])
    ch = client.sandbox.challenge(card_id=card.id, merchant="SPOTIFY", amount=1)
    show(card, details, details.billing_address, wh, card.last_response)
    show(ch, client.threeds.retrieve(ch.id), client.threeds.list())
    show(client.cards.list(), client.webhooks.list())
    for call in (
        lambda: client.cards.create(bin_id="491653", amount=float("nan")),
        lambda: client.cards.retrieve("card_missing"),
        lambda: client.cards.fund(card.id, amount=10**7),
        lambda: cryptotopcard.Client(key + " bad", base_url=url),
        lambda: cryptotopcard.Client(key, base_url="http://example.com/v1"),
        lambda: cryptotopcard.construct_event(b"{}", "00", wh.secret),
        lambda: cryptotopcard.construct_event(json.dumps({"pan": details.pan}), "zz", wh.secret),
    ):
        try:
            call()
        except Exception as e:
            show(e, e.args)
            traceback.print_exc(file=sys.stdout)
    async def go():
        async with cryptotopcard.AsyncClient(key, base_url=url) as a:
            d = await a.cards.details(card.id)
            show(a, d, await a.threeds.retrieve(ch.id))
            try:
                await a.cards.retrieve("card_missing")
            except Exception as e:
                show(e)
    asyncio.run(go())
    print("PAN=" + details.pan[::-1])  # proves the checker sees stdout (reversed: not a leak)
    print("SECRETS " + json.dumps([details.pan, details.cvv, wh.secret, ch.otp]), file=sys.stderr)
    """
)


def test_no_secret_in_any_output(sandbox: Sandbox, key: str) -> None:
    env = dict(os.environ, RUST_LOG="trace", RUST_BACKTRACE="1")
    proc = subprocess.run(
        [sys.executable, "-c", SESSION, sandbox.url, key],
        capture_output=True,
        text=True,
        timeout=120,
        env=env,
    )
    assert proc.returncode == 0, proc.stderr[-3000:]
    *other_err, secrets_line = proc.stderr.rstrip("\n").split("\n")
    assert secrets_line.startswith("SECRETS ")
    import json

    pan, cvv, wh_secret, otp = json.loads(secrets_line[len("SECRETS ") :])
    out = proc.stdout + "\n".join(other_err)
    assert "PAN=" + pan[::-1] in out  # the output was captured
    assert "Card(" in out and "CardDetails(" in out and "<redacted>" in out
    assert "ThreeDSChallenge(" in out
    assert key not in out
    assert key[len("sk_test_") :] not in out
    assert pan not in out
    assert wh_secret not in out and wh_secret[len("whsec_") :] not in out
    # The CVV (3-4 digits) and the 3DS OTP (6 digits): look for them as values in reprs, not
    # as any digit run.
    for form in (f"'{cvv}'", f'"{cvv}"', f"cvv={cvv}", f"cvv: {cvv}"):
        assert form not in out
    for form in (f"'{otp}'", f'"{otp}"', f"otp={otp}", f"otp: {otp}"):
        assert form not in out
