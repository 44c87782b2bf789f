// The Kotlin runner of tests/conformance/cases.json:
//
//   java -cp ... com.cryptotopcard.conformance.ConformanceKt [--cases FILE] [--sandbox BIN] [-k
// TEXT]
//
// It starts ctc-sandbox on a free port of 127.0.0.1 (or uses CTC_SANDBOX_URL), runs every case
// through the Kotlin SDK's typed suspend functions (the `*WithResponse` twin of each method, the
// wire params as named arguments: see Ops.kt), prints one line per failing case and ends with
// "N passed, N failed, N skipped". Exit status 1 when a case failed.
package com.cryptotopcard.conformance

import com.cryptotopcard.CryptoTopCard
import com.cryptotopcard.CryptoTopCardException
import com.cryptotopcard.ResponseMeta
import com.cryptotopcard.errorClass
import com.cryptotopcard.idempotencyKey
import com.cryptotopcard.isA
import java.io.BufferedReader
import java.io.File
import java.io.InputStreamReader
import java.net.URI
import java.net.http.HttpClient
import java.net.http.HttpRequest
import java.net.http.HttpResponse
import java.security.SecureRandom
import java.time.Duration
import java.util.concurrent.TimeUnit
import kotlin.system.exitProcess
import kotlinx.coroutines.runBlocking

const val LANG = "kotlin"

/** An absent field (distinct from JSON null). */
object Missing

// ------------------------------------------------------------------------------ sandbox and HTTP

class Sandbox(val url: String, private val process: Process?) : AutoCloseable {
    private val http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build()

    companion object {
        fun start(binary: String): Sandbox {
            System.getenv("CTC_SANDBOX_URL")
                ?.takeIf { it.isNotEmpty() }
                ?.let {
                    return Sandbox(it.trimEnd('/'), null)
                }
            if (!File(binary).canExecute()) {
                throw IllegalStateException(
                    "no ctc-sandbox at $binary (cargo build -p cryptotopcard-sandbox)"
                )
            }
            val process = ProcessBuilder(binary, "--port", "0").redirectErrorStream(true).start()
            val reader = BufferedReader(InputStreamReader(process.inputStream))
            val first = reader.readLine()
            val url =
                first?.let { Regex("""^listening on (\S+)""").find(it.trim()) }?.groupValues?.get(1)
            if (url == null) {
                process.destroyForcibly()
                throw IllegalStateException("ctc-sandbox did not start (first line: $first)")
            }
            // Drain the rest of its output so it never blocks on a full pipe.
            Thread({ runCatching { reader.useLines { lines -> lines.forEach {} } } }, "drain")
                .apply {
                    isDaemon = true
                    start()
                }
            return Sandbox(url.trimEnd('/'), process)
        }
    }

    private fun get(path: String, key: String): Map<*, *> {
        val request =
            HttpRequest.newBuilder(URI.create(url + path))
                .header("Authorization", "Bearer $key")
                .timeout(Duration.ofSeconds(30))
                .GET()
                .build()
        val response = http.send(request, HttpResponse.BodyHandlers.ofString())
        if (response.statusCode() != 200) {
            throw CaseError("GET $path: ${response.statusCode()} ${response.body()}")
        }
        return Json.parse(response.body()) as? Map<*, *>
            ?: throw CaseError("GET $path: not an object")
    }

    /** The server-wide request counter of `GET /v1/sandbox/stats`. */
    fun requestCount(key: String): Int =
        (get("/sandbox/stats", key)["requests"] as? Double)?.toInt()
            ?: throw CaseError("GET /sandbox/stats: no requests counter")

    /** The account's request log (`GET /v1/sandbox/requests`), oldest first. */
    fun log(key: String): List<Any?> =
        get("/sandbox/requests", key)["data"] as? List<Any?> ?: listOf()

    override fun close() {
        process?.let {
            it.destroy()
            if (!it.waitFor(10, TimeUnit.SECONDS)) it.destroyForcibly()
        }
    }
}

// ------------------------------------------------------------------------------ values

private val refRe = Regex("""^\$([A-Za-z_][A-Za-z0-9_]*)((?:\.[A-Za-z0-9_]+)*)$""")
private val interpRe = Regex("""\$\{([A-Za-z_][A-Za-z0-9_]*)((?:\.[A-Za-z0-9_]+)*)\}""")

