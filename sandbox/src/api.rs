//! The endpoints. Each handler validates everything first, then mutates the account, so an error
//! answer never leaves a half-applied change behind.

use axum::http::Method;
use chrono::{DateTime, Datelike, Utc};
use serde_json::{json, Map, Value};
use sha2::{Digest, Sha256};

use crate::model::*;
use crate::validate::{self, paginate, ApiError, ApiResult, Body, Query};

/// Largest amount the sandbox accepts for withdrawals and thresholds (1 billion USD) in cents.
const MAX_CENTS: Cents = 100_000_000_000;
/// Largest simulated purchase, refund, challenge or deposit (1,000,000 USD) in cents.
const MAX_SIM_CENTS: Cents = 100_000_000;

/// Request bodies are closed: a field the endpoint does not know is `400 invalid_request`.
fn closed(b: &Body, allowed: &[&str]) -> ApiResult<()> {
    match b.0.keys().find(|k| !allowed.contains(&k.as_str())) {
        Some(k) => Err(ApiError::invalid(k, format!("unknown field '{k}'"))),
        None => Ok(()),
    }
}

const CARD_FIELDS: [&str; 7] = [
    "bin_id",
    "amount",
    "label",
    "spending_limit",
    "allowed_categories",
    "auto_freeze_at",
    "metadata",
];

pub struct Ctx<'a> {
    pub a: &'a mut Account,
    pub now: DateTime<Utc>,
    pub stats: Value,
    /// Events emitted by this request, in order.
    pub events: Vec<Value>,
    pub mutated: bool,
}

pub struct Reply {
    pub status: u16,
    pub body: Option<Value>,
}

fn ok(body: Value) -> ApiResult<Reply> {
    Ok(Reply {
        status: 200,
        body: Some(body),
    })
}

fn created(body: Value) -> ApiResult<Reply> {
    Ok(Reply {
        status: 201,
        body: Some(body),
    })
}

impl Ctx<'_> {
    fn emit(&mut self, kind: &str, data: Value) {
        let ev = json!({
            "id": format!("evt_{}", random_alnum(16)),
            "type": kind,
            "created_at": ts(&self.now),
            "data": data,
        });
        if self.a.events.len() >= LOG_CAP {
            self.a.events.pop_front();
        }
        self.a.events.push_back(ev.clone());
        self.events.push(ev);
    }

    fn card_idx(&self, id: &str) -> ApiResult<usize> {
        self.a
            .card(id)
            .ok_or_else(|| ApiError::not_found("card", id))
    }

    fn live_card_idx(&self, id: &str) -> ApiResult<usize> {
        let i = self.card_idx(id)?;
        if self.a.cards[i].is_terminated() {
            return Err(ApiError::terminated(id));
        }
        Ok(i)
    }
}

/// The methods a known path answers to; `None` for an unknown path.
pub fn allowed_methods(segs: &[&str]) -> Option<&'static [&'static str]> {
    const GET: &[&str] = &["GET"];
    const POST: &[&str] = &["POST"];
    const GET_POST: &[&str] = &["GET", "POST"];
    Some(match segs {
        ["cards"] | ["webhooks"] | ["sandbox", "clock"] => GET_POST,
        ["cards", _] => &["GET", "PATCH", "DELETE"],
        ["cards", _, "details"] => GET,
        ["cards", _, "freeze" | "unfreeze" | "fund" | "withdraw"] => POST,
        ["transactions"] | ["transactions", _] | ["wallet"] | ["bins"] | ["3ds"] | ["3ds", _] => {
            GET
        }
        ["wallet", "addresses" | "deposits"] => GET,
        ["webhooks", _] => &["DELETE"],
        ["sandbox", "deposits" | "transactions" | "3ds"] => POST,
        ["sandbox", "deposits", _, "confirm"] => POST,
        ["sandbox", "transactions", _, "settle" | "refund"] => POST,
        ["sandbox", "events" | "webhook_deliveries" | "stats" | "requests"] => GET,
        _ => return None,
    })
}

