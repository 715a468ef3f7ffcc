//! The activities report: by type, week and owner, and the contacts not
//! contacted lately.

use leptos::prelude::*;

use crate::state::{timed, AppState, ReportControls};
use crate::ui::components::charts::{Chart, ChartFigure, ChartKind, ReportTableView, Unit};

use super::summary::{compared, with_previous};
use crate::core::reports::activity::{activities, not_contacted_with};
use crate::core::reports::Cell;
use crate::ui::text::{label, t, tf, tn, tnf};

#[component]
pub fn ActivityReportView() -> impl IntoView {
    let state = AppState::expect();
    let controls = ReportControls::expect();
    let days = RwSignal::new(30u32);
    let report = with_previous("report:activities", activities);
    let last = controls.last_contacted;
    let quiet = Memo::new(move |_| {
        let (filter, days) = (controls.filter.get(), days.get());
        state.data.with(|d| {
            last.with(|l| {
                timed("report:not-contacted", || {
                    not_contacted_with(d, l, state.clock.now(), days, controls.zone, &filter)
                })
            })
        })
    });
    let summary = Signal::derive(move || {
        report.with(|(r, before)| {
            compared(
                vec![(
                    Cell::Term("reports.col.activities"),
                    Cell::count(r.total),
                    before.as_ref().map_or(Cell::Empty, |b| Cell::count(b.total)),
                )],
                before.is_some(),
                "",
            )
        })
    });
    let kind_chart = Signal::derive(move || {
        report.with(|(r, _)| {
            Chart::new(
                ChartKind::Bar,
                Unit::Count,
                r.by_kind.iter().map(|(k, _)| label("activity_kind", k.key())).collect(),
            )
            .series(t("reports.col.activities"), r.by_kind.iter().map(|(_, n)| *n as f64).collect())
        })
    });
    let kind_table = Signal::derive(move || report.with(|(r, _)| r.by_kind_table()));
    let week_chart = Signal::derive(move || {
        report.with(|(r, _)| {
            let week = |n: u32| tf("reports.activities.week", &[("week", &format!("{n:02}"))]);
            Chart::new(ChartKind::Line, Unit::Count, r.by_week.iter().map(|w| week(w.iso_week)).collect())
                .series(t("reports.col.activities"), r.by_week.iter().map(|w| w.count as f64).collect())
        })
    });
    let week_table = Signal::derive(move || report.with(|(r, _)| r.by_week_table()));
    let owner_chart = Signal::derive(move || {
        report.with(|(r, _)| {
            let top: Vec<&(String, usize)> = r.by_owner.iter().take(12).collect();
            let owner = |o: &String| if o.is_empty() { t("reports.row.no_owner").to_string() } else { o.clone() };
            Chart::new(ChartKind::Bar, Unit::Count, top.iter().map(|(o, _)| owner(o)).collect())
                .series(t("reports.col.activities"), top.iter().map(|(_, n)| *n as f64).collect())
        })
    });
    let owner_table = Signal::derive(move || report.with(|(r, _)| r.by_owner_table()));
    let quiet_table = Signal::derive(move || state.data.with(|d| quiet.with(|q| q.first_rows(d, 100))));
    let quiet_full = Callback::new(move |()| state.data.with_untracked(|d| quiet.with_untracked(|q| q.to_table(d))));
    let quiet_count = Signal::derive(move || quiet.with(|q| q.count()));
    view! {
        <h2>{t("reports.activities.heading")}</h2>
        <ReportTableView title=t("reports.activities.summary") table=summary />
        <ChartFigure title=t("reports.activities.by_type") chart=kind_chart table=kind_table open=true />
        <ChartFigure title=t("reports.activities.by_week") chart=week_chart table=week_table />
        <ChartFigure title=t("reports.activities.by_owner") chart=owner_chart table=owner_table />
        <h3>{t("reports.activities.quiet")}</h3>
        <label>
            {t("reports.activities.quiet_days")}
            <input type="number" min="1" max="3650" prop:value=move || days.get().to_string()
                on:change=move |ev| {
                    if let Ok(n) = event_target_value(&ev).parse::<u32>() {
                        days.set(n.clamp(1, 3650));
                    }
                } />
        </label>
        <p>{move || {
            let (n, days) = (quiet.with(|q| q.count()), days.get() as usize);
            tnf("reports.activities.quiet_count", n, &[("days", &tn("reports.activities.days", days))])
        }}</p>
        <ReportTableView title=t("reports.activities.quiet") table=quiet_table full=(quiet_full, quiet_count) />
    }
}