fun lookup(v: Any?, key: String): Any? =
    when (v) {
        is Map<*, *> -> if (v.containsKey(key)) v[key] else Missing
        is List<*> -> key.toIntOrNull()?.takeIf { it in v.indices }?.let { v[it] } ?: Missing
        else -> Missing
    }

fun ref(env: Map<String, Any?>, name: String, path: String): Any? {
    if (!env.containsKey(name)) throw CaseError("unknown reference \$$name")
    var v = env[name]
    for (seg in path.split('.')) {
        if (seg.isEmpty()) continue
        v = lookup(v, seg)
        if (v === Missing) throw CaseError("reference \$$name$path: no field $seg")
    }
    return v
}

/** Substitutes references (`"$card.id"`, `"${card.id}"`) and builds `$number` / `$repeat`. */
fun resolve(v: Any?, env: Map<String, Any?>): Any? =
    when (v) {
        is String -> {
            val m = refRe.find(v)
            when {
                v == "\$any" -> v
                m != null -> ref(env, m.groupValues[1], m.groupValues[2])
                else ->
                    interpRe.replace(v) {
                        val r = ref(env, it.groupValues[1], it.groupValues[2])
                        if (r is String) r else Json.write(r)
                    }
            }
        }
        is List<*> -> v.map { resolve(it, env) }
        is Map<*, *> -> {
            val n = v["\$number"]
            val rep = v["\$repeat"]
            when {
                n is String && v.size == 1 ->
                    when (n) {
                        "NaN" -> Double.NaN
                        "Infinity" -> Double.POSITIVE_INFINITY
                        "-Infinity" -> Double.NEGATIVE_INFINITY
                        else -> n.toDoubleOrNull() ?: throw CaseError("bad \$number $n")
                    }
                rep is String && v.size == 2 -> rep.repeat((v["times"] as Double).toInt())
                else -> v.entries.associate { (k, e) -> k.toString() to resolve(e, env) }
            }
        }
        else -> v
    }

fun show(v: Any?): String = if (v === Missing) "<missing>" else Json.write(v)

/** Members holding a secret (PAN, CVV, OTP, webhook secret): never printed. */
val SECRET_KEYS = setOf("pan", "cvv", "otp", "secret", "api_key")

/** [v] with every secret member replaced by `"[REDACTED]"` (for failure messages). */
fun redact(v: Any?, key: String? = null): Any? =
    when {
        v == null || v === Missing -> v
        key != null && key in SECRET_KEYS -> "[REDACTED]"
        v is Map<*, *> -> v.entries.associate { (k, e) -> k.toString() to redact(e, k.toString()) }
        v is List<*> -> v.map { redact(it) }
        else -> v
    }

/** A value received, as a failure message shows it: secrets redacted ([path]'s last member). */
fun showGot(v: Any?, path: String = ""): String =
    show(redact(v, path.substringAfterLast('.').substringBefore('[').ifEmpty { null }))

fun sameNumber(a: Any?, b: Double): Boolean = a is Double && Math.abs(a - b) <= 1e-9

fun deepEqual(exp: Any?, act: Any?): Boolean =
    when (exp) {
        is Map<*, *> ->
            act is Map<*, *> &&
                act.size == exp.size &&
                exp.all { (k, e) -> act.containsKey(k) && deepEqual(e, act[k]) }
        is List<*> ->
            act is List<*> &&
                act.size == exp.size &&
                exp.indices.all { deepEqual(exp[it], act[it]) }
        is Double -> sameNumber(act, exp)
        else -> exp == act
    }

fun asList(v: Any?): List<*>? =
    when (v) {
        is List<*> -> v
        is Map<*, *> -> v["data"] as? List<*>
        else -> null
    }

