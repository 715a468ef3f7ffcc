//! Entry rules for clean data: name casing, canonical email addresses, phone
//! numbers in E.164 form, domains and URLs. Nothing here rewrites a record:
//! [`suggest_contact`] and [`suggest_company`] return suggestions (current →
//! suggested, with a reason) that the person accepts or ignores, so input is
//! never silently destroyed. The canonical forms ([`canonical_email`],
//! [`parse_phone`]) are also what duplicate detection compares.
//!
//! Phone handling is table-driven and deliberately modest: it knows each
//! country's calling code, whether it has a national trunk prefix "0", and the
//! range of lengths of a national significant number. It validates lengths,
//! not full numbering plans.

use serde::{Deserialize, Serialize};

use crate::core::records::{Company, Contact};
use crate::core::text::collapse_spaces;

// ---------------------------------------------------------------------------
// Names
// ---------------------------------------------------------------------------

/// Name particles written in lower case inside a name ("van der Berg").
const PARTICLES: &[&str] =
    &["van", "von", "der", "den", "de", "la", "le", "du", "di", "da", "dos", "das", "del", "della", "ter", "ten", "y"];

/// Consistent casing for a name typed in ALL CAPS or all lower case:
/// "JEAN-LUC O'NEIL" → "Jean-Luc O'Neil", "mcdonald" → "McDonald",
/// "VAN DER BERG" → "van der Berg". Mixed-case input is returned as typed,
/// because "MacLeod" and "Mack" can only be told apart by the person typing.
pub fn name_case(name: &str) -> String {
    let has_upper = name.chars().any(char::is_uppercase);
    let has_lower = name.chars().any(char::is_lowercase);
    if has_upper && has_lower {
        return name.to_string();
    }
    let words: Vec<&str> = name.split(' ').collect();
    let last_word = words.iter().rposition(|w| !w.is_empty()).unwrap_or(0);
    let cased: Vec<String> = words
        .iter()
        .enumerate()
        .map(|(i, word)| {
            let lower = word.to_lowercase();
            if i < last_word && PARTICLES.contains(&lower.as_str()) {
                lower
            } else {
                case_word(&lower)
            }
        })
        .collect();
    cased.join(" ")
}

/// Capitalises each part of a lower-case word split at hyphens and
/// apostrophes ("jean-luc" → "Jean-Luc", "d'angelo" → "D'Angelo").
fn case_word(word: &str) -> String {
    word.split_inclusive(['-', '\'', '’']).map(case_part).collect()
}

/// "mcdonald" → "McDonald"; any other part gets a capital first letter.
fn case_part(part: &str) -> String {
    if let Some(rest) = part.strip_prefix("mc").filter(|r| r.chars().filter(|c| c.is_alphabetic()).count() >= 2) {
        return format!("Mc{}", capitalise(rest));
    }
    capitalise(part)
}

fn capitalise(s: &str) -> String {
    let mut chars = s.chars();
    match chars.next() {
        Some(first) => first.to_uppercase().chain(chars).collect(),
        None => String::new(),
    }
}

// ---------------------------------------------------------------------------
// Email
// ---------------------------------------------------------------------------

/// How a mail provider treats local parts: whether it ignores dots and
/// whether it ignores "+tag" suffixes. All providers listed here treat the
/// local part case-insensitively.
struct Provider {
    domains: &'static [&'static str],
    ignores_dots: bool,
    ignores_plus: bool,
}

const PROVIDERS: &[Provider] = &[
    Provider { domains: &["gmail.com", "googlemail.com"], ignores_dots: true, ignores_plus: true },
    Provider {
        domains: &[
            "outlook.com",
            "hotmail.com",
            "live.com",
            "msn.com",
            "hotmail.co.uk",
            "hotmail.fr",
            "hotmail.es",
            "hotmail.nl",
            "hotmail.de",
            "hotmail.it",
            "outlook.de",
            "outlook.es",
            "outlook.fr",
            "live.co.uk",
            "live.nl",
            "live.fr",
        ],
        ignores_dots: false,
        ignores_plus: true,
    },
    Provider { domains: &["fastmail.com", "fastmail.fm"], ignores_dots: false, ignores_plus: true },
    Provider {
        domains: &["protonmail.com", "protonmail.ch", "proton.me", "pm.me"],
        ignores_dots: false,
        ignores_plus: true,
    },
    Provider { domains: &["icloud.com", "me.com", "mac.com"], ignores_dots: false, ignores_plus: true },
    Provider {
        domains: &[
            "yahoo.com",
            "yahoo.co.uk",
            "yahoo.es",
            "yahoo.fr",
            "yahoo.de",
            "aol.com",
            "gmx.de",
            "gmx.net",
            "web.de",
            "t-online.de",
            "orange.fr",
            "free.fr",
            "laposte.net",
            "sfr.fr",
            "btinternet.com",
            "ziggo.nl",
            "kpnmail.nl",
            "telefonica.net",
        ],
        ignores_dots: false,
        ignores_plus: false,
    },
];

/// Every provider domain with its provider, for one hash lookup per
/// address (this runs for every contact of a duplicate scan).
static PROVIDER_OF: std::sync::LazyLock<
    std::collections::HashMap<
        &'static str,
        &'static Provider,
        std::hash::BuildHasherDefault<crate::core::hash::FxHasher>,
    >,
> = std::sync::LazyLock::new(|| PROVIDERS.iter().flat_map(|p| p.domains.iter().map(move |d| (*d, p))).collect());

fn provider(domain: &str) -> Option<&'static Provider> {
    PROVIDER_OF.get(domain).copied()
}

/// Whether a (lower-case) domain is a known public mail provider, as opposed
/// to an organisation's own domain.
pub fn is_mail_provider(domain: &str) -> bool {
    provider(domain).is_some()
}

