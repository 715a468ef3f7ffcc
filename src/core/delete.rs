//! Deleting a contact, company or deal: the record's delete and the changes
//! that unlink the records linked to it, which are kept, never deleted. The
//! counts say so in the confirmation.

use chrono::{DateTime, Utc};

use super::changes::Change;
use super::dataset::Dataset;

/// What deleting a record does to the records linked to it: they are kept and
/// unlinked, never deleted. The counts are for the confirmation message.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Unlinked {
    pub contacts: usize,
    pub deals: usize,
    pub activities: usize,
    pub tasks: usize,
}

impl Unlinked {
    /// "3 contacts, 2 deals and 5 activities will be kept and unlinked.", or
    /// an empty string when nothing links to the record.
    pub fn describe(&self) -> String {
        let parts: Vec<String> = [
            (self.contacts, "contact", "contacts"),
            (self.deals, "deal", "deals"),
            (self.activities, "activity", "activities"),
            (self.tasks, "task", "tasks"),
        ]
        .iter()
        .filter(|(n, _, _)| *n > 0)
        .map(|&(n, one, many)| format!("{n} {}", if n == 1 { one } else { many }))
        .collect();
        match parts.len() {
            0 => String::new(),
            1 => format!("{} will be kept and unlinked.", parts[0]),
            n => format!("{} and {} will be kept and unlinked.", parts[..n - 1].join(", "), parts[n - 1]),
        }
    }
}

