//! The pipeline and forecast report and the won and lost report, and the
//! charts of them the dashboard shows too.

use leptos::prelude::*;

use crate::state::{timed, AppState, ReportControls};
use crate::ui::components::charts::{Chart, ChartFigure, ChartKind, ReportTableView, Unit};

use super::summary::{compared, units, with_previous};
use crate::core::reports::deals::NO_REASON;
use crate::core::reports::deals::{forecast, pipeline_by_stage, won_lost, PipelineReport, WonLostReport};
use crate::core::reports::Cell;
use crate::ui::components::overdue_deals::OverdueDeals;
use crate::ui::format::short_month_year;
use crate::ui::text::{t, tf, tn};

/// Open deals by stage: value and weighted value.
pub fn pipeline_chart(p: &PipelineReport) -> Chart {
    Chart::new(ChartKind::Bar, Unit::Money, p.stages.iter().map(|s| s.name.clone()).collect())
        .series(
            tf("reports.col.value", &[("currency", &p.currency)]),
            p.stages.iter().map(|s| units(s.value_cents)).collect(),
        )
        .series(
            tf("reports.col.weighted_value", &[("currency", &p.currency)]),
            p.stages.iter().map(|s| units(s.weighted_cents)).collect(),
        )
}

/// Deals won and lost by month.
pub fn won_lost_chart(r: &WonLostReport) -> Chart {
    Chart::new(ChartKind::StackedBar, Unit::Count, r.months.iter().map(|m| short_month_year(m.month)).collect())
        .series(t("reports.col.won"), r.months.iter().map(|m| m.won as f64).collect())
        .series(t("reports.col.lost"), r.months.iter().map(|m| m.lost as f64).collect())
}

#[component]
pub fn PipelineReportView() -> impl IntoView {
    let state = AppState::expect();
    let controls = ReportControls::expect();
    let report = Memo::new(move |_| {
        let filter = controls.filter.get();
        let period = controls.period_or_this_year(state);
        state.data.with(|d| {
            timed("report:pipeline", || {
                (pipeline_by_stage(d, &filter), forecast(d, &period, state.clock.today(), &filter))
            })
        })
    });
    let stage_chart = Signal::derive(move || report.with(|(p, _)| pipeline_chart(p)));
    let stage_table = Signal::derive(move || report.with(|(p, _)| p.to_table()));
    let forecast_chart = Signal::derive(move || {
        report.with(|(_, f)| {
            Chart::new(ChartKind::StackedBar, Unit::Money, f.months.iter().map(|m| short_month_year(m.month)).collect())
                .series(
                    tf("reports.col.weighted_value", &[("currency", &f.currency)]),
                    f.months.iter().map(|m| units(m.deals.weighted_cents)).collect(),
                )
        })
    });
    let forecast_table = Signal::derive(move || report.with(|(_, f)| f.to_table()));
    let overdue =
        Signal::derive(move || report.with(|(_, f)| (f.overdue.count, f.overdue.weighted_cents, f.currency.clone())));
    view! {
        <h2>{t("reports.pipeline.heading")}</h2>
        <p class="muted">{t("reports.pipeline.intro")}</p>
        {move || report.with(|(p, _)| {
            (p.other_currency_deals > 0).then(|| view! {
                <p class="muted">{tn("reports.pipeline.other_currency", p.other_currency_deals)}</p>
            })
        })}
        <OverdueDeals overdue />
        <ChartFigure title=t("reports.pipeline.by_stage") chart=stage_chart table=stage_table open=true />
        <ChartFigure title=t("reports.pipeline.forecast") chart=forecast_chart table=forecast_table />
    }
}

fn won_lost_summary(now: &WonLostReport, before: Option<&WonLostReport>) -> Vec<(Cell, Cell, Cell)> {
    let previous = before.map(WonLostReport::summary);
    now.summary()
        .into_iter()
        .enumerate()
        .map(|(i, (label, value))| {
            let then = previous.as_ref().map_or(Cell::Empty, |p| p[i].1.clone());
            (label, value, then)
        })
        .collect()
}

#[component]
pub fn WonLostReportView() -> impl IntoView {
    let report = with_previous("report:deals", won_lost);
    let summary = Signal::derive(move || {
        report.with(|(now, before)| compared(won_lost_summary(now, before.as_ref()), before.is_some(), &now.currency))
    });
    let month_chart = Signal::derive(move || report.with(|(r, _)| won_lost_chart(r)));
    let month_table = Signal::derive(move || report.with(|(r, _)| r.to_table()));
    let reasons_chart = Signal::derive(move || {
        report.with(|(r, _)| {
            let top: Vec<&(String, usize)> = r.lost_reasons.iter().take(10).collect();
            let reason = |n: &String| if n == NO_REASON { t("reports.row.no_reason").to_string() } else { n.clone() };
            Chart::new(ChartKind::Bar, Unit::Count, top.iter().map(|(n, _)| reason(n)).collect())
                .series(t("reports.won_lost.lost_deals"), top.iter().map(|(_, c)| *c as f64).collect())
        })
    });
    let reasons_table = Signal::derive(move || report.with(|(r, _)| r.lost_reasons_table()));
    view! {
        <h2>{t("reports.won_lost.heading")}</h2>
        <ReportTableView title=t("reports.won_lost.summary") table=summary />
        <ChartFigure title=t("reports.won_lost.by_month") chart=month_chart table=month_table />
        <ChartFigure title=t("reports.won_lost.lost_reasons") chart=reasons_chart table=reasons_table />
    }
}
