//! An id → position index that does not copy the ids.
//!
//! A `HashMap<String, usize>` beside a list of records holds every id twice:
//! at 635k records that is ~45 MB of wasm memory for the copies and their
//! allocations. [`IdIndex`] holds only positions (4 bytes each) and hashes
//! and compares the records' own ids, which the caller lends it with each
//! call (`rows` and `id`).

use std::hash::Hasher;

use hashbrown::hash_table::Entry;
use hashbrown::HashTable;

use super::hash::FxHasher;

fn hash(id: &str) -> u64 {
    let mut h = FxHasher::default();
    h.write(id.as_bytes());
    h.finish()
}

/// Positions in a list of records, found by the records' ids (see the module documentation).
#[derive(Clone, Debug, Default)]
pub(crate) struct IdIndex {
    table: HashTable<u32>,
}

impl IdIndex {
    /// The position of the record with id `key`.
    pub fn get<R>(&self, rows: &[R], id: impl Fn(&R) -> &str, key: &str) -> Option<usize> {
        self.table.find(hash(key), |&p| id(&rows[p as usize]) == key).map(|&p| p as usize)
    }

    /// Records that the record with id `key` is (or will be) at `pos`;
    /// `false`, and nothing changed, when `key` is there already.
    /// `rows` holds every record indexed so far.
    pub fn insert<R>(&mut self, rows: &[R], id: impl Fn(&R) -> &str, key: &str, pos: usize) -> bool {
        let entry = self.table.entry(hash(key), |&p| id(&rows[p as usize]) == key, |&p| hash(id(&rows[p as usize])));
        match entry {
            Entry::Occupied(_) => false,
            Entry::Vacant(v) => {
                v.insert(pos as u32);
                true
            }
        }
    }

    /// Forgets the record with id `key` (while it is still in `rows`); its position.
    pub fn remove<R>(&mut self, rows: &[R], id: impl Fn(&R) -> &str, key: &str) -> Option<usize> {
        match self.table.find_entry(hash(key), |&p| id(&rows[p as usize]) == key) {
            Ok(entry) => Some(entry.remove().0 as usize),
            Err(_) => None,
        }
    }

    /// The record with id `key` moved from `from` to `to` (a swap-remove).
    pub fn moved(&mut self, key: &str, from: usize, to: usize) {
        if let Some(p) = self.table.find_mut(hash(key), |&p| p as usize == from) {
            *p = to as u32;
        }
    }

    pub fn reserve<R>(&mut self, rows: &[R], id: impl Fn(&R) -> &str, additional: usize) {
        self.table.reserve(additional, |&p| hash(id(&rows[p as usize])));
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn finds_inserts_removes_and_moves_by_the_records_own_ids() {
        fn id(s: &String) -> &str {
            s
        }
        let mut rows: Vec<String> = Vec::new();
        let mut index = IdIndex::default();
        for n in 0..2000 {
            let key = format!("id-{n}");
            assert!(index.insert(&rows, id, &key, rows.len()));
            rows.push(key);
        }
        assert!(!index.insert(&rows, id, "id-7", 99), "a second id-7 is refused");
        assert_eq!(index.get(&rows, id, "id-7"), Some(7));
        assert_eq!(index.get(&rows, id, "id-1999"), Some(1999));
        assert_eq!(index.get(&rows, id, "nope"), None);
        // Remove id-7 the way a table does: swap the last record into its place.
        assert_eq!(index.remove(&rows, id, "id-7"), Some(7));
        rows.swap_remove(7);
        index.moved(&rows[7], rows.len(), 7);
        assert_eq!(index.get(&rows, id, "id-7"), None);
        assert_eq!(index.get(&rows, id, "id-1999"), Some(7));
        for (i, r) in rows.iter().enumerate() {
            assert_eq!(index.get(&rows, id, r), Some(i));
        }
        assert_eq!(index.remove(&rows, id, "id-7"), None);
    }
}
