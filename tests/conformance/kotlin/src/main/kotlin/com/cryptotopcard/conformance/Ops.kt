package com.cryptotopcard.conformance

import com.cryptotopcard.CryptoTopCard
import com.cryptotopcard.RequestOptions
import com.cryptotopcard.ResponseMeta
import com.cryptotopcard.bins
import com.cryptotopcard.cards
import com.cryptotopcard.models.CardStatus
import com.cryptotopcard.models.Category
import com.cryptotopcard.models.CryptoCurrency
import com.cryptotopcard.models.DepositStatus
import com.cryptotopcard.models.MetadataValue
import com.cryptotopcard.models.Pagination
import com.cryptotopcard.models.ThreeDsStatus
import com.cryptotopcard.models.TransactionType
import com.cryptotopcard.sandbox
import com.cryptotopcard.threeds
import com.cryptotopcard.transactions
import com.cryptotopcard.wallet
import com.cryptotopcard.webhooks

/**
 * The case cannot run as written, or the Kotlin API cannot express its input (a parameter the
 * method does not have, a value of another type, a required argument left out): the case fails with
 * this message unless `skip.kotlin` says why Kotlin cannot express it.
 */
class CaseError(message: String) : Exception(message)

/** A `*WithResponse` result: the typed `data`, the response `meta` and the body as sent. */
class Out(val data: Any?, val meta: ResponseMeta, val rawJson: String)

/**
 * The wire params of one call, taken argument by argument the way a Kotlin user writes the call
 * (named arguments of the typed method). Whatever is left when the call is made is a parameter the
 * method does not have.
 */
class Args(params: Map<String, Any?>) {
    private val m = LinkedHashMap(params)

    /** The param [k], removed; `null` when absent (an explicit JSON null is not expressible). */
    private fun take(k: String): Any? {
        if (m.containsKey(k) && m[k] == null) {
            throw CaseError("the Kotlin API cannot send $k = null: a null argument means not given")
        }
        return m.remove(k)
    }

    private fun cannot(k: String, v: Any?, type: String): Nothing =
        throw CaseError(
            "the Kotlin API cannot express $k = ${showGot(v, k)}: the argument is a $type"
        )

    fun has(k: String) = m.containsKey(k)

    fun str(k: String): String =
        strOrNull(k)
            ?: throw CaseError("the Kotlin API cannot leave out $k: a required String argument")

    fun strOrNull(k: String): String? =
        when (val v = take(k)) {
            null -> null
            is String -> v
            else -> cannot(k, v, "String")
        }

    fun dbl(k: String): Double =
        dblOrNull(k)
            ?: throw CaseError("the Kotlin API cannot leave out $k: a required Double argument")

    fun dblOrNull(k: String): Double? =
        when (val v = take(k)) {
            null -> null
            is Double -> v
            else -> cannot(k, v, "Double")
        }

    fun uint(k: String): UInt? =
        when (val v = take(k)) {
            null -> null
            is Double ->
                if (v >= 0 && v <= UInt.MAX_VALUE.toDouble() && v == Math.rint(v))
                    v.toLong().toUInt()
                else cannot(k, v, "UInt")
            else -> cannot(k, v, "UInt")
        }

    fun bool(k: String): Boolean? =
        when (val v = take(k)) {
            null -> null
            is Boolean -> v
            else -> cannot(k, v, "Boolean")
        }

    fun strList(k: String): List<String>? =
        when (val v = take(k)) {
            null -> null
            is List<*> -> v.map { it as? String ?: cannot(k, v, "List<String>") }
            else -> cannot(k, v, "List<String>")
        }

    fun <E> enumOrNull(k: String, type: String, of: (String) -> E): E? =
        when (val v = take(k)) {
            null -> null
            is String -> of(v)
            else -> cannot(k, v, type)
        }

