//! Pair scoring in the Fellegi–Sunter style. Each field is compared to an
//! agreement level; each level carries a weight log2(m/u), where m is the
//! chance of that level when the two records are the same person and u the
//! chance when they are two random different people. The weights add up to
//! a total W, and the score is the posterior probability
//! 1 / (1 + 2^-(W - prior)), with prior = log2(n) + 4.6: about 2% of records
//! are duplicates, so a random pair of n records matches with odds 0.04 / n.
//!
//! For identifiers (email, phone, address) u itself shrinks like c / n (a
//! mailbox is shared by a few records at most), so their weights carry a
//! log2(n) term that cancels the prior's. Name agreement does not: the more
//! records, the more namesakes, and the less a shared name alone proves.
//! Given and family names use frequency-based u (see `NameCounts`).
//!
//! The m and u values below are estimates, written next to each weight with
//! their reasoning; they were checked against the labelled benchmark
//! (`benchmark.rs`) rather than fitted to it.
//!
//! Fields are assumed independent, which is false in one well-known case:
//! people in one household share a surname, an address and often a landline.
//! So when the given names differ (share less than a fuzzy spelling match),
//! address and phone agreement count for half. Likewise colleagues share a company and its office address, so
//! when the company agrees, address agreement counts for half.

use std::fmt;

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use std::hash::Hasher;

use super::blocking::Fnv;
use super::features::{AddressKey, Features};
use super::similarity::jaro_winkler_str;
use crate::core::normalize::parse_phone;

/// The list size below which weights are computed as if for this many
/// records, so that tiny address books do not make every name look unique.
const MIN_SIZE: usize = 1000;

/// What pair weights depend on beyond the two records: the list's size.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Context {
    log_n: f64,
}

impl Context {
    pub fn for_size(n: usize) -> Context {
        Context { log_n: (n.max(MIN_SIZE) as f64).log2() }
    }

    /// Log2 prior odds against a random pair being one person.
    fn prior(self) -> f64 {
        self.log_n + 4.6
    }
}

/// Jaro–Winkler at or above this is a near-certain spelling variant (one typo).
const CLOSE: f64 = 0.92;
/// Jaro–Winkler at or above this is a plausible variant.
const FUZZY: f64 = 0.85;
/// Jaro–Winkler at or above this still shares much (two typos).
const WEAK: f64 = 0.7;

/// A piece of evidence for or against a pair being one person.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum Reason {
    SameEmail {
        email: String,
    },
    SamePhone {
        phone: String,
    },
    SameName,
    NamesSimilar {
        similarity: f64,
    },
    Nickname {
        a: String,
        b: String,
    },
    SwappedNames,
    SameBirthday {
        date: NaiveDate,
    },
    SameAddress,
    SamePostcode {
        postcode: String,
    },
    SameCompany,
    DifferentGivenName,
    DifferentFamilyName,
    DifferentBirthday,
    DifferentAddress,
    DifferentCompany,
    DifferentEmails,
    /// Both have addresses at one organisation's domain, and they differ.
    DifferentEmailsAt {
        domain: String,
    },
    DifferentPhones,
}

impl fmt::Display for Reason {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Reason::SameEmail { email } => write!(f, "same email {email}"),
            Reason::SamePhone { phone } => write!(f, "same phone {phone}"),
            Reason::SameName => f.write_str("same name"),
            Reason::NamesSimilar { similarity } => write!(f, "names {similarity:.2} similar"),
            Reason::Nickname { a, b } => write!(f, "{a} and {b} are forms of one name"),
            Reason::SwappedNames => f.write_str("given and family names swapped"),
            Reason::SameBirthday { date } => write!(f, "same birthday {date}"),
            Reason::SameAddress => f.write_str("same address"),
            Reason::SamePostcode { postcode } => write!(f, "same postcode {postcode}"),
            Reason::SameCompany => f.write_str("same company"),
            Reason::DifferentGivenName => f.write_str("different given name"),
            Reason::DifferentFamilyName => f.write_str("different family name"),
            Reason::DifferentBirthday => f.write_str("different birthday"),
            Reason::DifferentAddress => f.write_str("different address"),
            Reason::DifferentCompany => f.write_str("different company"),
            Reason::DifferentEmails => f.write_str("different emails"),
            Reason::DifferentEmailsAt { domain } => write!(f, "different addresses at {domain}"),
            Reason::DifferentPhones => f.write_str("different phones"),
        }
    }
}

