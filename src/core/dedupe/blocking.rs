//! Candidate generation by blocking: only contacts that share a block key are
//! ever compared, so a scan costs about the sum of squared block sizes, not
//! n². Keys: a canonical email, a phone (last nine digits), two name keys,
//! birthday with the family initial, and postcode with the family initial.
//! The name keys share one namespace: the phonetic family key with the given
//! name's initial (nicknames resolved, so Bob meets Robert), and the phonetic
//! given key with the family initial (catches typos that change the family
//! key); because they share a namespace, a record with given and family
//! names swapped meets the original too. A sorted-neighbourhood pass over
//! "family given" adds near spellings that fall in other blocks.
//!
//! A name block bigger than the size limit (a common surname) is split by the
//! full phonetic keys of both names (taken in sorted order, so swaps still
//! meet); any block still too big is skipped and listed in
//! [`Blocks::skipped`], so the UI can say what was not compared.

use std::collections::HashMap;
use std::hash::{BuildHasherDefault, Hasher};

use serde::{Deserialize, Serialize};

use super::features::Features;

/// A block left out because it had too many members.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct SkippedBlock {
    /// The block key, such as "n:SMT|j" (name) or "z:10115|m" (postcode).
    pub key: String,
    pub size: usize,
}

/// The block keys of one contact.
pub fn block_keys(f: &Features) -> Vec<String> {
    let mut keys = Vec::with_capacity(f.emails.len() + f.phone_keys.len() + 4 + f.addresses.len());
    keys.extend(f.emails.iter().map(|e| format!("e:{e}")));
    keys.extend(f.phone_keys.iter().map(|p| format!("p:{p}")));
    let given_initial = f.given_initial().map(String::from).unwrap_or_default();
    if !f.family_key.is_empty() {
        keys.push(format!("n:{}|{given_initial}", f.family_key));
    }
    if let (false, Some(initial)) = (f.given_key.is_empty(), f.family_initial()) {
        keys.push(format!("n:{}|{initial}", f.given_key));
    }
    if let Some(initial) = f.family_initial() {
        if let Some(b) = f.birthday {
            keys.push(format!("b:{b}|{initial}"));
        }
        for a in f.addresses.iter().filter(|a| !a.postcode.is_empty()) {
            keys.push(format!("z:{}|{initial}", a.postcode));
        }
    }
    keys.sort();
    keys.dedup();
    keys
}

/// The finer key used when a name block is too big: both phonetic name keys,
/// in sorted order.
pub fn refined_key(f: &Features) -> String {
    let (x, y) =
        if f.family_key <= f.given_key { (&f.family_key, &f.given_key) } else { (&f.given_key, &f.family_key) };
    format!("r:{x}|{y}")
}

/// FNV-1a: much faster than the default SipHash for the many short block
/// keys, and block keys come from the user's own data, not an attacker.
#[derive(Default)]
pub struct Fnv(u64);

impl Hasher for Fnv {
    fn finish(&self) -> u64 {
        self.0
    }

    fn write(&mut self, bytes: &[u8]) {
        let start = if self.0 == 0 { 0xcbf2_9ce4_8422_2325 } else { self.0 };
        self.0 = bytes.iter().fold(start, |h, &b| (h ^ u64::from(b)).wrapping_mul(0x0100_0000_01b3));
    }
}

/// A map keyed by block key, hashed with [`Fnv`].
type KeyMap<V> = HashMap<String, V, BuildHasherDefault<Fnv>>;

/// Blocks and which contacts are in them.
#[derive(Clone, Debug, Default)]
pub struct Blocks {
    by_key: KeyMap<u32>,
    members: Vec<Vec<u32>>,
    /// Whether a block is too big to use (split or skipped).
    oversized: Vec<bool>,
    /// For each contact, the usable blocks it is in.
    of_record: Vec<Vec<u32>>,
    pub skipped: Vec<SkippedBlock>,
}

impl Blocks {
    pub fn build(features: &[Features], max_size: usize) -> Blocks {
        let mut blocks = Blocks { of_record: vec![Vec::new(); features.len()], ..Blocks::default() };
        for (i, f) in features.iter().enumerate() {
            for key in block_keys(f) {
                blocks.add(key, i as u32);
            }
        }
        blocks.split_oversized(features, max_size);
        for (b, members) in blocks.members.iter().enumerate() {
            if !blocks.oversized[b] {
                for &i in members {
                    blocks.of_record[i as usize].push(b as u32);
                }
            }
        }
        blocks.skipped.sort_by(|x, y| y.size.cmp(&x.size).then_with(|| x.key.cmp(&y.key)));
        blocks
    }

