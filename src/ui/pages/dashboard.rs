//! The dashboard: the landing page once there is data. Key figures as tiles,
//! each a link to the records behind it, and three charts. With no data the
//! landing page is the contacts list's empty state (demo data, import).

use leptos::prelude::*;
use leptos_router::components::A;

use crate::core::reports::dashboard::{kpis, Kpis};
use crate::core::reports::deals::{pipeline_by_stage, won_lost, PipelineReport, WonLostReport};
use crate::core::reports::funnel::{lifecycle_funnel, FunnelReport};
use crate::core::reports::{Filter, Period};
use crate::state::{timed, AppState};
use crate::ui::components::backup_reminder::BackupReminderCard;
use crate::ui::components::charts::ChartFigure;
use crate::ui::components::overdue_deals::OVERDUE_DEALS;
use crate::ui::format::{percent, thousands, whole_money};
use crate::ui::paths::link;
use crate::ui::reports::{funnel_chart, pipeline_chart, won_lost_chart};
use crate::ui::text::{t, tf, tn, tnf};

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
    let zone = state.clock.zone();
    let dashboard = Memo::new(move |_| {
        state.data.with(|d| {
            timed("report:dashboard", || {
                let t = state.clock.today();
                let none = Filter::default();
                Dashboard {
                    kpis: kpis(d, t, zone),
                    pipeline: pipeline_by_stage(d, &none),
                    won_lost: won_lost(d, &Period::months_to_date(t, 6), zone, &none),
                    funnel: lifecycle_funnel(d, &Period::this_year(t), zone, &none),
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
            <h1>{t("work.dashboard.title")}</h1>
            <div class="actions">
                <A href=link("/reports")>{t("work.dashboard.all_reports")}</A>
            </div>
        </div>
        <BackupReminderCard />
        <ul class="kpi-tiles" aria-label=t("work.dashboard.key_figures")>
            <Tile href="/pipeline" label=t("work.dashboard.open_pipeline")
                value=Signal::derive(move || whole_money(k().open_value_cents, &k().currency))
                detail=Signal::derive(move || tn("work.dashboard.open_deals", k().open_deals)) />
            <Tile href="/deals?status=open" label=t("work.dashboard.forecast_month")
                value=Signal::derive(move || whole_money(k().forecast_month_cents, &k().currency))
                detail=Signal::derive(move || tnf("work.dashboard.forecast_detail", k().forecast_month_deals, &[("deals", &tn("common.deals", k().forecast_month_deals))])) />
            <Tile href="/deals?status=open" label=t("work.dashboard.forecast_quarter")
                value=Signal::derive(move || whole_money(k().forecast_quarter_cents, &k().currency))
                detail=Signal::derive(move || tnf("work.dashboard.forecast_detail", k().forecast_quarter_deals, &[("deals", &tn("common.deals", k().forecast_quarter_deals))])) />
            <Tile href=OVERDUE_DEALS label=t("work.dashboard.overdue_deals")
                value=Signal::derive(move || whole_money(k().overdue_cents, &k().currency))
                detail=Signal::derive(move || tnf("work.dashboard.overdue_detail", k().overdue_deals, &[("deals", &tn("common.deals", k().overdue_deals))])) />
            <Tile href="/deals?status=won" label=t("work.dashboard.won_month")
                value=Signal::derive(move || whole_money(k().won_month_cents, &k().currency))
                detail=Signal::derive(move || {
                    let k = k();
                    match k.win_rate_month {
                        Some(r) => tf("work.dashboard.win_rate", &[("deals", &tn("common.deals", k.won_month)), ("rate", &percent(r))]),
                        None => tn("common.deals", k.won_month),
                    }
                }) />
            <Tile href="/contacts?sort=created" label=t("work.dashboard.new_contacts")
                value=Signal::derive(move || thousands(k().new_contacts_month))
                detail=Signal::derive(|| t("work.dashboard.new_contacts_detail").to_string()) />
            <Tile href="/activities" label=t("work.dashboard.activities_week")
                value=Signal::derive(move || thousands(k().activities_week))
                detail=Signal::derive(|| t("work.dashboard.activities_detail").to_string()) />
            <Tile href="/today" label=t("work.dashboard.overdue_tasks")
                value=Signal::derive(move || thousands(k().overdue_tasks))
                detail=Signal::derive(|| t("work.dashboard.overdue_tasks_detail").to_string()) />
        </ul>
        <div class="dashboard-charts">
            <ChartFigure title=t("work.dashboard.chart.pipeline") chart=pipeline_chart table=pipeline_table />
            <ChartFigure title=t("work.dashboard.chart.won_lost") chart=won_chart table=won_table />
            <ChartFigure title=t("work.dashboard.chart.funnel") chart=funnel_chart table=funnel_table />
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