/// A scored pair of contacts (indexes into the list the index was built from).
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Candidate {
    pub a: u32,
    pub b: u32,
    /// Probability-like score, 0..1.
    pub score: f64,
    pub reasons: Vec<Reason>,
}

/// Where the evidence goes: only a total for the many pairs that are
/// dismissed, and reasons too for the few that are kept.
struct Tally<'r> {
    weight: f64,
    reasons: Option<&'r mut Vec<Reason>>,
}

impl Tally<'_> {
    fn add(&mut self, weight: f64, reason: impl FnOnce() -> Reason) {
        self.weight += weight;
        if let Some(r) = self.reasons.as_deref_mut() {
            r.push(reason());
        }
    }
}

/// The weight log2(m/u) of one agreement level.
fn w(m: f64, u: f64) -> f64 {
    (m / u).log2()
}

/// Scores two contacts; when `reasons` is given, the evidence is written to it.
pub fn score_pair(a: &Features, b: &Features, ctx: Context, reasons: Option<&mut Vec<Reason>>) -> f64 {
    let mut t = Tally { weight: 0.0, reasons };
    let given_close = compare_names(a, b, &mut t);
    // Household fields count for half when the given names differ.
    let household = if given_close { 1.0 } else { 0.5 };
    compare_emails(a, b, ctx, &mut t);
    compare_phones(a, b, ctx, household, &mut t);
    compare_birthdays(a, b, &mut t);
    let colleagues = compare_companies(a, b, &mut t);
    // An office address shared by colleagues says less.
    let address_factor = if colleagues { household * 0.5 } else { household };
    compare_addresses(a, b, ctx, address_factor, &mut t);
    1.0 / (1.0 + (ctx.prior() - t.weight).exp2())
}

/// A compact digest of one contact's features, kept in one contiguous array
/// by the index so that [`Summary::may_reach`] can dismiss a pair without
/// touching the features' many heap strings (a scan's cost at 100k contacts
/// is mostly cache misses, not arithmetic). Sets of values are Bloom-style
/// 64-bit masks: no shared bit proves no shared value, and a shared bit only
/// means the full score must decide.
///
/// It fits one 64-byte cache line, so a pair costs at most one cache miss.
#[derive(Clone, Copy, Debug, Default, PartialEq)]
#[repr(align(64))]
pub struct Summary {
    emails: u64,
    phones: u64,
    /// Postcodes and cities together: a shared one of either allows the
    /// same address.
    places: u64,
    /// Hashes of the given name and main family name; 0 when missing.
    given: u64,
    family: u64,
    /// Hash of the company id; 0 when none.
    company: u64,
    birthday: Option<NaiveDate>,
    /// The names' frequencies (see [`Features::given_u`]); single precision
    /// is plenty for a bound.
    given_u: f32,
    family_u: f32,
}

/// FNV-1a of a value (see [`Fnv`]).
fn hash(s: &str) -> u64 {
    let mut h = Fnv::default();
    h.write(s.as_bytes());
    h.finish()
}

/// The Bloom mask of a set of values: one bit per value.
fn mask<'v>(values: impl IntoIterator<Item = &'v str>) -> u64 {
    values.into_iter().filter(|v| !v.is_empty()).fold(0, |m, v| m | 1 << (hash(v) % 64))
}

impl Summary {
    pub fn of(f: &Features) -> Summary {
        let name = |s: &str| if s.is_empty() { 0 } else { hash(s) };
        Summary {
            emails: mask(f.emails.iter().map(String::as_str)),
            phones: mask(f.phone_keys.iter().map(String::as_str)),
            places: mask(f.addresses.iter().flat_map(|a| [a.postcode.as_str(), a.city.as_str()])),
            given: name(&f.given),
            family: name(&f.family_main),
            company: f.company.as_deref().map_or(0, name),
            birthday: f.birthday,
            given_u: f.given_u as f32,
            family_u: f.family_u as f32,
        }
    }

