//! Orders and filters for the deal, activity and task lists, and the tag
//! filters shared by every list, built to stay fast at 100k contacts, 20k
//! deals and 500k activities.
//!
//! Like [`Dataset::contact_order`], an order is computed once per data or
//! sort change as positions into a table; filters then keep that order
//! without sorting again. Ties keep position order, so results are the same
//! on every run.

use std::cmp::{Ordering, Reverse};
use std::collections::HashMap;

use super::dataset::Dataset;
use super::records::{ActivityKind, DealStatus, Task};
use super::text::{fold, fold_into};

/// How the deals list is ordered.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash)]
pub enum DealSort {
    /// Most recently updated first.
    #[default]
    Updated,
    /// Title (A–Z).
    Title,
    /// Largest amount first (cents, whatever the currency).
    AmountDesc,
    /// Expected close date, soonest first; undated last.
    CloseDate,
}

impl DealSort {
    pub const ALL: [DealSort; 4] = [DealSort::Updated, DealSort::Title, DealSort::AmountDesc, DealSort::CloseDate];

    /// The stable name used in URLs.
    pub fn key(self) -> &'static str {
        match self {
            DealSort::Updated => "updated",
            DealSort::Title => "title",
            DealSort::AmountDesc => "amount",
            DealSort::CloseDate => "close",
        }
    }

    pub fn label(self) -> &'static str {
        match self {
            DealSort::Updated => "Recently updated",
            DealSort::Title => "Title (A–Z)",
            DealSort::AmountDesc => "Largest amount",
            DealSort::CloseDate => "Closing soonest",
        }
    }

    /// The sort with that key; the default for anything else.
    pub fn from_key(key: &str) -> DealSort {
        DealSort::ALL.into_iter().find(|s| s.key() == key).unwrap_or_default()
    }
}

/// Deal positions in the given order.
pub fn deal_order(data: &Dataset, sort: DealSort) -> Vec<u32> {
    let deals = data.deals().all();
    let positions = 0..deals.len() as u32;
    match sort {
        DealSort::Updated => {
            let mut keyed: Vec<(Reverse<i64>, u32)> =
                positions.map(|i| (Reverse(deals[i as usize].updated.timestamp_millis()), i)).collect();
            keyed.sort_unstable();
            keyed.into_iter().map(|(_, i)| i).collect()
        }
        DealSort::Title => {
            let mut keyed: Vec<(String, u32)> = positions.map(|i| (fold(&deals[i as usize].title), i)).collect();
            keyed.sort_unstable();
            keyed.into_iter().map(|(_, i)| i).collect()
        }
        DealSort::AmountDesc => {
            let mut keyed: Vec<(Reverse<i64>, u32)> =
                positions.map(|i| (Reverse(deals[i as usize].amount_cents), i)).collect();
            keyed.sort_unstable();
            keyed.into_iter().map(|(_, i)| i).collect()
        }
        DealSort::CloseDate => {
            let mut keyed: Vec<(bool, Option<chrono::NaiveDate>, u32)> = positions
                .map(|i| {
                    let close = deals[i as usize].expected_close;
                    (close.is_none(), close, i)
                })
                .collect();
            keyed.sort_unstable();
            keyed.into_iter().map(|(_, _, i)| i).collect()
        }
    }
}

/// Activity positions, newest first (equal times in position order).
pub fn activity_order(data: &Dataset) -> Vec<u32> {
    let mut keyed: Vec<(Reverse<i64>, u32)> =
        data.activities().all().iter().enumerate().map(|(i, a)| (Reverse(a.at.timestamp_millis()), i as u32)).collect();
    keyed.sort_unstable();
    keyed.into_iter().map(|(_, i)| i).collect()
}

/// Which tasks the tasks list shows.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash)]
pub enum TaskFilter {
    #[default]
    Open,
    Done,
    All,
}

impl TaskFilter {
    pub const ALL: [TaskFilter; 3] = [TaskFilter::Open, TaskFilter::Done, TaskFilter::All];

    /// The stable name used in URLs.
    pub fn key(self) -> &'static str {
        match self {
            TaskFilter::Open => "open",
            TaskFilter::Done => "done",
            TaskFilter::All => "all",
        }
    }

    pub fn label(self) -> &'static str {
        match self {
            TaskFilter::Open => "Open",
            TaskFilter::Done => "Done",
            TaskFilter::All => "All",
        }
    }

    /// The filter with that key; the default for anything else.
    pub fn from_key(key: &str) -> TaskFilter {
        TaskFilter::ALL.into_iter().find(|s| s.key() == key).unwrap_or_default()
    }
}

