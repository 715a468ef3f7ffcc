//! The customer value report: revenue by company and by group, and the RFM
//! segments with each customer's scores.

use leptos::prelude::*;

use crate::state::{timed, AppState, ReportControls};
use crate::ui::components::charts::{Chart, ChartFigure, ChartKind, ReportTableView, Unit};

use super::summary::units;
use crate::core::reports::customer_value::{
    revenue_by_company, revenue_by_group, rfm, row_label, GroupBy, RevenueReport,
};
use crate::ui::format::locale;
use crate::ui::text::{t, tf};

/// The title of the revenue chart grouped by `g`.
fn group_title(g: GroupBy) -> &'static str {
    t(match g {
        GroupBy::Tag => "reports.customers.by_tag",
        GroupBy::Source => "reports.customers.by_source",
        GroupBy::Industry => "reports.customers.by_industry",
        GroupBy::Country => "reports.customers.by_country",
        GroupBy::LifecycleStage => "reports.customers.by_lifecycle_stage",
    })
}

fn revenue_chart(r: &RevenueReport, top: usize) -> Chart {
    let rows: Vec<_> = r.rows.iter().take(top).collect();
    let l = locale();
    Chart::new(ChartKind::Bar, Unit::Money, rows.iter().map(|x| row_label(&x.label).shown(l, &r.currency)).collect())
        .series(
            tf("reports.col.revenue", &[("currency", &r.currency)]),
            rows.iter().map(|x| units(x.revenue_cents)).collect(),
        )
}

#[component]
pub fn CustomerValueView() -> impl IntoView {
    let state = AppState::expect();
    let controls = ReportControls::expect();
    let group = RwSignal::new(GroupBy::Tag);
    let report = Memo::new(move |_| {
        let (filter, period, group) = (controls.filter.get(), controls.period_or_this_year(state), group.get());
        state.data.with(|d| {
            timed("report:customers", || {
                (
                    revenue_by_company(d, &period, controls.zone, &filter),
                    revenue_by_group(d, &period, controls.zone, group, &filter),
                    rfm(d, &period, state.clock.today(), controls.zone, &filter),
                )
            })
        })
    });
    let company_chart = Signal::derive(move || report.with(|(c, _, _)| revenue_chart(c, 12)));
    let company_table = Signal::derive(move || report.with(|(c, _, _)| c.to_table()));
    let group_chart = Signal::derive(move || report.with(|(_, g, _)| revenue_chart(g, 12)));
    let group_table = Signal::derive(move || report.with(|(_, g, _)| g.to_table()));
    let segment_chart = Signal::derive(move || {
        report.with(|(_, _, r)| {
            Chart::new(
                ChartKind::Bar,
                Unit::Money,
                r.segments.iter().map(|s| t(s.segment.term()).to_string()).collect(),
            )
            .series(
                tf("reports.col.revenue", &[("currency", &r.currency)]),
                r.segments.iter().map(|s| units(s.revenue_cents)).collect(),
            )
        })
    });
    let segment_table = Signal::derive(move || report.with(|(_, _, r)| r.segments_table()));
    let rfm_table = Signal::derive(move || report.with(|(_, _, r)| r.to_table()));
    view! {
        <h2>{t("reports.customers.heading")}</h2>
        <p class="muted">{t("reports.customers.intro")}</p>
        <ChartFigure title=t("reports.customers.by_company") chart=company_chart table=company_table limit=50 />
        <label>
            {t("reports.customers.group_by")}
            <select prop:value=move || group.get().label()
                on:change=move |ev| {
                    let v = event_target_value(&ev);
                    if let Some(g) = GroupBy::ALL.into_iter().find(|g| g.label() == v) {
                        group.set(g);
                    }
                }>
                {GroupBy::ALL.into_iter().map(|g| view! { <option value=g.label()>{t(g.term())}</option> }).collect_view()}
            </select>
        </label>
        {move || {
            let title = group_title(group.get());
            view! { <ChartFigure title=title chart=group_chart table=group_table limit=50 /> }
        }}
        <ChartFigure title=t("reports.customers.by_segment") chart=segment_chart table=segment_table open=true />
        <h3>{t("reports.customers.rfm")}</h3>
        <ReportTableView title=t("reports.customers.rfm_scores") table=rfm_table limit=50 />
    }
}