    /// Whether the pair can possibly score `threshold` or more, judged from
    /// an upper bound of the weight [`score_pair`] would give: a scan compares
    /// about ten pairs per contact and most are strangers who merely share a
    /// block. Each field is bounded by its best agreement level still
    /// possible (household and office discounts ignored), and names by an
    /// exact match only when equal, else one typo, or a swap if more.
    pub fn may_reach(&self, b: &Summary, ctx: Context, threshold: f64) -> bool {
        let a = self;
        let any = |x: u64, y: u64| x & y != 0;
        let mut weight = 0.0;
        if a.emails != 0 && b.emails != 0 {
            weight += if any(a.emails, b.emails) { email_match_weight(ctx) } else { DIFFERENT_IDS };
        }
        if a.phones != 0 && b.phones != 0 {
            weight += if any(a.phones, b.phones) { phone_match_weight(ctx) } else { DIFFERENT_IDS };
        }
        weight += match (a.birthday, b.birthday) {
            (Some(x), Some(y)) if x == y => SAME_BIRTHDAY,
            (Some(_), Some(_)) => DIFFERENT_BIRTHDAY,
            _ => 0.0,
        };
        if a.company != 0 && b.company != 0 {
            weight += if a.company == b.company { same_company() } else { different_company() };
        }
        if any(a.places, b.places) {
            weight += same_address_weight(ctx);
        }
        let name = |x: u64, y: u64, exact: f64, typo: f64| match (x == 0 || y == 0, x == y) {
            (true, _) => 0.0,
            (false, true) => exact,
            (false, false) => typo,
        };
        // Rounded down to single precision, the frequencies could make the
        // weights a hair too high, never too low: the bound stays safe.
        let (gx, fx) = (w(0.85, f64::from(a.given_u)) + 1e-6, w(0.85, f64::from(a.family_u)) + 1e-6);
        let names = name(a.given, b.given, gx, gx - GIVEN_TYPO) + name(a.family, b.family, fx, fx - FAMILY_TYPO);
        let needed = ctx.prior() + (threshold / (1.0 - threshold)).log2();
        // A little slack so that rounding never drops a pair right at the threshold.
        weight + names.max(SWAPPED_WEIGHT) + 1e-9 >= needed
    }
}

/// Whether two contacts conflict outright: different birthdays, or given or
/// family names that share almost nothing (not swapped) with no email or
/// phone in common. Clustering never puts conflicting contacts in one group.
pub fn conflicts(a: &Features, b: &Features) -> bool {
    let birthdays = matches!((a.birthday, b.birthday), (Some(x), Some(y)) if x != y);
    let names = given_level(a, b) == Level::Different || family_level(a, b) == Level::Different;
    let identifier = shared(&a.emails, &b.emails).is_some() || shared(&a.phone_keys, &b.phone_keys).is_some();
    birthdays || (names && !identifier && !swapped(a, b))
}

/// How two name parts compare.
#[derive(Clone, Copy, Debug, PartialEq)]
enum Level {
    Missing,
    Exact,
    /// Nickname or language variant (given names only).
    Variant,
    /// One name's words are a part of the other's ("García" in "García López").
    Part,
    Close(f64),
    Fuzzy(f64),
    /// One side is only an initial that matches.
    Initial,
    /// Much in common but more than a typo (Jaro–Winkler 0.7 to 0.85).
    Weak,
    Different,
}

impl Level {
    fn similarity(self) -> f64 {
        match self {
            Level::Exact | Level::Variant | Level::Part => 1.0,
            Level::Close(s) | Level::Fuzzy(s) => s,
            Level::Initial => 0.8,
            Level::Weak => 0.7,
            Level::Missing | Level::Different => 0.0,
        }
    }

    fn agrees(self) -> bool {
        !matches!(self, Level::Missing | Level::Weak | Level::Different)
    }
}

/// The level of two different spellings: by Jaro–Winkler, except that
/// spellings one edit apart ("Kim"/"Kmi", "Roux"/"Rux") count as close
/// even when short names make Jaro–Winkler low.
fn spelling_level(x: &str, y: &str) -> Level {
    let s = jaro_winkler_str(x, y);
    if s < CLOSE && one_edit_apart(x, y) {
        return Level::Close(CLOSE);
    }
    by_similarity(s)
}

