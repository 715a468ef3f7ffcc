//! The dashboard's key figures: open pipeline, weighted forecast for this
//! month and quarter, overdue deals, deals won this month with the win
//! rate, new contacts this month, activities this week and overdue tasks.
//!
//! Definitions (local days of the person's zone, as every report):
//! - open pipeline: open deals now; the value counts the settings currency
//!   only (see the module above), the count every deal;
//! - forecast: the probability-weighted value of open deals whose expected
//!   close is from today to the end of this month / quarter. A deal whose
//!   expected close is before today is *overdue*: it is not in the
//!   forecast (it needs a new date) and is counted apart, with its weighted
//!   value, so that every open deal with a date is in exactly one of
//!   "overdue" and the forecast of the month it is expected in;
//! - won this month: deals won with a close day in this month; the win rate
//!   is won / (won + lost) of deals closed this month;
//! - new contacts: created this month; activities: dated this ISO week
//!   (Monday to Sunday), planned ones included;
//! - overdue tasks: open tasks due before today, as on the Today view.

use chrono::{Datelike, Duration, NaiveDate};

use super::{in_currency, ratio, Period};
use crate::core::dataset::Dataset;
use crate::core::pipeline::weighted_cents;
use crate::core::records::DealStatus;
use crate::core::zone::Zone;

#[derive(Clone, Debug, Default, PartialEq)]
pub struct Kpis {
    pub currency: String,
    pub open_deals: usize,
    pub open_value_cents: i64,
    pub forecast_month_deals: usize,
    pub forecast_month_cents: i64,
    pub forecast_quarter_deals: usize,
    pub forecast_quarter_cents: i64,
    /// Open deals expected to close before today, and their weighted value.
    pub overdue_deals: usize,
    pub overdue_cents: i64,
    pub won_month: usize,
    pub won_month_cents: i64,
    /// won / (won + lost) this month; `None` when nothing closed.
    pub win_rate_month: Option<f64>,
    pub new_contacts_month: usize,
    pub activities_week: usize,
    pub overdue_tasks: usize,
}

/// The ISO week (Monday to Sunday) that holds `today`.
pub fn this_week(today: NaiveDate) -> Period {
    let monday = today - Duration::days(i64::from(today.weekday().num_days_from_monday()));
    Period::new(monday, monday + Duration::days(7))
}

pub fn kpis(data: &Dataset, today: NaiveDate, zone: &Zone) -> Kpis {
    let currency = data.settings().currency.clone();
    let month = Period::this_month(today);
    let quarter = Period::this_quarter(today);
    let mut k = Kpis { currency, ..Kpis::default() };
    let mut lost_month = 0;
    for d in data.deals().all() {
        let counted = in_currency(d, &k.currency);
        let amount = if counted { d.amount_cents } else { 0 };
        match d.status {
            DealStatus::Open => {
                k.open_deals += 1;
                k.open_value_cents = k.open_value_cents.saturating_add(amount);
                let weighted = weighted_cents(amount, d.probability);
                if let Some(close) = d.expected_close {
                    if close < today {
                        k.overdue_deals += 1;
                        k.overdue_cents += weighted;
                        continue;
                    }
                    if month.contains(close) {
                        k.forecast_month_deals += 1;
                        k.forecast_month_cents += weighted;
                    }
                    if quarter.contains(close) {
                        k.forecast_quarter_deals += 1;
                        k.forecast_quarter_cents += weighted;
                    }
                }
            }
            DealStatus::Won | DealStatus::Lost => {
                let Some(closed) = d.closed else { continue };
                if !month.contains(zone.local_date(closed)) {
                    continue;
                }
                if d.status == DealStatus::Won {
                    k.won_month += 1;
                    k.won_month_cents += amount;
                } else {
                    lost_month += 1;
                }
            }
        }
    }
    k.win_rate_month = ratio(k.won_month, k.won_month + lost_month);
    let month_range = month.utc_range(zone);
    k.new_contacts_month = data.contacts().iter().filter(|c| month_range.contains(c.created)).count();
    let week = this_week(today).utc_range(zone);
    k.activities_week = data.activities().all().iter().filter(|a| week.contains(a.at)).count();
    k.overdue_tasks =
        data.tasks().all().iter().filter(|t| t.done_at.is_none() && t.due.is_some_and(|due| due < today)).count();
    k
}

#[cfg(test)]
mod tests {
    use super::super::fixture::{activity, at, contact, day, deals_dataset};
    use super::*;
    use crate::core::dataset::Records;
    use crate::core::records::{ActivityKind, Settings, Task};

