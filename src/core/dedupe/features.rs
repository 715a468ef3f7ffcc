//! Per-contact comparison features, computed once per contact when the index
//! is built (folding, phone parsing, phonetic keys and address parsing are too
//! slow to repeat for every pair): cleaned names with their nickname roots and
//! phonetic keys, a generational suffix (Jr., Sr.), canonical emails, E.164
//! phones, birthday, parsed addresses and company.
//!
//! An address is parsed the way a person reads it, not as one string: the
//! numbers in its street lines (house number, unit, flat), the words of the
//! street and any second line (a building name) with street types written one
//! way ("Street", "St." and the "-straße" of "Hauptstraße" all become "st"),
//! those words joined without spaces (so "Main Street", "Mainstreet" and
//! "Ma in Street" agree), the postcode as letters and digits, and the city.
//! Lines are not told apart, so an address whose lines were swapped or merged
//! onto one line reads the same.

use std::collections::HashMap;
use std::hash::{BuildHasherDefault, Hasher};
use std::sync::LazyLock;

use chrono::NaiveDate;

use super::similarity::{nickname_groups, nickname_root, phonetic_key};
use crate::core::hash::FxHasher;
use crate::core::normalize::{canonical_email, is_mail_provider, parse_phone};
use crate::core::records::{Address, Contact};
use crate::core::text::fold;

/// Family-name particles ignored when comparing surnames ("van der Berg" ~ "Berg").
const PARTICLES: &[&str] =
    &["van", "von", "der", "den", "de", "la", "le", "du", "di", "da", "dos", "das", "del", "della", "ter", "ten", "y"];

/// Titles dropped from the front of a given name ("Dr John" is "John").
const TITLES: &[&str] = &["mr", "mrs", "ms", "miss", "mx", "dr", "prof", "herr", "frau", "mme", "mlle", "sir"];

/// Generational suffixes and the generation each stands for: a father and
/// his son of the same name often live at one address.
const GENERATIONS: &[(&str, u8)] =
    &[("sr", 1), ("snr", 1), ("senior", 1), ("jr", 2), ("jnr", 2), ("junior", 2), ("ii", 2), ("iii", 3), ("iv", 4)];

/// Words of an address line that only say what kind of place a number is
/// ("Unit 3", "Flat 2", "Apt 5", "PO Box 7"): dropped, their numbers kept.
const DESIGNATORS: &[&str] = &[
    "unit",
    "flat",
    "apt",
    "apartment",
    "suite",
    "ste",
    "level",
    "lvl",
    "floor",
    "fl",
    "room",
    "rm",
    "no",
    "nr",
    "num",
    "number",
    "bldg",
    "building",
    "block",
    "blk",
    "lot",
    "shop",
    "po",
    "box",
    "pobox",
    "c",
    "o",
    "etage",
    "piso",
    "puerta",
    "bus",
];

/// Street types in their one written form: (long or short form, form used).
const STREET_TYPES: &[(&str, &str)] = &[
    ("street", "st"),
    ("st", "st"),
    ("str", "st"),
    ("strasse", "st"),
    ("straat", "st"),
    ("road", "rd"),
    ("rd", "rd"),
    ("avenue", "ave"),
    ("ave", "ave"),
    ("av", "ave"),
    ("avda", "ave"),
    ("avenida", "ave"),
    ("drive", "dr"),
    ("dr", "dr"),
    ("lane", "ln"),
    ("ln", "ln"),
    ("court", "ct"),
    ("ct", "ct"),
    ("place", "pl"),
    ("pl", "pl"),
    ("crescent", "cres"),
    ("cres", "cres"),
    ("boulevard", "blvd"),
    ("blvd", "blvd"),
    ("highway", "hwy"),
    ("hwy", "hwy"),
    ("parade", "pde"),
    ("pde", "pde"),
    ("terrace", "tce"),
    ("tce", "tce"),
    ("close", "cl"),
    ("cl", "cl"),
    ("square", "sq"),
    ("sq", "sq"),
    ("circuit", "cct"),
    ("cct", "cct"),
    ("grove", "gr"),
    ("gr", "gr"),
    ("way", "way"),
    ("weg", "weg"),
    ("laan", "laan"),
    ("gracht", "gr"),
    ("gasse", "gasse"),
    ("platz", "platz"),
    ("plein", "plein"),
    ("calle", "calle"),
    ("rue", "rue"),
    ("paseo", "paseo"),
    ("plaza", "plaza"),
    ("pza", "plaza"),
    ("via", "via"),
    ("viale", "viale"),
    ("vle", "viale"),
    ("piazza", "piazza"),
    ("pzza", "piazza"),
    ("corso", "corso"),
    ("cso", "corso"),
    ("largo", "largo"),
    ("chemin", "chemin"),
    ("allee", "allee"),
    ("impasse", "impasse"),
    ("quai", "quai"),
    ("bd", "blvd"),
    ("marg", "marg"),
    ("nagar", "nagar"),
    ("ngr", "nagar"),
];

