//! Deal reports: the open pipeline by stage, the weighted forecast by
//! expected-close month, and won/lost results with win rate, average deal
//! size, time to close and lost reasons.
//!
//! Amounts are in the settings currency only (see the module above); counts
//! include deals in every currency.

use std::collections::HashMap;

use chrono::NaiveDate;

use super::{
    add_months, first_of_month, format_cents, format_decimal, format_percent, in_currency, local_date, month_label,
    ratio, Filter, Period, ReportTable,
};
use crate::core::dataset::Dataset;
use crate::core::pipeline::weighted_cents;
use crate::core::records::DealStatus;

/// One pipeline stage's open deals.
#[derive(Clone, Debug, PartialEq)]
pub struct StageRow {
    pub stage_id: String,
    pub name: String,
    pub probability: u8,
    /// Open deals in the stage, in any currency.
    pub count: usize,
    pub value_cents: i64,
    pub weighted_cents: i64,
}

/// The open pipeline now (a snapshot, so it takes no period): one row per
/// stage of `settings.pipeline`, in order. A deal whose stage is no longer
/// in the pipeline counts in the first stage, as on the board.
#[derive(Clone, Debug, PartialEq)]
pub struct PipelineReport {
    pub currency: String,
    pub stages: Vec<StageRow>,
    pub total_count: usize,
    pub total_value_cents: i64,
    pub total_weighted_cents: i64,
    /// Open deals left out of the amounts because of their currency.
    pub other_currency_deals: usize,
}

pub fn pipeline_by_stage(data: &Dataset, filter: &Filter) -> PipelineReport {
    let settings = data.settings();
    let mut stages: Vec<StageRow> = settings
        .pipeline
        .iter()
        .map(|s| StageRow {
            stage_id: s.id.clone(),
            name: s.name.clone(),
            probability: s.probability,
            count: 0,
            value_cents: 0,
            weighted_cents: 0,
        })
        .collect();
    let index: HashMap<&str, usize> = settings.pipeline.iter().enumerate().map(|(i, s)| (s.id.as_str(), i)).collect();
    let mut other_currency_deals = 0;
    if !stages.is_empty() {
        for d in data.deals().all() {
            if d.status != DealStatus::Open || !filter.deal(data, d) {
                continue;
            }
            let row = &mut stages[index.get(d.stage.as_str()).copied().unwrap_or(0)];
            row.count += 1;
            if in_currency(d, &settings.currency) {
                row.value_cents = row.value_cents.saturating_add(d.amount_cents);
                row.weighted_cents = row.weighted_cents.saturating_add(weighted_cents(d.amount_cents, d.probability));
            } else {
                other_currency_deals += 1;
            }
        }
    }
    PipelineReport {
        currency: settings.currency.clone(),
        total_count: stages.iter().map(|s| s.count).sum(),
        total_value_cents: stages.iter().map(|s| s.value_cents).sum(),
        total_weighted_cents: stages.iter().map(|s| s.weighted_cents).sum(),
        stages,
        other_currency_deals,
    }
}

impl PipelineReport {
    pub fn to_table(&self) -> ReportTable {
        let mut t = ReportTable::new([
            "Stage".to_string(),
            "Deals".to_string(),
            format!("Value ({})", self.currency),
            format!("Weighted value ({})", self.currency),
        ]);
        for s in &self.stages {
            t.push(vec![
                s.name.clone(),
                s.count.to_string(),
                format_cents(s.value_cents),
                format_cents(s.weighted_cents),
            ]);
        }
        t.push(vec![
            "Total".into(),
            self.total_count.to_string(),
            format_cents(self.total_value_cents),
            format_cents(self.total_weighted_cents),
        ]);
        t
    }
}

/// Weighted value of open deals expected to close in one month.
#[derive(Clone, Debug, PartialEq)]
pub struct ForecastMonth {
    /// The first day of the month.
    pub month: NaiveDate,
    pub count: usize,
    pub value_cents: i64,
    pub weighted_cents: i64,
}

