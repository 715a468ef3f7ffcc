//! The customer value report: revenue by company and by group, and the RFM
//! segments with each customer's scores.

use leptos::prelude::*;

use crate::state::{timed, AppState, ReportControls};
use crate::ui::components::charts::{Chart, ChartFigure, ChartKind, ReportTableView, Unit};

use super::summary::units;
use crate::core::reports::customer_value::{revenue_by_company, revenue_by_group, rfm, GroupBy, RevenueReport};

fn revenue_chart(r: &RevenueReport, top: usize) -> Chart {
    let rows: Vec<_> = r.rows.iter().take(top).collect();
    Chart::new(ChartKind::Bar, Unit::Money, rows.iter().map(|x| x.label.clone()).collect())
        .series(format!("Revenue ({})", r.currency), rows.iter().map(|x| units(x.revenue_cents)).collect())
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
            Chart::new(ChartKind::Bar, Unit::Money, r.segments.iter().map(|s| s.segment.label().to_string()).collect())
                .series(
                    format!("Revenue ({})", r.currency),
                    r.segments.iter().map(|s| units(s.revenue_cents)).collect(),
                )
        })
    });
    let segment_table = Signal::derive(move || report.with(|(_, _, r)| r.segments_table()));
    let rfm_table = Signal::derive(move || report.with(|(_, _, r)| r.to_table()));
    let group_title = move || format!("Revenue by {}", group.get().label().to_lowercase());
    view! {
        <h2>"Customer value"</h2>
        <p class="muted">"Revenue is the amount of won deals closed in the period. RFM scores customers by recency, frequency and money of their won deals (1–5: by fifths from five customers on; with fewer, recency and frequency by fixed steps — 30, 90, 180 and 365 days; 1 to 5 won deals) and names the segments."</p>
        <ChartFigure title="Revenue by company" chart=company_chart table=company_table limit=50 />
        <label>
            "Group revenue by"
            <select prop:value=move || group.get().label()
                on:change=move |ev| {
                    let v = event_target_value(&ev);
                    if let Some(g) = GroupBy::ALL.into_iter().find(|g| g.label() == v) {
                        group.set(g);
                    }
                }>
                {GroupBy::ALL.into_iter().map(|g| view! { <option value=g.label()>{g.label()}</option> }).collect_view()}
            </select>
        </label>
        {move || {
            let title = group_title();
            view! { <ChartFigure title=title chart=group_chart table=group_table limit=50 /> }
        }}
        <ChartFigure title="Revenue by RFM segment" chart=segment_chart table=segment_table open=true />
        <h3>"Customers by RFM"</h3>
        <ReportTableView title="RFM scores per customer" table=rfm_table limit=50 />
    }
}