    /// Deals from [`deals_dataset`] on 15 March 2026 (a Sunday):
    /// open EUR d1 100,000 (10 %, closes 20 Mar), d2 200,000 (60 %, 2 Apr),
    /// d3 50,000 (60 %, 27 Feb, overdue), and u1 in USD (no date).
    #[test]
    fn deal_figures_by_hand() {
        let data = deals_dataset();
        let utc = Zone::fixed(0);
        let k = kpis(&data, day(2026, 3, 15), &utc);
        assert_eq!(k.currency, "EUR");
        assert_eq!((k.open_deals, k.open_value_cents), (4, 350_000));
        // This month: only d1, weighted 10 % of 100,000.
        assert_eq!((k.forecast_month_deals, k.forecast_month_cents), (1, 10_000));
        // This quarter (Jan–Mar): d1 only. d3 (27 February) is overdue: it
        // needs a new date, so it is not in the forecast but apart, at
        // 60 % of 50,000.
        assert_eq!((k.forecast_quarter_deals, k.forecast_quarter_cents), (1, 10_000));
        assert_eq!((k.overdue_deals, k.overdue_cents), (1, 30_000));
        // Won in March: w1 300,000 + w2 100,000 + w3 500,000; lost l1 and l2.
        assert_eq!((k.won_month, k.won_month_cents), (3, 900_000));
        assert_eq!(k.win_rate_month, Some(0.6));
        // An hour east of UTC, w2 (31 March 23:30 UTC) closed on 1 April.
        let east = kpis(&data, day(2026, 3, 15), &Zone::fixed(60));
        assert_eq!((east.won_month, east.won_month_cents), (2, 800_000));
        assert_eq!(east.win_rate_month, Some(0.5));
        // On 21 March d1 (20 March) is overdue too: the month's forecast is
        // empty although d1's date is in this month.
        let late = kpis(&data, day(2026, 3, 21), &utc);
        assert_eq!((late.forecast_month_deals, late.forecast_month_cents), (0, 0));
        assert_eq!((late.overdue_deals, late.overdue_cents), (2, 40_000));
        // A deal expected today is still in the forecast.
        let on_the_day = kpis(&data, day(2026, 3, 20), &utc);
        assert_eq!((on_the_day.forecast_month_deals, on_the_day.overdue_deals), (1, 1));
        // In April, nothing closed yet and d2 is this month's forecast.
        let april = kpis(&data, day(2026, 4, 1), &utc);
        assert_eq!((april.won_month, april.win_rate_month), (0, None));
        assert_eq!((april.forecast_month_deals, april.forecast_month_cents), (1, 120_000));
        assert_eq!(april.overdue_deals, 2);
    }

    #[test]
    fn contacts_activities_and_tasks_by_hand() {
        let task = |id: &str, due: Option<NaiveDate>, done: bool| {
            let mut t = Task::blank(id.into(), at(2026, 3, 1, 9, 0));
            t.title = id.into();
            t.due = due;
            t.done_at = done.then(|| at(2026, 3, 12, 9, 0));
            t
        };
        let data = Dataset::from_parts(Records {
            companies: Vec::new(),
            contacts: vec![
                contact("feb", None, at(2026, 2, 28, 23, 59), &[]),
                contact("mar1", None, at(2026, 3, 1, 0, 0), &[]),
                contact("mar31", None, at(2026, 3, 31, 23, 0), &[]),
            ],
            deals: Vec::new(),
            activities: vec![
                activity("sun-before", ActivityKind::Call, at(2026, 3, 8, 23, 0), "ann", &[]),
                activity("monday", ActivityKind::Email, at(2026, 3, 9, 0, 30), "ann", &[]),
                activity("sunday", ActivityKind::Meeting, at(2026, 3, 15, 23, 59), "bob", &[]),
                activity("next-monday", ActivityKind::Note, at(2026, 3, 16, 0, 0), "bob", &[]),
            ],
            tasks: vec![
                task("overdue", Some(day(2026, 3, 10)), false),
                task("done", Some(day(2026, 3, 10)), true),
                task("today", Some(day(2026, 3, 15)), false),
                task("undated", None, false),
            ],
            settings: Some(Settings::initial(at(2025, 1, 1, 0, 0))),
        })
        .unwrap();
        let k = kpis(&data, day(2026, 3, 15), &Zone::fixed(0));
        assert_eq!(this_week(day(2026, 3, 15)), Period::new(day(2026, 3, 9), day(2026, 3, 16)));
        assert_eq!(k.new_contacts_month, 2);
        assert_eq!(k.activities_week, 2);
        assert_eq!(k.overdue_tasks, 1);
        assert_eq!((k.open_deals, k.win_rate_month), (0, None));
        // Two hours east: "feb" (23:59 UTC) is 1 March, "mar31" 1 April;
        // "sun-before" is Monday 9 March, "sunday" is Monday 16 March.
        let east = kpis(&data, day(2026, 3, 15), &Zone::fixed(120));
        assert_eq!(east.new_contacts_month, 2);
        assert_eq!(east.activities_week, 2);
        let empty = kpis(&Dataset::default(), day(2026, 3, 15), &Zone::fixed(0));
        assert_eq!((empty.open_deals, empty.new_contacts_month, empty.overdue_tasks), (0, 0, 0));
    }
}