/// The order tasks are listed in everywhere: open ones first, by due date
/// (undated last) then high priority first; then done ones, most recently
/// done first.
pub(crate) fn task_cmp(a: &Task, b: &Task) -> Ordering {
    match (a.done_at, b.done_at) {
        (None, None) => {
            (a.due.is_none(), a.due, Reverse(a.priority)).cmp(&(b.due.is_none(), b.due, Reverse(b.priority)))
        }
        (None, Some(_)) => Ordering::Less,
        (Some(_), None) => Ordering::Greater,
        (Some(x), Some(y)) => y.cmp(&x),
    }
}

/// Task positions the filter keeps, in [`task_cmp`] order.
pub fn task_order(data: &Dataset, filter: TaskFilter) -> Vec<u32> {
    let tasks = data.tasks().all();
    let keep = |t: &Task| match filter {
        TaskFilter::Open => !t.is_done(),
        TaskFilter::Done => t.is_done(),
        TaskFilter::All => true,
    };
    let mut out: Vec<u32> = (0..tasks.len() as u32).filter(|&i| keep(&tasks[i as usize])).collect();
    out.sort_unstable_by(|&i, &j| task_cmp(&tasks[i as usize], &tasks[j as usize]).then(i.cmp(&j)));
    out
}

/// The positions of `order` whose record's tags include `tag` (folded: case-
/// and accent-insensitive), in the order given. An empty tag keeps all.
fn with_tag<'a>(order: &[u32], tag: &str, tags_of: impl Fn(u32) -> &'a [String]) -> Vec<u32> {
    let tag = fold(tag.trim());
    if tag.is_empty() {
        return order.to_vec();
    }
    let mut buf = String::new();
    order
        .iter()
        .copied()
        .filter(|&i| {
            tags_of(i).iter().any(|t| {
                buf.clear();
                fold_into(t.trim(), &mut buf);
                buf == tag
            })
        })
        .collect()
}

/// Contact positions of `order` tagged `tag` (case-insensitive).
pub fn with_tag_contacts(data: &Dataset, order: &[u32], tag: &str) -> Vec<u32> {
    let contacts = data.contacts();
    with_tag(order, tag, |i| contacts.get(i as usize).map_or(&[], |c| c.tags.as_slice()))
}

/// Company positions of `order` tagged `tag` (case-insensitive).
pub fn with_tag_companies(data: &Dataset, order: &[u32], tag: &str) -> Vec<u32> {
    let companies = data.companies();
    with_tag(order, tag, |i| companies.get(i as usize).map_or(&[], |c| c.tags.as_slice()))
}

/// Deal positions of `order` tagged `tag` (case-insensitive).
pub fn with_tag_deals(data: &Dataset, order: &[u32], tag: &str) -> Vec<u32> {
    let deals = data.deals().all();
    with_tag(order, tag, |i| deals.get(i as usize).map_or(&[], |d| d.tags.as_slice()))
}

/// Deal positions of `order` with that status; all of them for None.
pub fn with_deal_status(data: &Dataset, order: &[u32], status: Option<DealStatus>) -> Vec<u32> {
    let Some(status) = status else { return order.to_vec() };
    let deals = data.deals().all();
    order.iter().copied().filter(|&i| deals.get(i as usize).is_some_and(|d| d.status == status)).collect()
}

/// Deal positions of `order` that are overdue: open and expected to close
/// before `today` (the dashboard's and the forecast's rule).
pub fn with_overdue(data: &Dataset, order: &[u32], today: chrono::NaiveDate) -> Vec<u32> {
    let deals = data.deals().all();
    order.iter().copied().filter(|&i| deals.get(i as usize).is_some_and(|d| is_overdue(d, today))).collect()
}

/// Whether a deal is open and expected to close before `today`.
pub fn is_overdue(d: &crate::core::records::Deal, today: chrono::NaiveDate) -> bool {
    d.status == DealStatus::Open && d.expected_close.is_some_and(|c| c < today)
}

/// Activity positions of `order` of that kind; all of them for None.
pub fn with_activity_kind(data: &Dataset, order: &[u32], kind: Option<ActivityKind>) -> Vec<u32> {
    let Some(kind) = kind else { return order.to_vec() };
    let activities = data.activities().all();
    order.iter().copied().filter(|&i| activities.get(i as usize).is_some_and(|a| a.kind == kind)).collect()
}

