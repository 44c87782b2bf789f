// Hand-written Kotlin conveniences over the generated bindings. No API logic: String and List
// overloads of the webhook helpers, the error's idempotency key and class readable without knowing
// the variant, the runtime version for the telemetry headers, and the java.util.logging sink for
// the SDK's log events; and the JNA setting that keeps the core runtime's threads attached to the
// JVM (RuntimeThreads). The resource accessors as properties, the pagers as Flows and the
// variants' common fields follow the spec: Generated.kt (ctc-codegen).
package com.cryptotopcard

import com.sun.jna.CallbackThreadInitializer
import com.sun.jna.Native
import java.util.WeakHashMap
import java.util.logging.Level
import java.util.logging.Logger

/**
 * Every suspend call of the SDK ends with the core runtime's thread (`cryptotopcard-rt`, a Rust
 * thread) calling uniffi's continuation callback through JNA, which resumes the coroutine. By
 * default JNA attaches such a native thread to the JVM for that one callback and detaches it after:
 * a new `java.lang.Thread` per call (~100 us of JVM work, on the runtime thread that should be
 * doing the I/O; it was most of the SDK's overhead per call). Registered here, the runtime threads
 * are attached once, as daemon threads, and stay attached (JNA detaches them if they ever end).
 *
 * JNA reads the setting when it first hands that callback to native code, i.e. at the first suspend
 * call of the process, so it must come before: the accessors ([cards], [wallet], ...; Generated.kt,
 * through [ResourceCache]) and [CryptoTopCardLogging] touch it, which covers
 * `client.cards.retrieve(...)`. (A program whose first call is `client.cards().retrieve(...)` keeps
 * JNA's default: correct, only slower.)
 */
internal object RuntimeThreads {
    init {
        Native.setCallbackThreadInitializer(
            uniffiRustFutureContinuationCallbackImpl,
            CallbackThreadInitializer(/* daemon= */ true, /* detach= */ false, "cryptotopcard-rt"),
        )
    }

    /** Runs the registration above once (class initialisation); free afterwards. */
    fun ensure() = Unit
}

/**
 * Each client's [Resources] (Generated.kt), behind the accessor properties (`client.cards`): made
 * at a client's first access, found again by identity. Weakly keyed: an entry goes when its client
 * becomes unreachable (the resource objects hold the Rust client, not the Kotlin one), and when the
 * client is found destroyed (`close()`), whose accessors then throw as `client.cards()` does.
 */
internal object ResourceCache {
    private val byClient = WeakHashMap<CryptoTopCard, Resources>()

    init {
        RuntimeThreads.ensure()
    }

    fun of(client: CryptoTopCard): Resources {
        if (client.uniffiIsDestroyed) {
            synchronized(byClient) { byClient.remove(client) }
        } else {
            val known = synchronized(byClient) { byClient[client] }
            if (known != null) return known
        }
        // Made outside the lock (native calls; they throw for a destroyed client). Two racing
        // first accesses make one spare set, collected as before.
        val made = Resources(client)
        return synchronized(byClient) { byClient.getOrPut(client) { made } }
    }
}

/**
 * The SDK's log levels, most verbose first (the core's own enum, generated into the models
 * package): `CryptoTopCardLogging.install(LogLevel.DEBUG)`.
 */
typealias LogLevel = com.cryptotopcard.models.LogLevel

/** [verifyWebhook] for a payload held as text (its UTF-8 bytes are what was signed). */
fun verifyWebhook(payload: String, signature: String, secret: String): Boolean =
    verifyWebhook(payload.toByteArray(Charsets.UTF_8), signature, secret)

/** [verifyWebhookAny] for a payload held as text: `true` when any of [secrets] signed it. */
fun verifyWebhook(payload: String, signature: String, secrets: List<String>): Boolean =
    verifyWebhookAny(payload.toByteArray(Charsets.UTF_8), signature, secrets)

/** [verifyWebhookAny]: `true` when any of [secrets] signed [payload] (secret rotation). */
fun verifyWebhook(payload: ByteArray, signature: String, secrets: List<String>): Boolean =
    verifyWebhookAny(payload, signature, secrets)

/** [constructEvent] for a payload held as text (its UTF-8 bytes are what was signed). */
fun constructEvent(
    payload: String,
    signature: String,
    secret: String,
    toleranceSeconds: ULong = 300u,
): WebhookEvent =
    constructEvent(payload.toByteArray(Charsets.UTF_8), signature, secret, toleranceSeconds)

/**
 * [constructEventAny] for a payload held as text: accepts a signature by any of [secrets] (during a
 * rotation, the old and the new secret).
 */
fun constructEvent(
    payload: String,
    signature: String,
    secrets: List<String>,
    toleranceSeconds: ULong = 300u,
): WebhookEvent =
    constructEventAny(payload.toByteArray(Charsets.UTF_8), signature, secrets, toleranceSeconds)