/// Little words of street names ("Rue de la Paix", "Calle del Sol") that
/// say nothing about which street it is: left out of the naming words, so
/// two streets do not "share a word" by sharing "de".
const STREET_STOPWORDS: &[&str] = &[
    "de", "del", "della", "delle", "dei", "di", "da", "du", "des", "la", "le", "les", "l", "the", "of", "van", "von",
    "der", "den", "y", "e", "et", "and",
];

/// Street types that are also written joined to the name ("Hauptstraße",
/// "Kerkstraat", "Mainstreet"), longest first.
const JOINED_TYPES: &[(&str, &str)] = &[
    ("strasse", "st"),
    ("straat", "st"),
    ("street", "st"),
    ("gasse", "gasse"),
    ("platz", "platz"),
    ("plein", "plein"),
    ("laan", "laan"),
    ("gracht", "gr"),
    ("road", "rd"),
    ("weg", "weg"),
    ("str", "st"),
];

/// One postal address reduced to what identifies a place.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct AddressKey {
    /// The numbers of the street lines (house number, unit), sorted: "12", "3a".
    pub numbers: Words,
    /// The street and building words with street types in one form, joined
    /// without spaces in the order written: "mainstrosevilla".
    pub joined: String,
    /// The words that name the street or building (not street types),
    /// sorted, each once: "main", "rose", "villa".
    pub names: Words,
    /// The street types, sorted, each once: "st".
    pub types: Words,
    /// Phonetic keys of the street for blocking: of its longest naming word
    /// and, when different, of its naming words joined ("Ma nor" = "Manor").
    pub street_keys: Words,
    /// Upper-case letters and digits only: "SW1A1AA".
    pub postcode: String,
    /// Folded, punctuation removed: "new york".
    pub city: String,
    /// How many families (distinct family names) of the list live at
    /// exactly this address (numbers, street and postcode), filled in by the
    /// index (see [`count_crowds`]); 0 until then. An office's address is
    /// shared by many, a home's by one family: agreeing on it says less the
    /// more share it.
    pub crowd: u32,
}

impl AddressKey {
    /// Whether nothing of the address could be read.
    pub fn is_empty(&self) -> bool {
        self.numbers.is_empty() && self.joined.is_empty() && self.postcode.is_empty() && self.city.is_empty()
    }

    /// A hash of what makes two addresses the same place, for counting.
    fn place_hash(&self) -> u64 {
        let mut h = FxHasher::default();
        for part in [self.numbers.as_str(), &self.joined, &self.postcode] {
            h.write(part.as_bytes());
            h.write_u8(0xff);
        }
        h.finish()
    }
}

/// Counts how many families (distinct family names) live at each address
/// and writes it into the contacts' address keys (`AddressKey::crowd`): a
/// home is shared by one family, an office or a block of flats by many.
/// Families, not contacts, so that a person's own duplicates and a
/// household's members do not make their home look crowded.
pub fn count_crowds(features: &mut [Features]) {
    let mut crowds = Crowds::default();
    features.iter().for_each(|f| crowds.add(f));
    let crowds = crowds.finish();
    features.iter_mut().for_each(|f| crowds.apply(f));
}

/// The families seen at each address, then (after [`Crowds::finish`]) how
/// many there are: [`count_crowds`] in steps, so that the index can do
/// each step in a pass over the contacts it makes anyway (every pass over
/// 100,000 contacts' features costs a cache miss per contact).
#[derive(Debug, Default)]
pub struct Crowds {
    families: std::collections::HashSet<(u64, u64), BuildHasherDefault<FxHasher>>,
    counts: HashMap<u64, u32, BuildHasherDefault<FxHasher>>,
}

