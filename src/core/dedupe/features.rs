//! Per-contact comparison features, computed once per contact when the index
//! is built (folding, phone parsing and phonetic keys are too slow to repeat
//! for every pair): cleaned names, nickname roots, phonetic keys, canonical
//! emails, E.164 phones, birthday, address keys and company.

use std::borrow::Cow;
use std::collections::HashMap;
use std::hash::BuildHasherDefault;

use chrono::NaiveDate;

use super::blocking::Fnv;
use super::similarity::{given_root, nickname_groups, phonetic_key};
use crate::core::normalize::{canonical_email, is_mail_provider, parse_phone};
use crate::core::records::{Address, Contact};
use crate::core::text::fold;

/// Family-name particles ignored when comparing surnames ("van der Berg" ~ "Berg").
const PARTICLES: &[&str] =
    &["van", "von", "der", "den", "de", "la", "le", "du", "di", "da", "dos", "das", "del", "della", "ter", "ten", "y"];

/// One postal address reduced to what identifies a place.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct AddressKey {
    /// Upper-case letters and digits only: "SW1A1AA".
    pub postcode: String,
    /// Folded, punctuation removed: "10 downing st".
    pub street: String,
    pub city: String,
}

/// What duplicate detection compares for one contact.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Features {
    /// Folded given name(s), punctuation removed: "jean luc".
    pub given: String,
    /// Nickname root of the first given name: "robert" for "Bob".
    pub given_root: String,
    /// The nickname groups of the first given name (see `nickname_groups`).
    pub given_groups: u64,
    /// Folded family name: "van den berg", "garcia lopez".
    pub family: String,
    /// The family name without particles: "berg", "garcia lopez".
    pub family_main: String,
    /// Phonetic key of the first word of `family_main`.
    pub family_key: String,
    /// Phonetic key of `given_root`.
    pub given_key: String,
    /// Canonical email addresses.
    pub emails: Vec<String>,
    /// The domains of those addresses that are not public mail providers.
    pub org_domains: Vec<String>,
    /// Phone numbers in E.164 form.
    pub phones: Vec<String>,
    /// The last nine digits of each phone (sorted), what phones are matched
    /// by: a national number read with the wrong default country ("01 23 45
    /// 67 89" as British) still meets its international form ("+33 1 23 45
    /// 67 89"), and unrelated numbers sharing nine final digits are rare.
    pub phone_keys: Vec<String>,
    pub birthday: Option<NaiveDate>,
    pub addresses: Vec<AddressKey>,
    pub company: Option<String>,
    /// "family given", for the sorted-neighbourhood pass.
    pub sort_key: String,
    /// How common the given root is: the chance that two different people
    /// share it (the u probability of agreement), filled in by the index.
    pub given_u: f64,
    /// The same for `family_main`.
    pub family_u: f64,
}

impl Features {
    /// Features of one contact; phone numbers without "+" are read for the
    /// contact's first address country, else `default_country`.
    pub fn of(contact: &Contact, default_country: &str) -> Features {
        let given = clean_name(&contact.given_name);
        let family = clean_name(&contact.family_name);
        let first_given = given.split(' ').next().unwrap_or("");
        let given_root = given_root(first_given).to_string();
        let given_groups = nickname_groups(first_given);
        let family_main = strip_particles(&family);
        let first_family = family_main.split(' ').next().unwrap_or("");
        let country = contact.addresses.iter().map(|a| a.country.as_str()).find(|c| !c.is_empty());
        let country = country.unwrap_or(default_country);
        let mut emails: Vec<String> = contact.emails.iter().filter_map(|e| canonical_email(&e.address)).collect();
        emails.sort();
        emails.dedup();
        let mut phones: Vec<String> = contact
            .phones
            .iter()
            .filter_map(|p| parse_phone(&p.number, country).or_else(|_| parse_phone(&p.number, default_country)).ok())
            .map(|p| p.e164)
            .collect();
        phones.sort();
        phones.dedup();
        let mut phone_keys: Vec<String> = phones.iter().map(|p| phone_key(p)).collect();
        phone_keys.sort();
        phone_keys.dedup();
        Features {
            phone_keys,
            sort_key: format!("{family} {given}"),
            given_key: phonetic_key(&given_root),
            family_key: phonetic_key(first_family),
            given_root,
            given_groups,
            org_domains: organisation_domains(&emails),
            given,
            family,
            family_main,
            emails,
            phones,
            birthday: contact.birthday,
            addresses: contact.addresses.iter().map(address_key).filter(|a| *a != AddressKey::default()).collect(),
            company: contact.company_id.clone().filter(|c| !c.is_empty()),
            given_u: DEFAULT_U,
            family_u: DEFAULT_U,
        }
    }

    /// The first letter of the given name's root ('r' for "Bob").
    pub fn given_initial(&self) -> Option<char> {
        self.given_root.chars().next()
    }

    /// The first letter of the family name without particles.
    pub fn family_initial(&self) -> Option<char> {
        self.family_main.chars().next()
    }
}

/// The u probability used when a name's frequency is unknown.
pub const DEFAULT_U: f64 = 0.01;

/// Name counts, hashed with FNV (see [`Fnv`]): two lookups per contact.
type CountMap = HashMap<String, u32, BuildHasherDefault<Fnv>>;