/** [constructEventAny]: accepts a signature by any of [secrets] (rotation). */
fun constructEvent(
    payload: ByteArray,
    signature: String,
    secrets: List<String>,
    toleranceSeconds: ULong = 300u,
): WebhookEvent = constructEventAny(payload, signature, secrets, toleranceSeconds)

/**
 * [generateTestSignature] for a payload held as text: the `X-CTC-Signature` value the API would
 * send, for tests of your own webhook handler.
 */
fun generateTestSignature(payload: String, secret: String): String =
    generateTestSignature(payload.toByteArray(Charsets.UTF_8), secret)

/**
 * The idempotency key the failed call was sent with (every POST/PATCH/DELETE has one; a GET only
 * when given in [RequestOptions]), readable on any [CryptoTopCardException] (each variant also has
 * it as its own property). Retrying the call with it cannot apply it twice:
 * `client.cards.create(..., idempotencyKey = e.idempotencyKey)`. `null` when nothing was sent (e.g.
 * a `Validation` error).
 *
 * A cancelled coroutine ends with a `CancellationException`, which carries no key: to retry a
 * cancelled mutating call, pass your own key ([newIdempotencyKey]) and reuse it.
 */
val CryptoTopCardException.idempotencyKey: String?
    get() = common().idempotencyKey

/**
 * The error's class name, the same in every CryptoTopCard SDK (`InsufficientFundsError`,
 * `APITimeoutError`, ...; see [errorClasses]). The variant is this name without `Error`, acronyms
 * as words: `CryptoTopCardException.InsufficientFunds`, `CryptoTopCardException.ApiTimeout`.
 */
val CryptoTopCardException.errorClass: String
    get() = common().errorClass

/**
 * `true` when this error's class is [className] or descends from it in the SDK's class table (the
 * parents Kotlin's flat sealed class cannot show): `e.isA("APIError")` for any error the API
 * answered, `e.isA("BadRequestError")` also for `InsufficientFunds`, `e.isA("APIConnectionError")`
 * also for `ApiTimeout`.
 */
fun CryptoTopCardException.isA(className: String): Boolean = errorIsA(errorClass, className)

/**
 * The value to pass as `runtimeVersion` when building a client, for the telemetry header
 * `X-CTC-Runtime-Version`: the Kotlin and JVM versions, e.g. `2.1.0 (JVM 17.0.13)`.
 * `CryptoTopCard(apiKey = ..., runtimeVersion = kotlinRuntimeVersion())`.
 */
fun kotlinRuntimeVersion(): String =
    "${KotlinVersion.CURRENT} (JVM ${System.getProperty("java.version") ?: "unknown"})"

/**
 * The SDK's log events (method, path, status, request id, attempt, retry delay, timings; never a
 * key, PAN, CVV, OTP or webhook secret) as `java.util.logging` records of the logger
 * `cryptotopcard`: `debug` as `FINE`, `info` as `INFO`, `warn` as `WARNING`, `error` as `SEVERE`.
 *
 * Call [install] once at startup. The level is `CRYPTOTOPCARD_LOG` (`debug`, `info`, `warn`,
 * `error`, `off`; `off` when unset) unless given. Records are written by the SDK's own log thread
 * (`cryptotopcard-log`), never by the thread making the call, shortly after the event.
 */
object CryptoTopCardLogging {
    /** The logger the SDK writes to. */
    val logger: Logger = Logger.getLogger("cryptotopcard")

    init {
        RuntimeThreads.ensure()
    }

    private object JulSink : LogSink {
        override fun log(entry: LogEntry) {
            try {
                val record = java.util.logging.LogRecord(entry.level.toJul(), entry.line)
                record.loggerName = logger.name
                // Set, so JUL does not walk the log thread's stack to guess them.
                record.sourceClassName = "cryptotopcard"
                record.sourceMethodName = entry.message
                logger.log(record)
            } catch (_: Throwable) {
                // A failing handler must not break the SDK's log thread.
            }
        }
    }

    /**
     * Forwards the SDK's events at [level] and above (default: `CRYPTOTOPCARD_LOG`) to [logger],
     * and lowers the logger's own level to match when the app has not set one. `false` when the
     * events cannot be forwarded (the process installed its own Rust `tracing` subscriber).
     */
    fun install(level: LogLevel? = null): Boolean {
        val installed = installLogSink(JulSink, level)
        if (logger.level == null) logger.level = logLevel().toJul()
        return installed
    }

    /** Changes the SDK's level at run time ([LogLevel.OFF] silences it). */
    fun setLevel(level: LogLevel) = setLogLevel(level)

    private fun LogLevel.toJul(): Level =
        when (this) {
            LogLevel.DEBUG -> Level.FINE
            LogLevel.INFO -> Level.INFO
            LogLevel.WARN -> Level.WARNING
            LogLevel.ERROR -> Level.SEVERE
            LogLevel.OFF -> Level.OFF
        }
}
