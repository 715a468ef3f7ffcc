//! The stored form of the dataset: packed chunks plus journal entries.
//!
//! Writing one IndexedDB object per record is slow (~4–5k records/s), so the
//! dataset is stored as chunks of [`CHUNK_SIZE`] records, each one JSON
//! string, plus an append-only journal of [`Change`] lists written by user
//! actions. Loading decodes every chunk, then applies the journal in order.
//! Compaction rewrites the chunks from memory and empties the journal.
//! Both forms carry a version `v` (see `docs/storage.md`).

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};

use super::changes::Change;
use super::dataset::{Dataset, DuplicateId};
use super::model::{Company, Contact};

/// Version of the chunk and journal-entry formats.
pub const RECORD_FORMAT: u32 = 1;
/// Records per stored chunk.
pub const CHUNK_SIZE: usize = 1000;

#[derive(Serialize)]
struct ChunkOut<'a, T> {
    v: u32,
    kind: &'a str,
    records: &'a [T],
}

#[derive(Deserialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
enum ChunkIn {
    Contact { v: u32, records: Vec<Contact> },
    Company { v: u32, records: Vec<Company> },
}

#[derive(Serialize)]
struct EntryOut<'a> {
    v: u32,
    at: DateTime<Utc>,
    changes: &'a [Change],
}

#[derive(Deserialize)]
struct EntryIn {
    v: u32,
    changes: Vec<Change>,
}

/// Stored data that cannot be read.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum SnapshotError {
    /// A chunk or entry is not in a format this version knows.
    Unreadable {
        what: String,
        detail: String,
    },
    /// Written by a newer version of the app.
    Newer {
        what: String,
        version: u32,
    },
    Duplicate(DuplicateId),
}

impl std::fmt::Display for SnapshotError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            SnapshotError::Unreadable { what, detail } => write!(f, "The stored {what} cannot be read: {detail}"),
            SnapshotError::Newer { what, version } => {
                write!(
                    f,
                    "The stored {what} was written by a newer version of the app (format {version}); reload to get it"
                )
            }
            SnapshotError::Duplicate(d) => write!(f, "Two stored {}s share the id {}", d.kind, d.id),
        }
    }
}

/// Chunk keys sort in load order: companies first, then contacts.
fn chunk_key(kind: &str, n: usize) -> String {
    let order = if kind == "company" { 0 } else { 1 };
    format!("{order}-{kind}-{n:05}")
}

fn encode_kind<T: Serialize>(kind: &str, records: &[T], out: &mut Vec<(String, String)>) {
    for (n, records) in records.chunks(CHUNK_SIZE).enumerate() {
        let json =
            serde_json::to_string(&ChunkOut { v: RECORD_FORMAT, kind, records }).expect("records always serialise");
        out.push((chunk_key(kind, n), json));
    }
}

/// The dataset as (key, JSON) chunks.
pub fn encode_chunks(data: &Dataset) -> Vec<(String, String)> {
    let mut out = Vec::with_capacity(data.contacts().len() / CHUNK_SIZE + 2);
    encode_kind("company", data.companies(), &mut out);
    encode_kind("contact", data.contacts(), &mut out);
    out
}

/// One journal entry: the changes of one user action.
pub fn encode_entry(changes: &[Change], at: DateTime<Utc>) -> String {
    serde_json::to_string(&EntryOut { v: RECORD_FORMAT, at, changes }).expect("changes always serialise")
}

pub fn decode_entry(json: &str) -> Result<Vec<Change>, SnapshotError> {
    let e: EntryIn = serde_json::from_str(json)
        .map_err(|e| SnapshotError::Unreadable { what: "journal entry".into(), detail: e.to_string() })?;
    if e.v > RECORD_FORMAT {
        return Err(SnapshotError::Newer { what: "journal entry".into(), version: e.v });
    }
    Ok(e.changes)
}

