//! The comparisons of two contacts, each graded into levels in the
//! Fellegi–Sunter way. A level is what two values have in common, from
//! "exactly equal" down to "different"; a value missing on either side
//! gives no level (and no weight). Each level has its own weight (see
//! [`super::weights`]), so a typo costs less than a different value and a
//! nickname counts for almost as much as the same name.
//!
//! Why each comparison has the levels it has:
//!
//! - **Given name**: exact; *nickname* (Bob for Robert, Pepe for José: a
//!   table of name groups); *typo* (one insertion, deletion, substitution or
//!   swap, or Jaro–Winkler ≥ 0.92); *phonetic* (same sound key: "Catherine"
//!   and "Katharine"); *similar* (Jaro–Winkler ≥ 0.85: two typos or an OCR
//!   error); *initial* (one side only an initial that fits); *different*.
//!   A man's and a woman's form of one name (Paul/Paula) is different:
//!   such pairs are couples and siblings far more often than typos.
//! - **Family name**: the same, with *part* (one of two surnames, "García"
//!   for "García López", or a dropped particle) instead of nickname.
//! - Names **swapped** between the given and family fields are compared
//!   crosswise, and a name written whole in one field is split again (first
//!   word given, rest family); the better reading is kept and the reasons
//!   say so.
//! - **Birthday**: exact; *day and month swapped* (US and European order);
//!   *one digit* changed or two neighbouring digits swapped (a typo);
//!   *same year* only; *different*.
//! - **House number**: the numbers of the street lines as a set: exact;
//!   *subset* (a unit or flat number on one side only); *typo* (one digit
//!   changed, added, dropped or two swapped); *partial* (one number shared,
//!   another differing: another flat in the same building); *different*.
//! - **Street**: the street and building words as a set, street types in one
//!   form: exact (also when the words were split or merged, "Mainstreet", or
//!   the lines swapped); *subset* (a building name or second line missing on
//!   one side); *typo* (every word matches, some with a typo); *partial* (one
//!   word shared); *different*. The house number is scored separately, so a
//!   typo in the number does not make the street "different".
//! - **Postcode and city**: one comparison, because the two say the same
//!   thing twice (scoring both would count one fact twice): postcode exact;
//!   *near postcode* (one digit changed or two swapped) with the same city,
//!   or without; *same city* (postcodes differ or one is missing);
//!   *different*.
//! - **Email**, **phone** and **company**: as before: the same address or
//!   number, or an organisation's domain shared with different addresses
//!   (colleagues).
//! - **Jr./Sr.**: a generational suffix on both that differs, or on one only.

use chrono::{Datelike, NaiveDate};
use serde::{Deserialize, Serialize};

use super::features::{AddressKey, Features, Name, Words};
use super::similarity::{gendered_pair, jaro_winkler_str, one_digit_apart, one_edit_apart, phonetic_key};

/// How many comparisons there are.
pub const COMPARISONS: usize = 10;
/// The most levels a comparison has.
pub const MAX_LEVELS: usize = 8;

/// One field (or group of fields) compared between two contacts.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Comparison {
    GivenName,
    FamilyName,
    Birthday,
    HouseNumber,
    Street,
    Place,
    Email,
    Phone,
    Company,
    Generation,
}

impl Comparison {
    pub const ALL: [Comparison; COMPARISONS] = [
        Comparison::GivenName,
        Comparison::FamilyName,
        Comparison::Birthday,
        Comparison::HouseNumber,
        Comparison::Street,
        Comparison::Place,
        Comparison::Email,
        Comparison::Phone,
        Comparison::Company,
        Comparison::Generation,
    ];

    /// Its position in [`Comparison::ALL`] and in a [`Vector`].
    pub fn index(self) -> usize {
        self as usize
    }

    /// Whether its weights are learned from the data (the others are fixed:
    /// emails, phones and companies are identifiers whose weights depend on
    /// the list's size, and suffixes are too rare to learn from).
    pub fn is_learned(self) -> bool {
        self.index() < 6
    }

