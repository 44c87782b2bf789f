package com.cryptotopcard

import kotlinx.coroutines.runBlocking
import org.junit.jupiter.api.AfterAll
import org.junit.jupiter.api.Assertions.assertFalse
import org.junit.jupiter.api.Assertions.assertTrue
import org.junit.jupiter.api.BeforeAll
import org.junit.jupiter.api.Test
import org.junit.jupiter.api.TestInstance

/**
 * Everything a session prints (`toString()` of results, errors and objects, and
 * `Throwable.message`) carries no API key, PAN, CVV or webhook secret.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class SecretHygieneTest {
    private lateinit var sandbox: SandboxProcess

    @BeforeAll
    fun startSandbox() {
        sandbox = SandboxProcess.start()
    }

    @AfterAll
    fun stopSandbox() {
        sandbox.close()
    }

    @Test
    fun noSecretInAnyPrintedResultOrError() =
        runBlocking<Unit> {
            val key = sandbox.newKey()
            val printed = mutableListOf<Pair<String, String>>()
            fun print(what: String, value: Any?) {
                printed += what to value.toString()
                if (value is Throwable) printed += "$what.message" to (value.message ?: "")
            }
            suspend fun failing(what: String, call: suspend () -> Any?) {
                try {
                    call()
                    error("$what: expected an error")
                } catch (e: CryptoTopCardException) {
                    print(what, e)
                }
            }

            var pan = ""
            var cvv = ""
            var webhookSecret = ""
            sandbox.client(apiKey = key).use { client ->
                print("client", client)
                val card = client.cards.create(binId = "491653", amount = 50.0, label = "hygiene")
                print("card", card)
                print("createWithResponse", client.cards.createWithResponse("491653", 5.0))
                print("fundWithResponse", client.cards.fundWithResponse(card.id, 5.0))
                print("retrieveWithResponse", client.cards.retrieveWithResponse(card.id))
                client.cards.details(card.id).use { details ->
                    pan = details.pan()
                    cvv = details.cvv()
                    print("details", details)
                    print("maskedPan", details.maskedPan())
                }
                print("list", client.cards.list())
                val webhook =
                    client.webhooks.create(url = "http://127.0.0.1:9/hooks", events = listOf("*"))
                webhookSecret = webhook.secret!!.expose()
                print("webhook", webhook)
                print("webhook.secret", webhook.secret)
                print("webhooks.list", client.webhooks.list())
                val tx = client.sandbox.authorize(card.id, 1.0, "Shop")
                print("authorize", tx)
                print("transactions", client.transactions.list(cardId = card.id))
                print("wallet", client.wallet.retrieve())

                failing("validation") { client.cards.create(binId = "491653", amount = -1.0) }
                failing("not found") { client.cards.retrieve("card_missing") }
                failing("conflict") {
                    client.cards.terminate(card.id)
                    client.cards.fund(card.id, 1.0)
                }
            }
            // A key the sandbox refuses (well-formed, so it is sent): 401.
            val badKey = "sk_bogus_" + key.removePrefix("sk_test_")
            CryptoTopCard(apiKey = badKey, baseUrl = sandbox.baseUrl, maxRetries = 0u).use {
                print("bad-key client", it)
                failing("authentication") { it.wallet.retrieve() }
            }
            // Keys refused at construction.
            for (malformed in listOf("sk_test_a b", "pk_live_x")) {
                try {
                    CryptoTopCard(apiKey = malformed, baseUrl = sandbox.baseUrl).close()
                    error("no error for a malformed key")
                } catch (e: CryptoTopCardException.Configuration) {
                    print("configuration", e)
                    assertFalse(e.toString().contains(malformed), e.toString())
                }
            }

            assertTrue(pan.length >= 12 && cvv.length >= 3 && webhookSecret.length >= 16)
            val cvvNearby = Regex("(?i)cvv\\W{0,6}" + Regex.escape(cvv))
            val secrets =
                mapOf(
                    "API key" to key,
                    "bad API key" to badKey,
                    "PAN" to pan,
                    "webhook secret" to webhookSecret,
                )
            for ((what, text) in printed) {
                for ((name, secret) in secrets) {
                    assertFalse(text.contains(secret), "$what prints the $name: $text")
                }
                assertFalse(text.contains(pan.substring(0, 12)), "$what prints the PAN: $text")
                assertFalse(cvvNearby.containsMatchIn(text), "$what prints the CVV: $text")
            }
            // The details object's own text has no CVV digits at all.
            val details = printed.first { it.first == "details" }.second
            assertFalse(details.contains(cvv), "details print the CVV: $details")
        }
}
