//! Candidate generation by blocking: only contacts that share a block key are
//! ever compared, so a scan costs about the sum of squared block sizes, not
//! n². Several passes, so that a pair missed by one (a typo, a swap, a
//! missing field) is still caught by another:
//!
//! - **identifiers**: a canonical email, a phone (last nine digits);
//! - **names**: the phonetic family key with the given name's initial
//!   (nicknames resolved, so Bob meets Robert), the phonetic given key with
//!   the family initial (catches typos that change the family key), and the
//!   phonetic key of a many-word family name's last word. The name keys
//!   share one namespace, so a record with given and family names swapped
//!   meets the original too; a name written whole in one field is keyed as
//!   re-split (see `Features::moved_name`);
//! - **places**: postcode with house number (whatever the names say),
//!   house number with the main street word (or all its words joined: a
//!   postcode typo or a missing city), the main street word with the
//!   city's initial and the earlier of the two name initials (a typo in the
//!   number and postcode),
//!   and postcode with either name's initial (initials in one namespace:
//!   swaps and a typo in one name still meet);
//! - **birthdays**: the date with day and month in sorted order (a day/month
//!   swap meets);
//! - a sorted-neighbourhood pass over "family given" adds near spellings
//!   that fall in other blocks.
//!
//! The candidate count is bounded: a block bigger than the size limit (a
//! quarter of it for the weak keys: a place with an initial only) is not
//! compared within. A name block that big (a common surname) is split by
//! the full phonetic keys of both names (taken in sorted order, so swaps
//! still meet); any block still too big, and any other kind of block too big
//! (an office's postcode), is skipped and listed in [`Blocks::skipped`], so
//! the UI can say what was not compared. [`Blocks::pair_count`] is the
//! resulting upper bound of pairs compared.

use std::hash::Hasher;

use serde::{Deserialize, Serialize};

use super::features::{Features, Name};
use super::similarity::phonetic_key;
use crate::core::hash::FxHasher;

/// A block left out because it had too many members.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct SkippedBlock {
    /// The block key, such as "n:SMT|j" (name) or "a:10115|5" (postcode and number).
    pub key: String,
    pub size: usize,
}

/// What a block key is made of; name blocks are split when too big, the
/// others skipped.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum BlockKind {
    Identifier = 0,
    Name = 1,
    Place = 2,
    Birthday = 3,
}

/// Calls `visit` with each block key of a contact and its kind (repeats
/// possible), written into the reused buffer `buf` so that building the
/// index allocates no string per key.
fn visit_keys(f: &Features, buf: &mut String, mut visit: impl FnMut(&str, BlockKind)) {
    let mut key = |kind: BlockKind, parts: &[&str]| {
        buf.clear();
        parts.iter().for_each(|p| buf.push_str(p));
        visit(buf, kind);
    };
    use BlockKind::*;
    for e in &f.emails {
        key(Identifier, &["e:", e]);
    }
    for p in &f.phone_keys {
        let mut digits = itoa_buf();
        key(Identifier, &["p:", write_u64(*p, &mut digits)]);
    }
    name_keys(&f.name, &mut key);
    if let Some(moved) = &f.moved_name {
        name_keys(moved, &mut key);
    }
    let (mut given_buf, mut family_buf) = ([0u8; 4], [0u8; 4]);
    let given_initial = f.given_initial().map(|c| &*c.encode_utf8(&mut given_buf));
    let family_initial = f.family_initial().map(|c| &*c.encode_utf8(&mut family_buf));
    let initials = [given_initial, family_initial];
    for a in &f.addresses {
        let city_initial = a.city.get(..1).unwrap_or("");
        for n in a.numbers.iter().take(3) {
            if !a.postcode.is_empty() {
                key(Place, &["a:", &a.postcode, "|", n]);
            }
            for street in a.street_keys.iter() {
                key(Place, &["s:", n, "|", street]);
            }
        }
        // The street and either initial, whatever the numbers and postcode say.
        // (With the earlier of the two initials: one key, and a swap meets.)
        // Both street keys: a word split in two ("Chur ch") meets by the
        // joined one.
        if let Some(initial) = initials.iter().flatten().min() {
            for street in a.street_keys.iter() {
                key(Place, &["w:", street, "|", city_initial, "|", initial]);
            }
        }
        if !a.postcode.is_empty() {
            for initial in initials.iter().flatten() {
                key(Place, &["z:", &a.postcode, "|", initial]);
            }
        }
    }
    if let Some(d) = f.birthday {
        use chrono::Datelike;
        let (lo, hi) = (d.month().min(d.day()), d.month().max(d.day()));
        let (year, lo, hi) = (d.year().to_string(), lo.to_string(), hi.to_string());
        key(Birthday, &["b:", &year, "|", &lo, "|", &hi]);
    }
}

