//! All tasks: open ones by due date, done ones newest first; quick-add.

use leptos::prelude::*;

use crate::core::lists::{task_order, TaskFilter};
use crate::core::records::ActivityKind;
use crate::core::timeline::Links;
use crate::state::AppState;
use crate::ui::components::task_row::{LogOnDone, TaskRow};
use crate::ui::components::tasks_panel::TaskQuickAdd;
use crate::ui::components::virtual_list::VirtualList;
use crate::ui::text::{label, t, tn};

const ROW_HEIGHT: f64 = 48.0;

#[component]
pub fn TasksPage() -> impl IntoView {
    let state = AppState::expect();
    let filter = RwSignal::new(TaskFilter::Open);
    let q = RwSignal::new(String::new());
    let log = RwSignal::new(None::<ActivityKind>);
    let rows = Memo::new(move |_| state.data.with(|d| d.tasks().filter(&task_order(d, filter.get()), &q.get())));
    view! {
        <div class="page-header"><h1>{t("work.tasks.title")}</h1></div>
        <TaskQuickAdd links=Links::default() />
        <div class="toolbar">
            <input type="search" class="search" aria-label=t("work.tasks.search") placeholder=t("work.tasks.search_placeholder")
                prop:value=move || q.get() on:input=move |ev| q.set(event_target_value(&ev)) />
            <label>
                {t("work.tasks.show")}" "
                <select prop:value=move || filter.get().key() on:change=move |ev| filter.set(TaskFilter::from_key(&event_target_value(&ev)))>
                    {TaskFilter::ALL.iter().map(|f| view! { <option value=f.key()>{label("task_filter", f.key())}</option> }).collect_view()}
                </select>
            </label>
            <LogOnDone value=log />
            <p class="count" aria-live="polite">{move || tn("common.tasks", rows.with(Vec::len))}</p>
        </div>
        <VirtualList
            rows
            row_height=ROW_HEIGHT
            label=t("work.tasks.title")
            row_key=move |i| state.data.with_untracked(|d| d.tasks().all().get(i as usize).map(|t| (t.id.clone(), t.updated)))
            render_row=move |_, i| {
                let task = state.data.with_untracked(|d| d.tasks().all()[i as usize].clone());
                view! { <TaskRow task log /> }
            }
        />
    }
}