/// Whether one insertion, deletion, substitution or swap of neighbours turns
/// `x` into `y` (both at least three letters when the longer is).
fn one_edit_apart(x: &str, y: &str) -> bool {
    if x.len().abs_diff(y.len()) > 4 {
        return false;
    }
    if x.is_ascii() && y.is_ascii() {
        return one_edit(x.as_bytes(), y.as_bytes());
    }
    let (x, y): (Vec<char>, Vec<char>) = (x.chars().collect(), y.chars().collect());
    one_edit(&x, &y)
}

fn one_edit<T: PartialEq>(x: &[T], y: &[T]) -> bool {
    let (short, long) = if x.len() <= y.len() { (x, y) } else { (y, x) };
    if long.len() < 3 || long.len() - short.len() > 1 {
        return false;
    }
    let head = short.iter().zip(long).take_while(|(p, q)| p == q).count();
    if head == long.len() {
        return true;
    }
    if short.len() < long.len() {
        return short[head..] == long[head + 1..];
    }
    let tail = short.len() - head;
    short[head + 1..] == long[head + 1..]
        || (tail >= 2
            && short[head] == long[head + 1]
            && short[head + 1] == long[head]
            && short[head + 2..] == long[head + 2..])
}

fn by_similarity(s: f64) -> Level {
    if s >= CLOSE {
        Level::Close(s)
    } else if s >= FUZZY {
        Level::Fuzzy(s)
    } else if s >= WEAK {
        Level::Weak
    } else {
        Level::Different
    }
}

fn given_level(a: &Features, b: &Features) -> Level {
    let (x, y) = (a.given.as_str(), b.given.as_str());
    if x.is_empty() || y.is_empty() {
        return Level::Missing;
    }
    if x == y {
        return Level::Exact;
    }
    let (fx, fy) = (x.split(' ').next().unwrap_or(x), y.split(' ').next().unwrap_or(y));
    let full = spelling_level(x, y);
    if let Level::Close(_) = full {
        return full;
    }
    if fx == fy || a.given_root == b.given_root || a.given_groups & b.given_groups != 0 {
        return Level::Variant;
    }
    if (fx.chars().count() == 1 || fy.chars().count() == 1) && fx.chars().next() == fy.chars().next() {
        return Level::Initial;
    }
    let first = spelling_level(fx, fy);
    if first.similarity() > full.similarity() {
        first
    } else {
        full
    }
}

fn family_level(a: &Features, b: &Features) -> Level {
    let (x, y) = (a.family_main.as_str(), b.family_main.as_str());
    if x.is_empty() || y.is_empty() {
        return Level::Missing;
    }
    if x == y {
        return Level::Exact;
    }
    let words_of = |s: &str, t: &str| s.split(' ').all(|w| t.split(' ').any(|v| v == w));
    if words_of(x, y) || words_of(y, x) {
        return Level::Part;
    }
    spelling_level(x, y)
}

/// Given-name weights. Exact: m = 0.85 (most duplicates keep the spelling;
/// the rest are nicknames, typos or blanks), u = the name's frequency f.
/// Close (a typo): m ≈ 0.08 and u ≈ 3f (names one typo away from this one),
/// about 2 bits less than exact. Variant (nickname): m ≈ 0.06, u ≈ 6f.
/// Fuzzy: 5 bits less than exact. Initial: m = 0.01, u = 0.007. Weak (two
/// typos, or a related name): m = 0.03, u = 0.06. Different: m = 0.02 (a
/// middle name used instead), u = 0.95.
/// How much less a one-typo given name weighs than an exact one; no level
/// but exact weighs more.
const GIVEN_TYPO: f64 = 2.0;
/// The same for family names.
const FAMILY_TYPO: f64 = 1.5;

fn given_weight(level: Level, a: &Features) -> f64 {
    let exact = w(0.85, a.given_u);
    match level {
        Level::Exact => exact,
        Level::Close(_) => exact - GIVEN_TYPO,
        Level::Variant | Level::Part => exact - 3.0,
        Level::Fuzzy(_) => exact - 5.0,
        Level::Initial => w(0.01, 0.007),
        Level::Weak => w(0.03, 0.06),
        Level::Different => w(0.02, 0.95),
        Level::Missing => 0.0,
    }
}