/// The name keys of one reading of a name.
fn name_keys(name: &Name, key: &mut impl FnMut(BlockKind, &[&str])) {
    let given_initial = name.root().get(..1).unwrap_or("");
    let family_initial = name.family_main.get(..1).unwrap_or("");
    if !name.family_key.is_empty() {
        key(BlockKind::Name, &["n:", &name.family_key, "|", given_initial]);
    }
    // A family name of several words is also keyed by its last word, so
    // that a typo in a particle or first part ("vna den Berg", "Garca
    // López") still meets the correct spelling.
    if let Some((_, last)) = name.family_main.rsplit_once(' ') {
        key(BlockKind::Name, &["n:", &phonetic_key(last), "|", given_initial]);
    }
    if !name.given_key.is_empty() && !family_initial.is_empty() {
        key(BlockKind::Name, &["n:", &name.given_key, "|", family_initial]);
    }
}

/// A buffer for [`write_u64`].
fn itoa_buf() -> [u8; 20] {
    [0; 20]
}

/// A number in decimal, written into `buf` (no allocation).
fn write_u64(mut n: u64, buf: &mut [u8; 20]) -> &str {
    let mut i = buf.len();
    loop {
        i -= 1;
        buf[i] = b'0' + (n % 10) as u8;
        n /= 10;
        if n == 0 {
            break;
        }
    }
    std::str::from_utf8(&buf[i..]).unwrap_or("")
}

/// The block keys of one contact, sorted.
pub fn block_keys(f: &Features) -> Vec<String> {
    let mut keys = Vec::new();
    visit_keys(f, &mut String::new(), |k, _| keys.push(k.to_string()));
    keys.sort();
    keys.dedup();
    keys
}

/// The finer key used when a name block is too big: both phonetic name keys,
/// in sorted order.
pub fn refined_key(f: &Features) -> String {
    let mut buf = String::new();
    write_refined_key(f, &mut buf);
    buf
}

fn write_refined_key(f: &Features, buf: &mut String) {
    let (g, fk) = (&f.name.given_key, &f.name.family_key);
    let (x, y) = if fk <= g { (fk, g) } else { (g, fk) };
    buf.clear();
    for part in ["r:", x, "|", y] {
        buf.push_str(part);
    }
}

/// A block key as the index stores it: its 64-bit Fx hash (collisions
/// among a list's few hundred thousand keys are vanishingly rare, and would
/// only add comparisons), with the lowest two bits replaced by its kind and
/// the third by whether it is weak (see [`limit`]).
fn key_hash(key: &str, kind: BlockKind) -> u64 {
    let mut h = FxHasher::default();
    h.write(key.as_bytes());
    let weak = matches!(key.as_bytes().first(), Some(b'w' | b'z'));
    (h.finish() & !7) | kind as u64 | if weak { WEAK } else { 0 }
}

/// The size limit of a block: weak keys (a place or birthday with only an
/// initial, a street without its number) keep a quarter of it, so that a
/// popular street or postcode does not flood the scan with pairs that
/// share nothing else.
fn limit(hash: u64, max_size: usize) -> usize {
    if hash & WEAK != 0 {
        (max_size / 4).max(2)
    } else if kind_of(hash) == BlockKind::Name {
        // A big name block is split, not lost: halving the limit keeps a
        // common surname's pairs down to those whose names sound alike.
        (max_size / 2).max(2)
    } else {
        max_size
    }
}