/// Splits a trimmed address into (local, domain) if it looks like an email:
/// one "@", a non-empty local part, a dotted domain and no white space.
fn split_email(address: &str) -> Option<(&str, &str)> {
    let (local, domain) = address.rsplit_once('@')?;
    let plausible = !local.is_empty()
        && !local.contains('@')
        && domain.contains('.')
        && !domain.starts_with('.')
        && !domain.ends_with('.')
        && !address.chars().any(char::is_whitespace);
    plausible.then_some((local, domain))
}

/// The form two addresses of one mailbox share: trimmed and lower-cased; for
/// providers known to ignore them, dots and "+tags" are removed from the local
/// part and "googlemail.com" becomes "gmail.com". `None` if not an email.
pub fn canonical_email(address: &str) -> Option<String> {
    let trimmed = address.trim();
    if trimmed.is_ascii() {
        canonical_ascii_email(trimmed)
    } else {
        canonical_any_email(trimmed)
    }
}

/// [`canonical_email`] of any trimmed address.
fn canonical_any_email(trimmed: &str) -> Option<String> {
    let lower = trimmed.to_lowercase();
    let (local, domain) = split_email(&lower)?;
    let domain = if domain == "googlemail.com" { "gmail.com" } else { domain };
    let mut local = local.to_string();
    if let Some(p) = provider(domain) {
        if p.ignores_plus {
            if let Some(cut) = local.find('+') {
                local.truncate(cut);
            }
        }
        if p.ignores_dots {
            local.retain(|c| c != '.');
        }
    }
    if local.is_empty() {
        return None;
    }
    Some(format!("{local}@{domain}"))
}

/// [`canonical_email`] of an ASCII address, with one allocation (the
/// result): most addresses are ASCII, and a duplicate scan reads them all.
fn canonical_ascii_email(trimmed: &str) -> Option<String> {
    let (local, domain) = split_email(trimmed)?;
    // Domains are short; a longer one takes the general path.
    let mut buf = [0u8; 64];
    let Some(lower) = buf.get_mut(..domain.len()) else { return canonical_any_email(trimmed) };
    lower.copy_from_slice(domain.as_bytes());
    lower.make_ascii_lowercase();
    let domain = std::str::from_utf8(lower).ok()?;
    let domain = if domain == "googlemail.com" { "gmail.com" } else { domain };
    let rules = provider(domain).map_or((false, false), |p| (p.ignores_plus, p.ignores_dots));
    let local = if rules.0 { local.split('+').next().unwrap_or("") } else { local };
    let mut out = String::with_capacity(local.len() + 1 + domain.len());
    out.extend(local.chars().filter(|&c| !(rules.1 && c == '.')).map(|c| c.to_ascii_lowercase()));
    if out.is_empty() {
        return None;
    }
    out.push('@');
    out.push_str(domain);
    Some(out)
}

/// The address as it should be stored: trimmed, the domain in lower case
/// (case-insensitive by standard), and the local part in lower case too only
/// for known providers, which treat it case-insensitively.
fn tidy_email(address: &str) -> String {
    let trimmed = address.trim();
    match split_email(trimmed) {
        Some((local, domain)) => {
            let domain = domain.to_lowercase();
            let local = if provider(&domain).is_some() { local.to_lowercase() } else { local.to_string() };
            format!("{local}@{domain}")
        }
        None => trimmed.to_string(),
    }
}

// ---------------------------------------------------------------------------
// Phones
// ---------------------------------------------------------------------------

/// Telephone metadata for one country: enough to go between national and
/// international forms and to reject numbers of impossible length.
struct PhoneCountry {
    /// ISO 3166-1 alpha-2 code.
    iso: &'static str,
    /// Country calling code, without "+".
    cc: &'static str,
    /// National trunk prefix dropped in the international form, if any.
    trunk: Option<&'static str>,
    /// Range of digits in a national significant number.
    min: usize,
    max: usize,
    /// Digit groups for display ("+44 20 7946 0958"); used when they add up.
    groups: &'static [usize],
}

#[rustfmt::skip]
const PHONE_COUNTRIES: &[PhoneCountry] = &[
    PhoneCountry { iso: "US", cc: "1", trunk: Some("1"), min: 10, max: 10, groups: &[3, 3, 4] },
    PhoneCountry { iso: "CA", cc: "1", trunk: Some("1"), min: 10, max: 10, groups: &[3, 3, 4] },
    PhoneCountry { iso: "GB", cc: "44", trunk: Some("0"), min: 9, max: 10, groups: &[2, 4, 4] },
    PhoneCountry { iso: "DE", cc: "49", trunk: Some("0"), min: 6, max: 13, groups: &[] },
    PhoneCountry { iso: "FR", cc: "33", trunk: Some("0"), min: 9, max: 9, groups: &[1, 2, 2, 2, 2] },
    PhoneCountry { iso: "ES", cc: "34", trunk: None, min: 9, max: 9, groups: &[3, 3, 3] },
    PhoneCountry { iso: "NL", cc: "31", trunk: Some("0"), min: 9, max: 9, groups: &[2, 3, 4] },
    PhoneCountry { iso: "IE", cc: "353", trunk: Some("0"), min: 7, max: 9, groups: &[] },
    // Italian numbers keep their leading 0 in international form: no trunk prefix.
    PhoneCountry { iso: "IT", cc: "39", trunk: None, min: 6, max: 11, groups: &[] },
    PhoneCountry { iso: "BE", cc: "32", trunk: Some("0"), min: 8, max: 9, groups: &[] },
    PhoneCountry { iso: "CH", cc: "41", trunk: Some("0"), min: 9, max: 9, groups: &[2, 3, 2, 2] },
    PhoneCountry { iso: "AT", cc: "43", trunk: Some("0"), min: 4, max: 13, groups: &[] },
    PhoneCountry { iso: "SE", cc: "46", trunk: Some("0"), min: 7, max: 10, groups: &[] },
    PhoneCountry { iso: "NO", cc: "47", trunk: None, min: 8, max: 8, groups: &[2, 2, 2, 2] },
    PhoneCountry { iso: "DK", cc: "45", trunk: None, min: 8, max: 8, groups: &[2, 2, 2, 2] },
    PhoneCountry { iso: "PL", cc: "48", trunk: None, min: 9, max: 9, groups: &[3, 3, 3] },
    PhoneCountry { iso: "PT", cc: "351", trunk: None, min: 9, max: 9, groups: &[3, 3, 3] },
    PhoneCountry { iso: "AU", cc: "61", trunk: Some("0"), min: 9, max: 9, groups: &[1, 4, 4] },
    PhoneCountry { iso: "IN", cc: "91", trunk: Some("0"), min: 10, max: 10, groups: &[5, 5] },
    PhoneCountry { iso: "JP", cc: "81", trunk: Some("0"), min: 9, max: 10, groups: &[] },
    PhoneCountry { iso: "BR", cc: "55", trunk: Some("0"), min: 10, max: 11, groups: &[] },
    // Mexico dropped its trunk prefixes in 2019.
    PhoneCountry { iso: "MX", cc: "52", trunk: None, min: 10, max: 10, groups: &[3, 3, 4] },
];