    fun <E> enumList(k: String, type: String, of: (String) -> E): List<E>? =
        when (val v = take(k)) {
            null -> null
            is List<*> -> v.map { if (it is String) of(it) else cannot(k, v, "List<$type>") }
            else -> cannot(k, v, "List<$type>")
        }

    /** A nested object given as flat arguments (the merchant of `sandbox.authorize`). */
    fun obj(k: String): Args? =
        when (val v = take(k)) {
            null -> null
            is Map<*, *> -> Args(v.entries.associate { (key, e) -> key.toString() to e })
            else -> cannot(k, v, "set of arguments")
        }

    fun metadata(k: String): Map<String, MetadataValue>? =
        when (val v = take(k)) {
            null -> null
            is Map<*, *> ->
                v.entries.associate { (key, e) ->
                    key.toString() to
                        (metadataValue(e)
                            ?: cannot("$k.$key", e, "MetadataValue (String, Number, Bool)"))
                }
            else -> cannot(k, v, "Map<String, MetadataValue>")
        }

    /** `cards.update`: a key mapped to `null` removes it. */
    fun metadataPatch(k: String): Map<String, MetadataValue?>? =
        when (val v = take(k)) {
            null -> null
            is Map<*, *> ->
                v.entries.associate { (key, e) ->
                    key.toString() to
                        (if (e == null) null
                        else
                            metadataValue(e)
                                ?: cannot("$k.$key", e, "MetadataValue? (String, Number, Bool)"))
                }
            else -> cannot(k, v, "Map<String, MetadataValue?>")
        }

    private fun metadataValue(v: Any?): MetadataValue? =
        when (v) {
            is String -> MetadataValue.String(v)
            is Double -> MetadataValue.Number(v)
            is Boolean -> MetadataValue.Bool(v)
            else -> null
        }

    /** Throws when a parameter is left that the method has no argument for. */
    fun done(what: String) {
        if (m.isNotEmpty()) {
            throw CaseError(
                "the Kotlin API cannot express ${m.keys.joinToString()}: $what has no such argument"
            )
        }
    }
}

// The API's enum values as the typed Kotlin cases a user writes; any other value is the enum's
// `Unknown(value)` case (kept verbatim: the core decides whether the API accepts it).

fun category(v: String): Category =
    when (v) {
        "advertising" -> Category.Advertising
        "software" -> Category.Software
        "saas" -> Category.Saas
        "subscriptions" -> Category.Subscriptions
        "shopping" -> Category.Shopping
        "travel" -> Category.Travel
        "food" -> Category.Food
        "entertainment" -> Category.Entertainment
        "gaming" -> Category.Gaming
        "telecom" -> Category.Telecom
        "utilities" -> Category.Utilities
        "other" -> Category.Other
        else -> Category.Unknown(v)
    }

fun cardStatus(v: String): CardStatus =
    when (v) {
        "active" -> CardStatus.Active
        "frozen" -> CardStatus.Frozen
        "terminated" -> CardStatus.Terminated
        else -> CardStatus.Unknown(v)
    }

fun cryptoCurrency(v: String): CryptoCurrency =
    when (v) {
        "btc" -> CryptoCurrency.Btc
        "eth" -> CryptoCurrency.Eth
        "sol" -> CryptoCurrency.Sol
        "usdt" -> CryptoCurrency.Usdt
        else -> CryptoCurrency.Unknown(v)
    }

fun depositStatus(v: String): DepositStatus =
    when (v) {
        "pending" -> DepositStatus.Pending
        "confirmed" -> DepositStatus.Confirmed
        "expired" -> DepositStatus.Expired
        else -> DepositStatus.Unknown(v)
    }

fun threeDsStatus(v: String): ThreeDsStatus =
    when (v) {
        "pending" -> ThreeDsStatus.Pending
        "completed" -> ThreeDsStatus.Completed
        "expired" -> ThreeDsStatus.Expired
        else -> ThreeDsStatus.Unknown(v)
    }