/// The forecast of open deals by expected-close month, from the month of
/// the period's start for `months` months. Deals expected before that month
/// are overdue; deals without a date are undated; both are shown apart.
#[derive(Clone, Debug, PartialEq)]
pub struct ForecastReport {
    pub currency: String,
    pub months: Vec<ForecastMonth>,
    pub overdue_count: usize,
    pub overdue_weighted_cents: i64,
    pub undated_count: usize,
    pub undated_weighted_cents: i64,
    pub other_currency_deals: usize,
}

pub fn forecast(data: &Dataset, period: &Period, months: u32, filter: &Filter) -> ForecastReport {
    let settings = data.settings();
    let first = first_of_month(period.start);
    let mut out = ForecastReport {
        currency: settings.currency.clone(),
        months: (0..months as i32)
            .map(|i| ForecastMonth { month: add_months(first, i), count: 0, value_cents: 0, weighted_cents: 0 })
            .collect(),
        overdue_count: 0,
        overdue_weighted_cents: 0,
        undated_count: 0,
        undated_weighted_cents: 0,
        other_currency_deals: 0,
    };
    for d in data.deals().all() {
        if d.status != DealStatus::Open || !filter.deal(data, d) {
            continue;
        }
        if !in_currency(d, &settings.currency) {
            out.other_currency_deals += 1;
            continue;
        }
        let weighted = weighted_cents(d.amount_cents, d.probability);
        match d.expected_close {
            None => {
                out.undated_count += 1;
                out.undated_weighted_cents += weighted;
            }
            Some(date) if date < first => {
                out.overdue_count += 1;
                out.overdue_weighted_cents += weighted;
            }
            Some(date) => {
                let m = first_of_month(date);
                if let Some(row) = out.months.iter_mut().find(|r| r.month == m) {
                    row.count += 1;
                    row.value_cents += d.amount_cents;
                    row.weighted_cents += weighted;
                }
            }
        }
    }
    out
}

impl ForecastReport {
    pub fn to_table(&self) -> ReportTable {
        let mut t = ReportTable::new([
            "Expected close".to_string(),
            "Deals".to_string(),
            format!("Value ({})", self.currency),
            format!("Weighted value ({})", self.currency),
        ]);
        t.push(vec![
            "Overdue".into(),
            self.overdue_count.to_string(),
            String::new(),
            format_cents(self.overdue_weighted_cents),
        ]);
        for m in &self.months {
            t.push(vec![
                month_label(m.month),
                m.count.to_string(),
                format_cents(m.value_cents),
                format_cents(m.weighted_cents),
            ]);
        }
        t.push(vec![
            "No date".into(),
            self.undated_count.to_string(),
            String::new(),
            format_cents(self.undated_weighted_cents),
        ]);
        t
    }
}

/// Deals won and lost in one month.
#[derive(Clone, Debug, PartialEq)]
pub struct WonLostMonth {
    pub month: NaiveDate,
    pub won: usize,
    pub won_cents: i64,
    pub lost: usize,
    pub lost_cents: i64,
}

/// Results of deals closed (local close day) in the period.
#[derive(Clone, Debug, PartialEq)]
pub struct WonLostReport {
    pub currency: String,
    /// Every month overlapping the period, in order.
    pub months: Vec<WonLostMonth>,
    pub won: usize,
    pub lost: usize,
    pub won_cents: i64,
    /// won / (won + lost); `None` when nothing closed.
    pub win_rate: Option<f64>,
    /// Average amount of won deals in the settings currency.
    pub average_won_cents: Option<i64>,
    /// Average whole local days from creation to close of won deals.
    pub average_days_to_close: Option<f64>,
    /// Lost reasons with counts, most frequent first, then by name; an
    /// empty reason is "(no reason)".
    pub lost_reasons: Vec<(String, usize)>,
    pub other_currency_deals: usize,
}

