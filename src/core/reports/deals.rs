//! Deal reports: the open pipeline by stage, the weighted forecast by
//! expected-close month, and won/lost results with win rate, average deal
//! size, time to close and lost reasons.
//!
//! Amounts are in the settings currency only (see the module above); counts
//! include deals in every currency. The forecast follows the dashboard's
//! rule: an open deal expected to close before today is *overdue* — it
//! needs a new date — and is listed apart, never in a month's forecast.

use std::collections::HashMap;

use chrono::NaiveDate;

use super::{add_months, first_of_month, in_currency, ratio, Cell, Filter, Period, ReportTable};
use crate::core::dataset::Dataset;
use crate::core::money::average_cents;
use crate::core::pipeline::weighted_cents;
use crate::core::records::DealStatus;
use crate::core::zone::Zone;

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
            Cell::Term("reports.col.stage"),
            Cell::Term("reports.col.deals"),
            Cell::Term("reports.col.value"),
            Cell::Term("reports.col.weighted_value"),
        ])
        .in_currency(&self.currency);
        for s in &self.stages {
            t.push(vec![
                s.name.clone().into(),
                Cell::count(s.count),
                Cell::Money(s.value_cents),
                Cell::Money(s.weighted_cents),
            ]);
        }
        t.push(vec![
            Cell::Term("reports.row.total"),
            Cell::count(self.total_count),
            Cell::Money(self.total_value_cents),
            Cell::Money(self.total_weighted_cents),
        ]);
        t
    }
}

/// Open deals counted in one row of the forecast: how many, their value and
/// their probability-weighted value (amounts in the settings currency).
#[derive(Clone, Copy, Debug, Default, PartialEq)]
pub struct ForecastRow {
    pub count: usize,
    pub value_cents: i64,
    pub weighted_cents: i64,
}

impl ForecastRow {
    fn add(&mut self, amount_cents: i64, weighted: i64) {
        self.count += 1;
        self.value_cents = self.value_cents.saturating_add(amount_cents);
        self.weighted_cents = self.weighted_cents.saturating_add(weighted);
    }

    fn cells(&self, label: Cell) -> Vec<Cell> {
        vec![label, Cell::count(self.count), Cell::Money(self.value_cents), Cell::Money(self.weighted_cents)]
    }
}

/// Open deals expected to close in one month (in this month: from today).
#[derive(Clone, Debug, PartialEq)]
pub struct ForecastMonth {
    /// The first day of the month.
    pub month: NaiveDate,
    pub deals: ForecastRow,
}

/// The forecast of open deals by expected-close month, as of `today`:
/// - overdue: expected before today (they need a new date);
/// - one row per month from this month (from today on) to the end of the
///   period, and at least three months, so a past period still shows what
///   is coming;
/// - later: expected after the last month listed;
/// - no date.
///
/// Every open deal in the settings currency is in exactly one row, so the
/// rows add up to the pipeline's total.
#[derive(Clone, Debug, PartialEq)]
pub struct ForecastReport {
    pub currency: String,
    pub overdue: ForecastRow,
    pub months: Vec<ForecastMonth>,
    pub later: ForecastRow,
    pub undated: ForecastRow,
    pub other_currency_deals: usize,
}

pub fn forecast(data: &Dataset, period: &Period, today: NaiveDate, filter: &Filter) -> ForecastReport {
    let settings = data.settings();
    let first = first_of_month(today);
    let last = first_of_month(period.end - chrono::Duration::days(1)).max(add_months(first, 2));
    let mut out = ForecastReport {
        currency: settings.currency.clone(),
        overdue: ForecastRow::default(),
        months: period_months(first, last)
            .into_iter()
            .map(|month| ForecastMonth { month, deals: ForecastRow::default() })
            .collect(),
        later: ForecastRow::default(),
        undated: ForecastRow::default(),
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
        let row = match d.expected_close {
            None => &mut out.undated,
            Some(date) if date < today => &mut out.overdue,
            Some(date) if first_of_month(date) > last => &mut out.later,
            Some(date) => {
                let m = first_of_month(date);
                &mut out.months.iter_mut().find(|r| r.month == m).expect("months from this one to the last").deals
            }
        };
        row.add(d.amount_cents, weighted);
    }
    out
}

/// The first days of the months from `first` to `last`, both included.
fn period_months(first: NaiveDate, last: NaiveDate) -> Vec<NaiveDate> {
    let mut out = vec![first];
    while *out.last().expect("one") < last {
        out.push(add_months(first, out.len() as i32));
    }
    out
}

