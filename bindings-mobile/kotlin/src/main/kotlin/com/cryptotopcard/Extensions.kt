// Hand-written Kotlin conveniences over the generated bindings. No API logic: property
// spellings of the resource accessors (client.cards.create(...), as in the other SDKs), the
// auto-paging objects as Flows, String overloads of the webhook helpers, and the error's
// idempotency key readable without knowing the variant.
package com.cryptotopcard

import com.cryptotopcard.models.Card
import com.cryptotopcard.models.Deposit
import com.cryptotopcard.models.ThreeDsChallenge
import com.cryptotopcard.models.Transaction
import kotlinx.coroutines.flow.Flow
import kotlinx.coroutines.flow.flow

/** `client.cards` (same object as `client.cards()`). */
val CryptoTopCard.cards: CardsClient
    get() = cards()

/** `client.transactions` */
val CryptoTopCard.transactions: TransactionsClient
    get() = transactions()

/** `client.wallet` */
val CryptoTopCard.wallet: WalletClient
    get() = wallet()

/** `client.bins` */
val CryptoTopCard.bins: BinsClient
    get() = bins()

/** `client.threeds` */
val CryptoTopCard.threeds: ThreeDsClient
    get() = threeds()

/** `client.webhooks` */
val CryptoTopCard.webhooks: WebhooksClient
    get() = webhooks()

/** `client.sandbox` (sandbox keys only) */
val CryptoTopCard.sandbox: SandboxClient
    get() = sandbox()

/** [verifyWebhook] for a payload held as text (its UTF-8 bytes are what was signed). */
fun verifyWebhook(payload: String, signature: String, secret: String): Boolean =
    verifyWebhook(payload.toByteArray(Charsets.UTF_8), signature, secret)

/** [constructEvent] for a payload held as text (its UTF-8 bytes are what was signed). */
fun constructEvent(
    payload: String,
    signature: String,
    secret: String,
    toleranceSeconds: ULong = 300u,
): WebhookEvent =
    constructEvent(payload.toByteArray(Charsets.UTF_8), signature, secret, toleranceSeconds)

/** Every card, page after page, fetched as the flow is collected. */
fun CardPager.asFlow(): Flow<Card> = flow { while (true) emit(next() ?: break) }

/** Every transaction, page after page, fetched as the flow is collected. */
fun TransactionPager.asFlow(): Flow<Transaction> = flow { while (true) emit(next() ?: break) }

/** Every deposit, page after page, fetched as the flow is collected. */
fun DepositPager.asFlow(): Flow<Deposit> = flow { while (true) emit(next() ?: break) }

/** Every 3DS challenge, page after page, fetched as the flow is collected. */
fun ThreeDsChallengePager.asFlow(): Flow<ThreeDsChallenge> = flow {
    while (true) emit(next() ?: break)
}

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
    get() =
        when (this) {
            is CryptoTopCardException.Validation -> idempotencyKey
            is CryptoTopCardException.BadRequest -> idempotencyKey
            is CryptoTopCardException.Authentication -> idempotencyKey
            is CryptoTopCardException.PermissionDenied -> idempotencyKey
            is CryptoTopCardException.NotFound -> idempotencyKey
            is CryptoTopCardException.Conflict -> idempotencyKey
            is CryptoTopCardException.RateLimited -> idempotencyKey
            is CryptoTopCardException.InternalServer -> idempotencyKey
            is CryptoTopCardException.Connection -> idempotencyKey
            is CryptoTopCardException.Timeout -> idempotencyKey
            is CryptoTopCardException.WebhookVerification -> idempotencyKey
            is CryptoTopCardException.Configuration -> idempotencyKey
            is CryptoTopCardException.Cancelled -> idempotencyKey
            is CryptoTopCardException.Internal -> idempotencyKey
        }
