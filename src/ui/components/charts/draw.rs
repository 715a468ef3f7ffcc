//! The SVG drawing of a chart: bars, stacked bars, lines and a funnel, with a
//! `<title>` tooltip on every mark and colours from the theme's CSS
//! variables.

use leptos::prelude::*;

use super::chart::{Chart, ChartKind, Unit, H, SERIES, W};
use crate::core::display::number;
use crate::ui::format::locale;
use crate::ui::text::{t, tf};

/// A value in a tooltip: a whole number (amounts are in whole units).
fn value_text(_unit: Unit, v: f64) -> String {
    number::integer(locale(), v.round() as i64)
}

/// Short axis labels in the locale: 1.2k, 3.4M ("1,2 Tsd.", "3,4 Mio.").
fn short(v: f64) -> String {
    let a = v.abs();
    let l = locale();
    if a >= 1e6 {
        tf("reports.chart.millions", &[("n", &number::decimal(l, v / 1e6, 1))])
    } else if a >= 1e3 {
        tf("reports.chart.thousands", &[("n", &number::decimal(l, v / 1e3, 1))])
    } else if v.fract().abs() >= 0.05 {
        number::decimal(l, v, 1)
    } else {
        number::integer(l, v.round() as i64)
    }
}

/// A mark's tooltip: "March 2026 — Won: 3".
fn tip(category: &str, series: &str, value: String) -> String {
    tf("reports.chart.tip", &[("category", category), ("series", series), ("value", &value)])
}

pub(super) fn colour(i: usize) -> String {
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
pub(super) fn svg_view(chart: &Chart, title: &str, id: &str) -> AnyView {
    let label = tf("reports.chart.label", &[("title", title)]);
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
    view! { <text x=W / 2.0 y=H / 2.0 text-anchor="middle" fill="var(--muted)">{t("reports.chart.no_data")}</text> }
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
            let tip = tip(cat, &s.name, value_text(chart.unit, v));
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
            let tip = tip(cat, &s.name, value_text(chart.unit, v));
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
            let tip = tip(chart.categories.get(ci).map_or("", |c| c.as_str()), &s.name, value_text(chart.unit, v));
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
        let tip = tf("reports.chart.tip_single", &[("category", cat), ("value", &value_text(chart.unit, v))]);
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