/// Family-name weights. Exact: m = 0.85, u = the name's frequency f. Close
/// (a typo): m ≈ 0.1, u ≈ 3f, 1.5 bits less. Part (one of two Spanish
/// surnames, a dropped particle): 3 bits less. Fuzzy: 5 bits less. Weak:
/// m = 0.03, u = 0.08. Different: m = 0.03 (marriage, or a typo in the first
/// letters), u = 0.95.
fn family_weight(level: Level, a: &Features) -> f64 {
    let exact = w(0.85, a.family_u);
    match level {
        Level::Exact => exact,
        Level::Close(_) => exact - FAMILY_TYPO,
        Level::Part | Level::Variant => exact - 3.0,
        Level::Fuzzy(_) | Level::Initial => exact - 5.0,
        Level::Weak => w(0.03, 0.08),
        Level::Different => w(0.03, 0.95),
        Level::Missing => 0.0,
    }
}

/// Given and family names swapped in one record (each within a typo of the
/// other's): m = 0.02, u = 0.00001, about 11 bits, what two agreeing common
/// names would give.
const SWAPPED_WEIGHT: f64 = 10.965_784_284_662_087;

/// Whether given and family names are swapped (see [`SWAPPED_WEIGHT`]).
fn swapped(a: &Features, b: &Features) -> bool {
    let near = |x: &str, y: &str| !x.is_empty() && jaro_winkler_str(x, y) >= FUZZY;
    near(&a.given, &b.family) && near(&a.family, &b.given)
}

/// Adds the name evidence; returns whether the given names may be one
/// person's (equal, a variant, a spelling within Jaro–Winkler 0.85, an
/// initial, or one missing). Household members sharing a phone or address
/// have different names (Anna and Lukas), not misspellings of one name, so a
/// fuzzy match such as "Gqareh" for "Gareth" keeps the shared fields' full
/// weight.
fn compare_names(a: &Features, b: &Features, t: &mut Tally) -> bool {
    let given = given_level(a, b);
    let family = family_level(a, b);
    if !given.agrees() && !family.agrees() && swapped(a, b) {
        t.add(SWAPPED_WEIGHT, || Reason::SwappedNames);
        return true;
    }
    t.weight += given_weight(given, a) + family_weight(family, a);
    if let Some(r) = t.reasons.as_deref_mut() {
        name_reasons(a, b, given, family, r);
    }
    !matches!(given, Level::Weak | Level::Different)
}

fn name_reasons(a: &Features, b: &Features, given: Level, family: Level, r: &mut Vec<Reason>) {
    if given == Level::Exact && family == Level::Exact {
        r.push(Reason::SameName);
        return;
    }
    if given == Level::Variant && a.given != b.given {
        r.push(Reason::Nickname { a: a.given.clone(), b: b.given.clone() });
    }
    if given.agrees() && family.agrees() {
        let similarity = (given.similarity() + family.similarity()) / 2.0;
        r.push(Reason::NamesSimilar { similarity: (similarity * 100.0).round() / 100.0 });
    }
    if matches!(given, Level::Weak | Level::Different) {
        r.push(Reason::DifferentGivenName);
    }
    if family == Level::Different {
        r.push(Reason::DifferentFamilyName);
    }
}

/// The first value two lists share. The lists hold a few items, so a linear
/// search is quicker than a binary one, and equality compares lengths before
/// touching the text (a binary search would compare every probe's bytes).
fn shared<'s>(x: &'s [String], y: &[String]) -> Option<&'s String> {
    x.iter().find(|v| y.contains(v))
}

