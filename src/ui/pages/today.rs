//! Today: overdue tasks and tasks due today, birthdays and other dates this
//! week, and contacts whose "keep in touch" cadence has lapsed.

use leptos::prelude::*;

use crate::core::records::ActivityKind;
use crate::core::today::TodayList;
use crate::state::{AppState, Today};
use crate::ui::components::task_row::{LogOnDone, TaskRow};
use crate::ui::format::{local_minute, long_date, thousands};
use crate::ui::paths::link;
use crate::ui::text::{t, tf, tn};

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
        <h1>{t("work.today.title")}</h1>
        <p class="muted">{long_date(state.clock.today())}</p>
        <LogOnDone value=log />
        <section aria-labelledby="overdue-heading">
            <h2 id="overdue-heading">{move || tf("work.today.overdue_heading", &[("n", &thousands(list.with(|l| l.overdue.len())))])}</h2>
            <div role="list" aria-label=t("work.today.overdue")>
                <For each=overdue key=|t| (t.id.clone(), t.updated) let:t>
                    <div role="listitem"><TaskRow task=t log /></div>
                </For>
            </div>
            <Show when=move || list.with(|l| l.overdue.is_empty())><p class="muted">{t("work.today.overdue_none")}</p></Show>
        </section>
        <section aria-labelledby="due-heading">
            <h2 id="due-heading">{t("work.today.due")}</h2>
            <div role="list" aria-label=t("work.today.due_list")>
                <For each=due key=|t| (t.id.clone(), t.updated) let:t>
                    <div role="listitem"><TaskRow task=t log /></div>
                </For>
            </div>
            <Show when=move || list.with(|l| l.due_today.is_empty())><p class="muted">{t("work.today.due_none")}</p></Show>
        </section>
        <section aria-labelledby="dates-heading">
            <h2 id="dates-heading">{t("work.today.dates")}</h2>
            <ul class="plain-list" aria-label=t("work.today.dates_list")>
                {move || dates().into_iter().map(|(id, name, e)| view! {
                    <li>
                        <a href=link(&format!("/contacts/{id}"))>{name}</a>
                        " — "{date_entry(&e.label, &long_date(e.on), e.years)}
                    </li>
                }).collect_view()}
            </ul>
            <Show when=move || list.with(|l| l.dates.is_empty())><p class="muted">{t("work.today.dates_none")}</p></Show>
        </section>
        <section aria-labelledby="lapsed-heading">
            <h2 id="lapsed-heading">{move || tf("work.today.lapsed_heading", &[("n", &thousands(list.with(|l| l.lapsed.len())))])}</h2>
            <ul class="plain-list" aria-label=t("work.today.lapsed_list")>
                {move || lapsed().into_iter().map(|(id, name, e)| view! {
                    <li>
                        <a href=link(&format!("/contacts/{id}"))>{name}</a>
                        " — "
                        {tf(
                            "work.today.lapsed_entry",
                            &[
                                ("cadence", &tn("work.today.days", e.cadence_days as usize)),
                                ("last", &e.last.map(local_minute).unwrap_or_else(|| t("work.today.never").into())),
                                ("overdue", &tn("work.today.days", e.days_overdue as usize)),
                            ],
                        )}
                    </li>
                }).collect_view()}
            </ul>
            <Show when=move || list.with(|l| l.lapsed.is_empty())><p class="muted">{t("work.today.lapsed_none")}</p></Show>
        </section>
        <Show when=move || list.with(|l| [l.overdue.len(), l.due_today.len(), l.dates.len(), l.lapsed.len()].iter().any(|&n| n > limit.get()))>
            <button type="button" on:click=move |_| limit.set(usize::MAX)>{t("work.today.show_all")}</button>
        </Show>
    }
}

/// "Birthday on 7 March (40)": core names a birthday "Birthday" (said in
/// the person's language here); other dates keep the label they were given.
fn date_entry(label: &str, on: &str, years: Option<i32>) -> String {
    let label = if label == "Birthday" { t("work.today.birthday") } else { label }; // not text: core's birthday label, translated here
    match years {
        Some(y) => tf("work.today.date_years", &[("label", label), ("date", on), ("years", &y.to_string())]),
        None => tf("work.today.date", &[("label", label), ("date", on)]),
    }
}
