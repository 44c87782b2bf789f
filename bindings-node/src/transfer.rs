//! Measuring how results cross N-API (docs/STYLE.md: JSON string vs JS object). bench/node calls
//! these with a recorded response body, so only the transfer differs: both parse the JSON in
//! Rust first, then hand it over as one string (JS runs `JSON.parse`) or as a JS object built
//! through napi (serde). The package's `call` uses the faster of the two (the string).

use cryptotopcard::Error;
use napi::Result;
use napi_derive::napi;
use serde_json::Value;

use crate::error::to_napi;

fn parse(json: &str) -> Result<Value> {
    serde_json::from_str(json).map_err(|e| to_napi(&Error::validation("json", e.to_string())))
}

/// Parses `json` in Rust and returns it re-serialized as a string.
#[napi(catch_unwind)]
pub fn transfer_as_string(json: String) -> Result<String> {
    serde_json::to_string(&parse(&json)?).map_err(|e| to_napi(&Error::internal(e.to_string())))
}

/// Parses `json` in Rust and returns it as a JS object built through N-API.
#[napi(catch_unwind, ts_return_type = "Record<string, unknown>")]
pub fn transfer_as_object(json: String) -> Result<Value> {
    parse(&json)
}
