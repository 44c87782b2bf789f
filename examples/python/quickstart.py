"""The published quick start (api-reference.md), with the key and URL from the environment.

CRYPTOTOPCARD_API_KEY=sk_test_... CRYPTOTOPCARD_BASE_URL=http://127.0.0.1:PORT/v1 python quickstart.py
"""

from cryptotopcard import Client

client = Client()  # CRYPTOTOPCARD_API_KEY, CRYPTOTOPCARD_BASE_URL

# Create a card
card = client.cards.create(bin_id="491653", amount=500, label="Ad Spend")
print(card.id, card.last4)

# Get full card details (PAN, CVV): printed masked here; repr() never shows them.
details = client.cards.details(card.id)
print(details)
print("PAN ending", details.pan[-4:], "expires", f"{details.exp_month:02d}/{details.exp_year}")

# Fund the card
funding = client.cards.fund(card.id, amount=200)
print("balance", funding.previous_balance, "->", funding.new_balance)

# A sandbox purchase, then list transactions
client.sandbox.authorize(
    card_id=card.id, amount=12.5, merchant={"name": "FACEBK ADS", "category": "advertising"}
)
txns = client.transactions.list(card_id=card.id)
for t in txns.data:
    print(t.merchant.name, t.amount)

client.close()
