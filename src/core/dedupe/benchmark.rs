//! A labelled accuracy benchmark for duplicate detection. Distinct people
//! come from the demo generator (its own near-duplicates are removed first);
//! some get one or two corrupted copies, made the way real duplicates arise
//! (typos, nicknames, swapped names, other letter case, dropped accents,
//! phones written nationally or internationally, Gmail dots and tags, a move,
//! missing fields). Hard negatives are added too: family members sharing a
//! surname, an address and sometimes a landline; and the demo lists' small
//! name pools already hold many different people with the same common name.
//! [`evaluate`] measures pairwise precision and recall.

use std::collections::{HashMap, HashSet};

use chrono::{DateTime, Duration, Utc};
use serde::{Deserialize, Serialize};

use super::cluster::Cluster;
use super::similarity::NICKNAME_GROUPS;
use crate::core::demo::{generate_demo, DemoRng};
use crate::core::normalize::{canonical_email, parse_phone};
use crate::core::records::{Contact, Email, EmailKind, Phone};
use crate::core::text::fold;

/// Which fields the benchmark keeps.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum Variant {
    /// All fields, as generated and corrupted.
    Full,
    /// Emails and phones removed from every record: only names, addresses,
    /// birthdays and companies are left. The hard case.
    NoEmailNoPhone,
}

/// Pairwise accuracy against the true duplicate pairs.
#[derive(Clone, Copy, Debug, PartialEq, Serialize, Deserialize)]
pub struct Metrics {
    pub precision: f64,
    pub recall: f64,
    pub f1: f64,
    pub tp: usize,
    pub fp: usize,
    pub r#fn: usize,
}

