package com.cryptotopcard

import com.cryptotopcard.models.CardNetwork
import com.cryptotopcard.models.CardStatus
import com.cryptotopcard.models.Category
import com.cryptotopcard.models.CryptoCurrency
import com.cryptotopcard.models.EventType
import com.cryptotopcard.models.MetadataValue
import com.cryptotopcard.models.ThreeDsStatus
import com.cryptotopcard.models.TransactionType
import com.sun.net.httpserver.HttpServer
import java.io.File
import java.net.InetSocketAddress
import java.time.Instant
import java.util.UUID
import java.util.concurrent.LinkedBlockingQueue
import java.util.concurrent.TimeUnit
import javax.crypto.Mac
import javax.crypto.spec.SecretKeySpec
import kotlinx.coroutines.Dispatchers
import kotlinx.coroutines.TimeoutCancellationException
import kotlinx.coroutines.async
import kotlinx.coroutines.awaitAll
import kotlinx.coroutines.flow.toList
import kotlinx.coroutines.runBlocking
import kotlinx.coroutines.withContext
import kotlinx.coroutines.withTimeout
import org.junit.jupiter.api.AfterAll
import org.junit.jupiter.api.Assertions.assertEquals
import org.junit.jupiter.api.Assertions.assertFalse
import org.junit.jupiter.api.Assertions.assertNotNull
import org.junit.jupiter.api.Assertions.assertNotSame
import org.junit.jupiter.api.Assertions.assertNull
import org.junit.jupiter.api.Assertions.assertSame
import org.junit.jupiter.api.Assertions.assertTrue
import org.junit.jupiter.api.BeforeAll
import org.junit.jupiter.api.Test
import org.junit.jupiter.api.TestInstance
import org.junit.jupiter.api.assertThrows