pub fn dispatch(
    ctx: &mut Ctx,
    method: &Method,
    segs: &[&str],
    q: &Query,
    body: &Map<String, Value>,
) -> ApiResult<Reply> {
    let b = Body(body);
    match (method.as_str(), segs) {
        ("GET", ["cards"]) => list_cards(ctx, q),
        ("POST", ["cards"]) => {
            closed(&b, &CARD_FIELDS)?;
            create_card(ctx, &b)
        }
        ("GET", ["cards", id]) => {
            let i = ctx.card_idx(id)?;
            ok(ctx.a.cards[i].to_json())
        }
        ("PATCH", ["cards", id]) => {
            closed(&b, &CARD_FIELDS[2..])?;
            update_card(ctx, id, &b)
        }
        ("DELETE", ["cards", id]) => terminate_card(ctx, id),
        ("GET", ["cards", id, "details"]) => {
            let i = ctx.card_idx(id)?;
            ok(ctx.a.cards[i].details_json())
        }
        ("POST", ["cards", id, "freeze"]) => freeze(ctx, id, true),
        ("POST", ["cards", id, "unfreeze"]) => freeze(ctx, id, false),
        ("POST", ["cards", id, "fund"]) => {
            closed(&b, &["amount"])?;
            fund(ctx, id, &b)
        }
        ("POST", ["cards", id, "withdraw"]) => {
            closed(&b, &["amount"])?;
            withdraw(ctx, id, &b)
        }
        ("GET", ["transactions"]) => list_transactions(ctx, q),
        ("GET", ["transactions", id]) => {
            let i = ctx
                .a
                .txn(id)
                .ok_or_else(|| ApiError::not_found("transaction", id))?;
            ok(ctx.a.txns[i].full_json())
        }
        ("GET", ["wallet"]) => ok(wallet(ctx)),
        ("GET", ["wallet", "addresses"]) => addresses(ctx, q),
        ("GET", ["wallet", "deposits"]) => list_deposits(ctx, q),
        ("GET", ["bins"]) => {
            let (page, per_page) = q.page(25)?;
            ok(paginate(
                BINS.iter().map(Bin::to_json).collect(),
                page,
                per_page,
            ))
        }
        ("GET", ["3ds"]) => list_challenges(ctx, q),
        ("GET", ["3ds", id]) => {
            let now = ctx.now;
            ctx.mutated |= ctx.a.expire_challenges(&now);
            let c = ctx
                .a
                .challenges
                .iter()
                .find(|c| c.id == *id)
                .ok_or_else(|| ApiError::not_found("3DS challenge", id))?;
            ok(c.to_json())
        }
        ("POST", ["webhooks"]) => {
            closed(&b, &["url", "events", "secret"])?;
            create_webhook(ctx, &b)
        }
        ("GET", ["webhooks"]) => {
            let (page, per_page) = q.page(25)?;
            ok(paginate(
                ctx.a.webhooks.iter().map(Webhook::listed_json).collect(),
                page,
                per_page,
            ))
        }
        ("DELETE", ["webhooks", id]) => {
            let i = ctx
                .a
                .webhooks
                .iter()
                .position(|w| w.id == *id)
                .ok_or_else(|| ApiError::not_found("webhook", id))?;
            ctx.a.webhooks.remove(i);
            ctx.mutated = true;
            Ok(Reply {
                status: 204,
                body: None,
            })
        }
        ("POST", ["sandbox", "deposits"]) => {
            closed(&b, &["currency", "amount_usd", "status"])?;
            sandbox_deposit(ctx, &b)
        }
        ("POST", ["sandbox", "deposits", id, "confirm"]) => confirm_deposit(ctx, id),
        ("POST", ["sandbox", "transactions"]) => {
            closed(&b, &["card_id", "amount", "merchant", "settle"])?;
            authorize(ctx, &b)
        }
        ("POST", ["sandbox", "transactions", id, "settle"]) => settle(ctx, id),
        ("POST", ["sandbox", "transactions", id, "refund"]) => {
            closed(&b, &["amount"])?;
            refund(ctx, id, &b)
        }
        ("POST", ["sandbox", "3ds"]) => {
            closed(&b, &["card_id", "merchant", "amount"])?;
            challenge(ctx, &b)
        }
        ("GET", ["sandbox", "clock"]) => ok(clock_json(ctx)),
        ("POST", ["sandbox", "clock"]) => {
            closed(&b, &["advance_seconds"])?;
            advance_clock(ctx, &b)
        }
        ("GET", ["sandbox", "events"]) => {
            let (page, per_page) = q.page(100)?;
            let kind = q.get("type");
            let items = ctx
                .a
                .events
                .iter()
                .filter(|e| kind.is_none_or(|k| e["type"] == k))
                .cloned()
                .collect();
            ok(paginate(items, page, per_page))
        }
        ("GET", ["sandbox", "webhook_deliveries"]) => {
            let (page, per_page) = q.page(100)?;
            let event_id = q.get("event_id");
            let webhook_id = q.get("webhook_id");
            let items = ctx
                .a
                .deliveries
                .iter()
                .filter(|d| event_id.is_none_or(|e| d.event_id == e))
                .filter(|d| webhook_id.is_none_or(|w| d.webhook_id == w))
                .map(DeliveryRecord::to_json)
                .collect();
            ok(paginate(items, page, per_page))
        }
        ("GET", ["sandbox", "stats"]) => ok(ctx.stats.clone()),
        _ => Err(ApiError::new(
            404,
            "not_found",
            format!("Unknown route: {} /v1/{}", method, segs.join("/")),
        )),
    }
}

// ---------------------------------------------------------------- cards

