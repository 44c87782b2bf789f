package com.cryptotopcard

import kotlinx.coroutines.runBlocking
import org.junit.jupiter.api.AfterAll
import org.junit.jupiter.api.Assertions.assertEquals
import org.junit.jupiter.api.Assertions.assertFalse
import org.junit.jupiter.api.Assertions.assertNotEquals
import org.junit.jupiter.api.Assertions.assertNotNull
import org.junit.jupiter.api.Assertions.assertNull
import org.junit.jupiter.api.Assertions.assertTrue
import org.junit.jupiter.api.BeforeAll
import org.junit.jupiter.api.Test
import org.junit.jupiter.api.TestInstance
import org.junit.jupiter.api.assertThrows

/**
 * Issue 11 item 5 (Kotlin): every error of a POST/PATCH/DELETE carries the idempotency key it was
 * sent with (`e.idempotencyKey`), so an application-level retry with that key cannot apply the call
 * twice. Faults come from the `X-Sandbox-Fault` header, sent by clients built with
 * `defaultHeaders`.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class IdempotencyKeyOnErrorTest {
    private lateinit var sandbox: SandboxProcess

    @BeforeAll
    fun startSandbox() {
        sandbox = SandboxProcess.start()
    }

    @AfterAll
    fun stopSandbox() {
        sandbox.close()
    }

    private fun faulty(apiKey: String, fault: String, timeoutSeconds: Double = 30.0) =
        CryptoTopCard(
            apiKey = apiKey,
            baseUrl = sandbox.baseUrl,
            timeoutSeconds = timeoutSeconds,
            maxRetries = 0u,
            defaultHeaders = mapOf("X-Sandbox-Fault" to fault),
        )

    private val uuid =
        Regex("^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$")

    @Test
    fun createDroppedAfterCommitRetriedWithTheErrorsKeyIssuesOneCard() =
        runBlocking<Unit> {
            val apiKey = sandbox.newKey()
            // The sandbox issues the card, stores the answer under the key, then closes the
            // connection without answering: the SDK sees a connection error.
            val e =
                faulty(apiKey, "drop_after_commit").use { client ->
                    assertThrows<CryptoTopCardException.ApiConnection> {
                        runBlocking { client.cards.create(binId = "491653", amount = 25.0) }
                    }
                }
            val key = e.idempotencyKey
            assertNotNull(key, "the error carries the key: $e")
            assertTrue(uuid.matches(key!!), "a generated UUID v4: $key")
            // The same, read through the base class (a catch of CryptoTopCardException).
            val caught: CryptoTopCardException = e
            assertEquals(key, caught.idempotencyKey)

            sandbox.client(apiKey = apiKey, maxRetries = 0u).use { client ->
                val retried =
                    client.cards.createWithResponse(
                        binId = "491653",
                        amount = 25.0,
                        idempotencyKey = e.idempotencyKey,
                    )
                assertTrue(retried.meta.replayed, "the API replayed the committed create")
                assertEquals(key, retried.meta.idempotencyKey)
                val cards = client.cards.list()
                assertEquals(1uL, cards.pagination.total, "exactly one card: ${cards.data}")
                assertEquals(retried.data.id, cards.data.single().id)
                assertEquals(9_975.0, client.wallet.retrieve().balance, "paid for once")

                // Without the key the retry would have issued a second card.
                val again = client.cards.create(binId = "491653", amount = 25.0)
                assertNotEquals(retried.data.id, again.id)
            }
        }

    @Test
    fun theCallersOwnKeyIsTheOneReported() =
        runBlocking<Unit> {
            val apiKey = sandbox.newKey()
            val mine = newIdempotencyKey()
            assertTrue(uuid.matches(mine), mine)
            assertNotEquals(mine, newIdempotencyKey())
            faulty(apiKey, "drop_after_commit").use { client ->
                val viaParameter =
                    assertThrows<CryptoTopCardException.ApiConnection> {
                        runBlocking {
                            client.cards.fund("card_missing", 1.0, idempotencyKey = mine)
                        }
                    }
                assertEquals(mine, viaParameter.idempotencyKey)
                val viaOptions =
                    assertThrows<CryptoTopCardException.ApiConnection> {
                        runBlocking {
                            client.sandbox.deposit(
                                currency = com.cryptotopcard.models.CryptoCurrency.Btc,
                                amountUsd = 10.0,
                                options = RequestOptions(idempotencyKey = "order-42-deposit"),
                            )
                        }
                    }
                assertEquals("order-42-deposit", viaOptions.idempotencyKey)
            }
        }

    @Test
    fun apiErrorsAndTimeoutsOfMutatingCallsCarryTheKeyReadsAndValidationDoNot() =
        runBlocking<Unit> {
            val apiKey = sandbox.newKey()
            sandbox.client(apiKey = apiKey, maxRetries = 0u).use { client ->
                val card = client.cards.create(binId = "491653", amount = 5.0)
                client.cards.terminate(card.id)
                // 409 card_terminated from a POST: the key it was sent with.
                val conflict =
                    assertThrows<CryptoTopCardException.Conflict> {
                        runBlocking { client.cards.fund(card.id, 1.0) }
                    }
                assertEquals("card_terminated", conflict.errorCode)
                assertNotNull(conflict.idempotencyKey)
                // 404 from a GET: no key was sent.
                val missing =
                    assertThrows<CryptoTopCardException.NotFound> {
                        runBlocking { client.cards.retrieve("card_missing") }
                    }
                assertNull(missing.idempotencyKey)
                // Refused before sending: nothing was sent, no key.
                val invalid =
                    assertThrows<CryptoTopCardException.Validation> {
                        runBlocking { client.cards.create(binId = "491653", amount = -1.0) }
                    }
                assertNull(invalid.idempotencyKey)
            }
            // A 500 answered before any work, and a timeout while the sandbox holds the request.
            faulty(apiKey, "error_500").use { client ->
                val e =
                    assertThrows<CryptoTopCardException.InternalServer> {
                        runBlocking { client.cards.create(binId = "491653", amount = 5.0) }
                    }
                assertNotNull(e.idempotencyKey)
            }
            faulty(apiKey, "delay_ms=3000", timeoutSeconds = 0.3).use { client ->
                val e =
                    assertThrows<CryptoTopCardException.ApiTimeout> {
                        runBlocking {
                            client.wallet.retrieve(
                                options = RequestOptions(idempotencyKey = "read-1")
                            )
                        }
                    }
                assertEquals("read-1", e.idempotencyKey, "a GET given a key reports it")
                val t =
                    assertThrows<CryptoTopCardException.ApiTimeout> {
                        runBlocking { client.cards.create(binId = "491653", amount = 5.0) }
                    }
                assertTrue(uuid.matches(t.idempotencyKey ?: ""), "${t.idempotencyKey}")
                assertFalse(t.toString().isEmpty())
            }
        }

    @Test
    fun reservedDefaultHeadersAreRefused() {
        for (name in listOf("Authorization", "X-Idempotency-Key", "content-type")) {
            val e =
                assertThrows<CryptoTopCardException.Configuration> {
                    CryptoTopCard(
                            apiKey = sandbox.newKey(),
                            baseUrl = sandbox.baseUrl,
                            defaultHeaders = mapOf(name to "x"),
                        )
                        .close()
                }
            assertEquals("default_headers", e.field, name)
        }
    }
}
