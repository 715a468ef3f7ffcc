//! Changes: the unit of every write. A user action produces a list of
//! [`Change`]s; storage writes the list as one journal entry in one
//! transaction, and every open tab applies the same list to its in-memory
//! [`Dataset`](super::dataset::Dataset). The serde form is stored in the
//! journal, so it is a versioned format (see `docs/storage.md`).
//!
//! This module knows only the records: what a change undoes is in
//! [`super::history`], what a delete unlinks in [`super::delete`].

use serde::{Deserialize, Serialize};

use super::records::{Activity, Deal, Settings, Task};
use super::records::{Company, Contact};

/// One record written or removed.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "op", rename_all = "snake_case")]
pub enum Change {
    PutContact { record: Contact },
    DeleteContact { id: String },
    PutCompany { record: Company },
    DeleteCompany { id: String },
    PutDeal { record: Deal },
    DeleteDeal { id: String },
    PutActivity { record: Activity },
    DeleteActivity { id: String },
    PutTask { record: Task },
    DeleteTask { id: String },
    PutSettings { record: Settings },
}

/// Which record a change is about: its kind and id.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub enum RecordRef {
    Contact(String),
    Company(String),
    Deal(String),
    Activity(String),
    Task(String),
    Settings,
}

impl Change {
    pub fn target(&self) -> RecordRef {
        match self {
            Change::PutContact { record } => RecordRef::Contact(record.id.clone()),
            Change::DeleteContact { id } => RecordRef::Contact(id.clone()),
            Change::PutCompany { record } => RecordRef::Company(record.id.clone()),
            Change::DeleteCompany { id } => RecordRef::Company(id.clone()),
            Change::PutDeal { record } => RecordRef::Deal(record.id.clone()),
            Change::DeleteDeal { id } => RecordRef::Deal(id.clone()),
            Change::PutActivity { record } => RecordRef::Activity(record.id.clone()),
            Change::DeleteActivity { id } => RecordRef::Activity(id.clone()),
            Change::PutTask { record } => RecordRef::Task(record.id.clone()),
            Change::DeleteTask { id } => RecordRef::Task(id.clone()),
            Change::PutSettings { .. } => RecordRef::Settings,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn stored_form_is_tagged_by_op() {
        let c = Change::DeleteContact { id: "abc".into() };
        assert_eq!(serde_json::to_string(&c).unwrap(), r#"{"op":"delete_contact","id":"abc"}"#);
    }
}