/// The bit of a key hash that marks a weak key (see [`limit`]).
const WEAK: u64 = 4;

fn kind_of(hash: u64) -> BlockKind {
    match hash & 3 {
        0 => BlockKind::Identifier,
        1 => BlockKind::Name,
        2 => BlockKind::Place,
        _ => BlockKind::Birthday,
    }
}

/// Blocks and which contacts are in them. Blocks are found by sorting
/// (key, contact) pairs and grouping equal keys, which is faster than a map
/// of string keys and keeps all lists in a few flat vectors.
#[derive(Clone, Debug, Default)]
pub struct Blocks {
    /// Every block's key hash and number, usable or not, sorted by key.
    by_key: Vec<(u64, u32)>,
    /// The members of block b are `members[starts[b]..starts[b + 1]]`, ascending.
    starts: Vec<u32>,
    members: Vec<u32>,
    /// Whether a block is too big to use (split or skipped).
    oversized: Vec<bool>,
    kinds: Vec<BlockKind>,
    /// The usable blocks of contact i are `blocks_of[record_starts[i]..record_starts[i + 1]]`.
    record_starts: Vec<u32>,
    blocks_of: Vec<u32>,
    pub skipped: Vec<SkippedBlock>,
}

impl Blocks {
    pub fn build(features: &[Features], max_size: usize) -> Blocks {
        let mut buf = String::new();
        let mut entries: Vec<(u64, u32)> = Vec::with_capacity(features.len() * 4);
        // Each contact's finer name key is hashed while its features are in
        // the cache: reading them again for the members of every oversized
        // name block cost a cache miss per member, about a third of this
        // function's time on the 100k demo contacts.
        let mut refined_hashes: Vec<u64> = Vec::with_capacity(features.len());
        for (i, f) in features.iter().enumerate() {
            visit_keys(f, &mut buf, |k, kind| entries.push((key_hash(k, kind), i as u32)));
            write_refined_key(f, &mut buf);
            refined_hashes.push(key_hash(&buf, BlockKind::Name));
        }
        let mut blocks = Blocks::default();
        blocks.starts.push(0);
        // Name blocks that are too big are re-keyed by the finer key.
        let mut refined: Vec<(u64, u32)> = Vec::new();
        for (hash, group) in blocks.add_groups(entries, max_size) {
            if kind_of(hash) == BlockKind::Name {
                refined.extend(group.iter().map(|&i| (refined_hashes[i as usize], i)));
            } else {
                let mut key = String::new();
                visit_keys(&features[group[0] as usize], &mut buf, |k, kind| {
                    if key_hash(k, kind) == hash {
                        key = k.to_string();
                    }
                });
                blocks.skipped.push(SkippedBlock { key, size: group.len() });
            }
        }
        for (_, group) in blocks.add_groups(refined, max_size) {
            blocks.skipped.push(SkippedBlock { key: refined_key(&features[group[0] as usize]), size: group.len() });
        }
        blocks.by_key.sort_unstable();
        blocks.index_records(features.len());
        blocks.skipped.sort_by(|x, y| y.size.cmp(&x.size).then_with(|| x.key.cmp(&y.key)));
        blocks
    }

    /// Adds a block for each distinct key of `entries`; returns the key and
    /// members of those over `max_size`, which are marked oversized.
    fn add_groups(&mut self, mut entries: Vec<(u64, u32)>, max_size: usize) -> Vec<(u64, Vec<u32>)> {
        radix_sort(&mut entries);
        let mut too_big = Vec::new();
        let mut group_members: Vec<u32> = Vec::new();
        for group in entries.chunk_by(|x, y| x.0 == y.0) {
            group_members.clear();
            group_members.extend(group.iter().map(|&(_, i)| i));
            // Contacts were added in order except for refined keys, which
            // can meet one contact twice; most blocks need no sorting.
            if !group_members.windows(2).all(|w| w[0] < w[1]) {
                group_members.sort_unstable();
                group_members.dedup();
            }
            let b = self.oversized.len() as u32;
            self.by_key.push((group[0].0, b));
            let oversized = group_members.len() > limit(group[0].0, max_size);
            self.oversized.push(oversized);
            self.kinds.push(kind_of(group[0].0));
            if oversized {
                too_big.push((group[0].0, group_members.clone()));
            } else {
                self.members.extend_from_slice(&group_members);
            }
            self.starts.push(self.members.len() as u32);
        }
        too_big
    }

