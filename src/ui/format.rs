//! Formatting for the UI: the pure helpers are `core::display`'s; the ones
//! here add what only the browser knows (its time zone, URL encoding).

use chrono::{DateTime, Utc};

use crate::core::display;
pub use crate::core::display::{count_of, iso_date, long_date, money, money_input, thousands, utc_minute};
use crate::state::Clock;

/// Percent-encodes a query-string value.
pub fn encode(value: &str) -> String {
    String::from(js_sys::encode_uri_component(value))
}

/// The browser's offset from UTC at `t`, in minutes (east positive).
fn offset_at(t: DateTime<Utc>) -> i64 {
    Clock.offset_at(t)
}

/// `t` in the user's time zone as "2026-11-23 10:05".
pub fn local_minute(t: DateTime<Utc>) -> String {
    display::local_minute(t, offset_at(t))
}

/// The value for `<input type="datetime-local">`.
pub fn local_input(t: DateTime<Utc>) -> String {
    local_minute(t).replacen(' ', "T", 1)
}

/// Reads `<input type="datetime-local">` ("2026-11-23T10:05") as a UTC time.
pub fn parse_local_input(text: &str) -> Option<DateTime<Utc>> {
    display::parse_local_input(text, offset_at)
}

/// Parses "YYYY-MM-DD" (what `<input type="date">` gives).
pub fn parse_iso_date(text: &str) -> Option<chrono::NaiveDate> {
    display::parse_iso_date(text)
}
