//! Dates and times for people, and the text forms of dates and times that
//! inputs and files use. Times are stored in UTC; on screen they are local
//! times of the person's [`Zone`] ([`local_minute`]), with the zone spelled
//! out where it matters ([`zoned_minute`]: on hover, in exports); UTC shows
//! only in files ([`utc_minute`]). Hand-made rather than chrono's `format`,
//! whose format-string machinery would add to every download of the app.

use chrono::{DateTime, Datelike, NaiveDate, NaiveDateTime, Timelike, Utc};

use super::Locale;
use crate::core::zone::{offset_text, Zone};

const MONTHS_EN: [&str; 12] = [
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
const MONTHS_DE: [&str; 12] = [
    "Januar",
    "Februar",
    "März",
    "April",
    "Mai",
    "Juni",
    "Juli",
    "August",
    "September",
    "Oktober",
    "November",
    "Dezember",
];
const MONTHS_FR: [&str; 12] = [
    "janvier",
    "février",
    "mars",
    "avril",
    "mai",
    "juin",
    "juillet",
    "août",
    "septembre",
    "octobre",
    "novembre",
    "décembre",
];
const MONTHS_ES: [&str; 12] = [
    "enero",
    "febrero",
    "marzo",
    "abril",
    "mayo",
    "junio",
    "julio",
    "agosto",
    "septiembre",
    "octubre",
    "noviembre",
    "diciembre",
];
const SHORT_EN: [&str; 12] = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"];
const SHORT_DE: [&str; 12] =
    ["Jan.", "Feb.", "März", "Apr.", "Mai", "Juni", "Juli", "Aug.", "Sept.", "Okt.", "Nov.", "Dez."];
const SHORT_FR: [&str; 12] =
    ["janv.", "févr.", "mars", "avr.", "mai", "juin", "juil.", "août", "sept.", "oct.", "nov.", "déc."];
const SHORT_ES: [&str; 12] = ["ene", "feb", "mar", "abr", "may", "jun", "jul", "ago", "sept", "oct", "nov", "dic"];

fn month_name(locale: Locale, d: NaiveDate) -> &'static str {
    let names = match locale {
        Locale::En => &MONTHS_EN,
        Locale::De => &MONTHS_DE,
        Locale::Fr => &MONTHS_FR,
        Locale::Es => &MONTHS_ES,
    };
    names[d.month0() as usize]
}

fn short_month(locale: Locale, d: NaiveDate) -> &'static str {
    let names = match locale {
        Locale::En => &SHORT_EN,
        Locale::De => &SHORT_DE,
        Locale::Fr => &SHORT_FR,
        Locale::Es => &SHORT_ES,
    };
    names[d.month0() as usize]
}

/// A day written out: "23 November 2026" (en), "23. November 2026" (de),
/// "23 novembre 2026" / "1er novembre 2026" (fr), "23 de noviembre de
/// 2026" (es).
pub fn long_date(locale: Locale, d: NaiveDate) -> String {
    let (day, month, year) = (d.day(), month_name(locale, d), d.year());
    match locale {
        Locale::En => format!("{day} {month} {year}"),
        Locale::De => format!("{day}. {month} {year}"),
        Locale::Fr if day == 1 => format!("1er {month} {year}"),
        Locale::Fr => format!("{day} {month} {year}"),
        Locale::Es => format!("{day} de {month} de {year}"),
    }
}

/// A birthday or yearly date written out: "7 March 1984", or without its
/// year "7 March" (en), "7. März" (de), "1er mars" (fr), "7 de marzo" (es).
pub fn yearly_date(locale: Locale, d: crate::core::records::YearlyDate) -> String {
    if let Some(date) = d.date() {
        return long_date(locale, date);
    }
    // 2000 is a leap year, so every day a yearless date can hold exists in it.
    let Some(in_2000) = NaiveDate::from_ymd_opt(2000, d.month(), d.day()) else {
        return d.to_string();
    };
    let (day, month) = (d.day(), month_name(locale, in_2000));
    match locale {
        Locale::En => format!("{day} {month}"),
        Locale::De => format!("{day}. {month}"),
        Locale::Fr if day == 1 => format!("1er {month}"),
        Locale::Fr => format!("{day} {month}"),
        Locale::Es => format!("{day} de {month}"),
    }
}

/// A month written out: "November 2026", "noviembre de 2026".
pub fn month_year(locale: Locale, d: NaiveDate) -> String {
    match locale {
        Locale::Es => format!("{} de {}", month_name(locale, d), d.year()),
        _ => format!("{} {}", month_name(locale, d), d.year()),
    }
}

/// A month in few letters, for chart axes: "Nov 2026", "Nov. 2026".
pub fn short_month_year(locale: Locale, d: NaiveDate) -> String {
    format!("{} {}", short_month(locale, d), d.year())
}