    /// Its levels, best first.
    pub fn levels(self) -> &'static [Level] {
        use Level::*;
        match self {
            Comparison::GivenName => &[Exact, Nickname, Typo, Phonetic, Similar, Initial, Different],
            Comparison::FamilyName => &[Exact, Part, Typo, Phonetic, Similar, Initial, Different],
            Comparison::Birthday => &[Exact, DayMonthSwapped, OneDigit, SameYear, Different],
            Comparison::HouseNumber => &[Exact, Subset, Typo, Partial, Different],
            Comparison::Street => &[Exact, Subset, Typo, Partial, Different],
            Comparison::Place => &[Exact, NearPostcodeSameCity, NearPostcode, SameCity, Different],
            Comparison::Email => &[Exact, SameDomain, Different],
            Comparison::Phone => &[Exact, Different],
            Comparison::Company => &[Exact, Different],
            Comparison::Generation => &[Exact, Partial, Different],
        }
    }

    /// The position of `level` among [`Comparison::levels`].
    pub fn position(self, level: Level) -> usize {
        self.levels().iter().position(|&l| l == level).unwrap_or(MAX_LEVELS - 1)
    }

    /// What it is called in reasons and on the Settings page.
    pub fn label(self) -> &'static str {
        match self {
            Comparison::GivenName => "given name",
            Comparison::FamilyName => "family name",
            Comparison::Birthday => "birthday",
            Comparison::HouseNumber => "house number",
            Comparison::Street => "street",
            Comparison::Place => "postcode and city",
            Comparison::Email => "email",
            Comparison::Phone => "phone",
            Comparison::Company => "company",
            Comparison::Generation => "Jr./Sr.",
        }
    }
}

/// How much two values have in common. Which levels a comparison uses is
/// [`Comparison::levels`].
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Level {
    Exact,
    Nickname,
    Part,
    Typo,
    Phonetic,
    Similar,
    Initial,
    DayMonthSwapped,
    OneDigit,
    SameYear,
    Subset,
    Partial,
    NearPostcodeSameCity,
    NearPostcode,
    SameCity,
    SameDomain,
    Different,
}

impl Level {
    /// What the level is called for `comparison`.
    pub fn label(self, comparison: Comparison) -> &'static str {
        match (self, comparison) {
            (Level::Exact, Comparison::Place) => "same postcode",
            (Level::Exact, _) => "same",
            (Level::Nickname, _) => "nickname",
            (Level::Part, _) => "one part of the name",
            (Level::Typo, _) => "typo",
            (Level::Phonetic, _) => "sounds alike",
            (Level::Similar, _) => "similar spelling",
            (Level::Initial, _) => "initial only",
            (Level::DayMonthSwapped, _) => "day and month swapped",
            (Level::OneDigit, _) => "one digit differs",
            (Level::SameYear, _) => "same year only",
            (Level::Subset, Comparison::HouseNumber) => "one has a unit number more",
            (Level::Subset, _) => "one has a line more",
            (Level::Partial, Comparison::HouseNumber) => "another unit in the building",
            (Level::Partial, Comparison::Generation) => "suffix on one only",
            (Level::Partial, _) => "one word shared",
            (Level::NearPostcode, _) => "postcode one digit off",
            (Level::NearPostcodeSameCity, _) => "postcode one digit off, same city",
            (Level::SameCity, _) => "same city",
            (Level::SameDomain, _) => "different addresses at one organisation",
            (Level::Different, _) => "different",
        }
    }
}

/// The levels of every comparison for one pair (`None`: a value missing on
/// either side), and how the names were read.
#[derive(Clone, Copy, Debug, Default, PartialEq)]
pub struct Vector {
    pub levels: [Option<Level>; COMPARISONS],
    /// Given and family names were compared crosswise.
    pub swapped: bool,
    /// One side's names were re-split from a single field.
    pub moved: bool,
    /// Which addresses of `a` and `b` were compared (the best-matching pair).
    pub addresses: (u8, u8),
}

impl Vector {
    pub fn get(&self, c: Comparison) -> Option<Level> {
        self.levels[c.index()]
    }

    fn set(&mut self, c: Comparison, level: Option<Level>) {
        self.levels[c.index()] = level;
    }
}

/// How good a level is, for choosing between readings (crosswise names,
/// several addresses) before weights are known: its rank among the
/// comparison's levels, best = highest.
fn goodness(c: Comparison, level: Option<Level>) -> i32 {
    match level {
        None => 0,
        Some(l) => (c.levels().len() - c.position(l)) as i32 - 2,
    }
}