fn create_card(ctx: &mut Ctx, b: &Body) -> ApiResult<Reply> {
    let bin_id = match b.get("bin_id") {
        Some(Value::String(s)) if s.chars().count() > 32 => {
            return Err(ApiError::invalid(
                "bin_id",
                "bin_id must be at most 32 characters",
            ))
        }
        Some(Value::String(s)) if !s.trim().is_empty() => s.trim().to_string(),
        Some(Value::String(_)) => return Err(ApiError::invalid("bin_id", "bin_id is required")),
        Some(_) => return Err(ApiError::invalid("bin_id", "bin_id must be a string")),
        None => return Err(ApiError::invalid("bin_id", "bin_id is required")),
    };
    let bin = find_bin(&bin_id).ok_or_else(|| {
        ApiError::new(
            400,
            "invalid_bin",
            format!("Unknown BIN '{bin_id}'. Use GET /bins to list available BINs."),
        )
    })?;
    let amount = b.required_amount("amount", 100, 500_000)?;
    let label = validate::label(b.get("label"))?;
    let spending_limit = b
        .amount("spending_limit", 0, bin.max_monthly)?
        .unwrap_or(bin.max_monthly);
    let allowed_categories = b
        .get("allowed_categories")
        .map(validate::categories)
        .transpose()?
        .unwrap_or_default();
    let auto_freeze_at = b.amount("auto_freeze_at", 0, MAX_CENTS)?.filter(|c| *c > 0);
    let metadata = b
        .get("metadata")
        .map(|m| validate::merge_metadata(&Map::new(), m))
        .transpose()?
        .unwrap_or_default();
    if amount > ctx.a.wallet {
        return Err(ApiError::new(
            400,
            "insufficient_funds",
            "Your wallet balance is too low to fund this card.",
        ));
    }
    let mut id = format!("card_{}", random_alnum(10));
    while ctx.a.card(&id).is_some() {
        id = format!("card_{}", random_alnum(10));
    }
    let seq = ctx.a.next_seq();
    let card = Card {
        id,
        seq,
        bin_id: bin.id.to_string(),
        network: bin.network.to_string(),
        pan: new_pan(bin.id),
        cvv: random_digits(3),
        status: "active".into(),
        balance: amount,
        spending_limit,
        total_spent: 0,
        transaction_count: 0,
        label,
        allowed_categories,
        auto_freeze_at,
        metadata,
        created_at: ctx.now,
        expires_at: expiry(&ctx.now),
        last_used_at: None,
        frozen_at: None,
        terminated_at: None,
    };
    ctx.a.wallet -= amount;
    let out = card.to_json();
    ctx.a.cards.push(card);
    ctx.mutated = true;
    ctx.emit("card.created", out.clone());
    created(out)
}

fn list_cards(ctx: &mut Ctx, q: &Query) -> ApiResult<Reply> {
    let status = q.one_of("status", &["active", "frozen", "terminated"])?;
    let sort = q
        .one_of("sort", &["created_at", "balance", "last_used"])?
        .unwrap_or_else(|| "created_at".into());
    let order = q
        .one_of("order", &["asc", "desc"])?
        .unwrap_or_else(|| "desc".into());
    let (page, per_page) = q.page(25)?;
    let bin_id = q.get("bin_id");
    let label = q.get("label").map(str::to_lowercase);
    let mut cards: Vec<&Card> = ctx
        .a
        .cards
        .iter()
        .filter(|c| status.as_deref().is_none_or(|s| c.status == s))
        .filter(|c| bin_id.is_none_or(|b| c.bin_id == b))
        .filter(|c| {
            label.as_deref().is_none_or(|l| {
                c.label
                    .as_deref()
                    .is_some_and(|cl| cl.to_lowercase().contains(l))
            })
        })
        .collect();
    cards.sort_by(|x, y| {
        let primary = match sort.as_str() {
            "balance" => x.balance.cmp(&y.balance),
            "last_used" => x.last_used_at.cmp(&y.last_used_at),
            _ => x.created_at.cmp(&y.created_at),
        };
        primary.then(x.seq.cmp(&y.seq))
    });
    if order == "desc" {
        cards.reverse();
    }
    let items = cards.iter().map(|c| c.summary_json()).collect();
    ok(paginate(items, page, per_page))
}

fn update_card(ctx: &mut Ctx, id: &str, b: &Body) -> ApiResult<Reply> {
    let i = ctx.live_card_idx(id)?;
    let card = &ctx.a.cards[i];
    let bin_max = find_bin(&card.bin_id).map_or(MAX_CENTS, |b| b.max_monthly);
    // A null field is the same as leaving it out; an empty label clears it.
    let label = match b.get("label") {
        Some(v) => Some(validate::label(Some(v))?.filter(|l| !l.is_empty())),
        None => None,
    };
    let spending_limit = b.amount("spending_limit", 0, bin_max)?;
    let categories = b
        .get("allowed_categories")
        .map(validate::categories)
        .transpose()?;
    let auto_freeze_at = b
        .amount("auto_freeze_at", 0, MAX_CENTS)?
        .map(|c| (c > 0).then_some(c));
    let metadata = b
        .get("metadata")
        .map(|m| validate::merge_metadata(&card.metadata, m))
        .transpose()?;
    let card = &mut ctx.a.cards[i];
    if let Some(l) = label {
        card.label = l;
    }
    if let Some(s) = spending_limit {
        card.spending_limit = s;
    }
    if let Some(c) = categories {
        card.allowed_categories = c;
    }
    if let Some(a) = auto_freeze_at {
        card.auto_freeze_at = a;
    }
    if let Some(m) = metadata {
        card.metadata = m;
    }
    let out = card.to_json();
    ctx.mutated = true;
    ok(out)
}

fn freeze(ctx: &mut Ctx, id: &str, freeze: bool) -> ApiResult<Reply> {
    let i = ctx.live_card_idx(id)?;
    let now = ctx.now;
    let card = &mut ctx.a.cards[i];
    let (from, to) = if freeze {
        ("active", "frozen")
    } else {
        ("frozen", "active")
    };
    if card.status != from {
        return Err(ApiError::new(
            409,
            "invalid_card_state",
            format!("Card {id} is already {}.", card.status),
        ));
    }
    card.status = to.into();
    card.frozen_at = if freeze { Some(now) } else { None };
    let out = card.to_json();
    ctx.mutated = true;
    ctx.emit(
        if freeze {
            "card.frozen"
        } else {
            "card.unfrozen"
        },
        out.clone(),
    );
    ok(out)
}

