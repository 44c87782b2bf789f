package com.cryptotopcard

import com.sun.net.httpserver.HttpsConfigurator
import com.sun.net.httpserver.HttpsServer
import java.io.InputStream
import java.io.OutputStream
import java.net.InetSocketAddress
import java.net.ServerSocket
import java.net.Socket
import java.security.KeyFactory
import java.security.KeyStore
import java.security.cert.CertificateFactory
import java.security.cert.X509Certificate
import java.security.spec.PKCS8EncodedKeySpec
import java.util.Base64
import java.util.Collections
import javax.net.ssl.KeyManagerFactory
import javax.net.ssl.SSLContext
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
 * Issue 13, client options: `withOptions` copies sharing the connection pool, the telemetry headers
 * (read back from the sandbox's `GET /v1/sandbox/requests`), an explicit `proxy` with credentials
 * (through a real forwarding proxy; never printed), `maxResponseBytes`, and a custom CA
 * (`rootCertificatesPem`) against a local HTTPS server.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ClientOptionsTest {
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
    fun withOptionsSharesThePoolAndOverridesOnlyWhatItNames() =
        runBlocking<Unit> {
            SandboxProcess.start("--faults", "error_503=1").use { failing ->
                val key = failing.newKey()
                CryptoTopCard(apiKey = key, baseUrl = failing.baseUrl, timeoutSeconds = 30.0).use {
                    client ->
                    val quick = client.withOptions(timeoutSeconds = 5.0, maxRetries = 0u)
                    assertTrue(quick.sharesPoolWith(client) && client.sharesPoolWith(quick))
                    assertEquals(5.0, quick.timeoutSeconds())
                    assertEquals(0u, quick.maxRetries())
                    assertEquals(client.baseUrl(), quick.baseUrl())
                    // The original is untouched.
                    assertEquals(30.0, client.timeoutSeconds())
                    assertEquals(2u, client.maxRetries())
                    // Only the retries named: the timeout is the original's.
                    val retriesOnly = client.withOptions(maxRetries = 1u)
                    assertEquals(30.0, retriesOnly.timeoutSeconds())
                    assertTrue(retriesOnly.sharesPoolWith(quick))
                    CryptoTopCard(apiKey = key, baseUrl = failing.baseUrl).use { other ->
                        assertFalse(other.sharesPoolWith(client), "a new client, a new pool")
                    }

                    // Behaviour: against a sandbox answering 503 to everything.
                    fun served503() = failing.stats()["error_503"] ?: 0L
                    var before = served503()
                    assertThrows<CryptoTopCardException.InternalServer> {
                        runBlocking { quick.bins.list() }
                    }
                    assertEquals(1L, served503() - before, "the copy: one attempt")
                    before = served503()
                    assertThrows<CryptoTopCardException.InternalServer> {
                        runBlocking { client.bins.list() }
                    }
                    assertEquals(3L, served503() - before, "the original: 2 retries")
                }
            }

            sandbox.client().use { client ->
                // Default headers are added to the original's.
                val future =
                    client.withOptions(defaultHeaders = mapOf("X-Sandbox-Future-Fields" to "1"))
                assertTrue(future.sharesPoolWith(client))
                assertTrue(
                    future.wallet.retrieveWithResponse().rawJson.contains("sandbox_future_field")
                )
                assertFalse(
                    client.wallet.retrieveWithResponse().rawJson.contains("sandbox_future_field")
                )
                // A response cap on the copy only.
                val capped = client.withOptions(maxResponseBytes = 64u)
                val tooLarge =
                    assertThrows<CryptoTopCardException.InternalServer> {
                        runBlocking { capped.bins.list() }
                    }
                assertEquals("response_too_large", tooLarge.errorCode)
                assertTrue(client.bins.list().data.isNotEmpty())
                // The same checks as the constructor.
                val reserved =
                    assertThrows<CryptoTopCardException.Configuration> {
                        client.withOptions(defaultHeaders = mapOf("Authorization" to "Bearer x"))
                    }
                assertEquals("default_headers", reserved.field)
                val badTimeout =
                    assertThrows<CryptoTopCardException.Validation> {
                        client.withOptions(timeoutSeconds = -1.0)
                    }
                assertEquals("timeout_seconds", badTimeout.field)
                val zeroCap =
                    assertThrows<CryptoTopCardException.Configuration> {
                        client.withOptions(maxResponseBytes = 0u)
                    }
                assertEquals("max_response_bytes", zeroCap.field)
            }
        }

    @Test
    fun telemetryHeadersReachTheServer() =
        runBlocking<Unit> {
            val key = sandbox.newKey()
            val runtime = kotlinRuntimeVersion()
            CryptoTopCard(apiKey = key, baseUrl = sandbox.baseUrl, runtimeVersion = runtime).use {
                it.wallet.retrieve()
            }
            CryptoTopCard(apiKey = key, baseUrl = sandbox.baseUrl).use { it.bins.list() }
            val log = sandbox.requests(key)
            val wallet = log.first { it["path"] == "/v1/wallet" }["headers"] as Map<*, *>
            assertEquals("cryptotopcard-kotlin/0.1.0 (core 0.1.0)", wallet["user-agent"])
            assertEquals("kotlin", wallet["x-ctc-lang"])
            assertEquals("0.1.0", wallet["x-ctc-package-version"])
            assertEquals("0.1.0", wallet["x-ctc-core-version"])
            assertEquals(System.getProperty("os.name").lowercase(), wallet["x-ctc-os"])
            assertEquals("x86_64", wallet["x-ctc-arch"])
            assertEquals("kotlin", wallet["x-ctc-runtime"])
            assertEquals(runtime, wallet["x-ctc-runtime-version"])
            assertTrue(runtime.contains(KotlinVersion.CURRENT.toString()), runtime)
            assertEquals("0", wallet["x-ctc-retry-count"])
            // Without a runtime version from the host: "uniffi".
            val bins = log.first { it["path"] == "/v1/bins" }["headers"] as Map<*, *>
            assertEquals("uniffi", bins["x-ctc-runtime-version"])

            // The retry count is per attempt.
            SandboxProcess.start("--faults", "error_503=1").use { failing ->
                val k = failing.newKey()
                CryptoTopCard(apiKey = k, baseUrl = failing.baseUrl, maxRetries = 2u).use {
                    assertThrows<CryptoTopCardException.InternalServer> {
                        runBlocking { it.bins.list() }
                    }
                }
                val counts =
                    failing.requests(k).map { (it["headers"] as Map<*, *>)["x-ctc-retry-count"] }
                assertEquals(listOf("0", "1", "2"), counts)
            }
        }

    @Test
    fun anExplicitProxyWithCredentialsCarriesTheCallsAndIsNeverPrinted() =
        runBlocking<Unit> {
            val password = "pr0xy-S3cret-pw"
            ForwardProxy().use { proxy ->
                val url = "http://alice:$password@127.0.0.1:${proxy.port}"
                CryptoTopCard(apiKey = sandbox.newKey(), baseUrl = sandbox.baseUrl, proxy = url)
                    .use { client ->
                        assertEquals(10_000.0, client.wallet.retrieve().balance)
                        assertFalse(client.toString().contains(password), client.toString())
                        assertFalse(
                            client.withOptions(maxRetries = 0u).toString().contains(password)
                        )
                    }
                val head = proxy.heads.single()
                assertTrue(
                    head.startsWith("GET ${sandbox.baseUrl}/wallet HTTP/1.1"),
                    "absolute-form request to the proxy: $head",
                )
                val basic = Base64.getEncoder().encodeToString("alice:$password".toByteArray())
                assertTrue(
                    head.lines().any { it.equals("proxy-authorization: Basic $basic", true) },
                    "Proxy-Authorization from the URL's credentials: $head",
                )
            }

            // A proxy that is not there: a connection error that does not echo the URL.
            val dead = ServerSocket(0).use { it.localPort }
            CryptoTopCard(
                    apiKey = sandbox.newKey(),
                    baseUrl = sandbox.baseUrl,
                    maxRetries = 0u,
                    proxy = "http://alice:$password@127.0.0.1:$dead",
                )
                .use { client ->
                    val e =
                        assertThrows<CryptoTopCardException.ApiConnection> {
                            runBlocking { client.wallet.retrieve() }
                        }
                    assertFalse("$e ${e.message}".contains(password), "$e")
                }
            // A malformed one: refused at construction, naming the option, not echoing it.
            val bad =
                assertThrows<CryptoTopCardException.Configuration> {
                    CryptoTopCard(apiKey = sandbox.newKey(), proxy = "http://alice:$password@[::")
                }
            assertEquals("proxy", bad.field)
            assertFalse("$bad ${bad.message}".contains(password), "$bad")
        }

    @Test
    fun maxResponseBytesRefusesALargerBody() =
        runBlocking<Unit> {
            CryptoTopCard(
                    apiKey = sandbox.newKey(),
                    baseUrl = sandbox.baseUrl,
                    maxResponseBytes = 300u,
                )
                .use { client ->
                    val e =
                        assertThrows<CryptoTopCardException.InternalServer> {
                            runBlocking { client.bins.list() }
                        }
                    assertEquals("response_too_large", e.errorCode)
                    // A body under the cap passes (the wallet is ~150 bytes, the BINs ~560).
                    assertEquals(10_000.0, client.wallet.retrieve().balance)
                }
        }

    @Test
    fun aCustomCaVerifiesAnHttpsServer() =
        runBlocking<Unit> {
            val server = httpsServer()
            try {
                val url = "https://localhost:${server.address.port}/v1"
                CryptoTopCard(apiKey = sandbox.newKey(), baseUrl = url, maxRetries = 0u).use {
                    val e =
                        assertThrows<CryptoTopCardException.ApiConnection> {
                            runBlocking { it.wallet.retrieve() }
                        }
                    assertTrue(e.errorMessage.lowercase().contains("certificate"), e.errorMessage)
                }
                CryptoTopCard(
                        apiKey = sandbox.newKey(),
                        baseUrl = url,
                        maxRetries = 0u,
                        rootCertificatesPem = resource("ca.crt"),
                    )
                    .use { assertEquals(1234.56, it.wallet.retrieve().balance) }
                val bad =
                    assertThrows<CryptoTopCardException.Configuration> {
                        CryptoTopCard(apiKey = sandbox.newKey(), rootCertificatesPem = "not a PEM")
                    }
                assertEquals("root_certificates", bad.field)
            } finally {
                server.stop(0)
            }
        }

    private fun resource(name: String): String =
        checkNotNull(javaClass.getResourceAsStream("/tls/$name")) { "no resource tls/$name" }
            .use { it.readBytes().toString(Charsets.UTF_8) }

    /** An HTTPS server on 127.0.0.1 (certificate for `localhost`, signed by the test CA). */
    private fun httpsServer(): HttpsServer {
        val pem = resource("localhost.key")
        val der =
            Base64.getMimeDecoder()
                .decode(pem.lines().filter { !it.startsWith("-----") }.joinToString(""))
        val key = KeyFactory.getInstance("EC").generatePrivate(PKCS8EncodedKeySpec(der))
        val certs =
            CertificateFactory.getInstance("X.509")
                .generateCertificates(resource("localhost.crt").byteInputStream())
                .map { it as X509Certificate }
        val store = KeyStore.getInstance("PKCS12")
        store.load(null, null)
        store.setKeyEntry("server", key, CharArray(0), certs.toTypedArray())
        val kmf = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm())
        kmf.init(store, CharArray(0))
        val tls = SSLContext.getInstance("TLS")
        tls.init(kmf.keyManagers, null, null)
        val server = HttpsServer.create(InetSocketAddress("127.0.0.1", 0), 0)
        server.httpsConfigurator = HttpsConfigurator(tls)
        server.createContext("/") { exchange ->
            val body =
                ("""{"balance":1234.56,"currency":"USD","pending_deposits":0,""" +
                        """"total_deposited":1234.56,"total_spent":0,"cards_active":0,""" +
                        """"cards_total_balance":0}""")
                    .toByteArray()
            exchange.responseHeaders.add("Content-Type", "application/json")
            exchange.sendResponseHeaders(200, body.size.toLong())
            exchange.responseBody.use { it.write(body) }
        }
        server.start()
        return server
    }
}