fun transactionType(v: String): TransactionType =
    when (v) {
        "authorization" -> TransactionType.Authorization
        "settlement" -> TransactionType.Settlement
        "refund" -> TransactionType.Refund
        "decline" -> TransactionType.Decline
        else -> TransactionType.Unknown(v)
    }

/**
 * Runs [op] the way a user of the Kotlin SDK writes it: the `*WithResponse` method of the resource,
 * path ids and params as named arguments, `idempotencyKey` on writes (reads take it in
 * [RequestOptions]).
 */
suspend fun call(c: CryptoTopCard, op: String, params: Map<String, Any?>, key: String?): Out {
    val a = Args(params)
    val ro = key?.let { RequestOptions(idempotencyKey = it) }
    return when (op) {
        "cards.create" -> {
            val binId = a.str("bin_id")
            val amount = a.dbl("amount")
            val label = a.strOrNull("label")
            val spendingLimit = a.dblOrNull("spending_limit")
            val allowed = a.enumList("allowed_categories", "Category", ::category)
            val autoFreezeAt = a.dblOrNull("auto_freeze_at")
            val metadata = a.metadata("metadata")
            a.done("cards.createWithResponse")
            c.cards
                .createWithResponse(
                    binId = binId,
                    amount = amount,
                    label = label,
                    spendingLimit = spendingLimit,
                    allowedCategories = allowed,
                    autoFreezeAt = autoFreezeAt,
                    metadata = metadata,
                    idempotencyKey = key,
                )
                .let { Out(it.data, it.meta, it.rawJson) }
        }
        "cards.list" -> {
            val status = a.enumOrNull("status", "CardStatus", ::cardStatus)
            val binId = a.strOrNull("bin_id")
            val label = a.strOrNull("label")
            val sort = a.strOrNull("sort")
            val order = a.strOrNull("order")
            val page = a.uint("page")
            val perPage = a.uint("per_page")
            a.done("cards.listWithResponse")
            c.cards
                .listWithResponse(
                    status = status,
                    binId = binId,
                    label = label,
                    sort = sort,
                    order = order,
                    page = page,
                    perPage = perPage,
                    options = ro,
                )
                .let { Out(it.data, it.meta, it.rawJson) }
        }
        "cards.retrieve" -> {
            val id = a.str("card_id")
            a.done("cards.retrieveWithResponse")
            c.cards.retrieveWithResponse(id, options = ro).let { Out(it.data, it.meta, it.rawJson) }
        }
        "cards.details" -> {
            val id = a.str("card_id")
            a.done("cards.detailsWithResponse")
            c.cards.detailsWithResponse(id, options = ro).let { Out(it.data, it.meta, it.rawJson) }
        }
        "cards.update" -> {
            val id = a.str("card_id")
            val label = a.strOrNull("label")
            val spendingLimit = a.dblOrNull("spending_limit")
            val allowed = a.enumList("allowed_categories", "Category", ::category)
            val autoFreezeAt = a.dblOrNull("auto_freeze_at")
            val metadata = a.metadataPatch("metadata")
            a.done("cards.updateWithResponse")
            c.cards
                .updateWithResponse(
                    id,
                    label = label,
                    spendingLimit = spendingLimit,
                    allowedCategories = allowed,
                    autoFreezeAt = autoFreezeAt,
                    metadata = metadata,
                    idempotencyKey = key,
                )
                .let { Out(it.data, it.meta, it.rawJson) }
        }
        "cards.freeze" -> {
            val id = a.str("card_id")
            a.done("cards.freezeWithResponse")
            c.cards.freezeWithResponse(id, idempotencyKey = key).let {
                Out(it.data, it.meta, it.rawJson)
            }
        }
        "cards.unfreeze" -> {
            val id = a.str("card_id")
            a.done("cards.unfreezeWithResponse")
            c.cards.unfreezeWithResponse(id, idempotencyKey = key).let {
                Out(it.data, it.meta, it.rawJson)
            }
        }
        "cards.terminate" -> {
            val id = a.str("card_id")
            a.done("cards.terminateWithResponse")
            c.cards.terminateWithResponse(id, idempotencyKey = key).let {
                Out(it.data, it.meta, it.rawJson)
            }
        }
        "cards.fund" -> {
            val id = a.str("card_id")
            val amount = a.dbl("amount")
            a.done("cards.fundWithResponse")
            c.cards.fundWithResponse(id, amount = amount, idempotencyKey = key).let {
                Out(it.data, it.meta, it.rawJson)
            }
        }
        "cards.withdraw" -> {
            val id = a.str("card_id")
            val amount = a.dbl("amount")
            a.done("cards.withdrawWithResponse")
            c.cards.withdrawWithResponse(id, amount = amount, idempotencyKey = key).let {
                Out(it.data, it.meta, it.rawJson)
            }
        }
        "transactions.list" -> {
            val cardId = a.strOrNull("card_id")
            val type = a.enumOrNull("type", "TransactionType", ::transactionType)
            val from = a.strOrNull("from")
            val to = a.strOrNull("to")
            val merchant = a.strOrNull("merchant")
            val minAmount = a.dblOrNull("min_amount")
            val maxAmount = a.dblOrNull("max_amount")
            val page = a.uint("page")
            val perPage = a.uint("per_page")
            a.done("transactions.listWithResponse")
            c.transactions
                .listWithResponse(
                    cardId = cardId,
                    transactionType = type,
                    from = from,
                    to = to,
                    merchant = merchant,
                    minAmount = minAmount,
                    maxAmount = maxAmount,
                    page = page,
                    perPage = perPage,
                    options = ro,
                )
                .let { Out(it.data, it.meta, it.rawJson) }
        }
        "transactions.retrieve" -> {
            val id = a.str("transaction_id")
            a.done("transactions.retrieveWithResponse")
            c.transactions.retrieveWithResponse(id, options = ro).let {
                Out(it.data, it.meta, it.rawJson)
            }
        }
        "wallet.retrieve" -> {
            a.done("wallet.retrieveWithResponse")
            c.wallet.retrieveWithResponse(options = ro).let { Out(it.data, it.meta, it.rawJson) }
        }
        "wallet.addresses" -> {
            val currency = a.enumOrNull("currency", "CryptoCurrency", ::cryptoCurrency)
            a.done("wallet.addressesWithResponse")
            c.wallet.addressesWithResponse(currency = currency, options = ro).let {
                Out(it.data, it.meta, it.rawJson)
            }
        }
        "wallet.deposits" -> {
            val status = a.enumOrNull("status", "DepositStatus", ::depositStatus)
            val currency = a.enumOrNull("currency", "CryptoCurrency", ::cryptoCurrency)
            val page = a.uint("page")
            val perPage = a.uint("per_page")
            a.done("wallet.depositsWithResponse")
            c.wallet
                .depositsWithResponse(
                    status = status,
                    currency = currency,
                    page = page,
                    perPage = perPage,
                    options = ro,
                )
                .let { Out(it.data, it.meta, it.rawJson) }
        }
        "bins.list" -> {
            a.done("bins.listWithResponse")
            c.bins.listWithResponse(options = ro).let { Out(it.data, it.meta, it.rawJson) }
        }
        "threeds.list" -> {
            val cardId = a.strOrNull("card_id")
            val status = a.enumOrNull("status", "ThreeDsStatus", ::threeDsStatus)
            val page = a.uint("page")
            val perPage = a.uint("per_page")
            a.done("threeds.listWithResponse")
            c.threeds
                .listWithResponse(
                    cardId = cardId,
                    status = status,
                    page = page,
                    perPage = perPage,
                    options = ro,
                )
                .let { Out(it.data, it.meta, it.rawJson) }
        }
        "threeds.retrieve" -> {
            val id = a.str("challenge_id")
            a.done("threeds.retrieveWithResponse")
            c.threeds.retrieveWithResponse(id, options = ro).let {
                Out(it.data, it.meta, it.rawJson)
            }
        }
        "webhooks.create" -> {
            val url = a.str("url")
            val events =
                a.strList("events")
                    ?: throw CaseError(
                        "the Kotlin API cannot leave out events: a required List<String> argument"
                    )
            val secret = a.strOrNull("secret")
            a.done("webhooks.createWithResponse")
            c.webhooks
                .createWithResponse(
                    url = url,
                    events = events,
                    secret = secret,
                    idempotencyKey = key,
                )
                .let { Out(it.data, it.meta, it.rawJson) }
        }
        "webhooks.list" -> {
            a.done("webhooks.listWithResponse")
            c.webhooks.listWithResponse(options = ro).let { Out(it.data, it.meta, it.rawJson) }
        }
        "webhooks.delete" -> {
            val id = a.str("webhook_id")
            a.done("webhooks.deleteWithResponse")
            c.webhooks.deleteWithResponse(id, idempotencyKey = key).let {
                Out(null, it.meta, it.rawJson)
            }
        }
        "sandbox.deposit" -> {
            val currency =
                a.enumOrNull("currency", "CryptoCurrency", ::cryptoCurrency)
                    ?: throw CaseError(
                        "the Kotlin API cannot leave out currency: a required CryptoCurrency argument"
                    )
            val amountUsd = a.dbl("amount_usd")
            val status = a.enumOrNull("status", "DepositStatus", ::depositStatus)
            a.done("sandbox.depositWithResponse")
            c.sandbox
                .depositWithResponse(
                    currency = currency,
                    amountUsd = amountUsd,
                    status = status,
                    idempotencyKey = key,
                )
                .let { Out(it.data, it.meta, it.rawJson) }
        }
        "sandbox.confirm_deposit" -> {
            val id = a.str("deposit_id")
            a.done("sandbox.confirmDepositWithResponse")
            c.sandbox.confirmDepositWithResponse(id, idempotencyKey = key).let {
                Out(it.data, it.meta, it.rawJson)
            }
        }
        "sandbox.authorize" -> {
            val cardId = a.str("card_id")
            val amount = a.dbl("amount")
            // The merchant object is given as flat arguments: merchant (its name), category,
            // mcc, country.
            val merchant =
                a.obj("merchant")
                    ?: throw CaseError(
                        "the Kotlin API cannot leave out merchant: a required String argument"
                    )
            val name = merchant.str("name")
            val category = merchant.enumOrNull("category", "Category", ::category)
            val mcc = merchant.strOrNull("mcc")
            val country = merchant.strOrNull("country")
            merchant.done("sandbox.authorizeWithResponse (merchant, category, mcc, country)")
            val settle = a.bool("settle")
            a.done("sandbox.authorizeWithResponse")
            val s = c.sandbox
            val r =
                if (settle == null) {
                    s.authorizeWithResponse(
                        cardId = cardId,
                        amount = amount,
                        merchant = name,
                        category = category,
                        mcc = mcc,
                        country = country,
                        idempotencyKey = key,
                    )
                } else {
                    s.authorizeWithResponse(
                        cardId = cardId,
                        amount = amount,
                        merchant = name,
                        category = category,
                        mcc = mcc,
                        country = country,
                        settle = settle,
                        idempotencyKey = key,
                    )
                }
            Out(r.data, r.meta, r.rawJson)
        }
        "sandbox.settle" -> {
            val id = a.str("transaction_id")
            a.done("sandbox.settleWithResponse")
            c.sandbox.settleWithResponse(id, idempotencyKey = key).let {
                Out(it.data, it.meta, it.rawJson)
            }
        }
        "sandbox.refund" -> {
            val id = a.str("transaction_id")
            val amount = a.dblOrNull("amount")
            a.done("sandbox.refundWithResponse")
            c.sandbox.refundWithResponse(id, amount = amount, idempotencyKey = key).let {
                Out(it.data, it.meta, it.rawJson)
            }
        }
        "sandbox.challenge" -> {
            val cardId = a.str("card_id")
            val merchant = a.str("merchant")
            val amount = a.dbl("amount")
            a.done("sandbox.challengeWithResponse")
            c.sandbox
                .challengeWithResponse(
                    cardId = cardId,
                    merchant = merchant,
                    amount = amount,
                    idempotencyKey = key,
                )
                .let { Out(it.data, it.meta, it.rawJson) }
        }
        else -> throw CaseError("unknown operation $op")
    }
}