impl ForecastReport {
    pub fn to_table(&self) -> ReportTable {
        let mut t = ReportTable::new([
            Cell::Term("reports.col.expected_close"),
            Cell::Term("reports.col.deals"),
            Cell::Term("reports.col.value"),
            Cell::Term("reports.col.weighted_value"),
        ])
        .in_currency(&self.currency);
        t.push(self.overdue.cells(Cell::Term("reports.row.overdue")));
        for m in &self.months {
            t.push(m.deals.cells(Cell::Month(m.month)));
        }
        t.push(self.later.cells(Cell::Term("reports.row.later")));
        t.push(self.undated.cells(Cell::Term("reports.row.no_date")));
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
    /// Average amount of won deals in the settings currency, to the cent
    /// (halves away from zero, [`crate::core::money::div_round`]).
    pub average_won_cents: Option<i64>,
    /// Average whole local days from creation to close of won deals.
    pub average_days_to_close: Option<f64>,
    /// Lost reasons with counts, most frequent first, then by name; an
    /// empty reason is "(no reason)".
    pub lost_reasons: Vec<(String, usize)>,
    pub other_currency_deals: usize,
}

/// The label of deals lost without a reason (English; shown through
/// `reports.row.no_reason`).
pub const NO_REASON: &str = "(no reason)";

pub fn won_lost(data: &Dataset, period: &Period, zone: &Zone, filter: &Filter) -> WonLostReport {
    let settings = data.settings();
    let mut months: Vec<WonLostMonth> = period
        .months()
        .into_iter()
        .map(|month| WonLostMonth { month, won: 0, won_cents: 0, lost: 0, lost_cents: 0 })
        .collect();
    let (mut won, mut lost, mut won_cents, mut won_in_currency, mut days, mut other) = (0, 0, 0i64, 0usize, 0i64, 0);
    let mut reasons: HashMap<&str, usize> = HashMap::new();
    for d in data.deals().all() {
        let Some(closed) = d.closed else { continue };
        if d.status == DealStatus::Open {
            continue;
        }
        let day = zone.local_date(closed);
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
            won_in_currency += usize::from(counted);
            days += (day - zone.local_date(d.created)).num_days().max(0);
        } else {
            lost += 1;
            row.lost += 1;
            row.lost_cents += amount;
            let reason = d.lost_reason.trim();
            *reasons.entry(if reason.is_empty() { NO_REASON } else { reason }).or_default() += 1;
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
        average_won_cents: average_cents(won_cents, won_in_currency),
        average_days_to_close: (won > 0).then(|| days as f64 / won as f64),
        lost_reasons,
        other_currency_deals: other,
    }
}

impl WonLostReport {
    /// Won and lost by month, then the totals.
    pub fn to_table(&self) -> ReportTable {
        let mut t = ReportTable::new([
            Cell::Term("reports.col.month"),
            Cell::Term("reports.col.won"),
            Cell::Term("reports.col.won_value"),
            Cell::Term("reports.col.lost"),
            Cell::Term("reports.col.lost_value"),
        ])
        .in_currency(&self.currency);
        for m in &self.months {
            t.push(vec![
                Cell::Month(m.month),
                Cell::count(m.won),
                Cell::Money(m.won_cents),
                Cell::count(m.lost),
                Cell::Money(m.lost_cents),
            ]);
        }
        let lost_cents = self.months.iter().map(|m| m.lost_cents).sum();
        t.push(vec![
            Cell::Term("reports.row.total"),
            Cell::count(self.won),
            Cell::Money(self.won_cents),
            Cell::count(self.lost),
            Cell::Money(lost_cents),
        ]);
        t
    }

    /// The headline figures as label/value rows.
    pub fn summary_table(&self) -> ReportTable {
        let mut t = ReportTable::new([Cell::Term("reports.col.measure"), Cell::Term("reports.col.value_plain")])
            .in_currency(&self.currency);
        for (label, value) in self.summary() {
            t.push(vec![label, value]);
        }
        t
    }

