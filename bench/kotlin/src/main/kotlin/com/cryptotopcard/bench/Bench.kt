// Kotlin SDK benchmark: the SDK (the Rust core over uniffi + JNA, suspend functions) against the
// Rust core itself (bench/rust: `ctc-bench --serve`, same sandbox and key) and plain
// java.net.http.HttpClient (sendAsync + await), all against ONE release ctc-sandbox, in one run.
//
//   make bench-kotlin
//   java
// -Duniffi.component.cryptotopcard_mobile.libraryOverride=target/release/libcryptotopcard_mobile.so
// \
//        -Duniffi.component.cryptotopcard.libraryOverride=target/release/libcryptotopcard_mobile.so
// \
//        -cp "$(cat bench/kotlin/target/classpath.txt):bench/kotlin/target/classes" \
//        com.cryptotopcard.bench.BenchKt --sandbox target/release/ctc-sandbox --core
// target/release/ctc-bench
//
// Options: --secs S and --rounds N (defaults: BENCH_SECS or 1, BENCH_ROUNDS or 5), --warmup W
// (default: BENCH_WARMUP or max(4, S)), --workloads seq,list,conc64, --sides kotlin,core,httpclient
// (kotlin alone, e.g. under a profiler). Workloads (the same as bench/rust, bench/python,
// bench/node, bench/go): seq = cards.retrieve one at a time, cycling over 100 cards; list =
// cards.list(perPage = 100u), one page of 100; conc64 = 64 coroutines each running
// cards.retrieve back to back. Each side runs S seconds a round, the order rotating round by round;
// the best of N rounds is kept. Before the rounds of each workload, each JVM side runs W unscored
// seconds (JIT warm-up: with one second, C2 was still compiling through the scored rounds, taking
// about a third of the JVM's CPU on this 2-core machine; the core has no JIT to wait for).
// Target (issue 13): within 1.3x of the core (core/kotlin <= 1.3).
//
// The alternative reads each body as a String and does not parse it: the JDK has no JSON parser
// and the SDK's classpath (kotlin-stdlib, kotlinx-coroutines, JNA) brings none. It only checks the
// status and that the body names the card (retrieve) or holds 100 summaries (list), so it does
// less work than the SDK, which decodes every field into typed Kotlin objects.
package com.cryptotopcard.bench

import com.cryptotopcard.CryptoTopCard
import com.cryptotopcard.cards
import java.io.BufferedReader
import java.io.File
import java.io.InputStreamReader
import java.io.OutputStreamWriter
import java.net.URI
import java.net.http.HttpClient
import java.net.http.HttpRequest
import java.net.http.HttpResponse
import java.security.SecureRandom
import java.util.concurrent.TimeUnit
import java.util.concurrent.atomic.AtomicLong
import kotlin.system.exitProcess
import kotlinx.coroutines.Dispatchers
import kotlinx.coroutines.async
import kotlinx.coroutines.awaitAll
import kotlinx.coroutines.coroutineScope
import kotlinx.coroutines.future.await
import kotlinx.coroutines.joinAll
import kotlinx.coroutines.launch
import kotlinx.coroutines.runBlocking
import kotlinx.coroutines.withContext

const val WIDTH = 64
const val TARGET = 1.3

/** Default unscored warm-up of each JVM side, per workload, in seconds (see the header). */
const val WARMUP_SECS = 4.0

class BenchException(message: String) : Exception(message)

/** A release `ctc-sandbox` on a free port (`--port 0`); its first stdout line names the URL. */
class Sandbox private constructor(val url: String, private val process: Process) : AutoCloseable {
    companion object {
        fun start(binary: String): Sandbox {
            val process =
                ProcessBuilder(binary, "--port", "0", "--details-rate-limit", "0")
                    .redirectError(ProcessBuilder.Redirect.DISCARD)
                    .start()
            val out = BufferedReader(InputStreamReader(process.inputStream))
            val first = out.readLine() ?: ""
            if (!first.startsWith("listening on ")) {
                process.destroyForcibly()
                throw BenchException("ctc-sandbox did not start: \"$first\"")
            }
            // Keep draining its stdout so the sandbox never blocks on a full pipe.
            Thread { out.useLines { lines -> lines.forEach { _ -> } } }
                .apply { isDaemon = true }
                .start()
            return Sandbox(first.removePrefix("listening on ").trim().trimEnd('/'), process)
        }
    }

