//! Activity reports: activities by kind, by ISO week and by owner in a
//! period, and the contacts nobody has been in touch with for N days.
//!
//! An activity counts on the local day of its `at` time. The filter's
//! `owner` and `company_id` apply to activities; the contact list uses the
//! contact filter.

use chrono::{DateTime, Datelike, Duration, NaiveDate, Utc};

use super::{Cell, FastMap, Filter, Period, ReportTable};
use crate::core::dataset::Dataset;
use crate::core::records::ActivityKind;
use crate::core::timeline::last_contacted_where;
use crate::core::zone::Zone;

/// Activities in one ISO week (Monday to Sunday).
#[derive(Clone, Debug, PartialEq)]
pub struct WeekCount {
    pub monday: NaiveDate,
    pub iso_year: i32,
    pub iso_week: u32,
    pub count: usize,
}

#[derive(Clone, Debug, PartialEq)]
pub struct ActivityReport {
    pub total: usize,
    /// Every kind, in [`ActivityKind::ALL`] order.
    pub by_kind: Vec<(ActivityKind, usize)>,
    /// Every ISO week overlapping the period, in order (the first and last
    /// may be partly outside it; only days in the period count).
    pub by_week: Vec<WeekCount>,
    /// Owners by count, most first, then by name; "" is no owner.
    pub by_owner: Vec<(String, usize)>,
}

pub fn activities(data: &Dataset, period: &Period, zone: &Zone, filter: &Filter) -> ActivityReport {
    let first_monday = period.start - Duration::days(i64::from(period.start.weekday().num_days_from_monday()));
    let mut by_week = Vec::new();
    let mut monday = first_monday;
    while monday < period.end {
        let week = monday.iso_week();
        by_week.push(WeekCount { monday, iso_year: week.year(), iso_week: week.week(), count: 0 });
        monday += Duration::days(7);
    }
    let mut by_kind = [0usize; 4];
    let mut by_owner: FastMap<&str, usize> = FastMap::default();
    let mut total = 0;
    let range = period.utc_range(zone);
    // Each week from its Monday's local midnight, so a week holding a
    // daylight-saving change is 167 or 169 hours long and no activity
    // slips into the week before or after.
    let week_starts: Vec<DateTime<Utc>> = by_week.iter().skip(1).map(|w| zone.start_of_day(w.monday)).collect();
    for a in data.activities().all() {
        if !range.contains(a.at) || !filter.activity(a) {
            continue;
        }
        total += 1;
        by_kind[a.kind as usize] += 1;
        *by_owner.entry(a.owner.as_str()).or_default() += 1;
        by_week[week_starts.partition_point(|&s| s <= a.at)].count += 1;
    }
    let mut by_owner: Vec<(String, usize)> = by_owner.into_iter().map(|(o, n)| (o.to_string(), n)).collect();
    by_owner.sort_by(|a, b| b.1.cmp(&a.1).then_with(|| a.0.cmp(&b.0)));
    ActivityReport { total, by_kind: ActivityKind::ALL.iter().copied().zip(by_kind).collect(), by_week, by_owner }
}

impl ActivityReport {
    pub fn by_kind_table(&self) -> ReportTable {
        let mut t = ReportTable::new([Cell::Term("reports.col.type"), Cell::Term("reports.col.activities")]);
        for (kind, n) in &self.by_kind {
            t.push(vec![Cell::Kind("activity_kind", kind.key()), Cell::count(*n)]);
        }
        t
    }

    pub fn by_week_table(&self) -> ReportTable {
        let mut t = ReportTable::new([
            Cell::Term("reports.col.week"),
            Cell::Term("reports.col.starts"),
            Cell::Term("reports.col.activities"),
        ]);
        for w in &self.by_week {
            t.push(vec![
                format!("{}-W{:02}", w.iso_year, w.iso_week).into(),
                Cell::Day(w.monday),
                Cell::count(w.count),
            ]);
        }
        t
    }

    pub fn by_owner_table(&self) -> ReportTable {
        let mut t = ReportTable::new([Cell::Term("reports.col.owner"), Cell::Term("reports.col.activities")]);
        for (owner, n) in &self.by_owner {
            let label = if owner.is_empty() { Cell::Term("reports.row.no_owner") } else { owner.clone().into() };
            t.push(vec![label, Cell::count(*n)]);
        }
        t
    }
}

/// A contact nobody has been in touch with lately.
#[derive(Clone, Debug, PartialEq)]
pub struct QuietContact {
    /// Position in [`Dataset::contacts`].
    pub position: u32,
    /// Local day of the last activity linked to the contact, if any.
    pub last_contacted: Option<NaiveDate>,
}

#[derive(Clone, Debug, PartialEq)]
pub struct NotContactedReport {
    pub days: u32,
    /// Never contacted first, then the longest quiet first.
    pub contacts: Vec<QuietContact>,
}

