package com.cryptotopcard

import java.util.UUID
import kotlinx.coroutines.runBlocking
import org.junit.jupiter.api.AfterAll
import org.junit.jupiter.api.Assertions.assertEquals
import org.junit.jupiter.api.Assertions.assertFalse
import org.junit.jupiter.api.Assertions.assertNotNull
import org.junit.jupiter.api.Assertions.assertTrue
import org.junit.jupiter.api.BeforeAll
import org.junit.jupiter.api.Test
import org.junit.jupiter.api.TestInstance
import org.junit.jupiter.api.assertThrows

/**
 * Per-call `RequestOptions` (timeout, retries, idempotency key) and `*WithResponse` metadata,
 * against real sandboxes. Faults come from sandboxes started with `--faults` (every request gets
 * `delay_ms=2000`, or every request gets `error_503`), so the counters of `GET /v1/sandbox/stats`
 * belong to this test alone.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class RequestOptionsTest {
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
    fun perCallTimeoutOverridesTheClientTimeout() =
        runBlocking<Unit> {
            SandboxProcess.start("--faults", "delay_ms=2000@1").use { slow ->
                // The client allows 30 s; this one call allows 0.3 s.
                slow.client(maxRetries = 0u).use { client ->
                    val started = System.nanoTime()
                    val e =
                        assertThrows<CryptoTopCardException.ApiTimeout> {
                            runBlocking {
                                client.wallet.retrieve(
                                    options = RequestOptions(timeoutSeconds = 0.3)
                                )
                            }
                        }
                    val ms = (System.nanoTime() - started) / 1_000_000
                    assertTrue(ms < 1_500, "timed out after $ms ms, not at the 2 s answer")
                    assertTrue(e.errorMessage.isNotEmpty())
                    // Without the override the same call waits for the delayed answer.
                    assertEquals(10_000.0, client.wallet.retrieve().balance)
                }
            }
        }

    @Test
    fun perCallMaxRetriesOverridesTheClientRetries() =
        runBlocking<Unit> {
            SandboxProcess.start("--faults", "error_503=1").use { failing ->
                failing.client(maxRetries = 2u).use { client ->
                    fun served503() = failing.stats()["error_503"] ?: 0L

                    var before = served503()
                    val once =
                        assertThrows<CryptoTopCardException.InternalServer> {
                            runBlocking {
                                client.bins.list(options = RequestOptions(maxRetries = 0u))
                            }
                        }
                    assertEquals(503.toUShort(), once.status)
                    assertEquals(1L, served503() - before, "maxRetries = 0: exactly one attempt")

                    before = served503()
                    assertThrows<CryptoTopCardException.InternalServer> {
                        runBlocking { client.bins.list() }
                    }
                    assertEquals(3L, served503() - before, "the client's 2 retries: 3 attempts")
                }
            }
        }

    @Test
    fun badPerCallTimeoutIsAValidationError() =
        runBlocking<Unit> {
            sandbox.client().use { client ->
                for (secs in listOf(0.0, -1.0, Double.NaN, Double.POSITIVE_INFINITY)) {
                    val e =
                        assertThrows<CryptoTopCardException.Validation> {
                            runBlocking {
                                client.wallet.retrieve(
                                    options = RequestOptions(timeoutSeconds = secs)
                                )
                            }
                        }
                    assertEquals("timeout_seconds", e.field, "timeoutSeconds = $secs")
                }
            }
        }

    @Test
    fun createWithResponseReportsReplayedForTheSameIdempotencyKey() =
        runBlocking<Unit> {
            sandbox.client().use { client ->
                val key = "create-" + UUID.randomUUID()
                val first =
                    client.cards.createWithResponse(
                        binId = "491653",
                        amount = 20.0,
                        idempotencyKey = key,
                    )
                assertEquals(201.toUShort(), first.meta.status)
                assertFalse(first.meta.replayed)
                assertEquals(key, first.meta.idempotencyKey)
                assertEquals(0u, first.meta.retries)
                assertNotNull(first.meta.requestId)
                assertEquals(first.meta.requestId, first.meta.headers["x-request-id"])

                // The same key, given through RequestOptions this time.
                val second =
                    client.cards.createWithResponse(
                        binId = "491653",
                        amount = 20.0,
                        options = RequestOptions(idempotencyKey = key),
                    )
                assertTrue(second.meta.replayed, "the second create is a replay: ${second.meta}")
                assertEquals(key, second.meta.idempotencyKey)
                assertEquals(first.data.id, second.data.id)
                assertEquals(9_980.0, client.wallet.retrieve().balance, "one card issued")
            }
        }

    @Test
    fun fundWithdrawRetrieveWithResponse() =
        runBlocking<Unit> {
            sandbox.client().use { client ->
                val card = client.cards.create(binId = "491653", amount = 10.0)
                val funded = client.cards.fundWithResponse(card.id, 5.0)
                assertEquals(200.toUShort(), funded.meta.status)
                assertNotNull(funded.meta.idempotencyKey, "the core generated a key")
                assertFalse(funded.meta.replayed)
                assertEquals(15.0, funded.data.newBalance)

                val withdrawn = client.cards.withdrawWithResponse(card.id, 3.0)
                assertEquals(200.toUShort(), withdrawn.meta.status)
                assertFalse(withdrawn.meta.replayed)

                val got = client.cards.retrieveWithResponse(card.id)
                assertEquals(200.toUShort(), got.meta.status)
                assertEquals(12.0, got.data.balance)
                assertNotNull(got.meta.requestId)
            }
        }
}
