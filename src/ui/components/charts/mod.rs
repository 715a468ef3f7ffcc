//! Charts as inline SVG (bar, stacked bar, line, funnel) with a legend,
//! a tooltip per mark (`<title>`), colours from CSS variables so they follow
//! the theme, a table of the same numbers, and CSV / SVG / PNG downloads.
//!
//! The SVG has `role="img"` and a label that names the chart; the table under
//! "Show the numbers" carries the figures for screen readers and is what the
//! CSV holds.

use leptos::prelude::*;
use wasm_bindgen::closure::Closure;
use wasm_bindgen::JsCast;

use crate::core::display::thousands;
use crate::core::reports::ReportTable;
use crate::state::{AppState, NoticeKind};
use crate::ui::download::{download, download_blob, text_blob};

/// Width and height of every chart's drawing, in SVG units.
const W: f64 = 720.0;
const H: f64 = 300.0;
/// Series colours, as CSS variables defined for both themes.
const SERIES: usize = 6;

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ChartKind {
    /// Horizontal bars, one group per category (long labels read well).
    Bar,
    /// Vertical bars stacked per category (months, weeks).
    StackedBar,
    /// One line per series over the categories.
    Line,
    /// Centred bars narrowing stage by stage.
    Funnel,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Unit {
    Count,
    /// Amounts in cents of the named currency are given in whole units.
    Money,
}

#[derive(Clone, Debug, PartialEq)]
pub struct Series {
    pub name: String,
    pub values: Vec<f64>,
}

#[derive(Clone, Debug, PartialEq)]
pub struct Chart {
    pub kind: ChartKind,
    pub unit: Unit,
    pub categories: Vec<String>,
    pub series: Vec<Series>,
}

impl Chart {
    pub fn new(kind: ChartKind, unit: Unit, categories: Vec<String>) -> Chart {
        Chart { kind, unit, categories, series: Vec::new() }
    }

    pub fn series(mut self, name: impl Into<String>, values: Vec<f64>) -> Chart {
        self.series.push(Series { name: name.into(), values });
        self
    }
}

fn value_text(_unit: Unit, v: f64) -> String {
    let n = v.round() as i64;
    let digits = thousands(n.unsigned_abs() as usize);
    if n < 0 {
        format!("-{digits}")
    } else {
        digits
    }
}

/// Short axis labels: 1.2k, 3.4M.
fn short(v: f64) -> String {
    let a = v.abs();
    if a >= 1e6 {
        format!("{:.1}M", v / 1e6)
    } else if a >= 1e3 {
        format!("{:.1}k", v / 1e3)
    } else if v.fract().abs() >= 0.05 {
        format!("{v:.1}")
    } else {
        format!("{}", v.round())
    }
}

fn colour(i: usize) -> String {
    format!("var(--chart-{})", i % SERIES)
}

/// A "nice" maximum for the axis: 1, 2 or 5 times a power of ten.
fn nice_max(max: f64) -> f64 {
    if max <= 0.0 {
        return 1.0;
    }
    let p = 10f64.powf(max.log10().floor());
    [1.0, 2.0, 5.0, 10.0].iter().map(|m| m * p).find(|&m| m >= max).unwrap_or(10.0 * p)
}

/// The chart's SVG drawing.
fn svg_view(chart: &Chart, title: &str, id: &str) -> AnyView {
    let label = format!("Chart: {title}. The numbers are in the table below it.");
    let body = match chart.kind {
        ChartKind::Bar => bars(chart),
        ChartKind::StackedBar => stacked(chart),
        ChartKind::Line => lines(chart),
        ChartKind::Funnel => funnel(chart),
    };
    view! {
        <svg xmlns="http://www.w3.org/2000/svg" class="chart" id=id.to_string() viewBox=format!("0 0 {W} {H}")
            role="img" aria-label=label width=W height=H font-family="system-ui, sans-serif" font-size="12">
            <rect x="0" y="0" width=W height=H fill="var(--bg)" />
            {body}
        </svg>
    }
    .into_any()
}

fn empty_note() -> AnyView {
    view! { <text x=W / 2.0 y=H / 2.0 text-anchor="middle" fill="var(--muted)">"No data in this period"</text> }
        .into_any()
}

fn all_zero(chart: &Chart) -> bool {
    chart.series.iter().all(|s| s.values.iter().all(|v| *v == 0.0))
}

fn bars(chart: &Chart) -> AnyView {
    if chart.categories.is_empty() || all_zero(chart) {
        return empty_note();
    }
    let (left, right, top, bottom) = (190.0, 60.0, 10.0, 10.0);
    let max = nice_max(chart.series.iter().flat_map(|s| s.values.iter().copied()).fold(0.0, f64::max));
    let band = (H - top - bottom) / chart.categories.len() as f64;
    let m = chart.series.len().max(1) as f64;
    let bar_h = (band * 0.8 / m).min(28.0);
    let scale = (W - left - right) / max;
    let mut marks = Vec::new();
    for (ci, cat) in chart.categories.iter().enumerate() {
        let y0 = top + band * ci as f64 + (band - bar_h * m) / 2.0;
        let label = truncate(cat, 26);
        marks.push(
            view! {
                <text x=left - 8.0 y=y0 + bar_h * m / 2.0 + 4.0 text-anchor="end" fill="var(--fg)">{label}</text>
            }
            .into_any(),
        );
        for (si, s) in chart.series.iter().enumerate() {
            let v = s.values.get(ci).copied().unwrap_or(0.0);
            let y = y0 + bar_h * si as f64;
            let w = (v.max(0.0) * scale).max(if v > 0.0 { 1.0 } else { 0.0 });
            let tip = format!("{cat} — {}: {}", s.name, value_text(chart.unit, v));
            let text = short(v);
            marks.push(
                view! {
                    <g>
                        <title>{tip}</title>
                        <rect x=left y=y width=w height=bar_h - 2.0 fill=colour(si) />
                        <text x=left + w + 4.0 y=y + bar_h / 2.0 + 3.0 fill="var(--muted)">{text}</text>
                    </g>
                }
                .into_any(),
            );
        }
    }
    marks.into_any()
}

fn stacked(chart: &Chart) -> AnyView {
    if chart.categories.is_empty() || all_zero(chart) {
        return empty_note();
    }
    let (left, right, top, bottom) = (56.0, 10.0, 10.0, 40.0);
    let n = chart.categories.len();
    let totals: Vec<f64> =
        (0..n).map(|ci| chart.series.iter().map(|s| s.values.get(ci).copied().unwrap_or(0.0).max(0.0)).sum()).collect();
    let max = nice_max(totals.iter().copied().fold(0.0, f64::max));
    let plot_h = H - top - bottom;
    let band = (W - left - right) / n as f64;
    let bar_w = (band * 0.7).min(60.0);
    let mut marks = axis_y(left, top, plot_h, max);
    let every = n.div_ceil(12).max(1);
    for (ci, cat) in chart.categories.iter().enumerate() {
        let x = left + band * ci as f64 + (band - bar_w) / 2.0;
        let mut y = top + plot_h;
        for (si, s) in chart.series.iter().enumerate() {
            let v = s.values.get(ci).copied().unwrap_or(0.0).max(0.0);
            let h = v / max * plot_h;
            y -= h;
            let tip = format!("{cat} — {}: {}", s.name, value_text(chart.unit, v));
            marks.push(
                view! {
                    <g>
                        <title>{tip}</title>
                        <rect x=x y=y width=bar_w height=h fill=colour(si) />
                    </g>
                }
                .into_any(),
            );
        }
        if ci % every == 0 {
            let label = truncate(cat, 10);
            marks.push(
                view! {
                    <text x=x + bar_w / 2.0 y=H - bottom + 16.0 text-anchor="middle" fill="var(--fg)">{label}</text>
                }
                .into_any(),
            );
        }
    }
    marks.into_any()
}

fn lines(chart: &Chart) -> AnyView {
    if chart.categories.is_empty() || all_zero(chart) {
        return empty_note();
    }
    let (left, right, top, bottom) = (56.0, 16.0, 10.0, 40.0);
    let n = chart.categories.len();
    let max = nice_max(chart.series.iter().flat_map(|s| s.values.iter().copied()).fold(0.0, f64::max));
    let plot_h = H - top - bottom;
    let step = if n > 1 { (W - left - right) / (n - 1) as f64 } else { 0.0 };
    let x_of = |i: usize| if n > 1 { left + step * i as f64 } else { (W + left - right) / 2.0 };
    let y_of = |v: f64| top + plot_h - v.max(0.0) / max * plot_h;
    let mut marks = axis_y(left, top, plot_h, max);
    let every = n.div_ceil(12).max(1);
    for (ci, cat) in chart.categories.iter().enumerate() {
        if ci % every == 0 {
            let label = truncate(cat, 10);
            marks.push(
                view! { <text x=x_of(ci) y=H - bottom + 16.0 text-anchor="middle" fill="var(--fg)">{label}</text> }
                    .into_any(),
            );
        }
    }
    for (si, s) in chart.series.iter().enumerate() {
        let points: Vec<String> =
            s.values.iter().enumerate().map(|(i, &v)| format!("{:.1},{:.1}", x_of(i), y_of(v))).collect();
        marks.push(
            view! { <polyline points=points.join(" ") fill="none" stroke=colour(si) stroke-width="2" /> }.into_any(),
        );
        for (ci, &v) in s.values.iter().enumerate() {
            let tip = format!(
                "{} — {}: {}",
                chart.categories.get(ci).cloned().unwrap_or_default(),
                s.name,
                value_text(chart.unit, v)
            );
            marks.push(
                view! {
                    <g>
                        <title>{tip}</title>
                        <circle cx=x_of(ci) cy=y_of(v) r="4" fill=colour(si) />
                    </g>
                }
                .into_any(),
            );
        }
    }
    marks.into_any()
}

fn funnel(chart: &Chart) -> AnyView {
    let Some(s) = chart.series.first() else { return empty_note() };
    if all_zero(chart) {
        return empty_note();
    }
    let (top, bottom) = (10.0, 10.0);
    let n = chart.categories.len().max(1);
    let band = (H - top - bottom) / n as f64;
    let max = s.values.iter().copied().fold(0.0, f64::max).max(1.0);
    let full = W - 340.0;
    let mut marks = Vec::new();
    for (ci, cat) in chart.categories.iter().enumerate() {
        let v = s.values.get(ci).copied().unwrap_or(0.0);
        let w = (v / max * full).max(2.0);
        let x = 170.0 + (full - w) / 2.0;
        let y = top + band * ci as f64 + band * 0.1;
        let tip = format!("{cat}: {}", value_text(chart.unit, v));
        let label = cat.clone();
        let text = value_text(chart.unit, v);
        marks.push(
            view! {
                <g>
                    <title>{tip}</title>
                    <text x="162" y=y + band * 0.4 + 4.0 text-anchor="end" fill="var(--fg)">{label}</text>
                    <rect x=x y=y width=w height=band * 0.8 fill=colour(ci) />
                    <text x=170.0 + full + 8.0 y=y + band * 0.4 + 4.0 fill="var(--muted)">{text}</text>
                </g>
            }
            .into_any(),
        );
    }
    marks.into_any()
}

/// The vertical axis: five steps of a "nice" maximum, with short labels.
fn axis_y(left: f64, top: f64, plot_h: f64, max: f64) -> Vec<AnyView> {
    (0..=5)
        .map(|i| {
            let v = max * f64::from(i) / 5.0;
            let y = top + plot_h - plot_h * f64::from(i) / 5.0;
            view! {
                <g>
                    <line x1=left x2=W - 10.0 y1=y y2=y stroke="var(--line)" stroke-width="1" />
                    <text x=left - 6.0 y=y + 4.0 text-anchor="end" fill="var(--muted)">{short(v)}</text>
                </g>
            }
            .into_any()
        })
        .collect()
}

fn truncate(text: &str, max: usize) -> String {
    if text.chars().count() <= max {
        text.to_string()
    } else {
        format!("{}…", text.chars().take(max - 1).collect::<String>())
    }
}

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
    let stem = file_stem(&title);
    let csv_label = format!("Download {title} as CSV");
    let save_csv = move |_| {
        let csv = match full {
            Some((whole, _)) => whole.run(()).to_csv(),
            None => table.with_untracked(ReportTable::to_csv),
        };
        if let Err(e) = download(&format!("{stem}.csv"), "text/csv;charset=utf-8", &csv) {
            state.notify(NoticeKind::Error, format!("The CSV could not be saved: {e}"));
        }
    };
    let limit = limit.unwrap_or(usize::MAX);
    view! {
        <div class="report-table">
            <table>
                <caption>{caption}</caption>
                <thead>
                    <tr>{move || table.with(|t| t.headers.iter().map(|h| view! { <th scope="col">{h.clone()}</th> }).collect_view())}</tr>
                </thead>
                <tbody>
                    {move || table.with(|t| {
                        t.rows
                            .iter()
                            .take(limit)
                            .map(|r| {
                                let mut cells = r.iter();
                                let first = cells.next().cloned().unwrap_or_default();
                                view! {
                                    <tr>
                                        <th scope="row">{first}</th>
                                        {cells.map(|c| view! { <td>{c.clone()}</td> }).collect_view()}
                                    </tr>
                                }
                            })
                            .collect_view()
                    })}
                </tbody>
            </table>
            {move || {
                let shown = table.with(|t| t.rows.len()).min(limit);
                let n = full.map_or_else(|| table.with(|t| t.rows.len()), |(_, rows)| rows.get());
                (n > shown).then(|| {
                    view! { <p class="muted">{format!("The first {shown} of {} rows; the CSV has them all.", thousands(n))}</p> }
                })
            }}
            <button type="button" on:click=save_csv aria-label=csv_label>"Download CSV"</button>
        </div>
    }
}

