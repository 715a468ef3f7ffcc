//! Reading the values people put in spreadsheet cells: tags, kind words,
//! lifecycle stages, web addresses, dates in several orders, country names
//! and codes, and full names split into given and family names. Shared by the
//! contact, company, deal and vCard importers.
//!
//! Lifecycle stages from other tools map onto ours as follows (HubSpot's
//! internal names and labels are both accepted, as are our own keys):
//!
//! | Other tool                                   | Ours           |
//! |----------------------------------------------|----------------|
//! | subscriber, visitor                          | Reach          |
//! | lead, marketing qualified lead (MQL), prospect | Acquisition  |
//! | sales qualified lead (SQL), opportunity      | Conversion     |
//! | customer, client, won                        | Retention      |
//! | evangelist, advocate, promoter               | Loyalty        |
//! | lost, closed lost, churned, former customer  | Lost           |
//! | disqualified, unqualified, bad fit, spam     | Disqualified   |
//!
//! HubSpot's "other" and unknown names are reported and leave the stage unset.

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use crate::core::i18n::Message;
use crate::core::records::{Address, AddressKind, EmailKind, LifecycleStage, PhoneKind, YearlyDate};
use crate::core::text::{collapse_spaces, fold, quoted};
use crate::core::validate::tidy_tags;

/// A header reduced for matching: accents removed, lower case, letters and
/// digits only. "E-mail 1 - Value" becomes "email1value".
pub(crate) fn header_key(header: &str) -> String {
    fold(header).chars().filter(|c| c.is_alphanumeric()).collect()
}

/// The order of day and month in dates such as 3/2/1984.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum DateOrder {
    DayMonthYear,
    MonthDayYear,
}

/// Splits tags on `;`, `,` and " ::: ". Google's group names lose their
/// leading "* ", and its "My Contacts" system group is dropped.
pub fn split_tags(value: &str) -> Vec<String> {
    let tags: Vec<String> = value
        .split(":::")
        .flat_map(|part| part.split([';', ',']))
        .map(|t| collapse_spaces(t.trim().trim_start_matches("* ")))
        .filter(|t| !t.is_empty() && !t.eq_ignore_ascii_case("mycontacts"))
        .collect();
    tidy_tags(&tags)
}

/// A kind word from a type column or a vCard `TYPE`, meaning a different
/// kind of each record: "home" is a personal email but a home phone.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum KindWord {
    Work,
    Home,
    Mobile,
    Other,
}

impl KindWord {
    pub(crate) fn email(self) -> EmailKind {
        match self {
            KindWord::Work => EmailKind::Work,
            KindWord::Home => EmailKind::Personal,
            KindWord::Mobile | KindWord::Other => EmailKind::Other,
        }
    }

    pub(crate) fn phone(self) -> PhoneKind {
        match self {
            KindWord::Work => PhoneKind::Work,
            KindWord::Home => PhoneKind::Home,
            KindWord::Mobile => PhoneKind::Mobile,
            KindWord::Other => PhoneKind::Other,
        }
    }

    pub(crate) fn address(self) -> AddressKind {
        match self {
            KindWord::Work => AddressKind::Work,
            KindWord::Home => AddressKind::Home,
            KindWord::Mobile | KindWord::Other => AddressKind::Other,
        }
    }
}

/// Whether a type cell names only how an address is delivered (Outlook's
/// "SMTP" or "EX" e-mail type): it says nothing about the person.
pub(crate) fn is_transport_type(value: &str) -> bool {
    matches!(header_key(value).as_str(), "smtp" | "ex" | "internet" | "x400")
}

/// Reads "Work", "* Home", "Mobile", "Privat"... Google marks the primary
/// value with "* " and may list several types with " ::: ": the first counts.
pub(crate) fn kind_word(value: &str) -> Option<KindWord> {
    let first = value.split(":::").next().unwrap_or(value);
    Some(match header_key(first).as_str() {
        "work" | "business" | "office" | "company" | "arbeit" | "geschaftlich" | "travail" | "trabajo" | "werk" => {
            KindWord::Work
        }
        "home" | "personal" | "private" | "privat" | "zuhause" | "domicile" | "personnel" | "casa" | "thuis"
        | "prive" => KindWord::Home,
        "mobile" | "cell" | "cellular" | "iphone" | "handy" | "mobil" | "portable" | "movil" | "celular" | "mobiel" => {
            KindWord::Mobile
        }
        "other" | "main" | "fax" | "workfax" | "homefax" | "pager" | "custom" | "andere" | "autre" | "otro" => {
            KindWord::Other
        }
        _ => return None,
    })
}

