package com.cryptotopcard

import java.util.logging.Handler
import java.util.logging.Level
import java.util.logging.LogRecord
import kotlinx.coroutines.runBlocking

/**
 * A user's program, run by [LoggingTest] in its own JVM with `CRYPTOTOPCARD_LOG` set: installs the
 * SDK's `java.util.logging` sink without naming a level, makes two calls against the sandbox given
 * as arguments (`baseUrl apiKey`), waits for their records, prints each as `record=LEVEL line`, and
 * exits normally (the SDK's log thread must not hold the JVM).
 */
fun main(args: Array<String>) = runBlocking {
    val (baseUrl, apiKey) = args
    val logger = CryptoTopCardLogging.logger
    logger.useParentHandlers = false
    val records = java.util.concurrent.LinkedBlockingQueue<LogRecord>()
    logger.addHandler(
        object : Handler() {
                override fun publish(record: LogRecord) {
                    records.add(record)
                }

                override fun flush() {}

                override fun close() {}
            }
            .apply { level = Level.ALL }
    )
    println("installed=${CryptoTopCardLogging.install()}")
    println("level=${logLevel()}")
    CryptoTopCard(apiKey = apiKey, baseUrl = baseUrl).use { client ->
        client.wallet.retrieve()
        client.bins.list()
    }
    // Two responses at info; wait for them (they are written by the SDK's log thread).
    val deadline = System.nanoTime() + 10_000_000_000L
    val got = mutableListOf<LogRecord>()
    while (got.count { it.message.startsWith("response") } < 2 && System.nanoTime() < deadline) {
        records.poll(100, java.util.concurrent.TimeUnit.MILLISECONDS)?.let { got += it }
    }
    Thread.sleep(200)
    records.drainTo(got)
    for (r in got) println("record=${r.level} ${r.message}")
}
