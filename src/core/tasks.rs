//! Tasks as seen from one record, and completing a task (optionally logging
//! what was done as an activity) or opening it again.
//!
//! Results are positions in the dataset's task table, so lists can render
//! them without copying records.

use chrono::{DateTime, Utc};

use super::changes::Change;
use super::dataset::Dataset;
use super::lists::task_cmp;
use super::records::{Activity, ActivityKind};

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
    use crate::core::records::{Company, Contact, Priority, Task};
    use chrono::{NaiveDate, TimeZone};

    fn at(day: u32, hour: u32) -> DateTime<Utc> {
        Utc.with_ymd_and_hms(2026, 5, day, hour, 0, 0).unwrap()
    }

    /// Ann works at Acme; Bob at no company.
    fn sample() -> Dataset {
        let mut acme = Company::blank("acme".into(), at(1, 0));
        acme.name = "Acme".into();
        let mut ann = Contact::blank("ann".into(), at(1, 0));
        ann.company_id = Some("acme".into());
        Dataset::from_parts(Records {
            companies: vec![acme],
            contacts: vec![ann, Contact::blank("bob".into(), at(1, 0))],
            ..Default::default()
        })
        .unwrap()
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
