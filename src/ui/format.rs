//! Formatting for the UI: every number, amount, date and time on screen is
//! written here, by `core::display` with the person's locale
//! (`state::locale`) and time zone (`state::Clock::zone`). Times are local
//! on screen; [`zoned_minute`] adds the zone for a hover text.

use chrono::{DateTime, NaiveDate, Utc};

pub use crate::core::display::{iso_date, money_input};
use crate::core::display::{money::Cents, number, time, Locale};
use crate::core::zone::Zone;
use crate::state::Clock;

/// Percent-encodes a query-string value.
pub fn encode(value: &str) -> String {
    String::from(js_sys::encode_uri_component(value))
}

/// The person's locale.
pub fn locale() -> Locale {
    crate::state::locale()
}

/// The person's time zone.
pub fn zone() -> &'static Zone {
    Clock.zone()
}

/// A count with the locale's grouping: "100,000".
pub fn thousands(n: usize) -> String {
    number::count(locale(), n)
}

/// A size in bytes: "3.1 MB".
pub fn byte_size(bytes: f64) -> String {
    number::byte_size(locale(), bytes)
}

/// How long ago, in whole days: "today", "9 days ago", in the person's
/// language (the catalogue's words; `core::display::time::days_ago` is the
/// English one).
pub fn days_ago(then: DateTime<Utc>, now: DateTime<Utc>) -> String {
    match (now - then).num_days() {
        ..=0 => crate::ui::text::t("common.today").to_string(),
        1 => crate::ui::text::t("common.yesterday").to_string(),
        n => crate::ui::text::tn("common.days_ago", usize::try_from(n).unwrap_or(usize::MAX)),
    }
}

/// A ratio as a percentage with one decimal: "60.0%".
pub fn percent(ratio: f64) -> String {
    number::percent(locale(), ratio, 1)
}

/// An amount on a record or in a list: "€12,500", "$1,234.50".
pub fn money(cents: i64, currency: &str) -> String {
    crate::core::display::money::money(locale(), cents, currency, Cents::WhenAny)
}

/// An amount rounded to whole units, for a key figure: "€1,235".
pub fn whole_money(cents: i64, currency: &str) -> String {
    crate::core::display::money::money(locale(), cents, currency, Cents::Never)
}

/// "23 November 2026".
pub fn long_date(d: NaiveDate) -> String {
    time::long_date(locale(), d)
}

/// A birthday or yearly date: "7 March 1984", or "7 March" without its year.
pub fn yearly_date(d: crate::core::records::YearlyDate) -> String {
    time::yearly_date(locale(), d)
}

/// "Nov 2026", for chart axes.
pub fn short_month_year(d: NaiveDate) -> String {
    time::short_month_year(locale(), d)
}

/// `t` in the person's zone: "23 Nov 2026, 10:05".
pub fn local_minute(t: DateTime<Utc>) -> String {
    time::local_minute(locale(), t, zone())
}

/// `t` in the person's zone with the zone spelled out, for a hover text:
/// "23 Nov 2026, 10:05 (Europe/Berlin, UTC+01:00)".
pub fn zoned_minute(t: DateTime<Utc>) -> String {
    time::zoned_minute(locale(), t, zone())
}

/// The value for `<input type="datetime-local">`.
pub fn local_input(t: DateTime<Utc>) -> String {
    time::input_minute(t, zone())
}

/// Reads `<input type="datetime-local">` ("2026-11-23T10:05") as a UTC time.
pub fn parse_local_input(text: &str) -> Option<DateTime<Utc>> {
    time::parse_local_input(text, zone())
}