fn terminate_card(ctx: &mut Ctx, id: &str) -> ApiResult<Reply> {
    let i = ctx.live_card_idx(id)?;
    let now = ctx.now;
    let card = &mut ctx.a.cards[i];
    let refunded = card.balance;
    card.balance = 0;
    card.status = "terminated".into();
    card.terminated_at = Some(now);
    let mut out = card.to_json();
    ctx.a.wallet += refunded;
    if let Value::Object(m) = &mut out {
        m.insert("refunded_amount".into(), money(refunded));
    }
    ctx.mutated = true;
    ctx.emit("card.terminated", out.clone());
    ok(out)
}

fn fund(ctx: &mut Ctx, id: &str, b: &Body) -> ApiResult<Reply> {
    let i = ctx.live_card_idx(id)?;
    let amount = b.required_amount("amount", 100, 500_000)?;
    if amount > ctx.a.wallet {
        return Err(ApiError::new(
            400,
            "insufficient_funds",
            "Your wallet balance is too low to fund this card.",
        ));
    }
    ctx.a.wallet -= amount;
    let card = &mut ctx.a.cards[i];
    let previous = card.balance;
    card.balance += amount;
    let new_balance = card.balance;
    let card_json = card.to_json();
    ctx.mutated = true;
    ctx.emit("card.funded", card_json);
    ok(json!({
        "id": id,
        "previous_balance": money(previous),
        "funded_amount": money(amount),
        "new_balance": money(new_balance),
        "wallet_balance": money(ctx.a.wallet),
    }))
}

fn withdraw(ctx: &mut Ctx, id: &str, b: &Body) -> ApiResult<Reply> {
    let i = ctx.live_card_idx(id)?;
    let amount = b.required_amount("amount", 1, MAX_CENTS)?;
    let card = &mut ctx.a.cards[i];
    if amount > card.balance {
        return Err(ApiError::new(
            400,
            "insufficient_card_balance",
            "The card balance is too low to withdraw this amount.",
        ));
    }
    let previous = card.balance;
    card.balance -= amount;
    let new_balance = card.balance;
    ctx.a.wallet += amount;
    ctx.mutated = true;
    ok(json!({
        "id": id,
        "previous_balance": money(previous),
        "withdrawn_amount": money(amount),
        "new_balance": money(new_balance),
        "wallet_balance": money(ctx.a.wallet),
    }))
}

// ---------------------------------------------------------------- transactions

fn list_transactions(ctx: &mut Ctx, q: &Query) -> ApiResult<Reply> {
    let card_id = q.get("card_id");
    let kind = q.one_of(
        "type",
        &["authorization", "settlement", "refund", "decline"],
    )?;
    let from = q.datetime("from", false)?;
    let to = q.datetime("to", true)?;
    if let (Some(f), Some(t)) = (from, to) {
        if f > t {
            return Err(ApiError::invalid("from", "from must not be after to"));
        }
    }
    let merchant = q.get("merchant").map(str::to_lowercase);
    let min = q.amount("min_amount")?;
    let max = q.amount("max_amount")?;
    let (page, per_page) = q.page(50)?;
    let items = ctx
        .a
        .txns
        .iter()
        .rev()
        .filter(|t| card_id.is_none_or(|c| t.card_id == c))
        .filter(|t| kind.as_deref().is_none_or(|k| t.kind == k))
        .filter(|t| from.is_none_or(|f| t.created_at >= f))
        .filter(|t| to.is_none_or(|x| t.created_at <= x))
        .filter(|t| {
            merchant
                .as_deref()
                .is_none_or(|m| t.merchant.name.to_lowercase().contains(m))
        })
        .filter(|t| min.is_none_or(|m| t.amount.abs() >= m))
        .filter(|t| max.is_none_or(|m| t.amount.abs() <= m))
        .map(Txn::to_json)
        .collect();
    ok(paginate(items, page, per_page))
}

struct MerchantInput {
    merchant: Merchant,
}

