//! The pipeline and forecast report and the won and lost report, and the
//! charts of them the dashboard shows too.

use leptos::prelude::*;

use crate::state::{timed, AppState, ReportControls};
use crate::ui::components::charts::{Chart, ChartFigure, ChartKind, ReportTableView, Unit};

use super::summary::{compared, units, with_previous};
use crate::core::reports::deals::{forecast, pipeline_by_stage, won_lost, PipelineReport, WonLostReport};
use crate::core::reports::Cell;
use crate::ui::components::overdue_deals::OverdueDeals;
use crate::ui::format::{count_of, short_month_year};

/// Open deals by stage: value and weighted value.
pub fn pipeline_chart(p: &PipelineReport) -> Chart {
    Chart::new(ChartKind::Bar, Unit::Money, p.stages.iter().map(|s| s.name.clone()).collect())
        .series(format!("Value ({})", p.currency), p.stages.iter().map(|s| units(s.value_cents)).collect())
        .series(format!("Weighted value ({})", p.currency), p.stages.iter().map(|s| units(s.weighted_cents)).collect())
}

/// Deals won and lost by month.
pub fn won_lost_chart(r: &WonLostReport) -> Chart {
    Chart::new(ChartKind::StackedBar, Unit::Count, r.months.iter().map(|m| short_month_year(m.month)).collect())
        .series("Won", r.months.iter().map(|m| m.won as f64).collect())
        .series("Lost", r.months.iter().map(|m| m.lost as f64).collect())
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
                    format!("Weighted value ({})", f.currency),
                    f.months.iter().map(|m| units(m.deals.weighted_cents)).collect(),
                )
        })
    });
    let forecast_table = Signal::derive(move || report.with(|(_, f)| f.to_table()));
    let overdue =
        Signal::derive(move || report.with(|(_, f)| (f.overdue.count, f.overdue.weighted_cents, f.currency.clone())));
    view! {
        <h2>"Pipeline"</h2>
        <p class="muted">"Open deals now, by stage (the period does not apply). The forecast weighs them by probability and groups them by expected close month, from this month to the end of the period; deals expected before today are overdue and not in the forecast."</p>
        {move || report.with(|(p, _)| {
            (p.other_currency_deals > 0).then(|| view! {
                <p class="muted">{format!("{} in another currency: counted, but not added to the amounts.", count_of(p.other_currency_deals, "open deal is", "open deals are"))}</p>
            })
        })}
        <OverdueDeals overdue />
        <ChartFigure title="Pipeline by stage" chart=stage_chart table=stage_table open=true />
        <ChartFigure title="Forecast by expected close month" chart=forecast_chart table=forecast_table />
    }
}

fn won_lost_summary(now: &WonLostReport, before: Option<&WonLostReport>) -> Vec<(String, Cell, Cell)> {
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
            Chart::new(ChartKind::Bar, Unit::Count, top.iter().map(|(n, _)| n.clone()).collect())
                .series("Lost deals", top.iter().map(|(_, c)| *c as f64).collect())
        })
    });
    let reasons_table = Signal::derive(move || report.with(|(r, _)| r.lost_reasons_table()));
    view! {
        <h2>"Won and lost"</h2>
        <ReportTableView title="Won and lost summary" table=summary />
        <ChartFigure title="Deals won and lost by month" chart=month_chart table=month_table />
        <ChartFigure title="Lost reasons" chart=reasons_chart table=reasons_table />
    }
}
