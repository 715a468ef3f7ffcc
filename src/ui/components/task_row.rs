//! One task as a row: its done checkbox (named by its title), due date,
//! priority and links; and the "when done, also log…" choice rows share.

use leptos::prelude::*;

use crate::core::records::{ActivityKind, Priority, Task};
use crate::state::commands::local_action;
use crate::state::{commands, AppState};
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
                {ActivityKind::ALL.iter().map(|k| view! { <option value=k.key()>{{ let word = k.label().to_lowercase(); let article = if word.starts_with(['a', 'e', 'i', 'o', 'u']) { "an" } else { "a" }; format!("{article} {word}") }}</option> }).collect_view()}
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
    let toggle = local_action(move |_: &()| commands::toggle_task(state, id.clone(), is_done, log.get_untracked()));
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
