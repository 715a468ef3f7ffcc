//! The activities report: by type, week and owner, and the contacts not
//! contacted lately.

use leptos::prelude::*;

use crate::state::{timed, AppState, ReportControls};
use crate::ui::components::charts::{Chart, ChartFigure, ChartKind, ReportTableView, Unit};

use super::summary::{compared, with_previous};
use crate::core::reports::activity::{activities, not_contacted_with};
use crate::core::reports::Cell;
use crate::ui::format::count_of;

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
                    "Activities".into(),
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
            Chart::new(ChartKind::Bar, Unit::Count, r.by_kind.iter().map(|(k, _)| k.label().to_string()).collect())
                .series("Activities", r.by_kind.iter().map(|(_, n)| *n as f64).collect())
        })
    });
    let kind_table = Signal::derive(move || report.with(|(r, _)| r.by_kind_table()));
    let week_chart = Signal::derive(move || {
        report.with(|(r, _)| {
            Chart::new(ChartKind::Line, Unit::Count, r.by_week.iter().map(|w| format!("W{:02}", w.iso_week)).collect())
                .series("Activities", r.by_week.iter().map(|w| w.count as f64).collect())
        })
    });
    let week_table = Signal::derive(move || report.with(|(r, _)| r.by_week_table()));
    let owner_chart = Signal::derive(move || {
        report.with(|(r, _)| {
            let top: Vec<&(String, usize)> = r.by_owner.iter().take(12).collect();
            let label = |o: &String| if o.is_empty() { "(no owner)".to_string() } else { o.clone() };
            Chart::new(ChartKind::Bar, Unit::Count, top.iter().map(|(o, _)| label(o)).collect())
                .series("Activities", top.iter().map(|(_, n)| *n as f64).collect())
        })
    });
    let owner_table = Signal::derive(move || report.with(|(r, _)| r.by_owner_table()));
    let quiet_table = Signal::derive(move || state.data.with(|d| quiet.with(|q| q.first_rows(d, 100))));
    let quiet_full = Callback::new(move |()| state.data.with_untracked(|d| quiet.with_untracked(|q| q.to_table(d))));
    let quiet_count = Signal::derive(move || quiet.with(|q| q.count()));
    view! {
        <h2>"Activities"</h2>
        <ReportTableView title="Activities summary" table=summary />
        <ChartFigure title="Activities by type" chart=kind_chart table=kind_table open=true />
        <ChartFigure title="Activities by week" chart=week_chart table=week_table />
        <ChartFigure title="Activities by owner" chart=owner_chart table=owner_table />
        <h3>"Contacts not contacted lately"</h3>
        <label>
            "Not contacted for at least (days)"
            <input type="number" min="1" max="3650" prop:value=move || days.get().to_string()
                on:change=move |ev| {
                    if let Ok(n) = event_target_value(&ev).parse::<u32>() {
                        days.set(n.clamp(1, 3650));
                    }
                } />
        </label>
        <p>{move || {
            let (n, days) = (quiet.with(|q| q.count()), days.get() as usize);
            let have = if n == 1 { "has" } else { "have" };
            format!("{} {have} had no call, email or meeting for {} or more.", count_of(n, "contact", "contacts"), count_of(days, "day", "days"))
        }}</p>
        <ReportTableView title="Contacts not contacted lately" table=quiet_table full=(quiet_full, quiet_count) />
    }
}