/** The mismatches of [act] against the expectation [exp] (objects: subset; see README). */
fun match(exp: Any?, act: Any?, path: String): List<String> {
    val here = path.ifEmpty { "result" }
    if (act === Missing) return if (exp == null) listOf() else listOf("$here: missing")
    if (exp == "\$any")
        return if (act == null) listOf("$here: expected a value, got null") else listOf()
    return when (exp) {
        is Map<*, *> -> {
            val len = exp["\$len"]
            when {
                len is Double -> {
                    val items = asList(act)
                    if (items == null || items.size != len.toInt()) {
                        listOf("$here: expected ${len.toInt()} items, got ${showGot(act, path)}")
                    } else listOf()
                }
                exp.containsKey("\$exact") ->
                    if (!deepEqual(exp["\$exact"], act)) {
                        listOf(
                            "$here: expected exactly ${show(exp["\$exact"])}, got ${showGot(act, path)}"
                        )
                    } else listOf()
                act !is Map<*, *> -> listOf("$here: expected an object, got ${showGot(act, path)}")
                else ->
                    exp.keys
                        .map { it.toString() }
                        .sorted()
                        .flatMap { k ->
                            match(exp[k], lookup(act, k), if (path.isEmpty()) k else "$path.$k")
                        }
            }
        }
        is List<*> -> {
            val items = asList(act)
            if (items == null || items.size != exp.size) {
                listOf("$here: expected ${exp.size} items, got ${showGot(act, path)}")
            } else exp.indices.flatMap { match(exp[it], items[it], "$path[$it]") }
        }
        is Double ->
            if (!sameNumber(act, exp))
                listOf("$here: expected ${show(exp)}, got ${showGot(act, path)}")
            else listOf()
        else ->
            if (exp != act) listOf("$here: expected ${show(exp)}, got ${showGot(act, path)}")
            else listOf()
    }
}

fun checkKey(what: String, exp: Any?, got: String?): List<String> =
    when (exp) {
        true ->
            if (got.isNullOrEmpty()) listOf("$what: expected an idempotency key, got none")
            else listOf()
        false ->
            if (!got.isNullOrEmpty()) listOf("$what: expected no idempotency key, got \"$got\"")
            else listOf()
        is String ->
            if (got != exp) listOf("$what: expected idempotency key \"$exp\", got \"$got\"")
            else listOf()
        else -> listOf()
    }

// ------------------------------------------------------------------------------ client and errors

/** The case's client options as `CryptoTopCard(...)` arguments. */
fun makeClient(sb: Sandbox, key: String, spec: Map<*, *>?): CryptoTopCard {
    val s = spec ?: mapOf<String, Any?>()
    for (k in s.keys) {
        if (
            k !in
                setOf("api_key", "base_url", "max_retries", "max_response_bytes", "default_headers")
        ) {
            throw CaseError("the Kotlin runner does not know the client option $k")
        }
    }
    fun cannot(k: String, type: String): Nothing =
        throw CaseError(
            "the Kotlin API cannot express the client option $k = ${showGot(s[k], k)}: it is a $type"
        )
    val apiKey =
        if (s.containsKey("api_key")) (s["api_key"] as? String ?: cannot("api_key", "String?"))
        else key
    val baseUrl =
        if (s.containsKey("base_url")) (s["base_url"] as? String ?: cannot("base_url", "String?"))
        else sb.url
    val maxRetries =
        s["max_retries"]?.let {
            if (it is Double && it >= 0 && it == Math.rint(it)) it.toLong().toUInt()
            else cannot("max_retries", "UInt?")
        }
    val maxResponseBytes =
        s["max_response_bytes"]?.let {
            if (it is Double && it >= 0 && it == Math.rint(it)) it.toLong().toULong()
            else cannot("max_response_bytes", "ULong?")
        }
    val headers =
        s["default_headers"]?.let { h ->
            (h as? Map<*, *>)?.entries?.associate { (k, v) ->
                k.toString() to (v as? String ?: cannot("default_headers", "Map<String, String>?"))
            } ?: cannot("default_headers", "Map<String, String>?")
        }
    return CryptoTopCard(
        apiKey = apiKey,
        baseUrl = baseUrl,
        maxRetries = maxRetries,
        defaultHeaders = headers,
        maxResponseBytes = maxResponseBytes,
    )
}

/** The fields every variant of [CryptoTopCardException] carries, read without knowing it. */
class ErrorFields(e: CryptoTopCardException) {
    val status: Int?
    val code: String?
    val message: String?
    val requestId: String?
    val field: String?
    val retryAfter: Double?