/// How often each given root and family name occurs, for frequency-based
/// agreement weights: agreeing on "Smith" says less than agreeing on "Ødegaard".
#[derive(Clone, Debug, Default)]
pub struct NameCounts {
    given: CountMap,
    family: CountMap,
    total: u32,
}

impl NameCounts {
    pub fn count(features: &[Features]) -> NameCounts {
        let mut counts = NameCounts { total: features.len() as u32, ..NameCounts::default() };
        for f in features {
            bump(&mut counts.given, &f.given_root);
            bump(&mut counts.family, &f.family_main);
        }
        counts
    }

    /// Fills in `given_u` and `family_u`. The frequency is smoothed (as if
    /// 100 more records held unseen names), so small address books do not
    /// make every name look common, and clamped to [0.002, 0.1].
    pub fn apply(&self, f: &mut Features) {
        let u = |count: Option<&u32>| {
            let c = f64::from(count.copied().unwrap_or(0));
            ((c + 1.0) / (f64::from(self.total) + 100.0)).clamp(0.002, 0.1)
        };
        f.given_u = u(self.given.get(&f.given_root));
        f.family_u = u(self.family.get(&f.family_main));
    }
}

/// Adds one to a count, allocating the key only the first time.
fn bump(counts: &mut CountMap, key: &str) {
    match counts.get_mut(key) {
        Some(c) => *c += 1,
        None => {
            counts.insert(key.to_string(), 1);
        }
    }
}

/// Folds a name and keeps letters and digits; hyphens become spaces,
/// apostrophes and dots vanish: "O'Brien" → "obrien", "Jean-Luc" → "jean luc".
pub fn clean_name(name: &str) -> String {
    // Most names are plain ASCII, which needs only lower-casing: skip the
    // folded copy for them (this runs several times per contact).
    let folded = if name.is_ascii() { Cow::Borrowed(name) } else { Cow::Owned(fold(name)) };
    let mut out = String::with_capacity(folded.len());
    for c in folded.chars().map(|c| c.to_ascii_lowercase()) {
        if c.is_alphanumeric() {
            out.push(c);
        } else if (c.is_whitespace() || c == '-') && !out.is_empty() && !out.ends_with(' ') {
            out.push(' ');
        }
    }
    let trimmed = out.trim_end().len();
    out.truncate(trimmed);
    out
}

/// The distinct organisation domains (not public mail providers) of
/// canonical addresses.
fn organisation_domains(emails: &[String]) -> Vec<String> {
    let mut out: Vec<String> = emails
        .iter()
        .filter_map(|e| e.rsplit_once('@').map(|(_, d)| d))
        .filter(|d| !is_mail_provider(d))
        .map(str::to_string)
        .collect();
    out.dedup();
    out
}

/// The last nine digits of an E.164 number (all of them if fewer).
pub fn phone_key(e164: &str) -> String {
    let digits = e164.trim_start_matches('+');
    digits[digits.len().saturating_sub(9)..].to_string()
}

/// Drops particles from a cleaned family name, unless that leaves nothing.
fn strip_particles(family: &str) -> String {
    if !family.split(' ').any(|w| PARTICLES.contains(&w)) {
        return family.to_string();
    }
    let kept: Vec<&str> = family.split(' ').filter(|w| !PARTICLES.contains(w)).collect();
    if kept.is_empty() {
        family.to_string()
    } else {
        kept.join(" ")
    }
}

fn address_key(a: &Address) -> AddressKey {
    AddressKey {
        postcode: a.postal_code.chars().filter(char::is_ascii_alphanumeric).map(|c| c.to_ascii_uppercase()).collect(),
        street: clean_name(&a.street),
        city: clean_name(&a.city),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::core::records::{Email, Phone};
    use chrono::{TimeZone, Utc};

    #[test]
    fn names_are_cleaned_and_keyed() {
        assert_eq!(clean_name(" O'Brien "), "obrien");
        assert_eq!(clean_name("Jean-Luc"), "jean luc");
        assert_eq!(clean_name("Zoë  Ødegaard."), "zoe odegaard");
        let t = Utc.with_ymd_and_hms(2026, 1, 2, 3, 4, 5).unwrap();
        let mut c = Contact::blank("x".into(), t);
        c.given_name = "Bob".into();
        c.family_name = "van den Berg".into();
        c.emails.push(Email { address: "Bob.Berg+x@gmail.com".into(), ..Default::default() });
        c.phones.push(Phone { number: "06 1234 5678".into(), ..Default::default() });
        c.addresses.push(Address { country: "NL".into(), postal_code: "1012 ab".into(), ..Default::default() });
        let f = Features::of(&c, "GB");
        assert_eq!((f.given_root.as_str(), f.family_main.as_str()), ("robert", "berg"));
        assert_eq!((f.given_key.as_str(), f.family_key.as_str()), ("RPRT", "PRK"));
        assert_eq!(f.emails, ["bobberg@gmail.com"]);
        assert_eq!(f.phones, ["+31612345678"]);
        assert_eq!(f.phone_keys, ["612345678"]);
        assert_eq!(f.addresses[0].postcode, "1012AB");
        assert_eq!(f.sort_key, "van den berg bob");
    }
}
