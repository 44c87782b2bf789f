//! The sandbox's state: accounts and their cards, transactions, deposits, 3DS challenges,
//! webhooks, events and idempotency records. Money is integer cents throughout.

use std::collections::{HashMap, VecDeque};

use chrono::{DateTime, Datelike, NaiveDate, SecondsFormat, Utc};
use rand::distr::{Alphanumeric, SampleString};
use rand::Rng;
use serde::{Deserialize, Serialize};
use serde_json::{json, Map, Value};

pub type Cents = i64;

/// How many events and delivery records an account keeps (oldest dropped first).
pub const LOG_CAP: usize = 10_000;

pub const CATEGORIES: [&str; 12] = [
    "advertising",
    "software",
    "saas",
    "subscriptions",
    "shopping",
    "travel",
    "food",
    "entertainment",
    "gaming",
    "telecom",
    "utilities",
    "other",
];

pub const EVENT_TYPES: [&str; 12] = [
    "card.created",
    "card.frozen",
    "card.unfrozen",
    "card.terminated",
    "card.funded",
    "transaction.authorized",
    "transaction.settled",
    "transaction.declined",
    "transaction.refunded",
    "3ds.challenge",
    "deposit.pending",
    "deposit.confirmed",
];

pub const CRYPTO: [&str; 4] = ["btc", "eth", "sol", "usdt"];

pub struct Bin {
    pub id: &'static str,
    pub network: &'static str,
    pub kind: &'static str,
    pub max_transaction: Cents,
    pub max_monthly: Cents,
    pub acceptance_rate: f64,
    pub best_for: [&'static str; 3],
}

pub const BINS: [Bin; 2] = [
    Bin {
        id: "491653",
        network: "visa",
        kind: "advertising",
        max_transaction: 500_000,
        max_monthly: 5_000_000,
        acceptance_rate: 97.2,
        best_for: ["meta_ads", "google_ads", "tiktok_ads"],
    },
    Bin {
        id: "531993",
        network: "mastercard",
        kind: "everyday",
        max_transaction: 100_000,
        max_monthly: 1_000_000,
        acceptance_rate: 95.8,
        best_for: ["subscriptions", "saas", "shopping"],
    },
];

pub fn find_bin(id: &str) -> Option<&'static Bin> {
    BINS.iter().find(|b| b.id == id)
}

impl Bin {
    pub fn to_json(&self) -> Value {
        json!({
            "id": self.id,
            "network": self.network,
            "type": self.kind,
            "issuer_country": "US",
            "3ds": true,
            "apple_pay": true,
            "google_pay": true,
            "max_transaction": money(self.max_transaction),
            "max_monthly": money(self.max_monthly),
            "acceptance_rate": self.acceptance_rate,
            "best_for": self.best_for,
        })
    }
}

/// Cents as a JSON number in USD (two decimals at most).
pub fn money(c: Cents) -> Value {
    json!(c as f64 / 100.0)
}

pub fn ts(t: &DateTime<Utc>) -> String {
    t.to_rfc3339_opts(SecondsFormat::Secs, true)
}

fn ts_opt(t: &Option<DateTime<Utc>>) -> Value {
    match t {
        Some(t) => Value::String(ts(t)),
        None => Value::Null,
    }
}

pub fn random_alnum(n: usize) -> String {
    Alphanumeric.sample_string(&mut rand::rng(), n)
}

pub fn random_lower(n: usize) -> String {
    const CHARS: &[u8] = b"abcdefghijklmnopqrstuvwxyz0123456789";
    let mut rng = rand::rng();
    (0..n)
        .map(|_| CHARS[rng.random_range(0..CHARS.len())] as char)
        .collect()
}

pub fn random_digits(n: usize) -> String {
    let mut rng = rand::rng();
    (0..n)
        .map(|_| char::from(b'0' + rng.random_range(0..10u8)))
        .collect()
}