/** The Kotlin SDK against a real ctc-sandbox over HTTP on 127.0.0.1 (no mocks). */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ClientTest {
    private lateinit var sandbox: SandboxProcess

    @BeforeAll
    fun startSandbox() {
        sandbox = SandboxProcess.start()
    }

    @AfterAll
    fun stopSandbox() {
        sandbox.close()
    }

    private fun money(x: Double?): Long = Math.round((x ?: Double.NaN) * 100)

    @Test
    fun cardLifecycleCreateRetrieveFundFreezeUnfreezeTerminate() =
        runBlocking<Unit> {
            sandbox.client().use { client ->
                val walletBefore = client.wallet.retrieve()
                assertEquals(1_000_000L, money(walletBefore.balance))

                val card =
                    client.cards.create(
                        binId = "491653",
                        amount = 500.0,
                        label = "Meta Ads Campaign #12",
                        allowedCategories = listOf(Category.Advertising),
                        metadata = mapOf("campaign" to MetadataValue.String("spring_2026")),
                    )
                assertTrue(card.id.startsWith("card_"), card.id)
                assertEquals(CardStatus.Active, card.status)
                assertEquals(CardNetwork.Visa, card.network)
                assertEquals(50_000L, money(card.balance))
                assertEquals(listOf(Category.Advertising), card.allowedCategories)
                assertEquals(MetadataValue.String("spring_2026"), card.metadata?.get("campaign"))
                assertEquals(4, card.last4?.length)
                val created = card.createdAt ?: error("no created_at")
                assertTrue(
                    java.time.Duration.between(created, Instant.now()).abs().seconds < 3600,
                    "createdAt is an Instant near now: $created",
                )
                assertTrue(card.expiresAt!!.isAfter(created))

                val fetched = client.cards.retrieve(card.id)
                assertEquals(card.id, fetched.id)
                assertEquals("Meta Ads Campaign #12", fetched.label)

                val funding = client.cards.fund(card.id, 200.0)
                assertEquals(50_000L, money(funding.previousBalance))
                assertEquals(20_000L, money(funding.fundedAmount))
                assertEquals(70_000L, money(funding.newBalance))
                assertEquals(1_000_000L - 70_000L, money(funding.walletBalance))

                val withdrawal = client.cards.withdraw(card.id, 50.0)
                assertEquals(65_000L, money(withdrawal.newBalance))

                val updated =
                    client.cards.update(
                        card.id,
                        label = "renamed",
                        metadata = mapOf("team" to MetadataValue.String("growth")),
                    )
                assertEquals("renamed", updated.label)
                assertEquals(
                    MetadataValue.String("spring_2026"),
                    updated.metadata?.get("campaign"),
                    "metadata merges",
                )
                assertEquals(MetadataValue.String("growth"), updated.metadata?.get("team"))

                assertEquals(CardStatus.Frozen, client.cards.freeze(card.id).status)
                assertEquals(CardStatus.Active, client.cards.unfreeze(card.id).status)

                val terminated = client.cards.terminate(card.id)
                assertEquals(CardStatus.Terminated, terminated.status)
                assertEquals(65_000L, money(terminated.refundedAmount))
                assertEquals(
                    1_000_000L,
                    money(client.wallet.retrieve().balance),
                    "balance refunded to the wallet",
                )

                val listed = client.cards.list(status = CardStatus.Terminated)
                assertEquals(listOf(card.id), listed.data.map { it.id })
            }
        }

    @Test
    fun cardDetailsArePrintedMasked() =
        runBlocking<Unit> {
            sandbox.client().use { client ->
                val card = client.cards.create(binId = "531993", amount = 10.0)
                client.cards.details(card.id).use { details ->
                    val pan = details.pan()
                    val cvv = details.cvv()
                    assertEquals(16, pan.length)
                    assertTrue(pan.startsWith("531993"), "PAN starts with its BIN")
                    assertTrue(luhn(pan), "PAN passes the Luhn check")
                    assertTrue(cvv.length in 3..4)
                    assertEquals(card.last4, pan.takeLast(4))
                    val printed = details.toString()
                    assertFalse(printed.contains(pan), "toString() must not show the PAN: $printed")
                    assertFalse(printed.contains(pan.substring(0, 12)), printed)
                    assertTrue(printed.contains(pan.takeLast(4)), printed)
                    assertEquals("**** ${pan.takeLast(4)}", details.maskedPan())
                    assertNotNull(details.expYear())
                }
            }
        }

    @Test
    fun typedErrorsCarryStatusCodeRequestIdAndField() =
        runBlocking<Unit> {
            sandbox.client().use { client ->
                // Rejected by the core before any request: names the field, no status.
                val invalid =
                    assertThrows<CryptoTopCardException.Validation> {
                        runBlocking { client.cards.create(binId = "491653", amount = 0.5) }
                    }
                assertEquals("amount", invalid.field)
                assertNull(invalid.status)
                assertNull(invalid.requestId)
                val tooPrecise =
                    assertThrows<CryptoTopCardException.Validation> {
                        runBlocking { client.cards.fund("card_x", 10.001) }
                    }
                assertEquals("amount", tooPrecise.field)

                val missing =
                    assertThrows<CryptoTopCardException.NotFound> {
                        runBlocking { client.cards.retrieve("card_doesnotexist") }
                    }
                assertEquals(404.toUShort(), missing.status)
                assertEquals("not_found", missing.errorCode)
                assertTrue(
                    missing.requestId?.startsWith("req_") == true,
                    "request id: ${missing.requestId}",
                )

                // 10,000.00 in the wallet: two 5,000 cards empty it, the third is
                // insufficient_funds.
                client.cards.create(binId = "491653", amount = 5000.0)
                val second = client.cards.create(binId = "491653", amount = 5000.0)
                val broke =
                    assertThrows<CryptoTopCardException.InsufficientFunds> {
                        runBlocking { client.cards.create(binId = "491653", amount = 5000.0) }
                    }
                assertEquals(400.toUShort(), broke.status)
                assertEquals("insufficient_funds", broke.errorCode)
                assertEquals("InsufficientFundsError", broke.errorClass)
                assertTrue(broke.isA("BadRequestError") && broke.isA("APIError"))
                assertTrue(broke.errorMessage.isNotEmpty())

                client.cards.freeze(second.id)
                val conflict =
                    assertThrows<CryptoTopCardException.Conflict> {
                        runBlocking { client.cards.freeze(second.id) }
                    }
                assertEquals("invalid_card_state", conflict.errorCode)
                assertEquals(409.toUShort(), conflict.status)

                client.cards.terminate(second.id)
                val terminated =
                    assertThrows<CryptoTopCardException.Conflict> {
                        runBlocking { client.cards.fund(second.id, 5.0) }
                    }
                assertEquals("card_terminated", terminated.errorCode)

                // Catchable through the sealed base class, with a message naming the code.
                val asBase: CryptoTopCardException = terminated
                assertTrue(asBase.message!!.contains("card_terminated"), asBase.message)
            }
        }

    @Test
    fun authenticationAndConfigurationErrors() =
        runBlocking<Unit> {
            val unauth = sandbox.client(apiKey = "sk_bogus_key")
            val e =
                assertThrows<CryptoTopCardException.Authentication> {
                    runBlocking { unauth.wallet.retrieve() }
                }
            assertEquals(401.toUShort(), e.status)
            assertFalse(e.toString().contains("sk_bogus_key"), "the key is never printed: $e")
            assertFalse(
                unauth.toString().contains("sk_bogus_key"),
                "the client's Debug hides the key",
            )
            unauth.close()

            if (System.getenv("CRYPTOTOPCARD_API_KEY") == null) {
                val conf =
                    assertThrows<CryptoTopCardException.Configuration> {
                        CryptoTopCard(baseUrl = sandbox.baseUrl)
                    }
                assertTrue(conf.errorMessage.contains("CRYPTOTOPCARD_API_KEY"), conf.errorMessage)
            }
            val badTimeout =
                assertThrows<CryptoTopCardException.Validation> {
                    CryptoTopCard(
                        apiKey = sandbox.newKey(),
                        baseUrl = sandbox.baseUrl,
                        timeoutSeconds = -1.0,
                    )
                }
            assertEquals("timeout_seconds", badTimeout.field)
        }

    @Test
    fun rateLimitedCarriesRetryAfter() =
        runBlocking<Unit> {
            // GET /cards/{id}/details allows 30 requests a minute per key; no retries, so the 429
            // reaches us as a typed error.
            sandbox.client(maxRetries = 0u).use { client ->
                val card = client.cards.create(binId = "491653", amount = 1.0)
                val limited =
                    assertThrows<CryptoTopCardException.RateLimit> {
                        runBlocking { repeat(31) { client.cards.details(card.id).close() } }
                    }
                assertEquals(429.toUShort(), limited.status)
                assertEquals("rate_limited", limited.errorCode)
                assertTrue((limited.retryAfter ?: 0.0) > 0.0, "retryAfter: ${limited.retryAfter}")
            }
        }

    @Test
    fun timeoutConnectionAndCancellation() =
        runBlocking<Unit> {
            // Every request to this sandbox is held 5 s before it is answered.
            SandboxProcess.start("--faults", "delay_ms=5000@1").use { slow ->
                CryptoTopCard(
                        apiKey = slow.newKey(),
                        baseUrl = slow.baseUrl,
                        timeoutSeconds = 0.3,
                        maxRetries = 0u,
                    )
                    .use { client ->
                        val e =
                            assertThrows<CryptoTopCardException.ApiTimeout> {
                                runBlocking { client.wallet.retrieve() }
                            }
                        assertTrue(e.errorMessage.isNotEmpty())
                    }
                // Cancelling the coroutine cancels the call (the Rust task is aborted).
                slow.client().use { client ->
                    assertThrows<TimeoutCancellationException> {
                        runBlocking { withTimeout(300) { client.wallet.retrieve() } }
                    }
                }
            }
            // Nothing listens on port 1.
            CryptoTopCard(
                    apiKey = sandbox.newKey(),
                    baseUrl = "http://127.0.0.1:1/v1",
                    maxRetries = 0u,
                )
                .use { client ->
                    assertThrows<CryptoTopCardException.ApiConnection> {
                        runBlocking { client.bins.list() }
                    }
                }
        }

    /** `client.cards` is made once per client (ResourceCache), not one native object per use. */
    @Test
    fun resourceAccessorsReturnOneObjectPerClient() =
        runBlocking<Unit> {
            val client = sandbox.client()
            val cards = client.cards
            assertSame(cards, client.cards)
            assertSame(client.wallet, client.wallet)
            sandbox.client().use { other -> assertNotSame(cards, other.cards) }
            assertEquals(0, client.cards.list(perPage = 1u).data.size)
            client.close()
            // A closed client's accessors throw as `client.cards()` does.
            assertThrows<IllegalStateException> { client.cards }
        }

    @Test
    fun paginationOverCards() =
        runBlocking<Unit> {
            sandbox.client().use { client ->
                val ids =
                    (1..5).map {
                        client.cards.create(binId = "491653", amount = 1.0, label = "p$it").id
                    }
                val first = client.cards.list(perPage = 2u)
                assertEquals(2, first.data.size)
                assertEquals(1u, first.pagination.page)
                assertEquals(2u, first.pagination.perPage)
                assertEquals(5uL, first.pagination.total)
                assertEquals(3u, first.pagination.totalPages)

                val seen = mutableListOf<String>()
                var page = 1u
                while (true) {
                    val p = client.cards.list(perPage = 2u, page = page, order = "asc")
                    seen += p.data.map { it.id }
                    if (page >= (p.pagination.totalPages ?: 0u)) break
                    page++
                }
                assertEquals(ids, seen, "pages in creation order, no gaps or repeats")

                // Auto-paging: the core's stream, as a Flow; 5 cards over pages of 2 = 3 requests.
                val all =
                    client.cards.listAutoPaging(perPage = 2u, order = "asc").use {
                        it.asFlow().toList()
                    }
                assertEquals(ids, all.map { it.id })
                val pager = client.cards.listAutoPaging(perPage = 4u, page = 2u, order = "asc")
                assertEquals(ids[4], pager.next()?.id, "starts at the requested page")
                assertNull(pager.next())
                assertNull(pager.next(), "stays exhausted")
                pager.close()

                val outOfRange =
                    assertThrows<CryptoTopCardException.Validation> {
                        runBlocking { client.cards.list(perPage = 101u) }
                    }
                assertEquals("per_page", outOfRange.field)
            }
        }

    @Test
    fun threeDsChallengesListAndRetrieve() =
        runBlocking<Unit> {
            sandbox.client().use { client ->
                val card = client.cards.create(binId = "491653", amount = 20.0)
                val challenge = client.sandbox.challenge(card.id, "SPOTIFY", 9.99)
                assertTrue(challenge.id.startsWith("3ds_"), challenge.id)
                assertEquals(ThreeDsStatus.Pending, challenge.status)
                val otp = challenge.otp ?: error("no otp")
                assertTrue(otp.matches(Regex("\\d{6}")), otp)

                val listed = client.threeds.list(cardId = card.id, status = ThreeDsStatus.Pending)
                assertEquals(listOf(challenge.id), listed.data.map { it.id })
                val fetched = client.threeds.retrieve(challenge.id)
                assertEquals(otp, fetched.otp)
                assertEquals("SPOTIFY", fetched.merchant)
            }
        }

    @Test
    fun transactionsFromSandboxAuthorizations() =
        runBlocking<Unit> {
            sandbox.client().use { client ->
                val card =
                    client.cards.create(
                        binId = "491653",
                        amount = 100.0,
                        allowedCategories = listOf(Category.Advertising),
                    )
                val ok =
                    client.sandbox.authorize(
                        card.id,
                        12.5,
                        "FACEBK ADS",
                        category = Category.Advertising,
                    )
                assertEquals(TransactionType.Settlement, ok.transactionType)
                val declined =
                    client.sandbox.authorize(card.id, 5.0, "STEAM", category = Category.Gaming)
                assertEquals(TransactionType.Decline, declined.transactionType)
                assertNotNull(declined.declineReason)

                val txns = client.transactions.list(cardId = card.id)
                assertEquals(setOf(ok.id, declined.id), txns.data.map { it.id }.toSet())
                val everyOne =
                    client.transactions.listAutoPaging(cardId = card.id, perPage = 1u).use {
                        it.asFlow().toList()
                    }
                assertEquals(setOf(ok.id, declined.id), everyOne.map { it.id }.toSet())
                val settled =
                    client.transactions.list(
                        cardId = card.id,
                        transactionType = TransactionType.Settlement,
                    )
                assertEquals(listOf(ok.id), settled.data.map { it.id })
                val full = client.transactions.retrieve(ok.id)
                assertEquals("FACEBK ADS", full.merchant?.name)
                assertEquals(8_750L, money(client.cards.retrieve(card.id).balance))
            }
        }

    @Test
    fun walletBinsAndDeposits() =
        runBlocking<Unit> {
            sandbox.client().use { client ->
                val bins = client.bins.list().data.map { it.id }.toSet()
                assertEquals(setOf("491653", "531993"), bins)

                val addresses = client.wallet.addresses()
                assertTrue(
                    addresses.addresses.keys.containsAll(listOf("btc", "eth", "sol", "usdt")),
                    "$addresses",
                )

                val deposit = client.sandbox.deposit(CryptoCurrency.Btc, 500.0)
                assertEquals(49_000L, money(deposit.creditedUsd), "2% fee")
                assertEquals(1_049_000L, money(client.wallet.retrieve().balance))
                assertEquals(listOf(deposit.id), client.wallet.deposits().data.map { it.id })
            }
        }

    @Test
    fun webhookEndpointsAndSignatures() =
        runBlocking<Unit> {
            sandbox.client().use { client ->
                val secret = "whsec_" + UUID.randomUUID().toString().replace("-", "")
                val endpoint =
                    client.webhooks.create(
                        url = "http://127.0.0.1:9/hooks",
                        events = listOf("card.created", "3ds.challenge"),
                        secret = secret,
                    )
                assertTrue(endpoint.id.startsWith("wh_"), endpoint.id)
                assertEquals(secret, endpoint.secret?.expose())
                assertFalse(
                    endpoint.toString().contains(secret),
                    "the secret is never printed: $endpoint",
                )
                assertEquals(listOf(endpoint.id), client.webhooks.list().data.map { it.id })
                client.webhooks.delete(endpoint.id)
                assertTrue(client.webhooks.list().data.isEmpty())
            }

            val secret = "whsec_0123456789abcdefghijklmnopqrstuv"
            val payload =
                """{"id":"evt_1","type":"card.created","created_at":"${Instant.now()}",""" +
                    """"data":{"id":"card_1","status":"active","brand_new_field":1,""" +
                    """"bin_id":"491653","network":"visa","last4":"2039","balance":5.0,"spending_limit":2000.0,"label":null,"metadata":{},"created_at":"2026-04-15T12:00:00Z","expires_at":"2029-04-30T23:59:59Z"}}"""
            val signature = hmacHex(secret, payload)
            assertTrue(verifyWebhook(payload, signature, secret))
            assertTrue(verifyWebhook(payload.toByteArray(), signature, secret))
            assertFalse(verifyWebhook(payload + " ", signature, secret))
            assertFalse(verifyWebhook(payload, signature, secret + "x"))
            assertFalse(verifyWebhook(payload, signature.uppercase(), secret))

            val event = constructEvent(payload, signature, secret)
            assertEquals("evt_1", event.id)
            assertEquals(EventType.CardCreated, event.eventType)
            assertEquals("card_1", event.card?.id)
            assertEquals(CardStatus.Active, event.card?.status)
            assertNull(event.transaction)

            val bad =
                assertThrows<CryptoTopCardException.WebhookVerification> {
                    constructEvent(payload, "0".repeat(64), secret)
                }
            assertFalse(bad.toString().contains(secret))

            val old =
                """{"id":"evt_2","type":"card.frozen","created_at":"2020-01-01T00:00:00Z",""" +
                    """"data":{"id":"card_1","status":"frozen","bin_id":"491653","network":"visa","last4":"2039","balance":5.0,"spending_limit":2000.0,"label":null,"metadata":{},"created_at":"2026-04-15T12:00:00Z","expires_at":"2029-04-30T23:59:59Z"}}"""
            assertThrows<CryptoTopCardException.WebhookVerification> {
                constructEvent(old, hmacHex(secret, old), secret)
            }
            assertEquals(
                "evt_2",
                constructEvent(old, hmacHex(secret, old), secret, toleranceSeconds = 0u).id,
            )

            // Unknown event types and enum values survive as strings.
            val future =
                """{"id":"evt_3","type":"card.exploded","created_at":"${Instant.now()}","data":{"x":1}}"""
            val unknown = constructEvent(future, hmacHex(secret, future), secret)
            assertEquals(EventType.Unknown("card.exploded"), unknown.eventType)
            assertEquals("""{"x":1}""", unknown.dataJson)
            val futureStatus =
                """{"id":"evt_4","type":"card.frozen","created_at":"${Instant.now()}",""" +
                    """"data":{"id":"card_9","status":"vaporized",""" +
                    """"bin_id":"491653","network":"visa","last4":"2039","balance":5.0,"spending_limit":2000.0,"label":null,"metadata":{},"created_at":"2026-04-15T12:00:00Z","expires_at":"2029-04-30T23:59:59Z"}}"""
            assertEquals(
                CardStatus.Unknown("vaporized"),
                constructEvent(futureStatus, hmacHex(secret, futureStatus), secret).card?.status,
            )
        }

    @Test
    fun webhookDeliveriesVerifyAndParse() =
        runBlocking<Unit> {
            // A real HTTP endpoint in this JVM receives the sandbox's signed deliveries.
            val deliveries = LinkedBlockingQueue<Triple<ByteArray, String, String>>()
            val server = HttpServer.create(InetSocketAddress("127.0.0.1", 0), 0)
            server.createContext("/hooks") { exchange ->
                val body = exchange.requestBody.readBytes()
                val sig = exchange.requestHeaders.getFirst("X-CTC-Signature") ?: ""
                val type = exchange.requestHeaders.getFirst("X-CTC-Event") ?: ""
                deliveries.put(Triple(body, sig, type))
                exchange.sendResponseHeaders(204, -1)
                exchange.close()
            }
            server.start()
            try {
                sandbox.client().use { client ->
                    val endpoint =
                        client.webhooks.create(
                            url = "http://127.0.0.1:${server.address.port}/hooks",
                            events = listOf("card.created"),
                        )
                    val secret = endpoint.secret?.expose() ?: error("no secret on creation")
                    assertTrue(secret.startsWith("whsec_"))
                    val card = client.cards.create(binId = "491653", amount = 3.0)

                    val (body, signature, type) =
                        withContext(Dispatchers.IO) { deliveries.poll(30, TimeUnit.SECONDS) }
                            ?: error("no webhook delivery within 30 s")
                    assertEquals("card.created", type)
                    assertTrue(verifyWebhook(body, signature, secret))
                    assertFalse(verifyWebhook(body, signature, "whsec_wrong"))
                    val event = constructEvent(body, signature, secret)
                    assertEquals(EventType.CardCreated, event.eventType)
                    assertEquals(card.id, event.card?.id)
                    assertTrue(event.id.startsWith("evt_"), event.id)
                }
            } finally {
                server.stop(0)
            }
        }

    @Test
    fun idempotencyKeyReplaysInsteadOfMovingMoneyTwice() =
        runBlocking<Unit> {
            sandbox.client().use { client ->
                val card = client.cards.create(binId = "491653", amount = 10.0)
                val key = "fund-" + UUID.randomUUID()
                val first = client.cards.fund(card.id, 25.0, idempotencyKey = key)
                val again = client.cards.fund(card.id, 25.0, idempotencyKey = key)
                assertEquals(first, again, "the replayed response is the stored one")
                assertEquals(3_500L, money(client.cards.retrieve(card.id).balance), "funded once")

                val reused =
                    assertThrows<CryptoTopCardException.Conflict> {
                        runBlocking { client.cards.fund(card.id, 30.0, idempotencyKey = key) }
                    }
                assertEquals("idempotency_key_reused", reused.errorCode)
            }
        }

    @Test
    fun concurrentCallsFromManyCoroutinesShareOneClient() =
        runBlocking<Unit> {
            sandbox.client().use { client ->
                val card = client.cards.create(binId = "491653", amount = 1.0)
                val results =
                    (1..20)
                        .map { async(Dispatchers.IO) { client.cards.fund(card.id, 1.0) } }
                        .awaitAll()
                assertEquals(
                    20,
                    results.map { money(it.newBalance) }.toSet().size,
                    "each fund applied once",
                )
                assertEquals(2_100L, money(client.cards.retrieve(card.id).balance))
            }
        }

    @Test
    fun oneTokioRuntimeAndDropFromAnotherThread() =
        runBlocking<Unit> {
            // Objects freed from a thread that is not a runtime thread (as the GC's cleaner does)
            // drop inside the core runtime instead of panicking.
            val client = sandbox.client()
            val cards = client.cards
            cards.list()
            withContext(Dispatchers.IO) {
                val t = Thread {
                    cards.close()
                    client.close()
                }
                t.start()
                t.join()
            }
            repeat(20) { sandbox.client().use { c -> c.bins.list() } }
            System.gc()
            sandbox.client().use { c -> assertEquals(2, c.bins.list().data.size) }

            // The async exports run on the core's runtime: no async-compat fallback runtime is
            // ever started (that would be a second tokio runtime in the process).
            val names =
                File("/proc/self/task").listFiles().orEmpty().mapNotNull {
                    runCatching { File(it, "comm").readText().trim() }.getOrNull()
                }
            assertTrue(
                names.any { it.startsWith("cryptotopcard-r") },
                "core runtime threads: $names",
            )
            assertFalse(names.any { it.startsWith("async-compat") }, "second runtime found: $names")
        }

    private fun hmacHex(secret: String, payload: String): String {
        val mac = Mac.getInstance("HmacSHA256")
        mac.init(SecretKeySpec(secret.toByteArray(), "HmacSHA256"))
        return mac.doFinal(payload.toByteArray()).joinToString("") { "%02x".format(it) }
    }

    private fun luhn(pan: String): Boolean {
        var sum = 0
        pan.reversed().forEachIndexed { i, c ->
            var d = c - '0'
            if (i % 2 == 1) {
                d *= 2
                if (d > 9) d -= 9
            }
            sum += d
        }
        return sum % 10 == 0
    }
}