/// Reads a lifecycle stage name; see the table in the module documentation.
pub fn parse_stage(value: &str) -> Option<LifecycleStage> {
    let key = header_key(value);
    if let Some(stage) = LifecycleStage::from_key(&key) {
        return Some(stage);
    }
    Some(match key.as_str() {
        "subscriber" | "visitor" => LifecycleStage::Reach,
        "lead" | "marketingqualifiedlead" | "mql" | "prospect" => LifecycleStage::Acquisition,
        "salesqualifiedlead" | "sql" | "opportunity" => LifecycleStage::Conversion,
        "customer" | "client" | "won" | "closedwon" => LifecycleStage::Retention,
        "evangelist" | "advocate" | "promoter" => LifecycleStage::Loyalty,
        "closedlost" | "churned" | "formercustomer" => LifecycleStage::Lost,
        "unqualified" | "badfit" | "spam" => LifecycleStage::Disqualified,
        _ => return None,
    })
}

/// The host of a web address, lower case and without "www.":
/// "https://www.Example.com/about" gives "example.com".
pub fn domain_from_url(url: &str) -> Option<String> {
    let url = url.trim();
    let rest = url.split_once("://").map_or(url, |(_, rest)| rest);
    let host = rest.split(['/', '?', '#']).next()?;
    let host = host.rsplit('@').next()?.split(':').next()?.to_lowercase();
    let host = host.strip_prefix("www.").unwrap_or(&host);
    crate::core::validate::is_domain(host).then(|| host.to_string())
}

/// Why a date cell could not be read, for people.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct DateError {
    /// The day and month could be either way round (3/7/1984) and the file
    /// does not say: choosing the date order on the mapping page settles it.
    pub is_ambiguous: bool,
    pub message: Message,
}

/// Month names (folded) in English, German, French, Spanish, Dutch, Italian
/// and Portuguese; a name's number is its position + 1. Abbreviations are
/// read as prefixes of at least three letters ("Sept", "Okt", "déc.").
const MONTHS: [&[&str]; 12] = [
    &["january", "januar", "janner", "janvier", "enero", "januari", "gennaio", "janeiro"],
    &["february", "februar", "fevrier", "febrero", "februari", "febbraio", "fevereiro"],
    &["march", "marz", "mars", "marzo", "maart", "marco"],
    &["april", "avril", "abril", "aprile"],
    &["may", "mai", "mayo", "mei", "maggio", "maio"],
    &["june", "juni", "juin", "junio", "giugno", "junho"],
    &["july", "juli", "juillet", "julio", "luglio", "julho"],
    &["august", "aout", "agosto", "augustus"],
    &["september", "septembre", "septiembre", "setiembre", "settembre", "setembro"],
    &["october", "oktober", "octobre", "octubre", "ottobre", "outubro"],
    &["november", "novembre", "noviembre", "novembro"],
    &["december", "dezember", "decembre", "diciembre", "dicembre", "dezembro"],
];

/// The month a word names, if exactly one month does.
fn month_of(word: &str) -> Option<u32> {
    let w = fold(word.trim_end_matches('.'));
    if w.chars().count() < 3 || !w.chars().all(char::is_alphabetic) {
        return None;
    }
    let mut found = None;
    for (i, names) in MONTHS.iter().enumerate() {
        if names.iter().any(|n| n.starts_with(&w)) {
            if found.is_some_and(|f| f != i) {
                return None;
            }
            found = Some(i);
        }
    }
    found.map(|i| i as u32 + 1)
}

