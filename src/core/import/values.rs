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

use crate::core::records::{Address, AddressKind, EmailKind, LifecycleStage, PhoneKind};
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

/// Reads a birthday. Accepted: ISO `1984-03-02` (also with `/`, without
/// separators or followed by a time), `02.03.1984` (day first, as in German),
/// and `3/2/1984` or `3-2-1984`, which is ambiguous unless a number is above
/// 12, the two numbers are equal, or `order` says. Anything else is an
/// `Err` with a message for people, including a date without a year
/// (`--03-02`), so that they learn the birthday was not imported.
pub fn parse_date(value: &str, order: Option<DateOrder>) -> Result<Option<NaiveDate>, String> {
    let value = value.trim();
    let date_part = value.split(['T', ' ']).next().unwrap_or(value);
    let invalid = || format!("{} is not a date; use a form like 1984-03-02", quoted(value));
    if date_part.starts_with("--") {
        return Err(format!("The birthday {} has no year; it was left out", quoted(value)));
    }
    let numbers: Vec<&str> = date_part.split(['-', '/', '.']).collect();
    if !numbers.iter().all(|n| !n.is_empty() && n.bytes().all(|b| b.is_ascii_digit())) {
        return Err(invalid());
    }
    let num = |s: &str| s.parse::<u32>().ok();
    let make = |y: &str, m: &str, d: &str| -> Result<Option<NaiveDate>, String> {
        if y.len() != 4 {
            return Err(format!("{} needs a four-digit year", quoted(value)));
        }
        let y = i32::try_from(num(y).ok_or_else(invalid)?).map_err(|_| invalid())?;
        NaiveDate::from_ymd_opt(y, num(m).ok_or_else(invalid)?, num(d).ok_or_else(invalid)?)
            .map(Some)
            .ok_or_else(|| format!("{} is not a real date", quoted(value)))
    };
    match numbers.as_slice() {
        [ymd] if ymd.len() == 8 => make(&ymd[..4], &ymd[4..6], &ymd[6..]),
        [y, m, d] if y.len() == 4 => make(y, m, d),
        [_, _, y] if y.len() != 4 => Err(format!("{} needs a four-digit year", quoted(value))),
        [d, m, y] if date_part.contains('.') => make(y, m, d),
        [a, b, y] => {
            let (x, z) = (num(a).unwrap_or(0), num(b).unwrap_or(0));
            let order = if x > 12 || x == z {
                DateOrder::DayMonthYear
            } else if z > 12 {
                DateOrder::MonthDayYear
            } else {
                order.ok_or_else(|| {
                    format!("{} could be day/month or month/day; choose the date order for this file", quoted(value))
                })?
            };
            match order {
                DateOrder::DayMonthYear => make(y, b, a),
                DateOrder::MonthDayYear => make(y, a, b),
            }
        }
        _ => Err(invalid()),
    }
}

