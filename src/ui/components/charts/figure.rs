//! A chart as a figure: its drawing, legend, SVG and PNG downloads, and its
//! numbers under "Show the numbers".

use leptos::prelude::*;
use wasm_bindgen::closure::Closure;
use wasm_bindgen::JsCast;

use super::chart::{Chart, ChartKind, H, SERIES, W};
use super::draw::{colour, svg_view};
use super::table::{file_stem, ReportTableView};
use crate::core::reports::ReportTable;
use crate::state::{AppState, NoticeKind};
use crate::ui::download::{download, download_blob, text_blob};
use crate::ui::text::{t, tf};

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
            state.notify(NoticeKind::Error, tf("reports.chart.svg_failed", &[("error", &e)]));
        }
    };
    let save_png = move |_| {
        if let Err(e) = save_as_png(&png_id, &format!("{png_stem}.png")) {
            state.notify(NoticeKind::Error, tf("reports.chart.png_failed", &[("error", &e)]));
        }
    };
    let chart_title = title.clone();
    let chart_id = id.clone();
    let svg_label = tf("reports.chart.svg_label", &[("title", &title)]);
    let png_label = tf("reports.chart.png_label", &[("title", &title)]);
    let summary = tf("reports.chart.show_numbers", &[("title", &title)]);
    view! {
        <figure class="chart-figure" data-chart=id.clone()>
            <figcaption><h3>{heading}</h3></figcaption>
            {move || chart.with(|c| svg_view(c, &chart_title, &chart_id))}
            <ul class="legend" aria-label=t("reports.chart.legend")>
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
                <button type="button" on:click=save_svg aria-label=svg_label>{t("reports.chart.download_svg")}</button>
                <button type="button" on:click=save_png aria-label=png_label>{t("reports.chart.download_png")}</button>
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
    let window = web_sys::window().ok_or(t("reports.chart.page_unavailable"))?;
    let document = window.document().ok_or(t("reports.chart.page_unavailable"))?;
    let svg = document.get_element_by_id(id).ok_or(t("reports.chart.not_on_page"))?;
    let mut text = svg.outer_html();
    let root = document.document_element().ok_or(t("reports.chart.page_unavailable"))?;
    let style = window.get_computed_style(&root).ok().flatten().ok_or(t("reports.chart.page_unavailable"))?;
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
    let document = web_sys::window().and_then(|w| w.document()).ok_or(t("reports.chart.page_unavailable"))?;
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