fn merchant_input(b: &Body) -> ApiResult<MerchantInput> {
    let m = match b.get("merchant") {
        Some(Value::Object(m)) => m,
        Some(_) => {
            return Err(ApiError::invalid(
                "merchant",
                "merchant must be an object {name, category, mcc, country}",
            ))
        }
        None => return Err(ApiError::invalid("merchant", "merchant is required")),
    };
    if let Some(k) = m
        .keys()
        .find(|k| !["name", "category", "mcc", "country"].contains(&k.as_str()))
    {
        return Err(ApiError::invalid(
            &format!("merchant.{k}"),
            format!("unknown field 'merchant.{k}'"),
        ));
    }
    let field = |k: &str| -> ApiResult<Option<String>> {
        match m.get(k) {
            None | Some(Value::Null) => Ok(None),
            Some(Value::String(s)) => Ok(Some(s.clone())),
            Some(_) => Err(ApiError::invalid(
                &format!("merchant.{k}"),
                format!("merchant.{k} must be a string"),
            )),
        }
    };
    let name = field("name")?
        .filter(|n| !n.trim().is_empty())
        .ok_or_else(|| ApiError::invalid("merchant.name", "merchant.name is required"))?;
    if name.chars().count() > 128 {
        return Err(ApiError::invalid(
            "merchant.name",
            "merchant.name must be at most 128 characters",
        ));
    }
    let category = field("category")?.unwrap_or_else(|| "other".into());
    if !CATEGORIES.contains(&category.as_str()) {
        return Err(ApiError::invalid(
            "merchant.category",
            format!(
                "unknown merchant.category '{category}'; expected one of {}",
                CATEGORIES.join(", ")
            ),
        ));
    }
    let mcc = match field("mcc")? {
        Some(m) if m.len() == 4 && m.bytes().all(|c| c.is_ascii_digit()) => m,
        Some(_) => {
            return Err(ApiError::invalid(
                "merchant.mcc",
                "merchant.mcc must be 4 digits",
            ))
        }
        None => default_mcc(&category).to_string(),
    };
    let country = match field("country")? {
        Some(c) if c.len() == 2 && c.bytes().all(|x| x.is_ascii_uppercase()) => c,
        Some(_) => {
            return Err(ApiError::invalid(
                "merchant.country",
                "merchant.country must be a 2-letter ISO code in capitals",
            ))
        }
        None => "US".into(),
    };
    Ok(MerchantInput {
        merchant: Merchant {
            name,
            category,
            mcc,
            country,
        },
    })
}

fn month_spend(a: &Account, card_id: &str, now: &DateTime<Utc>) -> Cents {
    a.txns
        .iter()
        .filter(|t| t.card_id == card_id)
        .filter(|t| t.created_at.year() == now.year() && t.created_at.month() == now.month())
        .map(|t| match t.kind.as_str() {
            "authorization" | "settlement" | "refund" => -t.amount,
            _ => 0,
        })
        .sum()
}

fn authorize(ctx: &mut Ctx, b: &Body) -> ApiResult<Reply> {
    let card_id = b.required_string("card_id")?;
    let amount = b.required_amount("amount", 1, MAX_SIM_CENTS)?;
    let m = merchant_input(b)?.merchant;
    let settle = b.bool("settle")?.unwrap_or(true);
    let i = ctx.card_idx(card_id)?;
    let now = ctx.now;
    ctx.mutated |= ctx.a.expire_challenges(&now);
    let card = &ctx.a.cards[i];
    let bin = find_bin(&card.bin_id);
    let decline = if card.status == "terminated" {
        Some("card_terminated")
    } else if card.status == "frozen" {
        Some("card_frozen")
    } else if !card.allowed_categories.is_empty() && !card.allowed_categories.contains(&m.category)
    {
        Some("category_not_allowed")
    } else if bin.is_some_and(|b| amount > b.max_transaction) {
        Some("transaction_limit_exceeded")
    } else if month_spend(ctx.a, card_id, &now) + amount > card.spending_limit {
        Some("spending_limit_exceeded")
    } else if amount > card.balance {
        Some("insufficient_balance")
    } else {
        None
    };
    let seq = ctx.a.next_seq();
    let id = format!("txn_{}", random_lower(12));
    ctx.mutated = true;
    if let Some(reason) = decline {
        let card = &mut ctx.a.cards[i];
        if !card.is_terminated() {
            card.transaction_count += 1;
        }
        let txn = Txn {
            id,
            seq,
            card_id: card_id.to_string(),
            kind: "decline".into(),
            amount: -amount,
            merchant: m,
            balance_after: card.balance,
            created_at: now,
            decline_reason: Some(reason.to_string()),
            timeline: vec![Step {
                status: "declined".into(),
                at: now,
            }],
            three_ds: json!({"version": "2.2", "status": "not_required", "challenge_id": null}),
            refunded: 0,
            refund_of: None,
        };
        let out = txn.full_json();
        ctx.a.txns.push(txn);
        ctx.emit("transaction.declined", out.clone());
        return created(out);
    }
    // A pending challenge for this card, amount and merchant is completed by the purchase.
    let challenge = ctx.a.challenges.iter_mut().find(|c| {
        c.status == "pending"
            && c.card_id == card_id
            && c.amount == amount
            && c.merchant.eq_ignore_ascii_case(&m.name)
    });
    let three_ds = match challenge {
        Some(c) => {
            c.status = "completed".into();
            c.completed_at = Some(now);
            json!({"version": "2.2", "status": "authenticated", "challenge_id": c.id})
        }
        None => json!({"version": "2.2", "status": "not_required", "challenge_id": null}),
    };
    let card = &mut ctx.a.cards[i];
    card.balance -= amount;
    card.total_spent += amount;
    card.transaction_count += 1;
    card.last_used_at = Some(now);
    let balance_after = card.balance;
    ctx.a.spent += amount;
    let mut txn = Txn {
        id,
        seq,
        card_id: card_id.to_string(),
        kind: "authorization".into(),
        amount: -amount,
        merchant: m,
        balance_after,
        created_at: now,
        decline_reason: None,
        timeline: vec![Step {
            status: "authorized".into(),
            at: now,
        }],
        three_ds,
        refunded: 0,
        refund_of: None,
    };
    ctx.emit("transaction.authorized", txn.full_json());
    if settle {
        txn.kind = "settlement".into();
        txn.timeline.push(Step {
            status: "settled".into(),
            at: now,
        });
        ctx.emit("transaction.settled", txn.full_json());
    }
    let out = txn.full_json();
    ctx.a.txns.push(txn);
    // auto_freeze_at: freeze once the balance drops below the threshold.
    let card = &mut ctx.a.cards[i];
    if card.status == "active" && card.auto_freeze_at.is_some_and(|t| card.balance < t) {
        card.status = "frozen".into();
        card.frozen_at = Some(now);
        let cj = card.to_json();
        ctx.emit("card.frozen", cj);
    }
    created(out)
}