    /// The headline figures: deals won and lost, won value, win rate,
    /// average won deal and average days to close.
    /// Each label is a term (`Cell::Term`) whose `{currency}` is the
    /// table's.
    pub fn summary(&self) -> Vec<(Cell, Cell)> {
        vec![
            (Cell::Term("reports.row.deals_won"), Cell::count(self.won)),
            (Cell::Term("reports.row.deals_lost"), Cell::count(self.lost)),
            (Cell::Term("reports.col.won_value"), Cell::Money(self.won_cents)),
            (Cell::Term("reports.row.win_rate"), Cell::Percent(self.win_rate)),
            (Cell::Term("reports.row.average_won_deal"), self.average_won_cents.map_or(Cell::Empty, Cell::Money)),
            (Cell::Term("reports.row.average_days_to_close"), Cell::Decimal(self.average_days_to_close)),
        ]
    }

    pub fn lost_reasons_table(&self) -> ReportTable {
        let mut t = ReportTable::new([Cell::Term("reports.col.lost_reason"), Cell::Term("reports.col.deals")]);
        for (reason, n) in &self.lost_reasons {
            let label = if reason == NO_REASON { Cell::Term("reports.row.no_reason") } else { reason.clone().into() };
            t.push(vec![label, Cell::count(*n)]);
        }
        t
    }
}

#[cfg(test)]
mod tests {
    use super::super::fixture::{at, day, deal, deals_dataset};
    use super::*;

    fn utc() -> Zone {
        Zone::fixed(0)
    }

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
        assert_eq!(r.to_table().plain_rows()[3], vec!["Proposal made", "3", "2500.00", "1500.00"]);
        assert_eq!(
            r.to_table().shown_row(3, crate::core::display::Locale::En),
            vec!["Proposal made", "3", "€2,500.00", "€1,500.00"]
        );
    }

    /// On 9 March 2026, with March as the period: d3 (27 February) is
    /// overdue, d1 (20 March) is this month's, d2 (2 April) next month's;
    /// the forecast lists at least three months.
    #[test]
    fn forecast_by_expected_close_month() {
        let march = Period::this_month(day(2026, 3, 9));
        let r = forecast(&deals_dataset(), &march, day(2026, 3, 9), &Filter::default());
        let months: Vec<(NaiveDate, usize, i64)> =
            r.months.iter().map(|m| (m.month, m.deals.count, m.deals.weighted_cents)).collect();
        assert_eq!(months, vec![(day(2026, 3, 1), 1, 10_000), (day(2026, 4, 1), 1, 120_000), (day(2026, 5, 1), 0, 0)]);
        // d3 was expected on 27 February: overdue at 60 % of 500.00.
        assert_eq!(r.overdue, ForecastRow { count: 1, value_cents: 50_000, weighted_cents: 30_000 });
        assert_eq!((r.undated.count, r.later.count, r.other_currency_deals), (0, 0, 1));
        let table = r.to_table().plain_rows();
        assert_eq!(table[0], vec!["Overdue", "1", "500.00", "300.00"]);
        assert_eq!(table[1], vec!["2026-03", "1", "1000.00", "100.00"]);
        assert_eq!(table.len(), 6);
    }

    /// The pipeline report agrees with the dashboard: on 21 March d1 (20
    /// March) is overdue, not in March's forecast, and a deal beyond the
    /// listed months is "later", so every open deal is in one row.
    #[test]
    fn overdue_deals_leave_the_forecast_and_every_deal_is_counted_once() {
        let mut data = deals_dataset();
        let mut far = deal("far", None, "qualified", 40_000, DealStatus::Open, at(2026, 3, 1, 9, 0), None, "ann");
        far.expected_close = Some(day(2027, 1, 15));
        data.apply(&crate::core::changes::Change::PutDeal { record: far });
        let today = day(2026, 3, 21);
        let r = forecast(&data, &Period::this_quarter(today), today, &Filter::default());
        assert_eq!((r.overdue.count, r.overdue.weighted_cents), (2, 40_000));
        assert_eq!(r.months[0].deals.count, 0);
        assert_eq!((r.later.count, r.later.weighted_cents), (1, 4_000));
        let k = crate::core::reports::dashboard::kpis(&data, today, &utc());
        assert_eq!((k.overdue_deals, k.overdue_cents), (r.overdue.count, r.overdue.weighted_cents));
        assert_eq!(k.forecast_month_cents, r.months[0].deals.weighted_cents);
        let p = pipeline_by_stage(&data, &Filter::default());
        let rows = std::iter::once(r.overdue).chain(r.months.iter().map(|m| m.deals)).chain([r.later, r.undated]).fold(
            ForecastRow::default(),
            |mut a, b| {
                a.count += b.count;
                a.value_cents += b.value_cents;
                a.weighted_cents += b.weighted_cents;
                a
            },
        );
        assert_eq!(
            (rows.count + r.other_currency_deals, rows.value_cents, rows.weighted_cents),
            (p.total_count, p.total_value_cents, p.total_weighted_cents)
        );
        // A period of last year still shows this month and the two after it.
        let past = forecast(&data, &Period::this_year(day(2025, 6, 1)), today, &Filter::default());
        assert_eq!(
            past.months.iter().map(|m| m.month).collect::<Vec<_>>(),
            [day(2026, 3, 1), day(2026, 4, 1), day(2026, 5, 1)]
        );
    }