    /// Lists each contact's usable blocks (a counting sort by contact).
    fn index_records(&mut self, records: usize) {
        let mut counts = vec![0u32; records + 1];
        for &i in &self.members {
            counts[i as usize + 1] += 1;
        }
        for i in 1..counts.len() {
            counts[i] += counts[i - 1];
        }
        self.blocks_of = vec![0; self.members.len()];
        let mut next = counts.clone();
        for (b, span) in self.starts.windows(2).enumerate() {
            for &i in &self.members[span[0] as usize..span[1] as usize] {
                self.blocks_of[next[i as usize] as usize] = b as u32;
                next[i as usize] += 1;
            }
        }
        self.record_starts = counts;
    }

    /// The usable blocks of a stored contact.
    pub fn of_record(&self, record: u32) -> &[u32] {
        let r = record as usize;
        &self.blocks_of[self.record_starts[r] as usize..self.record_starts[r + 1] as usize]
    }

    /// The members of a block (none if it is oversized).
    pub fn members(&self, block: u32) -> &[u32] {
        let b = block as usize;
        &self.members[self.starts[b] as usize..self.starts[b + 1] as usize]
    }

    fn block_of(&self, key: &str, kind: BlockKind) -> Option<u32> {
        let hash = key_hash(key, kind);
        let pos = self.by_key.partition_point(|&(h, _)| h < hash);
        self.by_key.get(pos).filter(|&&(h, _)| h == hash).map(|&(_, b)| b)
    }

    /// The usable blocks for features not in the index (a draft being typed):
    /// looked up by key, with the finer key for oversized name blocks.
    pub fn lookup(&self, f: &Features) -> Vec<u32> {
        let mut keys = Vec::new();
        visit_keys(f, &mut String::new(), |k, kind| keys.push((k.to_string(), kind)));
        let mut found = Vec::new();
        for (key, kind) in keys {
            let Some(b) = self.block_of(&key, kind) else { continue };
            if !self.oversized[b as usize] {
                found.push(b);
            } else if kind == BlockKind::Name {
                found.extend(self.block_of(&refined_key(f), BlockKind::Name).filter(|&r| !self.oversized[r as usize]));
            }
        }
        found.sort_unstable();
        found.dedup();
        found
    }

    /// How many blocks there are (usable or not).
    pub fn count(&self) -> u32 {
        self.oversized.len() as u32
    }

    /// What a block's key is made of.
    pub fn kind(&self, block: u32) -> BlockKind {
        self.kinds[block as usize]
    }

    /// How many pairs the usable blocks hold (a scan's upper bound of work).
    pub fn pair_count(&self) -> usize {
        let sizes = (0..self.oversized.len() as u32).map(|b| self.members(b).len());
        sizes.map(|s| s * s.saturating_sub(1) / 2).sum()
    }
}

/// Sorts entries by key (equal keys keep their order) with a least
/// significant digit radix sort: with hundreds of thousands of keys it is
/// several times faster than a comparison sort, especially when the code is
/// optimised for size.
fn radix_sort(entries: &mut Vec<(u64, u32)>) {
    let mut sorted = vec![(0u64, 0u32); entries.len()];
    for shift in (0..64).step_by(8) {
        let digit = |key: u64| ((key >> shift) & 0xff) as usize;
        let mut next = [0usize; 256];
        for &(key, _) in entries.iter() {
            next[digit(key)] += 1;
        }
        let mut total = 0;
        for slot in next.iter_mut() {
            let count = *slot;
            *slot = total;
            total += count;
        }
        for &entry in entries.iter() {
            let d = digit(entry.0);
            sorted[next[d]] = entry;
            next[d] += 1;
        }
        std::mem::swap(entries, &mut sorted);
    }
}

