//! Python values <-> JSON. Typed validation lives in the core; this only refuses what JSON
//! cannot carry (NaN, infinities, non-string keys, arbitrary objects), naming the field.

use pyo3::prelude::*;
use pyo3::sync::PyOnceLock;
use pyo3::types::{PyBool, PyDict, PyFloat, PyInt, PyList, PyString, PyTuple, PyType};
use serde_json::{Map, Number, Value};

use crate::error::validation;

/// How a translation error is raised: `error::validation` for a call's arguments,
/// `error::configuration` for a client's options.
pub(crate) type ErrFn = fn(&str, String) -> PyErr;

fn path_join(path: &str, key: &str) -> String {
    if path.is_empty() {
        key.to_owned()
    } else {
        format!("{path}.{key}")
    }
}

fn type_name(obj: &Bound<'_, PyAny>) -> String {
    obj.get_type()
        .name()
        .map(|n| n.to_string())
        .unwrap_or_else(|_| "object".to_owned())
}

/// Converts a Python value to JSON; `path` names the field for error messages.
pub(crate) fn to_json(obj: &Bound<'_, PyAny>, path: &str) -> PyResult<Value> {
    if obj.is_none() {
        return Ok(Value::Null);
    }
    if let Ok(b) = obj.cast::<PyBool>() {
        return Ok(Value::Bool(b.is_true()));
    }
    if let Ok(s) = obj.cast::<PyString>() {
        return Ok(Value::String(s.to_cow()?.into_owned()));
    }
    if obj.cast::<PyInt>().is_ok() {
        if let Ok(i) = obj.extract::<i64>() {
            return Ok(Value::Number(i.into()));
        }
        if let Ok(u) = obj.extract::<u64>() {
            return Ok(Value::Number(u.into()));
        }
        return Err(validation(path, format!("{path}: integer out of range")));
    }
    if let Ok(f) = obj.cast::<PyFloat>() {
        return float_to_json(f.value(), path);
    }
    if let Ok(d) = obj.cast::<PyDict>() {
        let mut map = Map::with_capacity(d.len());
        for (k, v) in d.iter() {
            let key = match k.cast::<PyString>() {
                Ok(s) => s.to_cow()?.into_owned(),
                Err(_) => {
                    return Err(validation(
                        path,
                        format!("{path}: keys must be strings, got {}", type_name(&k)),
                    ))
                }
            };
            let child = path_join(path, &key);
            let value = to_json(&v, &child)?;
            map.insert(key, value);
        }
        return Ok(Value::Object(map));
    }
    if obj.cast::<PyList>().is_ok() || obj.cast::<PyTuple>().is_ok() {
        let mut items = Vec::new();
        for (i, item) in obj.try_iter()?.enumerate() {
            let item = item?;
            items.push(to_json(&item, &format!("{path}[{i}]"))?);
        }
        return Ok(Value::Array(items));
    }
    // decimal.Decimal: through its exact text (a JSON number); the core checks range and cents.
    if obj.is_instance(DECIMAL.import(obj.py(), "decimal", "Decimal")?)? {
        return decimal_to_json(obj, path);
    }
    // Other real numbers (Fraction, numpy floats): through float; the core checks the value.
    if obj.hasattr("__float__")? && !obj.hasattr("__len__")? {
        if let Ok(f) = obj
            .call_method0("__float__")
            .and_then(|f| f.extract::<f64>())
        {
            return float_to_json(f, path);
        }
    }
    Err(validation(
        path,
        format!(
            "{path}: unsupported type {} (expected str, int, float, bool, list, dict or None)",
            type_name(obj)
        ),
    ))
}

static DECIMAL: PyOnceLock<Py<PyType>> = PyOnceLock::new();

/// A `decimal.Decimal` as the JSON number its text spells (`Decimal("0.10")` -> `0.10`);
/// NaN and infinities are refused, naming the field.
fn decimal_to_json(obj: &Bound<'_, PyAny>, path: &str) -> PyResult<Value> {
    let text = obj.str()?.to_cow()?.into_owned();
    if !obj.call_method0("is_finite")?.extract::<bool>()? {
        return Err(validation(
            path,
            format!("{path}: must be a finite number (got {text})"),
        ));
    }
    serde_json::from_str::<Number>(&text)
        .map(Value::Number)
        .map_err(|_| validation(path, format!("{path}: {text} is not a JSON number")))
}

fn float_to_json(f: f64, path: &str) -> PyResult<Value> {
    match Number::from_f64(f) {
        Some(n) => Ok(Value::Number(n)),
        None => Err(validation(
            path,
            format!("{path}: must be a finite number (got {f})"),
        )),
    }
}

