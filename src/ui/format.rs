//! Formatting helpers for the UI: the pure ones live in `core::display`.

pub use crate::core::display::*;

/// Percent-encodes a query-string value.
pub fn encode(value: &str) -> String {
    String::from(js_sys::encode_uri_component(value))
}