    init {
        when (e) {
            is CryptoTopCardException.Validation -> {
                status = e.status?.toInt()
                code = e.errorCode
                message = e.errorMessage
                requestId = e.requestId
                field = e.field
                retryAfter = e.retryAfter
            }
            is CryptoTopCardException.Configuration -> {
                status = e.status?.toInt()
                code = e.errorCode
                message = e.errorMessage
                requestId = e.requestId
                field = e.field
                retryAfter = e.retryAfter
            }
            is CryptoTopCardException.BadRequest -> {
                status = e.status?.toInt()
                code = e.errorCode
                message = e.errorMessage
                requestId = e.requestId
                field = e.field
                retryAfter = e.retryAfter
            }
            is CryptoTopCardException.InsufficientFunds -> {
                status = e.status?.toInt()
                code = e.errorCode
                message = e.errorMessage
                requestId = e.requestId
                field = e.field
                retryAfter = e.retryAfter
            }
            is CryptoTopCardException.Authentication -> {
                status = e.status?.toInt()
                code = e.errorCode
                message = e.errorMessage
                requestId = e.requestId
                field = e.field
                retryAfter = e.retryAfter
            }
            is CryptoTopCardException.PermissionDenied -> {
                status = e.status?.toInt()
                code = e.errorCode
                message = e.errorMessage
                requestId = e.requestId
                field = e.field
                retryAfter = e.retryAfter
            }
            is CryptoTopCardException.NotFound -> {
                status = e.status?.toInt()
                code = e.errorCode
                message = e.errorMessage
                requestId = e.requestId
                field = e.field
                retryAfter = e.retryAfter
            }
            is CryptoTopCardException.Conflict -> {
                status = e.status?.toInt()
                code = e.errorCode
                message = e.errorMessage
                requestId = e.requestId
                field = e.field
                retryAfter = e.retryAfter
            }
            is CryptoTopCardException.RateLimit -> {
                status = e.status?.toInt()
                code = e.errorCode
                message = e.errorMessage
                requestId = e.requestId
                field = e.field
                retryAfter = e.retryAfter
            }
            is CryptoTopCardException.InternalServer -> {
                status = e.status?.toInt()
                code = e.errorCode
                message = e.errorMessage
                requestId = e.requestId
                field = e.field
                retryAfter = e.retryAfter
            }
            is CryptoTopCardException.ApiConnection -> {
                status = e.status?.toInt()
                code = e.errorCode
                message = e.errorMessage
                requestId = e.requestId
                field = e.field
                retryAfter = e.retryAfter
            }
            is CryptoTopCardException.ApiTimeout -> {
                status = e.status?.toInt()
                code = e.errorCode
                message = e.errorMessage
                requestId = e.requestId
                field = e.field
                retryAfter = e.retryAfter
            }
            is CryptoTopCardException.ApiUserAbort -> {
                status = e.status?.toInt()
                code = e.errorCode
                message = e.errorMessage
                requestId = e.requestId
                field = e.field
                retryAfter = e.retryAfter
            }
            is CryptoTopCardException.WebhookVerification -> {
                status = e.status?.toInt()
                code = e.errorCode
                message = e.errorMessage
                requestId = e.requestId
                field = e.field
                retryAfter = e.retryAfter
            }
            is CryptoTopCardException.Internal -> {
                status = e.status?.toInt()
                code = e.errorCode
                message = e.errorMessage
                requestId = e.requestId
                field = e.field
                retryAfter = e.retryAfter
            }
        }
    }
}

/** The Kotlin variant of a class of the core's table: `XxxError` -> `Xxx`, `API` -> `Api`. */
fun variantName(errorClass: String): String = errorClass.removeSuffix("Error").replace("API", "Api")

fun describe(e: CryptoTopCardException): String {
    val f = ErrorFields(e)
    return "${e.errorClass} (status=${f.status}, code=${f.code}, field=${f.field}: ${f.message})"
}

