//! The pivot table: records of one kind counted or summed by two dimensions.

use leptos::prelude::*;

use crate::core::reports::pivot::{pivot, Dimension, Field, Measure, RecordKind};
use crate::core::reports::Cell;
use crate::state::{timed, AppState, ReportControls};
use crate::ui::components::charts::{Chart, ChartFigure, ChartKind, Unit};
use crate::ui::format::locale;
use crate::ui::text::t;

// The choices by their catalogue keys (the select's values; the text is
// `t(key)`).
const KINDS: [(RecordKind, &str); 4] = [
    (RecordKind::Contacts, "reports.pivot.kind.contacts"),
    (RecordKind::Companies, "reports.pivot.kind.companies"),
    (RecordKind::Deals, "reports.pivot.kind.deals"),
    (RecordKind::Activities, "reports.pivot.kind.activities"),
];

const DIMENSIONS: [(Dimension, &str); 8] = [
    (Dimension::Stage, "reports.pivot.dim.stage"),
    (Dimension::Status, "reports.pivot.dim.status"),
    (Dimension::Owner, "reports.pivot.dim.owner"),
    (Dimension::Source, "reports.pivot.dim.source"),
    (Dimension::Country, "reports.pivot.dim.country"),
    (Dimension::Industry, "reports.pivot.dim.industry"),
    (Dimension::Kind, "reports.pivot.dim.activity_type"),
    (Dimension::Month, "reports.pivot.dim.month"),
];

const MEASURES: [(Measure, &str); 6] = [
    (Measure::Count, "reports.pivot.measure.count"),
    (Measure::Sum(Field::Amount), "reports.pivot.measure.sum_amount"),
    (Measure::Average(Field::Amount), "reports.pivot.measure.average_amount"),
    (Measure::Average(Field::Probability), "reports.pivot.measure.average_probability"),
    (Measure::Sum(Field::DurationMinutes), "reports.pivot.measure.sum_duration"),
    (Measure::Average(Field::DurationMinutes), "reports.pivot.measure.average_duration"),
];

/// The "no column dimension" choice.
const NO_COLUMNS: &str = "reports.pivot.dim.none";

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
            let l = locale();
            let is_total = |h: &Cell| matches!(h, Cell::Term("reports.row.total" | "reports.col.total_in_currency"));
            let has_total = t.headers.last().is_some_and(is_total) && t.headers.len() > 2;
            let value_cols = if has_total { t.headers.len() - 2 } else { t.headers.len() - 1 };
            let cats: Vec<String> = t.rows.iter().take(20).map(|r| r[0].shown(l, &t.currency)).collect();
            let kind = if value_cols > 1 { ChartKind::StackedBar } else { ChartKind::Bar };
            let unit =
                if t.rows.iter().flatten().any(|c| matches!(c, Cell::Money(_))) { Unit::Money } else { Unit::Count };
            (1..=value_cols.min(6)).fold(Chart::new(kind, unit, cats), |chart, c| {
                chart.series(
                    t.headers[c].shown(l, &t.currency),
                    t.rows.iter().take(20).map(|r| r[c].value().unwrap_or(0.0)).collect(),
                )
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
                        {options.into_iter().map(|o| view! { <option value=o>{t(o)}</option> }).collect_view()}
                    </select>
                </label>
            }
        };
    let mut col_options = vec![NO_COLUMNS];
    col_options.extend(DIMENSIONS.iter().map(|(_, l)| *l));
    view! {
        <h2>{t("reports.pivot.heading")}</h2>
        <p class="muted">{t("reports.pivot.intro")}</p>
        <div class="pivot-controls">
            {choose(t("reports.pivot.records"), KINDS.iter().map(|(_, l)| *l).collect(), Signal::derive(move || name_of(&KINDS, kind.get())),
                Callback::new(move |v: String| if let Some(k) = pick(&KINDS, &v) { kind.set(k) }))}
            {choose(t("reports.pivot.rows"), DIMENSIONS.iter().map(|(_, l)| *l).collect(), Signal::derive(move || name_of(&DIMENSIONS, rows.get())),
                Callback::new(move |v: String| if let Some(r) = pick(&DIMENSIONS, &v) { rows.set(r) }))}
            {choose(t("reports.pivot.columns"), col_options, Signal::derive(move || cols.get().map_or(NO_COLUMNS, |c| name_of(&DIMENSIONS, c))),
                Callback::new(move |v: String| cols.set(pick(&DIMENSIONS, &v))))}
            {choose(t("reports.pivot.measure"), MEASURES.iter().map(|(_, l)| *l).collect(), Signal::derive(move || name_of(&MEASURES, measure.get())),
                Callback::new(move |v: String| if let Some(m) = pick(&MEASURES, &v) { measure.set(m) }))}
        </div>
        <ChartFigure title=t("reports.pivot.chart") chart=chart table=table open=true limit=200 />
    }
}