    override fun close() {
        process.destroy()
        if (!process.waitFor(5, TimeUnit.SECONDS)) process.destroyForcibly()
    }
}

/** The Rust core's figures: `ctc-bench --serve` on the same sandbox and key. */
class Core private constructor(private val process: Process) : AutoCloseable {
    private val input = OutputStreamWriter(process.outputStream, Charsets.UTF_8)
    private val output = BufferedReader(InputStreamReader(process.inputStream, Charsets.UTF_8))

    companion object {
        fun start(binary: String, url: String, key: String): Core {
            val process =
                ProcessBuilder(binary, "--url", url, "--key", key, "--serve")
                    .redirectError(ProcessBuilder.Redirect.INHERIT)
                    .start()
            val core = Core(process)
            val ready = core.output.readLine() ?: ""
            if (!ready.startsWith("ready")) {
                core.close()
                throw BenchException("ctc-bench --serve did not start: \"$ready\"")
            }
            return core
        }
    }

    /** Requests/s of the core running [workload] for [secs] seconds. */
    suspend fun measure(workload: String, secs: Double): Double =
        withContext(Dispatchers.IO) {
            input.write("core $workload $secs\n")
            input.flush()
            val line = output.readLine() ?: throw BenchException("ctc-bench --serve stopped")
            line.trim().toDoubleOrNull()
                ?: throw BenchException("ctc-bench --serve answered \"$line\"")
        }

    override fun close() {
        runCatching { input.close() }
        if (!process.waitFor(10, TimeUnit.SECONDS)) process.destroyForcibly()
    }
}

/** What a user without the SDK writes: HttpClient, the body read as a String (see the header). */
class Plain(private val base: String, key: String) {
    private val http =
        HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .followRedirects(HttpClient.Redirect.NEVER)
            .build()
    private val auth = "Bearer $key"

    suspend fun get(path: String): String {
        val request =
            HttpRequest.newBuilder(URI.create(base + path))
                .header("Authorization", auth)
                .header("Accept", "application/json")
                .GET()
                .build()
        val resp = http.sendAsync(request, HttpResponse.BodyHandlers.ofString()).await()
        if (resp.statusCode() != 200) throw BenchException("HttpClient: HTTP ${resp.statusCode()}")
        return resp.body()
    }
}

/**
 * [width] coroutines calling [one] back to back for [secs] seconds (after one warm call each);
 * calls/s. The first failure cancels the others and is thrown.
 */
suspend fun runFor(secs: Double, width: Int, one: suspend (Int) -> Unit): Double = coroutineScope {
    (0 until width).map { async { one(it) } }.awaitAll()
    val done = AtomicLong()
    val start = System.nanoTime()
    val deadline = start + (secs * 1e9).toLong()
    (0 until width)
        .map { g ->
            launch {
                var i = g
                while (System.nanoTime() < deadline) {
                    one(i)
                    done.incrementAndGet()
                    i += width
                }
            }
        }
        .joinAll()
    done.get() / ((System.nanoTime() - start) / 1e9)
}

class Side(val name: String, val run: suspend () -> Double)

/** The best of [n] rounds for every side, the order rotating every round. */
suspend fun rounds(n: Int, sides: List<Side>): Map<String, Double> {
    val best = HashMap<String, Double>()
    for (r in 0 until n) {
        for (j in sides.indices) {
            val s = sides[(r + j) % sides.size]
            val v =
                try {
                    s.run()
                } catch (e: Exception) {
                    throw BenchException("${s.name}: ${e.message ?: e.javaClass.simpleName}")
                }
            if (v > (best[s.name] ?: 0.0)) best[s.name] = v
        }
    }
    return best
}

fun loadavg(): String {
    val cpus = Runtime.getRuntime().availableProcessors()
    val f = runCatching { File("/proc/loadavg").readText().trim().split(Regex("\\s+")) }.getOrNull()
    if (f == null || f.size < 2) return "load average unknown, $cpus CPUs"
    return "load average ${f[0]} (1 min) ${f[1]} (5 min), $cpus CPUs"
}