fun checkError(exp: Map<*, *>, e: CryptoTopCardException): List<String> {
    val out = mutableListOf<String>()
    val want = exp["class"] as? String ?: throw CaseError("expect.error without a class")
    val variant = e::class.java.simpleName
    if (e.errorClass != want || variant != variantName(want) || !e.isA(want)) {
        out +=
            "error class: expected $want (CryptoTopCardException.${variantName(want)}), got " +
                "${e.errorClass} (CryptoTopCardException.$variant): ${describe(e)}"
    }
    val f = ErrorFields(e)
    // `field` is the validation/configuration field, or the API's `param` on an API error.
    val local = e is CryptoTopCardException.Validation || e is CryptoTopCardException.Configuration
    val got =
        mapOf(
            "status" to f.status?.toDouble(),
            "code" to f.code,
            "field" to if (local) f.field else null,
            "param" to if (local) null else f.field,
        )
    for (name in listOf("status", "code", "field", "param")) {
        if (exp.containsKey(name) && !deepEqual(exp[name], got[name])) {
            out += "error $name: expected ${show(exp[name])}, got ${show(got[name])}"
        }
    }
    (exp["retry_after"] as? Double)?.let {
        if (!sameNumber(f.retryAfter, it)) {
            out += "error retry_after: expected ${show(it)}, got ${f.retryAfter}"
        }
    }
    if (exp.containsKey("idempotency_key")) {
        out += checkKey("error", exp["idempotency_key"], e.idempotencyKey)
    }
    if (exp["request_id"] == true && f.requestId?.startsWith("req_") != true) {
        out += "error request_id: expected the API's req_ id, got ${show(f.requestId)}"
    }
    if (exp["message"] == true && f.message.isNullOrEmpty()) {
        out += "error message: expected the API's message, got none"
    }
    return out
}

fun checkMeta(exp: Map<*, *>, meta: ResponseMeta): List<String> {
    val out = mutableListOf<String>()
    (exp["status"] as? Double)?.let {
        if (it.toInt() != meta.status.toInt()) {
            out += "meta status: expected ${show(it)}, got ${meta.status}"
        }
    }
    (exp["replayed"] as? Boolean)?.let {
        if (it != meta.replayed) out += "meta replayed: expected $it, got ${meta.replayed}"
    }
    if (exp.containsKey("idempotency_key")) {
        out += checkKey("meta", exp["idempotency_key"], meta.idempotencyKey)
    }
    return out
}

fun checkRequest(
    exp: Any?,
    sent: Int,
    entries: List<Any?>,
    logged: Boolean,
    env: Map<String, Any?>,
): List<String> {
    // The log's entries as "METHOD /path" (their headers are the SDK's telemetry).
    val seen =
        entries.map { x -> (x as? Map<*, *>).let { "${it?.get("method")} ${it?.get("path")}" } }
    if (exp == "none") {
        val out = mutableListOf<String>()
        if (sent != 0) out += "request: expected nothing sent, the sandbox got $sent"
        if (logged && entries.isNotEmpty())
            out += "request: expected nothing sent, logged ${show(seen)}"
        return out
    }
    val e = exp as? Map<*, *> ?: throw CaseError("expect.request: ${show(exp)}")
    val count = (e["count"] as? Double)?.toInt() ?: 1
    val out = mutableListOf<String>()
    if (sent != count) out += "request: expected $count sent, the sandbox got $sent"
    val method = e["method"] as? String
    if (method != null && logged) {
        val want = "$method ${resolve(e["path"], env)}"
        if (seen.size != count || seen.any { it != want }) {
            out += "request: expected $count x $want, logged ${show(seen)}"
        }
    }
    return out
}

/** The typed record agrees with the body: its `id`, and the ids of a page's items. */
fun checkTyped(data: Any?, raw: Any?): List<String> {
    val out = mutableListOf<String>()
    val rawIds =
        (raw as? Map<*, *>)?.get("data")?.let { d ->
            (d as? List<*>)?.map { (it as? Map<*, *>)?.get("id") }
        }
    val ids = typedIds(data)
    if (ids != null && ids != rawIds)
        out += "typed: the page's items have ids $ids, rawJson ${show(rawIds)}"
    val rawId = (raw as? Map<*, *>)?.get("id")
    val getter =
        data?.javaClass?.methods?.firstOrNull { it.name == "getId" && it.parameterCount == 0 }
    if (rawId is String && getter != null) {
        val id = getter.invoke(data)
        if (id != rawId) out += "typed: data.id is $id, rawJson has $rawId"
    }
    return out
}

// ------------------------------------------------------------------------------ a case

private val random = SecureRandom()

