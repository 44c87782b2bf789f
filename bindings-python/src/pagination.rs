//! Auto-paging: the core decides the next page's parameters.

use pyo3::prelude::*;

use crate::convert;
use crate::error;

/// Parameters of the page after `page_json` (the raw page body), or None on the last page.
#[pyfunction]
pub(crate) fn next_page_params(
    op: &Bound<'_, PyAny>,
    params: &Bound<'_, PyAny>,
    page_json: &Bound<'_, PyAny>,
) -> PyResult<Option<String>> {
    let op = convert::string(op, "op")?;
    let params = convert::params_to_json(params)?;
    let page_text = convert::string(page_json, "page_json")?;
    let page: serde_json::Value = serde_json::from_str(&page_text)
        .map_err(|e| error::validation("page_json", format!("page_json: not JSON ({e})")))?;
    Ok(cryptotopcard::ops::next_page_params(&op, &params, &page).map(|v| v.to_string()))
}
