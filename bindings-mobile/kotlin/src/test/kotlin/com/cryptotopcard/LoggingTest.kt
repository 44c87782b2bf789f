package com.cryptotopcard

import java.io.File
import java.util.concurrent.CopyOnWriteArrayList
import java.util.concurrent.TimeUnit
import java.util.logging.Handler
import java.util.logging.Level
import java.util.logging.LogRecord
import kotlinx.coroutines.runBlocking
import org.junit.jupiter.api.AfterAll
import org.junit.jupiter.api.Assertions.assertEquals
import org.junit.jupiter.api.Assertions.assertFalse
import org.junit.jupiter.api.Assertions.assertTrue
import org.junit.jupiter.api.BeforeAll
import org.junit.jupiter.api.Test
import org.junit.jupiter.api.TestInstance
import org.junit.jupiter.api.assertThrows

/**
 * Issue 13, logging: the core's log events reach `java.util.logging` (logger `cryptotopcard`) with
 * method, path, status, request id, attempt and timings, and never the API key, PAN, CVV, OTP or
 * webhook secret, even at debug. The level comes from an explicit call or from `CRYPTOTOPCARD_LOG`
 * (checked in a user's program in its own JVM, which must also exit normally).
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class LoggingTest {
    private lateinit var sandbox: SandboxProcess

    @BeforeAll
    fun startSandbox() {
        sandbox = SandboxProcess.start()
    }

    @AfterAll
    fun stopSandbox() {
        // Other test classes of this JVM log nothing.
        CryptoTopCardLogging.setLevel(LogLevel.OFF)
        sandbox.close()
    }

    /** Waits (up to 10 s) until [done] holds for the records: they come from the log thread. */
    private fun awaitRecords(records: List<LogRecord>, done: (List<LogRecord>) -> Boolean) {
        val deadline = System.nanoTime() + 10_000_000_000L
        while (!done(records.toList()) && System.nanoTime() < deadline) Thread.sleep(20)
        assertTrue(done(records.toList()), "records: ${records.map { it.message }}")
    }

    @Test
    fun debugRecordsCarryMethodPathStatusAndNoSecret() =
        runBlocking<Unit> {
            val logger = CryptoTopCardLogging.logger
            val records = CopyOnWriteArrayList<LogRecord>()
            val handler =
                object : Handler() {
                        override fun publish(record: LogRecord) {
                            records += record
                        }

                        override fun flush() {}

                        override fun close() {}
                    }
                    .apply { level = Level.ALL }
            val parents = logger.useParentHandlers
            val level = logger.level
            logger.useParentHandlers = false
            logger.level = Level.ALL
            logger.addHandler(handler)
            try {
                assertTrue(CryptoTopCardLogging.install(LogLevel.DEBUG))
                assertEquals(LogLevel.DEBUG, logLevel())
                val key = sandbox.newKey()
                var pan = ""
                var cvv = ""
                var otp = ""
                var secret = ""
                var cardId = ""
                sandbox.client(apiKey = key).use { client ->
                    val card = client.cards.create(binId = "491653", amount = 50.0)
                    cardId = card.id
                    client.cards.details(card.id).use {
                        pan = it.pan()
                        cvv = it.cvv()
                    }
                    secret =
                        client.webhooks
                            .create(url = "http://127.0.0.1:9/hooks", events = listOf("*"))
                            .secret!!
                            .expose()
                    otp = client.sandbox.challenge(card.id, "Shop", 10.0).otp!!
                    client.threeds.list(cardId = card.id)
                    assertThrows<CryptoTopCardException.NotFound> {
                        runBlocking { client.cards.retrieve("card_missing") }
                    }
                }
                awaitRecords(records) { got ->
                    got.any { it.message.contains("path=/cards/card_missing status=404") }
                }

                val messages = records.map { it.message }
                println("log records:\n" + messages.joinToString("\n"))
                val request =
                    records.first { it.message == "request method=POST path=/cards attempt=0" }
                assertEquals(Level.FINE, request.level)
                assertEquals("cryptotopcard", request.loggerName)
                val response =
                    records.first {
                        it.message.startsWith("response method=POST path=/cards status=201 ")
                    }
                assertEquals(Level.INFO, response.level)
                assertTrue(
                    Regex("request_id=req_\\w+ attempt=0 elapsed_ms=\\d+")
                        .containsMatchIn(response.message),
                    response.message,
                )
                assertTrue(messages.any { it.contains("path=/cards/$cardId/details status=200") })

                assertTrue(pan.length >= 12 && cvv.length >= 3 && otp.length == 6)
                val cvvNearby = Regex("(?i)cvv\\W{0,6}" + Regex.escape(cvv))
                for (m in messages) {
                    assertFalse(m.contains(key), "the API key is logged: $m")
                    assertFalse(m.contains(key.removePrefix("sk_test_")), "key logged: $m")
                    assertFalse(m.contains(pan.substring(0, 12)), "the PAN is logged: $m")
                    assertFalse(cvvNearby.containsMatchIn(m), "the CVV is logged: $m")
                    assertFalse(m.contains(otp), "the OTP is logged: $m")
                    assertFalse(m.contains(secret), "the webhook secret is logged: $m")
                    assertFalse(m.contains("whsec_"), "a webhook secret is logged: $m")
                }

                // At info: no attempt records (FINE). The 404's `request failed` (WARNING) may
                // still
                // arrive after the clear: records reach the logger from the SDK's log thread.
                CryptoTopCardLogging.setLevel(LogLevel.INFO)
                records.clear()
                sandbox.client(apiKey = key).use { it.bins.list() }
                awaitRecords(records) { got -> got.any { it.message.contains("path=/bins") } }
                assertTrue(records.none { it.level == Level.FINE }, "${records.map { it.message }}")
                assertTrue(records.any { it.level == Level.INFO && it.message.contains("/bins") })
            } finally {
                CryptoTopCardLogging.setLevel(LogLevel.OFF)
                logger.removeHandler(handler)
                logger.useParentHandlers = parents
                logger.level = level
            }
        }

    @Test
    fun theLevelComesFromTheEnvironmentInAUsersProgram() {
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
                    "com.cryptotopcard.LogProgramKt",
                    sandbox.baseUrl,
                    sandbox.newKey(),
                )
        val stderr = File.createTempFile("log-program", ".err")
        try {
            val builder = ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.to(stderr))
            builder.environment()["CRYPTOTOPCARD_LOG"] = "info"
            val started = System.nanoTime()
            val process = builder.start()
            val stdout = process.inputStream.bufferedReader().readText()
            assertTrue(process.waitFor(60, TimeUnit.SECONDS), "the program did not exit")
            val ms = (System.nanoTime() - started) / 1_000_000
            val err = stderr.readText()
            println("child JVM ($ms ms in all):\n$stdout")
            assertEquals(0, process.exitValue(), "exit status; stderr:\n$err")
            assertEquals("", err.trim(), "stderr")
            assertTrue(stdout.contains("installed=true"), stdout)
            assertTrue(stdout.contains("level=INFO"), stdout)
            val records = stdout.lines().filter { it.startsWith("record=") }
            assertTrue(
                records.any {
                    it.startsWith("record=INFO response method=GET path=/wallet status=200")
                },
                stdout,
            )
            assertTrue(records.any { it.contains("path=/bins status=200") }, stdout)
            assertTrue(records.none { it.startsWith("record=FINE") }, "no debug at info: $stdout")
            assertTrue(ms < 30_000, "the program took $ms ms")
        } finally {
            stderr.delete()
        }
    }
}