pub fn won_lost(data: &Dataset, period: &Period, utc_offset_minutes: i32, filter: &Filter) -> WonLostReport {
    let settings = data.settings();
    let mut months: Vec<WonLostMonth> = period
        .months()
        .into_iter()
        .map(|month| WonLostMonth { month, won: 0, won_cents: 0, lost: 0, lost_cents: 0 })
        .collect();
    let (mut won, mut lost, mut won_cents, mut won_in_currency, mut days, mut other) = (0, 0, 0i64, 0i64, 0i64, 0);
    let mut reasons: HashMap<&str, usize> = HashMap::new();
    for d in data.deals().all() {
        let Some(closed) = d.closed else { continue };
        if d.status == DealStatus::Open {
            continue;
        }
        let day = local_date(closed, utc_offset_minutes);
        if !period.contains(day) || !filter.deal(data, d) {
            continue;
        }
        let counted = in_currency(d, &settings.currency);
        if !counted {
            other += 1;
        }
        let amount = if counted { d.amount_cents } else { 0 };
        let row = months.iter_mut().rfind(|m| m.month <= day).expect("the period's first month is not after its start");
        if d.status == DealStatus::Won {
            won += 1;
            row.won += 1;
            row.won_cents += amount;
            won_cents += amount;
            won_in_currency += i64::from(counted);
            days += (day - local_date(d.created, utc_offset_minutes)).num_days().max(0);
        } else {
            lost += 1;
            row.lost += 1;
            row.lost_cents += amount;
            let reason = d.lost_reason.trim();
            *reasons.entry(if reason.is_empty() { "(no reason)" } else { reason }).or_default() += 1;
        }
    }
    let mut lost_reasons: Vec<(String, usize)> = reasons.into_iter().map(|(r, n)| (r.to_string(), n)).collect();
    lost_reasons.sort_by(|a, b| b.1.cmp(&a.1).then_with(|| a.0.cmp(&b.0)));
    WonLostReport {
        currency: settings.currency.clone(),
        months,
        won,
        lost,
        won_cents,
        win_rate: ratio(won, won + lost),
        average_won_cents: (won_in_currency > 0).then(|| won_cents / won_in_currency),
        average_days_to_close: (won > 0).then(|| days as f64 / won as f64),
        lost_reasons,
        other_currency_deals: other,
    }
}

impl WonLostReport {
    /// Won and lost by month, then the totals.
    pub fn to_table(&self) -> ReportTable {
        let mut t = ReportTable::new([
            "Month".to_string(),
            "Won".to_string(),
            format!("Won value ({})", self.currency),
            "Lost".to_string(),
            format!("Lost value ({})", self.currency),
        ]);
        for m in &self.months {
            t.push(vec![
                month_label(m.month),
                m.won.to_string(),
                format_cents(m.won_cents),
                m.lost.to_string(),
                format_cents(m.lost_cents),
            ]);
        }
        let lost_cents = self.months.iter().map(|m| m.lost_cents).sum();
        t.push(vec![
            "Total".into(),
            self.won.to_string(),
            format_cents(self.won_cents),
            self.lost.to_string(),
            format_cents(lost_cents),
        ]);
        t
    }

    /// The headline figures as label/value rows.
    pub fn summary_table(&self) -> ReportTable {
        let mut t = ReportTable::new(["Measure", "Value"]);
        t.push(vec!["Win rate (%)".into(), format_percent(self.win_rate)]);
        t.push(vec![
            format!("Average won deal ({})", self.currency),
            self.average_won_cents.map_or(String::new(), format_cents),
        ]);
        t.push(vec!["Average days to close".into(), format_decimal(self.average_days_to_close)]);
        t
    }

    pub fn lost_reasons_table(&self) -> ReportTable {
        let mut t = ReportTable::new(["Lost reason", "Deals"]);
        for (reason, n) in &self.lost_reasons {
            t.push(vec![reason.clone(), n.to_string()]);
        }
        t
    }
}

#[cfg(test)]
mod tests {
    use super::super::fixture::{day, deals_dataset};
    use super::*;