fn phone_country(iso: &str) -> Option<&'static PhoneCountry> {
    let iso = iso.trim();
    let key: [u8; 2] = iso.as_bytes().try_into().ok()?;
    PHONE_COUNTRY_OF.get(&key.map(|b| b.to_ascii_uppercase())).copied()
}

/// The table's countries by ISO code and by calling code: looked up for
/// every phone number of a duplicate scan.
type ByKey<K> =
    std::collections::HashMap<K, &'static PhoneCountry, std::hash::BuildHasherDefault<crate::core::hash::FxHasher>>;
static PHONE_COUNTRY_OF: std::sync::LazyLock<ByKey<[u8; 2]>> = std::sync::LazyLock::new(|| {
    let mut map = ByKey::default();
    for c in PHONE_COUNTRIES {
        if let Ok(key) = <[u8; 2]>::try_from(c.iso.as_bytes()) {
            map.entry(key).or_insert(c);
        }
    }
    map
});
static PHONE_COUNTRY_BY_CODE: std::sync::LazyLock<ByKey<&'static str>> = std::sync::LazyLock::new(|| {
    let mut map = ByKey::default();
    for c in PHONE_COUNTRIES {
        map.entry(c.cc).or_insert(c);
    }
    map
});

/// The country for an international number: the default country when it
/// shares the calling code (so "+1" stays "CA" for Canadians), else the first
/// table entry with the code.
fn country_for_code(cc: &str, default: Option<&'static PhoneCountry>) -> Option<&'static PhoneCountry> {
    default.filter(|d| d.cc == cc).or_else(|| PHONE_COUNTRY_BY_CODE.get(cc).copied())
}

/// A phone number in E.164 form with its country and any extension.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct PhoneNumber {
    /// "+442079460958".
    pub e164: String,
    /// ISO 3166-1 alpha-2 code ("GB"); empty for calling codes not in the table.
    pub country: String,
    /// Extension digits ("123" from "x123"), empty when none.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub extension: String,
}

impl PhoneNumber {
    /// Grouped for reading: "+44 20 7946 0958".
    pub fn display(&self) -> String {
        let meta = phone_country(&self.country);
        let cc = meta.map_or("", |m| m.cc);
        let nsn =
            self.e164.trim_start_matches('+').strip_prefix(cc).unwrap_or_else(|| self.e164.get(1..).unwrap_or(""));
        let groups: &[usize] = match meta {
            Some(m) if m.groups.iter().sum::<usize>() == nsn.len() => m.groups,
            _ => &[3, 3, 4, 4],
        };
        let mut out = String::with_capacity(self.e164.len() + 6);
        out.push('+');
        out.push_str(cc);
        let mut rest = nsn;
        for (i, &g) in groups.iter().enumerate() {
            if rest.is_empty() {
                break;
            }
            let take = if i + 1 == groups.len() { rest.len() } else { g.min(rest.len()) };
            if !out.ends_with('+') {
                out.push(' ');
            }
            out.push_str(&rest[..take]);
            rest = &rest[take..];
        }
        out
    }

    /// E.164 with the extension, as suggested for storage: "+12125550142 ext. 12".
    pub fn stored_form(&self) -> String {
        if self.extension.is_empty() {
            self.e164.clone()
        } else {
            format!("{} ext. {}", self.e164, self.extension)
        }
    }
}

/// Why a phone number could not be read.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum PhoneError {
    Empty,
    /// Letters or symbols that phone numbers do not contain.
    InvalidCharacters,
    /// The default country is not in the table.
    UnknownDefaultCountry,
    TooShort,
    TooLong,
}

/// Splits "020 7946 0958 ext. 12" into ("020 7946 0958 ", "12"). An extension
/// marker is "ext", "extension", "x" or "#" after at least one digit, followed
/// by digits to the end.
fn split_extension(text: &str) -> (&str, &str) {
    // Most numbers have no marker at all: skip the searches for them.
    if !text.bytes().any(|b| b.is_ascii_alphabetic() || b == b'#') {
        return (text, "");
    }
    let lower = text.to_ascii_lowercase();
    for marker in ["extension", "ext", "x", "#"] {
        let Some(pos) = lower.rfind(marker) else { continue };
        if !text[..pos].bytes().any(|b| b.is_ascii_digit()) {
            continue;
        }
        let tail = text[pos + marker.len()..].trim_start_matches(['.', ':', ' ', '=']);
        if !tail.is_empty() && tail.bytes().all(|b| b.is_ascii_digit()) {
            return (text[..pos].trim_end_matches([';', ',', ' ']), tail);
        }
    }
    (text, "")
}