/// The rule of [`crate::core::timeline::last_contacted_where`] (calls, emails and meetings up to
/// `now`), with the fast hasher: hashing 500k contact ids dominates this
/// pass, and SipHash makes it two to three times slower.
/// Contacts (matching the filter) whose last call, email or meeting up to
/// `now` is at least `days` local days before today, or who have none. This
/// is the Today view's notion of contact ([`crate::core::timeline::last_contacted_where`]): notes
/// are not contact and planned activities after `now` have not happened.
pub fn not_contacted(
    data: &Dataset,
    now: DateTime<Utc>,
    days: u32,
    zone: &Zone,
    filter: &Filter,
) -> NotContactedReport {
    let last = last_contacted_where(data, now, |c| filter.contact(c));
    not_contacted_with(data, &last, now, days, zone, filter)
}

/// [`not_contacted`] from last-contact times already at hand (per contact
/// position, as [`crate::core::timeline::last_contacted`] returns them for
/// the Today view), which skips the pass over every activity — the costly
/// part with 500k of them.
pub fn not_contacted_with(
    data: &Dataset,
    last: &[Option<DateTime<Utc>>],
    now: DateTime<Utc>,
    days: u32,
    zone: &Zone,
    filter: &Filter,
) -> NotContactedReport {
    let contacts = data.contacts();
    let today = zone.local_date(now);
    let mut quiet: Vec<QuietContact> = contacts
        .iter()
        .enumerate()
        .filter(|(_, c)| filter.contact(c))
        .filter_map(|(i, _)| {
            let last_contacted = last.get(i).copied().flatten().map(|at| zone.local_date(at));
            let is_quiet = last_contacted.is_none_or(|d| (today - d).num_days() >= i64::from(days));
            is_quiet.then_some(QuietContact { position: i as u32, last_contacted })
        })
        .collect();
    quiet.sort_by_key(|q| (q.last_contacted, q.position));
    NotContactedReport { days, contacts: quiet }
}

impl NotContactedReport {
    pub fn count(&self) -> usize {
        self.contacts.len()
    }

    pub fn to_table(&self, data: &Dataset) -> ReportTable {
        self.first_rows(data, usize::MAX)
    }

    /// The table of the first `n` contacts only (the screen shows the first
    /// rows of a list that can hold most of the database).
    pub fn first_rows(&self, data: &Dataset, n: usize) -> ReportTable {
        let mut t = ReportTable::new([
            Cell::Term("reports.col.contact"),
            Cell::Term("reports.col.email"),
            Cell::Term("reports.col.last_contacted"),
        ]);
        for q in self.contacts.iter().take(n) {
            let Some(c) = data.contacts().get(q.position as usize) else { continue };
            t.push(vec![
                c.display_name().into(),
                c.primary_email().unwrap_or("").into(),
                q.last_contacted.map_or(Cell::Term("reports.row.never"), Cell::Day),
            ]);
        }
        t
    }
}

#[cfg(test)]
mod tests {
    use super::super::fixture::{activity, at, contact, dataset, day};
    use super::*;
    use ActivityKind::*;

    fn activity_dataset() -> Dataset {
        let contacts = ["c1", "c2", "c3", "c4"].map(|id| contact(id, None, at(2026, 1, 1, 9, 0), &[])).to_vec();
        let activities = vec![
            activity("a1", Call, at(2026, 3, 1, 10, 0), "ann", &["c1"]),
            activity("a2", Email, at(2026, 3, 2, 10, 0), "bob", &["c1"]),
            activity("a3", Call, at(2026, 3, 3, 10, 0), "ann", &["c2"]),
            activity("a4", Meeting, at(2026, 3, 31, 23, 30), "ann", &["c2"]),
            activity("a5", Note, at(2026, 2, 28, 22, 30), "bob", &["c3"]),
            activity("a6", Call, at(2026, 4, 10, 10, 0), "ann", &["c3"]),
        ];
        dataset(Vec::new(), contacts, Vec::new(), activities)
    }

    #[test]
    fn activities_by_kind_week_and_owner() {
        let march = Period::this_month(day(2026, 3, 1));
        let r = activities(&activity_dataset(), &march, &Zone::fixed(0), &Filter::default());
        assert_eq!(r.total, 4);
        assert_eq!(r.by_kind, vec![(Call, 2), (Email, 1), (Meeting, 1), (Note, 0)]);
        assert_eq!(r.by_owner, vec![("ann".to_string(), 3), ("bob".to_string(), 1)]);
        // 1 March 2026 is a Sunday: its week starts on 23 February (W09).
        let weeks: Vec<(u32, usize)> = r.by_week.iter().map(|w| (w.iso_week, w.count)).collect();
        assert_eq!(weeks, vec![(9, 1), (10, 2), (11, 0), (12, 0), (13, 0), (14, 1)]);
        assert_eq!(r.by_week[0].monday, day(2026, 2, 23));
        assert_eq!(r.by_week_table().plain_rows()[0], vec!["2026-W09", "2026-02-23", "1"]);
        let bob = activities(
            &activity_dataset(),
            &march,
            &Zone::fixed(0),
            &Filter { owner: Some("bob".into()), ..Filter::default() },
        );
        assert_eq!(bob.total, 1);
    }

