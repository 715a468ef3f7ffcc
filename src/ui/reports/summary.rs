//! What several report views share: amounts in whole units for charts, and
//! a summary table with a "Previous period" column when comparing.

use leptos::prelude::*;

use crate::core::dataset::Dataset;
use crate::core::reports::{Cell, Filter, Period, ReportTable};
use crate::core::zone::Zone;
use crate::state::{timed, AppState, ReportControls};

/// Cents as whole currency units for charts.
pub fn units(cents: i64) -> f64 {
    cents as f64 / 100.0
}

/// A label/value table with a "Previous period" column when comparing;
/// amounts are in `currency`. Labels are catalogue terms (`Cell::Term`).
pub fn compared(rows: Vec<(Cell, Cell, Cell)>, compare: bool, currency: &str) -> ReportTable {
    let mut headers = vec![Cell::Term("reports.col.measure"), Cell::Term("reports.col.this_period")];
    if compare {
        headers.push(Cell::Term("reports.col.previous_period"));
    }
    let mut t = ReportTable::new(headers).in_currency(currency);
    for (label, now, before) in rows {
        let mut row = vec![label, now];
        if compare {
            row.push(before);
        }
        t.push(row);
    }
    t
}

/// A report for the chosen period and, when comparing, for the previous
/// period too, recomputed when the data or the controls change. `measure`
/// names the `performance.measure` entry the benchmark reads.
pub fn with_previous<R>(
    measure: &'static str,
    compute: fn(&Dataset, &Period, &Zone, &Filter) -> R,
) -> Memo<(R, Option<R>)>
where
    R: PartialEq + Send + Sync + 'static,
{
    let state = AppState::expect();
    let controls = ReportControls::expect();
    Memo::new(move |_| {
        let (filter, period, compare) =
            (controls.filter.get(), controls.period_or_this_year(state), controls.compare.get());
        state.data.with(|d| {
            timed(measure, || {
                let now = compute(d, &period, controls.zone, &filter);
                let before = compare.then(|| compute(d, &period.previous(), controls.zone, &filter));
                (now, before)
            })
        })
    })
}
