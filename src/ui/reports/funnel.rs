//! The lifecycle funnel report, and its chart the dashboard shows too.

use leptos::prelude::*;

use crate::ui::components::charts::{Chart, ChartFigure, ChartKind, ReportTableView, Unit};

use super::summary::{compared, with_previous};
use crate::core::records::LifecycleStage;
use crate::core::reports::funnel::{lifecycle_funnel, FunnelReport, FUNNEL};
use crate::core::reports::Cell;
use crate::ui::format::short_month_year;
use crate::ui::text::{label, t};

/// The summary row of the conversion to a stage of the funnel.
fn conversion_to(stage: LifecycleStage) -> Cell {
    Cell::Term(match stage {
        LifecycleStage::Acquisition => "reports.row.conversion_to.acquisition",
        LifecycleStage::Conversion => "reports.row.conversion_to.conversion",
        LifecycleStage::Retention => "reports.row.conversion_to.retention",
        LifecycleStage::Loyalty => "reports.row.conversion_to.loyalty",
        _ => "reports.row.conversion_to.other",
    })
}

/// How many contacts reached each stage of the funnel.
pub fn funnel_chart(r: &FunnelReport) -> Chart {
    Chart::new(ChartKind::Funnel, Unit::Count, r.stages.iter().map(|s| label("lifecycle", s.stage.key())).collect())
        .series(t("reports.funnel.reached"), r.stages.iter().map(|s| s.reached as f64).collect())
}

#[component]
pub fn FunnelReportView() -> impl IntoView {
    let report = with_previous("report:funnel", lifecycle_funnel);
    let summary = Signal::derive(move || {
        report.with(|(now, before)| {
            let mut rows = vec![(
                Cell::Term("reports.row.new_contacts"),
                Cell::count(now.contacts),
                before.as_ref().map_or(Cell::Empty, |b| Cell::count(b.contacts)),
            )];
            for (i, s) in now.stages.iter().enumerate().skip(1) {
                rows.push((
                    conversion_to(s.stage),
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
                chart.series(label("lifecycle", stage.key()), r.cohorts.iter().map(|c| c.reached[i] as f64).collect())
            })
        })
    });
    let cohort_table = Signal::derive(move || report.with(|(r, _)| r.cohorts_table()));
    view! {
        <h2>{t("reports.funnel.heading")}</h2>
        <p class="muted">{t("reports.funnel.intro")}</p>
        <ReportTableView title=t("reports.funnel.summary") table=summary />
        <ChartFigure title=t("reports.funnel.heading") chart=funnel_chart table=funnel_table open=true />
        <ChartFigure title=t("reports.funnel.cohorts") chart=cohort_chart table=cohort_table />
    }
}