pub fn random_hex(n: usize) -> String {
    let mut rng = rand::rng();
    let bytes: Vec<u8> = (0..n.div_ceil(2)).map(|_| rng.random()).collect();
    let mut s = hex::encode(bytes);
    s.truncate(n);
    s
}

/// Luhn check digit for `payload` (the number without its last digit).
pub fn luhn_check_digit(payload: &str) -> u32 {
    let mut sum = 0;
    for (i, ch) in payload.chars().rev().enumerate() {
        let mut d = ch.to_digit(10).unwrap_or(0);
        if i % 2 == 0 {
            d *= 2;
            if d > 9 {
                d -= 9;
            }
        }
        sum += d;
    }
    (10 - sum % 10) % 10
}

#[cfg(test)]
pub fn luhn_valid(number: &str) -> bool {
    match number.len().checked_sub(1) {
        Some(n) if n > 0 => {
            let (payload, check) = number.split_at(n);
            check.chars().next().and_then(|c| c.to_digit(10)) == Some(luhn_check_digit(payload))
        }
        _ => false,
    }
}

pub fn new_pan(bin: &str) -> String {
    let payload = format!("{bin}{}", random_digits(15 - bin.len()));
    let check = luhn_check_digit(&payload);
    format!("{payload}{check}")
}

/// End of the day three years after `created`.
pub fn expiry(created: &DateTime<Utc>) -> DateTime<Utc> {
    let d = created.date_naive();
    let year = d.year() + 3;
    let date = NaiveDate::from_ymd_opt(year, d.month(), d.day())
        .or_else(|| NaiveDate::from_ymd_opt(year, d.month(), 28))
        .unwrap_or(d);
    date.and_hms_opt(23, 59, 59)
        .map(|n| n.and_utc())
        .unwrap_or(*created)
}

#[derive(Clone, Serialize, Deserialize)]
pub struct Card {
    pub id: String,
    pub seq: u64,
    pub bin_id: String,
    pub network: String,
    pub pan: String,
    pub cvv: String,
    pub status: String,
    pub balance: Cents,
    pub spending_limit: Cents,
    pub total_spent: Cents,
    pub transaction_count: u64,
    pub label: Option<String>,
    pub allowed_categories: Vec<String>,
    pub auto_freeze_at: Option<Cents>,
    pub metadata: Map<String, Value>,
    pub created_at: DateTime<Utc>,
    pub expires_at: DateTime<Utc>,
    pub last_used_at: Option<DateTime<Utc>>,
    pub frozen_at: Option<DateTime<Utc>>,
    pub terminated_at: Option<DateTime<Utc>>,
}

impl Card {
    pub fn last4(&self) -> &str {
        &self.pan[self.pan.len().saturating_sub(4)..]
    }

    pub fn is_terminated(&self) -> bool {
        self.status == "terminated"
    }

    pub fn to_json(&self) -> Value {
        json!({
            "id": self.id,
            "bin_id": self.bin_id,
            "network": self.network,
            "last4": self.last4(),
            "status": self.status,
            "balance": money(self.balance),
            "spending_limit": money(self.spending_limit),
            "total_spent": money(self.total_spent),
            "transaction_count": self.transaction_count,
            "label": self.label,
            "allowed_categories": self.allowed_categories,
            "auto_freeze_at": self.auto_freeze_at.map(money),
            "metadata": self.metadata,
            "created_at": ts(&self.created_at),
            "expires_at": ts(&self.expires_at),
            "last_used_at": ts_opt(&self.last_used_at),
            "frozen_at": ts_opt(&self.frozen_at),
            "terminated_at": ts_opt(&self.terminated_at),
        })
    }

    pub fn summary_json(&self) -> Value {
        json!({
            "id": self.id,
            "bin_id": self.bin_id,
            "network": self.network,
            "last4": self.last4(),
            "status": self.status,
            "balance": money(self.balance),
            "label": self.label,
            "created_at": ts(&self.created_at),
        })
    }