/// Compares two contacts.
pub fn compare(a: &Features, b: &Features) -> Vector {
    let mut v = compare_people(a, b);
    compare_addresses(a, b, &mut v);
    v
}

/// Every comparison but the addresses (the costliest), which
/// [`compare_addresses`] adds.
pub fn compare_people(a: &Features, b: &Features) -> Vector {
    let mut v = Vector::default();
    compare_names(a, b, &mut v);
    v.set(Comparison::Birthday, compare_birthdays(a.birthday, b.birthday));
    v.set(Comparison::Email, compare_emails(a, b));
    v.set(Comparison::Phone, compare_phones(a, b));
    v.set(
        Comparison::Company,
        match (&a.company, &b.company) {
            (Some(x), Some(y)) if x == y => Some(Level::Exact),
            (Some(_), Some(_)) => Some(Level::Different),
            _ => None,
        },
    );
    v.set(
        Comparison::Generation,
        match (a.generation, b.generation) {
            (Some(x), Some(y)) if x == y => Some(Level::Exact),
            (Some(_), Some(_)) => Some(Level::Different),
            (Some(_), None) | (None, Some(_)) => Some(Level::Partial),
            (None, None) => None,
        },
    );
    v
}

/// Given and family names, straight, crosswise, or re-split; the best reading.
fn compare_names(a: &Features, b: &Features, v: &mut Vector) {
    let (mut best, crossed) = read_names(&a.name, &b.name);
    v.swapped = crossed;
    if !(agrees(best.0) && agrees(best.1)) {
        // A name written whole in one field, re-split (first word given,
        // the rest family), and read straight or crosswise (a swapped name
        // typed into one field: "Russo Giulia").
        let resplit = match (&a.moved_name, &b.moved_name) {
            (Some(x), None) => Some(read_names(x, &b.name)),
            (None, Some(y)) => Some(read_names(&a.name, y)),
            _ => None,
        };
        if let Some((r, crossed)) = resplit.filter(|&(r, _)| names_goodness(r) > names_goodness(best)) {
            best = r;
            v.swapped = crossed;
            v.moved = true;
        }
    }
    if !v.swapped && !v.moved {
        // "Paul" and "Paula" are two people, unless one is a rare slip of
        // the other ("Charlott" for "Charlotte").
        let (x, y) = (a.name.first_given(), b.name.first_given());
        if best.0.is_some_and(|l| l != Level::Exact && l != Level::Nickname)
            && gendered_pair(x, y)
            && !rare_variant(a.given_count, b.given_count)
        {
            best.0 = Some(Level::Different);
        }
        let spelling = |l: Option<Level>| matches!(l, Some(Level::Typo | Level::Phonetic | Level::Similar));
        if spelling(best.0) && both_common(a.given_count, b.given_count) {
            best.0 = Some(Level::Different);
        }
        if spelling(best.1) && both_common(a.family_count, b.family_count) {
            best.1 = Some(Level::Different);
        }
    }
    v.set(Comparison::GivenName, best.0);
    v.set(Comparison::FamilyName, best.1);
}

type NameLevels = (Option<Level>, Option<Level>);

/// How good a reading of the two names is, for choosing among readings.
fn names_goodness((g, f): NameLevels) -> i32 {
    goodness(Comparison::GivenName, g) + goodness(Comparison::FamilyName, f)
}

/// Whether a name level says the two agree (a spelling slip at most).
fn agrees(l: Option<Level>) -> bool {
    matches!(l, Some(Level::Exact | Level::Nickname | Level::Part | Level::Typo))
}

/// The levels of two names read straight, or crosswise (given against
/// family) when that agrees clearly better; and whether it was crosswise.
fn read_names(a: &Name, b: &Name) -> (NameLevels, bool) {
    let straight = (given_level(a, b), family_level(a, b));
    if agrees(straight.0) && agrees(straight.1) {
        return (straight, false);
    }
    let initial = |x: &str, y: &str| x.as_bytes().first() == y.as_bytes().first();
    // Worth reading crosswise when one half agrees crosswise by its first
    // letter or sound (the other may have a typo even there).
    let may_cross = initial(&a.given, &b.family)
        || a.given_key == b.family_key
        || initial(&a.family, &b.given)
        || a.family_key == b.given_key;
    if !may_cross {
        return (straight, false);
    }
    let crossed = (
        spelling_level_keyed(&a.given, &b.family, Some((&a.given_key, &b.family_key))),
        spelling_level_keyed(&a.family, &b.given, Some((&a.family_key, &b.given_key))),
    );
    // A swap needs both halves to agree crosswise; when one side has only
    // one of the two names ("Young" in the given-name field beside "Donna
    // Young"), the half it has must agree.
    let both = crossed.0.is_some() && crossed.1.is_some();
    let one_sided = (crossed.0.is_some() != crossed.1.is_some()) && (agrees(crossed.0) || agrees(crossed.1));
    if (both || one_sided) && names_goodness(crossed) > names_goodness(straight) + 1 {
        (crossed, true)
    } else {
        (straight, false)
    }
}