/// Contacts ordered by "family given", for the sorted-neighbourhood pass.
#[derive(Clone, Debug, Default)]
pub struct SortedNames {
    order: Vec<u32>,
    rank: Vec<u32>,
}

impl SortedNames {
    pub fn build(features: &[Features]) -> SortedNames {
        // Sorting by the first sixteen bytes of "family given" (big-endian,
        // so numeric order is text order) settles most comparisons without
        // reading the strings.
        // A name of at most sixteen bytes is wholly in its prefix, so two
        // such names with equal prefixes are equal, and a short one sorts
        // before a longer one it begins: only two long names need their
        // strings read (which costs a cache miss each, and a list has many
        // equal names: a person's duplicates, common names).
        let prefix = |f: &Features| {
            let mut bytes = [0u8; 16];
            let mut len = 0;
            for b in f.name.sort_bytes() {
                if let Some(slot) = bytes.get_mut(len) {
                    *slot = b;
                }
                len += 1;
            }
            (u128::from_be_bytes(bytes), len > bytes.len())
        };
        let mut order: Vec<(u128, bool, u32)> = features
            .iter()
            .zip(0..)
            .map(|(f, i)| {
                let (p, long) = prefix(f);
                (p, long, i)
            })
            .collect();
        order.sort_unstable_by(|&(px, lx, x), &(py, ly, y)| {
            px.cmp(&py)
                .then_with(|| match (lx, ly) {
                    (true, true) => features[x as usize].name.sort_order(&features[y as usize].name),
                    _ => lx.cmp(&ly),
                })
                .then(x.cmp(&y))
        });
        let order: Vec<u32> = order.into_iter().map(|(_, _, i)| i).collect();
        let mut rank = vec![0u32; order.len()];
        for (r, &i) in order.iter().enumerate() {
            rank[i as usize] = r as u32;
        }
        SortedNames { order, rank }
    }

    /// The contact at sorted position `pos`.
    pub fn at(&self, pos: u32) -> u32 {
        self.order[pos as usize]
    }

    /// The sorted position of a stored contact.
    pub fn rank(&self, record: u32) -> u32 {
        self.rank[record as usize]
    }

    /// Up to `window` contacts on each side of sorted position `pos`.
    fn around(&self, pos: usize, window: usize) -> &[u32] {
        let lo = pos.saturating_sub(window);
        let hi = (pos + window + 1).min(self.order.len());
        &self.order[lo..hi]
    }

    /// Neighbours of a stored contact (itself included).
    pub fn neighbours(&self, record: u32, window: usize) -> &[u32] {
        self.around(self.rank[record as usize] as usize, window)
    }