    #[test]
    fn pipeline_counts_open_deals_by_stage() {
        let r = pipeline_by_stage(&deals_dataset(), &Filter::default());
        let rows: Vec<(&str, usize, i64, i64)> =
            r.stages.iter().map(|s| (s.stage_id.as_str(), s.count, s.value_cents, s.weighted_cents)).collect();
        assert_eq!(
            rows,
            vec![
                ("qualified", 1, 100_000, 10_000),
                ("contact_made", 0, 0, 0),
                ("demo", 0, 0, 0),
                // d2 + d3 in EUR at 60 %; the USD deal counts but adds no value.
                ("proposal", 3, 250_000, 150_000),
                ("negotiation", 0, 0, 0),
            ]
        );
        assert_eq!(
            (r.total_count, r.total_value_cents, r.total_weighted_cents, r.other_currency_deals),
            (4, 350_000, 160_000, 1)
        );
        let ann = pipeline_by_stage(&deals_dataset(), &Filter { owner: Some("ann".into()), ..Filter::default() });
        assert_eq!((ann.total_count, ann.total_value_cents), (3, 150_000));
        let de = pipeline_by_stage(&deals_dataset(), &Filter { country: Some("DE".into()), ..Filter::default() });
        assert_eq!((de.total_count, de.total_value_cents), (2, 300_000));
        assert_eq!(r.to_table().rows[3], vec!["Proposal made", "3", "2500.00", "1500.00"]);
    }

    #[test]
    fn forecast_by_expected_close_month() {
        let march = Period::this_month(day(2026, 3, 9));
        let r = forecast(&deals_dataset(), &march, 2, &Filter::default());
        let months: Vec<(NaiveDate, usize, i64)> =
            r.months.iter().map(|m| (m.month, m.count, m.weighted_cents)).collect();
        assert_eq!(months, vec![(day(2026, 3, 1), 1, 10_000), (day(2026, 4, 1), 1, 120_000)]);
        // d3 was expected on 27 February: overdue at 60 % of 500.00.
        assert_eq!((r.overdue_count, r.overdue_weighted_cents), (1, 30_000));
        assert_eq!((r.undated_count, r.other_currency_deals), (0, 1));
    }

    #[test]
    fn won_and_lost_in_march() {
        let march = Period::this_month(day(2026, 3, 1));
        let r = won_lost(&deals_dataset(), &march, 0, &Filter::default());
        assert_eq!((r.won, r.lost, r.won_cents), (3, 2, 900_000));
        assert_eq!(r.win_rate, Some(0.6));
        assert_eq!(r.average_won_cents, Some(300_000));
        // 69 (1 Jan → 11 Mar) + 39 (20 Feb → 31 Mar) + 20 (1 → 21 Mar) days.
        assert_eq!(r.average_days_to_close, Some(128.0 / 3.0));
        assert_eq!(r.lost_reasons, vec![("Price".to_string(), 1), ("Timing".to_string(), 1)]);
        assert_eq!(r.months.len(), 1);
        assert_eq!(r.months[0].lost_cents, 90_000);
        assert_eq!(r.summary_table().rows[0], vec!["Win rate (%)", "60.0"]);
    }

    #[test]
    fn a_deal_closed_late_on_the_last_day_falls_in_the_next_local_month() {
        let data = deals_dataset();
        // w2 closed at 23:30 UTC on 31 March: 00:30 on 1 April at UTC+1.
        let march = won_lost(&data, &Period::this_month(day(2026, 3, 1)), 60, &Filter::default());
        assert_eq!((march.won, march.win_rate), (2, Some(0.5)));
        let april = won_lost(&data, &Period::this_month(day(2026, 4, 1)), 60, &Filter::default());
        assert_eq!((april.won, april.won_cents), (1, 100_000));
        let q1 = won_lost(&data, &Period::this_quarter(day(2026, 2, 1)), 0, &Filter::default());
        let by_month: Vec<(usize, usize)> = q1.months.iter().map(|m| (m.won, m.lost)).collect();
        assert_eq!(by_month, vec![(0, 0), (0, 0), (3, 2)]);
    }

    #[test]
    fn empty_data_gives_zeros_and_no_rates() {
        let data = Dataset::default();
        let r = won_lost(&data, &Period::this_month(day(2026, 3, 1)), 0, &Filter::default());
        assert_eq!((r.won, r.win_rate, r.average_won_cents, r.average_days_to_close), (0, None, None, None));
        assert_eq!(pipeline_by_stage(&data, &Filter::default()).total_count, 0);
        assert_eq!(forecast(&data, &Period::this_month(day(2026, 3, 1)), 3, &Filter::default()).months.len(), 3);
    }
}
