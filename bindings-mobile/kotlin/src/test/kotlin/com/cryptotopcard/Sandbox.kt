package com.cryptotopcard

import java.io.BufferedReader
import java.io.File
import java.io.InputStreamReader
import java.net.URI
import java.net.http.HttpClient
import java.net.http.HttpRequest
import java.net.http.HttpResponse
import java.time.Duration
import java.util.UUID
import java.util.concurrent.TimeUnit

/**
 * A real `ctc-sandbox` process on a free port (`--port 0`), shared by a test class. Its first
 * stdout line is `listening on http://127.0.0.1:PORT/v1`; the rest of its output is drained so the
 * process never blocks on a full pipe.
 */
class SandboxProcess private constructor(private val process: Process, val baseUrl: String) :
    AutoCloseable {
    companion object {
        fun start(vararg extraArgs: String): SandboxProcess {
            val bin =
                System.getProperty("ctc.sandbox.bin")
                    ?: error("system property ctc.sandbox.bin is not set (run through Maven)")
            check(File(bin).canExecute()) {
                "no sandbox binary at $bin (cargo build -p cryptotopcard-sandbox)"
            }
            val process =
                ProcessBuilder(listOf(bin, "--port", "0") + extraArgs)
                    .redirectErrorStream(true)
                    .start()
            val reader = BufferedReader(InputStreamReader(process.inputStream))
            val first = reader.readLine()
            if (first == null) {
                process.destroyForcibly()
                error("ctc-sandbox exited before printing its address")
            }
            val url =
                Regex("""listening on (http://127\.0\.0\.1:\d+/v1)""")
                    .find(first)
                    ?.groupValues
                    ?.get(1)
            if (url == null) {
                process.destroyForcibly()
                error("unexpected first line from ctc-sandbox: $first")
            }
            Thread(
                    {
                        // Ends with an IOException when the process is stopped: nothing to report.
                        runCatching { reader.useLines { lines -> lines.forEach {} } }
                    },
                    "ctc-sandbox-drain",
                )
                .apply {
                    isDaemon = true
                    start()
                }
            return SandboxProcess(process, url)
        }
    }

    /** A fresh sandbox account (own wallet of 10,000.00 USD) per call. */
    fun newKey(): String = "sk_test_" + UUID.randomUUID().toString().replace("-", "")

    fun client(apiKey: String = newKey(), maxRetries: UInt = 2u): CryptoTopCard =
        CryptoTopCard(
            apiKey = apiKey,
            baseUrl = baseUrl,
            timeoutSeconds = 30.0,
            maxRetries = maxRetries,
        )

    /**
     * `GET /v1/sandbox/stats` over plain HTTP (not through the SDK, so reading it never goes
     * through the code under test): the server-wide counters as name -> value, nested `faults`
     * counters included under their own names (`error_503`, `delay_ms`, ...).
     */
    fun stats(apiKey: String = newKey()): Map<String, Long> {
        val request =
            HttpRequest.newBuilder(URI.create("$baseUrl/sandbox/stats"))
                .header("Authorization", "Bearer $apiKey")
                .timeout(Duration.ofSeconds(10))
                .GET()
                .build()
        val response = http.send(request, HttpResponse.BodyHandlers.ofString())
        check(response.statusCode() == 200) { "stats: ${response.statusCode()} ${response.body()}" }
        return Regex(""""(\w+)"\s*:\s*(\d+)""").findAll(response.body()).associate {
            it.groupValues[1] to it.groupValues[2].toLong()
        }
    }

    /**
     * `GET /v1/sandbox/requests` over plain HTTP: the account's last 100 requests as the sandbox
     * recorded them, oldest first (`method`, `path`, `headers`: the user agent and the `x-ctc-*`
     * telemetry headers, names lowercase).
     */
    @Suppress("UNCHECKED_CAST")
    fun requests(apiKey: String): List<Map<String, Any?>> {
        val request =
            HttpRequest.newBuilder(URI.create("$baseUrl/sandbox/requests"))
                .header("Authorization", "Bearer $apiKey")
                .timeout(Duration.ofSeconds(10))
                .GET()
                .build()
        val response = http.send(request, HttpResponse.BodyHandlers.ofString())
        check(response.statusCode() == 200) {
            "requests: ${response.statusCode()} ${response.body()}"
        }
        return Json.obj(response.body())["data"] as List<Map<String, Any?>>
    }

    private val http: HttpClient = HttpClient.newHttpClient()

    override fun close() {
        process.destroy()
        if (!process.waitFor(10, TimeUnit.SECONDS)) process.destroyForcibly()
    }
}