/// Email: a shared canonical address, m = 0.55 (duplicates often come from
/// the same sign-up or import), u = 0.01 / n (about 1% of records share a
/// mailbox with someone else: couples, info@). Both have emails but none
/// shared: m = 0.3 (a work address on one record, a personal one on the
/// other), u ≈ 1; but if both have an address at the same organisation's
/// domain and they differ, m = 0.03 (an alias), u = 0.9: an organisation
/// gives each person one address, so these are likely colleagues.
fn compare_emails(a: &Features, b: &Features, ctx: Context, t: &mut Tally) {
    if a.emails.is_empty() || b.emails.is_empty() {
        return;
    }
    if let Some(e) = shared(&a.emails, &b.emails) {
        return t.add(email_match_weight(ctx), || Reason::SameEmail { email: e.clone() });
    }
    match shared_organisation(a, b) {
        Some(domain) => t.add(w(0.03, 0.9), || Reason::DifferentEmailsAt { domain: domain.to_string() }),
        None => t.add(DIFFERENT_IDS, || Reason::DifferentEmails),
    }
}

/// A domain, not a public mail provider's, at which both have an address.
fn shared_organisation<'f>(a: &'f Features, b: &Features) -> Option<&'f str> {
    a.org_domains.iter().find(|d| b.org_domains.contains(d)).map(String::as_str)
}

/// Phone: a shared number (by its last nine digits, see
/// [`Features::phone_keys`]), m = 0.55, u = 0.06 / n (landlines and
/// switchboards are shared by a few records). None shared: m = 0.3, u ≈ 1.
fn compare_phones(a: &Features, b: &Features, ctx: Context, household: f64, t: &mut Tally) {
    if a.phone_keys.is_empty() || b.phone_keys.is_empty() {
        return;
    }
    match shared(&a.phone_keys, &b.phone_keys) {
        Some(key) => t.add(household * phone_match_weight(ctx), || Reason::SamePhone { phone: phone_shown(a, key) }),
        None => t.add(DIFFERENT_IDS, || Reason::DifferentPhones),
    }
}

/// The number of `a` with the given key, grouped for reading.
fn phone_shown(a: &Features, key: &str) -> String {
    let e164 = a.phones.iter().find(|p| p.ends_with(key)).map_or(key, String::as_str);
    parse_phone(e164, "").map(|n| n.display()).unwrap_or_else(|_| e164.to_string())
}

/// The weight of a shared email address (see [`compare_emails`]).
fn email_match_weight(ctx: Context) -> f64 {
    w(0.55, 0.01) + ctx.log_n
}

/// The weight of a shared phone number (see [`compare_phones`]).
fn phone_match_weight(ctx: Context) -> f64 {
    w(0.55, 0.06) + ctx.log_n
}

/// Both have emails (or phones) and none is shared: log2(0.3 / 1).
const DIFFERENT_IDS: f64 = -1.736_965_594_166_206;

/// Equal birthdays, capped (see [`compare_birthdays`]).
const SAME_BIRTHDAY: f64 = 12.0;
/// Different birthdays: log2(0.08 / 1).
const DIFFERENT_BIRTHDAY: f64 = -3.643_856_189_774_724;

/// Birthday: equal, m = 0.9, u = 1/20,000 (about 55 years of days) would give
/// 14 bits; capped at 12 because real birthdays bunch (1 January, typed
/// defaults). Different: m = 0.08 (typos, day and month swapped), u ≈ 1.
fn compare_birthdays(a: &Features, b: &Features, t: &mut Tally) {
    match (a.birthday, b.birthday) {
        (Some(x), Some(y)) if x == y => t.add(SAME_BIRTHDAY, || Reason::SameBirthday { date: x }),
        (Some(_), Some(_)) => t.add(DIFFERENT_BIRTHDAY, || Reason::DifferentBirthday),
        _ => {}
    }
}

/// How two addresses compare.
enum Place {
    Same,
    SamePostcode(String),
    Different,
    Unknown,
}

fn compare_places(x: &AddressKey, y: &AddressKey) -> Place {
    let postcodes_known = !x.postcode.is_empty() && !y.postcode.is_empty();
    let postcode = postcodes_known && x.postcode == y.postcode;
    let city = !x.city.is_empty() && x.city == y.city;
    // The street comparison (Jaro–Winkler) is only worth doing when the
    // postcode or city already agree.
    if (postcode || (!postcodes_known && city)) && same_street(&x.street, &y.street) {
        Place::Same
    } else if postcode {
        Place::SamePostcode(x.postcode.clone())
    } else if (x.street.is_empty() || y.street.is_empty()) && !postcodes_known {
        Place::Unknown
    } else {
        Place::Different
    }
}

