//! Checks run before a request is sent. Each failure is `Error::Validation` naming the field.
//! Public for bindings that must check a value before converting it loses information (a NaN
//! metadata number would become JSON `null`, i.e. "remove this key").

use crate::error::{Error, Result};
use crate::models::{Category, MetadataValue};

/// Largest amount a card can be created or funded with.
pub const MAX_CARD_AMOUNT: f64 = 5000.0;
/// Smallest amount a card can be created or funded with.
pub const MIN_CARD_AMOUNT: f64 = 1.0;

fn err<T>(field: &str, message: impl Into<String>) -> Result<T> {
    Err(Error::validation(field, message))
}

/// Finite, not negative, at most two decimals.
pub fn money(field: &str, v: f64) -> Result<()> {
    if !v.is_finite() {
        return err(field, "must be a finite number");
    }
    if v < 0.0 {
        return err(field, "must not be negative");
    }
    // Absolute tolerance in cents: float noise such as 0.1 + 0.2 passes (and is sent rounded,
    // see `ser_money`), a real third decimal such as 4000.001 does not, at any size.
    let cents = v * 100.0;
    if (cents - cents.round()).abs() > 1e-6 {
        return err(field, "must have at most two decimal places");
    }
    Ok(())
}

/// Rounds a validated amount to whole cents, so the wire carries `0.3`, not `0.30000000000000004`.
fn round_cents(v: f64) -> f64 {
    if v.is_finite() {
        (v * 100.0).round() / 100.0
    } else {
        v
    }
}

/// `serialize_with` for amounts: whole cents on the wire.
pub(crate) fn ser_money<S: serde::Serializer>(
    v: &f64,
    s: S,
) -> std::result::Result<S::Ok, S::Error> {
    s.serialize_f64(round_cents(*v))
}

/// `serialize_with` for optional amounts: whole cents on the wire.
pub(crate) fn ser_money_opt<S: serde::Serializer>(
    v: &Option<f64>,
    s: S,
) -> std::result::Result<S::Ok, S::Error> {
    match v {
        Some(x) => s.serialize_some(&round_cents(*x)),
        None => s.serialize_none(),
    }
}

/// Money within `min..=max`.
pub fn money_range(field: &str, v: f64, min: f64, max: f64) -> Result<()> {
    money(field, v)?;
    if v < min - 1e-9 || v > max + 1e-9 {
        return err(field, format!("must be between {min:.2} and {max:.2}"));
    }
    Ok(())
}

/// Money strictly above zero.
pub fn money_positive(field: &str, v: f64) -> Result<()> {
    money(field, v)?;
    if v <= 0.0 {
        return err(field, "must be greater than 0");
    }
    Ok(())
}

/// A path id: non-empty, not `.` or `..` (URL normalisation would drop them and address the
/// collection instead: `DELETE /v1/cards`), no `/`, `?`, `#`, `%` or `\\`, no whitespace or
/// control characters anywhere.
pub fn id(field: &str, v: &str) -> Result<()> {
    if v.is_empty() {
        return err(field, "must not be empty");
    }
    if v == "." || v == ".." {
        return err(field, "must not be '.' or '..'");
    }
    if let Some(c) = v
        .chars()
        .find(|c| matches!(c, '/' | '?' | '#' | '%' | '\\'))
    {
        return err(field, format!("must not contain {c:?}"));
    }
    if v.chars().any(|c| c.is_whitespace() || c.is_control()) {
        return err(field, "must not contain whitespace or control characters");
    }
    Ok(())
}

/// Non-empty string (e.g. `bin_id`, `merchant`).
pub fn non_empty(field: &str, v: &str) -> Result<()> {
    if v.trim().is_empty() {
        return err(field, "must not be empty");
    }
    Ok(())
}

/// At most 64 characters.
pub fn label(field: &str, v: &str) -> Result<()> {
    if v.chars().count() > 64 {
        return err(field, "must be at most 64 characters");
    }
    Ok(())
}

/// At most 20 keys, keys 1..=40 characters, string values at most 500 characters, numbers
/// finite. `None` values (removal on update) are allowed.
pub fn metadata<'a, I>(field: &str, entries: I) -> Result<()>
where
    I: ExactSizeIterator<Item = (&'a String, Option<&'a MetadataValue>)>,
{
    if entries.len() > 20 {
        return err(field, "must have at most 20 keys");
    }
    for (k, v) in entries {
        if k.is_empty() || k.chars().count() > 40 {
            return err(
                &format!("{field}.{k}"),
                "keys must be 1 to 40 characters long",
            );
        }
        match v {
            Some(MetadataValue::String(s)) if s.chars().count() > 500 => {
                return err(
                    &format!("{field}.{k}"),
                    "values must be at most 500 characters",
                );
            }
            Some(MetadataValue::Number(n)) if !n.is_finite() => {
                return err(&format!("{field}.{k}"), "numbers must be finite");
            }
            _ => {}
        }
    }
    Ok(())
}

/// Every category from the contract's list.
pub fn categories(field: &str, cats: &[Category]) -> Result<()> {
    for (i, c) in cats.iter().enumerate() {
        if !c.is_known() {
            return err(
                &format!("{field}[{i}]"),
                format!(
                    "unknown category {:?}; expected one of: {}",
                    c.as_str(),
                    Category::KNOWN.join(", ")
                ),
            );
        }
    }
    Ok(())
}

