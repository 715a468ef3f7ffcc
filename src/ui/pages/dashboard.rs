//! The dashboard: the landing page once there is data. Key figures as tiles,
//! each a link to the records behind it, and three charts. With no data the
//! landing page is the contacts list's empty state (demo data, import).

use leptos::prelude::*;
use leptos_router::components::A;

use crate::core::display::{thousands, whole_money};
use crate::core::reports::dashboard::{kpis, Kpis};
use crate::core::reports::deals::{pipeline_by_stage, won_lost, PipelineReport, WonLostReport};
use crate::core::reports::funnel::{lifecycle_funnel, FunnelReport};
use crate::core::reports::{add_months, first_of_month, format_percent, Filter, Period};
use crate::state::{timed, AppState};
use crate::ui::components::charts::ChartFigure;
use crate::ui::paths::link;
use crate::ui::reports::{funnel_chart, pipeline_chart, won_lost_chart};

#[derive(Clone, PartialEq)]
struct Dashboard {
    kpis: Kpis,
    pipeline: PipelineReport,
    won_lost: WonLostReport,
    funnel: FunnelReport,
}

#[component]
pub fn DashboardPage() -> impl IntoView {
    let state = AppState::expect();
    let offset = state.clock.utc_offset_minutes();
    let dashboard = Memo::new(move |_| {
        state.data.with(|d| {
            timed("report:dashboard", || {
                let t = state.clock.today();
                // The last six months, this one included.
                let next = add_months(first_of_month(t), 1);
                let six_months = Period::new(add_months(next, -6), next);
                let none = Filter::default();
                Dashboard {
                    kpis: kpis(d, t, offset),
                    pipeline: pipeline_by_stage(d, &none),
                    won_lost: won_lost(d, &six_months, offset, &none),
                    funnel: lifecycle_funnel(d, &Period::this_year(t), offset, &none),
                }
            })
        })
    });
    let k = move || dashboard.with(|d| d.kpis.clone());
    let pipeline_chart = Signal::derive(move || dashboard.with(|d| pipeline_chart(&d.pipeline)));
    let pipeline_table = Signal::derive(move || dashboard.with(|d| d.pipeline.to_table()));
    let won_chart = Signal::derive(move || dashboard.with(|d| won_lost_chart(&d.won_lost)));
    let won_table = Signal::derive(move || dashboard.with(|d| d.won_lost.to_table()));
    let funnel_chart = Signal::derive(move || dashboard.with(|d| funnel_chart(&d.funnel)));
    let funnel_table = Signal::derive(move || dashboard.with(|d| d.funnel.to_table()));
    view! {
        <div class="page-header">
            <h1>"Dashboard"</h1>
            <div class="actions">
                <A href=link("/reports")>"All reports"</A>
            </div>
        </div>
        <ul class="kpi-tiles" aria-label="Key figures">
            <Tile href="/pipeline" label="Open pipeline"
                value=Signal::derive(move || whole_money(k().open_value_cents, &k().currency))
                detail=Signal::derive(move || format!("{} open deals", thousands(k().open_deals))) />
            <Tile href="/deals?status=open" label="Forecast this month"
                value=Signal::derive(move || whole_money(k().forecast_month_cents, &k().currency))
                detail=Signal::derive(move || format!("weighted, {} deals expected to close", k().forecast_month_deals)) />
            <Tile href="/deals?status=open" label="Forecast this quarter"
                value=Signal::derive(move || whole_money(k().forecast_quarter_cents, &k().currency))
                detail=Signal::derive(move || format!("weighted, {} deals expected to close", k().forecast_quarter_deals)) />
            <Tile href="/deals?status=won" label="Won this month"
                value=Signal::derive(move || whole_money(k().won_month_cents, &k().currency))
                detail=Signal::derive(move || {
                    let k = k();
                    match k.win_rate_month {
                        Some(r) => format!("{} deals, win rate {} %", k.won_month, format_percent(Some(r))),
                        None => format!("{} deals", k.won_month),
                    }
                }) />
            <Tile href="/contacts?sort=created" label="New contacts this month"
                value=Signal::derive(move || thousands(k().new_contacts_month))
                detail=Signal::derive(|| "created this month".to_string()) />
            <Tile href="/activities" label="Activities this week"
                value=Signal::derive(move || thousands(k().activities_week))
                detail=Signal::derive(|| "calls, emails, meetings and notes".to_string()) />
            <Tile href="/today" label="Overdue tasks"
                value=Signal::derive(move || thousands(k().overdue_tasks))
                detail=Signal::derive(|| "open tasks due before today".to_string()) />
        </ul>
        <div class="dashboard-charts">
            <ChartFigure title="Open pipeline by stage" chart=pipeline_chart table=pipeline_table />
            <ChartFigure title="Deals won and lost, last six months" chart=won_chart table=won_table />
            <ChartFigure title="Lifecycle funnel this year" chart=funnel_chart table=funnel_table />
        </div>
    }
}

/// One key figure: the whole tile is a link to the records behind it.
#[component]
fn Tile(href: &'static str, label: &'static str, value: Signal<String>, detail: Signal<String>) -> impl IntoView {
    view! {
        <li class="kpi">
            <a href=link(href)>
                <span class="kpi-label">{label}</span>
                <strong class="kpi-value">{move || value.get()}</strong>
                <span class="kpi-detail">{move || detail.get()}</span>
            </a>
        </li>
    }
}