/// Whether one of two spellings is far rarer than the other, which is
/// common: at most a twentieth as many contacts, and the commoner held by
/// at least three.
fn rare_variant(x: u32, y: u32) -> bool {
    let (lo, hi) = (x.min(y), x.max(y));
    hi >= 3 && lo * 20 < hi
}

/// Whether two spellings are both names in their own right rather than one
/// a typo of the other: each is held by at least three contacts of the
/// list, and the rarer by at least a twentieth as many as the commoner
/// ("Jon" and "Joan"; but "Smtih" is far rarer than "Smith"). Siblings'
/// names are often one letter apart.
pub fn both_common(x: u32, y: u32) -> bool {
    let (lo, hi) = (x.min(y), x.max(y));
    lo >= 3 && lo * 20 >= hi
}

/// The level of two spellings of a name part, without nicknames or parts.
fn spelling_level(x: &str, y: &str) -> Option<Level> {
    spelling_level_keyed(x, y, None)
}

/// [`spelling_level`] with the two phonetic keys when they are known.
fn spelling_level_keyed(x: &str, y: &str, keys: Option<(&str, &str)>) -> Option<Level> {
    if x.is_empty() || y.is_empty() {
        return None;
    }
    if x == y {
        return Some(Level::Exact);
    }
    let s = jaro_winkler_str(x, y);
    let same_sound = || match keys {
        Some((kx, ky)) => !kx.is_empty() && kx == ky,
        None => phonetic_key(x) == phonetic_key(y),
    };
    Some(if s >= 0.92 || one_edit_apart(x, y) {
        Level::Typo
    } else if same_sound() {
        Level::Phonetic
    } else if s >= 0.85 {
        Level::Similar
    } else if is_initial_of(x, y) {
        Level::Initial
    } else {
        Level::Different
    })
}

/// One side is a single letter that starts the other.
fn is_initial_of(x: &str, y: &str) -> bool {
    (x.len() == 1 || y.len() == 1) && x.as_bytes().first() == y.as_bytes().first()
}

fn given_level(a: &Name, b: &Name) -> Option<Level> {
    let (x, y) = (a.given.as_str(), b.given.as_str());
    if x.is_empty() || y.is_empty() {
        return None;
    }
    let (fx, fy) = (a.first_given(), b.first_given());
    if x == y || fx == fy {
        return Some(Level::Exact);
    }
    if (a.nickname_root.is_some() && a.nickname_root == b.nickname_root) || a.given_groups & b.given_groups != 0 {
        return Some(Level::Nickname);
    }
    if is_initial_of(fx, fy) {
        return Some(Level::Initial);
    }
    let first = spelling_level_keyed(fx, fy, Some((&a.given_key, &b.given_key)));
    if first == Some(Level::Typo) || (a.given_key == b.given_key && !a.given_key.is_empty()) {
        return first.filter(|&l| l == Level::Typo).or(Some(Level::Phonetic));
    }
    // Whole given names ("jean luc" / "jeanluc") may agree better.
    if !x.contains(' ') && !y.contains(' ') {
        return first;
    }
    let whole = spelling_level(x, y);
    if goodness(Comparison::GivenName, whole) > goodness(Comparison::GivenName, first) {
        whole
    } else {
        first
    }
}

