//! Typed API errors and input validation (amounts, strings, enums, pagination, dates).

use chrono::{DateTime, NaiveDate, Utc};
use serde_json::{Map, Value};

use crate::model::{Cents, CATEGORIES};

/// An error answer: `{"error","message","code","request_id"}` (+ `param` for invalid_request).
#[derive(Debug, Clone)]
pub struct ApiError {
    pub status: u16,
    pub code: &'static str,
    pub message: String,
    pub param: Option<String>,
    pub retry_after: Option<u64>,
}

impl ApiError {
    pub fn new(status: u16, code: &'static str, message: impl Into<String>) -> Self {
        ApiError {
            status,
            code,
            message: message.into(),
            param: None,
            retry_after: None,
        }
    }

    pub fn invalid(param: &str, message: impl Into<String>) -> Self {
        ApiError {
            param: Some(param.to_string()),
            ..ApiError::new(400, "invalid_request", message)
        }
    }

    pub fn not_found(what: &str, id: &str) -> Self {
        ApiError::new(404, "not_found", format!("No such {what}: '{id}'"))
    }

    pub fn terminated(id: &str) -> Self {
        ApiError::new(
            409,
            "card_terminated",
            format!("Card {id} is terminated and accepts no change."),
        )
    }

    pub fn rate_limited(retry_after: u64, message: impl Into<String>) -> Self {
        ApiError {
            retry_after: Some(retry_after),
            ..ApiError::new(429, "rate_limited", message)
        }
    }

    pub fn body(&self, request_id: &str) -> Value {
        let mut m = Map::new();
        m.insert("error".into(), Value::from(self.code));
        m.insert("message".into(), Value::from(self.message.clone()));
        m.insert("code".into(), Value::from(self.status));
        m.insert("request_id".into(), Value::from(request_id));
        if self.code == "invalid_request" {
            m.insert(
                "param".into(),
                self.param.clone().map(Value::from).unwrap_or(Value::Null),
            );
        }
        Value::Object(m)
    }
}

pub type ApiResult<T> = Result<T, ApiError>;

/// A JSON request body (always an object; an empty body is `{}`).
pub struct Body<'a>(pub &'a Map<String, Value>);

impl<'a> Body<'a> {
    /// The field, unless absent or null.
    pub fn get(&self, name: &str) -> Option<&'a Value> {
        self.0.get(name).filter(|v| !v.is_null())
    }

    pub fn amount(&self, name: &str, min: Cents, max: Cents) -> ApiResult<Option<Cents>> {
        self.get(name).map(|v| cents(v, name, min, max)).transpose()
    }

    pub fn required_amount(&self, name: &str, min: Cents, max: Cents) -> ApiResult<Cents> {
        self.amount(name, min, max)?
            .ok_or_else(|| ApiError::invalid(name, format!("{name} is required")))
    }

    pub fn string(&self, name: &str) -> ApiResult<Option<&'a str>> {
        match self.get(name) {
            None => Ok(None),
            Some(Value::String(s)) => Ok(Some(s.as_str())),
            Some(_) => Err(ApiError::invalid(name, format!("{name} must be a string"))),
        }
    }

    pub fn required_string(&self, name: &str) -> ApiResult<&'a str> {
        match self.string(name)? {
            Some(s) if !s.trim().is_empty() => Ok(s),
            _ => Err(ApiError::invalid(name, format!("{name} is required"))),
        }
    }

    pub fn bool(&self, name: &str) -> ApiResult<Option<bool>> {
        match self.get(name) {
            None => Ok(None),
            Some(Value::Bool(b)) => Ok(Some(*b)),
            Some(_) => Err(ApiError::invalid(name, format!("{name} must be a boolean"))),
        }
    }
}

fn fmt_cents(c: Cents) -> String {
    let sign = if c < 0 { "-" } else { "" };
    let c = c.unsigned_abs();
    let dollars = (c / 100).to_string();
    let mut parts: Vec<&str> = dollars
        .as_bytes()
        .rchunks(3)
        .map(|chunk| std::str::from_utf8(chunk).unwrap_or(""))
        .collect();
    parts.reverse();
    let grouped = parts.join(",");
    format!("{sign}{grouped}.{:02}", c % 100)
}

/// A JSON number of USD with at most two decimals, within `min..=max` cents.
pub fn cents(v: &Value, name: &str, min: Cents, max: Cents) -> ApiResult<Cents> {
    let n = match v {
        Value::Number(n) => n,
        _ => return Err(ApiError::invalid(name, format!("{name} must be a number"))),
    };
    let x = n
        .as_f64()
        .ok_or_else(|| ApiError::invalid(name, format!("{name} must be a number")))?;
    if !x.is_finite() {
        return Err(ApiError::invalid(name, format!("{name} must be finite")));
    }
    if x < 0.0 {
        return Err(ApiError::invalid(
            name,
            format!("{name} must not be negative"),
        ));
    }
    if x > 1e13 {
        return Err(ApiError::invalid(
            name,
            format!("{name} must be at most {}", fmt_cents(max)),
        ));
    }
    // Count the decimals of the number as written (serde_json prints the shortest text that
    // reads back as the same value), so 4000.001 is refused however large the amount.
    if decimals(&n.to_string()) > 2 {
        return Err(ApiError::invalid(
            name,
            format!("{name} must have at most two decimals"),
        ));
    }
    let c = (x * 100.0).round() as Cents;
    if c < min || c > max {
        return Err(ApiError::invalid(
            name,
            format!(
                "{name} must be between {} and {}",
                fmt_cents(min),
                fmt_cents(max)
            ),
        ));
    }
    Ok(c)
}

