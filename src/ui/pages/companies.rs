//! The companies list with search.

use leptos::prelude::*;
use leptos_router::hooks::{use_navigate, use_query_map};
use leptos_router::NavigateOptions;

use crate::core::export::companies_csv;
use crate::core::lists::with_tag_companies;
use crate::state::AppState;
use crate::ui::components::tag_chips::TagFilter;
use crate::ui::components::virtual_list::VirtualList;
use crate::ui::download::save_csv;
use crate::ui::format::encode;
use crate::ui::paths::link;
use crate::ui::text::{label, t, tn};

const ROW_HEIGHT: f64 = 48.0;

#[component]
pub fn CompaniesPage() -> impl IntoView {
    let state = AppState::expect();
    let navigate = use_navigate();
    let query = use_query_map();
    let q = RwSignal::new(query.with_untracked(|m| m.get("q").unwrap_or_default()));
    Effect::new({
        let navigate = navigate.clone();
        move |prev: Option<()>| {
            let q = q.get();
            if prev.is_some() {
                let url = if q.is_empty() { "/companies".to_string() } else { format!("/companies?q={}", encode(&q)) };
                navigate(&url, NavigateOptions { replace: true, scroll: false, ..Default::default() });
            }
        }
    });
    let tag = RwSignal::new(String::new());
    let matches =
        Memo::new(move |_| state.data.with(|d| with_tag_companies(d, &d.query_companies(&q.get()), &tag.get())));
    let new_company = move |_| navigate("/companies/new", Default::default());
    view! {
        <div class="page-header">
            <h1>{t("companies.list.title")}</h1>
            <button type="button" class="primary" on:click=new_company>{t("companies.new")}</button>
        </div>
        <div class="toolbar">
            <input
                type="search"
                class="search"
                aria-label=t("companies.list.search")
                placeholder=t("companies.list.search_placeholder")
                prop:value=move || q.get()
                on:input=move |ev| q.set(event_target_value(&ev))
            />
            <TagFilter value=tag />
            <button type="button" on:click=move |_| {
                let text = matches.with_untracked(|m| state.data.with_untracked(|d| companies_csv(d, m)));
                save_csv(state, "companies.csv", &text);
            }>{t("contacts.list.export_csv")}</button>
            <p class="count" aria-live="polite">{move || tn("companies.count", matches.with(Vec::len))}</p>
        </div>
        <div class="row-head company-row" aria-hidden="true">
            <span>{t("companies.field.name")}</span>
            <span>{t("companies.list.col.domain")}</span>
            <span>{t("companies.field.industry")}</span>
            <span>{t("contacts.list.col.stage")}</span>
        </div>
        <VirtualList
            rows=matches
            row_height=ROW_HEIGHT
            label=t("companies.list.title")
            row_key=move |i| state.data.with_untracked(|d| d.companies().get(i as usize).map(|c| (c.id.clone(), c.updated.timestamp_millis())))
            render_row=move |_, i| state.data.with_untracked(|d| {
                let c = &d.companies()[i as usize];
                view! {
                    <div class="company-row">
                        <a href=link(&format!("/companies/{}", c.id)) class="name">{c.name.clone()}</a>
                        <span>{c.domain.clone()}</span>
                        <span>{c.industry.clone()}</span>
                        <span class="stage">{label("lifecycle", c.lifecycle_stage.key())}</span>
                    </div>
                }
            })
        />
    }
}
