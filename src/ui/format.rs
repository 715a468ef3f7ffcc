//! Formatting helpers for the UI: the pure ones live in `core::display`.

pub use crate::core::display::*;

/// Percent-encodes a query-string value.
pub fn encode(value: &str) -> String {
    String::from(js_sys::encode_uri_component(value))
}

/// The browser's offset from UTC at `t`, in minutes (east positive).
fn local_offset_minutes(t: chrono::DateTime<chrono::Utc>) -> i64 {
    let d = js_sys::Date::new(&wasm_bindgen::JsValue::from_f64(t.timestamp_millis() as f64));
    -(d.get_timezone_offset() as i64)
}

/// `t` in the user's time zone as "2026-11-23 10:05" (what people read and
/// what `<input type="datetime-local">` takes, with a "T" instead of the space).
pub fn local_minute(t: chrono::DateTime<chrono::Utc>) -> String {
    use chrono::{Datelike, Timelike};
    let l = t + chrono::Duration::minutes(local_offset_minutes(t));
    format!("{:04}-{:02}-{:02} {:02}:{:02}", l.year(), l.month(), l.day(), l.hour(), l.minute())
}

/// The value for `<input type="datetime-local">`.
pub fn local_input(t: chrono::DateTime<chrono::Utc>) -> String {
    local_minute(t).replacen(' ', "T", 1)
}

/// Reads `<input type="datetime-local">` ("2026-11-23T10:05") as a UTC time.
pub fn parse_local_input(text: &str) -> Option<chrono::DateTime<chrono::Utc>> {
    let (date, time) = text.trim().split_once('T')?;
    let date = parse_iso_date(date)?;
    let (h, m) = time.split_once(':')?;
    let naive = date.and_hms_opt(h.parse().ok()?, m.get(..2)?.parse().ok()?, 0)?;
    let guess = naive.and_utc();
    // The offset at the local time itself (it differs around DST changes).
    let offset = local_offset_minutes(guess - chrono::Duration::minutes(local_offset_minutes(guess)));
    Some(guess - chrono::Duration::minutes(offset))
}