/// Every tag on contacts, companies and deals with the number of records
/// using it, sorted by name (case-insensitive). Spellings that differ only
/// in case or accents are one tag, named as first seen (contacts first, then
/// companies, then deals); a record counts once per tag.
pub fn all_tags(data: &Dataset) -> Vec<(String, usize)> {
    let mut index: HashMap<String, usize> = HashMap::new();
    let mut tags: Vec<(String, usize)> = Vec::new();
    let mut in_record: Vec<usize> = Vec::new();
    let lists = data
        .contacts()
        .iter()
        .map(|c| &c.tags)
        .chain(data.companies().iter().map(|c| &c.tags))
        .chain(data.deals().all().iter().map(|d| &d.tags));
    for list in lists {
        in_record.clear();
        for tag in list {
            let name = tag.trim();
            let key = fold(name);
            if key.is_empty() {
                continue;
            }
            let n = *index.entry(key).or_insert_with(|| {
                tags.push((name.to_string(), 0));
                tags.len() - 1
            });
            if !in_record.contains(&n) {
                in_record.push(n);
                tags[n].1 += 1;
            }
        }
    }
    tags.sort_by_cached_key(|(name, _)| (fold(name), name.clone()));
    tags
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::core::dataset::Records;
    use crate::core::records::{Activity, Deal, Priority, Settings};
    use crate::core::records::{Company, Contact};
    use chrono::{DateTime, NaiveDate, TimeZone, Utc};

    fn at(day: u32, hour: u32) -> DateTime<Utc> {
        Utc.with_ymd_and_hms(2026, 6, day, hour, 0, 0).unwrap()
    }

    fn deal(id: &str, title: &str, cents: i64, close: Option<u32>, updated: DateTime<Utc>) -> Deal {
        let s = Settings::initial(at(1, 0));
        let mut d = Deal::blank(id.into(), &s.pipeline[0], "EUR", at(1, 0));
        d.title = title.into();
        d.amount_cents = cents;
        d.expected_close = close.map(|day| NaiveDate::from_ymd_opt(2026, 7, day).unwrap());
        d.updated = updated;
        d
    }

    fn deal_ids(d: &Dataset, order: &[u32]) -> Vec<String> {
        order.iter().map(|&i| d.deals().all()[i as usize].id.clone()).collect()
    }

    #[test]
    fn deal_sorts() {
        let mut lost = deal("e", "éclair", 500, Some(3), at(2, 0));
        lost.status = DealStatus::Lost;
        let d = Dataset::from_parts(Records {
            deals: vec![
                deal("a", "Zinc", 100, None, at(3, 0)),
                deal("b", "apple", 900, Some(10), at(5, 0)),
                deal("c", "Mango", 900, Some(2), at(1, 0)),
                deal("d", "banana", -50, None, at(5, 0)),
                lost,
            ],
            ..Default::default()
        })
        .unwrap();
        assert_eq!(deal_ids(&d, &deal_order(&d, DealSort::Updated)), ["b", "d", "a", "e", "c"]);
        assert_eq!(deal_ids(&d, &deal_order(&d, DealSort::Title)), ["b", "d", "e", "c", "a"]);
        assert_eq!(deal_ids(&d, &deal_order(&d, DealSort::AmountDesc)), ["b", "c", "e", "a", "d"]);
        assert_eq!(deal_ids(&d, &deal_order(&d, DealSort::CloseDate)), ["c", "e", "b", "a", "d"]);
        let order = deal_order(&d, DealSort::Title);
        assert_eq!(deal_ids(&d, &with_deal_status(&d, &order, Some(DealStatus::Lost))), ["e"]);
        assert_eq!(with_deal_status(&d, &order, Some(DealStatus::Won)), Vec::<u32>::new());
        assert_eq!(with_deal_status(&d, &order, None), order);
        // On 3 July, "c" (2 July) is overdue; "e" (3 July) is lost, "b" later.
        let july3 = NaiveDate::from_ymd_opt(2026, 7, 3).unwrap();
        assert_eq!(deal_ids(&d, &with_overdue(&d, &order, july3)), ["c"]);
        assert_eq!(deal_ids(&d, &with_overdue(&d, &order, NaiveDate::from_ymd_opt(2026, 7, 11).unwrap())), ["b", "c"]);
        for s in DealSort::ALL {
            assert_eq!(DealSort::from_key(s.key()), s);
        }
        assert_eq!(DealSort::from_key("bogus"), DealSort::Updated);
    }

    #[test]
    fn activities_newest_first_and_by_kind() {
        let a = |id: &str, kind, when| Activity::blank(id.to_string(), kind, when);
        let d = Dataset::from_parts(Records {
            activities: vec![
                a("x", ActivityKind::Call, at(2, 0)),
                a("y", ActivityKind::Note, at(4, 0)),
                a("z", ActivityKind::Call, at(2, 0)),
                a("w", ActivityKind::Email, at(1, 0)),
            ],
            ..Default::default()
        })
        .unwrap();
        let order = activity_order(&d);
        assert_eq!(order, [1, 0, 2, 3]);
        assert_eq!(with_activity_kind(&d, &order, Some(ActivityKind::Call)), [0, 2]);
        assert_eq!(with_activity_kind(&d, &order, None), order);
    }

    #[test]
    fn task_filters_and_order() {
        let day = |d| NaiveDate::from_ymd_opt(2026, 6, d);
        let t = |id: &str, due, priority, done: Option<DateTime<Utc>>| {
            let mut t = Task::blank(id.to_string(), at(1, 0));
            t.due = due;
            t.priority = priority;
            t.done_at = done;
            t
        };
        let d = Dataset::from_parts(Records {
            tasks: vec![
                t("undated", None, Priority::High, None),
                t("done-old", day(1), Priority::High, Some(at(2, 0))),
                t("soon-low", day(5), Priority::Low, None),
                t("soon-high", day(5), Priority::High, None),
                t("done-new", day(9), Priority::Low, Some(at(3, 0))),
                t("first", day(4), Priority::Low, None),
            ],
            ..Default::default()
        })
        .unwrap();
        let ids =
            |f| -> Vec<String> { task_order(&d, f).iter().map(|&i| d.tasks().all()[i as usize].id.clone()).collect() };
        assert_eq!(ids(TaskFilter::Open), ["first", "soon-high", "soon-low", "undated"]);
        assert_eq!(ids(TaskFilter::Done), ["done-new", "done-old"]);
        assert_eq!(ids(TaskFilter::All), ["first", "soon-high", "soon-low", "undated", "done-new", "done-old"]);
        assert_eq!(TaskFilter::from_key("done"), TaskFilter::Done);
        assert_eq!(TaskFilter::from_key(""), TaskFilter::Open);
    }

    fn tagged_data() -> Dataset {
        let tagged = |id: &str, tags: &[&str]| {
            let mut c = Contact::blank(id.into(), at(1, 0));
            c.tags = tags.iter().map(|t| t.to_string()).collect();
            c
        };
        let mut co = Company::blank("co".into(), at(1, 0));
        co.name = "Acme".into();
        co.tags = vec!["Partner".into(), "vip".into()];
        let mut dl = deal("d", "Deal", 0, None, at(1, 0));
        dl.tags = vec!["Émigré".into(), "VIP".into()];
        Dataset::from_parts(Records {
            contacts: vec![
                tagged("a", &["VIP", "golf"]),
                tagged("b", &["press"]),
                tagged("c", &["vip ", "Vip"]),
                tagged("d", &["emigre", " "]),
            ],
            companies: vec![co],
            deals: vec![dl],
            ..Default::default()
        })
        .unwrap()
    }

    #[test]
    fn tag_filters_ignore_case_and_keep_order() {
        let d = tagged_data();
        let order = [3, 2, 1, 0];
        assert_eq!(with_tag_contacts(&d, &order, "vip"), [2, 0]);
        assert_eq!(with_tag_contacts(&d, &order, "ÉMIGRÉ"), [3]);
        assert_eq!(with_tag_contacts(&d, &order, "  "), order);
        assert!(with_tag_contacts(&d, &order, "vi").is_empty());
        assert_eq!(with_tag_companies(&d, &[0], "PARTNER"), [0]);
        assert_eq!(with_tag_deals(&d, &[0], "emigre"), [0]);
        assert!(with_tag_deals(&d, &[0], "golf").is_empty());
    }

    #[test]
    fn all_tags_are_merged_counted_per_record_and_sorted() {
        let d = tagged_data();
        assert_eq!(
            all_tags(&d),
            [
                ("emigre".to_string(), 2),
                ("golf".to_string(), 1),
                ("Partner".to_string(), 1),
                ("press".to_string(), 1),
                ("VIP".to_string(), 4),
            ]
        );
    }
}
