package com.cryptotopcard

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
 * Issue 12: one error taxonomy. The core's class table ([errorClasses]) and the Kotlin exceptions
 * agree by the naming rule (`XxxError` is `CryptoTopCardException.Xxx`, acronyms as words:
 * `APITimeoutError` is `ApiTimeout`); the table's root is `CryptoTopCardException` itself and
 * `APIError` a parent only (reached with `isA`). Real errors from the sandbox land on their class.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ErrorClassesTest {
    private lateinit var sandbox: SandboxProcess

    @BeforeAll
    fun startSandbox() {
        sandbox = SandboxProcess.start()
    }

    @AfterAll
    fun stopSandbox() {
        sandbox.close()
    }

    /** The documented naming rule. */
    private fun variantName(className: String): String =
        className.removeSuffix("Error").replace("API", "Api")

    private val root = CryptoTopCardException::class.java

    /** The sealed subclasses (the variants) of `CryptoTopCardException`, by simple name. */
    private val variants: Map<String, Class<*>> =
        root.declaredClasses
            .filter { root.isAssignableFrom(it) && it != root }
            .associateBy { it.simpleName }

    @Test
    fun everyTableRowMapsToAnExistingVariantByTheNamingRule() {
        val table = errorClasses()
        assertEquals("CryptoTopCardError", table.first().name)
        assertEquals(null, table.first().parent)
        val parentsOnly = setOf("CryptoTopCardError", "APIError")
        for (row in table) {
            assertTrue(row.doc.isNotBlank(), "${row.name} has a doc line")
            if (row.parent != null) {
                assertTrue(table.any { it.name == row.parent }, "${row.name}: parent ${row.parent}")
            }
            if (row.name in parentsOnly) {
                // No variant of its own; its children are variants and are `isA` it.
                assertFalse(variantName(row.name) in variants, "${row.name} has no variant")
                val children = table.filter { it.parent == row.name }
                assertTrue(children.isNotEmpty(), "${row.name} is a parent")
                for (child in children.filter { it.name !in parentsOnly }) {
                    assertTrue(errorIsA(child.name, row.name), "${child.name} isA ${row.name}")
                }
                continue
            }
            val variant = variants[variantName(row.name)]
            assertTrue(
                variant != null,
                "${row.name}: no CryptoTopCardException.${variantName(row.name)}",
            )
            assertTrue(root.isAssignableFrom(variant!!))
            assertTrue(errorIsA(row.name, "CryptoTopCardError"))
        }
        // And no variant without a row.
        val fromTable = table.map { variantName(it.name) }.toSet()
        for (name in variants.keys) {
            assertTrue(name in fromTable, "variant $name has no row in the table")
        }
        assertEquals(table.size - parentsOnly.size, variants.size)
    }

    @Test
    fun parentsAreReachableWithIsA() {
        assertTrue(errorIsA("InsufficientFundsError", "BadRequestError"))
        assertTrue(errorIsA("InsufficientFundsError", "APIError"))
        assertTrue(errorIsA("APITimeoutError", "APIConnectionError"))
        assertTrue(errorIsA("ConfigurationError", "ValidationError"))
        assertFalse(errorIsA("APIConnectionError", "APIError"))
        assertFalse(errorIsA("BadRequestError", "InsufficientFundsError"))
        assertFalse(errorIsA("NoSuchError", "CryptoTopCardError"))
    }

    @Test
    fun realErrorsLandOnTheirClass() =
        runBlocking<Unit> {
            sandbox.client().use { client ->
                val notFound =
                    assertThrows<CryptoTopCardException.NotFound> {
                        runBlocking { client.cards.retrieve("card_missing") }
                    }
                assertEquals("NotFoundError", notFound.errorClass)
                // Through the base type too (the extension properties).
                val asBase: CryptoTopCardException = notFound
                assertEquals("NotFoundError", asBase.errorClass)
                assertTrue(asBase.isA("APIError") && asBase.isA("CryptoTopCardError"))
                assertFalse(asBase.isA("APIConnectionError"))

                val invalid =
                    assertThrows<CryptoTopCardException.Validation> {
                        runBlocking { client.cards.create(binId = "491653", amount = -1.0) }
                    }
                assertEquals("ValidationError", invalid.errorClass)
                assertFalse(invalid.isA("APIError"))
            }
            // Nothing listens on port 9: a connection error, a child of nothing but the root.
            CryptoTopCard(
                    apiKey = sandbox.newKey(),
                    baseUrl = "http://127.0.0.1:9/v1",
                    maxRetries = 0u,
                )
                .use { client ->
                    val e =
                        assertThrows<CryptoTopCardException.ApiConnection> {
                            runBlocking { client.wallet.retrieve() }
                        }
                    assertEquals("APIConnectionError", e.errorClass)
                    assertFalse(e.isA("APIError"))
                }
            val config =
                assertThrows<CryptoTopCardException.Configuration> {
                    CryptoTopCard(apiKey = "pk_live_x", baseUrl = sandbox.baseUrl)
                }
            assertEquals("ConfigurationError", config.errorClass)
            assertTrue(config.isA("ValidationError"), "a configuration error is a validation error")
        }
}