/**
 * A forwarding HTTP proxy on 127.0.0.1: records each request head, then splices bytes both ways to
 * the host the absolute-form target names (the sandbox accepts absolute-form targets).
 */
class ForwardProxy : AutoCloseable {
    private val listener = ServerSocket(0, 50, java.net.InetAddress.getLoopbackAddress())
    val port: Int = listener.localPort
    val heads: MutableList<String> = Collections.synchronizedList(mutableListOf())

    init {
        daemon("proxy-accept") {
            while (true) {
                val client = runCatching { listener.accept() }.getOrNull() ?: break
                daemon("proxy-conn") { runCatching { serve(client) } }
            }
        }
    }

    private fun serve(client: Socket) {
        client.use {
            val input = client.getInputStream()
            val head = StringBuilder()
            while (!head.endsWith("\r\n\r\n")) {
                val b = input.read()
                if (b < 0) return
                head.append(b.toChar())
            }
            val text = head.toString()
            heads += text.trimEnd()
            val target = text.split(" ")[1].removePrefix("http://").substringBefore("/")
            Socket(target.substringBefore(":"), target.substringAfter(":").toInt()).use { up ->
                up.getOutputStream().write(text.toByteArray(Charsets.ISO_8859_1))
                daemon("proxy-down") {
                    runCatching { pipe(up.getInputStream(), client.getOutputStream()) }
                }
                pipe(input, up.getOutputStream())
            }
        }
    }

    private fun pipe(from: InputStream, to: OutputStream) {
        val buf = ByteArray(8192)
        while (true) {
            val n = from.read(buf)
            if (n < 0) break
            to.write(buf, 0, n)
            to.flush()
        }
    }

    private fun daemon(name: String, body: () -> Unit) {
        Thread(body, name).apply {
            isDaemon = true
            start()
        }
    }

    override fun close() = listener.close()
}