/// A two-digit year as spreadsheets read it: 00–29 are 2000–2029, 30–99
/// are 1930–1999.
fn full_year(year: &str) -> Option<i32> {
    let n: i32 = year.parse().ok()?;
    match year.len() {
        4 => Some(n),
        2 if n < 30 => Some(2000 + n),
        2 => Some(1900 + n),
        _ => None,
    }
}

/// Whether a cell is one of the markers Outlook writes for "no date": every
/// number zero ("0.0.00", "0/0/00", "00-00-0000") or its "None" date, 1
/// January 4501.
fn is_empty_marker(text: &str) -> bool {
    let numbers: Vec<&str> = text.split(['.', '/', '-']).filter(|p| !p.is_empty()).collect();
    let numeric = numbers.len() == 3 && numbers.iter().all(|n| n.bytes().all(|b| b.is_ascii_digit()));
    numeric
        && (numbers.iter().all(|n| n.bytes().all(|b| b == b'0'))
            || (numbers.contains(&"4501") && numbers.iter().filter(|n| n.trim_start_matches('0') == "1").count() == 2))
}

/// Reads a date as people and exporting programs write it: ISO `1984-03-07`
/// (also with `/`, without separators, or followed by a time), `07.03.1984`
/// (day first, as in German), `3/7/1984` or `3-7-1984` (day or month first:
/// a number above 12 settles it, else `order`, else it is ambiguous), a month
/// name in one of seven languages ("7 March 1984", "March 7, 1984", "7. März"),
/// two-digit years (see [`full_year`]) and dates without a year: Google's
/// and vCard's `--03-07` and `--0307`, "7 March", `07.03.` and a year 0000.
/// Outlook's markers for "no date" (`0.0.00`, `0/0/00`, 1/1/4501) and an
/// empty cell are `Ok(None)`.
pub fn parse_date(value: &str, order: Option<DateOrder>) -> Result<Option<YearlyDate>, DateError> {
    let value = value.trim();
    let unreadable = || DateError {
        is_ambiguous: false,
        message: Message::new("import.note.not_date").with("value", quoted(value)),
    };
    let no_such_day = || DateError {
        is_ambiguous: false,
        message: Message::new("import.note.not_real_date").with("value", quoted(value)),
    };
    if value.is_empty() || is_empty_marker(value) {
        return Ok(None);
    }
    if value.starts_with("--") {
        return YearlyDate::parse(value).map(Some).ok_or_else(unreadable);
    }
    // A time after a numeric date ("1984-03-07T00:00:00Z", "3/7/1984 0:00") is dropped.
    let date_part = match value.split_once(['T', ' ']) {
        Some((d, t)) if d.bytes().all(|b| b.is_ascii_digit() || b"./-".contains(&b)) && t.contains(':') => d,
        _ => value,
    };
    let make = |y: Option<i32>, m: u32, d: u32| -> Result<Option<YearlyDate>, DateError> {
        // Year 0000 is how some programs write "no year".
        let y = y.filter(|&y| y != 0);
        YearlyDate::new(y, m, d).map(Some).ok_or_else(no_such_day)
    };
    let num = |s: &str| s.parse::<u32>().ok();
    let is_numeric = date_part.bytes().all(|b| b.is_ascii_digit() || b"./-".contains(&b));
    if is_numeric {
        let dotted = date_part.contains('.');
        let numbers: Vec<&str> = date_part.trim_end_matches('.').split(['-', '/', '.']).collect();
        if numbers.iter().any(|n| n.is_empty()) {
            return Err(unreadable());
        }
        return match numbers.as_slice() {
            [ymd] if ymd.len() == 8 => {
                make(ymd[..4].parse().ok(), num(&ymd[4..6]).unwrap_or(0), num(&ymd[6..]).unwrap_or(0))
            }
            [y, m, d] if y.len() == 4 => make(y.parse().ok(), num(m).unwrap_or(0), num(d).unwrap_or(0)),
            [_, _, y] if full_year(y).is_none() => Err(unreadable()),
            [d, m, y] if dotted => make(full_year(y), num(m).unwrap_or(0), num(d).unwrap_or(0)),
            [d, m] if dotted && date_part.ends_with('.') => make(None, num(m).unwrap_or(0), num(d).unwrap_or(0)),
            [a, b, y] => {
                let (x, z) = (num(a).unwrap_or(0), num(b).unwrap_or(0));
                let order = if x > 12 || x == z {
                    DateOrder::DayMonthYear
                } else if z > 12 {
                    DateOrder::MonthDayYear
                } else {
                    order.ok_or_else(|| DateError {
                        is_ambiguous: true,
                        message: Message::new("import.note.ambiguous_date").with("value", quoted(value)),
                    })?
                };
                match order {
                    DateOrder::DayMonthYear => make(full_year(y), z, x),
                    DateOrder::MonthDayYear => make(full_year(y), x, z),
                }
            }
            _ => Err(unreadable()),
        };
    }
    // Words: a month name, a day and perhaps a year, in either order.
    // "7 de marzo de 1984", "the 7th of March": small words between the parts say nothing.
    let words: Vec<&str> = value
        .split(|c: char| c.is_whitespace() || c == ',')
        .map(|w| w.trim_end_matches('.'))
        .filter(|w| !w.is_empty() && !matches!(fold(w).as_str(), "de" | "del" | "of" | "the" | "den" | "der"))
        .collect();
    let months: Vec<u32> = words.iter().filter_map(|w| month_of(w)).collect();
    let numbers: Vec<&str> = words.iter().copied().filter(|w| w.bytes().all(|b| b.is_ascii_digit())).collect();
    let other_words = words.len() - months.len() - numbers.len();
    match (months.as_slice(), numbers.as_slice(), other_words) {
        ([m], [d], 0) if d.len() <= 2 => make(None, *m, num(d).unwrap_or(0)),
        ([m], [d, y], 0) if d.len() <= 2 && y.len() == 4 => make(y.parse().ok(), *m, num(d).unwrap_or(0)),
        ([m], [y, d], 0) if d.len() <= 2 && y.len() == 4 => make(y.parse().ok(), *m, num(d).unwrap_or(0)),
        _ => Err(unreadable()),
    }
}