    pub fn details_json(&self) -> Value {
        json!({
            "id": self.id,
            "pan": self.pan,
            "cvv": self.cvv,
            "exp_month": self.expires_at.month(),
            "exp_year": self.expires_at.year(),
            "holder_name": "ANONYMOUS",
            "billing_address": {
                "line1": "123 Privacy Street",
                "city": "Wilmington",
                "state": "DE",
                "zip": "19801",
                "country": "US"
            }
        })
    }
}

#[derive(Clone, Serialize, Deserialize)]
pub struct Merchant {
    pub name: String,
    pub category: String,
    pub mcc: String,
    pub country: String,
}

pub fn default_mcc(category: &str) -> &'static str {
    match category {
        "advertising" => "7311",
        "software" => "5734",
        "saas" => "5817",
        "subscriptions" => "5968",
        "shopping" => "5311",
        "travel" => "4722",
        "food" => "5812",
        "entertainment" => "7832",
        "gaming" => "7994",
        "telecom" => "4814",
        "utilities" => "4900",
        _ => "5999",
    }
}

#[derive(Clone, Serialize, Deserialize)]
pub struct Step {
    pub status: String,
    pub at: DateTime<Utc>,
}

#[derive(Clone, Serialize, Deserialize)]
pub struct Txn {
    pub id: String,
    pub seq: u64,
    pub card_id: String,
    pub kind: String,
    /// Signed: debits are negative, refunds positive.
    pub amount: Cents,
    pub merchant: Merchant,
    pub balance_after: Cents,
    pub created_at: DateTime<Utc>,
    pub decline_reason: Option<String>,
    pub timeline: Vec<Step>,
    pub three_ds: Value,
    /// For a settled purchase: how much has been refunded so far.
    pub refunded: Cents,
    /// For a refund: the purchase it refunds.
    pub refund_of: Option<String>,
}

impl Txn {
    pub fn to_json(&self) -> Value {
        json!({
            "id": self.id,
            "card_id": self.card_id,
            "type": self.kind,
            "amount": money(self.amount),
            "currency": "USD",
            "merchant": {
                "name": self.merchant.name,
                "category": self.merchant.category,
                "mcc": self.merchant.mcc,
                "country": self.merchant.country,
            },
            "balance_after": money(self.balance_after),
            "created_at": ts(&self.created_at),
        })
    }

    pub fn full_json(&self) -> Value {
        let mut v = self.to_json();
        if let Value::Object(m) = &mut v {
            m.insert("three_ds".into(), self.three_ds.clone());
            m.insert(
                "timeline".into(),
                Value::Array(
                    self.timeline
                        .iter()
                        .map(|s| json!({"status": s.status, "at": ts(&s.at)}))
                        .collect(),
                ),
            );
            m.insert("decline_reason".into(), json!(self.decline_reason));
            m.insert("refunded_amount".into(), money(self.refunded));
            m.insert("refund_of".into(), json!(self.refund_of));
        }
        v
    }
}

#[derive(Clone, Serialize, Deserialize)]
pub struct Deposit {
    pub id: String,
    pub seq: u64,
    pub currency: String,
    pub amount_crypto: String,
    pub amount_usd: Cents,
    pub fee_usd: Cents,
    pub credited_usd: Cents,
    pub status: String,
    pub tx_hash: String,
    pub confirmations: u32,
    pub created_at: DateTime<Utc>,
    pub confirmed_at: Option<DateTime<Utc>>,
}

impl Deposit {
    pub fn to_json(&self) -> Value {
        json!({
            "id": self.id,
            "currency": self.currency,
            "amount_crypto": self.amount_crypto,
            "amount_usd": money(self.amount_usd),
            "fee_usd": money(self.fee_usd),
            "credited_usd": money(self.credited_usd),
            "status": self.status,
            "tx_hash": self.tx_hash,
            "confirmations": self.confirmations,
            "created_at": ts(&self.created_at),
            "confirmed_at": ts_opt(&self.confirmed_at),
        })
    }
}