    /// Neighbours of a name not in the index.
    pub fn neighbours_of_name<'s>(&'s self, features: &[Features], name: &Name, window: usize) -> &'s [u32] {
        let pos = self.order.partition_point(|&i| features[i as usize].name.sort_order(name).is_lt());
        let lo = pos.saturating_sub(window);
        let hi = (pos + window).min(self.order.len());
        &self.order[lo..hi]
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::core::records::Contact;

    fn features(names: &[(&str, &str)]) -> Vec<Features> {
        let t = chrono::DateTime::from_timestamp(0, 0).unwrap();
        names
            .iter()
            .map(|(g, f)| {
                let mut c = Contact::blank("x".into(), t);
                c.given_name = g.to_string();
                c.family_name = f.to_string();
                Features::of(&c, "GB")
            })
            .collect()
    }

    #[test]
    fn nicknames_and_swaps_share_blocks() {
        let f = features(&[("Bob", "Smith"), ("Robert", "Smyth"), ("Smith", "Robert")]);
        let blocks = Blocks::build(&f, 10);
        let shared = |a: u32, b: u32| blocks.of_record(a).iter().any(|x| blocks.of_record(b).contains(x));
        assert!(shared(0, 1));
        assert!(shared(0, 2));
        assert_eq!(block_keys(&f[0]), ["n:RPRT|s", "n:SMT|r"]);
    }

    #[test]
    fn oversized_name_blocks_are_split_then_skipped() {
        let mut names = vec![("James", "Smith"); 4];
        names.extend([("John", "Smith"), ("Jack", "Smith")]);
        let f = features(&names);
        let blocks = Blocks::build(&f, 3);
        // "n:SMT|j" (6) and "n:JMS|s" (4) are split; "r:JMS|SMT" (4) is
        // still too big; "John" and "Jack" share the root "john" and keep
        // blocks of two.
        let skipped: Vec<&str> = blocks.skipped.iter().map(|s| s.key.as_str()).collect();
        assert_eq!(skipped, ["r:JMS|SMT"]);
        assert_eq!(blocks.pair_count(), 2);
        assert_eq!(blocks.lookup(&f[4]).len(), 2);
    }

    #[test]
    fn typos_in_a_particle_or_an_initial_still_share_blocks() {
        let f = features(&[("Levi", "vwn den Berg"), ("Levi", "van den Berg")]);
        let blocks = Blocks::build(&f, 10);
        assert!(blocks.of_record(0).iter().any(|x| blocks.of_record(1).contains(x)));
        let t = chrono::DateTime::from_timestamp(0, 0).unwrap();
        let at_home = |family: &str| {
            let mut c = Contact::blank("x".into(), t);
            c.given_name = "Jörg".into();
            c.family_name = family.into();
            c.addresses.push(crate::core::records::Address { postal_code: "40347".into(), ..Default::default() });
            Features::of(&c, "DE")
        };
        let f = [at_home("zWerner"), at_home("Werner")];
        let blocks = Blocks::build(&f, 10);
        assert!(blocks.of_record(0).iter().any(|x| blocks.of_record(1).contains(x)));
    }

    #[test]
    fn names_sort_in_text_order_whatever_their_length() {
        // Names longer than the sixteen-byte prefix, names that begin
        // another, equal long names and short equal names: the order is
        // that of "family given" (then the contact's place in the list).
        let names = [
            ("Maximilian", "Oberhauser-Lindqvist"),
            ("Max", "Oberhauser"),
            ("Maximilian", "Oberhauser-Lindqvist"),
            ("Maximiliane", "Oberhauser-Lindqvist"),
            ("Maxi", "Oberhauser"),
            ("Anna", "Oberhauser-Lindq"),
            ("Ann", "Oberhauser-Lindq"),
            ("Max", "Oberhauser"),
            ("", "Oberhauser-Lindqvist"),
            // Sixteen bytes exactly, and seventeen.
            ("Hannah", "Oberhauser"),
            ("Hanna", "Oberhauser"),
        ];
        let f = features(&names);
        let sorted = SortedNames::build(&f);
        let order: Vec<u32> = (0..f.len() as u32).map(|p| sorted.at(p)).collect();
        let mut expected: Vec<u32> = (0..f.len() as u32).collect();
        expected.sort_by_key(|&i| (f[i as usize].name.sort_bytes().collect::<Vec<u8>>(), i));
        assert_eq!(order, expected);
        assert_eq!(order, [10, 9, 6, 5, 8, 0, 2, 3, 1, 7, 4]);
        for (p, &i) in order.iter().enumerate() {
            assert_eq!(sorted.rank(i), p as u32);
        }
    }

    #[test]
    fn sorted_neighbours_surround_a_key() {
        let f = features(&[("Ann", "Abbot"), ("Bea", "Baker"), ("Cy", "Carter"), ("Di", "Dunn")]);
        let sorted = SortedNames::build(&f);
        assert_eq!(sorted.neighbours(1, 1), [0, 1, 2]);
        let draft = features(&[("Bea", "Bakker")]);
        assert_eq!(sorted.neighbours_of_name(&f, &draft[0].name, 1), [1, 2]);
    }
}
