//! The Today view: what needs attention now. Open tasks that are overdue or
//! due today, birthdays and other yearly dates in the coming week, and
//! contacts we meant to keep in touch with but have not for too long.
//!
//! "Today" and "now" are parameters: the caller decides the time zone the
//! person's day is in.

use chrono::{DateTime, Datelike, Days, NaiveDate, Utc};

use super::dataset::Dataset;
use super::records::YearlyDate;
use super::text::fold;

/// Everything the Today view lists. Tasks are positions in
/// `data.tasks().all()`.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct TodayList {
    /// Open tasks due before today: oldest due date first, then high
    /// priority first.
    pub overdue: Vec<u32>,
    /// Open tasks due today: high priority first, then by title.
    pub due_today: Vec<u32>,
    /// Yearly dates from today to six days on, soonest first, then by name.
    pub dates: Vec<DateEvent>,
    /// Contacts past their keep-in-touch cadence, most overdue first.
    pub lapsed: Vec<Lapsed>,
}

/// A birthday or important date coming up.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct DateEvent {
    /// Position in `data.contacts()`.
    pub contact: u32,
    /// "Birthday", or the important date's label.
    pub label: String,
    /// The day it falls on this time.
    pub on: NaiveDate,
    /// The age or anniversary count on that day, when the date has a year,
    /// it is plausible (after 1900) and the count is at least one.
    pub years: Option<i32>,
}

/// A contact with a cadence whose last contact is too long ago.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Lapsed {
    /// Position in `data.contacts()`.
    pub contact: u32,
    pub cadence_days: u32,
    /// The last call, email or meeting; None when there has been none.
    pub last: Option<DateTime<Utc>>,
    /// Whole days past the cadence (at least one).
    pub days_overdue: i64,
}

/// The occurrence of a yearly date from `today` to `last` inclusive, if any
/// (29 February falls on 28 February in years without one). Trying next
/// year too covers a week that crosses New Year.
fn occurrence(date: YearlyDate, today: NaiveDate, last: NaiveDate) -> Option<NaiveDate> {
    [today.year(), today.year() + 1].into_iter().filter_map(|y| date.in_year(y)).find(|on| *on >= today && *on <= last)
}

fn event(contact: u32, label: &str, date: YearlyDate, today: NaiveDate, last: NaiveDate) -> Option<DateEvent> {
    let on = occurrence(date, today, last)?;
    // Without a year there is no age to tell.
    let years = date.year().filter(|&y| y > 1900).map(|y| on.year() - y).filter(|&n| n > 0);
    Some(DateEvent { contact, label: label.to_string(), on, years })
}

/// Builds the Today view. `last_contacted[i]` is the last call, email or
/// meeting of contact position `i` (see
/// [`last_contacted`](super::timeline::last_contacted)). A contact has lapsed
/// when more whole days than its cadence have passed since that last contact
/// (or, if there was none, since it was created).
pub fn today_list(
    data: &Dataset,
    last_contacted: &[Option<DateTime<Utc>>],
    today: NaiveDate,
    now: DateTime<Utc>,
) -> TodayList {
    let tasks = data.tasks().all();
    let mut overdue = Vec::new();
    let mut due_today = Vec::new();
    for (i, t) in tasks.iter().enumerate() {
        match t.due {
            _ if t.is_done() => {}
            Some(due) if due < today => overdue.push(i as u32),
            Some(due) if due == today => due_today.push(i as u32),
            _ => {}
        }
    }
    let task = |i: u32| &tasks[i as usize];
    overdue.sort_by_cached_key(|&i| (task(i).due, std::cmp::Reverse(task(i).priority), fold(&task(i).title), i));
    due_today.sort_by_cached_key(|&i| (std::cmp::Reverse(task(i).priority), fold(&task(i).title), i));

    let last_day = today.checked_add_days(Days::new(6)).unwrap_or(NaiveDate::MAX);
    let contacts = data.contacts();
    let mut dates = Vec::new();
    let mut lapsed = Vec::new();
    for (i, c) in contacts.iter().enumerate() {
        let pos = i as u32;
        if let Some(birthday) = c.birthday {
            dates.extend(event(pos, "Birthday", birthday, today, last_day));
        }
        for d in &c.important_dates {
            dates.extend(event(pos, &d.label, d.date, today, last_day));
        }
        if let Some(cadence) = c.cadence_days {
            let last = last_contacted.get(i).copied().flatten();
            let days = (now - last.unwrap_or(c.created)).num_days();
            if days > i64::from(cadence) {
                lapsed.push(Lapsed {
                    contact: pos,
                    cadence_days: cadence,
                    last,
                    days_overdue: days - i64::from(cadence),
                });
            }
        }
    }
    let name = |i: u32| fold(&contacts[i as usize].display_name());
    dates.sort_by_cached_key(|e| (e.on, name(e.contact), e.label.clone(), e.contact));
    lapsed.sort_by_cached_key(|l| (std::cmp::Reverse(l.days_overdue), name(l.contact), l.contact));
    TodayList { overdue, due_today, dates, lapsed }
}

