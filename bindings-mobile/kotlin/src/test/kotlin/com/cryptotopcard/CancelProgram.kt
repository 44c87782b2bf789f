package com.cryptotopcard

import kotlin.coroutines.cancellation.CancellationException
import kotlinx.coroutines.Dispatchers
import kotlinx.coroutines.delay
import kotlinx.coroutines.launch
import kotlinx.coroutines.runBlocking

/**
 * A user's program, run by [CancellationTest] in its own JVM: a `cards.create` (timeout 30 s) to a
 * server that never answers, cancelled after ~300 ms, then a normal exit with nothing awaited.
 * Prints `key=value` lines for the test to check.
 */
fun main() = runBlocking {
    SilentServer().use { server ->
        CryptoTopCard(
                apiKey = "sk_test_cancel_program",
                baseUrl = server.baseUrl,
                timeoutSeconds = 30.0,
                maxRetries = 0u,
            )
            .use { client ->
                var outcome = "still running"
                val job =
                    launch(Dispatchers.Default) {
                        try {
                            client.cards.create(binId = "491653", amount = 5.0)
                            outcome = "returned"
                        } catch (e: CancellationException) {
                            outcome = "cancelled ${e.javaClass.simpleName}"
                            throw e
                        } catch (e: Exception) {
                            outcome = "failed $e"
                        }
                    }
                checkNotNull(server.awaitAccepted(10_000)) {
                    "the request never reached the server"
                }
                delay(300)
                val cancelledAt = System.nanoTime()
                job.cancel()
                job.join()
                val joinedAt = System.nanoTime()
                val closed = server.awaitClosed(10_000)
                println("outcome=$outcome")
                println("job_cancelled=${job.isCancelled}")
                println("cancel_to_join_ms=${(joinedAt - cancelledAt) / 1e6}")
                println("cancel_to_close_ms=${closed?.let { (it.atNanos - cancelledAt) / 1e6 }}")
                println("close=${closed?.detail}")
                println("connections=${server.connections.get()}")
            }
    }
}