    #[test]
    fn won_and_lost_in_march() {
        let march = Period::this_month(day(2026, 3, 1));
        let r = won_lost(&deals_dataset(), &march, &utc(), &Filter::default());
        assert_eq!((r.won, r.lost, r.won_cents), (3, 2, 900_000));
        assert_eq!(r.win_rate, Some(0.6));
        assert_eq!(r.average_won_cents, Some(300_000));
        // 69 (1 Jan → 11 Mar) + 39 (20 Feb → 31 Mar) + 20 (1 → 21 Mar) days.
        assert_eq!(r.average_days_to_close, Some(128.0 / 3.0));
        assert_eq!(r.lost_reasons, vec![("Price".to_string(), 1), ("Timing".to_string(), 1)]);
        assert_eq!(r.months.len(), 1);
        assert_eq!(r.months[0].lost_cents, 90_000);
        assert_eq!(r.summary_table().plain_rows()[3], vec!["Win rate (%)", "60.0"]);
        assert_eq!(r.summary_table().plain_rows()[5], vec!["Average days to close", "42.7"]);
    }

    /// Four deals won for 1,550,075 cents: the average is 387,518.75 cents,
    /// 3,875.19 to the cent (integer division showed 3,875.18).
    #[test]
    fn the_average_won_deal_rounds_to_the_cent() {
        let won = |id: &str, amount| {
            deal(
                id,
                None,
                "negotiation",
                amount,
                DealStatus::Won,
                at(2026, 3, 1, 9, 0),
                Some(at(2026, 3, 2, 9, 0)),
                "ann",
            )
        };
        let data = super::super::fixture::dataset(
            Vec::new(),
            Vec::new(),
            vec![won("a", 400_000), won("b", 400_000), won("c", 375_037), won("d", 375_038)],
            Vec::new(),
        );
        let r = won_lost(&data, &Period::this_month(day(2026, 3, 1)), &utc(), &Filter::default());
        assert_eq!(r.won_cents, 1_550_075);
        assert_eq!(r.average_won_cents, Some(387_519));
        let summary = r.summary_table();
        assert_eq!(summary.plain_rows()[4], vec!["Average won deal (EUR)", "3875.19"]);
        assert_eq!(summary.shown_row(4, crate::core::display::Locale::En)[1], "€3,875.19");
    }

    #[test]
    fn a_deal_closed_late_on_the_last_day_falls_in_the_next_local_month() {
        let data = deals_dataset();
        let paris = Zone::fixed(60);
        // w2 closed at 23:30 UTC on 31 March: 00:30 on 1 April at UTC+1.
        let march = won_lost(&data, &Period::this_month(day(2026, 3, 1)), &paris, &Filter::default());
        assert_eq!((march.won, march.win_rate), (2, Some(0.5)));
        let april = won_lost(&data, &Period::this_month(day(2026, 4, 1)), &paris, &Filter::default());
        assert_eq!((april.won, april.won_cents), (1, 100_000));
        let q1 = won_lost(&data, &Period::this_quarter(day(2026, 2, 1)), &utc(), &Filter::default());
        let by_month: Vec<(usize, usize)> = q1.months.iter().map(|m| (m.won, m.lost)).collect();
        assert_eq!(by_month, vec![(0, 0), (0, 0), (3, 2)]);
    }

    #[test]
    fn empty_data_gives_zeros_and_no_rates() {
        let data = Dataset::default();
        let r = won_lost(&data, &Period::this_month(day(2026, 3, 1)), &utc(), &Filter::default());
        assert_eq!((r.won, r.win_rate, r.average_won_cents, r.average_days_to_close), (0, None, None, None));
        assert_eq!(pipeline_by_stage(&data, &Filter::default()).total_count, 0);
        let f = forecast(&data, &Period::this_year(day(2026, 3, 1)), day(2026, 3, 1), &Filter::default());
        assert_eq!(f.months.len(), 10);
    }
}
