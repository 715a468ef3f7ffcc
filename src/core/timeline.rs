//! Activities and deals as seen from one record: a contact's or company's
//! timeline, its deals, and when each contact was last in touch. (Its tasks
//! are in [`super::tasks`].)
//!
//! Results are positions in the dataset's tables, so lists can render them
//! without copying records.

use std::cmp::Reverse;
use std::collections::HashSet;

use chrono::{DateTime, Utc};

use super::dataset::Dataset;
use super::hash::FastMap;
use super::records::Contact;
use super::records::{Activity, ActivityKind, Deal, DealStatus, Task};

/// What a new activity or task added on a record's page links to: a
/// contact's page links the contact (and its company), a company's page the
/// company, a deal's page the deal, its company and its contacts. A task
/// links one contact, the first.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Links {
    pub contact_ids: Vec<String>,
    pub company_id: Option<String>,
    pub deal_id: Option<String>,
}

impl Links {
    pub fn of_contact(c: &Contact) -> Links {
        Links { contact_ids: vec![c.id.clone()], company_id: c.company_id.clone(), deal_id: None }
    }

    pub fn of_company(id: &str) -> Links {
        Links { company_id: Some(id.to_string()), ..Links::default() }
    }

    pub fn of_deal(d: &Deal) -> Links {
        Links { contact_ids: d.contact_ids.clone(), company_id: d.company_id.clone(), deal_id: Some(d.id.clone()) }
    }

    /// `task` linked to these records.
    pub fn link_task(&self, task: &mut Task) {
        task.contact_id = self.contact_ids.first().cloned();
        task.company_id = self.company_id.clone();
        task.deal_id = self.deal_id.clone();
    }
}

/// Per contact position, the time of its latest call, email or meeting up
/// to `now` (notes are not contact; planned activities have not happened).
/// One pass over the activities.
pub fn last_contacted(data: &Dataset, now: DateTime<Utc>) -> Vec<Option<DateTime<Utc>>> {
    last_contacted_where(data, now, |_| true)
}

/// [`last_contacted`] for the contacts `wanted` picks (`None` for the rest).
/// The Today view only needs contacts with a cadence — a few percent — and a
/// small id map makes the pass over 500k activities several times faster.
pub fn last_contacted_where(
    data: &Dataset,
    now: DateTime<Utc>,
    wanted: impl Fn(&Contact) -> bool,
) -> Vec<Option<DateTime<Utc>>> {
    let contacts = data.contacts();
    let pos: FastMap<&str, usize> =
        contacts.iter().enumerate().filter(|(_, c)| wanted(c)).map(|(i, c)| (c.id.as_str(), i)).collect();
    let mut last: Vec<Option<DateTime<Utc>>> = vec![None; contacts.len()];
    if pos.is_empty() {
        return last;
    }
    for a in data.activities().all() {
        if a.kind == ActivityKind::Note || a.at > now {
            continue;
        }
        for id in &a.contact_ids {
            if let Some(&i) = pos.get(id.as_str()) {
                if last[i].is_none_or(|t| t < a.at) {
                    last[i] = Some(a.at);
                }
            }
        }
    }
    last
}

/// Positions in `data.activities().all()` of the activities about a record,
/// newest first (equal times by id). A contact's are those naming it; a
/// deal's those linked to it; a company's those linked to it, to any of its
/// people or to any of its deals. An id we have no record of (a deleted
/// one) gets the activities still linking to it.
pub fn timeline_of(data: &Dataset, id: &str) -> Vec<u32> {
    let activities = data.activities().all();
    let hits: Box<dyn Fn(&Activity) -> bool> = if data.contact(id).is_some() {
        Box::new(|a: &Activity| a.contact_ids.iter().any(|c| c == id))
    } else if data.company(id).is_some() {
        let people: HashSet<&str> =
            data.contacts().iter().filter(|c| c.company_id.as_deref() == Some(id)).map(|c| c.id.as_str()).collect();
        let deals: HashSet<&str> =
            data.deals().all().iter().filter(|d| d.company_id.as_deref() == Some(id)).map(|d| d.id.as_str()).collect();
        Box::new(move |a: &Activity| {
            a.company_id.as_deref() == Some(id)
                || a.contact_ids.iter().any(|c| people.contains(c.as_str()))
                || a.deal_id.as_deref().is_some_and(|d| deals.contains(d))
        })
    } else if data.deals().get(id).is_some() {
        Box::new(|a: &Activity| a.deal_id.as_deref() == Some(id))
    } else {
        Box::new(|a: &Activity| a.links_to(id))
    };
    let mut out: Vec<u32> = (0..activities.len() as u32).filter(|&i| hits(&activities[i as usize])).collect();
    out.sort_by(|&a, &b| {
        let (a, b) = (&activities[a as usize], &activities[b as usize]);
        b.at.cmp(&a.at).then_with(|| a.id.cmp(&b.id))
    });
    out
}

