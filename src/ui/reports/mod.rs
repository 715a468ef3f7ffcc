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
mod summary;

pub use activity::ActivityReportView;
pub use controls::ReportControlsForm;
pub use customer_value::CustomerValueView;
pub use deals::{pipeline_chart, won_lost_chart, PipelineReportView, WonLostReportView};
pub use funnel::{funnel_chart, FunnelReportView};
pub use pivot::PivotView;

/// The reports, in the order of their tabs: (route key, catalogue key of
/// the tab name).
pub const REPORTS: [(&str, &str); 6] = [
    ("pipeline", "reports.pipeline.heading"),
    ("deals", "reports.won_lost.heading"),
    ("funnel", "reports.funnel.heading"),
    ("activities", "reports.activities.heading"),
    ("customers", "reports.customers.heading"),
    ("pivot", "reports.pivot.heading"),
];
