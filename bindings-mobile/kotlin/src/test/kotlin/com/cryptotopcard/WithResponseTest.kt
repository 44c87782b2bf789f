package com.cryptotopcard

import com.cryptotopcard.models.CryptoCurrency
import com.cryptotopcard.models.DepositStatus
import kotlinx.coroutines.runBlocking
import org.junit.jupiter.api.AfterAll
import org.junit.jupiter.api.Assertions.assertEquals
import org.junit.jupiter.api.Assertions.assertFalse
import org.junit.jupiter.api.Assertions.assertNotNull
import org.junit.jupiter.api.Assertions.assertNull
import org.junit.jupiter.api.Assertions.assertTrue
import org.junit.jupiter.api.BeforeAll
import org.junit.jupiter.api.Test
import org.junit.jupiter.api.TestInstance

/**
 * Issue 13 (raw responses on mobile) and issue 12 (unknown fields): every API method has a
 * `*WithResponse` twin giving the status, headers, request id, idempotency key, replay flag, retry
 * count and the body as sent (`rawJson`), and a field the SDK does not know (the sandbox's
 * `X-Sandbox-Future-Fields: 1`) is reachable there.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class WithResponseTest {
    private lateinit var sandbox: SandboxProcess

    @BeforeAll
    fun startSandbox() {
        sandbox = SandboxProcess.start()
    }

    @AfterAll
    fun stopSandbox() {
        sandbox.close()
    }

    private val resources =
        listOf(
            CardsClient::class.java,
            TransactionsClient::class.java,
            WalletClient::class.java,
            BinsClient::class.java,
            ThreeDsClient::class.java,
            WebhooksClient::class.java,
            SandboxClient::class.java,
        )

    /** `cards.createWithResponse`, ... for every method the resource objects declare. */
    private val declared: Set<String> =
        resources
            .flatMap { cls ->
                cls.declaredMethods
                    // Functions taking unsigned (inline class) arguments get a mangled JVM name:
                    // `listWithResponse-abc1234`.
                    .map { it.name.substringBefore('-') }
                    .filter { it.endsWith("WithResponse") }
                    .map { "${cls.simpleName.removeSuffix("Client").lowercase()}.$it" }
            }
            .toSet()

    @Test
    fun everyCallHasAWithResponseVariantWithItsMetadataAndRawBody() =
        runBlocking<Unit> {
            val seen = mutableSetOf<String>()
            fun check(
                name: String,
                meta: ResponseMeta,
                rawJson: String,
                mutating: Boolean,
                status: Int = if (mutating) 201 else 200,
                id: String? = null,
            ) {
                seen += name
                assertEquals(status.toUShort(), meta.status, "$name status")
                assertNotNull(meta.requestId, "$name request id")
                assertEquals(meta.requestId, meta.headers["x-request-id"], "$name headers")
                assertFalse(meta.replayed, "$name replayed")
                assertEquals(0u, meta.retries, "$name retries")
                if (mutating) {
                    assertNotNull(meta.idempotencyKey, "$name: a POST/PATCH/DELETE has a key")
                } else {
                    assertNull(meta.idempotencyKey, "$name: a GET has none")
                }
                val body = Json.parse(rawJson)
                if (id != null) {
                    assertEquals(id, (body as Map<*, *>)["id"], "$name rawJson: $rawJson")
                }
            }

            sandbox.client().use { client ->
                val created = client.cards.createWithResponse(binId = "491653", amount = 100.0)
                val card = created.data
                check("cards.createWithResponse", created.meta, created.rawJson, true, id = card.id)
                client.cards.listWithResponse(perPage = 5u).let {
                    check("cards.listWithResponse", it.meta, it.rawJson, false)
                    assertEquals(card.id, it.data.data.single().id)
                }
                client.cards.retrieveWithResponse(card.id).let {
                    check("cards.retrieveWithResponse", it.meta, it.rawJson, false, id = card.id)
                }
                client.cards.detailsWithResponse(card.id).let {
                    check("cards.detailsWithResponse", it.meta, it.rawJson, false, id = card.id)
                    assertTrue(it.rawJson.contains(it.data.pan()))
                }
                client.cards.updateWithResponse(card.id, label = "meta").let {
                    check("cards.updateWithResponse", it.meta, it.rawJson, true, 200, card.id)
                    assertEquals("meta", it.data.label)
                }
                client.cards.freezeWithResponse(card.id).let {
                    check("cards.freezeWithResponse", it.meta, it.rawJson, true, 200, card.id)
                }
                client.cards.unfreezeWithResponse(card.id).let {
                    check("cards.unfreezeWithResponse", it.meta, it.rawJson, true, 200, card.id)
                }
                client.cards.fundWithResponse(card.id, 10.0).let {
                    check("cards.fundWithResponse", it.meta, it.rawJson, true, 200)
                    assertEquals(110.0, it.data.newBalance)
                }
                client.cards.withdrawWithResponse(card.id, 5.0).let {
                    check("cards.withdrawWithResponse", it.meta, it.rawJson, true, 200)
                }

                val authorized =
                    client.sandbox.authorizeWithResponse(card.id, 20.0, "Shop", settle = false)
                val tx = authorized.data
                check(
                    "sandbox.authorizeWithResponse",
                    authorized.meta,
                    authorized.rawJson,
                    true,
                    id = tx.id,
                )
                client.sandbox.settleWithResponse(tx.id).let {
                    check("sandbox.settleWithResponse", it.meta, it.rawJson, true, 200, tx.id)
                }
                client.sandbox.refundWithResponse(tx.id, amount = 5.0).let {
                    check("sandbox.refundWithResponse", it.meta, it.rawJson, true)
                }
                client.transactions.listWithResponse(cardId = card.id).let {
                    check("transactions.listWithResponse", it.meta, it.rawJson, false)
                    assertTrue(it.data.data.any { t -> t.id == tx.id })
                }
                client.transactions.retrieveWithResponse(tx.id).let {
                    check(
                        "transactions.retrieveWithResponse",
                        it.meta,
                        it.rawJson,
                        false,
                        id = tx.id,
                    )
                }

                client.wallet.retrieveWithResponse().let {
                    check("wallet.retrieveWithResponse", it.meta, it.rawJson, false)
                }
                client.wallet.addressesWithResponse(currency = CryptoCurrency.Usdt).let {
                    check("wallet.addressesWithResponse", it.meta, it.rawJson, false)
                }
                val deposit =
                    client.sandbox.depositWithResponse(
                        CryptoCurrency.Btc,
                        100.0,
                        status = DepositStatus.Pending,
                    )
                check(
                    "sandbox.depositWithResponse",
                    deposit.meta,
                    deposit.rawJson,
                    true,
                    id = deposit.data.id,
                )
                client.sandbox.confirmDepositWithResponse(deposit.data.id).let {
                    check(
                        "sandbox.confirmDepositWithResponse",
                        it.meta,
                        it.rawJson,
                        true,
                        200,
                        deposit.data.id,
                    )
                }
                client.wallet.depositsWithResponse().let {
                    check("wallet.depositsWithResponse", it.meta, it.rawJson, false)
                }
                client.bins.listWithResponse().let {
                    check("bins.listWithResponse", it.meta, it.rawJson, false)
                    assertTrue(it.data.data.isNotEmpty())
                }

                val challenge = client.sandbox.challengeWithResponse(card.id, "Shop", 10.0)
                check(
                    "sandbox.challengeWithResponse",
                    challenge.meta,
                    challenge.rawJson,
                    true,
                    id = challenge.data.id,
                )
                client.threeds.listWithResponse(cardId = card.id).let {
                    check("threeds.listWithResponse", it.meta, it.rawJson, false)
                }
                client.threeds.retrieveWithResponse(challenge.data.id).let {
                    check(
                        "threeds.retrieveWithResponse",
                        it.meta,
                        it.rawJson,
                        false,
                        id = challenge.data.id,
                    )
                }

                val webhook =
                    client.webhooks.createWithResponse(
                        url = "http://127.0.0.1:9/hooks",
                        events = listOf("*"),
                    )
                check(
                    "webhooks.createWithResponse",
                    webhook.meta,
                    webhook.rawJson,
                    true,
                    id = webhook.data.id,
                )
                client.webhooks.listWithResponse().let {
                    check("webhooks.listWithResponse", it.meta, it.rawJson, false)
                }
                client.webhooks.deleteWithResponse(webhook.data.id).let {
                    check("webhooks.deleteWithResponse", it.meta, it.rawJson, true, 204)
                    assertEquals("null", it.rawJson, "no body")
                }
                client.cards.terminateWithResponse(card.id).let {
                    check("cards.terminateWithResponse", it.meta, it.rawJson, true, 200, card.id)
                }
            }
            assertEquals(27, declared.size, "27 API methods: $declared")
            assertEquals(declared, seen, "every *WithResponse method was exercised")
        }

    @Test
    fun aFieldFromANewerApiIsReachableInRawJson() =
        runBlocking<Unit> {
            CryptoTopCard(
                    apiKey = sandbox.newKey(),
                    baseUrl = sandbox.baseUrl,
                    defaultHeaders = mapOf("X-Sandbox-Future-Fields" to "1"),
                )
                .use { client ->
                    // The typed result ignores the field it does not know...
                    val plain = client.cards.create(binId = "491653", amount = 20.0)
                    assertTrue(plain.id.startsWith("card_"))
                    // ...and the raw body keeps it.
                    val created = client.cards.createWithResponse(binId = "491653", amount = 20.0)
                    val body = Json.obj(created.rawJson)
                    assertEquals("from a newer API", body["sandbox_future_field"])
                    assertEquals(created.data.id, body["id"])

                    val page = client.cards.listWithResponse()
                    val items = Json.obj(page.rawJson)["data"] as List<*>
                    assertEquals(2, items.size)
                    for (item in items) {
                        assertEquals(
                            "from a newer API",
                            (item as Map<*, *>)["sandbox_future_field"],
                        )
                    }
                    assertEquals(2, page.data.data.size)

                    val wallet = client.wallet.retrieveWithResponse()
                    assertEquals(
                        "from a newer API",
                        Json.obj(wallet.rawJson)["sandbox_future_field"],
                    )
                }
        }
}