/// Positions in `data.deals().all()` of the deals of a company or contact:
/// open ones first, each group most recently updated first.
pub fn deals_of(data: &Dataset, id: &str) -> Vec<u32> {
    let deals = data.deals().all();
    let mut out: Vec<u32> = (0..deals.len() as u32)
        .filter(|&i| {
            let d = &deals[i as usize];
            d.company_id.as_deref() == Some(id) || d.contact_ids.iter().any(|c| c == id)
        })
        .collect();
    out.sort_by_key(|&i| {
        let d = &deals[i as usize];
        (d.status != DealStatus::Open, Reverse(d.updated), i)
    });
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::core::dataset::Records;
    use crate::core::records::{Company, Contact};
    use crate::core::records::{Deal, Settings};
    use chrono::TimeZone;

    fn at(day: u32, hour: u32) -> DateTime<Utc> {
        Utc.with_ymd_and_hms(2026, 5, day, hour, 0, 0).unwrap()
    }

    fn activity(id: &str, kind: ActivityKind, when: DateTime<Utc>, contacts: &[&str]) -> Activity {
        let mut a = Activity::blank(id.into(), kind, when);
        a.contact_ids = contacts.iter().map(|c| c.to_string()).collect();
        a
    }

    fn contact(id: &str, company: Option<&str>) -> Contact {
        let mut c = Contact::blank(id.into(), at(1, 0));
        c.company_id = company.map(str::to_string);
        c
    }

    fn deal(id: &str, company: Option<&str>, contacts: &[&str]) -> Deal {
        let s = Settings::initial(at(1, 0));
        let mut d = Deal::blank(id.into(), &s.pipeline[0], "EUR", at(1, 0));
        d.company_id = company.map(str::to_string);
        d.contact_ids = contacts.iter().map(|c| c.to_string()).collect();
        d
    }

    fn sample() -> Dataset {
        let mut acme = Company::blank("acme".into(), at(1, 0));
        acme.name = "Acme".into();
        let mut by_company = activity("co", ActivityKind::Meeting, at(4, 0), &[]);
        by_company.company_id = Some("acme".into());
        let mut by_deal = activity("dl", ActivityKind::Email, at(6, 0), &[]);
        by_deal.deal_id = Some("deal".into());
        Dataset::from_parts(Records {
            companies: vec![acme],
            contacts: vec![contact("ann", Some("acme")), contact("bob", None), contact("cy", None)],
            deals: vec![deal("deal", Some("acme"), &["bob"])],
            activities: vec![
                activity("a1", ActivityKind::Call, at(2, 0), &["ann"]),
                activity("a2", ActivityKind::Note, at(9, 0), &["ann"]),
                activity("a3", ActivityKind::Email, at(5, 0), &["ann", "bob"]),
                activity("future", ActivityKind::Meeting, at(20, 0), &["bob"]),
                activity("b2", ActivityKind::Call, at(5, 0), &["bob"]),
                by_company,
                by_deal,
                activity("other", ActivityKind::Call, at(3, 0), &["cy"]),
            ],
            ..Default::default()
        })
        .unwrap()
    }

    fn activity_ids(d: &Dataset, positions: &[u32]) -> Vec<String> {
        positions.iter().map(|&i| d.activities().all()[i as usize].id.clone()).collect()
    }

    #[test]
    fn last_contact_ignores_notes_and_the_future() {
        let d = sample();
        assert_eq!(last_contacted(&d, at(10, 0)), [Some(at(5, 0)), Some(at(5, 0)), Some(at(3, 0))]);
        assert_eq!(last_contacted(&d, at(2, 12)), [Some(at(2, 0)), None, None]);
    }

    #[test]
    fn timelines_of_contacts_deals_and_companies() {
        let d = sample();
        assert_eq!(activity_ids(&d, &timeline_of(&d, "ann")), ["a2", "a3", "a1"]);
        // Equal times are ordered by id.
        assert_eq!(activity_ids(&d, &timeline_of(&d, "bob")), ["future", "a3", "b2"]);
        assert_eq!(activity_ids(&d, &timeline_of(&d, "deal")), ["dl"]);
        // The company: its own, its person Ann's, and its deal's; not Bob's own.
        assert_eq!(activity_ids(&d, &timeline_of(&d, "acme")), ["a2", "dl", "a3", "co", "a1"]);
        assert!(timeline_of(&d, "nobody").is_empty());
    }

    #[test]
    fn links_of_each_page_and_of_a_task() {
        let ann = contact("ann", Some("acme"));
        assert_eq!(
            Links::of_contact(&ann),
            Links { contact_ids: vec!["ann".into()], company_id: Some("acme".into()), deal_id: None }
        );
        assert_eq!(Links::of_company("acme"), Links { company_id: Some("acme".into()), ..Links::default() });
        let d = deal("deal", Some("acme"), &["bob", "ann"]);
        let links = Links::of_deal(&d);
        assert_eq!(links.contact_ids, ["bob", "ann"]);
        let mut task = crate::core::records::Task::blank("t".into(), at(1, 0));
        links.link_task(&mut task);
        assert_eq!(
            (task.contact_id.as_deref(), task.company_id.as_deref(), task.deal_id.as_deref()),
            (Some("bob"), Some("acme"), Some("deal"))
        );
    }

    #[test]
    fn deals_of_a_contact_or_company_open_first() {
        let mut won = deal("won", Some("acme"), &[]);
        won.status = DealStatus::Won;
        won.updated = at(9, 0);
        let mut fresh = deal("fresh", None, &["ann"]);
        fresh.updated = at(5, 0);
        let stale = deal("stale", Some("acme"), &["ann"]);
        let d = Dataset::from_parts(Records {
            deals: vec![won, stale, fresh, deal("other", Some("zed"), &["bob"])],
            ..Default::default()
        })
        .unwrap();
        let ids = |id: &str| -> Vec<String> {
            deals_of(&d, id).iter().map(|&i| d.deals().all()[i as usize].id.clone()).collect()
        };
        assert_eq!(ids("acme"), ["stale", "won"]);
        assert_eq!(ids("ann"), ["fresh", "stale"]);
    }
}
