//! Reports: a tab per report (pipeline and forecast, won and lost, the
//! lifecycle funnel, activities, customer value, a pivot table), the shared
//! period and filter controls, and the chosen report's view (`ui::reports`).
//! The controls are in the URL and kept while moving between reports.

use leptos::prelude::*;
use leptos_router::components::A;
use leptos_router::hooks::use_params_map;

use crate::state::ReportControls;
use crate::ui::paths::link;
use crate::ui::reports::{
    ActivityReportView, CustomerValueView, FunnelReportView, PipelineReportView, PivotView, ReportControlsForm,
    WonLostReportView, REPORTS,
};
use crate::ui::text::t;

#[component]
pub fn ReportsPage() -> impl IntoView {
    let controls = ReportControls::expect();
    let params = use_params_map();
    let current = move || params.with(|p| p.get("report").unwrap_or_else(|| "pipeline".to_string()));
    controls.follow_url(move || format!("/reports/{}", current()));
    view! {
        <div class="page-header">
            <h1>{t("reports.heading")}</h1>
        </div>
        <nav aria-label=t("reports.heading") class="report-tabs">
            {REPORTS
                .iter()
                .map(|(key, name)| view! { <A href=move || link(&format!("/reports/{key}?{}", controls.to_query()))>{t(name)}</A> })
                .collect_view()}
        </nav>
        <ReportControlsForm />
        {move || {
            let key = current();
            let view = match key.as_str() {
                "deals" => view! { <WonLostReportView /> }.into_any(),
                "funnel" => view! { <FunnelReportView /> }.into_any(),
                "activities" => view! { <ActivityReportView /> }.into_any(),
                "customers" => view! { <CustomerValueView /> }.into_any(),
                "pivot" => view! { <PivotView /> }.into_any(),
                _ => view! { <PipelineReportView /> }.into_any(),
            };
            view! { <section class="report" data-report=key>{view}</section> }
        }}
    }
}