class Options(
    val sandbox: String,
    val core: String,
    val secs: Double,
    val warmup: Double,
    val rounds: Int,
    val workloads: List<String>,
    val sides: List<String>,
)

fun parseArgs(args: Array<String>): Options {
    var sandbox = "target/release/ctc-sandbox"
    var core = "target/release/ctc-bench"
    var secs = System.getenv("BENCH_SECS")?.toDoubleOrNull() ?: 1.0
    var rounds = System.getenv("BENCH_ROUNDS")?.toDoubleOrNull()?.toInt() ?: 5
    var warmup: Double? = System.getenv("BENCH_WARMUP")?.toDoubleOrNull()
    var workloads = listOf("seq", "list", "conc64")
    var sides = listOf("kotlin", "core", "httpclient")
    var i = 0
    fun value(name: String): String =
        args.getOrNull(++i) ?: throw BenchException("$name needs a value")
    while (i < args.size) {
        when (val a = args[i]) {
            "--sandbox" -> sandbox = value(a)
            "--core" -> core = value(a)
            "--secs" -> secs = value(a).toDoubleOrNull() ?: throw BenchException("bad --secs")
            "--rounds" -> rounds = value(a).toIntOrNull() ?: throw BenchException("bad --rounds")
            "--warmup" -> warmup = value(a).toDoubleOrNull() ?: throw BenchException("bad --warmup")
            "--workloads" -> workloads = value(a).split(",").map { it.trim() }
            "--sides" -> sides = value(a).split(",").map { it.trim() }
            else -> throw BenchException("unknown argument \"$a\" (see Bench.kt)")
        }
        i++
    }
    if (secs <= 0 || rounds < 1) throw BenchException("--secs must be > 0 and --rounds >= 1")
    val warm = warmup ?: maxOf(WARMUP_SECS, secs)
    if (warm < 0) throw BenchException("--warmup must be >= 0")
    if ("kotlin" !in sides) throw BenchException("--sides must include kotlin")
    return Options(sandbox, core, secs, warm, rounds, workloads, sides)
}

private class Workload(
    val title: String,
    val name: String,
    val width: Int,
    val sdk: suspend (Int) -> Unit,
    val plain: suspend (Int) -> Unit,
)

private class Row(val title: String, val sdk: Double, val core: Double?, val alternative: Double?)

