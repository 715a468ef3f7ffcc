//! Changes: the unit of every write. A user action produces a list of
//! [`Change`]s; storage writes the list as one journal entry in one
//! transaction, and every open tab applies the same list to its in-memory
//! [`Dataset`](super::dataset::Dataset). The serde form is stored in the
//! journal, so it is a versioned format (see `docs/storage.md`).

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};

use super::dataset::Dataset;
use super::model::{Company, Contact};

/// One record written or removed.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "op", rename_all = "snake_case")]
pub enum Change {
    PutContact { record: Contact },
    DeleteContact { id: String },
    PutCompany { record: Company },
    DeleteCompany { id: String },
}

/// Deleting a company keeps its people: they are unlinked, never deleted.
pub fn delete_company_changes(data: &Dataset, company_id: &str, now: DateTime<Utc>) -> Vec<Change> {
    let mut changes = vec![Change::DeleteCompany { id: company_id.to_string() }];
    for c in data.contacts_of_company(company_id) {
        let mut record = data.contacts()[c as usize].clone();
        record.company_id = None;
        record.updated = now;
        changes.push(Change::PutContact { record });
    }
    changes
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::TimeZone;

    #[test]
    fn stored_form_is_tagged_by_op() {
        let c = Change::DeleteContact { id: "abc".into() };
        assert_eq!(serde_json::to_string(&c).unwrap(), r#"{"op":"delete_contact","id":"abc"}"#);
    }

    #[test]
    fn deleting_a_company_unlinks_its_contacts() {
        let t = Utc.with_ymd_and_hms(2026, 1, 1, 0, 0, 0).unwrap();
        let later = Utc.with_ymd_and_hms(2026, 2, 1, 0, 0, 0).unwrap();
        let mut co = Company::blank("co".into(), t);
        co.name = "Acme".into();
        let mut a = Contact::blank("a".into(), t);
        a.company_id = Some("co".into());
        let b = Contact::blank("b".into(), t);
        let mut data = Dataset::from_records(vec![co], vec![a, b]).unwrap();
        let changes = delete_company_changes(&data, "co", later);
        assert_eq!(changes.len(), 2);
        for ch in &changes {
            data.apply(ch);
        }
        assert!(data.company("co").is_none());
        let a = data.contact("a").unwrap();
        assert_eq!(a.company_id, None);
        assert_eq!(a.updated, later);
        assert_eq!(data.contacts().len(), 2);
    }
}
