//! Text for people: counts with thousands separators, dates and times. Pure,
//! so the UI and native tools format the same way. (Hand-made rather than
//! chrono's `format`, whose format-string machinery would add to every
//! download of the app.)

/// 100000 → "100,000".
pub fn thousands(n: usize) -> String {
    let digits = n.to_string();
    let mut out = String::with_capacity(digits.len() + digits.len() / 3);
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            out.push(',');
        }
        out.push(c);
    }
    out
}

/// "1 contact", "2,000 contacts".
pub fn count_of(n: usize, one: &str, many: &str) -> String {
    format!("{} {}", thousands(n), if n == 1 { one } else { many })
}

const MONTHS: [&str; 12] = [
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
];

/// "23 November 2026".
pub fn long_date(d: chrono::NaiveDate) -> String {
    use chrono::Datelike;
    format!("{} {} {}", d.day(), MONTHS[d.month0() as usize], d.year())
}

/// A birthday or yearly date: "7 March 1984", or "7 March" without a year.
pub fn yearly_date(d: crate::core::records::YearlyDate) -> String {
    let month = MONTHS[d.month() as usize - 1];
    match d.year() {
        Some(y) => format!("{} {month} {y}", d.day()),
        None => format!("{} {month}", d.day()),
    }
}

/// "2026-11-23 19:13 UTC".
pub fn utc_minute(t: chrono::DateTime<chrono::Utc>) -> String {
    use chrono::{Datelike, Timelike};
    format!("{:04}-{:02}-{:02} {:02}:{:02} UTC", t.year(), t.month(), t.day(), t.hour(), t.minute())
}

/// `t` as local time "2026-11-23 10:05" where the clock is `offset_minutes`
/// east of UTC (what people read, and what `<input type="datetime-local">`
/// takes with a "T" instead of the space).
pub fn local_minute(t: chrono::DateTime<chrono::Utc>, offset_minutes: i64) -> String {
    use chrono::{Datelike, Timelike};
    let l = t + chrono::Duration::minutes(offset_minutes);
    format!("{:04}-{:02}-{:02} {:02}:{:02}", l.year(), l.month(), l.day(), l.hour(), l.minute())
}

/// Reads `<input type="datetime-local">` ("2026-11-23T10:05") as a UTC time.
/// `offset_at(t)` is the local zone's offset east of UTC, in minutes, at the
/// instant `t`; it is asked at the local time itself, as the offset differs
/// around daylight-saving changes.
pub fn parse_local_input(
    text: &str,
    offset_at: impl Fn(chrono::DateTime<chrono::Utc>) -> i64,
) -> Option<chrono::DateTime<chrono::Utc>> {
    let (date, time) = text.trim().split_once('T')?;
    let date = parse_iso_date(date)?;
    let (h, m) = time.split_once(':')?;
    let naive = date.and_hms_opt(h.parse().ok()?, m.get(..2)?.parse().ok()?, 0)?;
    let guess = naive.and_utc();
    let offset = offset_at(guess - chrono::Duration::minutes(offset_at(guess)));
    Some(guess - chrono::Duration::minutes(offset))
}

/// "2026-11-23", as `<input type="date">` and backups write dates.
pub fn iso_date(d: chrono::NaiveDate) -> String {
    use chrono::Datelike;
    format!("{:04}-{:02}-{:02}", d.year(), d.month(), d.day())
}

/// Parses "YYYY-MM-DD" (what `<input type="date">` gives).
pub fn parse_iso_date(text: &str) -> Option<chrono::NaiveDate> {
    let mut parts = text.trim().splitn(3, '-');
    let y = parts.next()?.parse().ok()?;
    let m = parts.next()?.parse().ok()?;
    let d = parts.next()?.parse().ok()?;
    chrono::NaiveDate::from_ymd_opt(y, m, d)
}

/// An amount in cents with its currency: "€12,500", "$1,234.50", "CHF 99".
pub fn money(cents: i64, currency: &str) -> String {
    let sign = if cents < 0 { "-" } else { "" };
    let abs = cents.unsigned_abs();
    let units = thousands((abs / 100) as usize);
    let number = if abs.is_multiple_of(100) { units } else { format!("{units}.{:02}", abs % 100) };
    match currency {
        "EUR" => format!("{sign}€{number}"),
        "USD" => format!("{sign}${number}"),
        "GBP" => format!("{sign}£{number}"),
        "JPY" => format!("{sign}¥{number}"),
        "" => format!("{sign}{number}"),
        code => format!("{sign}{code} {number}"),
    }
}

/// An amount rounded to whole units, halves away from zero for positive
/// amounts (half up, by `div_euclid`, for negative ones): 123456 cents in
/// EUR → "€1,235". The dashboard's key figures use it.
pub fn whole_money(cents: i64, currency: &str) -> String {
    money((cents + 50).div_euclid(100) * 100, currency)
}

