//! The pivot table: records of one kind counted or summed by two dimensions.

use leptos::prelude::*;

use crate::core::reports::pivot::{pivot, Dimension, Field, Measure, RecordKind};
use crate::core::reports::Cell;
use crate::state::{timed, AppState, ReportControls};
use crate::ui::components::charts::{Chart, ChartFigure, ChartKind, Unit};

const KINDS: [(RecordKind, &str); 4] = [
    (RecordKind::Contacts, "Contacts"),
    (RecordKind::Companies, "Companies"),
    (RecordKind::Deals, "Deals"),
    (RecordKind::Activities, "Activities"),
];

const DIMENSIONS: [(Dimension, &str); 8] = [
    (Dimension::Stage, "Stage"),
    (Dimension::Status, "Status"),
    (Dimension::Owner, "Owner"),
    (Dimension::Source, "Source"),
    (Dimension::Country, "Country"),
    (Dimension::Industry, "Industry"),
    (Dimension::Kind, "Activity type"),
    (Dimension::Month, "Month"),
];

const MEASURES: [(Measure, &str); 6] = [
    (Measure::Count, "Count"),
    (Measure::Sum(Field::Amount), "Sum of amount"),
    (Measure::Average(Field::Amount), "Average amount"),
    (Measure::Average(Field::Probability), "Average probability"),
    (Measure::Sum(Field::DurationMinutes), "Sum of duration (minutes)"),
    (Measure::Average(Field::DurationMinutes), "Average duration (minutes)"),
];

fn pick<T: Copy + PartialEq>(list: &[(T, &'static str)], label: &str) -> Option<T> {
    list.iter().find(|(_, l)| *l == label).map(|(v, _)| *v)
}

fn name_of<T: Copy + PartialEq>(list: &[(T, &'static str)], value: T) -> &'static str {
    list.iter().find(|(v, _)| *v == value).map_or("", |(_, l)| l)
}

#[component]
pub fn PivotView() -> impl IntoView {
    let state = AppState::expect();
    let controls = ReportControls::expect();
    let kind = RwSignal::new(RecordKind::Deals);
    let rows = RwSignal::new(Dimension::Stage);
    let cols = RwSignal::new(Some(Dimension::Status));
    let measure = RwSignal::new(Measure::Count);
    let result = Memo::new(move |_| {
        let (filter, period) = (controls.filter.get(), controls.period_or_this_year(state));
        let (kind, rows, cols, measure) = (kind.get(), rows.get(), cols.get(), measure.get());
        state.data.with(|d| {
            timed("report:pivot", || {
                let t = pivot(d, kind, rows, cols, measure, &period, controls.zone, &filter);
                t.to_table(name_of(&DIMENSIONS, rows))
            })
        })
    });
    let chart = Signal::derive(move || {
        result.with(|t| {
            let has_total = t.headers.last().is_some_and(|h| h == "Total") && t.headers.len() > 2;
            let value_cols = if has_total { t.headers.len() - 2 } else { t.headers.len() - 1 };
            let cats: Vec<String> = t.rows.iter().take(20).map(|r| r[0].plain()).collect();
            let kind = if value_cols > 1 { ChartKind::StackedBar } else { ChartKind::Bar };
            let unit =
                if t.rows.iter().flatten().any(|c| matches!(c, Cell::Money(_))) { Unit::Money } else { Unit::Count };
            (1..=value_cols.min(6)).fold(Chart::new(kind, unit, cats), |chart, c| {
                chart
                    .series(t.headers[c].clone(), t.rows.iter().take(20).map(|r| r[c].value().unwrap_or(0.0)).collect())
            })
        })
    });
    let table = Signal::derive(move || result.get());
    let choose =
        |label: &'static str, options: Vec<&'static str>, current: Signal<&'static str>, set: Callback<String>| {
            view! {
                <label>
                    {label}
                    <select prop:value=move || current.get() on:change=move |ev| set.run(event_target_value(&ev))>
                        {options.into_iter().map(|o| view! { <option value=o>{o}</option> }).collect_view()}
                    </select>
                </label>
            }
        };
    let mut col_options = vec!["(none)"];
    col_options.extend(DIMENSIONS.iter().map(|(_, l)| *l));
    view! {
        <h2>"Pivot table"</h2>
        <p class="muted">"Records dated in the period (contacts, companies and deals by creation, activities by their date) that match the filters."</p>
        <div class="pivot-controls">
            {choose("Records", KINDS.iter().map(|(_, l)| *l).collect(), Signal::derive(move || name_of(&KINDS, kind.get())),
                Callback::new(move |v: String| if let Some(k) = pick(&KINDS, &v) { kind.set(k) }))}
            {choose("Rows", DIMENSIONS.iter().map(|(_, l)| *l).collect(), Signal::derive(move || name_of(&DIMENSIONS, rows.get())),
                Callback::new(move |v: String| if let Some(r) = pick(&DIMENSIONS, &v) { rows.set(r) }))}
            {choose("Columns", col_options, Signal::derive(move || cols.get().map_or("(none)", |c| name_of(&DIMENSIONS, c))),
                Callback::new(move |v: String| cols.set(pick(&DIMENSIONS, &v))))}
            {choose("Measure", MEASURES.iter().map(|(_, l)| *l).collect(), Signal::derive(move || name_of(&MEASURES, measure.get())),
                Callback::new(move |v: String| if let Some(m) = pick(&MEASURES, &v) { measure.set(m) }))}
        </div>
        <ChartFigure title="Pivot" chart=chart table=table open=true limit=200 />
    }
}
