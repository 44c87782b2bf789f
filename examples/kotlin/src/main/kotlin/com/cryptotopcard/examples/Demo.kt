// The published quick start, in Kotlin: create a card, fund it, freeze it, terminate it.
// Reads CRYPTOTOPCARD_API_KEY and CRYPTOTOPCARD_BASE_URL (run-demo.sh points them at a sandbox);
// CRYPTOTOPCARD_LOG=info (or debug) logs each request through java.util.logging.
package com.cryptotopcard.examples

import com.cryptotopcard.CryptoTopCard
import com.cryptotopcard.CryptoTopCardException
import com.cryptotopcard.CryptoTopCardLogging
import com.cryptotopcard.RequestOptions
import com.cryptotopcard.cards
import com.cryptotopcard.kotlinRuntimeVersion
import com.cryptotopcard.models.Category
import com.cryptotopcard.wallet
import kotlin.system.exitProcess
import kotlinx.coroutines.runBlocking

fun main() = runBlocking {
    CryptoTopCardLogging.install() // level from CRYPTOTOPCARD_LOG (off when unset)
    val client =
        try {
            // Key and base URL from the environment; the runtime version for the telemetry headers.
            CryptoTopCard(runtimeVersion = kotlinRuntimeVersion())
        } catch (e: CryptoTopCardException.Configuration) {
            System.err.println(
                "set CRYPTOTOPCARD_API_KEY (and CRYPTOTOPCARD_BASE_URL for a sandbox): ${e.errorMessage}"
            )
            exitProcess(2)
        }
    client.use {
        println("wallet: ${client.wallet.retrieve().balance} USD")

        val card =
            client.cards.create(
                binId = "491653",
                amount = 500.0,
                label = "Ad Spend",
                allowedCategories = listOf(Category.Advertising),
            )
        println(
            "created ${card.id} (${name(card.network)}, **** ${card.last4}) balance ${card.balance}"
        )

        client.cards.details(card.id).use { details ->
            println("details: $details") // printed masked: the PAN and CVV never appear
        }

        // Per-call options, and the response metadata alongside the result.
        val funded =
            client.cards.fundWithResponse(
                card.id,
                amount = 200.0,
                options =
                    RequestOptions(idempotencyKey = "demo-fund-${card.id}", timeoutSeconds = 10.0),
            )
        val funding = funded.data
        println(
            "funded +${funding.fundedAmount}: ${funding.previousBalance} -> ${funding.newBalance}, wallet ${funding.walletBalance}"
        )

        println(
            "  HTTP ${funded.meta.status}, request ${funded.meta.requestId}, key ${funded.meta.idempotencyKey}, replayed ${funded.meta.replayed}, retries ${funded.meta.retries}"
        )
        // The body as sent, fields newer than this SDK included (read it with your JSON library).
        println("  raw body: ${funded.rawJson.length} bytes")

        val frozen = client.cards.freeze(card.id)
        println("freeze: ${name(frozen.status)}")
        try {
            client.cards.freeze(card.id)
        } catch (e: CryptoTopCardException.Conflict) {
            println("freeze again: ${e.status} ${e.errorCode} (request ${e.requestId})")
        }

        // A create whose answer is lost: this copy of the client (same connection pool) asks the
        // sandbox to issue the card, store the answer under the idempotency key, then drop the
        // connection. The error carries the key; retrying with it replays the stored card
        // instead of issuing a second one.
        val lossy =
            client.withOptions(
                maxRetries = 0u,
                defaultHeaders = mapOf("X-Sandbox-Fault" to "drop_after_commit"),
            )
        val kept =
            try {
                lossy.use {
                    it.cards.create(binId = "491653", amount = 10.0, label = "Lost answer")
                }
            } catch (e: CryptoTopCardException.ApiConnection) {
                println("create failed (${e.errorMessage}); retrying with key ${e.idempotencyKey}")
                client.cards
                    .createWithResponse(
                        binId = "491653",
                        amount = 10.0,
                        label = "Lost answer",
                        idempotencyKey = e.idempotencyKey,
                    )
                    .also { println("  replayed ${it.meta.replayed}: ${it.data.id}") }
                    .data
            }
        println(
            "cards: ${client.cards.list().pagination.total} (the demo card and the lost-answer one)"
        )
        client.cards.terminate(kept.id)

        val terminated = client.cards.terminate(card.id)
        println("terminate: ${name(terminated.status)}, refunded ${terminated.refundedAmount}")
        println("wallet: ${client.wallet.retrieve().balance} USD")
    }
}

/** Enum cases are Kotlin objects without a toString(): print their case name. */
private fun name(value: Any?): String = value?.let { it::class.simpleName } ?: "-"
