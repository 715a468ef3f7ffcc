//! Tasks: one row with its done checkbox, a quick-add form, and the tasks
//! panel on contact, company and deal pages.

use leptos::prelude::*;

use crate::core::records::{ActivityKind, Priority, Task};
use crate::core::tasks::tasks_of;
use crate::core::timeline::Links;
use crate::core::validate::FieldError;
use crate::state::{commands, new_id, AppState};
use crate::ui::components::fields::{show_errors, ErrorText};
use crate::ui::format::long_date;
use crate::ui::paths::link;

/// The "when done, also log…" choice shared by the rows of a list.
#[component]
pub fn LogOnDone(value: RwSignal<Option<ActivityKind>>) -> impl IntoView {
    view! {
        <label class="log-on-done">
            "When a task is done, log "
            <select
                prop:value=move || value.get().map_or("", |k| k.key())
                on:change=move |ev| value.set(ActivityKind::from_key(&event_target_value(&ev)))
            >
                <option value="">"nothing"</option>
                {ActivityKind::ALL.iter().map(|k| view! { <option value=k.key()>{format!("a {}", k.label().to_lowercase())}</option> }).collect_view()}
            </select>
        </label>
    }
}

/// One task: a checkbox named by its title, its due date, priority and links.
#[component]
pub fn TaskRow(task: Task, log: RwSignal<Option<ActivityKind>>) -> impl IntoView {
    let state = AppState::expect();
    let id = task.id.clone();
    let is_done = task.is_done();
    let toggle =
        Action::new_local(move |_: &()| commands::toggle_task(state, id.clone(), is_done, log.get_untracked()));
    let overdue = !is_done && task.due.is_some_and(|d| d < state.clock.today());
    let about = state.data.with_untracked(|d| {
        let mut parts = Vec::new();
        if let Some(c) = task.contact_id.as_ref().and_then(|id| d.contact(id)) {
            parts.push((format!("/contacts/{}", c.id), c.display_name()));
        }
        if let Some(c) = task.company_id.as_ref().and_then(|id| d.company(id)) {
            parts.push((format!("/companies/{}", c.id), c.name.clone()));
        }
        if let Some(x) = task.deal_id.as_ref().and_then(|id| d.deals().get(id)) {
            parts.push((format!("/deals/{}", x.id), x.title.clone()));
        }
        parts
    });
    let checkbox_id = format!("task-{}", task.id);
    view! {
        <div class=move || format!("task-row{}{}", if is_done { " done" } else { "" }, if overdue { " overdue" } else { "" })>
            <input type="checkbox" id=checkbox_id.clone() prop:checked=is_done disabled=move || toggle.pending().get()
                on:change=move |_| { toggle.dispatch(()); } />
            <label for=checkbox_id>{task.title.clone()}</label>
            <span class="muted">
                {task.due.map(|d| if overdue { format!("Overdue since {}", long_date(d)) } else { format!("Due {}", long_date(d)) })}
            </span>
            {(task.priority == Priority::High).then(|| view! { <span class="badge">"High priority"</span> })}
            {about.into_iter().map(|(href, name)| view! { <a href=link(&href)>{name}</a> }).collect_view()}
        </div>
    }
}

/// A one-line form for a new task.
#[component]
pub fn TaskQuickAdd(links: Links) -> impl IntoView {
    let state = AppState::expect();
    let title = RwSignal::new(String::new());
    let due = RwSignal::new(String::new());
    let priority = RwSignal::new(Priority::Normal);
    let errors = RwSignal::new(Vec::<FieldError>::new());
    let save = Action::new_local(move |_: &()| {
        let links = links.clone();
        async move {
            let mut t = Task::blank(new_id(), state.clock.now());
            t.priority = priority.get_untracked();
            links.link_task(&mut t);
            match commands::add_task(state, t, title.get_untracked(), due.get_untracked()).await {
                Err(errs) => show_errors(errors, errs),
                Ok(saved) => {
                    errors.set(Vec::new());
                    if saved {
                        title.set(String::new());
                        due.set(String::new());
                    }
                }
            }
        }
    });
    view! {
        <form class="inline-form task-add" aria-label="New task" novalidate on:submit=move |ev| { ev.prevent_default(); save.dispatch(()); }>
            <div class="field">
                <label for="f-task-title">"Task"</label>
                <input id="f-task-title" prop:value=move || title.get() on:input=move |ev| title.set(event_target_value(&ev)) />
                <ErrorText errors field="title" />
            </div>
            <div class="field">
                <label for="f-task-due">"Due date"</label>
                <input id="f-task-due" type="date" prop:value=move || due.get() on:input=move |ev| due.set(event_target_value(&ev)) />
                <ErrorText errors field="due" />
            </div>
            <div class="field">
                <label for="f-task-priority">"Priority"</label>
                <select id="f-task-priority" prop:value=move || priority.get().key()
                    on:change=move |ev| if let Some(p) = Priority::from_key(&event_target_value(&ev)) { priority.set(p) }>
                    {Priority::ALL.iter().map(|p| view! { <option value=p.key()>{p.label()}</option> }).collect_view()}
                </select>
            </div>
            <button type="submit" disabled=move || save.pending().get()>"Add task"</button>
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
            <h2 id="tasks-heading">"Tasks"</h2>
            <TaskQuickAdd links />
            <LogOnDone value=log />
            <Show when=move || tasks.with(Vec::is_empty)>
                <p class="muted">"No tasks."</p>
            </Show>
            <div role="list" aria-label="Tasks">
                <For each=move || tasks.get() key=|t| (t.id.clone(), t.updated) let:t>
                    <div role="listitem"><TaskRow task=t log /></div>
                </For>
            </div>
        </section>
    }
}