/// How many things the Today view lists, for the navigation badge.
pub fn count(list: &TodayList) -> usize {
    list.overdue.len() + list.due_today.len() + list.dates.len() + list.lapsed.len()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::core::dataset::Records;
    use crate::core::records::{Contact, ImportantDate};
    use crate::core::records::{Priority, Task};
    use chrono::TimeZone;

    fn day(y: i32, m: u32, d: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, d).unwrap()
    }

    fn task(id: &str, title: &str, due: Option<NaiveDate>, priority: Priority, done: bool) -> Task {
        let t = Utc.with_ymd_and_hms(2026, 1, 1, 0, 0, 0).unwrap();
        let mut task = Task::blank(id.into(), t);
        task.title = title.into();
        task.due = due;
        task.priority = priority;
        task.done_at = done.then_some(t);
        task
    }

    fn person(id: &str, name: &str) -> Contact {
        let mut c = Contact::blank(id.into(), Utc.with_ymd_and_hms(2025, 6, 1, 12, 0, 0).unwrap());
        c.given_name = name.into();
        c
    }

    fn data(contacts: Vec<Contact>, tasks: Vec<Task>) -> Dataset {
        Dataset::from_parts(Records { contacts, tasks, ..Default::default() }).unwrap()
    }

    fn task_ids(d: &Dataset, positions: &[u32]) -> Vec<String> {
        positions.iter().map(|&i| d.tasks().all()[i as usize].id.clone()).collect()
    }

    #[test]
    fn tasks_split_into_overdue_and_due_today() {
        use Priority::*;
        let today = day(2026, 3, 10);
        let d = data(
            vec![],
            vec![
                task("old-low", "Call", Some(day(2026, 3, 1)), Low, false),
                task("old-high", "Write", Some(day(2026, 3, 1)), High, false),
                task("oldest", "Send", Some(day(2026, 2, 20)), Normal, false),
                task("yesterday-done", "Done", Some(day(2026, 3, 9)), High, true),
                task("today-b", "b task", Some(today), Normal, false),
                task("today-a", "A task", Some(today), Normal, false),
                task("today-high", "Z", Some(today), High, false),
                task("today-done", "Fin", Some(today), High, true),
                task("tomorrow", "Later", Some(day(2026, 3, 11)), High, false),
                task("undated", "Some day", None, High, false),
            ],
        );
        let now = Utc.with_ymd_and_hms(2026, 3, 10, 8, 0, 0).unwrap();
        let list = today_list(&d, &[], today, now);
        assert_eq!(task_ids(&d, &list.overdue), ["oldest", "old-high", "old-low"]);
        assert_eq!(task_ids(&d, &list.due_today), ["today-high", "today-a", "today-b"]);
        assert!(list.dates.is_empty() && list.lapsed.is_empty());
        assert_eq!(count(&list), 6);
    }

    #[test]
    fn dates_in_the_coming_week_cross_new_year() {
        let mut ann = person("ann", "Ann");
        ann.birthday = Some(day(1990, 1, 2).into());
        let mut bob = person("bob", "Bob");
        bob.birthday = Some(day(1985, 12, 28).into());
        bob.important_dates = vec![
            ImportantDate { label: "Wedding".into(), date: day(2015, 12, 31).into() },
            ImportantDate { label: "Too late".into(), date: day(2015, 1, 4).into() },
            ImportantDate { label: "Name day".into(), date: YearlyDate::without_year(1, 1).unwrap() },
        ];
        let mut cy = person("cy", "Cy");
        // A year before 1900 is a placeholder: no age is told.
        cy.birthday = Some(day(1604, 12, 30).into());
        let mut dee = person("dee", "Dee");
        dee.birthday = Some(day(1970, 12, 27).into());
        let mut eve = person("eve", "Eve");
        // A birthday without a year comes back like any other, without an age.
        eve.birthday = YearlyDate::without_year(12, 29);
        let d = data(vec![ann, bob, cy, dee, eve], vec![]);
        let now = Utc.with_ymd_and_hms(2026, 12, 28, 9, 0, 0).unwrap();
        let list = today_list(&d, &[], day(2026, 12, 28), now);
        let got: Vec<(&str, &str, NaiveDate, Option<i32>)> = list
            .dates
            .iter()
            .map(|e| (d.contacts()[e.contact as usize].id.as_str(), e.label.as_str(), e.on, e.years))
            .collect();
        assert_eq!(
            got,
            [
                ("bob", "Birthday", day(2026, 12, 28), Some(41)),
                ("eve", "Birthday", day(2026, 12, 29), None),
                ("cy", "Birthday", day(2026, 12, 30), None),
                ("bob", "Wedding", day(2026, 12, 31), Some(11)),
                ("bob", "Name day", day(2027, 1, 1), None),
                ("ann", "Birthday", day(2027, 1, 2), Some(37)),
            ]
        );
    }

    #[test]
    fn leap_day_birthdays_fall_on_28_february_in_other_years() {
        let mut leap = person("leap", "Lea");
        leap.birthday = Some(day(2000, 2, 29).into());
        let mut yearless = person("yearless", "Yan");
        yearless.birthday = YearlyDate::without_year(2, 29);
        let d = data(vec![leap, yearless], vec![]);
        let now = Utc.with_ymd_and_hms(2027, 2, 25, 9, 0, 0).unwrap();
        let list = today_list(&d, &[], day(2027, 2, 25), now);
        assert_eq!(
            list.dates,
            [
                DateEvent { contact: 0, label: "Birthday".into(), on: day(2027, 2, 28), years: Some(27) },
                DateEvent { contact: 1, label: "Birthday".into(), on: day(2027, 2, 28), years: None },
            ]
        );
        // In a leap year it is on the day itself.
        let list = today_list(&d, &[], day(2028, 2, 28), now);
        assert_eq!((list.dates[0].on, list.dates[1].on), (day(2028, 2, 29), day(2028, 2, 29)));
        // 1 March in a non-leap year: 28 February has passed.
        assert!(today_list(&d, &[], day(2027, 3, 1), now).dates.is_empty());
    }

    #[test]
    fn lapsed_cadence_counts_from_the_last_contact_or_creation() {
        let now = Utc.with_ymd_and_hms(2026, 3, 10, 12, 0, 0).unwrap();
        let mut called = person("called", "Called");
        called.cadence_days = Some(7);
        let mut recent = person("recent", "Recent");
        recent.cadence_days = Some(30);
        let mut never = person("never", "Never"); // created 2025-06-01 12:00
        never.cadence_days = Some(200);
        let mut edge = person("edge", "Edge");
        edge.cadence_days = Some(7);
        let no_cadence = person("free", "Free");
        let d = data(vec![called, recent, never, edge, no_cadence], vec![]);
        let last = [
            Some(Utc.with_ymd_and_hms(2026, 2, 28, 9, 0, 0).unwrap()), // 10 days 3 hours ago
            Some(Utc.with_ymd_and_hms(2026, 3, 1, 9, 0, 0).unwrap()),
            None,
            Some(Utc.with_ymd_and_hms(2026, 3, 2, 12, 0, 1).unwrap()), // 7 days, 23:59:59 ago
            None,
        ];
        let list = today_list(&d, &last, day(2026, 3, 10), now);
        assert_eq!(
            list.lapsed,
            [
                // 282 days since creation, cadence 200.
                Lapsed { contact: 2, cadence_days: 200, last: None, days_overdue: 82 },
                Lapsed { contact: 0, cadence_days: 7, last: last[0], days_overdue: 3 },
            ]
        );
        assert_eq!(count(&list), 2);
    }
}

