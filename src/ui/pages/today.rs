//! Today: overdue tasks and tasks due today, birthdays and other dates this
//! week, and contacts whose "keep in touch" cadence has lapsed.

use leptos::prelude::*;

use crate::core::records::ActivityKind;
use crate::core::today::TodayList;
use crate::state::{AppState, Today};
use crate::ui::components::task_row::{LogOnDone, TaskRow};
use crate::ui::format::{count_of, local_minute, long_date};
use crate::ui::paths::link;

/// Entries shown per section before "Show all".
const FIRST_ENTRIES: usize = 100;

#[component]
pub fn TodayPage() -> impl IntoView {
    let state = AppState::expect();
    let list = Today::expect().list();
    let log = RwSignal::new(None::<ActivityKind>);
    // Long lists (thousands of lapsed contacts in a big database) show their
    // first entries; "Show all" lifts the limit.
    let limit = RwSignal::new(FIRST_ENTRIES);
    let tasks = move |pick: fn(&TodayList) -> &Vec<u32>| {
        move || {
            state.data.with(|d| {
                list.with(|l| {
                    pick(l)
                        .iter()
                        .take(limit.get())
                        .filter_map(|&i| d.tasks().all().get(i as usize).cloned())
                        .collect::<Vec<_>>()
                })
            })
        }
    };
    let overdue = tasks(|l| &l.overdue);
    let due = tasks(|l| &l.due_today);
    let dates = move || {
        state.data.with(|d| {
            list.with(|l| {
                l.dates
                    .iter()
                    .take(limit.get())
                    .filter_map(|e| {
                        d.contacts().get(e.contact as usize).map(|c| (c.id.clone(), c.display_name(), e.clone()))
                    })
                    .collect::<Vec<_>>()
            })
        })
    };
    let lapsed = move || {
        state.data.with(|d| {
            list.with(|l| {
                l.lapsed
                    .iter()
                    .take(limit.get())
                    .filter_map(|e| {
                        d.contacts().get(e.contact as usize).map(|c| (c.id.clone(), c.display_name(), e.clone()))
                    })
                    .collect::<Vec<_>>()
            })
        })
    };
    view! {
        <h1>"Today"</h1>
        <p class="muted">{long_date(state.clock.today())}</p>
        <LogOnDone value=log />
        <section aria-labelledby="overdue-heading">
            <h2 id="overdue-heading">{move || format!("Overdue tasks ({})", list.with(|l| l.overdue.len()))}</h2>
            <div role="list" aria-label="Overdue tasks">
                <For each=overdue key=|t| (t.id.clone(), t.updated) let:t>
                    <div role="listitem"><TaskRow task=t log /></div>
                </For>
            </div>
            <Show when=move || list.with(|l| l.overdue.is_empty())><p class="muted">"Nothing overdue."</p></Show>
        </section>
        <section aria-labelledby="due-heading">
            <h2 id="due-heading">"Due today"</h2>
            <div role="list" aria-label="Tasks due today">
                <For each=due key=|t| (t.id.clone(), t.updated) let:t>
                    <div role="listitem"><TaskRow task=t log /></div>
                </For>
            </div>
            <Show when=move || list.with(|l| l.due_today.is_empty())><p class="muted">"No tasks due today."</p></Show>
        </section>
        <section aria-labelledby="dates-heading">
            <h2 id="dates-heading">"Birthdays and dates this week"</h2>
            <ul class="plain-list" aria-label="Dates this week">
                {move || dates().into_iter().map(|(id, name, e)| view! {
                    <li>
                        <a href=link(&format!("/contacts/{id}"))>{name}</a>
                        {format!(" — {} on {}{}", e.label, long_date(e.on), e.years.map(|y| format!(" ({y})")).unwrap_or_default())}
                    </li>
                }).collect_view()}
            </ul>
            <Show when=move || list.with(|l| l.dates.is_empty())><p class="muted">"No birthdays or dates this week."</p></Show>
        </section>
        <section aria-labelledby="lapsed-heading">
            <h2 id="lapsed-heading">{move || format!("Time to get in touch ({})", list.with(|l| l.lapsed.len()))}</h2>
            <ul class="plain-list" aria-label="Contacts to get in touch with">
                {move || lapsed().into_iter().map(|(id, name, e)| view! {
                    <li>
                        <a href=link(&format!("/contacts/{id}"))>{name}</a>
                        {format!(
                            " — every {}; last contact {}; {} overdue",
                            count_of(e.cadence_days as usize, "day", "days"),
                            e.last.map(local_minute).unwrap_or_else(|| "never".into()),
                            count_of(e.days_overdue as usize, "day", "days")
                        )}
                    </li>
                }).collect_view()}
            </ul>
            <Show when=move || list.with(|l| l.lapsed.is_empty())><p class="muted">"Everyone is up to date."</p></Show>
        </section>
        <Show when=move || list.with(|l| [l.overdue.len(), l.due_today.len(), l.dates.len(), l.lapsed.len()].iter().any(|&n| n > limit.get()))>
            <button type="button" on:click=move |_| limit.set(usize::MAX)>"Show all"</button>
        </Show>
    }
}