/// [`parse_date`] for a date that needs its year (a deal's close date).
pub fn parse_full_date(value: &str, order: Option<DateOrder>) -> Result<Option<NaiveDate>, Message> {
    match parse_date(value, order) {
        Ok(None) => Ok(None),
        Ok(Some(d)) => {
            d.date().map(Some).ok_or_else(|| Message::new("import.note.no_year").with("value", quoted(value)))
        }
        Err(e) => Err(e.message),
    }
}

/// Looks at a column of dates and returns the order that a number above 12
/// proves (3/25/1984 is month first), if the column settles it one way only.
pub fn guess_date_order<S: AsRef<str>>(cells: impl IntoIterator<Item = S>) -> Option<DateOrder> {
    let (mut day_first, mut month_first) = (false, false);
    for cell in cells {
        let cell = cell.as_ref().trim();
        if cell.contains('.') || cell.starts_with("--") {
            continue;
        }
        let parts: Vec<u32> = cell.split(['/', '-']).map_while(|p| p.parse().ok()).collect();
        if let [a, b, _] = parts[..] {
            if a <= 31 && b <= 31 {
                day_first |= a > 12 && b <= 12;
                month_first |= b > 12 && a <= 12;
            }
        }
    }
    match (day_first, month_first) {
        (true, false) => Some(DateOrder::DayMonthYear),
        (false, true) => Some(DateOrder::MonthDayYear),
        _ => None,
    }
}

/// Whether dates like these need the date order: a cell with two numbers
/// of 12 or less before the year (3/7/1984), which only the order settles.
pub fn has_ambiguous_dates<S: AsRef<str>>(cells: impl IntoIterator<Item = S>) -> bool {
    cells.into_iter().any(|c| matches!(parse_date(c.as_ref(), None), Err(DateError { is_ambiguous: true, .. })))
}

pub use crate::core::countries::country_code;

/// What [`set_country`] did with a country cell.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum CountryRead {
    /// A name or code the table knows: the address holds its ISO code.
    Known,
    /// No table knows it: the address holds it as written.
    Unrecognised,
    /// The address already had a country; the cell was not used.
    AlreadySet,
}