fn family_level(a: &Name, b: &Name) -> Option<Level> {
    let (x, y) = (a.family_main.as_str(), b.family_main.as_str());
    if x.is_empty() || y.is_empty() {
        return None;
    }
    if x == y {
        return Some(Level::Exact);
    }
    let words_of = |s: &str, t: &str| s.split(' ').all(|w| t.split(' ').any(|v| v == w));
    if words_of(x, y) || words_of(y, x) {
        return Some(Level::Part);
    }
    // Spaces dropped or added ("Mac Donald" / "MacDonald").
    if x.bytes().filter(|&c| c != b' ').eq(y.bytes().filter(|&c| c != b' ')) {
        return Some(Level::Typo);
    }
    let main = match spelling_level_keyed(
        x,
        y,
        (!x.contains(' ') && !y.contains(' ')).then_some((&*a.family_key, &*b.family_key)),
    ) {
        Some(Level::Similar | Level::Different) if a.family_key == b.family_key && !a.family_key.is_empty() => {
            Some(Level::Phonetic)
        }
        other => other,
    };
    // A particle run into the name ("deJong", "Vanegelder") or misspelt:
    // the whole names, spaces dropped, may agree better.
    let has_particle = |n: &Name| n.family.len() != n.family_main.len();
    if matches!(main, Some(Level::Similar | Level::Different)) && (has_particle(a) || has_particle(b)) {
        let joined = |n: &Name| n.family.replace(' ', "");
        let whole = spelling_level(&joined(a), &joined(b));
        if goodness(Comparison::FamilyName, whole) > goodness(Comparison::FamilyName, main) {
            return whole;
        }
    }
    main
}

/// Birthdays: exact, day and month swapped, one digit, same year, different.
pub fn compare_birthdays(a: Option<NaiveDate>, b: Option<NaiveDate>) -> Option<Level> {
    Some(birthday_level(pack_date(a?), pack_date(b?)))
}

/// A date as the number yyyymmdd: 19840302 for 2 March 1984.
pub fn pack_date(d: NaiveDate) -> u32 {
    d.year().clamp(0, 9999) as u32 * 10_000 + d.month() * 100 + d.day()
}

/// The level of two dates packed by [`pack_date`], in integer steps only
/// (the scan's bound does this for many pairs).
pub fn birthday_level(x: u32, y: u32) -> Level {
    if x == y {
        return Level::Exact;
    }
    let year = |d: u32| d / 10_000;
    let (month, day) = (|d: u32| d / 100 % 100, |d: u32| d % 100);
    if year(x) == year(y) && day(x) == month(y) && month(x) == day(y) {
        return Level::DayMonthSwapped;
    }
    let digits = |mut v: u32| {
        let mut out = [0u8; 8];
        for slot in out.iter_mut().rev() {
            *slot = (v % 10) as u8;
            v /= 10;
        }
        out
    };
    if one_digit_apart(&digits(x), &digits(y)) {
        return Level::OneDigit;
    }
    if year(x) == year(y) {
        Level::SameYear
    } else {
        Level::Different
    }
}

fn compare_emails(a: &Features, b: &Features) -> Option<Level> {
    if a.emails.is_empty() || b.emails.is_empty() {
        return None;
    }
    Some(if shared(&a.emails, &b.emails).is_some() {
        Level::Exact
    } else if a.org_domains.iter().any(|d| b.org_domains.contains(d)) {
        Level::SameDomain
    } else {
        Level::Different
    })
}

fn compare_phones(a: &Features, b: &Features) -> Option<Level> {
    if a.phone_keys.is_empty() || b.phone_keys.is_empty() {
        return None;
    }
    Some(if a.phone_keys.iter().any(|k| b.phone_keys.contains(k)) { Level::Exact } else { Level::Different })
}

/// The first value two lists share. The lists hold a few items, so a linear
/// search is quicker than a binary one.
pub fn shared<'s>(x: &'s [String], y: &[String]) -> Option<&'s String> {
    x.iter().find(|v| y.contains(v))
}

/// House number, street and place of the best-matching pair of addresses.
pub fn compare_addresses(a: &Features, b: &Features, v: &mut Vector) {
    // (goodness, the three levels, which addresses)
    type Best = (i32, [Option<Level>; 3], (u8, u8));
    let mut best: Option<Best> = None;
    for (i, x) in a.addresses.iter().enumerate().take(8) {
        for (j, y) in b.addresses.iter().enumerate().take(8) {
            let levels = [house_level(x, y), street_level(x, y), place_level(x, y)];
            let score = goodness(Comparison::HouseNumber, levels[0])
                + goodness(Comparison::Street, levels[1])
                + goodness(Comparison::Place, levels[2]);
            if best.is_none_or(|(s, _, _)| score > s) {
                best = Some((score, levels, (i as u8, j as u8)));
            }
        }
    }
    if let Some((_, [house, street, place], which)) = best {
        v.set(Comparison::HouseNumber, house);
        v.set(Comparison::Street, street);
        v.set(Comparison::Place, place);
        v.addresses = which;
    }
}