/// Which link a deletion removes.
#[derive(Clone, Copy)]
enum Gone<'a> {
    Contact(&'a str),
    Company(&'a str),
    Deal(&'a str),
}

/// The unlinking changes for deleting one record, and their counts.
fn unlink(data: &Dataset, gone: Gone, now: DateTime<Utc>) -> (Vec<Change>, Unlinked) {
    let mut changes = Vec::new();
    let mut n = Unlinked::default();
    if let Gone::Company(id) = gone {
        for c in data.contacts().iter().filter(|c| c.company_id.as_deref() == Some(id)) {
            let mut record = c.clone();
            record.company_id = None;
            record.updated = now;
            changes.push(Change::PutContact { record });
            n.contacts += 1;
        }
    }
    let drop_id = |ids: &mut Vec<String>, id: &str| {
        let before = ids.len();
        ids.retain(|x| x != id);
        ids.len() != before
    };
    let clear = |link: &mut Option<String>, id: &str| {
        let hit = link.as_deref() == Some(id);
        if hit {
            *link = None;
        }
        hit
    };
    for d in data.deals().all() {
        let mut record = d.clone();
        let hit = match gone {
            Gone::Contact(id) => drop_id(&mut record.contact_ids, id),
            Gone::Company(id) => clear(&mut record.company_id, id),
            Gone::Deal(_) => false,
        };
        if hit {
            record.updated = now;
            changes.push(Change::PutDeal { record });
            n.deals += 1;
        }
    }
    for a in data.activities().all() {
        let hit = match gone {
            Gone::Contact(id) => a.contact_ids.iter().any(|c| c == id),
            Gone::Company(id) => a.company_id.as_deref() == Some(id),
            Gone::Deal(id) => a.deal_id.as_deref() == Some(id),
        };
        if hit {
            let mut record = a.clone();
            match gone {
                Gone::Contact(id) => drop(drop_id(&mut record.contact_ids, id)),
                Gone::Company(id) => drop(clear(&mut record.company_id, id)),
                Gone::Deal(id) => drop(clear(&mut record.deal_id, id)),
            }
            record.updated = now;
            changes.push(Change::PutActivity { record });
            n.activities += 1;
        }
    }
    for t in data.tasks().all() {
        let mut record = t.clone();
        let hit = match gone {
            Gone::Contact(id) => clear(&mut record.contact_id, id),
            Gone::Company(id) => clear(&mut record.company_id, id),
            Gone::Deal(id) => clear(&mut record.deal_id, id),
        };
        if hit {
            record.updated = now;
            changes.push(Change::PutTask { record });
            n.tasks += 1;
        }
    }
    (changes, n)
}

/// Deleting a contact keeps its deals, activities and tasks, unlinked.
pub fn delete_contact_changes(data: &Dataset, id: &str, now: DateTime<Utc>) -> (Vec<Change>, Unlinked) {
    let (mut changes, n) = unlink(data, Gone::Contact(id), now);
    changes.insert(0, Change::DeleteContact { id: id.to_string() });
    (changes, n)
}

/// Deleting a company keeps its people, deals, activities and tasks, unlinked.
pub fn delete_company_changes(data: &Dataset, id: &str, now: DateTime<Utc>) -> (Vec<Change>, Unlinked) {
    let (mut changes, n) = unlink(data, Gone::Company(id), now);
    changes.insert(0, Change::DeleteCompany { id: id.to_string() });
    (changes, n)
}

/// Deleting a deal keeps its activities and tasks, unlinked.
pub fn delete_deal_changes(data: &Dataset, id: &str, now: DateTime<Utc>) -> (Vec<Change>, Unlinked) {
    let (mut changes, n) = unlink(data, Gone::Deal(id), now);
    changes.insert(0, Change::DeleteDeal { id: id.to_string() });
    (changes, n)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::core::history::inverse;
    use crate::core::records::{Company, Contact};
    use chrono::TimeZone;

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
        let (changes, unlinked) = delete_company_changes(&data, "co", later);
        assert_eq!(unlinked.describe(), "1 contact will be kept and unlinked.");
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

    #[test]
    fn deleting_a_contact_unlinks_deals_activities_and_tasks_and_inverse_restores_all() {
        use crate::core::records::{Activity, ActivityKind, Deal, Settings, Task};
        let t = Utc.with_ymd_and_hms(2026, 1, 1, 0, 0, 0).unwrap();
        let later = Utc.with_ymd_and_hms(2026, 2, 1, 0, 0, 0).unwrap();
        let settings = Settings::initial(t);
        let mut deal = Deal::blank("d".into(), &settings.pipeline[0], "EUR", t);
        deal.contact_ids = vec!["a".into(), "b".into()];
        let mut call = Activity::blank("x".into(), ActivityKind::Call, t);
        call.contact_ids = vec!["a".into()];
        call.deal_id = Some("d".into());
        let mut task = Task::blank("t".into(), t);
        task.contact_id = Some("a".into());
        let other = Task::blank("u".into(), t);
        let mut data = Dataset::from_parts(crate::core::dataset::Records {
            contacts: vec![Contact::blank("a".into(), t), Contact::blank("b".into(), t)],
            deals: vec![deal.clone()],
            activities: vec![call.clone()],
            tasks: vec![task.clone(), other],
            ..Default::default()
        })
        .unwrap();
        let before = data.to_parts();
        let (changes, n) = delete_contact_changes(&data, "a", later);
        assert_eq!(n, Unlinked { contacts: 0, deals: 1, activities: 1, tasks: 1 });
        assert_eq!(n.describe(), "1 deal, 1 activity and 1 task will be kept and unlinked.");
        let undo = inverse(&data, &changes);
        for ch in &changes {
            data.apply(ch);
        }
        assert!(data.contact("a").is_none());
        assert_eq!(data.deals().get("d").unwrap().contact_ids, vec!["b".to_string()]);
        assert!(data.activities().get("x").unwrap().contact_ids.is_empty());
        assert_eq!(data.activities().get("x").unwrap().deal_id.as_deref(), Some("d"));
        assert_eq!(data.tasks().get("t").unwrap().contact_id, None);
        for ch in &undo {
            data.apply(ch);
        }
        let mut after = data.to_parts();
        after.contacts.sort_by(|a, b| a.id.cmp(&b.id));
        after.tasks.sort_by(|a, b| a.id.cmp(&b.id));
        let mut before = before;
        before.contacts.sort_by(|a, b| a.id.cmp(&b.id));
        before.tasks.sort_by(|a, b| a.id.cmp(&b.id));
        assert_eq!(after, before);
    }
}