/// Digits after the decimal point of a JSON number's text (`1.5e-3` has 4).
fn decimals(text: &str) -> i64 {
    let (mantissa, exp) = match text.find(['e', 'E']) {
        Some(i) => (&text[..i], text[i + 1..].parse::<i64>().unwrap_or(0)),
        None => (text, 0),
    };
    let frac = mantissa
        .split_once('.')
        .map(|(_, f)| f.trim_end_matches('0').len() as i64)
        .unwrap_or(0);
    (frac - exp).max(0)
}

pub fn label(v: Option<&Value>) -> ApiResult<Option<String>> {
    match v {
        None | Some(Value::Null) => Ok(None),
        Some(Value::String(s)) => {
            if s.chars().count() > 64 {
                Err(ApiError::invalid(
                    "label",
                    "label must be at most 64 characters",
                ))
            } else {
                Ok(Some(s.clone()))
            }
        }
        Some(_) => Err(ApiError::invalid("label", "label must be a string")),
    }
}

pub fn categories(v: &Value) -> ApiResult<Vec<String>> {
    let arr = v.as_array().ok_or_else(|| {
        ApiError::invalid(
            "allowed_categories",
            "allowed_categories must be an array of strings",
        )
    })?;
    let mut out: Vec<String> = Vec::new();
    for item in arr {
        let s = item.as_str().ok_or_else(|| {
            ApiError::invalid(
                "allowed_categories",
                "allowed_categories must be an array of strings",
            )
        })?;
        if !CATEGORIES.contains(&s) {
            return Err(ApiError::invalid(
                "allowed_categories",
                format!(
                    "unknown category '{s}' in allowed_categories; expected one of {}",
                    CATEGORIES.join(", ")
                ),
            ));
        }
        if !out.iter().any(|o| o == s) {
            out.push(s.to_string());
        }
    }
    Ok(out)
}

/// Merges `patch` into `base` (a null value deletes a key) and checks the limits.
pub fn merge_metadata(base: &Map<String, Value>, patch: &Value) -> ApiResult<Map<String, Value>> {
    let obj = patch
        .as_object()
        .ok_or_else(|| ApiError::invalid("metadata", "metadata must be an object"))?;
    if obj.len() > 20 {
        return Err(ApiError::invalid(
            "metadata",
            "metadata may have at most 20 keys",
        ));
    }
    let mut out = base.clone();
    for (k, v) in obj {
        if k.is_empty() || k.chars().count() > 40 {
            return Err(ApiError::invalid(
                "metadata",
                "metadata keys must be 1 to 40 characters",
            ));
        }
        match v {
            Value::Null => {
                out.remove(k);
            }
            Value::String(s) if s.chars().count() > 500 => {
                return Err(ApiError::invalid(
                    "metadata",
                    format!("metadata value for '{k}' must be at most 500 characters"),
                ));
            }
            Value::String(_) | Value::Number(_) | Value::Bool(_) => {
                out.insert(k.clone(), v.clone());
            }
            _ => {
                return Err(ApiError::invalid(
                    "metadata",
                    format!("metadata value for '{k}' must be a string, number or boolean"),
                ));
            }
        }
    }
    if out.len() > 20 {
        return Err(ApiError::invalid(
            "metadata",
            "metadata may have at most 20 keys",
        ));
    }
    Ok(out)
}

/// Query string parameters (first occurrence wins).
pub struct Query(pub Vec<(String, String)>);

impl Query {
    pub fn get(&self, name: &str) -> Option<&str> {
        self.0
            .iter()
            .find(|(k, _)| k == name)
            .map(|(_, v)| v.as_str())
    }

    pub fn one_of(&self, name: &str, allowed: &[&str]) -> ApiResult<Option<String>> {
        match self.get(name) {
            None => Ok(None),
            Some(v) if allowed.contains(&v) => Ok(Some(v.to_string())),
            Some(v) => Err(ApiError::invalid(
                name,
                format!("{name} '{v}' is not one of {}", allowed.join(", ")),
            )),
        }
    }

    pub fn int(&self, name: &str, default: u64, min: u64, max: u64) -> ApiResult<u64> {
        match self.get(name) {
            None => Ok(default),
            Some(v) => match v.trim().parse::<u64>() {
                Ok(n) if n >= min && n <= max => Ok(n),
                _ if max == u64::MAX => Err(ApiError::invalid(
                    name,
                    format!("{name} must be an integer of at least {min}"),
                )),
                _ => Err(ApiError::invalid(
                    name,
                    format!("{name} must be an integer from {min} to {max}"),
                )),
            },
        }
    }

