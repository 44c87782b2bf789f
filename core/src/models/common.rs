//! Shared model pieces: the string-enum macro, pages and pagination, metadata values.

use serde::{Deserialize, Serialize};

/// Timestamps are RFC 3339 instants in UTC.
pub type Timestamp = chrono::DateTime<chrono::Utc>;

/// Declares an enum carried as a plain JSON string, with an `Unknown(String)` variant so that
/// values added by the API later survive a decode/encode round trip.
macro_rules! string_enum {
    (
        $(#[$meta:meta])*
        pub enum $name:ident {
            $( $(#[$vmeta:meta])* $variant:ident => $value:literal, )+
        }
    ) => {
        $(#[$meta])*
        #[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord)]
        #[cfg_attr(feature = "uniffi", derive(uniffi::Enum))]
        // Kotlin/Swift print the wire value ("visa"), not the generated class name.
        #[cfg_attr(feature = "uniffi", uniffi::export(Display))]
        pub enum $name {
            $( $(#[$vmeta])* $variant, )+
            /// A value this SDK version does not know; kept verbatim.
            Unknown(String),
        }

        impl $name {
            /// The wire string of this value.
            pub fn as_str(&self) -> &str {
                match self {
                    $( $name::$variant => $value, )+
                    $name::Unknown(s) => s.as_str(),
                }
            }

            /// Every value known to this SDK version.
            pub const KNOWN: &'static [&'static str] = &[$($value),+];

            /// `true` unless this is [`Self::Unknown`].
            pub fn is_known(&self) -> bool {
                !matches!(self, $name::Unknown(_))
            }
        }

        impl ::std::fmt::Display for $name {
            fn fmt(&self, f: &mut ::std::fmt::Formatter<'_>) -> ::std::fmt::Result {
                f.write_str(self.as_str())
            }
        }

        impl ::std::str::FromStr for $name {
            type Err = ::std::convert::Infallible;
            fn from_str(s: &str) -> Result<Self, Self::Err> {
                Ok(match s {
                    $( $value => $name::$variant, )+
                    other => $name::Unknown(other.to_string()),
                })
            }
        }

        impl From<&str> for $name {
            fn from(s: &str) -> Self {
                match s.parse() {
                    Ok(v) => v,
                    Err(never) => match never {},
                }
            }
        }

        impl From<String> for $name {
            fn from(s: String) -> Self {
                $name::from(s.as_str())
            }
        }

        impl ::serde::Serialize for $name {
            fn serialize<S: ::serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
                s.serialize_str(self.as_str())
            }
        }

        impl<'de> ::serde::Deserialize<'de> for $name {
            fn deserialize<D: ::serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
                let s = <::std::borrow::Cow<'de, str> as ::serde::Deserialize>::deserialize(d)?;
                Ok($name::from(s.as_ref()))
            }
        }
    };
}
pub(crate) use string_enum;

/// Pagination block of a list response. Every field is optional: some pages omit `total_pages`.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "uniffi", derive(uniffi::Record))]
pub struct Pagination {
    /// Current page (1-based).
    #[serde(default)]
    pub page: Option<u32>,
    /// Items per page.
    #[serde(default)]
    pub per_page: Option<u32>,
    /// Total items across pages.
    #[serde(default)]
    pub total: Option<u64>,
    /// Total pages, when the API reports it.
    #[serde(default)]
    pub total_pages: Option<u32>,
}

/// One page of a list endpoint.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Page<T> {
    /// The items of this page.
    pub data: Vec<T>,
    /// Where this page sits; empty when the API sent none.
    #[serde(default)]
    pub pagination: Pagination,
}

impl<T> Page<T> {
    /// Whether another page should be fetched after this one, given the page number and size
    /// that were requested. Stops on an empty page, on `total_pages`, or on a short page.
    pub fn has_more(&self, requested_page: u32, requested_per_page: Option<u32>) -> bool {
        if self.data.is_empty() {
            return false;
        }
        let page = self.pagination.page.unwrap_or(requested_page);
        if let Some(total_pages) = self.pagination.total_pages {
            return page < total_pages;
        }
        if let (Some(total), Some(per)) = (self.pagination.total, self.pagination.per_page) {
            if per > 0 {
                return (page as u64) * (per as u64) < total;
            }
        }
        match self.pagination.per_page.or(requested_per_page) {
            Some(per) => self.data.len() >= per as usize,
            None => true,
        }
    }
}

/// A metadata value: the API stores strings, numbers and booleans.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "uniffi", derive(uniffi::Enum))]
#[serde(untagged)]
pub enum MetadataValue {
    /// A string (at most 500 characters).
    String(String),
    /// A number.
    Number(f64),
    /// A boolean.
    Bool(bool),
}

impl MetadataValue {
    /// The string, if this is one.
    pub fn as_str(&self) -> Option<&str> {
        match self {
            MetadataValue::String(s) => Some(s),
            _ => None,
        }
    }
}

impl std::fmt::Display for MetadataValue {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            MetadataValue::String(s) => f.write_str(s),
            MetadataValue::Number(n) => write!(f, "{n}"),
            MetadataValue::Bool(b) => write!(f, "{b}"),
        }
    }
}

impl From<&str> for MetadataValue {
    fn from(s: &str) -> Self {
        MetadataValue::String(s.to_string())
    }
}

impl From<String> for MetadataValue {
    fn from(s: String) -> Self {
        MetadataValue::String(s)
    }
}

impl From<f64> for MetadataValue {
    fn from(n: f64) -> Self {
        MetadataValue::Number(n)
    }
}

impl From<bool> for MetadataValue {
    fn from(b: bool) -> Self {
        MetadataValue::Bool(b)
    }
}