#[cfg(all(test, not(target_arch = "wasm32")))]
mod props {
    use super::*;
    use proptest::prelude::*;

    /// The occurrence found day by day: the first day of the week with the
    /// same month and day, or 28 February standing in for 29 February.
    fn brute_force(date: NaiveDate, today: NaiveDate) -> Option<NaiveDate> {
        today.iter_days().take(7).find(|d| {
            (d.month(), d.day()) == (date.month(), date.day())
                || ((date.month(), date.day()) == (2, 29) && (d.month(), d.day()) == (2, 28) && !d.leap_year())
        })
    }

    proptest! {
        #[test]
        fn occurrence_matches_a_day_by_day_search(stored in 0i64..50_000, start in 0i64..4_000, has_year: bool) {
            let base = NaiveDate::from_ymd_opt(1900, 1, 1).unwrap();
            let date = base + chrono::Duration::days(stored);
            let today = NaiveDate::from_ymd_opt(2020, 1, 1).unwrap() + chrono::Duration::days(start);
            let last = today + chrono::Duration::days(6);
            let stored_date = if has_year {
                YearlyDate::full(date)
            } else {
                YearlyDate::without_year(date.month(), date.day()).unwrap()
            };
            prop_assert_eq!(occurrence(stored_date, today, last), brute_force(date, today));
        }
    }
}