    fn add(&mut self, key: String, record: u32) {
        let next = self.members.len() as u32;
        let b = *self.by_key.entry(key).or_insert(next);
        if b == next {
            self.members.push(Vec::new());
            self.oversized.push(false);
        }
        let members = &mut self.members[b as usize];
        if members.last() != Some(&record) {
            members.push(record);
        }
    }

    /// Marks blocks over the limit; name blocks are re-keyed by the finer key,
    /// and whatever is still too big is recorded as skipped.
    fn split_oversized(&mut self, features: &[Features], max_size: usize) {
        let mut keys: Vec<(String, u32)> = self
            .by_key
            .iter()
            .filter(|(_, &b)| self.members[b as usize].len() > max_size)
            .map(|(k, &b)| (k.clone(), b))
            .collect();
        keys.sort();
        for (key, b) in &keys {
            let members = &self.members[*b as usize];
            self.oversized[*b as usize] = true;
            if key.starts_with("n:") {
                let refined: Vec<(String, u32)> =
                    members.iter().map(|&i| (refined_key(&features[i as usize]), i)).collect();
                for (k, i) in refined {
                    self.add(k, i);
                }
            } else {
                self.skipped.push(SkippedBlock { key: key.clone(), size: members.len() });
            }
        }
        let mut refined: Vec<(String, u32)> =
            self.by_key.iter().filter(|(k, _)| k.starts_with("r:")).map(|(k, &b)| (k.clone(), b)).collect();
        refined.sort();
        for (key, b) in refined {
            let members = &mut self.members[b as usize];
            members.sort_unstable();
            members.dedup();
            if members.len() > max_size {
                self.oversized[b as usize] = true;
                self.skipped.push(SkippedBlock { key, size: members.len() });
            }
        }
    }

    /// The usable blocks of a stored contact.
    pub fn of_record(&self, record: u32) -> &[u32] {
        &self.of_record[record as usize]
    }

    pub fn members(&self, block: u32) -> &[u32] {
        &self.members[block as usize]
    }

    /// The usable blocks for features not in the index (a draft being typed):
    /// looked up by key, with the finer key for oversized name blocks.
    pub fn lookup(&self, f: &Features) -> Vec<u32> {
        let mut found = Vec::new();
        for key in block_keys(f) {
            let Some(&b) = self.by_key.get(&key) else { continue };
            if !self.oversized[b as usize] {
                found.push(b);
            } else if key.starts_with("n:") {
                found.extend(self.by_key.get(&refined_key(f)).filter(|&&r| !self.oversized[r as usize]));
            }
        }
        found
    }

    /// How many pairs the usable blocks hold (a scan's upper bound of work).
    pub fn pair_count(&self) -> usize {
        let sizes = self.members.iter().zip(&self.oversized).filter(|(_, &o)| !o).map(|(m, _)| m.len());
        sizes.map(|s| s * s.saturating_sub(1) / 2).sum()
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
        let mut order: Vec<u32> = (0..features.len() as u32).collect();
        order.sort_by(|&x, &y| features[x as usize].sort_key.cmp(&features[y as usize].sort_key).then(x.cmp(&y)));
        let mut rank = vec![0u32; order.len()];
        for (r, &i) in order.iter().enumerate() {
            rank[i as usize] = r as u32;
        }
        SortedNames { order, rank }
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

    /// Neighbours of a sort key not in the index.
    pub fn neighbours_of_key<'s>(&'s self, features: &[Features], key: &str, window: usize) -> &'s [u32] {
        let pos = self.order.partition_point(|&i| features[i as usize].sort_key.as_str() < key);
        let lo = pos.saturating_sub(window);
        let hi = (pos + window).min(self.order.len());
        &self.order[lo..hi]
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::core::model::Contact;

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
    fn sorted_neighbours_surround_a_key() {
        let f = features(&[("Ann", "Abbot"), ("Bea", "Baker"), ("Cy", "Carter"), ("Di", "Dunn")]);
        let sorted = SortedNames::build(&f);
        assert_eq!(sorted.neighbours(1, 1), [0, 1, 2]);
        assert_eq!(sorted.neighbours_of_key(&f, "bakker bea", 1), [1, 2]);
    }
}