/// The numbers of two addresses' street lines as sets.
pub fn house_level(x: &AddressKey, y: &AddressKey) -> Option<Level> {
    let (xs, ys) = (&x.numbers, &y.numbers);
    if xs.is_empty() || ys.is_empty() {
        return None;
    }
    if xs == ys {
        return Some(Level::Exact);
    }
    let within = |s: &Words, t: &Words| s.iter().all(|n| t.contains(n));
    if within(xs, ys) || within(ys, xs) {
        return Some(Level::Subset);
    }
    // One digit of a one-digit number changed is a different number (flat 3
    // and flat 4), not a typo.
    let near = |n: &str, t: &Words| {
        t.iter().any(|m| (n.len() >= 2 && one_digit_apart(n.as_bytes(), m.as_bytes())) || one_edit_apart_short(n, m))
    };
    let (short, long) = if xs.len() <= ys.len() { (xs, ys) } else { (ys, xs) };
    if short.iter().all(|n| long.contains(n) || near(n, long)) {
        return Some(Level::Typo);
    }
    if short.iter().any(|n| long.contains(n)) {
        return Some(Level::Partial);
    }
    Some(Level::Different)
}

/// One digit added or dropped ("12" / "123", "5" / "15"), for numbers of at
/// least two digits on the longer side.
fn one_edit_apart_short(x: &str, y: &str) -> bool {
    let (s, l) = if x.len() <= y.len() { (x, y) } else { (y, x) };
    if l.len() != s.len() + 1 || l.len() < 2 {
        return false;
    }
    (0..l.len()).any(|i| l[..i] == s[..i] && l[i + 1..] == s[i..])
}

/// The street and building words of two addresses.
pub fn street_level(x: &AddressKey, y: &AddressKey) -> Option<Level> {
    if x.joined.is_empty() || y.joined.is_empty() {
        return None;
    }
    if x.joined == y.joined {
        return Some(Level::Exact);
    }
    let (xs, ys) = (&x.names, &y.names);
    if xs.is_empty() || ys.is_empty() {
        return Some(if x.types == y.types { Level::Exact } else { Level::Different });
    }
    if xs == ys {
        // The same words in another order (lines swapped), or another type.
        return Some(if x.types == y.types || x.types.is_empty() || y.types.is_empty() {
            Level::Exact
        } else {
            Level::Typo
        });
    }
    let (short, long) = if xs.len() <= ys.len() { (xs, ys) } else { (ys, xs) };
    let exact = short.iter().filter(|w| long.contains(w)).count();
    let short_len = short.len();
    // Streets of one name and different types ("George Crescent", "George
    // Circuit") are different streets, unless one type is missing.
    let types_differ = !x.types.is_empty() && !y.types.is_empty() && !x.types.iter().any(|t| y.types.contains(t));
    if exact == short_len {
        return Some(if types_differ { Level::Partial } else { Level::Subset });
    }
    let fuzzy = short
        .iter()
        .filter(|w| !long.contains(w))
        .filter(|w| w.len() >= 3 && long.iter().any(|v| one_edit_apart(w, v) || jaro_winkler_str(w, v) >= 0.9))
        .count();
    if (exact + fuzzy == short_len || jaro_winkler_str(&x.joined, &y.joined) >= 0.93) && !types_differ {
        return Some(Level::Typo);
    }
    // Split or merged words with more than one typo still share most letters.
    if exact + fuzzy > 0 {
        return Some(Level::Partial);
    }
    Some(Level::Different)
}

