package com.cryptotopcard

import java.io.File
import java.util.concurrent.TimeUnit
import kotlin.coroutines.cancellation.CancellationException
import kotlinx.coroutines.CompletableDeferred
import kotlinx.coroutines.Dispatchers
import kotlinx.coroutines.delay
import kotlinx.coroutines.launch
import kotlinx.coroutines.runBlocking
import org.junit.jupiter.api.AfterAll
import org.junit.jupiter.api.Assertions.assertEquals
import org.junit.jupiter.api.Assertions.assertNotNull
import org.junit.jupiter.api.Assertions.assertTrue
import org.junit.jupiter.api.BeforeAll
import org.junit.jupiter.api.Test
import org.junit.jupiter.api.TestInstance
import org.junit.jupiter.api.assertThrows

/**
 * Issue 14 (Kotlin): cancelling the coroutine that awaits a call cancels the Rust request at once
 * (the connection closes, nothing is delivered later), in this JVM and in a user's program run in
 * its own JVM; a cancelled mutating call retried with the caller's own key applies once.
 *
 * Durations are measured and printed; the bounds are generous (the expected figures are a few
 * milliseconds, against a call timeout of 30 s).
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class CancellationTest {
    private lateinit var sandbox: SandboxProcess

    @BeforeAll
    fun startSandbox() {
        sandbox = SandboxProcess.start()
    }

    @AfterAll
    fun stopSandbox() {
        sandbox.close()
    }

    private fun ms(fromNanos: Long, toNanos: Long) = (toNanos - fromNanos) / 1e6

    @Test
    fun cancellingTheCoroutineClosesTheConnection() =
        runBlocking<Unit> {
            SilentServer().use { server ->
                CryptoTopCard(
                        apiKey = sandbox.newKey(),
                        baseUrl = server.baseUrl,
                        timeoutSeconds = 30.0,
                        maxRetries = 0u,
                    )
                    .use { client ->
                        val ended = CompletableDeferred<Throwable?>()
                        val job =
                            launch(Dispatchers.Default) {
                                try {
                                    client.cards.create(
                                        binId = "491653",
                                        amount = 5.0,
                                        idempotencyKey = newIdempotencyKey(),
                                    )
                                    ended.complete(null)
                                } catch (e: Throwable) {
                                    ended.complete(e)
                                    throw e
                                }
                            }
                        assertNotNull(
                            server.awaitAccepted(10_000),
                            "the request reached the server",
                        )
                        delay(300)

                        val cancelledAt = System.nanoTime()
                        job.cancel()
                        job.join()
                        val joinedAt = System.nanoTime()
                        val closed = server.awaitClosed(10_000)
                        val closeMs = closed?.let { ms(cancelledAt, it.atNanos) }
                        println(
                            "cancel -> job completed: ${ms(cancelledAt, joinedAt)} ms; " +
                                "cancel -> server saw the connection closed: $closeMs ms " +
                                "(${closed?.detail})"
                        )

                        assertTrue(job.isCancelled)
                        val thrown = ended.await()
                        assertTrue(
                            thrown is CancellationException,
                            "the call ends with a CancellationException, not $thrown",
                        )
                        assertTrue(
                            ms(cancelledAt, joinedAt) < 2_000,
                            "job completed ${ms(cancelledAt, joinedAt)} ms after cancel",
                        )
                        assertNotNull(closed, "the server never saw the connection closed")
                        assertTrue(closed!!.eof, "read returned -1: ${closed.detail}")
                        assertTrue(closeMs!! < 2_000, "connection closed $closeMs ms after cancel")
                        assertEquals(1, server.connections.get(), "no second attempt")
                    }
            }
        }

    @Test
    fun cancellingAPagerNextClosesTheConnectionAndEndsThePager() =
        runBlocking<Unit> {
            SilentServer().use { server ->
                CryptoTopCard(
                        apiKey = sandbox.newKey(),
                        baseUrl = server.baseUrl,
                        timeoutSeconds = 30.0,
                        maxRetries = 0u,
                    )
                    .use { client ->
                        client.cards.listAutoPaging(perPage = 10u).use { pager ->
                            val job = launch(Dispatchers.Default) { pager.next() }
                            assertNotNull(server.awaitAccepted(10_000))
                            delay(300)
                            val cancelledAt = System.nanoTime()
                            job.cancel()
                            job.join()
                            val closed = server.awaitClosed(10_000)
                            val closeMs = closed?.let { ms(cancelledAt, it.atNanos) }
                            println("pager: cancel -> connection closed: $closeMs ms")
                            assertTrue(job.isCancelled)
                            assertTrue(closed?.eof == true, "closed: $closed")
                            assertTrue(closeMs!! < 2_000, "closed $closeMs ms after cancel")
                            // The page's request is gone with the cancelled call: the pager
                            // says so instead of waiting on it.
                            assertThrows<CryptoTopCardException.ApiUserAbort> {
                                runBlocking { pager.next() }
                            }
                            assertEquals(1, server.connections.get())
                        }
                    }
            }
        }

    @Test
    fun cancelledCreateRetriedWithTheCallersKeyIssuesOneCard() =
        runBlocking<Unit> {
            val apiKey = sandbox.newKey()
            val key = newIdempotencyKey()
            // The sandbox holds this client's requests 1.5 s (after reserving the key).
            CryptoTopCard(
                    apiKey = apiKey,
                    baseUrl = sandbox.baseUrl,
                    timeoutSeconds = 30.0,
                    maxRetries = 0u,
                    defaultHeaders = mapOf("X-Sandbox-Fault" to "delay_ms=1500"),
                )
                .use { slow ->
                    val job =
                        launch(Dispatchers.Default) {
                            slow.cards.create(binId = "491653", amount = 40.0, idempotencyKey = key)
                        }
                    delay(300)
                    job.cancel()
                    job.join()
                    assertTrue(job.isCancelled)
                }
            // The retry: same key. Whether the sandbox finished the first request or dropped it,
            // the key makes this one card (the core retries `idempotency_key_in_use` itself).
            sandbox.client(apiKey = apiKey, maxRetries = 6u).use { client ->
                val card =
                    client.cards.createWithResponse(
                        binId = "491653",
                        amount = 40.0,
                        idempotencyKey = key,
                    )
                assertEquals(key, card.meta.idempotencyKey)
                println(
                    "retry after cancel: replayed=${card.meta.replayed} retries=${card.meta.retries}"
                )
                val cards = client.cards.list()
                assertEquals(1uL, cards.pagination.total, "exactly one card: ${cards.data}")
                assertEquals(card.data.id, cards.data.single().id)
                assertEquals(9_960.0, client.wallet.retrieve().balance, "paid for once")
            }
        }

    @Test
    fun aUsersProgramCancelsThenExitsCleanly() {
        val java = File(System.getProperty("java.home"), "bin/java").path
        val props =
            listOf(
                    "uniffi.component.cryptotopcard_mobile.libraryOverride",
                    "uniffi.component.cryptotopcard.libraryOverride",
                    "jna.library.path",
                )
                .mapNotNull { name -> System.getProperty(name)?.let { "-D$name=$it" } }
        val command =
            listOf(java) +
                props +
                listOf(
                    "-cp",
                    System.getProperty("java.class.path"),
                    "com.cryptotopcard.CancelProgramKt",
                )
        val stderr = File.createTempFile("cancel-program", ".err")
        try {
            val started = System.nanoTime()
            val process =
                ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.to(stderr)).start()
            val stdout = process.inputStream.bufferedReader().readText()
            assertTrue(process.waitFor(60, TimeUnit.SECONDS), "the program did not exit")
            val total = ms(started, System.nanoTime())
            val err = stderr.readText()
            println("child JVM ($total ms in all):\n$stdout")
            assertEquals(0, process.exitValue(), "exit status; stderr:\n$err")
            assertEquals("", err.trim(), "stderr")

            val out =
                stdout
                    .lines()
                    .filter { "=" in it }
                    .associate { it.substringBefore("=") to it.substringAfter("=") }
            assertEquals("cancelled JobCancellationException", out["outcome"])
            assertEquals("true", out["job_cancelled"])
            assertEquals("read returned -1", out["close"])
            assertEquals("1", out["connections"])
            val joinMs = out["cancel_to_join_ms"]?.toDoubleOrNull() ?: error("no cancel_to_join_ms")
            val closeMs =
                out["cancel_to_close_ms"]?.toDoubleOrNull() ?: error("no cancel_to_close_ms")
            assertTrue(joinMs < 2_000, "job completed $joinMs ms after cancel")
            assertTrue(closeMs < 2_000, "connection closed $closeMs ms after cancel")
            // The call's 30 s timeout played no part: the whole program (JVM start included)
            // ends long before it.
            assertTrue(total < 25_000, "the program took $total ms")
        } finally {
            stderr.delete()
        }
    }
}
