package com.cryptotopcard

import java.io.IOException
import java.net.InetAddress
import java.net.ServerSocket
import java.util.concurrent.LinkedBlockingQueue
import java.util.concurrent.TimeUnit
import java.util.concurrent.atomic.AtomicInteger
import kotlin.concurrent.thread

/**
 * A TCP server on 127.0.0.1 (free port) that accepts connections, reads whatever they send and
 * never answers: a call to it can only end by its own timeout or by being cancelled. Records when
 * each connection was accepted and when its peer closed it.
 */
class SilentServer : AutoCloseable {
    /** How a connection ended, as the server's `read` saw it. */
    data class Closed(val atNanos: Long, val eof: Boolean, val detail: String)

    private val server = ServerSocket(0, 50, InetAddress.getLoopbackAddress())
    private val accepted = LinkedBlockingQueue<Long>()
    private val closed = LinkedBlockingQueue<Closed>()

    /** Connections accepted so far. */
    val connections = AtomicInteger()

    /** The base URL an SDK client takes. */
    val baseUrl = "http://127.0.0.1:${server.localPort}/v1"

    init {
        thread(isDaemon = true, name = "silent-server") {
            while (true) {
                val socket = runCatching { server.accept() }.getOrNull() ?: break
                connections.incrementAndGet()
                accepted.add(System.nanoTime())
                thread(isDaemon = true, name = "silent-server-conn") {
                    socket.use {
                        val input = it.getInputStream()
                        val buf = ByteArray(4096)
                        while (true) {
                            val n =
                                try {
                                    input.read(buf)
                                } catch (e: IOException) {
                                    closed.add(Closed(System.nanoTime(), eof = false, "$e"))
                                    return@thread
                                }
                            if (n < 0) break
                        }
                        closed.add(Closed(System.nanoTime(), eof = true, "read returned -1"))
                    }
                }
            }
        }
    }

    /** `System.nanoTime()` of the next accepted connection, or null after [timeoutMs]. */
    fun awaitAccepted(timeoutMs: Long): Long? = accepted.poll(timeoutMs, TimeUnit.MILLISECONDS)

    /** The next connection closed by its client, or null after [timeoutMs]. */
    fun awaitClosed(timeoutMs: Long): Closed? = closed.poll(timeoutMs, TimeUnit.MILLISECONDS)

    override fun close() = server.close()
}
