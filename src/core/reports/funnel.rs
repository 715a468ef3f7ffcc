//! The lifecycle funnel: how many contacts reached each stage from reach to
//! loyalty, the conversion between consecutive stages, the median time spent
//! in each stage, and cohorts by month of first contact.
//!
//! Definitions:
//! - The contacts counted are those created (local day) in the period that
//!   match the filter; a contact's "first contact" is its creation.
//! - A contact *reached* a funnel stage when its stage history or its
//!   current stage holds that stage or a later funnel stage (reach <
//!   acquisition < conversion < retention < loyalty). So an imported
//!   customer with no history reached every stage up to its current one,
//!   and a contact now lost or disqualified keeps the stages it reached
//!   before. Every contact counts as reached "reach": it is in the CRM.
//! - Time in stage uses [`time_in_stage`] on the history and counts only
//!   finished stays (those followed by another change), so a contact still
//!   in a stage does not pull the median towards today.

use chrono::NaiveDate;

use super::{ratio, Cell, Filter, Period, ReportTable};
use crate::core::dataset::Dataset;
use crate::core::lifecycle::time_in_stage;
use crate::core::records::{Contact, LifecycleStage};
use crate::core::zone::Zone;

/// The funnel stages, in order.
pub const FUNNEL: [LifecycleStage; 5] = [
    LifecycleStage::Reach,
    LifecycleStage::Acquisition,
    LifecycleStage::Conversion,
    LifecycleStage::Retention,
    LifecycleStage::Loyalty,
];

fn funnel_index(stage: LifecycleStage) -> Option<usize> {
    FUNNEL.iter().position(|&s| s == stage)
}

/// The index in [`FUNNEL`] of the furthest stage a contact reached.
pub fn furthest_stage(c: &Contact) -> usize {
    c.stage_history
        .iter()
        .map(|h| h.to)
        .chain(std::iter::once(c.lifecycle_stage))
        .filter_map(funnel_index)
        .max()
        .unwrap_or(0)
}

#[derive(Clone, Debug, PartialEq)]
pub struct FunnelStage {
    pub stage: LifecycleStage,
    pub reached: usize,
    /// reached / reached by the previous stage; `None` for the first stage
    /// or when the previous stage has nobody.
    pub conversion: Option<f64>,
    /// The median of finished stays in the stage, in days.
    pub median_days: Option<f64>,
}

/// Contacts first seen in one month and how many of them reached each
/// funnel stage (in [`FUNNEL`] order).
#[derive(Clone, Debug, PartialEq)]
pub struct Cohort {
    pub month: NaiveDate,
    pub contacts: usize,
    pub reached: [usize; 5],
}

#[derive(Clone, Debug, PartialEq)]
pub struct FunnelReport {
    pub contacts: usize,
    pub stages: Vec<FunnelStage>,
    /// Every month overlapping the period, in order.
    pub cohorts: Vec<Cohort>,
}

pub fn lifecycle_funnel(data: &Dataset, period: &Period, zone: &Zone, filter: &Filter) -> FunnelReport {
    let mut cohorts: Vec<Cohort> =
        period.months().into_iter().map(|month| Cohort { month, contacts: 0, reached: [0; 5] }).collect();
    let mut reached = [0usize; 5];
    let mut stays: [Vec<f64>; 5] = Default::default();
    let mut contacts = 0;
    let range = period.utc_range(zone);
    for c in data.contacts() {
        if !range.contains(c.created) || !filter.contact(c) {
            continue;
        }
        let created = zone.local_date(c.created);
        contacts += 1;
        let furthest = furthest_stage(c);
        let cohort = cohorts.iter_mut().rfind(|m| m.month <= created).expect("the first month is not after the start");
        cohort.contacts += 1;
        for (total, in_cohort) in reached.iter_mut().zip(cohort.reached.iter_mut()).take(furthest + 1) {
            *total += 1;
            *in_cohort += 1;
        }
        if c.stage_history.len() > 1 {
            let last = c.stage_history.len() - 1;
            // `now` only bounds the last stay, which is left out.
            for (stage, stay) in time_in_stage(&c.stage_history, c.stage_history[last].at).into_iter().take(last) {
                if let Some(i) = funnel_index(stage) {
                    stays[i].push(stay.num_seconds() as f64 / 86_400.0);
                }
            }
        }
    }
    let stages = FUNNEL
        .iter()
        .enumerate()
        .map(|(i, &stage)| FunnelStage {
            stage,
            reached: reached[i],
            conversion: if i == 0 { None } else { ratio(reached[i], reached[i - 1]) },
            median_days: median(&mut stays[i]),
        })
        .collect();
    FunnelReport { contacts, stages, cohorts }
}

/// The median, averaging the middle two of an even count.
pub(crate) fn median(values: &mut [f64]) -> Option<f64> {
    if values.is_empty() {
        return None;
    }
    values.sort_by(f64::total_cmp);
    let mid = values.len() / 2;
    Some(if values.len().is_multiple_of(2) { (values[mid - 1] + values[mid]) / 2.0 } else { values[mid] })
}

impl FunnelReport {
    pub fn to_table(&self) -> ReportTable {
        let mut t = ReportTable::new([
            Cell::Term("reports.col.stage"),
            Cell::Term("reports.col.contacts_reached"),
            Cell::Term("reports.col.conversion_from_previous"),
            Cell::Term("reports.col.median_days"),
        ]);
        for s in &self.stages {
            t.push(vec![
                Cell::Kind("lifecycle", s.stage.key()),
                Cell::count(s.reached),
                Cell::Percent(s.conversion),
                Cell::Decimal(s.median_days),
            ]);
        }
        t
    }

