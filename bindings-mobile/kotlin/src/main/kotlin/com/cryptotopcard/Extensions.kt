// Hand-written Kotlin conveniences over the generated bindings. No API logic: property
// spellings of the resource accessors (client.cards.create(...), as in the other SDKs), the
// auto-paging objects as Flows, and String overloads of the webhook helpers.
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