impl Crowds {
    /// Notes the family at each of a contact's addresses.
    pub fn add(&mut self, f: &Features) {
        let mut h = FxHasher::default();
        h.write(f.name.family_main.as_bytes());
        let family = h.finish();
        for a in f.addresses.iter().filter(|a| !a.is_empty()) {
            self.families.insert((a.place_hash(), family));
        }
    }

    /// Counts the families of each address.
    pub fn finish(mut self) -> Crowds {
        for (place, _) in self.families.drain() {
            *self.counts.entry(place).or_default() += 1;
        }
        self
    }

    /// Writes the count into a contact's address keys (1 for an address not seen).
    pub fn apply(&self, f: &mut Features) {
        for a in &mut f.addresses {
            a.crowd = self.counts.get(&a.place_hash()).copied().unwrap_or(1);
        }
    }
}

/// A few words in one string, separated by spaces: one allocation where a
/// list of strings would take one per word (a list of 100,000 contacts is
/// built and freed on every scan, and that counts in WebAssembly).
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Words(String);

impl Words {
    /// The words in the given order.
    pub fn ordered<'w>(words: impl IntoIterator<Item = &'w str>) -> Words {
        let mut out = String::new();
        for w in words.into_iter().filter(|w| !w.is_empty()) {
            if !out.is_empty() {
                out.push(' ');
            }
            out.push_str(w);
        }
        Words(out)
    }

    /// The words sorted, each once.
    pub fn set<'w>(words: impl IntoIterator<Item = &'w str>) -> Words {
        let mut list: Vec<&str> = words.into_iter().collect();
        list.sort_unstable();
        list.dedup();
        Words::ordered(list)
    }

    pub fn iter(&self) -> impl Iterator<Item = &str> + Clone {
        self.0.split(' ').filter(|w| !w.is_empty())
    }

    pub fn len(&self) -> usize {
        self.iter().count()
    }

    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }

    pub fn contains(&self, word: &str) -> bool {
        self.iter().any(|w| w == word)
    }

    pub fn first(&self) -> Option<&str> {
        self.iter().next()
    }

    /// The words with spaces between them.
    pub fn as_str(&self) -> &str {
        &self.0
    }
}

/// Street types, long and short forms, with the form used: one hash lookup
/// per word of every address of a scan.
static STREET_TYPE_OF: LazyLock<HashMap<&'static str, &'static str, BuildHasherDefault<FxHasher>>> =
    LazyLock::new(|| STREET_TYPES.iter().copied().collect());

/// The short forms used (the values of [`STREET_TYPES`]).
static STREET_TYPE_FORMS: LazyLock<std::collections::HashSet<&'static str, BuildHasherDefault<FxHasher>>> =
    LazyLock::new(|| STREET_TYPES.iter().map(|&(_, short)| short).collect());

/// Whether a word (in its one written form) is a street type.
pub fn is_street_type(word: &str) -> bool {
    STREET_TYPE_FORMS.contains(word)
}

/// A person's name as compared: cleaned, with its nickname root and
/// phonetic keys.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Name {
    /// Folded given name(s), punctuation and titles removed: "jean luc".
    pub given: String,
    /// Nickname root of the first given name when it has one: "robert" for
    /// "Bob" (see [`Name::root`]; a static string, so no allocation).
    pub nickname_root: Option<&'static str>,
    /// The nickname groups of the first given name (see `nickname_groups`).
    pub given_groups: u128,
    /// Phonetic key of the root (see [`Name::root`]).
    pub given_key: String,
    /// Folded family name: "van den berg", "garcia lopez".
    pub family: String,
    /// The family name without particles: "berg", "garcia lopez".
    pub family_main: String,
    /// Phonetic key of the first word of `family_main`.
    pub family_key: String,
}