/// Sets the address's country from a name or code: its ISO code when the
/// table knows it, else the text as written (never another field).
pub(crate) fn set_country(a: &mut Address, value: &str) -> CountryRead {
    if !a.country.is_empty() {
        return CountryRead::AlreadySet;
    }
    match country_code(value) {
        Some(code) => {
            a.country = code.to_string();
            CountryRead::Known
        }
        None => {
            a.country = collapse_spaces(value);
            CountryRead::Unrecognised
        }
    }
}

const NAME_PREFIXES: &[&str] = &[
    "mr", "mrs", "ms", "miss", "mx", "dr", "prof", "sir", "dame", "herr", "frau", "mme", "mlle", "sra", "srta", "dhr",
    "mevr",
];
const NAME_SUFFIXES: &[&str] = &["jr", "sr", "ii", "iii", "iv", "phd", "md", "esq", "mba", "dds", "jun", "sen"];
const FAMILY_PARTICLES: &[&str] = &[
    "van", "von", "der", "den", "de", "del", "della", "di", "da", "du", "la", "le", "ter", "ten", "dos", "das", "zu",
    "bin", "ibn", "al", "el", "st", "mac",
];

fn is_in(word: &str, list: &[&str]) -> bool {
    let key = header_key(word);
    list.contains(&key.as_str())
}

/// A full name in its parts.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct NameParts {
    /// Titles before the name: "Dr.", "Mrs".
    pub prefix: String,
    pub given: String,
    pub family: String,
    /// Suffixes after it: "Jr.", "PhD".
    pub suffix: String,
}

/// Splits a full name into its parts. Handles "Roe, Jane", titles and
/// suffixes ("Dr. Jane Roe Jr." gives Dr. / Jane / Roe / Jr.), family names
/// with particles ("Jane van der Berg" gives Jane / van der Berg), and single
/// names (given name only).
pub fn split_name(name: &str) -> NameParts {
    let name = collapse_spaces(name);
    // "Roe, Jane" is family first, unless what follows the comma is a suffix ("Jane Roe, Jr.").
    let parts: Vec<&str> = name.split(',').map(str::trim).filter(|p| !p.is_empty()).collect();
    let (suffixes, main): (Vec<&str>, Vec<&str>) = parts.iter().copied().partition(|p| is_in(p, NAME_SUFFIXES));
    let mut out = NameParts::default();
    let join = |w: &[&str]| w.join(" ");
    let mut suffix_words: Vec<&str> = Vec::new();
    if let [family, given, ..] = main[..] {
        let (prefix, words, suffix) = strip_titles(given);
        out.prefix = join(&prefix);
        out.given = join(&words);
        out.family = family.to_string();
        suffix_words.extend(suffix);
    } else {
        let (prefix, words, suffix) = strip_titles(main.first().copied().unwrap_or(""));
        out.prefix = join(&prefix);
        suffix_words.extend(suffix);
        match words.len() {
            0 => {}
            1 => out.given = words[0].to_string(),
            n => {
                let family_start = (1..n - 1).find(|&i| is_in(words[i], FAMILY_PARTICLES)).unwrap_or(n - 1);
                out.given = join(&words[..family_start]);
                out.family = join(&words[family_start..]);
            }
        }
    }
    suffix_words.extend(suffixes);
    out.suffix = suffix_words.join(" ");
    out
}

/// Splits a full name into (given, family); see [`split_name`].
pub fn split_full_name(name: &str) -> (String, String) {
    let p = split_name(name);
    (p.given, p.family)
}

