//! All deals as a list: search, status and tag filters, sort; only the
//! visible rows are rendered.

use leptos::prelude::*;

use crate::core::export::deals_csv;
use crate::core::lists::{deal_order, with_deal_status, with_overdue, with_tag_deals, DealSort};
use crate::core::records::DealStatus;
use crate::state::AppState;
use crate::ui::components::search_list::{search_list, Computed};
use crate::ui::components::tag_chips::TagFilter;
use crate::ui::components::virtual_list::VirtualList;
use crate::ui::download::save_csv;
use crate::ui::format::{long_date, money};
use crate::ui::paths::link;
use crate::ui::text::{label, t, tn};

const ROW_HEIGHT: f64 = 48.0;

#[component]
pub fn DealsPage() -> impl IntoView {
    let state = AppState::expect();
    let q = RwSignal::new(String::new());
    let tag = RwSignal::new(String::new());
    // "?status=won" (the dashboard's tiles link here) picks the status filter.
    let query = leptos_router::hooks::use_query_map();
    let status = RwSignal::new(query.with_untracked(|m| m.get("status")).and_then(|s| DealStatus::from_key(&s)));
    // "?close=overdue": open deals expected before today (the dashboard's
    // overdue deals).
    let overdue_only = RwSignal::new(query.with_untracked(|m| m.get("close")).is_some_and(|c| c == "overdue"));
    let sort = RwSignal::new(DealSort::Updated);
    let order = Memo::new(move |_| state.data.with(|d| deal_order(d, sort.get())));
    let base = Memo::new(move |_| {
        Computed::new(state.data.with(|d| {
            let hits = order.with(|o| with_deal_status(d, o, status.get()));
            let hits = if overdue_only.get() { with_overdue(d, &hits, state.clock.today()) } else { hits };
            with_tag_deals(d, &hits, &tag.get())
        }))
    });
    let rows =
        search_list(base, move || q.get(), move |base, query| state.data.with(|d| d.deals().filter(base, query)));
    view! {
        <div class="page-header">
            <h1>{t("deals.list.title")}</h1>
            <div class="actions">
                <a href=link("/pipeline")>{t("deals.list.pipeline_board")}</a>
                <a href=link("/deals/new") class="button primary">{t("deals.new")}</a>
            </div>
        </div>
        <div class="toolbar">
            <input type="search" class="search" aria-label=t("deals.list.search") placeholder=t("deals.list.search_placeholder")
                prop:value=move || q.get() on:input=move |ev| q.set(event_target_value(&ev)) />
            <button type="button" on:click=move |_| {
                let text = rows.with_untracked(|r| state.data.with_untracked(|d| deals_csv(d, r)));
                save_csv(state, "deals.csv", &text);
            }>{t("contacts.list.export_csv")}</button>
            <label>
                {t("deals.list.status")}
                " "
                <select prop:value=move || status.get().map_or("", |s| s.key())
                    on:change=move |ev| status.set(DealStatus::from_key(&event_target_value(&ev)))>
                    <option value="">{t("deals.list.any_status")}</option>
                    {DealStatus::ALL.iter().map(|s| view! { <option value=s.key()>{label("deal_status", s.key())}</option> }).collect_view()}
                </select>
            </label>
            <label class="check">
                <input type="checkbox" prop:checked=move || overdue_only.get()
                    on:change=move |ev| overdue_only.set(event_target_checked(&ev)) />
                {t("deals.list.overdue_only")}
            </label>
            <TagFilter value=tag />
            <label>
                {t("contacts.list.sort_by")}
                " "
                <select prop:value=move || sort.get().key() on:change=move |ev| sort.set(DealSort::from_key(&event_target_value(&ev)))>
                    {DealSort::ALL.iter().map(|s| view! { <option value=s.key()>{label("deal_sort", s.key())}</option> }).collect_view()}
                </select>
            </label>
            <p class="count" aria-live="polite">{move || tn("deals.count", rows.with(Vec::len))}</p>
        </div>
        <div class="row-head deal-row" aria-hidden="true">
            <span>{t("deals.field.title")}</span><span>{t("contacts.list.col.company")}</span><span>{t("deals.field.amount")}</span><span>{t("contacts.list.col.stage")}</span><span>{t("deals.list.col.close")}</span>
        </div>
        <VirtualList
            rows
            row_height=ROW_HEIGHT
            label=t("deals.list.title")
            row_key=move |i| state.data.with_untracked(|d| d.deals().all().get(i as usize).map(|x| (x.id.clone(), x.updated)))
            render_row=move |_, i| state.data.with_untracked(|d| {
                let x = &d.deals().all()[i as usize];
                let company = x.company_id.as_ref().and_then(|id| d.company(id)).map(|c| c.name.clone()).unwrap_or_default();
                let stage = match x.status {
                    DealStatus::Open => d.settings().stage(&x.stage).map_or_else(|| x.stage.clone(), |s| s.name.clone()),
                    s => label("deal_status", s.key()),
                };
                view! {
                    <div class="deal-row">
                        <a href=link(&format!("/deals/{}", x.id))>{x.title.clone()}</a>
                        <span>{company}</span>
                        <span>{money(x.amount_cents, &x.currency)}</span>
                        <span>{stage}</span>
                        <span>{x.expected_close.map(long_date).unwrap_or_default()}</span>
                    </div>
                }
            })
        />
    }
}