    #[test]
    fn activities_follow_the_local_day() {
        // At UTC+2, a5 (22:30 UTC on 28 February) is on 1 March and a4
        // (23:30 UTC on 31 March) is on 1 April.
        let r = activities(
            &activity_dataset(),
            &Period::this_month(day(2026, 3, 1)),
            &Zone::fixed(120),
            &Filter::default(),
        );
        assert_eq!(r.total, 4);
        assert_eq!(r.by_kind, vec![(Call, 2), (Email, 1), (Meeting, 0), (Note, 1)]);
        assert_eq!(r.by_week[0].count, 2);
    }

    /// Berlin's clocks went forward on Sunday 29 March 2026 (W13): an
    /// activity at 00:30 local time on Monday 30 March (22:30 UTC on the
    /// 29th) is in W14, and one at 23:30 on Sunday 22 March (22:30 UTC) is
    /// still in W12. One offset for the whole period got one of them wrong.
    #[test]
    fn weeks_start_at_local_midnight_across_a_daylight_saving_change() {
        let list = vec![
            activity("sun-w12", Call, at(2026, 3, 22, 22, 30), "ann", &[]),
            activity("mon-w13", Call, at(2026, 3, 22, 23, 30), "ann", &[]),
            activity("mon-w14", Call, at(2026, 3, 29, 22, 30), "ann", &[]),
        ];
        let data = dataset(Vec::new(), Vec::new(), Vec::new(), list);
        let march = Period::this_month(day(2026, 3, 1));
        let berlin = crate::core::zone::tests::berlin();
        let weeks = |zone: &Zone| -> Vec<(u32, usize)> {
            activities(&data, &march, zone, &Filter::default()).by_week.iter().map(|w| (w.iso_week, w.count)).collect()
        };
        assert_eq!(weeks(&berlin), vec![(9, 0), (10, 0), (11, 0), (12, 1), (13, 1), (14, 1)]);
        // Summer time all month long puts Sunday's call on Monday.
        assert_eq!(weeks(&Zone::fixed(120)), vec![(9, 0), (10, 0), (11, 0), (12, 0), (13, 2), (14, 1)]);
        // This week on the Sunday of the change: Monday 23 to Sunday 29.
        let week = crate::core::reports::dashboard::this_week(day(2026, 3, 29));
        assert_eq!(week, Period::new(day(2026, 3, 23), day(2026, 3, 30)));
        let range = week.utc_range(&berlin);
        assert_eq!((range.start, range.end), (at(2026, 3, 22, 23, 0), at(2026, 3, 29, 22, 0)));
        assert_eq!((range.end - range.start).num_hours(), 167);
    }

    #[test]
    fn contacts_not_contacted_for_fourteen_days() {
        let data = activity_dataset();
        let r = not_contacted(&data, at(2026, 4, 1, 12, 0), 14, &Zone::fixed(0), &Filter::default());
        let ids: Vec<(&str, Option<NaiveDate>)> =
            r.contacts.iter().map(|q| (data.contacts()[q.position as usize].id.as_str(), q.last_contacted)).collect();
        // c3 only has a note and a call still planned for April, so like c4
        // it was never contacted; c1 was last emailed on 2 March; c2 had a
        // meeting yesterday.
        assert_eq!(ids, vec![("c3", None), ("c4", None), ("c1", Some(day(2026, 3, 2)))]);
        assert_eq!(r.count(), 3);
        let last = crate::core::timeline::last_contacted(&data, at(2026, 4, 1, 12, 0));
        assert_eq!(not_contacted_with(&data, &last, at(2026, 4, 1, 12, 0), 14, &Zone::fixed(0), &Filter::default()), r);
        assert_eq!(r.to_table(&data).plain_rows()[1], vec!["c4", "", "never"]);
    }

    #[test]
    fn empty_activity_reports() {
        let r =
            activities(&Dataset::default(), &Period::this_month(day(2026, 3, 1)), &Zone::fixed(0), &Filter::default());
        assert_eq!((r.total, r.by_owner.len(), r.by_week.len()), (0, 0, 6));
        assert_eq!(
            not_contacted(&Dataset::default(), at(2026, 4, 1, 0, 0), 7, &Zone::fixed(0), &Filter::default()).count(),
            0
        );
    }
}