suspend fun bench(o: Options) {
    println("start: ${loadavg()}")
    val lib = System.getProperty("uniffi.component.cryptotopcard_mobile.libraryOverride")
    if (lib == null || !File(lib).isFile) {
        throw BenchException(
            "-Duniffi.component.cryptotopcard_mobile.libraryOverride must name the release " +
                "libcryptotopcard_mobile.so (got ${lib ?: "nothing"}); run make bench-kotlin"
        )
    }
    Sandbox.start(o.sandbox).use { sb ->
        val rnd = ByteArray(16).also { SecureRandom().nextBytes(it) }
        val key = "sk_test_bench_" + rnd.joinToString("") { "%02x".format(it) }
        CryptoTopCard(apiKey = key, baseUrl = sb.url).use { client ->
            val ids = ArrayList<String>(100)
            for (i in 0 until 100) {
                ids.add(client.cards.create(binId = "491653", amount = 1.0, label = "bench $i").id)
            }
            val core =
                if ("core" !in o.sides) {
                    null
                } else if (File(o.core).isFile) {
                    Core.start(o.core, sb.url, key)
                } else {
                    println("Rust core: ${o.core} not built (make bench-core); no core figures")
                    null
                }
            try {
                val plain = Plain(sb.url, key)
                val sdkRetrieve: suspend (Int) -> Unit = { i ->
                    val id = ids[i % ids.size]
                    val card = client.cards.retrieve(id)
                    if (card.id != id) throw BenchException("retrieved ${card.id}, not $id")
                }
                val plainRetrieve: suspend (Int) -> Unit = { i ->
                    val id = ids[i % ids.size]
                    val body = plain.get("/cards/$id")
                    if (!body.contains(id)) throw BenchException("body does not name $id")
                }
                val sdkList: suspend (Int) -> Unit = {
                    val page = client.cards.list(perPage = 100u)
                    if (page.data.size != 100) throw BenchException("list of ${page.data.size}")
                }
                val plainList: suspend (Int) -> Unit = {
                    val body = plain.get("/cards?per_page=100")
                    // every summary has one "last4" key: a cheap count of the items, no parse
                    val n = body.split("\"last4\"").size - 1
                    if (n != 100) throw BenchException("list body holds $n cards")
                }
                val workloads =
                    listOf(
                        Workload("sequential retrieve", "seq", 1, sdkRetrieve, plainRetrieve),
                        Workload("list 100 cards", "list", 1, sdkList, plainList),
                        Workload(
                            "64 concurrent retrieve",
                            "conc64",
                            WIDTH,
                            sdkRetrieve,
                            plainRetrieve,
                        ),
                    )
                val rows = ArrayList<Row>()
                for (w in workloads) {
                    if (w.name !in o.workloads) continue
                    // JIT warm-up, unscored, per JVM side (see the header)
                    runFor(o.warmup, w.width, w.sdk)
                    if ("httpclient" in o.sides) runFor(o.warmup, w.width, w.plain)
                    val sides = mutableListOf(Side("kotlin") { runFor(o.secs, w.width, w.sdk) })
                    if ("httpclient" in o.sides) {
                        sides.add(Side("httpclient") { runFor(o.secs, w.width, w.plain) })
                    }
                    if (core != null) sides.add(Side("core") { core.measure(w.name, o.secs) })
                    val best =
                        try {
                            rounds(o.rounds, sides)
                        } catch (e: BenchException) {
                            throw BenchException("${w.title}: ${e.message}")
                        }
                    rows.add(
                        Row(w.title, best.getValue("kotlin"), best["core"], best["httpclient"])
                    )
                }
                printTable(o, sb.url, lib, rows)
            } finally {
                core?.close()
            }
        }
    }
    println("end: ${loadavg()}")
}

private fun printTable(o: Options, url: String, lib: String, rows: List<Row>) {
    println()
    println(
        "Kotlin ${KotlinVersion.CURRENT} on Java ${Runtime.version()}; native library $lib; " +
            "one release ctc-sandbox $url; best of ${o.rounds} rotating rounds of ${o.secs} s " +
            "after ${o.warmup} s of warm-up per JVM side; req/s"
    )
    println(
        "alternative: java.net.http.HttpClient (HTTP/1.1, sendAsync), body read as a String, " +
            "NO JSON parse (no JSON library in the JDK or on the classpath)"
    )
    println(
        "%-26s %8s %8s %8s %10s %17s  target (core/kotlin <= %.1f)"
            .format(
                "workload",
                "kotlin",
                "core",
                "core/kt",
                "httpclient",
                "kotlin/httpclient",
                TARGET,
            )
    )
    val missed = ArrayList<String>()
    for (r in rows) {
        var coreS = "-"
        var ratioS = "-"
        var verdict = "no core figure"
        if (r.core != null) {
            val ratio = r.core / r.sdk
            coreS = "%.0f".format(r.core)
            ratioS = "%.2fx".format(ratio)
            verdict = if (ratio > TARGET) "MISSED" else "met"
            if (ratio > TARGET) missed.add(r.title)
        }
        println(
            "%-26s %8.0f %8s %8s %10s %17s  %s"
                .format(
                    r.title,
                    r.sdk,
                    coreS,
                    ratioS,
                    r.alternative?.let { "%.0f".format(it) } ?: "-",
                    r.alternative?.let { "%.2fx".format(r.sdk / it) } ?: "-",
                    verdict,
                )
        )
    }
    if (missed.isNotEmpty()) {
        println("kotlin: target <= ${TARGET}x of the core MISSED on: ${missed.joinToString("; ")}")
    } else if (rows.all { it.core != null }) {
        println("kotlin: target <= ${TARGET}x of the core met on every workload")
    }
}

fun main(args: Array<String>) {
    val status =
        try {
            runBlocking(Dispatchers.Default) { bench(parseArgs(args)) }
            0
        } catch (e: Exception) {
            System.err.println("bench-kotlin: ${e.message ?: e.javaClass.name}")
            1
        }
    exitProcess(status)
}