/// Streets match if their names are close and their house numbers equal
/// ("Hoofdstraat 7" is not "Hoofdstraat 106").
fn same_street(x: &str, y: &str) -> bool {
    !x.is_empty() && !y.is_empty() && house_numbers(x).eq(house_numbers(y)) && jaro_winkler_str(x, y) >= CLOSE
}

fn house_numbers(street: &str) -> impl Iterator<Item = &str> {
    street.split(' ').filter(|w| w.starts_with(|c: char| c.is_ascii_digit()))
}

/// The weight of the same street address (see [`compare_addresses`]).
fn same_address_weight(ctx: Context) -> f64 {
    w(0.4, 2.0) + ctx.log_n
}

/// Address: same street and house number, and same postcode (or same city
/// where a postcode is missing), m = 0.4, u = 2 / n (co-residents). Same postcode only: m = 0.05,
/// u = 0.002. Both known and different: m = 0.3 (people move), u = 0.99.
fn compare_addresses(a: &Features, b: &Features, ctx: Context, household: f64, t: &mut Tally) {
    let mut best = Place::Unknown;
    for x in &a.addresses {
        for y in &b.addresses {
            match compare_places(x, y) {
                Place::Same => best = Place::Same,
                Place::SamePostcode(p) if !matches!(best, Place::Same) => best = Place::SamePostcode(p),
                Place::Different if matches!(best, Place::Unknown) => best = Place::Different,
                _ => {}
            }
        }
    }
    match best {
        Place::Same => t.add(household * same_address_weight(ctx), || Reason::SameAddress),
        Place::SamePostcode(postcode) => t.add(household * w(0.05, 0.002), || Reason::SamePostcode { postcode }),
        Place::Different => t.add(w(0.3, 0.99), || Reason::DifferentAddress),
        Place::Unknown => {}
    }
}

/// Company: same, m = 0.6, u = 0.02 (large employers hold many contacts).
/// Different, m = 0.2 (job changes), u = 0.95.
/// Returns whether the company is the same.
fn same_company() -> f64 {
    w(0.6, 0.02)
}

fn different_company() -> f64 {
    w(0.2, 0.95)
}