    pub fn cohorts_table(&self) -> ReportTable {
        let mut headers = vec![Cell::Term("reports.col.first_contact"), Cell::Term("reports.col.contacts")];
        headers.extend(FUNNEL.iter().map(|s| Cell::Kind("lifecycle", s.key())));
        let mut t = ReportTable::new(headers);
        for c in &self.cohorts {
            let mut row = vec![Cell::Month(c.month), Cell::count(c.contacts)];
            row.extend(c.reached.iter().map(|&n| Cell::count(n)));
            t.push(row);
        }
        t
    }
}

#[cfg(test)]
mod tests {
    use super::super::fixture::{at, contact, dataset, day};
    use super::*;
    use LifecycleStage::*;

    /// c1 went reach → acquisition (10 days) → conversion (20 days);
    /// c2, created at 23:30 UTC on 31 January, spent 10 days in reach and
    /// 10 in acquisition before it was lost; c3 was imported as loyal with
    /// no history; c4 spent 2 days in reach and was disqualified.
    fn funnel_dataset() -> Dataset {
        let c1 = contact(
            "c1",
            None,
            at(2026, 1, 10, 9, 0),
            &[(Reach, at(2026, 1, 10, 9, 0)), (Acquisition, at(2026, 1, 20, 9, 0)), (Conversion, at(2026, 2, 9, 9, 0))],
        );
        let c2 = contact(
            "c2",
            None,
            at(2026, 1, 31, 23, 30),
            &[
                (Reach, at(2026, 1, 31, 23, 30)),
                (Acquisition, at(2026, 2, 10, 23, 30)),
                (Lost, at(2026, 2, 20, 23, 30)),
            ],
        );
        let mut c3 = contact("c3", None, at(2026, 2, 5, 9, 0), &[]);
        c3.lifecycle_stage = Loyalty;
        let c4 = contact(
            "c4",
            None,
            at(2026, 2, 6, 9, 0),
            &[(Reach, at(2026, 2, 6, 9, 0)), (Disqualified, at(2026, 2, 8, 9, 0))],
        );
        dataset(Vec::new(), vec![c1, c2, c3, c4], Vec::new(), Vec::new())
    }

    #[test]
    fn funnel_reach_conversion_and_median_stays() {
        let period = Period::new(day(2026, 1, 1), day(2026, 3, 1));
        let r = lifecycle_funnel(&funnel_dataset(), &period, &Zone::fixed(0), &Filter::default());
        assert_eq!(r.contacts, 4);
        let reached: Vec<usize> = r.stages.iter().map(|s| s.reached).collect();
        assert_eq!(reached, vec![4, 3, 2, 1, 1]);
        let conversion: Vec<Option<f64>> = r.stages.iter().map(|s| s.conversion).collect();
        assert_eq!(conversion, vec![None, Some(0.75), Some(2.0 / 3.0), Some(0.5), Some(1.0)]);
        // Reach: 10, 10 and 2 days; acquisition: 20 and 10; c1 is still in conversion.
        let medians: Vec<Option<f64>> = r.stages.iter().map(|s| s.median_days).collect();
        assert_eq!(medians, vec![Some(10.0), Some(15.0), None, None, None]);
        assert_eq!(r.to_table().plain_rows()[1], vec!["Acquisition", "3", "75.0", "15.0"]);
    }

    #[test]
    fn cohorts_by_local_month_of_first_contact() {
        let period = Period::new(day(2026, 1, 1), day(2026, 3, 1));
        let utc = lifecycle_funnel(&funnel_dataset(), &period, &Zone::fixed(0), &Filter::default());
        let rows: Vec<(usize, [usize; 5])> = utc.cohorts.iter().map(|c| (c.contacts, c.reached)).collect();
        assert_eq!(rows, vec![(2, [2, 2, 1, 0, 0]), (2, [2, 1, 1, 1, 1])]);
        // At UTC+1, c2 was created on 1 February.
        let paris = lifecycle_funnel(&funnel_dataset(), &period, &Zone::fixed(60), &Filter::default());
        let rows: Vec<(usize, [usize; 5])> = paris.cohorts.iter().map(|c| (c.contacts, c.reached)).collect();
        assert_eq!(rows, vec![(1, [1, 1, 1, 0, 0]), (3, [3, 2, 1, 1, 1])]);
        let feb = lifecycle_funnel(
            &funnel_dataset(),
            &Period::this_month(day(2026, 2, 1)),
            &Zone::fixed(60),
            &Filter::default(),
        );
        assert_eq!(feb.contacts, 3);
        assert_eq!(paris.cohorts_table().plain_rows()[1], vec!["2026-02", "3", "3", "2", "1", "1", "1"]);
    }

    #[test]
    fn empty_funnel() {
        let r = lifecycle_funnel(
            &Dataset::default(),
            &Period::this_month(day(2026, 2, 1)),
            &Zone::fixed(0),
            &Filter::default(),
        );
        assert_eq!(r.contacts, 0);
        assert!(r.stages.iter().all(|s| s.reached == 0 && s.conversion.is_none() && s.median_days.is_none()));
        assert_eq!(median(&mut [3.0, 1.0, 2.0, 10.0]), Some(2.5));
    }
}