/// A local date and time: "23 Nov 2026, 10:05" (en), "23.11.2026, 10:05"
/// (de), "23/11/2026 10:05" (fr), "23/11/2026, 10:05" (es).
pub fn date_time(locale: Locale, t: NaiveDateTime) -> String {
    let (d, h, m) = (t.date(), t.hour(), t.minute());
    match locale {
        Locale::En => format!("{} {} {}, {h:02}:{m:02}", d.day(), short_month(locale, d), d.year()),
        Locale::De => format!("{:02}.{:02}.{}, {h:02}:{m:02}", d.day(), d.month(), d.year()),
        Locale::Fr => format!("{:02}/{:02}/{} {h:02}:{m:02}", d.day(), d.month(), d.year()),
        Locale::Es => format!("{:02}/{:02}/{}, {h:02}:{m:02}", d.day(), d.month(), d.year()),
    }
}

/// `t` as the local time of `zone`, to the minute: "23 Nov 2026, 10:05".
pub fn local_minute(locale: Locale, t: DateTime<Utc>, zone: &Zone) -> String {
    date_time(locale, zone.local(t))
}

/// [`local_minute`] with the zone and its offset at that time, for a hover
/// text or an export: "23 Nov 2026, 10:05 (Europe/Berlin, UTC+01:00)";
/// "(UTC+01:00)" when the zone has no name.
pub fn zoned_minute(locale: Locale, t: DateTime<Utc>, zone: &Zone) -> String {
    let offset = offset_text(zone.offset_at(t));
    match zone.name() {
        "" => format!("{} ({offset})", local_minute(locale, t, zone)),
        name => format!("{} ({name}, {offset})", local_minute(locale, t, zone)),
    }
}

/// "2026-11-23 19:13 UTC": a time in a file (a backup's export time).
pub fn utc_minute(t: DateTime<Utc>) -> String {
    format!("{:04}-{:02}-{:02} {:02}:{:02} UTC", t.year(), t.month(), t.day(), t.hour(), t.minute())
}

/// "2026-11-23", as `<input type="date">`, backups and CSV files write dates.
pub fn iso_date(d: NaiveDate) -> String {
    format!("{:04}-{:02}-{:02}", d.year(), d.month(), d.day())
}

/// "2026-11", a month in a CSV file.
pub fn iso_month(d: NaiveDate) -> String {
    format!("{:04}-{:02}", d.year(), d.month())
}

/// Parses "YYYY-MM-DD" (what `<input type="date">` gives).
pub fn parse_iso_date(text: &str) -> Option<NaiveDate> {
    let mut parts = text.trim().splitn(3, '-');
    let y = parts.next()?.parse().ok()?;
    let m = parts.next()?.parse().ok()?;
    let d = parts.next()?.parse().ok()?;
    NaiveDate::from_ymd_opt(y, m, d)
}

/// The local time of `t` as `<input type="datetime-local">` takes it:
/// "2026-11-23T10:05". Also the time column of a CSV export (with a space
/// for the "T" and the zone in the header).
pub fn input_minute(t: DateTime<Utc>, zone: &Zone) -> String {
    let l = zone.local(t);
    format!("{:04}-{:02}-{:02}T{:02}:{:02}", l.year(), l.month(), l.day(), l.hour(), l.minute())
}

/// Reads `<input type="datetime-local">` ("2026-11-23T10:05") as a UTC time,
/// a local time of `zone` (with the offset in force at that local time;
/// see [`Zone::instant`] for the hours skipped or repeated by a
/// daylight-saving change).
pub fn parse_local_input(text: &str, zone: &Zone) -> Option<DateTime<Utc>> {
    let (date, time) = text.trim().split_once('T')?;
    let date = parse_iso_date(date)?;
    let (h, m) = time.split_once(':')?;
    let naive = date.and_hms_opt(h.parse().ok()?, m.get(..2)?.parse().ok()?, 0)?;
    Some(zone.instant(naive))
}

/// How long ago `then` was, in whole days: "today", "yesterday", "9 days
/// ago" (a clock set back counts as today).
pub fn days_ago(locale: Locale, then: DateTime<Utc>, now: DateTime<Utc>) -> String {
    match (now - then).num_days() {
        ..=0 => "today".to_string(),
        1 => "yesterday".to_string(),
        n => format!("{} days ago", super::number::integer(locale, n)),
    }
}