/// A chart with its legend, SVG and PNG downloads, and its table under
/// "Show the numbers" (with the CSV download).
#[component]
pub fn ChartFigure(
    #[prop(into)] title: String,
    chart: Signal<Chart>,
    table: Signal<ReportTable>,
    /// Open the table at once (the screen-reader view is always in the page).
    #[prop(optional)]
    open: bool,
    #[prop(optional)] limit: Option<usize>,
) -> impl IntoView {
    let state = AppState::expect();
    let id = format!("chart-{}", file_stem(&title));
    let heading = title.clone();
    let stem = file_stem(&title);
    let (svg_id, png_id) = (id.clone(), id.clone());
    let (svg_stem, png_stem) = (stem.clone(), stem);
    let save_svg = move |_| {
        if let Err(e) = svg_text(&svg_id).and_then(|text| download(&format!("{svg_stem}.svg"), "image/svg+xml", &text))
        {
            state.notify(NoticeKind::Error, format!("The SVG could not be saved: {e}"));
        }
    };
    let save_png = move |_| {
        if let Err(e) = save_as_png(&png_id, &format!("{png_stem}.png")) {
            state.notify(NoticeKind::Error, format!("The PNG could not be saved: {e}"));
        }
    };
    let chart_title = title.clone();
    let chart_id = id.clone();
    let svg_label = format!("Download {title} as SVG");
    let png_label = format!("Download {title} as PNG");
    let summary = format!("Show the numbers: {title}");
    view! {
        <figure class="chart-figure" data-chart=id.clone()>
            <figcaption><h3>{heading}</h3></figcaption>
            {move || chart.with(|c| svg_view(c, &chart_title, &chart_id))}
            <ul class="legend" aria-label="Legend">
                {move || chart.with(|c| {
                    let names: Vec<String> = if c.kind == ChartKind::Funnel {
                        Vec::new()
                    } else {
                        c.series.iter().map(|s| s.name.clone()).collect()
                    };
                    names
                        .into_iter()
                        .enumerate()
                        .map(|(i, n)| view! { <li><span class="swatch" style=format!("background: {}", colour(i))></span>{n}</li> })
                        .collect_view()
                })}
            </ul>
            <div class="chart-actions">
                <button type="button" on:click=save_svg aria-label=svg_label>"Download SVG"</button>
                <button type="button" on:click=save_png aria-label=png_label>"Download PNG"</button>
            </div>
            <details open=open>
                <summary>{summary}</summary>
                <ReportTableView title=title table=table limit=limit.unwrap_or(usize::MAX) />
            </details>
        </figure>
    }
}