impl Name {
    fn of(given: String, family: String) -> Name {
        let first_given = given.split(' ').next().unwrap_or("");
        let nickname_root = nickname_root(first_given);
        let given_groups = nickname_groups(first_given);
        let family_main = strip_particles(&family);
        let first_family = family_main.split(' ').next().unwrap_or("");
        Name {
            given_key: phonetic_key(nickname_root.unwrap_or(first_given)),
            family_key: phonetic_key(first_family),
            nickname_root,
            given_groups,
            family_main,
            given,
            family,
        }
    }

    /// The first given name: "jean" of "jean luc".
    pub fn first_given(&self) -> &str {
        // A plain loop: names are short, and `split` calls `memchr`, which
        // cost a tenth of a scan's time in a function call per pair.
        let end = self.given.bytes().position(|b| b == b' ').unwrap_or(self.given.len());
        &self.given[..end]
    }

    /// The nickname root of the first given name, or the name itself:
    /// "robert" for "Bob", "jean" for "Jean Luc".
    pub fn root(&self) -> &str {
        self.nickname_root.unwrap_or_else(|| self.first_given())
    }

    /// Compares two names in "family given" order (the sorted-neighbourhood
    /// pass), without writing that string.
    pub fn sort_order(&self, other: &Name) -> std::cmp::Ordering {
        let (x, y) = (self.family.as_bytes(), other.family.as_bytes());
        let n = x.len().min(y.len());
        match x[..n].cmp(&y[..n]) {
            std::cmp::Ordering::Equal if x.len() == y.len() => self.given.as_bytes().cmp(other.given.as_bytes()),
            std::cmp::Ordering::Equal => self.sort_bytes().cmp(other.sort_bytes()),
            unequal => unequal,
        }
    }

    /// The bytes of "family given".
    pub fn sort_bytes(&self) -> impl Iterator<Item = u8> + '_ {
        self.family.bytes().chain([b' ']).chain(self.given.bytes())
    }
}

/// What duplicate detection compares for one contact.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Features {
    pub name: Name,
    /// The name read another way when one field holds both names and the
    /// other is empty ("Mary Smith" as the family name): first word given,
    /// the rest family.
    pub moved_name: Option<Box<Name>>,
    /// 1 for Sr., 2 for Jr. or II, 3 for III, 4 for IV.
    pub generation: Option<u8>,
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
    pub phone_keys: Vec<u64>,
    /// The birthday when its year is known: a day and month alone agree for
    /// one pair of strangers in 365, too weak to weigh like a full date, so a
    /// birthday without a year counts as unknown here.
    pub birthday: Option<NaiveDate>,
    pub addresses: Vec<AddressKey>,
    pub company: Option<String>,
    /// How common the given root is: the chance that two different people
    /// share it (the u probability of agreement), filled in by the index.
    pub given_u: f64,
    /// The same for `family_main`.
    pub family_u: f64,
    /// -log2 of `given_u` and `family_u` (computed once: a logarithm per
    /// pair costs much in WebAssembly).
    pub given_rarity: f64,
    pub family_rarity: f64,
    /// How many contacts of the list have this given root and family name
    /// (filled in by the index; see `compare::both_common`).
    pub given_count: u32,
    pub family_count: u32,
}

impl Features {
    /// Features of one contact; phone numbers without "+" are read for the
    /// contact's first address country, else `default_country`.
    pub fn of(contact: &Contact, default_country: &str) -> Features {
        let mut generation = None;
        let given = drop_titles(clean_name_parts(&contact.given_name, &mut generation));
        let family = clean_name_parts(&contact.family_name, &mut generation);
        let moved_name = match (given.is_empty(), family.is_empty()) {
            (true, false) => resplit(&family),
            (false, true) => resplit(&given),
            _ => None,
        };
        let name = Name::of(given, family);
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
        let mut phone_keys: Vec<u64> = phones.iter().map(|p| phone_key(p)).collect();
        phone_keys.sort();
        phone_keys.dedup();
        Features {
            phone_keys,
            moved_name,
            generation,
            org_domains: organisation_domains(&emails),
            name,
            emails,
            phones,
            birthday: contact.birthday.and_then(|b| b.date()),
            addresses: contact.addresses.iter().map(address_key).filter(|a| !a.is_empty()).collect(),
            company: contact.company_id.clone().filter(|c| !c.is_empty()),
            given_u: DEFAULT_U,
            family_u: DEFAULT_U,
            given_rarity: -DEFAULT_U.log2(),
            family_rarity: -DEFAULT_U.log2(),
            given_count: 0,
            family_count: 0,
        }
    }