/// Postcode and city together.
pub fn place_level(x: &AddressKey, y: &AddressKey) -> Option<Level> {
    let city_known = !x.city.is_empty() && !y.city.is_empty();
    let same_city = city_known
        && (x.city == y.city
            || (x.city.len() >= 4 && (one_edit_apart(&x.city, &y.city) || jaro_winkler_str(&x.city, &y.city) >= 0.93)));
    if !x.postcode.is_empty() && !y.postcode.is_empty() {
        if x.postcode == y.postcode {
            return Some(Level::Exact);
        }
        if one_digit_apart(x.postcode.as_bytes(), y.postcode.as_bytes()) {
            return Some(if same_city { Level::NearPostcodeSameCity } else { Level::NearPostcode });
        }
    }
    if same_city {
        return Some(Level::SameCity);
    }
    let any_known = city_known || (!x.postcode.is_empty() && !y.postcode.is_empty());
    any_known.then_some(Level::Different)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::core::records::{Address, Contact};

    fn person(given: &str, family: &str) -> Features {
        let t = chrono::DateTime::from_timestamp(0, 0).unwrap();
        let mut c = Contact::blank("x".into(), t);
        c.given_name = given.into();
        c.family_name = family.into();
        Features::of(&c, "GB")
    }

    fn names(a: (&str, &str), b: (&str, &str)) -> (Option<Level>, Option<Level>, bool) {
        let v = compare(&person(a.0, a.1), &person(b.0, b.1));
        (v.get(Comparison::GivenName), v.get(Comparison::FamilyName), v.swapped || v.moved)
    }

    fn at(street: &str, postcode: &str, city: &str) -> AddressKey {
        let mut c = Contact::blank("x".into(), chrono::DateTime::from_timestamp(0, 0).unwrap());
        c.addresses.push(Address {
            street: street.into(),
            postal_code: postcode.into(),
            city: city.into(),
            ..Default::default()
        });
        Features::of(&c, "GB").addresses.remove(0)
    }

    use Level::*;

    #[test]
    fn given_name_levels() {
        assert_eq!(names(("Robert", "Miller"), ("Robert", "Miller")).0, Some(Exact));
        assert_eq!(names(("Robert James", "Miller"), ("Robert", "Miller")).0, Some(Exact));
        assert_eq!(names(("Bob", "Miller"), ("Robert", "Miller")).0, Some(Nickname));
        assert_eq!(names(("Rboert", "Miller"), ("Robert", "Miller")).0, Some(Typo));
        assert_eq!(names(("Sofie", "Miller"), ("Sophie", "Miller")).0, Some(Phonetic));
        assert_eq!(names(("R", "Miller"), ("Robert", "Miller")).0, Some(Initial));
        assert_eq!(names(("Anna", "Miller"), ("Lukas", "Miller")).0, Some(Different));
        assert_eq!(names(("Paul", "Miller"), ("Paula", "Miller")).0, Some(Different));
        let (mut a, mut b) = (person("Charlotte", "Miller"), person("Charlott", "Miller"));
        (a.given_count, b.given_count) = (60, 1);
        assert_eq!(compare(&a, &b).get(Comparison::GivenName), Some(Typo));
        (a.given_count, b.given_count) = (60, 40);
        assert_eq!(compare(&a, &b).get(Comparison::GivenName), Some(Different));
        assert_eq!(names(("", "Miller"), ("Paula", "Miller")).0, None);
    }

    #[test]
    fn two_common_names_one_letter_apart_are_different() {
        let mut a = person("Jon", "Miller");
        let mut b = person("Joan", "Miller");
        assert_eq!(compare(&a, &b).get(Comparison::GivenName), Some(Typo));
        (a.given_count, b.given_count) = (40, 55);
        assert_eq!(compare(&a, &b).get(Comparison::GivenName), Some(Different));
        // A typo of a common name is far rarer than the name.
        (a.given_count, b.given_count) = (2, 55);
        assert_eq!(compare(&a, &b).get(Comparison::GivenName), Some(Typo));
        assert!(both_common(3, 60) && !both_common(3, 61) && !both_common(2, 2));
    }

    #[test]
    fn family_name_levels() {
        assert_eq!(names(("Ana", "García López"), ("Ana", "García")).1, Some(Part));
        assert_eq!(names(("Ana", "van den Berg"), ("Ana", "Berg")).1, Some(Exact));
        assert_eq!(names(("Ana", "Smiht"), ("Ana", "Smith")).1, Some(Typo));
        assert_eq!(names(("Ana", "Mac Donald"), ("Ana", "MacDonald")).1, Some(Typo));
        assert_eq!(names(("Ana", "Schmidt"), ("Ana", "Smith")).1, Some(Phonetic));
        assert_eq!(names(("Ana", "Jones"), ("Ana", "Smith")).1, Some(Different));
    }

    #[test]
    fn swapped_and_moved_names_are_read_crosswise() {
        assert_eq!(names(("Chen", "Wei"), ("Wei", "Chen")), (Some(Exact), Some(Exact), true));
        assert_eq!(names(("Chen", "Wie"), ("Wei", "Chen")), (Some(Exact), Some(Typo), true));
        assert_eq!(names(("", "Mary Smith"), ("Mary", "Smith")), (Some(Exact), Some(Exact), true));
        assert!(!names(("Anna", "Smith"), ("Lukas", "Smith")).2);
    }

    #[test]
    fn birthday_levels() {
        let d = |y, m, d| NaiveDate::from_ymd_opt(y, m, d);
        assert_eq!(compare_birthdays(d(1984, 3, 2), d(1984, 3, 2)), Some(Exact));
        assert_eq!(compare_birthdays(d(1984, 3, 2), d(1984, 2, 3)), Some(DayMonthSwapped));
        assert_eq!(compare_birthdays(d(1984, 3, 2), d(1984, 3, 12)), Some(OneDigit));
        assert_eq!(compare_birthdays(d(1984, 3, 2), d(1948, 3, 2)), Some(OneDigit));
        assert_eq!(compare_birthdays(d(1984, 3, 2), d(1984, 11, 20)), Some(SameYear));
        assert_eq!(compare_birthdays(d(1984, 3, 2), d(2011, 7, 30)), Some(Different));
        assert_eq!(compare_birthdays(d(1984, 3, 2), None), None);
    }

    #[test]
    fn house_number_levels() {
        let h = |x: &str, y: &str| house_level(&at(x, "", ""), &at(y, "", ""));
        assert_eq!(h("12 Main St", "12 Main Street"), Some(Exact));
        assert_eq!(h("Unit 3, 12 Main St", "12 Main St"), Some(Subset));
        assert_eq!(h("12 Main St", "21 Main St"), Some(Typo));
        assert_eq!(h("12 Main St", "13 Main St"), Some(Typo));
        assert_eq!(h("12 Main St", "112 Main St"), Some(Typo));
        assert_eq!(h("Flat 3, 12 Main St", "Flat 4, 12 Main St"), Some(Partial));
        assert_eq!(h("12 Main St", "48 Main St"), Some(Different));
        assert_eq!(h("Main St", "48 Main St"), None);
    }

    #[test]
    fn street_levels() {
        let s = |x: &str, y: &str| street_level(&at(x, "", ""), &at(y, "", ""));
        assert_eq!(s("12 Main Street", "12 Main St."), Some(Exact));
        assert_eq!(s("12 Main Street", "12 Mainstreet"), Some(Exact));
        assert_eq!(s("12 Main Street", "12 Ma in Street"), Some(Exact));
        assert_eq!(s("12 Main St, Rose Villa", "Rose Villa\n12 Main St"), Some(Exact));
        assert_eq!(s("12 Main St, Rose Villa", "12 Main St"), Some(Subset));
        assert_eq!(s("12 Mian St", "12 Main St"), Some(Typo));
        assert_eq!(s("12 Main Rd", "12 Main St"), Some(Typo));
        assert_eq!(s("12 Main St, Rose Villa", "12 Main St, Oak Court"), Some(Partial));
        assert_eq!(s("12 Main St", "12 Station Rd"), Some(Different));
        assert_eq!(s("Hauptstraße 5", "Haupt Str. 5"), Some(Exact));
    }

    #[test]
    fn place_levels() {
        let p = |x: (&str, &str), y: (&str, &str)| place_level(&at("", x.0, x.1), &at("", y.0, y.1));
        assert_eq!(p(("2000", "Sydney"), ("2000", "Sydeny")), Some(Exact));
        assert_eq!(p(("2000", "Sydney"), ("2001", "Sydney")), Some(NearPostcodeSameCity));
        assert_eq!(p(("2010", "Sydney"), ("2100", "Parramatta")), Some(NearPostcode));
        assert_eq!(p(("2000", "Sydney"), ("2750", "Sydney")), Some(SameCity));
        assert_eq!(p(("", "Sydney"), ("2750", "Sydney")), Some(SameCity));
        assert_eq!(p(("2000", "Sydney"), ("3150", "Melbourne")), Some(Different));
        assert_eq!(p(("2000", ""), ("", "Melbourne")), None);
    }
}