/// The words of a name as (leading titles, the name, trailing suffixes); a
/// name made only of such words is the name.
fn strip_titles(name: &str) -> (Vec<&str>, Vec<&str>, Vec<&str>) {
    let words: Vec<&str> = name.split_whitespace().collect();
    let start = words.iter().take_while(|w| is_in(w, NAME_PREFIXES)).count();
    let end = words.len() - words[start..].iter().rev().take_while(|w| is_in(w, NAME_SUFFIXES)).count();
    if start < end {
        (words[..start].to_vec(), words[start..end].to_vec(), words[end..].to_vec())
    } else {
        (Vec::new(), words, Vec::new())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn splits_full_names() {
        let split = |s| split_full_name(s);
        let pair = |g: &str, f: &str| (g.to_string(), f.to_string());
        assert_eq!(split("Roe, Jane"), pair("Jane", "Roe"));
        assert_eq!(split("Jane van der Berg"), pair("Jane", "van der Berg"));
        assert_eq!(split("Dr. Jane Roe Jr."), pair("Jane", "Roe"));
        assert_eq!(split("Jane Roe, PhD"), pair("Jane", "Roe"));
        assert_eq!(split("Madonna"), pair("Madonna", ""));
        assert_eq!(split("  Mary  Jane   Watson "), pair("Mary Jane", "Watson"));
        assert_eq!(split("Ludwig von Beethoven"), pair("Ludwig", "von Beethoven"));
        assert_eq!(split("Van Morrison"), pair("Van", "Morrison"));
        assert_eq!(split("Roe, Dr. Jane"), pair("Jane", "Roe"));
        assert_eq!(split("Dr."), pair("Dr.", ""));
        assert_eq!(split(""), pair("", ""));
        // Titles and suffixes are kept apart, not lost.
        let parts = |p: &str, g: &str, f: &str, s: &str| NameParts {
            prefix: p.into(),
            given: g.into(),
            family: f.into(),
            suffix: s.into(),
        };
        assert_eq!(split_name("Dr. Jane Roe Jr."), parts("Dr.", "Jane", "Roe", "Jr."));
        assert_eq!(split_name("Jane Roe, PhD"), parts("", "Jane", "Roe", "PhD"));
        assert_eq!(split_name("Roe, Prof. Dr. Jane"), parts("Prof. Dr.", "Jane", "Roe", ""));
    }

    fn date(y: Option<i32>, m: u32, d: u32) -> Result<Option<YearlyDate>, DateError> {
        Ok(YearlyDate::new(y, m, d))
    }

    #[test]
    fn reads_dates_as_people_and_exporters_write_them() {
        let full = |y, m, d| date(Some(y), m, d);
        let yearless = |m, d| date(None, m, d);
        for (text, want) in [
            ("1984-03-02", full(1984, 3, 2)),
            ("1984/03/02", full(1984, 3, 2)),
            ("19840302", full(1984, 3, 2)),
            ("1984-03-02T00:00:00Z", full(1984, 3, 2)),
            ("3/2/1984 0:00", Ok(None)),
            ("02.03.1984", full(1984, 3, 2)),
            ("2.3.84", full(1984, 3, 2)),
            ("7.3.05", full(2005, 3, 7)),
            ("25/12/1984", full(1984, 12, 25)),
            ("12/25/1984", full(1984, 12, 25)),
            ("3/3/1984", full(1984, 3, 3)),
            // Google's, vCard 4's and a year 0000: no year.
            ("--03-07", yearless(3, 7)),
            ("--0307", yearless(3, 7)),
            ("0000-03-07", yearless(3, 7)),
            ("07.03.", yearless(3, 7)),
            ("--02-29", yearless(2, 29)),
            // Month names in seven languages, with or without the year.
            ("7 March 1984", full(1984, 3, 7)),
            ("March 7, 1984", full(1984, 3, 7)),
            ("7. März 1984", full(1984, 3, 7)),
            ("7 mars", yearless(3, 7)),
            ("7 de marzo de 1984", full(1984, 3, 7)),
            ("the 7th", Err(DateError { is_ambiguous: false, message: Message::new("") })),
            ("21 juni", yearless(6, 21)),
            ("Sept 9", yearless(9, 9)),
            ("9 déc. 1999", full(1999, 12, 9)),
            ("1 janeiro 2000", full(2000, 1, 1)),
            // Outlook's markers for "no date", and an empty cell.
            ("0.0.00", Ok(None)),
            ("0/0/00", Ok(None)),
            ("00.00.0000", Ok(None)),
            ("1/1/4501", Ok(None)),
            ("", Ok(None)),
        ] {
            let got = parse_date(text, None);
            if text == "3/2/1984 0:00" {
                assert!(got.unwrap_err().is_ambiguous, "{text}");
                continue;
            }
            match want {
                Err(_) => assert!(got.is_err(), "{text}: {got:?}"),
                want => assert_eq!(got, want, "{text}"),
            }
        }
        let ambiguous = parse_date("3/2/1984", None).unwrap_err();
        assert!(ambiguous.is_ambiguous && ambiguous.message.english().contains("day/month"), "{ambiguous:?}");
        assert_eq!(parse_date("3/2/1984", Some(DateOrder::MonthDayYear)), full(1984, 3, 2));
        assert_eq!(parse_date("3/2/1984", Some(DateOrder::DayMonthYear)), full(1984, 2, 3));
        assert!(parse_date("1984-02-30", None).unwrap_err().message.english().contains("real date"));
        assert!(parse_date("--02-30", None).is_err());
        assert!(parse_date("March 2nd", None).is_err());
        assert!(parse_date("3/2/984", None).is_err());
        assert!(!parse_date("soon", None).unwrap_err().is_ambiguous);
        assert_eq!(parse_full_date("--03-07", None).unwrap_err().english(), "\"--03-07\" has no year");
        assert_eq!(parse_full_date("2026-04-30", None), Ok(NaiveDate::from_ymd_opt(2026, 4, 30)));
        assert_eq!(guess_date_order(["3/2/1984", "", "25/12/1990"]), Some(DateOrder::DayMonthYear));
        assert_eq!(guess_date_order(["3/2/1984", "12/25/1990", "--03-07"]), Some(DateOrder::MonthDayYear));
        assert_eq!(guess_date_order(["3/2/1984"]), None);
        assert!(has_ambiguous_dates(["", "3/2/1984"]));
        assert!(!has_ambiguous_dates(["3/3/1984", "25/12/1990", "1984-03-02", "03.02.1984", "--03-02"]));
        assert!(has_ambiguous_dates(["1984-01-01", "3/2/1984"]) && !has_ambiguous_dates(["25/12/1990", "0/0/00"]));
    }

    #[test]
    fn maps_lifecycle_stages() {
        use LifecycleStage::*;
        for (name, stage) in [
            ("subscriber", Reach),
            ("lead", Acquisition),
            ("marketingqualifiedlead", Acquisition),
            ("Marketing Qualified Lead", Acquisition),
            ("salesqualifiedlead", Conversion),
            ("opportunity", Conversion),
            ("customer", Retention),
            ("evangelist", Loyalty),
            ("Retention", Retention),
            ("lost", Lost),
            ("disqualified", Disqualified),
        ] {
            assert_eq!(parse_stage(name), Some(stage), "{name}");
        }
        assert_eq!(parse_stage("other"), None);
    }

    #[test]
    fn country_names_and_codes() {
        assert_eq!(country_code("United Kingdom"), Some("GB"));
        assert_eq!(country_code("Deutschland"), Some("DE"));
        assert_eq!(country_code("France"), Some("FR"));
        assert_eq!(country_code("España"), Some("ES"));
        assert_eq!(country_code("uk"), Some("GB"));
        assert_eq!(country_code("nz"), Some("NZ"));
        assert_eq!(country_code("XX"), None);
        assert_eq!(country_code("Narnia"), None);
        let mut a = Address::default();
        assert_eq!(set_country(&mut a, " Island "), CountryRead::Known);
        assert_eq!(a.country, "IS");
        assert_eq!(set_country(&mut a, "Narnia"), CountryRead::AlreadySet);
        let mut b = Address { region: "North".into(), ..Address::default() };
        assert_eq!(set_country(&mut b, "Narnia  Major"), CountryRead::Unrecognised);
        assert_eq!((b.country.as_str(), b.region.as_str()), ("Narnia Major", "North"));
    }

    #[test]
    fn tags_split_on_all_separators() {
        assert_eq!(
            split_tags("vip; partner, Event 2026 ::: * starred ::: VIP"),
            ["vip", "partner", "Event 2026", "starred"]
        );
    }
}
