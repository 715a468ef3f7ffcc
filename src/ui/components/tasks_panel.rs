//! The tasks of a record (on contact, company and deal pages) and the
//! one-line form that adds a task, there and on the Tasks page.

use leptos::prelude::*;

use crate::core::records::{ActivityKind, Priority, Task};
use crate::core::tasks::tasks_of;
use crate::core::timeline::Links;
use crate::core::validate::FieldError;
use crate::state::commands::local_action;
use crate::state::{commands, new_id, AppState};
use crate::ui::components::fields::{was_saved, ErrorText};
use crate::ui::components::task_row::{LogOnDone, TaskRow};
use crate::ui::text::{label, t};

/// A one-line form for a new task.
#[component]
pub fn TaskQuickAdd(links: Links) -> impl IntoView {
    let state = AppState::expect();
    let title = RwSignal::new(String::new());
    let due = RwSignal::new(String::new());
    let priority = RwSignal::new(Priority::Normal);
    let errors = RwSignal::new(Vec::<FieldError>::new());
    let save = local_action(move |_: &()| {
        let links = links.clone();
        async move {
            let mut task = Task::blank(new_id(), state.clock.now());
            task.priority = priority.get_untracked();
            links.link_task(&mut task);
            if was_saved(errors, commands::add_task(state, task, title.get_untracked(), due.get_untracked()).await) {
                title.set(String::new());
                due.set(String::new());
            }
        }
    });
    view! {
        <form class="inline-form task-add" aria-label=t("work.task_add.form") novalidate on:submit=move |ev| { ev.prevent_default(); save.dispatch(()); }>
            <div class="field">
                <label for="f-task-title">{t("work.task_add.title")}</label>
                <input id="f-task-title" prop:value=move || title.get() on:input=move |ev| title.set(event_target_value(&ev)) />
                <ErrorText errors field="title" />
            </div>
            <div class="field">
                <label for="f-task-due">{t("work.task_add.due")}</label>
                <input id="f-task-due" type="date" prop:value=move || due.get() on:input=move |ev| due.set(event_target_value(&ev)) />
                <ErrorText errors field="due" />
            </div>
            <div class="field">
                <label for="f-task-priority">{t("work.task_add.priority")}</label>
                <select id="f-task-priority" prop:value=move || priority.get().key()
                    on:change=move |ev| if let Some(p) = Priority::from_key(&event_target_value(&ev)) { priority.set(p) }>
                    {Priority::ALL.iter().map(|p| view! { <option value=p.key()>{label("priority", p.key())}</option> }).collect_view()}
                </select>
            </div>
            <button type="submit" disabled=move || save.pending().get()>{t("work.task_add.add")}</button>
        </form>
    }
}

/// The tasks of one record, with quick-add.
#[component]
pub fn TasksPanel(record_id: String, links: Links) -> impl IntoView {
    let state = AppState::expect();
    let log = RwSignal::new(None::<ActivityKind>);
    let tasks = Memo::new(move |_| {
        state.data.with(|d| {
            tasks_of(d, &record_id)
                .into_iter()
                .filter_map(|i| d.tasks().all().get(i as usize).cloned())
                .collect::<Vec<_>>()
        })
    });
    view! {
        <section class="tasks-panel" aria-labelledby="tasks-heading">
            <h2 id="tasks-heading">{t("work.tasks.title")}</h2>
            <TaskQuickAdd links />
            <LogOnDone value=log />
            <Show when=move || tasks.with(Vec::is_empty)>
                <p class="muted">{t("work.tasks.none")}</p>
            </Show>
            <div role="list" aria-label=t("work.tasks.title")>
                <For each=move || tasks.get() key=|task| (task.id.clone(), task.updated) let:task>
                    <div role="listitem"><TaskRow task log /></div>
                </For>
            </div>
        </section>
    }
}
