package com.cryptotopcard

import com.cryptotopcard.models.Category
import com.cryptotopcard.models.MetadataValue
import kotlinx.coroutines.runBlocking
import org.junit.jupiter.api.AfterAll
import org.junit.jupiter.api.Assertions.assertEquals
import org.junit.jupiter.api.Assertions.assertTrue
import org.junit.jupiter.api.Assertions.fail
import org.junit.jupiter.api.BeforeAll
import org.junit.jupiter.api.Test
import org.junit.jupiter.api.TestInstance

/**
 * Issue #8: bad input is refused by the core before any request is sent. Each row gives the typed
 * error naming the field, and the sandbox (its own process, so its counters are this test's) sees
 * no request: `GET /v1/sandbox/stats` `requests` does not move, and the wallet stays at 10,000.00.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class BadInputTest {
    private lateinit var sandbox: SandboxProcess

    @BeforeAll
    fun startSandbox() {
        sandbox = SandboxProcess.start()
    }

    @AfterAll
    fun stopSandbox() {
        sandbox.close()
    }

    private class Row(
        val name: String,
        val field: String,
        val call: suspend CryptoTopCard.() -> Any?,
    )

    private fun row(name: String, field: String, call: suspend CryptoTopCard.() -> Any?) =
        Row(name, field, call)

    private val meta21 = (1..21).associate { "k$it" to MetadataValue.String("v") }

    private val rows =
        listOf(
            row("amount NaN", "amount") { cards.create(binId = "491653", amount = Double.NaN) },
            row("amount +Infinity", "amount") {
                cards.create(binId = "491653", amount = Double.POSITIVE_INFINITY)
            },
            row("amount -Infinity", "amount") {
                cards.create(binId = "491653", amount = Double.NEGATIVE_INFINITY)
            },
            row("amount negative", "amount") { cards.create(binId = "491653", amount = -5.0) },
            row("amount 3 decimals", "amount") { cards.create(binId = "491653", amount = 10.001) },
            row("fund NaN", "amount") { cards.fund("card_x", Double.NaN) },
            row("fund negative", "amount") { cards.fund("card_x", -1.0) },
            row("fund 3 decimals", "amount") { cards.fund("card_x", 1.005) },
            row("withdraw negative", "amount") { cards.withdraw("card_x", -1.0) },
            row("spending limit Infinity", "spending_limit") {
                cards.create(
                    binId = "491653",
                    amount = 10.0,
                    spendingLimit = Double.POSITIVE_INFINITY,
                )
            },
            row("label 65 chars", "label") {
                cards.create(binId = "491653", amount = 10.0, label = "x".repeat(65))
            },
            row("metadata 21 keys", "metadata") {
                cards.create(binId = "491653", amount = 10.0, metadata = meta21)
            },
            row("metadata 41-char key", "metadata.${"k".repeat(41)}") {
                cards.create(
                    binId = "491653",
                    amount = 10.0,
                    metadata = mapOf("k".repeat(41) to MetadataValue.String("v")),
                )
            },
            row("metadata 501-char value", "metadata.note") {
                cards.create(
                    binId = "491653",
                    amount = 10.0,
                    metadata = mapOf("note" to MetadataValue.String("v".repeat(501))),
                )
            },
            row("unknown category", "allowed_categories[0]") {
                cards.create(
                    binId = "491653",
                    amount = 10.0,
                    allowedCategories = listOf(Category.Unknown("gambling")),
                )
            },
            row("empty card id (retrieve)", "card_id") { cards.retrieve("") },
            row("empty card id (fund)", "card_id") { cards.fund("", 10.0) },
            row("empty card id (details)", "card_id") { cards.details("").close() },
            row("empty transaction id", "transaction_id") { transactions.retrieve("") },
            row("empty challenge id", "challenge_id") { threeds.retrieve("") },
            row("empty webhook id", "webhook_id") { webhooks.delete("") },
            row("empty bin id", "bin_id") { cards.create(binId = "", amount = 10.0) },
            row("perPage 0 (cards)", "per_page") { cards.list(perPage = 0u) },
            row("perPage 101 (cards)", "per_page") { cards.list(perPage = 101u) },
            row("perPage 0 (transactions)", "per_page") { transactions.list(perPage = 0u) },
            row("perPage 101 (deposits)", "per_page") { wallet.deposits(perPage = 101u) },
            row("perPage 101 (3ds)", "per_page") { threeds.list(perPage = 101u) },
            row("page 0", "page") { cards.list(page = 0u) },
            row("per-call timeout 0", "timeout_seconds") {
                wallet.retrieve(options = RequestOptions(timeoutSeconds = 0.0))
            },
        )

    @Test
    fun badArgumentsAreValidationErrorsNamingTheFieldAndSendNothing() =
        runBlocking<Unit> {
            val key = sandbox.newKey()
            sandbox.client(apiKey = key).use { client ->
                // Opens the account, so a request would have something to change.
                assertEquals(10_000.0, client.wallet.retrieve().balance)
                val requests = sandbox.stats(key)["requests"]!!
                val statsCost = sandbox.stats(key)["requests"]!! - requests // reading counts or not

                for (row in rows) {
                    try {
                        row.call(client)
                        fail<Unit>("${row.name}: no error")
                    } catch (e: CryptoTopCardException.Validation) {
                        assertEquals(row.field, e.field, "${row.name}: $e")
                        assertEquals(null, e.status, "${row.name}: no HTTP status")
                    } catch (e: CryptoTopCardException) {
                        fail<Unit>("${row.name}: expected Validation, got $e")
                    }
                }

                val after = sandbox.stats(key)["requests"]!!
                assertEquals(
                    requests + 2 * statsCost,
                    after,
                    "no request of the ${rows.size} rows reached the sandbox",
                )
                assertEquals(10_000.0, client.wallet.retrieve().balance)
            }
        }

    @Test
    fun badClientConfigurationIsAConfigurationErrorNamingTheField() =
        runBlocking<Unit> {
            val before = sandbox.stats()["requests"]!!
            val configurations =
                listOf(
                    Triple(
                        "non-HTTPS base URL",
                        "base_url",
                        { ->
                            CryptoTopCard(
                                apiKey = sandbox.newKey(),
                                baseUrl = "http://api.example.com/v1",
                            )
                        },
                    ),
                    Triple(
                        "publishable key",
                        "api_key",
                        { -> CryptoTopCard(apiKey = "pk_live_x", baseUrl = sandbox.baseUrl) },
                    ),
                    Triple(
                        "key with a space",
                        "api_key",
                        { -> CryptoTopCard(apiKey = "sk_test_a b", baseUrl = sandbox.baseUrl) },
                    ),
                    Triple(
                        "empty key",
                        "api_key",
                        { -> CryptoTopCard(apiKey = "", baseUrl = sandbox.baseUrl) },
                    ),
                )
            for ((name, field, build) in configurations) {
                try {
                    build().close()
                    fail<Unit>("$name: no error")
                } catch (e: CryptoTopCardException.Configuration) {
                    assertEquals(field, e.field, "$name: $e")
                    assertTrue(!e.toString().contains("sk_test_a b"), "$name: key printed: $e")
                } catch (e: CryptoTopCardException) {
                    fail<Unit>("$name: expected Configuration, got $e")
                }
            }
            val after = sandbox.stats()["requests"]!!
            assertTrue(after - before <= 1, "only the stats reads reached the sandbox")
        }
}