@Suppress("UNCHECKED_CAST")
suspend fun runCase(sb: Sandbox, case: Map<*, *>, index: Int): List<String> {
    val bytes = ByteArray(6).also { random.nextBytes(it) }
    val key = "sk_test_conf_${LANG}_${index}_" + bytes.joinToString("") { "%02x".format(it) }
    val env = mutableMapOf<String, Any?>()
    val clients = mutableListOf<CryptoTopCard>()
    try {
        val plain = makeClient(sb, key, null).also { clients += it }
        for ((i, st) in ((case["setup"] as? List<*>) ?: listOf<Any?>()).withIndex()) {
            val s = st as Map<*, *>
            val op = s["op"] as String
            val params = resolve(s["params"] ?: mapOf<String, Any?>(), env) as Map<String, Any?>
            val options = resolve(s["options"], env) as? Map<*, *>
            val client =
                (s["client"] as? Map<*, *>)?.let {
                    try {
                        makeClient(sb, key, it).also { c -> clients += c }
                    } catch (e: CryptoTopCardException) {
                        throw CaseError("setup step $i ($op): client: ${describe(e)}")
                    }
                } ?: plain
            val wantError = s["error"] as? String
            val value: Any? =
                try {
                    val r = call(client, op, params, options?.get("idempotency_key") as? String)
                    if (wantError != null) {
                        throw CaseError("setup step $i ($op): expected $wantError, got a result")
                    }
                    Json.parse(r.rawJson)
                } catch (e: CryptoTopCardException) {
                    if (e.errorClass != wantError) {
                        throw CaseError("setup step $i ($op) failed: ${describe(e)}")
                    }
                    mapOf("class" to wantError, "idempotency_key" to e.idempotencyKey)
                }
            (s["as"] as? String)?.let { env[it] = value }
        }

        val op = case["op"] as String
        val params = resolve(case["params"] ?: mapOf<String, Any?>(), env) as Map<String, Any?>
        val options = resolve(case["options"], env) as? Map<*, *>
        val givenKey = options?.get("idempotency_key") as? String
        val clientSpec = case["client"] as? Map<*, *>
        val logBefore = sb.log(key)
        val countBefore = sb.requestCount(key)
        var out: Out? = null
        var error: CryptoTopCardException? = null
        var client: CryptoTopCard? = null
        try {
            client = makeClient(sb, key, clientSpec).also { clients += it }
            out = call(client, op, params, givenKey)
        } catch (e: CryptoTopCardException) {
            error = e
        }
        val countAfter = sb.requestCount(key)
        val logAfter = sb.log(key)
        val sent = countAfter - countBefore - 1
        val entries = logAfter.drop(minOf(logBefore.size, logAfter.size))

        val failures = mutableListOf<String>()
        val expect = case["expect"] as Map<*, *>
        var raw: Any? = null
        if (expect.containsKey("error")) {
            val want = resolve(expect["error"], env) as Map<*, *>
            if (error == null) {
                failures +=
                    "expected ${want["class"]}, got a result: " +
                        showGot(out?.rawJson?.let { runCatching { Json.parse(it) }.getOrNull() })
            } else {
                failures += checkError(want, error)
            }
        } else if (error != null) {
            failures += "unexpected ${describe(error)}"
        } else {
            val o = out!!
            raw =
                try {
                    Json.parse(o.rawJson)
                } catch (e: IllegalArgumentException) {
                    failures += "rawJson does not parse: ${e.message}"
                    null
                }
            if (expect.containsKey("result"))
                failures += match(resolve(expect["result"], env), raw, "")
            (expect["meta"] as? Map<*, *>)?.let {
                failures += checkMeta(resolve(it, env) as Map<*, *>, o.meta)
            }
            failures += checkTyped(o.data, raw)
        }
        if (expect.containsKey("request")) {
            val custom = clientSpec?.containsKey("api_key") == true
            failures += checkRequest(expect["request"], sent, entries, !custom, env)
        }
        if (expect.containsKey("next_page") && error == null && client != null) {
            failures += checkNextPage(client, op, params, out!!, resolve(expect["next_page"], env))
        }
        return failures
    } finally {
        clients.forEach { it.close() }
    }
}