/// Sandbox exchange rates (USD per coin) used to show `amount_crypto`.
pub fn usd_price(currency: &str) -> f64 {
    match currency {
        "btc" => 66_000.0,
        "eth" => 3_200.0,
        "sol" => 150.0,
        _ => 1.0,
    }
}

pub fn crypto_amount(currency: &str, usd: Cents) -> String {
    let coins = usd as f64 / 100.0 / usd_price(currency);
    let decimals = match currency {
        "usdt" => 2,
        "sol" => 6,
        _ => 8,
    };
    let s = format!("{coins:.decimals$}");
    let s = s.trim_end_matches('0').trim_end_matches('.');
    if s.is_empty() {
        "0".to_string()
    } else {
        s.to_string()
    }
}

#[derive(Clone, Serialize, Deserialize)]
pub struct Challenge {
    pub id: String,
    pub seq: u64,
    pub card_id: String,
    pub merchant: String,
    pub amount: Cents,
    pub otp: String,
    pub status: String,
    pub expires_at: DateTime<Utc>,
    pub created_at: DateTime<Utc>,
    pub completed_at: Option<DateTime<Utc>>,
}

impl Challenge {
    pub fn to_json(&self) -> Value {
        json!({
            "id": self.id,
            "card_id": self.card_id,
            "merchant": self.merchant,
            "amount": money(self.amount),
            "otp": self.otp,
            "status": self.status,
            "expires_at": ts(&self.expires_at),
            "created_at": ts(&self.created_at),
            "completed_at": ts_opt(&self.completed_at),
        })
    }
}

#[derive(Clone, Serialize, Deserialize)]
pub struct Webhook {
    pub id: String,
    pub seq: u64,
    pub url: String,
    pub events: Vec<String>,
    pub secret: String,
    pub active: bool,
    pub created_at: DateTime<Utc>,
}

impl Webhook {
    pub fn to_json(&self) -> Value {
        json!({
            "id": self.id,
            "url": self.url,
            "events": self.events,
            "secret": self.secret,
            "active": self.active,
            "created_at": ts(&self.created_at),
        })
    }

    /// As listed: the signing secret is only returned at creation.
    pub fn listed_json(&self) -> Value {
        let mut v = self.to_json();
        if let Value::Object(m) = &mut v {
            m.remove("secret");
        }
        v
    }

    pub fn wants(&self, event_type: &str) -> bool {
        self.active && self.events.iter().any(|e| e == "*" || e == event_type)
    }
}

#[derive(Clone, Serialize, Deserialize)]
pub struct DeliveryRecord {
    pub event_id: String,
    pub event_type: String,
    pub webhook_id: String,
    pub url: String,
    pub attempt: u32,
    pub status: Option<u16>,
    pub ok: bool,
    pub error: Option<String>,
    pub at: DateTime<Utc>,
}

impl DeliveryRecord {
    pub fn to_json(&self) -> Value {
        json!({
            "event_id": self.event_id,
            "type": self.event_type,
            "webhook_id": self.webhook_id,
            "url": self.url,
            "attempt": self.attempt,
            "status": self.status,
            "ok": self.ok,
            "error": self.error,
            "at": ts(&self.at),
        })
    }
}

#[derive(Clone, Serialize, Deserialize)]
pub enum Idem {
    InFlight {
        fingerprint: String,
        token: u64,
    },
    Done {
        fingerprint: String,
        status: u16,
        body: Option<String>,
        at: DateTime<Utc>,
    },
}