/// Reads a phone number written nationally ("020 7946 0958", with the trunk
/// "0") for `default_country`, or internationally ("+44 20 7946 0958",
/// "0044 …", "011 44 …" from North America, "+44 (0)20 …"), with punctuation
/// and an optional extension. Only lengths are validated.
pub fn parse_phone(text: &str, default_country: &str) -> Result<PhoneNumber, PhoneError> {
    let (main, extension) = split_extension(text.trim());
    if main.is_empty() {
        return Err(PhoneError::Empty);
    }
    if !main.chars().all(|c| c.is_ascii_digit() || matches!(c, ' ' | '(' | ')' | '-' | '.' | '/' | '\u{a0}' | '+')) {
        return Err(PhoneError::InvalidCharacters);
    }
    let plus = main.trim_start().starts_with('+');
    if main.chars().skip(1).any(|c| c == '+') {
        return Err(PhoneError::InvalidCharacters);
    }
    let digits: String = main.chars().filter(char::is_ascii_digit).collect();
    if digits.is_empty() {
        return Err(PhoneError::Empty);
    }
    let default = phone_country(default_country);
    let nanp = default.is_some_and(|d| d.cc == "1");
    let international = if plus {
        Some(digits.as_str())
    } else if let Some(rest) = digits.strip_prefix("00") {
        Some(rest)
    } else if nanp {
        digits.strip_prefix("011")
    } else {
        None
    };
    let mut number = match international {
        Some(rest) => parse_international(rest, default)?,
        None => parse_national(&digits, default.ok_or(PhoneError::UnknownDefaultCountry)?)?,
    };
    number.extension = extension.to_string();
    Ok(number)
}

/// Digits after the international prefix: a calling code of one to three
/// digits, then the national significant number (a stray trunk "0" written as
/// "(0)" is dropped).
fn parse_international(digits: &str, default: Option<&'static PhoneCountry>) -> Result<PhoneNumber, PhoneError> {
    let found = (1..=3).filter(|&k| k <= digits.len()).find_map(|k| country_for_code(&digits[..k], default));
    let Some(meta) = found else {
        // A calling code we do not know: keep it if E.164 allows the length.
        return check_length(digits.len(), 8, 15).map(|()| PhoneNumber {
            e164: format!("+{digits}"),
            country: String::new(),
            extension: String::new(),
        });
    };
    let mut nsn = &digits[meta.cc.len()..];
    if meta.trunk == Some("0") && nsn.len() > meta.min {
        nsn = nsn.strip_prefix('0').unwrap_or(nsn);
    }
    finish(meta, nsn)
}

/// A national number: the trunk prefix is dropped when present.
fn parse_national(digits: &str, meta: &'static PhoneCountry) -> Result<PhoneNumber, PhoneError> {
    let nsn = match meta.trunk {
        Some(trunk) if digits.len() > meta.min => digits.strip_prefix(trunk).unwrap_or(digits),
        _ => digits,
    };
    finish(meta, nsn)
}

fn finish(meta: &'static PhoneCountry, nsn: &str) -> Result<PhoneNumber, PhoneError> {
    check_length(nsn.len(), meta.min, meta.max)?;
    let mut e164 = String::with_capacity(1 + meta.cc.len() + nsn.len());
    e164.push('+');
    e164.push_str(meta.cc);
    e164.push_str(nsn);
    Ok(PhoneNumber { e164, country: meta.iso.to_string(), extension: String::new() })
}

fn check_length(len: usize, min: usize, max: usize) -> Result<(), PhoneError> {
    if len < min {
        Err(PhoneError::TooShort)
    } else if len > max {
        Err(PhoneError::TooLong)
    } else {
        Ok(())
    }
}

// ---------------------------------------------------------------------------
// Domains and URLs
// ---------------------------------------------------------------------------

/// Splits "https://user@www.Example.com:8080/path?q#f" into scheme ("https")
/// and the rest after "://".
fn split_scheme(s: &str) -> (Option<&str>, &str) {
    match s.split_once("://") {
        Some((scheme, rest)) if !scheme.is_empty() && scheme.chars().all(|c| c.is_ascii_alphanumeric()) => {
            (Some(scheme), rest)
        }
        _ => (None, s),
    }
}

/// The host of an authority ("user@www.example.com:8080"): user info and
/// port removed, lower case, no trailing dot. `None` if it is not a plausible
/// host name (labels of letters, digits and hyphens, Unicode allowed).
fn clean_host(authority: &str) -> Option<(String, Option<&str>)> {
    let host_port = authority.rsplit_once('@').map_or(authority, |(_, h)| h);
    let (host, port) = match host_port.rsplit_once(':') {
        Some((h, p)) if p.bytes().all(|b| b.is_ascii_digit()) => (h, Some(p).filter(|p| !p.is_empty())),
        _ => (host_port, None),
    };
    let host = host.trim_end_matches('.').to_lowercase();
    let valid = host.contains('.')
        && host.split('.').all(|label| {
            !label.is_empty()
                && !label.starts_with('-')
                && !label.ends_with('-')
                && label.chars().all(|c| c.is_alphanumeric() || c == '-')
        });
    valid.then_some((host, port))
}