/**
 * A Kotlin page has no next-page helper: a user asks for `page + 1` while `page < totalPages` (same
 * method, same filters), or walks the binding's pager (`listAutoPaging`, the core's stream, which
 * carries the filters itself). Both are checked: the page after the result is matched like
 * `result`, and the pager from the same params must yield the result's items, then the next page's,
 * then (when no next page is expected) nothing more.
 */
suspend fun checkNextPage(
    client: CryptoTopCard,
    op: String,
    params: Map<String, Any?>,
    out: Out,
    want: Any?,
): List<String> {
    val failures = mutableListOf<String>()
    val pag = pagination(out.data) ?: throw CaseError("next_page: $op is not a paginated list")
    val page = pag.page?.toInt()
    val totalPages = pag.totalPages?.toInt()
    val exists = page != null && totalPages != null && page < totalPages
    val firstIds = typedIds(out.data) ?: listOf()
    var nextIds = listOf<String>()
    when {
        want == null && exists ->
            failures += "next_page: expected none, pagination says page $page of $totalPages"
        want != null && !exists ->
            failures += "next_page: expected a next page, pagination says page $page of $totalPages"
        want != null -> {
            try {
                val next = call(client, op, params + ("page" to (page!! + 1).toDouble()), null)
                failures += match(want, Json.parse(next.rawJson), "next_page")
                nextIds = typedIds(next.data) ?: listOf()
            } catch (e: CryptoTopCardException) {
                failures += "next_page: ${describe(e)}"
                return failures
            }
        }
    }
    val expected = firstIds + nextIds
    try {
        val walked = pagerIds(client, op, params, expected.size + if (want == null) 1 else 0)
        if (walked != expected) {
            failures += "next_page: the pager yields $walked, the pages ${show(expected)}"
        }
    } catch (e: CryptoTopCardException) {
        failures += "next_page: the pager failed: ${describe(e)}"
    }
    return failures
}

// ------------------------------------------------------------------------------ main

fun main(args: Array<String>) {
    var casesPath: String? = null
    var sandboxBin: String? = System.getenv("CTC_SANDBOX_BIN")?.takeIf { it.isNotEmpty() }
    var only = ""
    var i = 0
    while (i < args.size) {
        when (args[i]) {
            "--cases" -> casesPath = args.getOrNull(++i)
            "--sandbox" -> sandboxBin = args.getOrNull(++i)
            "-k" -> only = args.getOrNull(++i) ?: ""
            else -> {
                System.err.println("usage: [--cases FILE] [--sandbox BIN] [-k TEXT]")
                exitProcess(2)
            }
        }
        i++
    }
    // The repository root: the nearest directory up from here holding tests/conformance/cases.json.
    val root =
        generateSequence(File("").absoluteFile) { it.parentFile }
            .firstOrNull { File(it, "tests/conformance/cases.json").isFile }
    val cases = File(casesPath ?: root?.let { "$it/tests/conformance/cases.json" } ?: "cases.json")
    val bin = sandboxBin ?: root?.let { "$it/target/debug/ctc-sandbox" } ?: "ctc-sandbox"

    val file = Json.parse(cases.readText()) as Map<*, *>
    val all = file["cases"] as List<*>
    val runSkipped = System.getenv("CTC_CONFORMANCE_RUN_SKIPPED") == "1"
    var passed = 0
    var failed = 0
    var skipped = 0
    Sandbox.start(bin).use { sb ->
        for ((index, c) in all.withIndex()) {
            val case = c as Map<*, *>
            val name = case["name"] as String
            if (only.isNotEmpty() && !name.contains(only)) continue
            val reason = (case["skip"] as? Map<*, *>)?.get(LANG) as? String
            if (!reason.isNullOrEmpty() && !runSkipped) {
                System.err.println("skip $name: $reason")
                skipped++
                continue
            }
            val failures =
                try {
                    runBlocking { runCase(sb, case, index) }
                } catch (e: CaseError) {
                    listOf(e.message ?: "case error")
                } catch (e: Exception) {
                    listOf("runner: $e")
                }
            if (failures.isEmpty()) {
                passed++
            } else {
                failed++
                println("FAIL $name: ${failures.joinToString("; ")}")
            }
        }
    }
    println("$passed passed, $failed failed, $skipped skipped")
    System.out.flush()
    exitProcess(if (failed > 0) 1 else 0)
}
