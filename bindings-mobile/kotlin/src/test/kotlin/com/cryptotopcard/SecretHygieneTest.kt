package com.cryptotopcard

import com.cryptotopcard.models.ThreeDsChallenge
import com.cryptotopcard.models.ThreeDsStatus
import javax.crypto.Mac
import javax.crypto.spec.SecretKeySpec
import kotlinx.coroutines.flow.toList
import kotlinx.coroutines.runBlocking
import org.junit.jupiter.api.AfterAll
import org.junit.jupiter.api.Assertions.assertEquals
import org.junit.jupiter.api.Assertions.assertFalse
import org.junit.jupiter.api.Assertions.assertTrue
import org.junit.jupiter.api.BeforeAll
import org.junit.jupiter.api.Test
import org.junit.jupiter.api.TestInstance

/**
 * Everything a session prints (`toString()` of results, errors and objects, and
 * `Throwable.message`) carries no API key, PAN, CVV, 3DS OTP or webhook secret.
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
            var otp = ""
            val otherOtps = mutableListOf<String>()
            val otherSecrets = mutableListOf<String>()
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
                // The raw bodies hold the secrets in clear; the records print their size only.
                val detailsResponse = client.cards.detailsWithResponse(card.id)
                assertTrue(detailsResponse.rawJson.contains(pan), "rawJson keeps the body as sent")
                print("detailsWithResponse", detailsResponse)
                print("list", client.cards.list())
                print("listWithResponse", client.cards.listWithResponse())
                val webhookResponse =
                    client.webhooks.createWithResponse(
                        url = "http://127.0.0.1:9/other",
                        events = listOf("*"),
                    )
                assertTrue(webhookResponse.rawJson.contains(webhookResponse.data.secret!!.expose()))
                otherSecrets += webhookResponse.data.secret!!.expose()
                print("webhooks.createWithResponse", webhookResponse)
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

                // 3DS: the page and the webhook event print through Rust `Debug`, which masks
                // the OTP (the bare ThreeDsChallenge record: see otpNeverPrinted).
                val challenge = client.sandbox.challenge(card.id, "Shop", 10.0)
                otp = challenge.otp ?: ""
                print("threeds.list", client.threeds.list(cardId = card.id))
                val challengeResponse = client.sandbox.challengeWithResponse(card.id, "Shop", 11.0)
                val otp2 = challengeResponse.data.otp ?: ""
                otherOtps += otp2
                assertTrue(otp2.length == 6 && challengeResponse.rawJson.contains(otp2))
                print("sandbox.challengeWithResponse", challengeResponse)
                print("threeds.listWithResponse", client.threeds.listWithResponse(cardId = card.id))
                print(
                    "threeds.retrieveWithResponse",
                    client.threeds.retrieveWithResponse(challenge.id),
                )
                val payload =
                    """{"id":"evt_hygiene","type":"3ds.challenge",""" +
                        """"created_at":"${java.time.Instant.now()}",""" +
                        """"data":{"id":"${challenge.id}","card_id":"${card.id}",""" +
                        """"merchant":"Shop","amount":10.0,"otp":"$otp","status":"pending",""" +
                        """"expires_at":"2026-04-15T12:05:00Z","created_at":"2026-04-15T12:00:00Z"}}"""
                val event = constructEvent(payload, hmacHex(webhookSecret, payload), webhookSecret)
                assertTrue(event.dataJson.contains(otp) && event.challenge?.otp == otp)
                print("3ds webhook event", event)

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
            assertTrue(otp.length == 6, "otp: ${otp.length} characters")
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
                assertFalse(text.contains(otp), "$what prints the OTP: $text")
                for (other in otherOtps) {
                    assertFalse(text.contains(other), "$what prints an OTP: $text")
                }
                for (other in otherSecrets) {
                    assertFalse(text.contains(other), "$what prints a webhook secret: $text")
                }
            }
            // The details object's own text has no CVV digits standing alone (they may occur
            // inside the id or the last four digits by chance).
            val details = printed.first { it.first == "details" }.second
            assertFalse(
                Regex("\\b$cvv\\b").containsMatchIn(details),
                "details print the CVV: $details",
            )
        }

    /**
     * The core's `ThreeDsChallenge` record (the spec's `ThreeDSChallenge`) prints (`toString()`)
     * through the core's generated `Debug`, which masks the OTP (`x-sensitive`): the generator
     * exports `Debug` to uniffi for every record with a sensitive field.
     */
    @Test
    fun otpNeverPrinted() =
        runBlocking<Unit> {
            val probe =
                ThreeDsChallenge(
                    id = "3ds_probe",
                    cardId = "card_probe",
                    merchant = "Shop",
                    amount = 10.0,
                    otp = "482913",
                    status = ThreeDsStatus.Pending,
                    expiresAt = java.time.Instant.now(),
                    createdAt = java.time.Instant.now(),
                    completedAt = null,
                )
            assertFalse(
                probe.toString().contains("482913"),
                "ThreeDsChallenge.toString() prints the OTP ($probe)",
            )
            sandbox.client().use { client ->
                val card = client.cards.create(binId = "491653", amount = 20.0)
                val challenge = client.sandbox.challenge(card.id, "Shop", 10.0)
                val otp = challenge.otp
                val printed =
                    listOf(
                        "challenge" to challenge.toString(),
                        "retrieve" to client.threeds.retrieve(challenge.id).toString(),
                        "list" to client.threeds.list(cardId = card.id).toString(),
                        "listAutoPaging" to
                            client.threeds
                                .listAutoPaging(cardId = card.id)
                                .use { it.asFlow().toList() }
                                .toString(),
                        "copy" to challenge.copy(merchant = "Other").toString(),
                    )
                for ((what, text) in printed) {
                    assertFalse(text.contains(otp), "$what prints the OTP: $text")
                    assertTrue(text.contains(challenge.id), "$what: $text")
                }
                assertEquals(6, otp.length, "the value itself stays readable")
            }
        }

    private fun hmacHex(secret: String, payload: String): String {
        val mac = Mac.getInstance("HmacSHA256")
        mac.init(SecretKeySpec(secret.toByteArray(), "HmacSHA256"))
        return mac.doFinal(payload.toByteArray()).joinToString("") { "%02x".format(it) }
    }
}