/// A bare host name for a company: "https://www.Example.com:443/about" →
/// "example.com". Internationalised names stay in Unicode.
pub fn normalize_domain(input: &str) -> Option<String> {
    let (_, rest) = split_scheme(input.trim());
    let authority = rest.split(['/', '?', '#']).next().unwrap_or("");
    let (host, _) = clean_host(authority)?;
    let host = host.strip_prefix("www.").filter(|h| h.contains('.')).map(str::to_string).unwrap_or(host);
    Some(host)
}

/// A web address in a consistent form: scheme (default "https") and host in
/// lower case, default port and fragment removed, path and query kept as
/// typed, no lone trailing "/". `None` if there is no plausible host.
pub fn normalize_url(input: &str) -> Option<String> {
    let (scheme, rest) = split_scheme(input.trim());
    let scheme = scheme.map_or_else(|| "https".to_string(), str::to_lowercase);
    let rest = rest.split('#').next().unwrap_or("");
    let cut = rest.find(['/', '?']).unwrap_or(rest.len());
    let (authority, path) = rest.split_at(cut);
    let (host, port) = clean_host(authority)?;
    let default_port = matches!((scheme.as_str(), port), ("https", Some("443")) | ("http", Some("80")));
    let port = port.filter(|_| !default_port).map(|p| format!(":{p}")).unwrap_or_default();
    let path = if path == "/" { "" } else { path };
    Some(format!("{scheme}://{host}{port}{path}"))
}

// ---------------------------------------------------------------------------
// Suggestions
// ---------------------------------------------------------------------------

/// A proposed change to one field: shown to the person, applied only if accepted.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Suggestion {
    /// The field's path: "given_name", "emails[0].address", "phones[1].number".
    pub field: String,
    pub current: String,
    pub suggested: String,
    pub reason: FixReason,
}

/// Why a fix is suggested. Serialised as the English words it always had
/// ("extra spaces"); the UI names it in the person's language by [`key`](FixReason::key).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum FixReason {
    #[serde(rename = "extra spaces and inconsistent capitals")]
    SpacesAndCapitals,
    #[serde(rename = "extra spaces")]
    Spaces,
    #[serde(rename = "inconsistent capitals")]
    Capitals,
    #[serde(rename = "email letter case")]
    EmailCase,
    #[serde(rename = "international format")]
    International,
    #[serde(rename = "country code")]
    CountryCode,
    #[serde(rename = "bare domain")]
    BareDomain,
}

impl FixReason {
    /// The reason's name in the catalogue (`fixes.reason.<key>`, `audit.reason.<key>`).
    pub fn key(self) -> &'static str {
        match self {
            FixReason::SpacesAndCapitals => "spaces_and_capitals",
            FixReason::Spaces => "spaces",
            FixReason::Capitals => "capitals",
            FixReason::EmailCase => "email_case",
            FixReason::International => "international",
            FixReason::CountryCode => "country_code",
            FixReason::BareDomain => "bare_domain",
        }
    }

    /// The reason in English, as it is serialised.
    pub fn english(self) -> &'static str {
        match self {
            FixReason::SpacesAndCapitals => "extra spaces and inconsistent capitals",
            FixReason::Spaces => "extra spaces",
            FixReason::Capitals => "inconsistent capitals",
            FixReason::EmailCase => "email letter case",
            FixReason::International => "international format",
            FixReason::CountryCode => "country code",
            FixReason::BareDomain => "bare domain",
        }
    }
}

/// Collects suggestions, skipping those that would change nothing.
#[derive(Default)]
struct Suggestions(Vec<Suggestion>);

impl Suggestions {
    fn offer(&mut self, field: String, current: &str, suggested: String, reason: FixReason) {
        if suggested != current {
            self.0.push(Suggestion { field, current: current.to_string(), suggested, reason });
        }
    }

    /// White space collapsed, then casing made consistent.
    fn name(&mut self, field: &str, current: &str) {
        let spaced = collapse_spaces(current);
        let cased = name_case(&spaced);
        let reason = match (spaced != current, cased != spaced) {
            (true, true) => FixReason::SpacesAndCapitals,
            (true, false) => FixReason::Spaces,
            _ => FixReason::Capitals,
        };
        self.offer(field.to_string(), current, cased, reason);
    }

    fn spaces(&mut self, field: String, current: &str) {
        self.offer(field, current, collapse_spaces(current), FixReason::Spaces);
    }
}

/// Suggestions for a contact: names, job title, emails, phones (E.164 for
/// `default_country`), and address white space and country codes.
pub fn suggest_contact(contact: &Contact, default_country: &str) -> Vec<Suggestion> {
    let mut s = Suggestions::default();
    s.name("given_name", &contact.given_name);
    s.name("family_name", &contact.family_name);
    s.spaces("job_title".into(), &contact.job_title);
    for (i, email) in contact.emails.iter().enumerate() {
        s.offer(format!("emails[{i}].address"), &email.address, tidy_email(&email.address), FixReason::EmailCase);
    }
    let country = contact.addresses.iter().map(|a| a.country.trim()).find(|c| !c.is_empty());
    let country = country.filter(|c| phone_country(c).is_some()).unwrap_or(default_country);
    for (i, phone) in contact.phones.iter().enumerate() {
        if let Ok(parsed) = parse_phone(&phone.number, country) {
            s.offer(format!("phones[{i}].number"), &phone.number, parsed.stored_form(), FixReason::International);
        }
    }
    for (i, a) in contact.addresses.iter().enumerate() {
        s.spaces(format!("addresses[{i}].street"), &a.street);
        s.spaces(format!("addresses[{i}].city"), &a.city);
        s.spaces(format!("addresses[{i}].postal_code"), &a.postal_code);
        // A country the table knows becomes its code; one it does not know
        // stays exactly as written (never upper-cased into something else).
        if let Some(code) = crate::core::countries::country_code(&a.country) {
            s.offer(format!("addresses[{i}].country"), &a.country, code.to_string(), FixReason::CountryCode);
        }
    }
    s.0
}

