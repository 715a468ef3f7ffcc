//! One task as a row: its done checkbox (named by its title), due date,
//! priority and links; and the "when done, also log…" choice rows share.

use leptos::prelude::*;

use crate::core::records::{ActivityKind, Priority, Task};
use crate::state::commands::local_action;
use crate::state::{commands, AppState};
use crate::ui::format::long_date;
use crate::ui::paths::link;
use crate::ui::text::{t, tf};

/// The "when done, also log…" choice shared by the rows of a list.
#[component]
pub fn LogOnDone(value: RwSignal<Option<ActivityKind>>) -> impl IntoView {
    view! {
        <label class="log-on-done">
            {t("work.log_on_done")}" "
            <select
                prop:value=move || value.get().map_or("", |k| k.key())
                on:change=move |ev| value.set(ActivityKind::from_key(&event_target_value(&ev)))
            >
                <option value="">{t("work.log_on_done.nothing")}</option>
                {ActivityKind::ALL.iter().map(|k| view! { <option value=k.key()>{log_choice(*k)}</option> }).collect_view()}
            </select>
        </label>
    }
}

/// An activity kind as the object of "log": "a call", "an email".
fn log_choice(kind: ActivityKind) -> &'static str {
    match kind {
        ActivityKind::Call => t("work.log_on_done.call"),
        ActivityKind::Email => t("work.log_on_done.email"),
        ActivityKind::Meeting => t("work.log_on_done.meeting"),
        ActivityKind::Note => t("work.log_on_done.note"),
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
                {task.due.map(|d| if overdue { tf("work.task.overdue_since", &[("date", &long_date(d))]) } else { tf("work.task.due", &[("date", &long_date(d))]) })}
            </span>
            {(task.priority == Priority::High).then(|| view! { <span class="badge">{t("work.task.high_priority")}</span> })}
            {about.into_iter().map(|(href, name)| view! { <a href=link(&href)>{name}</a> }).collect_view()}
        </div>
    }
}