fn settle(ctx: &mut Ctx, id: &str) -> ApiResult<Reply> {
    let i = ctx
        .a
        .txn(id)
        .ok_or_else(|| ApiError::not_found("transaction", id))?;
    let now = ctx.now;
    let t = &mut ctx.a.txns[i];
    if t.kind != "authorization" {
        return Err(ApiError::new(
            409,
            "invalid_transaction_state",
            format!(
                "Only an authorization can be settled; {id} is a {}.",
                t.kind
            ),
        ));
    }
    t.kind = "settlement".into();
    t.timeline.push(Step {
        status: "settled".into(),
        at: now,
    });
    let out = t.full_json();
    ctx.mutated = true;
    ctx.emit("transaction.settled", out.clone());
    ok(out)
}

fn refund(ctx: &mut Ctx, id: &str, b: &Body) -> ApiResult<Reply> {
    let i = ctx
        .a
        .txn(id)
        .ok_or_else(|| ApiError::not_found("transaction", id))?;
    let t = &ctx.a.txns[i];
    if t.kind != "settlement" {
        return Err(ApiError::new(
            409,
            "invalid_transaction_state",
            format!("Only a settlement can be refunded; {id} is a {}.", t.kind),
        ));
    }
    let remaining = -t.amount - t.refunded;
    let amount = b.amount("amount", 1, MAX_SIM_CENTS)?;
    if remaining <= 0 {
        return Err(ApiError::new(
            409,
            "invalid_transaction_state",
            format!("Transaction {id} is already fully refunded."),
        ));
    }
    let amount = match amount {
        Some(a) if a > remaining => {
            return Err(ApiError::invalid(
                "amount",
                format!(
                    "amount must be at most the refundable {}.{:02}",
                    remaining / 100,
                    remaining % 100
                ),
            ))
        }
        Some(a) => a,
        None => remaining,
    };
    let now = ctx.now;
    let card_id = t.card_id.clone();
    let merchant = t.merchant.clone();
    let ci = ctx.card_idx(&card_id)?;
    let card = &mut ctx.a.cards[ci];
    let balance_after = if card.is_terminated() {
        // A terminated card keeps no balance: the refund goes to the wallet.
        card.total_spent -= amount;
        ctx.a.wallet += amount;
        0
    } else {
        card.balance += amount;
        card.total_spent -= amount;
        card.transaction_count += 1;
        card.balance
    };
    ctx.a.spent -= amount;
    let t = &mut ctx.a.txns[i];
    t.refunded += amount;
    t.timeline.push(Step {
        status: if t.refunded == -t.amount {
            "refunded".into()
        } else {
            "partially_refunded".into()
        },
        at: now,
    });
    let seq = ctx.a.next_seq();
    let txn = Txn {
        id: format!("txn_{}", random_lower(12)),
        seq,
        card_id,
        kind: "refund".into(),
        amount,
        merchant,
        balance_after,
        created_at: now,
        decline_reason: None,
        timeline: vec![Step {
            status: "refunded".into(),
            at: now,
        }],
        three_ds: Value::Null,
        refunded: 0,
        refund_of: Some(id.to_string()),
    };
    let out = txn.full_json();
    ctx.a.txns.push(txn);
    ctx.mutated = true;
    ctx.emit("transaction.refunded", out.clone());
    created(out)
}

// ---------------------------------------------------------------- wallet

fn wallet(ctx: &Ctx) -> Value {
    let a = &ctx.a;
    let pending: Cents = a
        .deposits
        .iter()
        .filter(|d| d.status == "pending")
        .map(|d| d.credited_usd)
        .sum();
    let active = a.cards.iter().filter(|c| c.status == "active").count();
    let cards_balance: Cents = a.cards.iter().map(|c| c.balance).sum();
    json!({
        "balance": money(a.wallet),
        "currency": "USD",
        "pending_deposits": money(pending),
        "total_deposited": money(a.deposited),
        "total_spent": money(a.spent),
        "cards_active": active,
        "cards_total_balance": money(cards_balance),
    })
}

fn derive(seed: &str, tag: &str) -> Vec<u8> {
    let mut h = Sha256::new();
    h.update(seed.as_bytes());
    h.update(tag.as_bytes());
    let mut out = h.finalize().to_vec();
    let mut h2 = Sha256::new();
    h2.update(&out);
    out.extend_from_slice(&h2.finalize());
    out
}

fn encode(bytes: &[u8], alphabet: &[u8], n: usize) -> String {
    bytes
        .iter()
        .take(n)
        .map(|b| alphabet[*b as usize % alphabet.len()] as char)
        .collect()
}

