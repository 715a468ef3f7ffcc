//! What several report views share: amounts in whole units for charts, and
//! a summary table with a "Previous period" column when comparing.

use leptos::prelude::*;

use crate::core::dataset::Dataset;
use crate::core::reports::{Filter, Period, ReportTable};
use crate::state::{timed, AppState, ReportControls};

/// Cents as whole currency units for charts.
pub fn units(cents: i64) -> f64 {
    cents as f64 / 100.0
}

/// A label/value table with a "Previous period" column when comparing.
pub fn compared(rows: Vec<(String, String, String)>, compare: bool) -> ReportTable {
    let mut headers = vec!["Measure", "This period"];
    if compare {
        headers.push("Previous period");
    }
    let mut t = ReportTable::new(headers);
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
    compute: fn(&Dataset, &Period, i32, &Filter) -> R,
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
                let now = compute(d, &period, controls.offset, &filter);
                let before = compare.then(|| compute(d, &period.previous(), controls.offset, &filter));
                (now, before)
            })
        })
    })
}