/// The chart's SVG as a standalone file: the theme's CSS variables are
/// replaced by the colours they have now.
fn svg_text(id: &str) -> Result<String, String> {
    let window = web_sys::window().ok_or("no window")?;
    let document = window.document().ok_or("no document")?;
    let svg = document.get_element_by_id(id).ok_or("the chart is not on the page")?;
    let mut text = svg.outer_html();
    let root = document.document_element().ok_or("no root element")?;
    let style = window.get_computed_style(&root).ok().flatten().ok_or("no computed style")?;
    let names: Vec<String> = (0..SERIES)
        .map(|i| format!("--chart-{i}"))
        .chain(["--bg", "--fg", "--muted", "--line"].map(String::from))
        .collect();
    for name in names {
        let value = style.get_property_value(&name).unwrap_or_default();
        let value = value.trim();
        if !value.is_empty() {
            text = text.replace(&format!("var({name})"), value);
        }
    }
    Ok(format!("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n{text}"))
}

/// Draws the chart's SVG on a canvas at twice its size and saves it as PNG.
fn save_as_png(id: &str, filename: &str) -> Result<(), String> {
    let err = |e: wasm_bindgen::JsValue| format!("{e:?}");
    let text = svg_text(id)?;
    let document = web_sys::window().and_then(|w| w.document()).ok_or("no document")?;
    let blob = text_blob("image/svg+xml", &text)?;
    let url = web_sys::Url::create_object_url_with_blob(&blob).map_err(err)?;
    let image = web_sys::HtmlImageElement::new().map_err(err)?;
    let canvas: web_sys::HtmlCanvasElement = document.create_element("canvas").map_err(err)?.unchecked_into();
    let (scale, filename) = (2.0, filename.to_string());
    canvas.set_width((W * scale) as u32);
    canvas.set_height((H * scale) as u32);
    let loaded = image.clone();
    let url_done = url.clone();
    let onload = Closure::once_into_js(move || {
        let _ = web_sys::Url::revoke_object_url(&url_done);
        let Some(ctx) = canvas
            .get_context("2d")
            .ok()
            .flatten()
            .and_then(|c| c.dyn_into::<web_sys::CanvasRenderingContext2d>().ok())
        else {
            return;
        };
        let _ = ctx.draw_image_with_html_image_element_and_dw_and_dh(&loaded, 0.0, 0.0, W * scale, H * scale);
        let on_blob = Closure::once_into_js(move |blob: Option<web_sys::Blob>| {
            if let Some(blob) = blob {
                let _ = download_blob(&filename, &blob);
            }
        });
        let _ = canvas.to_blob(on_blob.unchecked_ref());
    });
    image.set_onload(Some(onload.unchecked_ref()));
    image.set_src(&url);
    Ok(())
}
