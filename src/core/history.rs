//! Undo history: what a user action needs to be taken back.
//!
//! Deletes (and, later, merges and imports) store a [`HistoryEntry`] in the
//! same transaction as the action: a label for people and the change list
//! that restores every record the action touched (computed with
//! [`inverse`] before the action is applied). Undoing
//! writes those changes as a new user action and removes the entry, again in
//! one transaction. Entries are stored as JSON text with a version `v`
//! (`docs/storage.md`).

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};

use super::changes::{Change, RecordRef};
use super::dataset::Dataset;

/// Version of the stored history-entry format.
pub const HISTORY_FORMAT: u32 = 1;
/// Entries kept; older ones are dropped when a new one is written.
pub const HISTORY_LIMIT: usize = 100;

/// What kind of action an entry undoes.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum HistoryKind {
    Delete,
    Merge,
    Import,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct HistoryEntry {
    pub v: u32,
    pub at: DateTime<Utc>,
    pub kind: HistoryKind,
    /// "Deleted contact Jane Roe (2 deals unlinked)".
    pub label: String,
    /// Applied in order, these restore what the action changed.
    pub undo: Vec<Change>,
}

impl HistoryEntry {
    /// The entry for applying `changes` to `data` (the state before them).
    pub fn for_changes(
        data: &Dataset,
        changes: &[Change],
        kind: HistoryKind,
        label: String,
        at: DateTime<Utc>,
    ) -> HistoryEntry {
        HistoryEntry { v: HISTORY_FORMAT, at, kind, label, undo: inverse(data, changes) }
    }

    pub fn encode(&self) -> String {
        serde_json::to_string(self).unwrap_or_default()
    }

    pub fn decode(text: &str) -> Result<HistoryEntry, String> {
        #[derive(Deserialize)]
        struct Version {
            v: u32,
        }
        let version: Version = serde_json::from_str(text).map_err(|e| format!("unreadable history entry: {e}"))?;
        if version.v > HISTORY_FORMAT {
            return Err(format!("history entry version {} is newer than this app", version.v));
        }
        serde_json::from_str(text).map_err(|e| format!("unreadable history entry: {e}"))
    }
}

/// The change that puts `target` back as it is in `data` now: a put of the
/// current record, or a delete when there is none.
fn restore(data: &Dataset, target: &RecordRef) -> Change {
    match target {
        RecordRef::Contact(id) => data
            .contact(id)
            .map_or(Change::DeleteContact { id: id.clone() }, |r| Change::PutContact { record: r.clone() }),
        RecordRef::Company(id) => data
            .company(id)
            .map_or(Change::DeleteCompany { id: id.clone() }, |r| Change::PutCompany { record: r.clone() }),
        RecordRef::Deal(id) => data
            .deals()
            .get(id)
            .map_or(Change::DeleteDeal { id: id.clone() }, |r| Change::PutDeal { record: r.clone() }),
        RecordRef::Activity(id) => data
            .activities()
            .get(id)
            .map_or(Change::DeleteActivity { id: id.clone() }, |r| Change::PutActivity { record: r.clone() }),
        RecordRef::Task(id) => data
            .tasks()
            .get(id)
            .map_or(Change::DeleteTask { id: id.clone() }, |r| Change::PutTask { record: r.clone() }),
        RecordRef::Settings => Change::PutSettings { record: data.settings().clone() },
    }
}

/// The changes that undo `changes` once they are applied to `data` (which is
/// the state before them): every touched record goes back to what it is now.
/// Companies are restored before contacts, so links resolve in order.
pub fn inverse(data: &Dataset, changes: &[Change]) -> Vec<Change> {
    let mut seen = std::collections::HashSet::new();
    let mut out: Vec<Change> =
        changes.iter().map(Change::target).filter(|t| seen.insert(t.clone())).map(|t| restore(data, &t)).collect();
    out.sort_by_key(|c| !matches!(c, Change::PutCompany { .. } | Change::DeleteCompany { .. }));
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::core::records::Contact;
    use chrono::TimeZone;

    #[test]
    fn entry_round_trips_and_undoes_a_delete() {
        let t = Utc.with_ymd_and_hms(2026, 5, 1, 8, 0, 0).unwrap();
        let mut c = Contact::blank("c".into(), t);
        c.given_name = "Åsa".into();
        let mut data = Dataset::from_records(vec![], vec![c.clone()]).unwrap();
        let changes = vec![Change::DeleteContact { id: "c".into() }];
        let entry = HistoryEntry::for_changes(&data, &changes, HistoryKind::Delete, "Deleted Åsa".into(), t);
        let back = HistoryEntry::decode(&entry.encode()).unwrap();
        assert_eq!(back, entry);
        data.apply(&changes[0]);
        assert!(data.contact("c").is_none());
        back.undo.iter().for_each(|ch| data.apply(ch));
        assert_eq!(data.contact("c"), Some(&c));
    }

    #[test]
    fn newer_entries_are_refused() {
        let text = r#"{"v":2,"at":"2026-05-01T08:00:00Z","kind":"delete","label":"x","undo":[]}"#;
        assert!(HistoryEntry::decode(text).unwrap_err().contains("newer"));
    }

    #[test]
    fn inverse_of_a_create_is_a_delete() {
        let t = Utc.with_ymd_and_hms(2026, 1, 1, 0, 0, 0).unwrap();
        let data = Dataset::default();
        let undo = inverse(&data, &[Change::PutContact { record: Contact::blank("n".into(), t) }]);
        assert_eq!(undo, vec![Change::DeleteContact { id: "n".into() }]);
    }
}