#[cfg(test)]
mod tests {
    #[test]
    fn yearly_dates_with_and_without_their_year() {
        use crate::core::records::YearlyDate;
        let full = YearlyDate::new(Some(1984), 3, 7).unwrap();
        let bare = YearlyDate::without_year(3, 7).unwrap();
        assert_eq!(yearly_date(Locale::En, full), "7 March 1984");
        assert_eq!(yearly_date(Locale::En, bare), "7 March");
        assert_eq!(yearly_date(Locale::De, bare), "7. März");
        assert_eq!(yearly_date(Locale::Fr, YearlyDate::without_year(3, 1).unwrap()), "1er mars");
        assert_eq!(yearly_date(Locale::Es, bare), "7 de marzo");
        assert_eq!(yearly_date(Locale::En, YearlyDate::without_year(2, 29).unwrap()), "29 February");
    }

    use super::*;
    use crate::core::zone::tests::{at, berlin};
    use Locale::*;

    fn day(y: i32, m: u32, d: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, d).unwrap()
    }

    #[test]
    fn days_and_months_by_locale() {
        let d = day(2026, 3, 2);
        assert_eq!(long_date(En, d), "2 March 2026");
        assert_eq!(long_date(De, d), "2. März 2026");
        assert_eq!(long_date(Fr, day(2026, 3, 1)), "1er mars 2026");
        assert_eq!(long_date(Es, d), "2 de marzo de 2026");
        assert_eq!(month_year(En, d), "March 2026");
        assert_eq!(month_year(Es, d), "marzo de 2026");
        assert_eq!(short_month_year(En, d), "Mar 2026");
        assert_eq!(short_month_year(De, day(2026, 10, 1)), "Okt. 2026");
        assert_eq!(iso_date(d), "2026-03-02");
        assert_eq!(iso_month(d), "2026-03");
        assert_eq!(parse_iso_date(" 2026-03-02 "), Some(d));
        assert_eq!(parse_iso_date("2026-02-30"), None);
        assert_eq!(parse_iso_date("02.03.2026"), None);
    }

    /// One time, one zone: 09:05 UTC on 23 November is 10:05 in Berlin on
    /// screen, with the zone on hover, and UTC only in a file.
    #[test]
    fn times_are_local_on_screen_and_utc_in_files() {
        let t = at(2026, 11, 23, 9, 5);
        let z = berlin();
        assert_eq!(local_minute(En, t, &z), "23 Nov 2026, 10:05");
        assert_eq!(local_minute(De, t, &z), "23.11.2026, 10:05");
        assert_eq!(local_minute(Fr, t, &z), "23/11/2026 10:05");
        assert_eq!(zoned_minute(En, t, &z), "23 Nov 2026, 10:05 (Europe/Berlin, UTC+01:00)");
        assert_eq!(zoned_minute(En, at(2026, 7, 1, 9, 5), &z), "1 Jul 2026, 11:05 (Europe/Berlin, UTC+02:00)");
        assert_eq!(zoned_minute(En, t, &Zone::fixed(-300)), "23 Nov 2026, 04:05 (UTC−05:00)");
        assert_eq!(utc_minute(t), "2026-11-23 09:05 UTC");
        assert_eq!(input_minute(t, &z), "2026-11-23T10:05");
    }

    #[test]
    fn typed_local_times_read_back() {
        let t = at(2026, 11, 23, 23, 30);
        assert_eq!(parse_local_input("2026-11-24T00:30", &Zone::fixed(60)), Some(t));
        assert_eq!(parse_local_input(" 2026-11-23T18:30 ", &Zone::fixed(-300)), Some(t));
        assert_eq!(parse_local_input("2026-11-23 18:30", &Zone::fixed(0)), None);
        assert_eq!(parse_local_input("2026-11-31T10:00", &Zone::fixed(0)), None);
        // Around a daylight-saving change the offset at the local time counts.
        let z = berlin();
        assert_eq!(parse_local_input("2026-03-29T10:00", &z), Some(at(2026, 3, 29, 8, 0)));
        assert_eq!(parse_local_input("2026-03-28T10:00", &z), Some(at(2026, 3, 28, 9, 0)));
        for t in [at(2026, 3, 29, 0, 59), at(2026, 3, 29, 1, 0), at(2026, 10, 25, 2, 30), at(2026, 7, 1, 12, 0)] {
            assert_eq!(parse_local_input(&input_minute(t, &z), &z), Some(t), "{t}");
        }
    }

    #[test]
    fn ages_in_whole_days() {
        use chrono::TimeZone;
        let now = Utc.with_ymd_and_hms(2026, 11, 23, 12, 0, 0).unwrap();
        assert_eq!(days_ago(Locale::En, now - chrono::Duration::hours(5), now), "today");
        assert_eq!(days_ago(Locale::En, now - chrono::Duration::hours(30), now), "yesterday");
        assert_eq!(days_ago(Locale::En, now - chrono::Duration::days(9), now), "9 days ago");
        assert_eq!(days_ago(Locale::En, now - chrono::Duration::days(1200), now), "1,200 days ago");
        assert_eq!(days_ago(Locale::En, now + chrono::Duration::days(1), now), "today", "a clock set back");
    }
}