/// Rebuilds the dataset from its chunks (any order) and journal entries (in order).
pub fn decode_dataset<C, J>(chunks: C, journal: J) -> Result<Dataset, SnapshotError>
where
    C: IntoIterator,
    C::Item: AsRef<str>,
    J: IntoIterator,
    J::Item: AsRef<str>,
{
    let mut companies = Vec::new();
    let mut contacts = Vec::new();
    for chunk in chunks {
        let parsed: ChunkIn = serde_json::from_str(chunk.as_ref())
            .map_err(|e| SnapshotError::Unreadable { what: "chunk".into(), detail: e.to_string() })?;
        let v = match parsed {
            ChunkIn::Contact { v, records } => {
                contacts.extend(records);
                v
            }
            ChunkIn::Company { v, records } => {
                companies.extend(records);
                v
            }
        };
        if v > RECORD_FORMAT {
            return Err(SnapshotError::Newer { what: "chunk".into(), version: v });
        }
    }
    let mut data = Dataset::from_records(companies, contacts).map_err(SnapshotError::Duplicate)?;
    for entry in journal {
        for change in decode_entry(entry.as_ref())? {
            data.apply(&change);
        }
    }
    Ok(data)
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::TimeZone;

    fn person(n: usize) -> Contact {
        let t = Utc.with_ymd_and_hms(2026, 1, 1, 0, 0, 0).unwrap();
        let mut c = Contact::blank(format!("id-{n:06}"), t);
        c.given_name = format!("Person {n}");
        c
    }

    #[test]
    fn chunks_hold_at_most_chunk_size_records_and_round_trip() {
        let t = Utc.with_ymd_and_hms(2026, 1, 1, 0, 0, 0).unwrap();
        let mut co = Company::blank("co".into(), t);
        co.name = "Acme".into();
        let people: Vec<Contact> = (0..2500).map(person).collect();
        let data = Dataset::from_records(vec![co], people).unwrap();
        let chunks = encode_chunks(&data);
        let keys: Vec<&str> = chunks.iter().map(|(k, _)| k.as_str()).collect();
        assert_eq!(keys, ["0-company-00000", "1-contact-00000", "1-contact-00001", "1-contact-00002"]);
        let back = decode_dataset(chunks.iter().rev().map(|(_, j)| j), Vec::<String>::new()).unwrap();
        assert_eq!(back.contacts().len(), 2500);
        assert_eq!(back.contact("id-002499"), data.contact("id-002499"));
        assert_eq!(back.company("co").unwrap().name, "Acme");
    }

    #[test]
    fn journal_entries_apply_in_order() {
        let t = Utc.with_ymd_and_hms(2026, 1, 1, 0, 0, 0).unwrap();
        let data = Dataset::from_records(vec![], vec![person(1), person(2)]).unwrap();
        let chunks: Vec<String> = encode_chunks(&data).into_iter().map(|(_, j)| j).collect();
        let mut renamed = person(1);
        renamed.given_name = "Renamed".into();
        let journal = [
            encode_entry(&[Change::PutContact { record: person(3) }], t),
            encode_entry(
                &[Change::DeleteContact { id: "id-000002".into() }, Change::PutContact { record: renamed }],
                t,
            ),
        ];
        let back = decode_dataset(&chunks, &journal).unwrap();
        assert_eq!(back.contacts().len(), 2);
        assert_eq!(back.contact("id-000001").unwrap().given_name, "Renamed");
        assert!(back.contact("id-000002").is_none());
        assert!(back.contact("id-000003").is_some());
    }

    #[test]
    fn refuses_newer_and_unreadable_data() {
        let newer = r#"{"v":2,"kind":"contact","records":[]}"#;
        assert!(matches!(decode_dataset([newer], Vec::<String>::new()), Err(SnapshotError::Newer { version: 2, .. })));
        assert!(matches!(decode_dataset(["{"], Vec::<String>::new()), Err(SnapshotError::Unreadable { .. })));
        assert!(matches!(decode_entry(r#"{"v":9,"changes":[]}"#), Err(SnapshotError::Newer { version: 9, .. })));
    }
}
