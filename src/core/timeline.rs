//! Activities, tasks and deals as seen from one record: a contact's or
//! company's timeline, its tasks and deals, when each contact was last in
//! touch, and completing tasks (optionally logging what was done).
//!
//! Results are positions in the dataset's tables, so lists can render them
//! without copying records.

use std::cmp::Reverse;
use std::collections::HashSet;

use chrono::{DateTime, Utc};

use super::changes::Change;
use super::dataset::Dataset;
use super::hash::FastMap;
use super::lists::task_cmp;
use super::model::Contact;
use super::records::{Activity, ActivityKind, DealStatus};

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

/// Positions in `data.tasks().all()` of the tasks about a record: open ones
/// first, by due date (undated last) then high priority first; then done
/// ones, most recently done first.
pub fn tasks_of(data: &Dataset, id: &str) -> Vec<u32> {
    let tasks = data.tasks().all();
    let is = |link: &Option<String>| link.as_deref() == Some(id);
    let mut out: Vec<u32> = (0..tasks.len() as u32)
        .filter(|&i| {
            let t = &tasks[i as usize];
            is(&t.contact_id) || is(&t.company_id) || is(&t.deal_id)
        })
        .collect();
    out.sort_by(|&i, &j| task_cmp(&tasks[i as usize], &tasks[j as usize]).then(i.cmp(&j)));
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

/// Marks a task done. With `log` (a kind and a new activity id), also
/// records an activity "Done: <title>" at `now`, linked to the task's
/// contact, company (the contact's when the task names none) and deal.
/// Empty when the task is unknown or already done.
pub fn complete_task(
    data: &Dataset,
    task_id: &str,
    log: Option<(ActivityKind, String)>,
    now: DateTime<Utc>,
) -> Vec<Change> {
    let Some(task) = data.tasks().get(task_id).filter(|t| !t.is_done()) else { return Vec::new() };
    let mut record = task.clone();
    record.done_at = Some(now);
    record.updated = now;
    let mut changes = vec![Change::PutTask { record }];
    if let Some((kind, id)) = log {
        let mut a = Activity::blank(id, kind, now);
        a.subject = format!("Done: {}", task.title);
        a.contact_ids = task.contact_id.iter().cloned().collect();
        a.company_id = task
            .company_id
            .clone()
            .or_else(|| task.contact_id.as_deref().and_then(|c| data.contact(c)).and_then(|c| c.company_id.clone()));
        a.deal_id = task.deal_id.clone();
        a.owner = task.owner.clone();
        changes.push(Change::PutActivity { record: a });
    }
    changes
}

/// Makes a done task open again. Empty when it is unknown or not done.
pub fn reopen_task(data: &Dataset, task_id: &str, now: DateTime<Utc>) -> Vec<Change> {
    let Some(task) = data.tasks().get(task_id).filter(|t| t.is_done()) else { return Vec::new() };
    let mut record = task.clone();
    record.done_at = None;
    record.updated = now;
    vec![Change::PutTask { record }]
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::core::dataset::Records;
    use crate::core::model::{Company, Contact};
    use crate::core::records::{Deal, Priority, Settings, Task};
    use chrono::{NaiveDate, TimeZone};

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
    fn tasks_of_a_record_open_first_then_recently_done() {
        let day = |d| NaiveDate::from_ymd_opt(2026, 5, d);
        let t = |id: &str, due: Option<NaiveDate>, priority: Priority, done: Option<DateTime<Utc>>| {
            let mut t = Task::blank(id.into(), at(1, 0));
            t.contact_id = Some("ann".into());
            t.due = due;
            t.priority = priority;
            t.done_at = done;
            t
        };
        let mut on_deal = t("on-deal", day(3), Priority::Normal, None);
        on_deal.contact_id = None;
        on_deal.deal_id = Some("deal".into());
        let mut elsewhere = t("elsewhere", day(1), Priority::High, None);
        elsewhere.contact_id = Some("bob".into());
        let tasks = vec![
            t("undated", None, Priority::High, None),
            t("done-early", day(1), Priority::Normal, Some(at(2, 0))),
            t("late-low", day(9), Priority::Low, None),
            t("done-late", None, Priority::Normal, Some(at(8, 0))),
            t("late-high", day(9), Priority::High, None),
            t("soon", day(4), Priority::Low, None),
            on_deal,
            elsewhere,
        ];
        let d = Dataset::from_parts(Records { tasks, ..Default::default() }).unwrap();
        let ids: Vec<&str> = tasks_of(&d, "ann").iter().map(|&i| d.tasks().all()[i as usize].id.as_str()).collect();
        assert_eq!(ids, ["soon", "late-high", "late-low", "undated", "done-late", "done-early"]);
        assert_eq!(tasks_of(&d, "deal").len(), 1);
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

    #[test]
    fn completing_a_task_can_log_an_activity() {
        let mut task = Task::blank("t".into(), at(1, 0));
        task.title = "Send the quote".into();
        task.contact_id = Some("ann".into());
        task.deal_id = Some("deal".into());
        task.owner = "sam".into();
        let mut done = Task::blank("done".into(), at(1, 0));
        done.done_at = Some(at(2, 0));
        let mut d = sample();
        d.apply(&Change::PutTask { record: task });
        d.apply(&Change::PutTask { record: done });

        let changes = complete_task(&d, "t", Some((ActivityKind::Email, "new".into())), at(7, 15));
        let [Change::PutTask { record: t }, Change::PutActivity { record: a }] = &changes[..] else {
            panic!("{changes:?}")
        };
        assert_eq!((t.done_at, t.updated), (Some(at(7, 15)), at(7, 15)));
        assert_eq!((a.id.as_str(), a.kind, a.at), ("new", ActivityKind::Email, at(7, 15)));
        assert_eq!(a.subject, "Done: Send the quote");
        assert_eq!(a.contact_ids, ["ann"]);
        // The company comes from Ann, as the task names none.
        assert_eq!((a.company_id.as_deref(), a.deal_id.as_deref()), (Some("acme"), Some("deal")));

        assert_eq!(complete_task(&d, "t", None, at(7, 15)).len(), 1);
        assert!(complete_task(&d, "done", None, at(7, 15)).is_empty());
        assert!(complete_task(&d, "missing", None, at(7, 15)).is_empty());

        let [Change::PutTask { record }] = &reopen_task(&d, "done", at(8, 0))[..] else { panic!() };
        assert_eq!((record.done_at, record.updated), (None, at(8, 0)));
        assert!(reopen_task(&d, "t", at(8, 0)).is_empty());
    }
}