/// Reads an amount typed by a person ("12,500", "99.5", "1 000,00" is not
/// accepted: only `,` as a thousands separator and `.` for decimals) as
/// cents. `None` for anything else, including negative amounts.
pub fn parse_money(text: &str) -> Option<i64> {
    let t: String = text.trim().chars().filter(|c| *c != ',' && *c != ' ' && *c != '_').collect();
    if t.is_empty() {
        return Some(0);
    }
    let (units, frac) = t.split_once('.').unwrap_or((&t, ""));
    if units.is_empty() && frac.is_empty() || frac.len() > 2 {
        return None;
    }
    if !units.chars().chain(frac.chars()).all(|c| c.is_ascii_digit()) || units.len() > 13 {
        return None;
    }
    let units: i64 = if units.is_empty() { 0 } else { units.parse().ok()? };
    let frac: i64 = if frac.is_empty() { 0 } else { format!("{frac:0<2}").parse().ok()? };
    Some(units * 100 + frac)
}

/// Cents as the text a form shows for editing: "12500" or "99.50".
pub fn money_input(cents: i64) -> String {
    if cents % 100 == 0 {
        (cents / 100).to_string()
    } else {
        format!("{}.{:02}", cents / 100, (cents % 100).abs())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::{NaiveDate, TimeZone, Utc};

    #[test]
    fn groups_thousands() {
        assert_eq!(thousands(0), "0");
        assert_eq!(thousands(999), "999");
        assert_eq!(thousands(1_000), "1,000");
        assert_eq!(thousands(100_000), "100,000");
        assert_eq!(thousands(1_234_567), "1,234,567");
        assert_eq!(count_of(1, "contact", "contacts"), "1 contact");
        assert_eq!(count_of(2_000, "contact", "contacts"), "2,000 contacts");
    }

    #[test]
    fn formats_and_parses_dates() {
        let d = NaiveDate::from_ymd_opt(2026, 3, 2).unwrap();
        assert_eq!(long_date(d), "2 March 2026");
        assert_eq!(iso_date(d), "2026-03-02");
        assert_eq!(parse_iso_date(" 2026-03-02 "), Some(d));
        assert_eq!(parse_iso_date("2026-02-30"), None);
        assert_eq!(parse_iso_date("02.03.2026"), None);
        let t = Utc.with_ymd_and_hms(2026, 11, 23, 9, 5, 59).unwrap();
        assert_eq!(utc_minute(t), "2026-11-23 09:05 UTC");
    }

    #[test]
    fn money_formats_and_parses() {
        assert_eq!(money(1_250_000, "EUR"), "€12,500");
        assert_eq!(money(123_450, "USD"), "$1,234.50");
        assert_eq!(money(9_900, "CHF"), "CHF 99");
        assert_eq!(money(-500, "GBP"), "-£5");
        assert_eq!(parse_money("12,500"), Some(1_250_000));
        assert_eq!(parse_money("99.5"), Some(9_950));
        assert_eq!(parse_money(" 0.05 "), Some(5));
        assert_eq!(parse_money(""), Some(0));
        assert_eq!(parse_money("1.234"), None);
        assert_eq!(parse_money("-5"), None);
        assert_eq!(parse_money("abc"), None);
        assert_eq!(money_input(1_250_000), "12500");
        assert_eq!(money_input(9_950), "99.50");
    }

    #[test]
    fn whole_money_rounds_to_units() {
        assert_eq!(whole_money(123_456, "EUR"), "€1,235");
        assert_eq!(whole_money(123_449, "EUR"), "€1,234");
        assert_eq!(whole_money(50, "USD"), "$1");
        assert_eq!(whole_money(49, "USD"), "$0");
        assert_eq!(whole_money(-149, "GBP"), "-£1");
        assert_eq!(whole_money(-150, "GBP"), "-£1");
        assert_eq!(whole_money(-151, "GBP"), "-£2");
        assert_eq!(whole_money(0, "CHF"), "CHF 0");
    }

    #[test]
    fn local_times_follow_the_offset() {
        let t = Utc.with_ymd_and_hms(2026, 11, 23, 23, 30, 0).unwrap();
        assert_eq!(local_minute(t, 60), "2026-11-24 00:30");
        assert_eq!(local_minute(t, -300), "2026-11-23 18:30");
        assert_eq!(parse_local_input("2026-11-24T00:30", |_| 60), Some(t));
        assert_eq!(parse_local_input(" 2026-11-23T18:30 ", |_| -300), Some(t));
        assert_eq!(parse_local_input("2026-11-23 18:30", |_| 0), None);
        assert_eq!(parse_local_input("2026-11-31T10:00", |_| 0), None);
        // Around a daylight-saving change the offset at the local time counts:
        // +120 from 01:00 UTC on 29 March, +60 before.
        let change = Utc.with_ymd_and_hms(2026, 3, 29, 1, 0, 0).unwrap();
        let paris = |at: chrono::DateTime<Utc>| if at >= change { 120 } else { 60 };
        let after = Utc.with_ymd_and_hms(2026, 3, 29, 8, 0, 0).unwrap();
        assert_eq!(parse_local_input("2026-03-29T10:00", paris), Some(after));
        let before = Utc.with_ymd_and_hms(2026, 3, 28, 9, 0, 0).unwrap();
        assert_eq!(parse_local_input("2026-03-28T10:00", paris), Some(before));
    }
}
