//! The lifecycle funnel report, and its chart the dashboard shows too.

use leptos::prelude::*;

use crate::ui::components::charts::{Chart, ChartFigure, ChartKind, ReportTableView, Unit};

use super::summary::{compared, with_previous};
use crate::core::reports::funnel::{lifecycle_funnel, FunnelReport, FUNNEL};
use crate::core::reports::Cell;
use crate::ui::format::short_month_year;

/// How many contacts reached each stage of the funnel.
pub fn funnel_chart(r: &FunnelReport) -> Chart {
    Chart::new(ChartKind::Funnel, Unit::Count, r.stages.iter().map(|s| s.stage.label().to_string()).collect())
        .series("Contacts who reached the stage", r.stages.iter().map(|s| s.reached as f64).collect())
}

#[component]
pub fn FunnelReportView() -> impl IntoView {
    let report = with_previous("report:funnel", lifecycle_funnel);
    let summary = Signal::derive(move || {
        report.with(|(now, before)| {
            let mut rows = vec![(
                "New contacts".to_string(),
                Cell::count(now.contacts),
                before.as_ref().map_or(Cell::Empty, |b| Cell::count(b.contacts)),
            )];
            for (i, s) in now.stages.iter().enumerate().skip(1) {
                rows.push((
                    format!("Conversion to {} (%)", s.stage.label()),
                    Cell::Percent(s.conversion),
                    before.as_ref().map_or(Cell::Empty, |b| Cell::Percent(b.stages[i].conversion)),
                ));
            }
            compared(rows, before.is_some(), "")
        })
    });
    let funnel_chart = Signal::derive(move || report.with(|(r, _)| funnel_chart(r)));
    let funnel_table = Signal::derive(move || report.with(|(r, _)| r.to_table()));
    let cohort_chart = Signal::derive(move || {
        report.with(|(r, _)| {
            let cats = r.cohorts.iter().map(|c| short_month_year(c.month)).collect();
            FUNNEL.iter().enumerate().fold(Chart::new(ChartKind::Line, Unit::Count, cats), |chart, (i, stage)| {
                chart.series(stage.label(), r.cohorts.iter().map(|c| c.reached[i] as f64).collect())
            })
        })
    });
    let cohort_table = Signal::derive(move || report.with(|(r, _)| r.cohorts_table()));
    view! {
        <h2>"Lifecycle funnel"</h2>
        <p class="muted">"Contacts first seen in the period: how many reached each stage, the conversion between stages and the median days spent in each."</p>
        <ReportTableView title="Funnel summary" table=summary />
        <ChartFigure title="Lifecycle funnel" chart=funnel_chart table=funnel_table open=true />
        <ChartFigure title="Cohorts by month of first contact" chart=cohort_chart table=cohort_table />
    }
}