#[derive(Serialize, Deserialize)]
pub struct Account {
    pub live: bool,
    pub clock_offset_secs: i64,
    pub wallet: Cents,
    /// Initial balance plus every confirmed deposit's credited amount.
    pub deposited: Cents,
    /// Card spend net of refunds.
    pub spent: Cents,
    pub seq: u64,
    pub cards: Vec<Card>,
    pub txns: Vec<Txn>,
    pub deposits: Vec<Deposit>,
    pub challenges: Vec<Challenge>,
    pub webhooks: Vec<Webhook>,
    pub events: VecDeque<Value>,
    pub deliveries: VecDeque<DeliveryRecord>,
    pub idem: HashMap<String, Idem>,
    pub address_seed: String,
    /// Request times (ms on the account clock) inside the current minute, per limit.
    #[serde(skip)]
    pub details_hits: VecDeque<i64>,
    #[serde(skip)]
    pub global_hits: VecDeque<i64>,
}

impl Account {
    pub fn new(live: bool, initial: Cents) -> Self {
        Account {
            live,
            clock_offset_secs: 0,
            wallet: initial,
            deposited: initial,
            spent: 0,
            seq: 0,
            cards: Vec::new(),
            txns: Vec::new(),
            deposits: Vec::new(),
            challenges: Vec::new(),
            webhooks: Vec::new(),
            events: VecDeque::new(),
            deliveries: VecDeque::new(),
            idem: HashMap::new(),
            address_seed: random_hex(64),
            details_hits: VecDeque::new(),
            global_hits: VecDeque::new(),
        }
    }

    pub fn now(&self) -> DateTime<Utc> {
        Utc::now() + chrono::Duration::seconds(self.clock_offset_secs)
    }

    pub fn next_seq(&mut self) -> u64 {
        self.seq += 1;
        self.seq
    }

    pub fn card(&self, id: &str) -> Option<usize> {
        self.cards.iter().position(|c| c.id == id)
    }

    pub fn txn(&self, id: &str) -> Option<usize> {
        self.txns.iter().position(|t| t.id == id)
    }

    /// Marks pending 3DS challenges past their expiry as expired; true when any changed.
    pub fn expire_challenges(&mut self, now: &DateTime<Utc>) -> bool {
        let mut changed = false;
        for c in &mut self.challenges {
            if c.status == "pending" && c.expires_at <= *now {
                c.status = "expired".into();
                changed = true;
            }
        }
        changed
    }

    pub fn push_delivery(&mut self, rec: DeliveryRecord) {
        if self.deliveries.len() >= LOG_CAP {
            self.deliveries.pop_front();
        }
        self.deliveries.push_back(rec);
    }

    /// `wallet + card balances + spent == deposited` must always hold.
    pub fn invariant_holds(&self) -> bool {
        let cards: Cents = self.cards.iter().map(|c| c.balance).sum();
        self.wallet + cards + self.spent == self.deposited
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn pans_pass_luhn() {
        for _ in 0..200 {
            let pan = new_pan("491653");
            assert_eq!(pan.len(), 16);
            assert!(pan.starts_with("491653"));
            assert!(luhn_valid(&pan), "{pan}");
        }
        assert!(luhn_valid("4111111111111111"));
        assert!(!luhn_valid("4111111111111112"));
    }

    #[test]
    fn money_and_crypto_amounts() {
        assert_eq!(money(48750), json!(487.5));
        assert_eq!(money(50000), json!(500.0));
        assert_eq!(crypto_amount("usdt", 50000), "500");
        assert_eq!(crypto_amount("btc", 6_600_000), "1");
    }

    #[test]
    fn expiry_is_end_of_day_three_years_on() {
        let t = DateTime::parse_from_rfc3339("2026-04-15T12:00:00Z")
            .unwrap()
            .with_timezone(&Utc);
        assert_eq!(ts(&expiry(&t)), "2029-04-15T23:59:59Z");
        let leap = DateTime::parse_from_rfc3339("2028-02-29T12:00:00Z")
            .unwrap()
            .with_timezone(&Utc);
        assert_eq!(ts(&expiry(&leap)), "2031-02-28T23:59:59Z");
    }
}
