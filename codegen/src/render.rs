//! The template engine every language shares: minijinja over `codegen/templates/<lang>/`, with
//! the intermediate form as context and naming filters. A language adds its own type-mapping
//! filters in `lang/<lang>.rs`; naming rules common to all languages live here once.

use std::path::Path;

use minijinja::{Environment, Error, ErrorKind, Value};

use crate::ir::Api;

/// A template environment for `lang`: templates from `templates/<lang>/` (names relative to it),
/// the shared filters, and the globals `api` (the whole intermediate form) and `schema(name)`.
pub fn environment(
    api: &Api,
    templates: &Path,
    lang: &str,
) -> Result<Environment<'static>, String> {
    let mut env = Environment::new();
    env.set_trim_blocks(true);
    env.set_lstrip_blocks(true);
    env.set_keep_trailing_newline(true);
    env.set_undefined_behavior(minijinja::UndefinedBehavior::Strict);
    env.set_loader(minijinja::path_loader(templates.join(lang)));
    env.add_filter("snake", |s: &str| snake(s));
    env.add_filter("camel", |s: &str| camel(s));
    env.add_filter("pascal", |s: &str| pascal(s));
    env.add_filter("upper_snake", |s: &str| snake(s).to_uppercase());
    env.add_filter("doc_line", |s: Option<String>| {
        doc_line(s.as_deref().unwrap_or(""))
    });
    env.add_filter("json", |v: Value| -> Result<String, Error> {
        serde_json::to_string(&v)
            .map_err(|e| Error::new(ErrorKind::InvalidOperation, e.to_string()))
    });
    let api_value = Value::from_serialize(api);
    env.add_global("api", api_value.clone());
    let schemas = api.schemas.clone();
    env.add_function("schema", move |name: &str| -> Result<Value, Error> {
        schemas
            .iter()
            .find(|s| s.name == name)
            .map(Value::from_serialize)
            .ok_or_else(|| Error::new(ErrorKind::InvalidOperation, format!("no schema {name}")))
    });
    Ok(env)
}

/// Splits `ThreeDSChallenge`, `card.created`, `per_page`, `X-Request-Id` into lower-case words:
/// `three d s challenge` is avoided by keeping runs of capitals together (`three_ds_challenge`).
pub fn words(s: &str) -> Vec<String> {
    let mut out: Vec<String> = Vec::new();
    let mut cur = String::new();
    let chars: Vec<char> = s.chars().collect();
    for (i, &c) in chars.iter().enumerate() {
        if !c.is_ascii_alphanumeric() {
            if !cur.is_empty() {
                out.push(std::mem::take(&mut cur));
            }
            continue;
        }
        let prev = if i > 0 { Some(chars[i - 1]) } else { None };
        let next = chars.get(i + 1).copied();
        let boundary = c.is_ascii_uppercase()
            && match prev {
                // `3DS` stays one word: a digit before a capital never splits.
                Some(p) if p.is_ascii_lowercase() => true,
                Some(p) if p.is_ascii_uppercase() => next.is_some_and(|n| n.is_ascii_lowercase()),
                _ => false,
            };
        if boundary && !cur.is_empty() {
            out.push(std::mem::take(&mut cur));
        }
        cur.push(c.to_ascii_lowercase());
    }
    if !cur.is_empty() {
        out.push(cur);
    }
    out
}

pub fn snake(s: &str) -> String {
    words(s).join("_")
}

pub fn pascal(s: &str) -> String {
    words(s)
        .iter()
        .map(|w| {
            let mut c = w.chars();
            match c.next() {
                Some(f) => f.to_ascii_uppercase().to_string() + c.as_str(),
                None => String::new(),
            }
        })
        .collect()
}

pub fn camel(s: &str) -> String {
    let p = pascal(s);
    let mut c = p.chars();
    match c.next() {
        Some(f) => f.to_ascii_lowercase().to_string() + c.as_str(),
        None => String::new(),
    }
}

/// A description on one line (whitespace collapsed).
pub fn doc_line(s: &str) -> String {
    s.split_whitespace().collect::<Vec<_>>().join(" ")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn naming() {
        assert_eq!(snake("ThreeDSChallenge"), "three_ds_challenge");
        assert_eq!(pascal("card.created"), "CardCreated");
        assert_eq!(camel("per_page"), "perPage");
        assert_eq!(snake("X-Request-Id"), "x_request_id");
        assert_eq!(pascal("3ds.challenge"), "3dsChallenge");
        assert_eq!(snake("CardCreateParams"), "card_create_params");
    }
}