/** The list operations: the page's `pagination`, and the item ids of the binding's pager. */
fun pagination(data: Any?): Pagination? =
    when (data) {
        is com.cryptotopcard.CardList -> data.pagination
        is com.cryptotopcard.TransactionList -> data.pagination
        is com.cryptotopcard.DepositList -> data.pagination
        is com.cryptotopcard.ThreeDsChallengeList -> data.pagination
        else -> null
    }

/** The ids of the page's items as the typed records hold them. */
fun typedIds(data: Any?): List<String>? =
    when (data) {
        is com.cryptotopcard.CardList -> data.data.map { it.id }
        is com.cryptotopcard.TransactionList -> data.data.map { it.id }
        is com.cryptotopcard.DepositList -> data.data.map { it.id }
        is com.cryptotopcard.ThreeDsChallengeList -> data.data.map { it.id }
        else -> null
    }

/**
 * The first [limit] item ids of the binding's auto-paging walk (`listAutoPaging` /
 * `depositsAutoPaging`, the core's stream) from the same filters and page, fewer when it ends.
 */
suspend fun pagerIds(
    c: CryptoTopCard,
    op: String,
    params: Map<String, Any?>,
    limit: Int,
): List<String> {
    val a = Args(params)
    val out = mutableListOf<String>()
    suspend fun <T> drain(next: suspend () -> T?, id: (T) -> String) {
        while (out.size < limit) out += id(next() ?: break)
    }
    when (op) {
        "cards.list" ->
            c.cards
                .listAutoPaging(
                    status = a.enumOrNull("status", "CardStatus", ::cardStatus),
                    binId = a.strOrNull("bin_id"),
                    label = a.strOrNull("label"),
                    sort = a.strOrNull("sort"),
                    order = a.strOrNull("order"),
                    page = a.uint("page"),
                    perPage = a.uint("per_page"),
                )
                .use { p -> drain({ p.next() }, { it.id }) }
        "transactions.list" ->
            c.transactions
                .listAutoPaging(
                    cardId = a.strOrNull("card_id"),
                    transactionType = a.enumOrNull("type", "TransactionType", ::transactionType),
                    from = a.strOrNull("from"),
                    to = a.strOrNull("to"),
                    merchant = a.strOrNull("merchant"),
                    minAmount = a.dblOrNull("min_amount"),
                    maxAmount = a.dblOrNull("max_amount"),
                    page = a.uint("page"),
                    perPage = a.uint("per_page"),
                )
                .use { p -> drain({ p.next() }, { it.id }) }
        "wallet.deposits" ->
            c.wallet
                .depositsAutoPaging(
                    status = a.enumOrNull("status", "DepositStatus", ::depositStatus),
                    currency = a.enumOrNull("currency", "CryptoCurrency", ::cryptoCurrency),
                    page = a.uint("page"),
                    perPage = a.uint("per_page"),
                )
                .use { p -> drain({ p.next() }, { it.id }) }
        "threeds.list" ->
            c.threeds
                .listAutoPaging(
                    cardId = a.strOrNull("card_id"),
                    status = a.enumOrNull("status", "ThreeDsStatus", ::threeDsStatus),
                    page = a.uint("page"),
                    perPage = a.uint("per_page"),
                )
                .use { p -> drain({ p.next() }, { it.id }) }
        else -> throw CaseError("next_page: $op is not a paginated list")
    }
    return out
}
