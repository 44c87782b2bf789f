package com.cryptotopcard

import com.cryptotopcard.models.EventType
import java.time.Instant
import javax.crypto.Mac
import javax.crypto.spec.SecretKeySpec
import org.junit.jupiter.api.Assertions.assertEquals
import org.junit.jupiter.api.Assertions.assertFalse
import org.junit.jupiter.api.Assertions.assertTrue
import org.junit.jupiter.api.Test
import org.junit.jupiter.api.assertThrows

/**
 * Issue 13, webhooks: verification against a list of secrets (rotation), events dated beyond the
 * tolerance in the future refused like replays, and [generateTestSignature] for users' own tests
 * (the API's `X-CTC-Signature`: lowercase hex HMAC-SHA256 of the raw body).
 */
class WebhookRotationTest {
    private val old = "whsec_old_0123456789abcdefghijklmnopq"
    private val new = "whsec_new_0123456789abcdefghijklmnopq"

    private fun event(createdAt: Instant) =
        """{"id":"evt_rot","type":"card.frozen","created_at":"$createdAt",""" +
            """"data":{"id":"card_rot","status":"frozen",""" +
            """"bin_id":"491653","network":"visa","last4":"2039","balance":5.0,"spending_limit":2000.0,"label":null,"metadata":{},"created_at":"2026-04-15T12:00:00Z","expires_at":"2029-04-30T23:59:59Z"}}"""

    private fun hmacHex(secret: String, payload: String): String {
        val mac = Mac.getInstance("HmacSHA256")
        mac.init(SecretKeySpec(secret.toByteArray(), "HmacSHA256"))
        return mac.doFinal(payload.toByteArray()).joinToString("") { "%02x".format(it) }
    }

    @Test
    fun generateTestSignatureIsTheApisSignature() {
        val payload = event(Instant.now())
        val sig = generateTestSignature(payload, old)
        assertEquals(hmacHex(old, payload), sig)
        assertEquals(sig, generateTestSignature(payload.toByteArray(), old))
        assertTrue(verifyWebhook(payload, sig, old))
        // A handler under test accepts it as it would a delivery.
        val e = constructEvent(payload, sig, old)
        assertEquals("evt_rot", e.id)
        assertEquals(EventType.CardFrozen, e.eventType)
        assertEquals("card_rot", e.card?.id)
    }

    @Test
    fun duringARotationEitherSecretVerifies() {
        val payload = event(Instant.now())
        val byOld = generateTestSignature(payload, old)
        val byNew = generateTestSignature(payload, new)
        val both = listOf(new, old)
        assertTrue(verifyWebhook(payload, byOld, both))
        assertTrue(verifyWebhook(payload, byNew, both))
        assertTrue(verifyWebhook(payload.toByteArray(), byOld, both))
        assertFalse(verifyWebhook(payload, byOld, listOf(new)))
        assertFalse(verifyWebhook(payload, byOld, emptyList()))
        assertEquals("evt_rot", constructEvent(payload, byOld, both).id)
        assertEquals("evt_rot", constructEvent(payload.toByteArray(), byNew, both).id)
        val refused =
            assertThrows<CryptoTopCardException.WebhookVerification> {
                constructEvent(payload, byOld, listOf(new))
            }
        assertFalse(refused.toString().contains("whsec_"), "no secret printed: $refused")
        assertThrows<CryptoTopCardException.WebhookVerification> {
            constructEvent(payload, byOld, emptyList<String>())
        }
    }

    @Test
    fun eventsTooFarInThePastOrFutureAreRefused() {
        for (createdAt in
            listOf(Instant.now().plusSeconds(3_600), Instant.now().minusSeconds(3_600))) {
            val payload = event(createdAt)
            val sig = generateTestSignature(payload, new)
            val e =
                assertThrows<CryptoTopCardException.WebhookVerification> {
                    constructEvent(payload, sig, listOf(old, new), toleranceSeconds = 300u)
                }
            assertEquals("WebhookVerificationError", e.errorClass)
            // Within a wider tolerance, or with the age check off, it passes.
            assertEquals("evt_rot", constructEvent(payload, sig, new, toleranceSeconds = 7_200u).id)
            assertEquals("evt_rot", constructEvent(payload, sig, new, toleranceSeconds = 0u).id)
        }
        // A small clock skew ahead is within the tolerance.
        val soon = event(Instant.now().plusSeconds(30))
        assertEquals("evt_rot", constructEvent(soon, generateTestSignature(soon, new), new).id)
    }
}