/// The top-level parameters of an operation: a dict (or None for no parameters).
pub(crate) fn params_to_json(obj: &Bound<'_, PyAny>) -> PyResult<Value> {
    if obj.is_none() {
        return Ok(Value::Object(Map::new()));
    }
    if obj.cast::<PyDict>().is_err() {
        return Err(validation(
            "params",
            format!("params: expected a dict, got {}", type_name(obj)),
        ));
    }
    to_json(obj, "")
}

/// Bytes or str (UTF-8) to bytes, naming the field otherwise.
pub(crate) fn bytes_or_str(obj: &Bound<'_, PyAny>, field: &str) -> PyResult<Vec<u8>> {
    if let Ok(b) = obj.cast::<pyo3::types::PyBytes>() {
        return Ok(b.as_bytes().to_vec());
    }
    if let Ok(b) = obj.cast::<pyo3::types::PyByteArray>() {
        return Ok(b.to_vec());
    }
    if let Ok(s) = obj.cast::<PyString>() {
        return Ok(s.to_cow()?.as_bytes().to_vec());
    }
    Err(validation(
        field,
        format!("{field}: expected bytes or str, got {}", type_name(obj)),
    ))
}

/// A str argument, naming the field otherwise.
pub(crate) fn string(obj: &Bound<'_, PyAny>, field: &str) -> PyResult<String> {
    string_with(obj, field, validation)
}

/// A str, or the error `err` builds naming `field`.
fn string_with(obj: &Bound<'_, PyAny>, field: &str, err: ErrFn) -> PyResult<String> {
    if let Ok(s) = obj.cast::<PyString>() {
        return Ok(s.to_cow()?.into_owned());
    }
    Err(err(
        field,
        format!("{field}: expected str, got {}", type_name(obj)),
    ))
}

/// An optional str argument.
pub(crate) fn opt_string(
    obj: Option<&Bound<'_, PyAny>>,
    field: &str,
    err: ErrFn,
) -> PyResult<Option<String>> {
    match obj {
        None => Ok(None),
        Some(o) if o.is_none() => Ok(None),
        Some(o) => string_with(o, field, err).map(Some),
    }
}

/// An optional positive, finite number of seconds.
pub(crate) fn opt_seconds(
    obj: Option<&Bound<'_, PyAny>>,
    field: &str,
    err: ErrFn,
) -> PyResult<Option<std::time::Duration>> {
    let Some(o) = obj else { return Ok(None) };
    if o.is_none() {
        return Ok(None);
    }
    let bad = || {
        err(
            field,
            format!("{field}: expected a positive number of seconds"),
        )
    };
    if o.cast::<PyBool>().is_ok() {
        return Err(bad());
    }
    let secs: f64 = o.extract().map_err(|_| bad())?;
    // The core's rule (positive, finite); the error stays this binding's, naming the keyword.
    cryptotopcard::http::seconds(field, secs)
        .map(Some)
        .map_err(|_| bad())
}

/// An optional non-negative integer (retry counts).
pub(crate) fn opt_count(
    obj: Option<&Bound<'_, PyAny>>,
    field: &str,
    err: ErrFn,
) -> PyResult<Option<u32>> {
    let Some(o) = obj else { return Ok(None) };
    if o.is_none() {
        return Ok(None);
    }
    let bad = || err(field, format!("{field}: expected a non-negative integer"));
    if o.cast::<PyBool>().is_ok() || o.cast::<PyInt>().is_err() {
        return Err(bad());
    }
    o.extract::<u32>().map(Some).map_err(|_| bad())
}

/// An optional dict of str to str (extra headers), as pairs.
pub(crate) fn string_pairs(
    obj: Option<&Bound<'_, PyAny>>,
    field: &str,
    err: ErrFn,
) -> PyResult<Vec<(String, String)>> {
    let Some(o) = obj else { return Ok(Vec::new()) };
    if o.is_none() {
        return Ok(Vec::new());
    }
    let Ok(d) = o.cast::<PyDict>() else {
        return Err(err(
            field,
            format!(
                "{field}: expected a dict of str to str, got {}",
                type_name(o)
            ),
        ));
    };
    let mut out = Vec::with_capacity(d.len());
    for (k, v) in d.iter() {
        let key = string_with(&k, field, err)?;
        let value = string_with(&v, &path_join(field, &key), err)?;
        out.push((key, value));
    }
    Ok(out)
}

/// An optional positive integer of bytes (size caps).
pub(crate) fn opt_size(
    obj: Option<&Bound<'_, PyAny>>,
    field: &str,
    err: ErrFn,
) -> PyResult<Option<usize>> {
    let Some(o) = obj else { return Ok(None) };
    if o.is_none() {
        return Ok(None);
    }
    let bad = || {
        err(
            field,
            format!("{field}: expected a positive integer of bytes"),
        )
    };
    if o.cast::<PyBool>().is_ok() || o.cast::<PyInt>().is_err() {
        return Err(bad());
    }
    match o.extract::<usize>() {
        Ok(n) if n > 0 => Ok(Some(n)),
        _ => Err(bad()),
    }
}