/// Compares found pairs with true pairs (order within a pair does not matter).
pub fn evaluate(found: &[(u32, u32)], truth: &[(u32, u32)]) -> Metrics {
    let norm = |&(a, b): &(u32, u32)| (a.min(b), a.max(b));
    let truth: HashSet<(u32, u32)> = truth.iter().map(norm).collect();
    let found: HashSet<(u32, u32)> = found.iter().map(norm).collect();
    let tp = found.intersection(&truth).count();
    let (fp, r#fn) = (found.len() - tp, truth.len() - tp);
    let ratio = |x: usize, total: usize| if total == 0 { 1.0 } else { x as f64 / total as f64 };
    let precision = ratio(tp, tp + fp);
    let recall = ratio(tp, tp + r#fn);
    let f1 = if precision + recall > 0.0 { 2.0 * precision * recall / (precision + recall) } else { 0.0 };
    Metrics { precision, recall, f1, tp, fp, r#fn }
}

/// The pairs that clusters claim are duplicates.
pub fn cluster_implied_pairs(clusters: &[Cluster]) -> Vec<(u32, u32)> {
    clusters.iter().flat_map(Cluster::member_pairs).collect()
}

/// About `n` contacts with known duplicate pairs (indexes into the list,
/// smaller first, sorted). Deterministic for `(seed, n, now, variant)`.
pub fn labelled_dataset(seed: u64, n: usize, now: DateTime<Utc>, variant: Variant) -> (Vec<Contact>, Vec<(u32, u32)>) {
    let people = distinct_people(generate_demo(seed, n * 100 / 115, now).contacts);
    let mut g = Corrupter { rng: DemoRng::new(seed ^ 0x5eed_d00d), now };
    // Each record with the index of the person it belongs to.
    let mut records: Vec<(Contact, usize)> = people.iter().cloned().zip(0..).collect();
    for (p, person) in people.iter().enumerate() {
        if g.chance(12) {
            let copies = if g.chance(15) { 2 } else { 1 };
            for _ in 0..copies {
                records.push((g.copy(person, &people), p));
            }
        }
        if g.chance(4) && !person.addresses.is_empty() && !person.family_name.is_empty() {
            let relative = g.relative(person, &people);
            records.push((relative, usize::MAX - p));
        }
    }
    for i in (1..records.len()).rev() {
        records.swap(i, g.rng.below(i as u64 + 1) as usize);
    }
    if variant == Variant::NoEmailNoPhone {
        for (c, _) in &mut records {
            c.emails.clear();
            c.phones.clear();
        }
    }
    let truth = true_pairs(&records);
    (records.into_iter().map(|(c, _)| c).collect(), truth)
}

/// All pairs of records that belong to one person.
fn true_pairs(records: &[(Contact, usize)]) -> Vec<(u32, u32)> {
    let mut by_person: HashMap<usize, Vec<u32>> = HashMap::new();
    for (i, (_, p)) in records.iter().enumerate() {
        by_person.entry(*p).or_default().push(i as u32);
    }
    let mut pairs: Vec<(u32, u32)> = by_person
        .values()
        .flat_map(|m| {
            m.iter().enumerate().flat_map(move |(i, &a)| m[i + 1..].iter().map(move |&b| (a.min(b), a.max(b))))
        })
        .collect();
    pairs.sort_unstable();
    pairs
}

/// The demo's contacts without its built-in near-duplicates: a contact that
/// shares a canonical email or the last eight digits of a phone with an
/// earlier one is dropped.
fn distinct_people(contacts: Vec<Contact>) -> Vec<Contact> {
    let mut seen: HashSet<String> = HashSet::new();
    let mut out = Vec::with_capacity(contacts.len());
    for c in contacts {
        let mut keys: Vec<String> = c.emails.iter().filter_map(|e| canonical_email(&e.address)).collect();
        for p in &c.phones {
            let digits: String = p.number.chars().filter(char::is_ascii_digit).collect();
            keys.push(format!("tel:{}", &digits[digits.len().saturating_sub(8)..]));
        }
        if keys.iter().any(|k| seen.contains(k)) {
            continue;
        }
        seen.extend(keys);
        out.push(c);
    }
    out
}

/// Makes corrupted copies and relatives from a seeded generator.
struct Corrupter {
    rng: DemoRng,
    now: DateTime<Utc>,
}

impl Corrupter {
    fn chance(&mut self, percent: u64) -> bool {
        self.rng.below(100) < percent
    }

    fn index(&mut self, len: usize) -> usize {
        self.rng.below(len as u64) as usize
    }

    fn letter(&mut self) -> char {
        char::from(b'a' + self.rng.below(26) as u8)
    }

    /// A copy of `o` as a second entry for the same person would look.
    fn copy(&mut self, o: &Contact, people: &[Contact]) -> Contact {
        let mut d = o.clone();
        d.id = self.rng.uuid();
        self.corrupt_names(&mut d);
        if self.chance(30) {
            self.corrupt_names(&mut d);
        }
        let email_shared = self.corrupt_emails(&mut d);
        let phone_shared = self.corrupt_phones(&mut d);
        if !email_shared && !phone_shared && self.chance(70) {
            d.emails.clone_from(&o.emails);
        }
        self.corrupt_other_fields(&mut d, people);
        d
    }

    fn corrupt_names(&mut self, d: &mut Contact) {
        match self.rng.below(9) {
            0 => d.given_name = self.typo(&d.given_name),
            1 | 2 => d.family_name = self.typo(&d.family_name),
            3 | 4 => d.given_name = self.nickname(&d.given_name),
            5 => std::mem::swap(&mut d.given_name, &mut d.family_name),
            6 => {
                d.given_name = d.given_name.to_uppercase();
                d.family_name = d.family_name.to_uppercase();
            }
            7 => d.family_name = d.family_name.to_lowercase(),
            _ => {
                d.given_name = drop_accents(&d.given_name);
                d.family_name = drop_accents(&d.family_name);
            }
        }
    }

    /// One typo: a letter inserted, deleted, substituted, or two swapped;
    /// rarely in the first letter.
    fn typo(&mut self, s: &str) -> String {
        let mut chars: Vec<char> = s.chars().collect();
        if chars.len() < 3 {
            return s.to_string();
        }
        let i = if self.chance(10) { 0 } else { 1 + self.index(chars.len() - 1) };
        let letter = self.letter();
        match self.rng.below(4) {
            0 => chars.insert(i, letter),
            1 => {
                chars.remove(i);
            }
            2 => chars[i] = letter,
            _ if i + 1 < chars.len() => chars.swap(i, i + 1),
            _ => chars.swap(i - 1, i),
        }
        chars.into_iter().collect()
    }

    /// Another name from the same nickname group ("Robert" → "Bob"), else a typo.
    fn nickname(&mut self, given: &str) -> String {
        let folded = fold(given);
        let Some(group) = NICKNAME_GROUPS.iter().find(|g| g.contains(&folded.as_str())) else {
            return self.typo(given);
        };
        let others: Vec<&str> = group.iter().copied().filter(|n| *n != folded).collect();
        let name = others[self.index(others.len())];
        let mut chars = name.chars();
        chars.next().map(|c| c.to_uppercase().chain(chars).collect()).unwrap_or_default()
    }

    /// Returns whether the copy still shares an email with the original.
    fn corrupt_emails(&mut self, d: &mut Contact) -> bool {
        let Some(first) = d.emails.first().map(|e| e.address.clone()) else { return false };
        match self.rng.below(20) {
            0..=6 => true,
            7..=10 => {
                d.emails[0].address = if self.chance(50) { first.to_uppercase() } else { capitalise_local(&first) };
                true
            }
            11..=13 if first.ends_with("@gmail.com") => {
                d.emails[0].address = self.gmail_variant(&first);
                true
            }
            11..=16 => {
                let n = self.rng.below(90) + 10;
                let local = fold(&d.given_name).replace(' ', "") + &n.to_string();
                d.emails = vec![Email { kind: EmailKind::Personal, address: format!("{local}@outlook.com") }];
                false
            }
            _ => {
                d.emails.clear();
                false
            }
        }
    }

    /// "jose.garcia@gmail.com" → "josegarcia+crm@gmail.com" or "j.o.s.e.garcia@gmail.com".
    fn gmail_variant(&mut self, address: &str) -> String {
        let (local, domain) = address.split_once('@').unwrap_or((address, "gmail.com"));
        if self.chance(50) {
            format!("{}+crm@{domain}", local.replace('.', ""))
        } else {
            let dotted: Vec<String> = local.chars().filter(|&c| c != '.').map(String::from).collect();
            format!("{}@{domain}", dotted.join("."))
        }
    }

    /// Returns whether the copy still shares a phone with the original.
    fn corrupt_phones(&mut self, d: &mut Contact) -> bool {
        if d.phones.is_empty() {
            return false;
        }
        match self.rng.below(20) {
            0..=6 => {
                d.phones.truncate(1);
                true
            }
            7..=13 => {
                let country = d.addresses.first().map(|a| a.country.clone()).unwrap_or_default();
                d.phones = vec![Phone { kind: d.phones[0].kind, number: self.reformat(&d.phones[0].number, &country) }];
                true
            }
            _ => {
                d.phones.clear();
                false
            }
        }
    }

    /// The same number written otherwise: international when the country is
    /// known, else only its punctuation changed.
    fn reformat(&mut self, number: &str, country: &str) -> String {
        if let Some(p) = parse_phone(number, country).ok().filter(|p| p.country == country) {
            return if self.chance(50) { p.e164 } else { p.display() };
        }
        let digits: String = number.chars().filter(char::is_ascii_digit).collect();
        match (number.starts_with('+'), self.chance(50)) {
            (true, true) => format!("00{digits}"),
            (true, false) => format!("+{digits}"),
            (false, true) => digits,
            (false, false) => digits
                .as_bytes()
                .chunks(3)
                .map(|c| String::from_utf8_lossy(c).into_owned())
                .collect::<Vec<_>>()
                .join("-"),
        }
    }

    fn corrupt_other_fields(&mut self, d: &mut Contact, people: &[Contact]) {
        match self.rng.below(20) {
            0..=10 => {}
            11..=14 => {
                // Moved: someone else's address in the same country.
                let other = &people[self.index(people.len())];
                if let Some(a) =
                    other.addresses.first().filter(|a| d.addresses.first().is_some_and(|b| b.country == a.country))
                {
                    d.addresses = vec![a.clone()];
                }
            }
            _ => d.addresses.clear(),
        }
        if self.chance(35) {
            d.birthday = None;
        }
        if self.chance(25) {
            d.company_id = None;
            d.job_title.clear();
        }
        if self.chance(50) {
            d.tags.clear();
        }
        d.notes.clear();
        d.created = self.now - Duration::days(self.rng.below(700) as i64);
        d.updated = d.created;
    }

    /// A family member of `o`: same surname and address, another given name
    /// (from someone of the same country), another birthday, own email, own
    /// mobile, and in a quarter of cases the same landline.
    fn relative(&mut self, o: &Contact, people: &[Contact]) -> Contact {
        let mut r = o.clone();
        r.id = self.rng.uuid();
        let country = &o.addresses[0].country;
        for _ in 0..500 {
            let other = &people[self.index(people.len())];
            let same_country = other.addresses.first().is_some_and(|a| &a.country == country);
            if same_country && fold(&other.given_name) != fold(&o.given_name) && !other.given_name.is_empty() {
                r.given_name.clone_from(&other.given_name);
                break;
            }
        }
        if r.given_name == o.given_name {
            r.given_name = format!("{}a", o.given_name);
        }
        r.birthday = if o.birthday.is_some() || self.chance(50) {
            chrono::NaiveDate::from_yo_opt(1950 + self.rng.below(55) as i32, 1 + self.rng.below(365) as u32)
        } else {
            None
        };
        if !o.emails.is_empty() {
            let local = format!("{}.{}", fold(&r.given_name), fold(&r.family_name)).replace([' ', '\''], "");
            r.emails =
                vec![Email { kind: EmailKind::Personal, address: format!("{local}{}@gmail.com", self.rng.below(900)) }];
        }
        let shared_landline = self.chance(25);
        r.phones =
            o.phones.iter().take(1).map(|p| if shared_landline { p.clone() } else { self.other_number(p) }).collect();
        r.company_id = None;
        r.job_title.clear();
        r.addresses.truncate(1);
        r
    }

    /// The same number with its last four digits replaced.
    fn other_number(&mut self, p: &Phone) -> Phone {
        let mut chars: Vec<char> = p.number.chars().collect();
        let mut left = 4;
        for c in chars.iter_mut().rev() {
            if left > 0 && c.is_ascii_digit() {
                *c = char::from(b'0' + self.rng.below(10) as u8);
                left -= 1;
            }
        }
        Phone { kind: p.kind, number: chars.into_iter().collect() }
    }
}

/// "jose.garcia@x.com" → "Jose.Garcia@x.com".
fn capitalise_local(address: &str) -> String {
    let mut out = String::with_capacity(address.len());
    let mut capital = true;
    let mut in_domain = false;
    for c in address.chars() {
        out.push(if capital && !in_domain { c.to_ascii_uppercase() } else { c });
        in_domain |= c == '@';
        capital = matches!(c, '.' | '-' | '_');
    }
    out
}

/// Accents dropped, case kept: "Zoë Ødegaard" → "Zoe Odegaard".
fn drop_accents(s: &str) -> String {
    s.chars()
        .map(|c| {
            if c.is_ascii() {
                return c.to_string();
            }
            let base = fold(&c.to_string());
            if c.is_uppercase() {
                base.to_uppercase()
            } else {
                base
            }
        })
        .collect()
}
