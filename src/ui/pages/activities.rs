//! Every activity, newest first, filtered by kind and text; only the visible
//! rows are rendered (hundreds of thousands stay fast).

use leptos::prelude::*;

use crate::core::export::activities_csv;
use crate::core::lists::{activity_order, with_activity_kind};
use crate::core::records::ActivityKind;
use crate::state::AppState;
use crate::ui::components::activity_form::outcome_label;
use crate::ui::components::local_time::LocalTime;
use crate::ui::components::search_list::{search_list, Computed};
use crate::ui::components::virtual_list::VirtualList;
use crate::ui::download::save_csv;
use crate::ui::format::zone;
use crate::ui::paths::link;
use crate::ui::text::{label, t, tn};

const ROW_HEIGHT: f64 = 48.0;

#[component]
pub fn ActivitiesPage() -> impl IntoView {
    let state = AppState::expect();
    let q = RwSignal::new(String::new());
    let kind = RwSignal::new(None::<ActivityKind>);
    let order = Memo::new(move |_| state.data.with(activity_order));
    let of_kind =
        Memo::new(move |_| Computed::new(state.data.with(|d| order.with(|o| with_activity_kind(d, o, kind.get())))));
    let rows = search_list(
        of_kind,
        move || q.get(),
        move |base, query| state.data.with(|d| d.activities().filter(base, query)),
    );
    view! {
        <div class="page-header"><h1>{t("work.activities.title")}</h1></div>
        <div class="toolbar">
            <input type="search" class="search" aria-label=t("work.activities.search") placeholder=t("work.activities.search_placeholder")
                prop:value=move || q.get() on:input=move |ev| q.set(event_target_value(&ev)) />
            <button type="button" on:click=move |_| {
                let text = rows.with_untracked(|r| state.data.with_untracked(|d| activities_csv(d, r, zone(), state.clock.now())));
                save_csv(state, "activities.csv", &text);
            }>{t("work.activities.export")}</button>
            <label>
                {t("work.activities.kind")}" "
                <select prop:value=move || kind.get().map_or("", |k| k.key()) on:change=move |ev| kind.set(ActivityKind::from_key(&event_target_value(&ev)))>
                    <option value="">{t("work.activities.all_kinds")}</option>
                    {ActivityKind::ALL.iter().map(|k| view! { <option value=k.key()>{label("activity_kind", k.key())}</option> }).collect_view()}
                </select>
            </label>
            <p class="count" aria-live="polite">{move || tn("common.activities", rows.with(Vec::len))}</p>
        </div>
        <div class="row-head activity-row" aria-hidden="true">
            <span>{t("work.activities.when")}</span><span>{t("work.activities.kind")}</span><span>{t("work.activities.subject")}</span><span>{t("work.activities.with")}</span>
        </div>
        <VirtualList
            rows
            row_height=ROW_HEIGHT
            label=t("work.activities.title")
            row_key=move |i| state.data.with_untracked(|d| d.activities().all().get(i as usize).map(|a| (a.id.clone(), a.updated)))
            render_row=move |_, i| state.data.with_untracked(|d| {
                let a = &d.activities().all()[i as usize];
                let who = a.contact_ids.first().and_then(|id| d.contact(id));
                view! {
                    <div class="activity-row">
                        <span><LocalTime at=a.at /></span>
                        <span>{label("activity_kind", a.kind.key())}</span>
                        <span>{if a.subject.is_empty() { outcome_label(&a.outcome) } else { a.subject.clone() }}</span>
                        {match who {
                            Some(c) => view! { <a href=link(&format!("/contacts/{}", c.id))>{c.display_name()}</a> }.into_any(),
                            None => view! { <span></span> }.into_any(),
                        }}
                    </div>
                }
            })
        />
    }
}
