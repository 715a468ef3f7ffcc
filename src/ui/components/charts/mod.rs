//! Charts as inline SVG (bar, stacked bar, line, funnel) with a legend,
//! a tooltip per mark (`<title>`), colours from CSS variables so they follow
//! the theme, a table of the same numbers, and CSV / SVG / PNG downloads.
//!
//! The SVG has `role="img"` and a label that names the chart; the table under
//! "Show the numbers" carries the figures for screen readers and is what the
//! CSV holds.
//!
//! - `chart`: the chart as data ([`Chart`]), which report views build;
//! - `draw`: the SVG drawing of each kind;
//! - `figure`: [`ChartFigure`], the chart with its legend, downloads and table;
//! - `table`: [`ReportTableView`], a report table with its CSV download.

mod chart;
mod draw;
mod figure;
mod table;

pub use chart::{Chart, ChartKind, Unit};
pub use figure::ChartFigure;
pub use table::ReportTableView;
