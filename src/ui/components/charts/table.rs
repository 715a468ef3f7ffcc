//! A report table (the numbers a chart shows, or a report's own table) with
//! its CSV download.

use leptos::prelude::*;

use crate::core::reports::ReportTable;
use crate::state::{AppState, NoticeKind};
use crate::ui::download::download;
use crate::ui::format::{locale, thousands};
use crate::ui::text::{t, tf};

/// A file-name stem from a title: "Pipeline by stage" → "pipeline-by-stage".
pub fn file_stem(title: &str) -> String {
    let mut out = String::new();
    for ch in title.chars() {
        if ch.is_alphanumeric() {
            out.extend(ch.to_lowercase());
        } else if !out.ends_with('-') && !out.is_empty() {
            out.push('-');
        }
    }
    out.trim_end_matches('-').to_string()
}

/// The report's table (the numbers the chart shows) with a CSV download.
#[component]
pub fn ReportTableView(
    #[prop(into)] title: String,
    table: Signal<ReportTable>,
    /// Rows shown on screen; the CSV always has every row.
    #[prop(optional)]
    limit: Option<usize>,
    /// When `table` holds only the first rows of a long list: the whole
    /// table for the CSV (built on download) and its row count.
    #[prop(optional)]
    full: Option<(Callback<(), ReportTable>, Signal<usize>)>,
) -> impl IntoView {
    let state = AppState::expect();
    let caption = title.clone();
    let region_label = tf("reports.table.region", &[("title", &title)]);
    let stem = file_stem(&title);
    let csv_label = tf("reports.table.csv_label", &[("title", &title)]);
    let save_csv = move |_| {
        let csv = match full {
            Some((whole, _)) => whole.run(()).to_csv(),
            None => table.with_untracked(ReportTable::to_csv),
        };
        if let Err(e) = download(&format!("{stem}.csv"), "text/csv;charset=utf-8", &csv) {
            state.notify(NoticeKind::Error, tf("reports.table.csv_failed", &[("error", &e)]));
        }
    };
    let limit = limit.unwrap_or(usize::MAX);
    view! {
        <div class="report-table">
            // A wide table scrolls sideways; the scrolling box can be reached
            // by keyboard.
            <div class="table-scroll" tabindex="0" role="region" aria-label=region_label>
            <table>
                <caption>{caption}</caption>
                <thead>
                    <tr>{move || table.with(|t| t.shown_headers(locale()).into_iter().map(|h| view! { <th scope="col">{h}</th> }).collect_view())}</tr>
                </thead>
                <tbody>
                    {move || table.with(|t| {
                        let locale = locale();
                        t.rows
                            .iter()
                            .take(limit)
                            .map(|r| {
                                let mut cells = r.iter().map(|c| (c.shown(locale, &t.currency), c.is_number()));
                                let first = cells.next().map(|(text, _)| text).unwrap_or_default();
                                view! {
                                    <tr>
                                        <th scope="row">{first}</th>
                                        {cells.map(|(text, is_number)| view! { <td class:text=!is_number>{text}</td> }).collect_view()}
                                    </tr>
                                }
                            })
                            .collect_view()
                    })}
                </tbody>
            </table>
            </div>
            {move || {
                let shown = table.with(|t| t.rows.len()).min(limit);
                let n = full.map_or_else(|| table.with(|t| t.rows.len()), |(_, rows)| rows.get());
                (n > shown).then(|| {
                    let text = tf("reports.table.first_rows", &[("shown", &thousands(shown)), ("total", &thousands(n))]);
                    view! { <p class="muted">{text}</p> }
                })
            }}
            <button type="button" on:click=save_csv aria-label=csv_label>{t("reports.table.download_csv")}</button>
        </div>
    }
}