/// Suggestions for a company: name white space and a bare domain.
pub fn suggest_company(company: &Company) -> Vec<Suggestion> {
    let mut s = Suggestions::default();
    s.spaces("name".into(), &company.name);
    if let Some(domain) = normalize_domain(&company.domain) {
        s.offer("domain".into(), &company.domain, domain, FixReason::BareDomain);
    }
    s.0
}

/// `field[index].part` → (field, index, part); a plain field has no index.
fn field_path(path: &str) -> (&str, Option<usize>, &str) {
    match path.split_once('[') {
        Some((field, rest)) => {
            let (index, part) = rest.split_once("].").unwrap_or((rest.trim_end_matches(']'), ""));
            (field, index.parse().ok(), part)
        }
        None => (path, None, ""),
    }
}

/// Applies an accepted suggestion to a contact; `false` when its field no
/// longer holds the value the suggestion was made for (nothing changes).
pub fn apply_to_contact(contact: &mut Contact, s: &Suggestion) -> bool {
    let slot: Option<&mut String> = match field_path(&s.field) {
        ("given_name", None, _) => Some(&mut contact.given_name),
        ("family_name", None, _) => Some(&mut contact.family_name),
        ("job_title", None, _) => Some(&mut contact.job_title),
        ("emails", Some(i), "address") => contact.emails.get_mut(i).map(|e| &mut e.address),
        ("phones", Some(i), "number") => contact.phones.get_mut(i).map(|p| &mut p.number),
        ("addresses", Some(i), part) => contact.addresses.get_mut(i).and_then(|a| match part {
            "street" => Some(&mut a.street),
            "city" => Some(&mut a.city),
            "postal_code" => Some(&mut a.postal_code),
            "country" => Some(&mut a.country),
            _ => None,
        }),
        _ => None,
    };
    replace_if_current(slot, s)
}

/// Applies an accepted suggestion to a company (see [`apply_to_contact`]).
pub fn apply_to_company(company: &mut Company, s: &Suggestion) -> bool {
    let slot = match s.field.as_str() {
        "name" => Some(&mut company.name),
        "domain" => Some(&mut company.domain),
        _ => None,
    };
    replace_if_current(slot, s)
}