/// One of the values an inline enum of the spec allows.
pub fn one_of(field: &str, v: &str, allowed: &[&str]) -> Result<()> {
    if allowed.contains(&v) {
        Ok(())
    } else {
        err(field, format!("expected one of: {}", allowed.join(", ")))
    }
}

/// `page >= 1`, `per_page` in 1..=100.
pub fn paging(page: Option<u32>, per_page: Option<u32>) -> Result<()> {
    if page == Some(0) {
        return err("page", "must be at least 1");
    }
    if let Some(p) = per_page {
        if !(1..=100).contains(&p) {
            return err("per_page", "must be between 1 and 100");
        }
    }
    Ok(())
}

/// RFC 3339 timestamp or `YYYY-MM-DD` date.
pub fn iso_date(field: &str, v: &str) -> Result<()> {
    if chrono::DateTime::parse_from_rfc3339(v).is_ok()
        || chrono::NaiveDate::parse_from_str(v, "%Y-%m-%d").is_ok()
    {
        Ok(())
    } else {
        err(
            field,
            "must be an ISO 8601 date (YYYY-MM-DD) or RFC 3339 timestamp",
        )
    }
}

/// `https://` URL, or `http://` to a loopback host.
pub fn webhook_url(field: &str, v: &str) -> Result<()> {
    let url = match reqwest::Url::parse(v) {
        Ok(u) => u,
        Err(e) => return err(field, format!("must be an absolute URL ({e})")),
    };
    let host = url
        .host_str()
        .unwrap_or("")
        .trim_start_matches('[')
        .trim_end_matches(']')
        .to_string();
    if host.is_empty() {
        return err(field, "must have a host");
    }
    match url.scheme() {
        "https" => Ok(()),
        "http" => {
            let loopback = host.eq_ignore_ascii_case("localhost")
                || host
                    .parse::<std::net::IpAddr>()
                    .map(|ip| ip.is_loopback())
                    .unwrap_or(false);
            if loopback {
                Ok(())
            } else {
                err(
                    field,
                    "must be https:// (http:// is only allowed to loopback addresses)",
                )
            }
        }
        _ => err(field, "must be an https:// URL"),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn money_rules() {
        assert!(money("amount", 10.0).is_ok());
        assert!(money("amount", 10.25).is_ok());
        assert!(money("amount", 0.1 + 0.2).is_ok());
        assert!(money("amount", 4999.99).is_ok());
        assert!(money("amount", 10.255).is_err());
        assert!(money("amount", 4000.001).is_err());
        assert!(money("amount", 4999.999).is_err());
        assert_eq!(round_cents(0.1 + 0.2), 0.3);
        assert_eq!(round_cents(19.99), 19.99);
        assert!(money("amount", -1.0).is_err());
        assert!(money("amount", f64::NAN).is_err());
        assert!(money("amount", f64::INFINITY).is_err());
        assert!(money_range("amount", 0.99, 1.0, 5000.0).is_err());
        assert!(money_range("amount", 1.0, 1.0, 5000.0).is_ok());
        assert!(money_range("amount", 5000.0, 1.0, 5000.0).is_ok());
        assert!(money_range("amount", 5000.01, 1.0, 5000.0).is_err());
        assert!(money_positive("amount", 0.0).is_err());
        assert!(money_positive("amount", 0.01).is_ok());
        let e = money("spending_limit", 1.001).unwrap_err();
        assert_eq!(e.field(), Some("spending_limit"));
    }

    #[test]
    fn other_rules() {
        assert!(id("card_id", "").is_err());
        assert!(id("card_id", "a/b").is_err());
        assert!(id("card_id", "card_1").is_ok());
        assert!(label("label", &"x".repeat(64)).is_ok());
        assert!(label("label", &"x".repeat(65)).is_err());
        let mut m = crate::models::Metadata::new();
        for i in 0..20 {
            m.insert(format!("k{i}"), "v".into());
        }
        let check =
            |m: &crate::models::Metadata| metadata("metadata", m.iter().map(|(k, v)| (k, Some(v))));
        assert!(check(&m).is_ok());
        m.insert("k20".into(), "v".into());
        assert!(check(&m).is_err());
        let m: crate::models::Metadata = [("k".repeat(41), "v".into())].into();
        assert!(check(&m).is_err());
        let m: crate::models::Metadata = [("k".to_string(), "v".repeat(501).into())].into();
        assert_eq!(check(&m).unwrap_err().field(), Some("metadata.k"));
        let m: crate::models::Metadata = [("k".to_string(), f64::NAN.into())].into();
        assert!(check(&m).is_err());
        assert!(categories("allowed_categories", &[Category::Advertising]).is_ok());
        let e = categories("allowed_categories", &["nope".into()]).unwrap_err();
        assert_eq!(e.field(), Some("allowed_categories[0]"));
        assert!(paging(Some(0), None).is_err());
        assert!(paging(None, Some(0)).is_err());
        assert!(paging(None, Some(101)).is_err());
        assert!(paging(Some(1), Some(100)).is_ok());
        assert!(webhook_url("url", "https://example.com/h").is_ok());
        assert!(webhook_url("url", "http://127.0.0.1:9/h").is_ok());
        assert!(webhook_url("url", "http://example.com/h").is_err());
        assert!(webhook_url("url", "nope").is_err());
        assert!(iso_date("from", "2026-04-15").is_ok());
        assert!(iso_date("from", "2026-04-15T12:00:00Z").is_ok());
        assert!(iso_date("from", "yesterday").is_err());
    }
}