    pub fn page(&self, default_per_page: u64) -> ApiResult<(u64, u64)> {
        let page = self.int("page", 1, 1, u64::MAX)?;
        let per_page = self.int("per_page", default_per_page, 1, 100)?;
        Ok((page, per_page))
    }

    pub fn amount(&self, name: &str) -> ApiResult<Option<Cents>> {
        match self.get(name) {
            None => Ok(None),
            Some(v) => {
                let n: f64 = v
                    .trim()
                    .parse()
                    .map_err(|_| ApiError::invalid(name, format!("{name} must be a number")))?;
                let num = serde_json::Number::from_f64(n)
                    .ok_or_else(|| ApiError::invalid(name, format!("{name} must be finite")))?;
                cents(&Value::Number(num), name, 0, 1_000_000_000_000).map(Some)
            }
        }
    }

    /// ISO 8601: a full RFC 3339 date-time, a date-time without offset (UTC), or a date.
    pub fn datetime(&self, name: &str, end_of_day: bool) -> ApiResult<Option<DateTime<Utc>>> {
        let Some(v) = self.get(name) else {
            return Ok(None);
        };
        let v = v.trim();
        if let Ok(t) = DateTime::parse_from_rfc3339(v) {
            return Ok(Some(t.with_timezone(&Utc)));
        }
        for f in [
            "%Y-%m-%dT%H:%M:%S",
            "%Y-%m-%dT%H:%M:%S%.f",
            "%Y-%m-%dT%H:%M",
        ] {
            if let Ok(t) = chrono::NaiveDateTime::parse_from_str(v, f) {
                return Ok(Some(t.and_utc()));
            }
        }
        if let Ok(d) = NaiveDate::parse_from_str(v, "%Y-%m-%d") {
            let t = if end_of_day {
                d.and_hms_opt(23, 59, 59)
            } else {
                d.and_hms_opt(0, 0, 0)
            };
            if let Some(t) = t {
                return Ok(Some(t.and_utc()));
            }
        }
        Err(ApiError::invalid(
            name,
            format!("{name} must be an ISO 8601 date or date-time"),
        ))
    }
}

/// One page of `items` in the list envelope.
pub fn paginate(items: Vec<Value>, page: u64, per_page: u64) -> Value {
    let total = items.len() as u64;
    let total_pages = total.div_ceil(per_page);
    let start = (page - 1).saturating_mul(per_page);
    let data: Vec<Value> = items
        .into_iter()
        .skip(usize::try_from(start).unwrap_or(usize::MAX))
        .take(per_page as usize)
        .collect();
    serde_json::json!({
        "data": data,
        "pagination": {"page": page, "per_page": per_page, "total": total, "total_pages": total_pages}
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn cents_rules() {
        assert_eq!(cents(&json!(500), "amount", 100, 500_000).unwrap(), 50_000);
        assert_eq!(cents(&json!(0.29), "amount", 0, 500_000).unwrap(), 29);
        assert_eq!(
            cents(&json!(5000.0), "amount", 100, 500_000).unwrap(),
            500_000
        );
        let e = cents(&json!(1.005), "amount", 100, 500_000).unwrap_err();
        assert_eq!(e.param.as_deref(), Some("amount"));
        assert!(cents(&json!(-1), "amount", 100, 500_000).is_err());
        assert!(cents(&json!("5"), "amount", 100, 500_000).is_err());
        assert!(cents(&json!(5000.01), "amount", 100, 500_000).is_err());
        assert!(cents(&json!(0.99), "amount", 100, 500_000).is_err());
        assert!(cents(&json!(1e300), "amount", 100, 500_000).is_err());
        assert!(cents(&json!(4000.001), "amount", 100, 500_000).is_err());
        assert!(cents(&json!(0.1 + 0.2), "amount", 0, 500_000).is_err());
        assert_eq!(
            cents(&json!(9_999_999_999.99), "x", 0, i64::MAX).unwrap(),
            999_999_999_999
        );
        assert_eq!(cents(&json!(1e3), "x", 0, i64::MAX).unwrap(), 100_000);
        assert_eq!(decimals("1.5e-3"), 4);
        assert_eq!(decimals("1.25E2"), 0);
        assert_eq!(decimals("12.50"), 1);
    }

    #[test]
    fn money_is_formatted_in_messages() {
        assert_eq!(fmt_cents(500_000), "5,000.00");
        assert_eq!(fmt_cents(100), "1.00");
        assert_eq!(fmt_cents(123_456_789), "1,234,567.89");
    }

    #[test]
    fn metadata_merge() {
        let base = json!({"a": "1", "b": "2"});
        let out = merge_metadata(base.as_object().unwrap(), &json!({"a": null, "c": "3"})).unwrap();
        assert_eq!(Value::Object(out), json!({"b": "2", "c": "3"}));
        let many: Map<String, Value> = (0..21).map(|i| (format!("k{i}"), json!("v"))).collect();
        assert!(merge_metadata(&Map::new(), &Value::Object(many)).is_err());
    }
}