fn replace_if_current(slot: Option<&mut String>, s: &Suggestion) -> bool {
    match slot {
        Some(v) if *v == s.current => {
            *v = s.suggested.clone();
            true
        }
        _ => false,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::core::records::{Address, Email, Phone};
    use chrono::{TimeZone, Utc};

    #[test]
    fn names_in_one_case_get_capitals() {
        assert_eq!(name_case("JOHN SMITH"), "John Smith");
        assert_eq!(name_case("jean-luc"), "Jean-Luc");
        assert_eq!(name_case("O'NEIL"), "O'Neil");
        assert_eq!(name_case("d'angelo"), "D'Angelo");
        assert_eq!(name_case("MCDONALD"), "McDonald");
        assert_eq!(name_case("VAN DER BERG"), "van der Berg");
        assert_eq!(name_case("ludwig van beethoven"), "Ludwig van Beethoven");
        assert_eq!(name_case("ÉLODIE"), "Élodie");
        assert_eq!(name_case("müller-lüdenscheidt"), "Müller-Lüdenscheidt");
    }

    #[test]
    fn mac_is_never_invented_and_mixed_case_is_kept() {
        assert_eq!(name_case("MACK"), "Mack");
        assert_eq!(name_case("macleod"), "Macleod");
        assert_eq!(name_case("MacLeod"), "MacLeod");
        assert_eq!(name_case("McDonald"), "McDonald");
        assert_eq!(name_case("de Vries"), "de Vries");
        assert_eq!(name_case("mc"), "Mc");
    }

    #[test]
    fn a_particle_alone_is_capitalised() {
        assert_eq!(name_case("DE"), "De");
        assert_eq!(name_case("la"), "La");
    }

    #[test]
    fn the_ascii_path_of_canonical_emails_agrees_with_the_general_one() {
        let samples = [
            "John.Smith+news@GoogleMail.com",
            "j.s.m.i.t.h@gmail.com",
            "Jane.Doe+x@Outlook.com",
            "+only@gmail.com",
            "a@b@c.com",
            "a.b+c@Acme.COM",
            "x@y",
            "@gmail.com",
            "ANN..LEE@HOTMAIL.FR",
            "very.long.local.part@a-very-long-organisation-domain-name-that-keeps-on-going.example.com",
        ];
        for s in samples {
            assert_eq!(canonical_ascii_email(s), canonical_any_email(s), "{s}");
        }
    }

    #[test]
    fn canonical_emails_follow_provider_rules() {
        assert_eq!(canonical_email(" John.Smith+news@GoogleMail.com ").as_deref(), Some("johnsmith@gmail.com"));
        assert_eq!(canonical_email("j.s.m.i.t.h@gmail.com").as_deref(), Some("jsmith@gmail.com"));
        assert_eq!(canonical_email("Jane.Doe+x@Outlook.com").as_deref(), Some("jane.doe@outlook.com"));
        assert_eq!(canonical_email("jane.doe+y@hotmail.co.uk").as_deref(), Some("jane.doe@hotmail.co.uk"));
        assert_eq!(canonical_email("a.b+c@fastmail.com").as_deref(), Some("a.b@fastmail.com"));
        assert_eq!(canonical_email("a.b+c@protonmail.com").as_deref(), Some("a.b@protonmail.com"));
        assert_eq!(canonical_email("a.b+c@icloud.com").as_deref(), Some("a.b@icloud.com"));
        // Unknown providers keep dots and tags; only case is folded.
        assert_eq!(canonical_email("A.B+c@Acme.COM").as_deref(), Some("a.b+c@acme.com"));
    }

    #[test]
    fn non_emails_have_no_canonical_form() {
        assert_eq!(canonical_email("john"), None);
        assert_eq!(canonical_email("@gmail.com"), None);
        assert_eq!(canonical_email("a@localhost"), None);
        assert_eq!(canonical_email("a b@c.com"), None);
        assert_eq!(canonical_email("+tag@gmail.com"), None);
    }

    fn e164(text: &str, country: &str) -> String {
        parse_phone(text, country).map(|p| p.e164).unwrap_or_else(|e| format!("{e:?}"))
    }

    #[test]
    fn national_numbers_in_each_country() {
        let cases = [
            ("(415) 555-0142", "US", "+14155550142"),
            ("1-415-555-0142", "US", "+14155550142"),
            ("613 555 0199", "CA", "+16135550199"),
            ("020 7946 0958", "GB", "+442079460958"),
            ("030 1234567", "DE", "+49301234567"),
            ("01 23 45 67 89", "FR", "+33123456789"),
            ("912 34 56 78", "ES", "+34912345678"),
            ("020-123 4567", "NL", "+31201234567"),
            ("01 234 5678", "IE", "+35312345678"),
            ("06 1234 5678", "IT", "+390612345678"),
            ("02 123 45 67", "BE", "+3221234567"),
            ("044 668 18 00", "CH", "+41446681800"),
            ("01 58 58 0", "AT", "+43158580"),
            ("08-123 456 78", "SE", "+46812345678"),
            ("22 33 44 55", "NO", "+4722334455"),
            ("33 12 34 56", "DK", "+4533123456"),
            ("12 345 67 89", "PL", "+48123456789"),
            ("213 456 789", "PT", "+351213456789"),
            ("(02) 9876 5432", "AU", "+61298765432"),
            ("098765 43210", "IN", "+919876543210"),
            ("03-1234-5678", "JP", "+81312345678"),
            ("(11) 91234-5678", "BR", "+5511912345678"),
            ("55 1234 5678", "MX", "+525512345678"),
        ];
        for (text, country, want) in cases {
            assert_eq!(e164(text, country), want, "{text} in {country}");
            assert_eq!(parse_phone(text, country).unwrap().country, country);
        }
    }

    #[test]
    fn international_prefixes() {
        assert_eq!(e164("+44 20 7946 0958", "US"), "+442079460958");
        assert_eq!(e164("+44 (0)20 7946 0958", "DE"), "+442079460958");
        assert_eq!(e164("0044 20 7946 0958", "FR"), "+442079460958");
        assert_eq!(e164("011 44 20 7946 0958", "US"), "+442079460958");
        assert_eq!(e164("+39 06 1234 5678", "GB"), "+390612345678");
        assert_eq!(e164("+353 1 234 5678", "GB"), "+35312345678");
        assert_eq!(parse_phone("+1 613 555 0199", "CA").unwrap().country, "CA");
        assert_eq!(parse_phone("+1 613 555 0199", "GB").unwrap().country, "US");
        assert_eq!(parse_phone("+352 12 34 56 78", "GB").unwrap().country, "");
    }

    #[test]
    fn extensions_are_kept_apart() {
        let p = parse_phone("020 7946 0958 x123", "GB").unwrap();
        assert_eq!((p.e164.as_str(), p.extension.as_str()), ("+442079460958", "123"));
        let p = parse_phone("(415) 555-0142 ext. 5", "US").unwrap();
        assert_eq!((p.e164.as_str(), p.extension.as_str()), ("+14155550142", "5"));
        assert_eq!(p.stored_form(), "+14155550142 ext. 5");
    }

    #[test]
    fn bad_numbers_are_rejected() {
        assert_eq!(parse_phone("", "GB"), Err(PhoneError::Empty));
        assert_eq!(parse_phone("call me", "GB"), Err(PhoneError::InvalidCharacters));
        assert_eq!(parse_phone("020 7946", "GB"), Err(PhoneError::TooShort));
        assert_eq!(parse_phone("020 7946 0958 123", "GB"), Err(PhoneError::TooLong));
        assert_eq!(parse_phone("555 0142", "US"), Err(PhoneError::TooShort));
        assert_eq!(parse_phone("0123 456789", "ZZ"), Err(PhoneError::UnknownDefaultCountry));
    }

    #[test]
    fn phones_display_in_groups() {
        assert_eq!(parse_phone("020 7946 0958", "GB").unwrap().display(), "+44 20 7946 0958");
        assert_eq!(parse_phone("(415) 555-0142", "US").unwrap().display(), "+1 415 555 0142");
        assert_eq!(parse_phone("01 23 45 67 89", "FR").unwrap().display(), "+33 1 23 45 67 89");
    }

    #[test]
    fn domains_are_bare_host_names() {
        assert_eq!(normalize_domain("https://www.Example.com:8443/about?x=1").as_deref(), Some("example.com"));
        assert_eq!(normalize_domain("EXAMPLE.co.uk.").as_deref(), Some("example.co.uk"));
        assert_eq!(normalize_domain("http://user@shop.example.com/").as_deref(), Some("shop.example.com"));
        assert_eq!(normalize_domain("bücher.de").as_deref(), Some("bücher.de"));
        assert_eq!(normalize_domain("www.com").as_deref(), Some("www.com"));
        assert_eq!(normalize_domain("not a domain"), None);
        assert_eq!(normalize_domain("localhost"), None);
    }

    #[test]
    fn urls_are_tidied() {
        assert_eq!(normalize_url("Example.com/").as_deref(), Some("https://example.com"));
        assert_eq!(normalize_url("HTTP://Example.com:80/About#team").as_deref(), Some("http://example.com/About"));
        assert_eq!(normalize_url("https://example.com:8443/a?b=C").as_deref(), Some("https://example.com:8443/a?b=C"));
        assert_eq!(normalize_url("https:///nohost"), None);
    }

    fn contact() -> Contact {
        let t = Utc.with_ymd_and_hms(2026, 1, 2, 3, 4, 5).unwrap();
        Contact::blank("c1".into(), t)
    }

    fn fields(s: &[Suggestion]) -> Vec<(&str, &str)> {
        s.iter().map(|s| (s.field.as_str(), s.suggested.as_str())).collect()
    }

    #[test]
    fn contact_names_get_spacing_and_casing_suggestions() {
        let mut c = contact();
        c.given_name = " JEAN-LUC ".into();
        c.family_name = "van  der Berg".into();
        let s = suggest_contact(&c, "GB");
        assert_eq!(fields(&s), [("given_name", "Jean-Luc"), ("family_name", "van der Berg")]);
        assert_eq!(s[0].reason.english(), "extra spaces and inconsistent capitals");
        assert_eq!(s[1].reason.english(), "extra spaces");
    }

    #[test]
    fn email_case_suggestions_depend_on_provider() {
        let mut c = contact();
        c.emails.push(Email { address: "John.Smith@GMAIL.com".into(), ..Default::default() });
        c.emails.push(Email { address: "John.Smith@ACME.com".into(), ..Default::default() });
        c.emails.push(Email { address: "j.smith+x@gmail.com".into(), ..Default::default() });
        let s = suggest_contact(&c, "GB");
        assert_eq!(
            fields(&s),
            [("emails[0].address", "john.smith@gmail.com"), ("emails[1].address", "John.Smith@acme.com")]
        );
    }

    #[test]
    fn a_known_country_is_offered_as_its_code_and_an_unknown_one_is_left_as_written() {
        let mut c = contact();
        c.addresses.push(Address { country: "Deutschland".into(), ..Default::default() });
        c.addresses.push(Address { country: "Atlantis".into(), ..Default::default() });
        c.addresses.push(Address { country: "is".into(), ..Default::default() });
        assert_eq!(
            fields(&suggest_contact(&c, "GB")),
            [("addresses[0].country", "DE"), ("addresses[2].country", "IS")]
        );
    }

    #[test]
    fn phones_are_suggested_in_e164_using_the_address_country() {
        let mut c = contact();
        c.phones.push(Phone { number: "020 7946 0958".into(), ..Default::default() });
        c.phones.push(Phone { number: "+442079460958".into(), ..Default::default() });
        c.phones.push(Phone { number: "not a number".into(), ..Default::default() });
        assert_eq!(fields(&suggest_contact(&c, "GB")), [("phones[0].number", "+442079460958")]);
        c.addresses.push(Address { country: "fr".into(), ..Default::default() });
        c.phones[0].number = "01 23 45 67 89".into();
        let s = suggest_contact(&c, "GB");
        assert_eq!(fields(&s), [("phones[0].number", "+33123456789"), ("addresses[0].country", "FR")]);
    }

    #[test]
    fn company_domain_and_name_suggestions() {
        let t = Utc.with_ymd_and_hms(2026, 1, 2, 3, 4, 5).unwrap();
        let mut co = Company::blank("k1".into(), t);
        co.name = "Acme  Ltd ".into();
        co.domain = "https://www.Acme.co.uk/".into();
        assert_eq!(fields(&suggest_company(&co)), [("name", "Acme Ltd"), ("domain", "acme.co.uk")]);
    }

    #[test]
    fn accepted_suggestions_change_only_their_field() {
        let t = Utc.with_ymd_and_hms(2026, 1, 1, 0, 0, 0).unwrap();
        let mut c = Contact::blank("x".into(), t);
        c.given_name = "  jane ".into();
        c.family_name = "DOE".into();
        c.emails = vec![Email { address: "Jane.Doe@GMAIL.com".into(), ..Default::default() }];
        c.phones = vec![Phone { number: "020 7946 0958".into(), ..Default::default() }];
        c.addresses = vec![Address { city: "london  town".into(), country: "gb".into(), ..Default::default() }];
        let before = c.clone();
        let all = suggest_contact(&c, "GB");
        assert!(all.len() >= 5, "{all:?}");
        for s in &all {
            let mut one = before.clone();
            assert!(apply_to_contact(&mut one, s), "{s:?}");
            // Applying it again finds its value gone: nothing more changes.
            let again = one.clone();
            assert!(!apply_to_contact(&mut one, s));
            assert_eq!(one, again);
            // Only that suggestion's field changed.
            let rest: Vec<_> = suggest_contact(&one, "GB").into_iter().map(|x| x.field).collect();
            assert!(!rest.contains(&s.field), "{} still suggested", s.field);
            assert_eq!(rest.len(), all.len() - 1);
        }
        let mut fixed = before.clone();
        for s in &all {
            apply_to_contact(&mut fixed, s);
        }
        assert_eq!((fixed.given_name.as_str(), fixed.family_name.as_str()), ("Jane", "Doe"));
        assert_eq!(fixed.phones[0].number, "+442079460958");
        assert_eq!(fixed.addresses[0].country, "GB");
        assert_eq!(suggest_contact(&fixed, "GB"), Vec::new());
        let mut co = Company::blank("c".into(), t);
        co.name = "Acme  Ltd".into();
        co.domain = "https://www.acme.co.uk/".into();
        for s in suggest_company(&co.clone()) {
            assert!(apply_to_company(&mut co, &s));
        }
        assert_eq!((co.name.as_str(), co.domain.as_str()), ("Acme Ltd", "acme.co.uk"));
    }
}