    /// The first letter of the given name's root ('r' for "Bob").
    pub fn given_initial(&self) -> Option<char> {
        self.name.root().chars().next()
    }

    /// The first letter of the family name without particles.
    pub fn family_initial(&self) -> Option<char> {
        self.name.family_main.chars().next()
    }

    /// Whether the contact has any name at all.
    pub fn has_name(&self) -> bool {
        !self.name.given.is_empty() || !self.name.family.is_empty()
    }
}

/// The u probability used when a name's frequency is unknown.
pub const DEFAULT_U: f64 = 0.01;

/// Name counts, hashed with [`FxHasher`]: two lookups per contact.
type CountMap = HashMap<String, u32, BuildHasherDefault<FxHasher>>;

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
        let mut counts = NameCounts::default();
        features.iter().for_each(|f| counts.add(f));
        counts
    }

    /// Counts one more contact's names (the index counts while it makes
    /// the features, see [`Crowds`]).
    pub fn add(&mut self, f: &Features) {
        self.total += 1;
        bump(&mut self.given, f.name.root());
        bump(&mut self.family, &f.name.family_main);
    }

    /// Fills in `given_u` and `family_u`. The frequency is smoothed (as if
    /// 100 more records held unseen names), so small address books do not
    /// make every name look common, and clamped to [0.002, 0.1].
    pub fn apply(&self, f: &mut Features) {
        let u = |count: Option<&u32>| {
            let c = f64::from(count.copied().unwrap_or(0));
            ((c + 1.0) / (f64::from(self.total) + 100.0)).clamp(0.002, 0.1)
        };
        let (given, family) = (self.given.get(f.name.root()), self.family.get(&f.name.family_main));
        f.given_u = u(given);
        f.family_u = u(family);
        f.given_rarity = -f.given_u.log2();
        f.family_rarity = -f.family_u.log2();
        f.given_count = given.copied().unwrap_or(0);
        f.family_count = family.copied().unwrap_or(0);
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
    // Most names are plain ASCII, which needs only lower-casing: done on
    // bytes, without the folded copy (this runs several times per contact).
    if !name.is_ascii() {
        return clean_chars(&fold(name));
    }
    let mut out: Vec<u8> = Vec::with_capacity(name.len());
    for b in name.bytes().map(|b| b.to_ascii_lowercase()) {
        if b.is_ascii_alphanumeric() {
            out.push(b);
        } else if ((b as char).is_whitespace() || matches!(b, b'-' | b',' | b'/'))
            && out.last().is_some_and(|&l| l != b' ')
        {
            out.push(b' ');
        }
    }
    if out.last() == Some(&b' ') {
        out.pop();
    }
    String::from_utf8(out).unwrap_or_default()
}

/// [`clean_name`] of folded text, character by character.
fn clean_chars(folded: &str) -> String {
    let mut out = String::with_capacity(folded.len());
    for c in folded.chars().map(|c| c.to_ascii_lowercase()) {
        if c.is_alphanumeric() {
            out.push(c);
        } else if (c.is_whitespace() || c == '-' || c == ',' || c == '/') && !out.is_empty() && !out.ends_with(' ') {
            out.push(' ');
        }
    }
    let trimmed = out.trim_end().len();
    out.truncate(trimmed);
    out
}

/// A cleaned name without its generational suffix, which goes to `generation`.
fn clean_name_parts(name: &str, generation: &mut Option<u8>) -> String {
    let cleaned = clean_name(name);
    if !cleaned.contains(' ') {
        return cleaned;
    }
    let mut kept: Vec<&str> = Vec::new();
    for word in cleaned.split(' ') {
        match GENERATIONS.iter().find(|(w, _)| *w == word) {
            Some(&(_, g)) => *generation = Some(g),
            None => kept.push(word),
        }
    }
    kept.join(" ")
}

/// A given name without leading titles, unless nothing else is left.
fn drop_titles(given: String) -> String {
    let mut rest = given.as_str();
    while let Some((first, tail)) = rest.split_once(' ') {
        if !TITLES.contains(&first) {
            break;
        }
        rest = tail;
    }
    if rest.len() == given.len() {
        given
    } else {
        rest.to_string()
    }
}

