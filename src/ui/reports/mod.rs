//! The report views, one file per `core::reports` module, and the controls
//! they share. All figures come from `core::reports` (pure, natively
//! tested); a view only reads the shared controls, calls core (timed, for the
//! benchmark) and draws the result as charts and tables.

mod activity;
mod controls;
mod customer_value;
mod deals;
mod funnel;
mod pivot;

pub use activity::ActivityReportView;
pub use controls::ReportControlsForm;
pub use customer_value::CustomerValueView;
pub use deals::{pipeline_chart, won_lost_chart, PipelineReportView, WonLostReportView};
pub use funnel::{funnel_chart, FunnelReportView};
pub use pivot::PivotView;

use crate::core::reports::ReportTable;

/// The reports, in the order of their tabs: (route key, tab name).
pub const REPORTS: [(&str, &str); 6] = [
    ("pipeline", "Pipeline"),
    ("deals", "Won and lost"),
    ("funnel", "Lifecycle funnel"),
    ("activities", "Activities"),
    ("customers", "Customer value"),
    ("pivot", "Pivot table"),
];

/// Cents as whole currency units for charts.
pub(crate) fn units(cents: i64) -> f64 {
    cents as f64 / 100.0
}

/// A label/value table with a "Previous period" column when comparing.
fn compared(rows: Vec<(String, String, String)>, compare: bool) -> ReportTable {
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