fn addresses(ctx: &Ctx, q: &Query) -> ApiResult<Reply> {
    let currency = q.one_of("currency", &CRYPTO)?;
    let seed = &ctx.a.address_seed;
    let eth = format!("0x{}", hex::encode(&derive(seed, "eth")[..20]));
    let btc = format!(
        "bc1q{}",
        encode(
            &derive(seed, "btc"),
            b"qpzry9x8gf2tvdw0s3jn54khce6mua7l",
            38
        )
    );
    let sol = encode(
        &derive(seed, "sol"),
        b"123456789ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz",
        44,
    );
    let all = [
        ("btc", btc, "bitcoin", "0.0001"),
        ("eth", eth.clone(), "ethereum", "0.005"),
        ("sol", sol, "solana", "0.1"),
        ("usdt", eth, "erc-20", "5.00"),
    ];
    let mut addrs = Map::new();
    let mut nets = Map::new();
    let mut mins = Map::new();
    for (c, addr, net, min) in all {
        if currency.as_deref().is_none_or(|x| x == c) {
            addrs.insert(c.into(), json!(addr));
            nets.insert(c.into(), json!(net));
            mins.insert(c.into(), json!(min));
        }
    }
    ok(json!({"addresses": addrs, "networks": nets, "min_deposit": mins}))
}

fn list_deposits(ctx: &Ctx, q: &Query) -> ApiResult<Reply> {
    let status = q.one_of("status", &["pending", "confirmed", "expired"])?;
    let currency = q.one_of("currency", &CRYPTO)?;
    let (page, per_page) = q.page(25)?;
    let items = ctx
        .a
        .deposits
        .iter()
        .rev()
        .filter(|d| status.as_deref().is_none_or(|s| d.status == s))
        .filter(|d| currency.as_deref().is_none_or(|c| d.currency == c))
        .map(Deposit::to_json)
        .collect();
    ok(paginate(items, page, per_page))
}

fn sandbox_deposit(ctx: &mut Ctx, b: &Body) -> ApiResult<Reply> {
    let currency = b.required_string("currency")?;
    if !CRYPTO.contains(&currency) {
        return Err(ApiError::invalid(
            "currency",
            format!("currency must be one of {}", CRYPTO.join(", ")),
        ));
    }
    let amount = b.required_amount("amount_usd", 1, MAX_SIM_CENTS)?;
    let status = b.string("status")?.unwrap_or("confirmed");
    if status != "confirmed" && status != "pending" {
        return Err(ApiError::invalid(
            "status",
            "status must be confirmed or pending",
        ));
    }
    let fee = (amount * 2 + 50) / 100;
    let credited = amount - fee;
    let seq = ctx.a.next_seq();
    let mut d = Deposit {
        id: format!("dep_{}", random_lower(12)),
        seq,
        currency: currency.to_string(),
        amount_crypto: crypto_amount(currency, amount),
        amount_usd: amount,
        fee_usd: fee,
        credited_usd: credited,
        status: "pending".into(),
        tx_hash: random_hex(64),
        confirmations: 0,
        created_at: ctx.now,
        confirmed_at: None,
    };
    ctx.mutated = true;
    if status == "confirmed" {
        d.status = "confirmed".into();
        d.confirmations = 6;
        d.confirmed_at = Some(ctx.now);
        ctx.a.wallet += credited;
        ctx.a.deposited += credited;
        let out = d.to_json();
        ctx.a.deposits.push(d);
        ctx.emit("deposit.confirmed", out.clone());
        created(out)
    } else {
        let out = d.to_json();
        ctx.a.deposits.push(d);
        ctx.emit("deposit.pending", out.clone());
        created(out)
    }
}

fn confirm_deposit(ctx: &mut Ctx, id: &str) -> ApiResult<Reply> {
    let now = ctx.now;
    let d = ctx
        .a
        .deposits
        .iter_mut()
        .find(|d| d.id == id)
        .ok_or_else(|| ApiError::not_found("deposit", id))?;
    if d.status != "pending" {
        return Err(ApiError::new(
            409,
            "invalid_deposit_state",
            format!("Deposit {id} is {}, not pending.", d.status),
        ));
    }
    d.status = "confirmed".into();
    d.confirmations = 6;
    d.confirmed_at = Some(now);
    let credited = d.credited_usd;
    let out = d.to_json();
    ctx.a.wallet += credited;
    ctx.a.deposited += credited;
    ctx.mutated = true;
    ctx.emit("deposit.confirmed", out.clone());
    ok(out)
}

// ---------------------------------------------------------------- 3DS

fn list_challenges(ctx: &mut Ctx, q: &Query) -> ApiResult<Reply> {
    let status = q.one_of("status", &["pending", "completed", "expired"])?;
    let card_id = q.get("card_id");
    let (page, per_page) = q.page(25)?;
    let now = ctx.now;
    ctx.mutated |= ctx.a.expire_challenges(&now);
    let items = ctx
        .a
        .challenges
        .iter()
        .rev()
        .filter(|c| status.as_deref().is_none_or(|s| c.status == s))
        .filter(|c| card_id.is_none_or(|id| c.card_id == id))
        .map(Challenge::to_json)
        .collect();
    ok(paginate(items, page, per_page))
}