/// Looks at a column of dates and returns the order that a number above 12
/// proves (3/25/1984 is month first), if the column settles it one way only.
pub fn guess_date_order<S: AsRef<str>>(cells: impl IntoIterator<Item = S>) -> Option<DateOrder> {
    let (mut day_first, mut month_first) = (false, false);
    for cell in cells {
        let cell = cell.as_ref().trim();
        if cell.contains('.') {
            continue;
        }
        let parts: Vec<u32> = cell.split(['/', '-']).map_while(|p| p.parse().ok()).collect();
        if let [a, b, y] = parts[..] {
            if y > 31 {
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

/// Country names (reduced like headers) and their ISO 3166-1 codes.
const COUNTRIES: &[(&str, &str)] = &[
    ("unitedkingdom", "GB"),
    ("greatbritain", "GB"),
    ("england", "GB"),
    ("scotland", "GB"),
    ("wales", "GB"),
    ("northernireland", "GB"),
    ("uk", "GB"),
    ("vereinigteskonigreich", "GB"),
    ("royaumeuni", "GB"),
    ("reinounido", "GB"),
    ("verenigdkoninkrijk", "GB"),
    ("unitedstates", "US"),
    ("unitedstatesofamerica", "US"),
    ("usa", "US"),
    ("america", "US"),
    ("vereinigtestaaten", "US"),
    ("etatsunis", "US"),
    ("estadosunidos", "US"),
    ("verenigdestaten", "US"),
    ("germany", "DE"),
    ("deutschland", "DE"),
    ("allemagne", "DE"),
    ("alemania", "DE"),
    ("duitsland", "DE"),
    ("france", "FR"),
    ("frankreich", "FR"),
    ("francia", "FR"),
    ("frankrijk", "FR"),
    ("spain", "ES"),
    ("espana", "ES"),
    ("spanien", "ES"),
    ("espagne", "ES"),
    ("spanje", "ES"),
    ("netherlands", "NL"),
    ("thenetherlands", "NL"),
    ("holland", "NL"),
    ("nederland", "NL"),
    ("niederlande", "NL"),
    ("paysbas", "NL"),
    ("paisesbajos", "NL"),
    ("belgium", "BE"),
    ("belgie", "BE"),
    ("belgique", "BE"),
    ("belgien", "BE"),
    ("austria", "AT"),
    ("osterreich", "AT"),
    ("autriche", "AT"),
    ("switzerland", "CH"),
    ("schweiz", "CH"),
    ("suisse", "CH"),
    ("svizzera", "CH"),
    ("italy", "IT"),
    ("italia", "IT"),
    ("italien", "IT"),
    ("italie", "IT"),
    ("portugal", "PT"),
    ("ireland", "IE"),
    ("irland", "IE"),
    ("irlande", "IE"),
    ("luxembourg", "LU"),
    ("luxemburg", "LU"),
    ("denmark", "DK"),
    ("danmark", "DK"),
    ("danemark", "DK"),
    ("sweden", "SE"),
    ("sverige", "SE"),
    ("schweden", "SE"),
    ("norway", "NO"),
    ("norge", "NO"),
    ("norwegen", "NO"),
    ("finland", "FI"),
    ("suomi", "FI"),
    ("poland", "PL"),
    ("polska", "PL"),
    ("polen", "PL"),
    ("czechrepublic", "CZ"),
    ("czechia", "CZ"),
    ("greece", "GR"),
    ("canada", "CA"),
    ("mexico", "MX"),
    ("brazil", "BR"),
    ("brasil", "BR"),
    ("argentina", "AR"),
    ("australia", "AU"),
    ("newzealand", "NZ"),
    ("japan", "JP"),
    ("china", "CN"),
    ("india", "IN"),
    ("southafrica", "ZA"),
    ("turkey", "TR"),
    ("turkiye", "TR"),
    ("israel", "IL"),
    ("singapore", "SG"),
];

/// The ISO 3166-1 alpha-2 code for a country name in the small built-in
/// table, or for a two-letter code as it is ("de" gives "DE", "UK" gives "GB").
pub fn country_code(name: &str) -> Option<&'static str> {
    let key = header_key(name);
    if let Some((_, code)) = COUNTRIES.iter().find(|(n, _)| *n == key) {
        return Some(code);
    }
    iso_code(&name.trim().to_ascii_uppercase())
}

/// Every assigned ISO 3166-1 alpha-2 code, so that any valid code is accepted.
const ISO_CODES: &str = "AD AE AF AG AI AL AM AO AQ AR AS AT AU AW AX AZ BA BB BD BE BF BG BH BI BJ BL BM BN BO BQ BR \
BS BT BV BW BY BZ CA CC CD CF CG CH CI CK CL CM CN CO CR CU CV CW CX CY CZ DE DJ DK DM DO DZ EC EE EG EH ER ES ET FI FJ \
FK FM FO FR GA GB GD GE GF GG GH GI GL GM GN GP GQ GR GS GT GU GW GY HK HM HN HR HT HU ID IE IL IM IN IO IQ IR IS IT JE \
JM JO JP KE KG KH KI KM KN KP KR KW KY KZ LA LB LC LI LK LR LS LT LU LV LY MA MC MD ME MF MG MH MK ML MM MN MO MP MQ MR \
MS MT MU MV MW MX MY MZ NA NC NE NF NG NI NL NO NP NR NU NZ OM PA PE PF PG PH PK PL PM PN PR PS PT PW PY QA RE RO RS RU \
RW SA SB SC SD SE SG SH SI SJ SK SL SM SN SO SR SS ST SV SX SY SZ TC TD TF TG TH TJ TK TL TM TN TO TR TT TV TW TZ UA UG \
UM US UY UZ VA VC VE VG VI VN VU WF WS YE YT ZA ZM ZW";

fn iso_code(code: &str) -> Option<&'static str> {
    ISO_CODES.split(' ').find(|c| *c == code)
}

/// Sets the address's country from a name or code. An unknown name is kept
/// in the region (after any region already there) and a message returned.
pub(crate) fn set_country(a: &mut Address, value: &str) -> Option<String> {
    if !a.country.is_empty() {
        return None;
    }
    match country_code(value) {
        Some(code) => {
            a.country = code.to_string();
            None
        }
        None => {
            let value = collapse_spaces(value);
            a.region = if a.region.is_empty() { value.clone() } else { format!("{}, {value}", a.region) };
            Some(format!("Unknown country {}; it was kept in the region", quoted(&value)))
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

/// Splits a full name into (given, family). Handles "Roe, Jane", titles and
/// suffixes ("Dr. Jane Roe Jr." gives Jane / Roe), family names with
/// particles ("Jane van der Berg" gives Jane / van der Berg), and single names
/// (given name only).
pub fn split_full_name(name: &str) -> (String, String) {
    let name = collapse_spaces(name);
    // "Roe, Jane" is family first, unless what follows the comma is a suffix ("Jane Roe, Jr.").
    let parts: Vec<&str> = name.split(',').map(str::trim).filter(|p| !p.is_empty()).collect();
    let main: Vec<&str> = parts.iter().copied().filter(|p| !is_in(p, NAME_SUFFIXES)).collect();
    if let [family, given, ..] = main[..] {
        return (strip_titles(given).join(" "), family.to_string());
    }
    let words = strip_titles(main.first().copied().unwrap_or(""));
    match words.len() {
        0 => (String::new(), String::new()),
        1 => (words[0].to_string(), String::new()),
        n => {
            let family_start = (1..n - 1).find(|&i| is_in(words[i], FAMILY_PARTICLES)).unwrap_or(n - 1);
            (words[..family_start].join(" "), words[family_start..].join(" "))
        }
    }
}

/// The words of a name without leading titles and trailing suffixes; a name
/// made only of such words is kept whole.
fn strip_titles(name: &str) -> Vec<&str> {
    let words: Vec<&str> = name.split_whitespace().collect();
    let start = words.iter().take_while(|w| is_in(w, NAME_PREFIXES)).count();
    let end = words.len() - words[start..].iter().rev().take_while(|w| is_in(w, NAME_SUFFIXES)).count();
    if start < end {
        words[start..end].to_vec()
    } else {
        words
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
    }

    #[test]
    fn parses_birthdays() {
        let d = |y, m, d| Ok(NaiveDate::from_ymd_opt(y, m, d));
        assert_eq!(parse_date("1984-03-02", None), d(1984, 3, 2));
        assert_eq!(parse_date("1984/03/02", None), d(1984, 3, 2));
        assert_eq!(parse_date("19840302", None), d(1984, 3, 2));
        assert_eq!(parse_date("1984-03-02T00:00:00Z", None), d(1984, 3, 2));
        assert_eq!(parse_date("02.03.1984", None), d(1984, 3, 2));
        assert_eq!(parse_date("25/12/1984", None), d(1984, 12, 25));
        assert_eq!(parse_date("12/25/1984", None), d(1984, 12, 25));
        assert_eq!(parse_date("3/3/1984", None), d(1984, 3, 3));
        assert!(parse_date("3/2/1984", None).unwrap_err().contains("day/month"));
        assert_eq!(parse_date("3/2/1984", Some(DateOrder::MonthDayYear)), d(1984, 3, 2));
        assert_eq!(parse_date("3/2/1984", Some(DateOrder::DayMonthYear)), d(1984, 2, 3));
        assert!(parse_date("--03-02", None).unwrap_err().contains("no year"));
        assert!(parse_date("3/2/84", None).unwrap_err().contains("four-digit"));
        assert!(parse_date("1984-02-30", None).unwrap_err().contains("real date"));
        assert!(parse_date("March 2nd", None).is_err());
        assert_eq!(guess_date_order(["3/2/1984", "", "25/12/1990"]), Some(DateOrder::DayMonthYear));
        assert_eq!(guess_date_order(["3/2/1984", "12/25/1990"]), Some(DateOrder::MonthDayYear));
        assert_eq!(guess_date_order(["3/2/1984"]), None);
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
    }

    #[test]
    fn tags_split_on_all_separators() {
        assert_eq!(
            split_tags("vip; partner, Event 2026 ::: * starred ::: VIP"),
            ["vip", "partner", "Event 2026", "starred"]
        );
    }
}
