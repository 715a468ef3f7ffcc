//! Every activity, newest first, filtered by kind and text; only the visible
//! rows are rendered (hundreds of thousands stay fast).

use leptos::prelude::*;

use crate::core::export::activities_csv;
use crate::core::lists::{activity_order, with_activity_kind};
use crate::core::records::ActivityKind;
use crate::state::AppState;
use crate::ui::components::local_time::LocalTime;
use crate::ui::components::search_list::{search_list, Computed};
use crate::ui::components::virtual_list::VirtualList;
use crate::ui::download::save_csv;
use crate::ui::format::{count_of, zone};
use crate::ui::paths::link;

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
        <div class="page-header"><h1>"Activities"</h1></div>
        <div class="toolbar">
            <input type="search" class="search" aria-label="Search activities" placeholder="Search by subject, outcome, owner…"
                prop:value=move || q.get() on:input=move |ev| q.set(event_target_value(&ev)) />
            <button type="button" on:click=move |_| {
                let text = rows.with_untracked(|r| state.data.with_untracked(|d| activities_csv(d, r, zone(), state.clock.now())));
                save_csv(state, "activities.csv", &text);
            }>"Export CSV"</button>
            <label>
                "Kind "
                <select prop:value=move || kind.get().map_or("", |k| k.key()) on:change=move |ev| kind.set(ActivityKind::from_key(&event_target_value(&ev)))>
                    <option value="">"All kinds"</option>
                    {ActivityKind::ALL.iter().map(|k| view! { <option value=k.key()>{k.label()}</option> }).collect_view()}
                </select>
            </label>
            <p class="count" aria-live="polite">{move || count_of(rows.with(Vec::len), "activity", "activities")}</p>
        </div>
        <div class="row-head activity-row" aria-hidden="true">
            <span>"When"</span><span>"Kind"</span><span>"Subject"</span><span>"With"</span>
        </div>
        <VirtualList
            rows
            row_height=ROW_HEIGHT
            label="Activities"
            row_key=move |i| state.data.with_untracked(|d| d.activities().all().get(i as usize).map(|a| (a.id.clone(), a.updated)))
            render_row=move |_, i| state.data.with_untracked(|d| {
                let a = &d.activities().all()[i as usize];
                let who = a.contact_ids.first().and_then(|id| d.contact(id));
                view! {
                    <div class="activity-row">
                        <span><LocalTime at=a.at /></span>
                        <span>{a.kind.label()}</span>
                        <span>{if a.subject.is_empty() { a.outcome.clone() } else { a.subject.clone() }}</span>
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