/// Both names from one field holding them ("mary ann smith"): first word
/// given, the rest family.
fn resplit(full: &str) -> Option<Box<Name>> {
    let (given, family) = full.split_once(' ')?;
    Some(Box::new(Name::of(given.to_string(), family.to_string())))
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

/// The last nine digits of an E.164 number (all of them if fewer), as a
/// number: compared and hashed without a string.
pub fn phone_key(e164: &str) -> u64 {
    let digits = e164.trim_start_matches('+');
    digits[digits.len().saturating_sub(9)..]
        .bytes()
        .filter(u8::is_ascii_digit)
        .fold(0, |n, d| n * 10 + u64::from(d - b'0'))
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

/// Parses a street field (one or several lines) into numbers and words.
pub fn parse_street(street: &str) -> (Vec<String>, Vec<String>) {
    let cleaned = clean_name(street);
    let (numbers, words) = street_parts(&cleaned);
    (numbers.into_iter().map(str::to_string).collect(), words.into_iter().map(str::to_string).collect())
}

/// [`parse_street`] of a cleaned street, as slices of it (or of the
/// street-type table): no string per word, as an index of 100,000
/// contacts would otherwise allocate half a million of them.
fn street_parts(cleaned: &str) -> (Vec<&str>, Vec<&str>) {
    let mut numbers = Vec::new();
    let mut words = Vec::new();
    for token in cleaned.split(' ').filter(|t| !t.is_empty()) {
        if token.starts_with(|c: char| c.is_ascii_digit()) {
            // "12a" stays whole; "12th" is an ordinal street name.
            let digits = token.trim_start_matches(|c: char| c.is_ascii_digit());
            if matches!(digits, "st" | "nd" | "rd" | "th") {
                words.push(token);
            } else {
                numbers.push(token);
            }
        } else if DESIGNATORS.contains(&token) {
            continue;
        } else if let Some(&short) = STREET_TYPE_OF.get(token) {
            words.push(short);
        } else if let Some((stem, short)) = split_joined_type(token) {
            words.push(stem);
            words.push(short);
        } else {
            words.push(token);
        }
    }
    numbers.sort_unstable();
    numbers.dedup();
    (numbers, words)
}

/// "hauptstrasse" → ("haupt", "st"); `None` when the word is no such compound.
fn split_joined_type(word: &str) -> Option<(&str, &'static str)> {
    JOINED_TYPES.iter().find_map(|&(suffix, short)| {
        let stem = word.strip_suffix(suffix)?;
        (stem.len() >= 3).then_some((stem, short))
    })
}

fn address_key(a: &Address) -> AddressKey {
    let cleaned = clean_name(&a.street);
    let (numbers, words) = street_parts(&cleaned);
    let joined = words.concat();
    let naming = || words.iter().copied().filter(|w| !is_street_type(w) && !STREET_STOPWORDS.contains(w));
    let mut keys: Vec<String> = Vec::new();
    if let Some(longest) = naming().max_by_key(|w| w.len()) {
        keys.push(phonetic_key(longest));
        let all = phonetic_key(&naming().collect::<String>());
        if all != keys[0] {
            keys.push(all);
        }
    }
    AddressKey {
        names: Words::set(naming()),
        types: Words::set(words.iter().copied().filter(|w| is_street_type(w))),
        street_keys: Words::ordered(keys.iter().map(String::as_str)),
        numbers: Words::ordered(numbers),
        joined,
        postcode: a.postal_code.chars().filter(char::is_ascii_alphanumeric).map(|c| c.to_ascii_uppercase()).collect(),
        city: clean_name(&a.city),
        crowd: 0,
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
        // The ASCII path agrees with the general one.
        for s in [" O'Brien ", "Jean-Luc", "a\u{b}b", "  ,x,, y/z- ", "Mary\tAnn\nSmith", "12a  Main St.", "-"] {
            assert_eq!(clean_name(s), clean_chars(s), "{s:?}");
        }
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
        assert_eq!((f.name.root(), f.name.family_main.as_str()), ("robert", "berg"));
        assert_eq!((f.name.given_key.as_str(), f.name.family_key.as_str()), ("RPRT", "PRK"));
        assert_eq!(f.emails, ["bobberg@gmail.com"]);
        assert_eq!(f.phones, ["+31612345678"]);
        assert_eq!(f.phone_keys, [612_345_678]);
        assert_eq!(f.addresses[0].postcode, "1012AB");
        assert_eq!(f.name.sort_bytes().collect::<Vec<u8>>(), b"van den berg bob");
    }

    #[test]
    fn titles_suffixes_and_moved_names_are_read() {
        let t = Utc.with_ymd_and_hms(2026, 1, 2, 3, 4, 5).unwrap();
        let mut c = Contact::blank("x".into(), t);
        c.given_name = "Dr. John".into();
        c.family_name = "Smith Jr.".into();
        let f = Features::of(&c, "GB");
        assert_eq!((f.name.given.as_str(), f.name.family.as_str(), f.generation), ("john", "smith", Some(2)));
        c.given_name = String::new();
        c.family_name = "Mary Ann Smith".into();
        let f = Features::of(&c, "GB");
        let moved = f.moved_name.expect("re-split");
        assert_eq!((moved.given.as_str(), moved.family.as_str()), ("mary", "ann smith"));
    }

    #[test]
    fn crowds_count_families_not_contacts() {
        let t = Utc.with_ymd_and_hms(2026, 1, 2, 3, 4, 5).unwrap();
        let at = |given: &str, family: &str, street: &str| {
            let mut c = Contact::blank("x".into(), t);
            c.given_name = given.into();
            c.family_name = family.into();
            c.addresses.push(Address { street: street.into(), postal_code: "N1 1AA".into(), ..Default::default() });
            Features::of(&c, "GB")
        };
        // A home with one family (a person, their duplicate and a household
        // member), an office with three, and an address of its own.
        let mut f = vec![
            at("Ann", "Roe", "1 Main St"),
            at("Ann", "Roe", "1 Main Street"),
            at("Bob", "Roe", "1 Main St"),
            at("Cy", "Lee", "9 Office Park"),
            at("Di", "Ng", "9 Office Park"),
            at("Ed", "Fox", "9 Office Park"),
            at("Flo", "Fox", "2 Side St"),
        ];
        let mut stepwise = f.clone();
        count_crowds(&mut f);
        let crowds: Vec<u32> = f.iter().map(|x| x.addresses[0].crowd).collect();
        assert_eq!(crowds, [1, 1, 1, 3, 3, 3, 1]);
        // The steps the index takes give the same counts.
        let mut counter = Crowds::default();
        stepwise.iter().for_each(|x| counter.add(x));
        let counter = counter.finish();
        stepwise.iter_mut().for_each(|x| counter.apply(x));
        assert_eq!(stepwise, f);
        // An address the counter never saw (a draft's) counts one family.
        let mut draft = at("Gus", "New", "5 Elsewhere Rd");
        counter.apply(&mut draft);
        assert_eq!(draft.addresses[0].crowd, 1);
    }

    #[test]
    fn streets_are_read_as_numbers_and_words() {
        let read = |s: &str| parse_street(s);
        assert_eq!(read("12 Main Street"), (vec!["12".to_string()], vec!["main".to_string(), "st".to_string()]));
        assert_eq!(read("Unit 3, 12 Main St.").0, ["12", "3"]);
        assert_eq!(read("Mainstreet 12").1, ["main", "st"]);
        assert_eq!(read("Hauptstraße 5").1, ["haupt", "st"]);
        assert_eq!(read("Haupt Str. 5").1, ["haupt", "st"]);
        assert_eq!(read("Rose Villa\n12 Main St").1, ["rose", "villa", "main", "st"]);
        assert_eq!(read("5 West 12th Street").1, ["west", "12th", "st"]);
        // Numbers sorted and each once, whatever line they are on.
        assert_eq!(read("Flat 12, 3 Rose Court\n12 Main St").0, ["12", "3"]);
        let key = address_key(&Address { street: "Flat 12, 3 Rose Court\n12 Main St".into(), ..Default::default() });
        assert_eq!(key.numbers.as_str(), "12 3");
        assert_eq!(
            (key.names.as_str(), key.types.as_str(), key.joined.as_str()),
            ("main rose", "ct st", "rosectmainst")
        );
    }
}