fn compare_companies(a: &Features, b: &Features, t: &mut Tally) -> bool {
    match (&a.company, &b.company) {
        (Some(x), Some(y)) if x == y => {
            t.add(same_company(), || Reason::SameCompany);
            true
        }
        (Some(_), Some(_)) => {
            t.add(different_company(), || Reason::DifferentCompany);
            false
        }
        _ => false,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    pub(crate) fn person(given: &str, family: &str) -> Features {
        let t = chrono::DateTime::from_timestamp(0, 0).unwrap();
        let mut c = crate::core::records::Contact::blank("x".into(), t);
        c.given_name = given.into();
        c.family_name = family.into();
        Features::of(&c, "GB")
    }

    const CTX: Context = Context { log_n: 13.3 };

    fn with_phone(mut f: Features, e164: &str) -> Features {
        f.phones = vec![e164.to_string()];
        f.phone_keys = vec![crate::core::dedupe::features::phone_key(e164)];
        f
    }

    fn texts(r: &[Reason]) -> Vec<String> {
        r.iter().map(ToString::to_string).collect()
    }

    #[test]
    fn a_clear_duplicate_scores_above_probable() {
        let a = with_phone(person("Robert", "Miller"), "+442079460958");
        let b = with_phone(person("Bob", "Miler"), "+442079460958");
        let mut reasons = Vec::new();
        let score = score_pair(&a, &b, CTX, Some(&mut reasons));
        assert!(score > 0.99, "{score}");
        assert_eq!(
            texts(&reasons),
            ["robert and bob are forms of one name", "names 0.98 similar", "same phone +44 20 7946 0958"]
        );
    }

    #[test]
    fn family_members_score_below_possible() {
        let mut a = with_phone(person("Anna", "Schmidt"), "+49301234567");
        let mut b = with_phone(person("Lukas", "Schmidt"), "+49301234567");
        let home = AddressKey { postcode: "10115".into(), street: "hauptstrasse 5".into(), city: "berlin".into() };
        a.addresses = vec![home.clone()];
        b.addresses = vec![home];
        a.birthday = NaiveDate::from_ymd_opt(1970, 5, 1);
        b.birthday = NaiveDate::from_ymd_opt(2001, 9, 12);
        let mut reasons = Vec::new();
        let score = score_pair(&a, &b, CTX, Some(&mut reasons));
        assert!(score < 0.2, "{score}");
        assert!(texts(&reasons).contains(&"different birthday".to_string()));
        assert!(texts(&reasons).contains(&"different given name".to_string()));
    }

    #[test]
    fn namesakes_with_different_details_are_not_probable() {
        let mut a = with_phone(person("James", "Smith"), "+14155550142");
        let mut b = with_phone(person("James", "Smith"), "+12125550199");
        // "James" and "Smith" are each about 1.5% of a typical list.
        for f in [&mut a, &mut b] {
            f.given_u = 0.015;
            f.family_u = 0.015;
        }
        a.emails = vec!["james.smith@acme.com".into()];
        b.emails = vec!["jsmith@globex.com".into()];
        assert!(score_pair(&a, &b, CTX, None) < 0.5);
    }

    #[test]
    fn swapped_names_and_birthdays_are_recognised() {
        let mut a = person("Chen", "Wei");
        let mut b = person("Wei", "Chen");
        a.birthday = NaiveDate::from_ymd_opt(1984, 3, 2);
        b.birthday = a.birthday;
        let mut reasons = Vec::new();
        assert!(score_pair(&a, &b, CTX, Some(&mut reasons)) > 0.9);
        assert_eq!(texts(&reasons), ["given and family names swapped", "same birthday 1984-03-02"]);
    }

    #[test]
    fn one_edit_counts_as_close_for_short_names() {
        assert!(one_edit_apart("kim", "kmi"));
        assert!(one_edit_apart("roux", "rux"));
        assert!(one_edit_apart("zoe", "zoë".replace('ë', "e").as_str()));
        assert!(one_edit_apart("lea", "les"));
        assert!(!one_edit_apart("lea", "jean"));
        assert!(!one_edit_apart("ab", "ba"));
        assert_eq!(spelling_level("kim", "kmi"), Level::Close(CLOSE));
    }

    #[test]
    fn house_numbers_must_agree() {
        assert!(same_street("hoofdstraat 7", "hoofdstraat 7"));
        assert!(!same_street("hoofdstraat 7", "hoofdstraat 106"));
        assert!(same_street("10 downing street", "10 downing st"));
    }

    #[test]
    fn weight_constants_match_their_probabilities() {
        assert!((SWAPPED_WEIGHT - w(0.02, 0.00001)).abs() < 1e-12);
        assert!((DIFFERENT_IDS - w(0.3, 1.0)).abs() < 1e-12);
        assert!((DIFFERENT_BIRTHDAY - w(0.08, 1.0)).abs() < 1e-12);
    }

    #[test]
    fn the_summary_bound_never_dismisses_a_pair_that_scores() {
        let a = with_phone(person("Robert", "Miller"), "+442079460958");
        let b = with_phone(person("Bob", "Miler"), "+442079460958");
        let (sa, sb) = (Summary::of(&a), Summary::of(&b));
        assert!(score_pair(&a, &b, CTX, None) >= 0.5 && sa.may_reach(&sb, CTX, 0.5));
        let c = with_phone(person("Robert", "Miller"), "+12125550199");
        let d = with_phone(person("Anna", "Jones"), "+14155550142");
        assert!(!Summary::of(&c).may_reach(&Summary::of(&d), CTX, 0.5));
    }

    #[test]
    fn a_misspelt_given_name_keeps_the_shared_phone_weight() {
        let a = with_phone(person("Gareth", "Wood"), "+442955733783");
        let b = with_phone(person("Gqareh", "Wood"), "+442955733783");
        assert!(score_pair(&a, &b, CTX, None) > 0.9);
    }

    #[test]
    fn score_is_symmetric() {
        let a = with_phone(person("Katherine", "García López"), "+34912345678");
        let b = with_phone(person("Kate", "Garcia"), "+34912345678");
        assert!((score_pair(&a, &b, CTX, None) - score_pair(&b, &a, CTX, None)).abs() < 0.05);
    }
}