fn challenge(ctx: &mut Ctx, b: &Body) -> ApiResult<Reply> {
    let card_id = b.required_string("card_id")?;
    let merchant = b.required_string("merchant")?;
    if merchant.chars().count() > 128 {
        return Err(ApiError::invalid(
            "merchant",
            "merchant must be at most 128 characters",
        ));
    }
    let amount = b.required_amount("amount", 1, MAX_SIM_CENTS)?;
    let i = ctx.live_card_idx(card_id)?;
    let seq = ctx.a.next_seq();
    let c = Challenge {
        id: format!("3ds_{}", random_lower(12)),
        seq,
        card_id: ctx.a.cards[i].id.clone(),
        merchant: merchant.to_string(),
        amount,
        otp: random_digits(6),
        status: "pending".into(),
        expires_at: ctx.now + chrono::Duration::minutes(5),
        created_at: ctx.now,
        completed_at: None,
    };
    let out = c.to_json();
    ctx.a.challenges.push(c);
    ctx.mutated = true;
    ctx.emit("3ds.challenge", out.clone());
    created(out)
}

// ---------------------------------------------------------------- webhooks

fn check_webhook_url(raw: &str) -> ApiResult<()> {
    let bad = |m: &str| ApiError::invalid("url", m.to_string());
    let url = reqwest::Url::parse(raw).map_err(|_| bad("url must be an absolute URL"))?;
    match url.scheme() {
        "https" if url.host().is_some() => Ok(()),
        "http" => {
            let host = url.host_str().unwrap_or("");
            let bare = host.trim_start_matches('[').trim_end_matches(']');
            let loopback = host.eq_ignore_ascii_case("localhost")
                || bare
                    .parse::<std::net::IpAddr>()
                    .is_ok_and(|ip| ip.is_loopback());
            if loopback {
                Ok(())
            } else {
                Err(bad(
                    "url must use https (http is accepted only for loopback addresses)",
                ))
            }
        }
        _ => Err(bad("url must use https")),
    }
}

fn create_webhook(ctx: &mut Ctx, b: &Body) -> ApiResult<Reply> {
    let url = b.required_string("url")?.trim().to_string();
    check_webhook_url(&url)?;
    let events = match b.get("events") {
        Some(Value::Array(items)) if !items.is_empty() => {
            let mut out: Vec<String> = Vec::new();
            for item in items {
                let s = item.as_str().ok_or_else(|| {
                    ApiError::invalid("events", "events must be an array of strings")
                })?;
                if s != "*" && !EVENT_TYPES.contains(&s) {
                    return Err(ApiError::invalid(
                        "events",
                        format!("unknown event type '{s}'"),
                    ));
                }
                if !out.iter().any(|o| o == s) {
                    out.push(s.to_string());
                }
            }
            out
        }
        Some(Value::Array(_)) => {
            return Err(ApiError::invalid("events", "events must not be empty"))
        }
        Some(_) => {
            return Err(ApiError::invalid(
                "events",
                "events must be an array of strings",
            ))
        }
        None => return Err(ApiError::invalid("events", "events is required")),
    };
    let secret = match b.string("secret")? {
        Some(s) if s.is_empty() || s.chars().count() > 256 => {
            return Err(ApiError::invalid(
                "secret",
                "secret must be 1 to 256 characters",
            ))
        }
        Some(s) => s.to_string(),
        None => format!("whsec_{}", random_alnum(32)),
    };
    let seq = ctx.a.next_seq();
    let w = Webhook {
        id: format!("wh_{}", random_lower(12)),
        seq,
        url,
        events,
        secret,
        active: true,
        created_at: ctx.now,
    };
    let out = w.to_json();
    ctx.a.webhooks.push(w);
    ctx.mutated = true;
    created(out)
}

// ---------------------------------------------------------------- clock

fn clock_json(ctx: &Ctx) -> Value {
    json!({"now": ts(&ctx.a.now()), "offset_seconds": ctx.a.clock_offset_secs})
}

fn advance_clock(ctx: &mut Ctx, b: &Body) -> ApiResult<Reply> {
    const MAX: i64 = 10 * 366 * 24 * 3600;
    let n = match b.get("advance_seconds") {
        Some(Value::Number(n)) => n.as_i64().filter(|n| (0..=MAX).contains(n)),
        None => {
            return Err(ApiError::invalid(
                "advance_seconds",
                "advance_seconds is required",
            ))
        }
        _ => None,
    }
    .ok_or_else(|| {
        ApiError::invalid(
            "advance_seconds",
            format!("advance_seconds must be an integer from 0 to {MAX}"),
        )
    })?;
    if ctx.a.clock_offset_secs + n > MAX {
        return Err(ApiError::invalid(
            "advance_seconds",
            "the sandbox clock cannot move more than 10 years ahead",
        ));
    }
    ctx.a.clock_offset_secs += n;
    ctx.now = ctx.a.now();
    ctx.mutated = true;
    ok(clock_json(ctx))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn webhook_urls() {
        assert!(check_webhook_url("https://example.com/hook").is_ok());
        assert!(check_webhook_url("http://127.0.0.1:9000/hook").is_ok());
        assert!(check_webhook_url("http://127.8.9.1/hook").is_ok());
        assert!(check_webhook_url("http://localhost:1/x").is_ok());
        assert!(check_webhook_url("http://[::1]:8080/x").is_ok());
        assert!(check_webhook_url("http://example.com/hook").is_err());
        assert!(check_webhook_url("ftp://example.com/").is_err());
        assert!(check_webhook_url("not a url").is_err());
    }
}
