//! The activity timeline of a contact, company or deal, newest first, with
//! quick-add buttons for a call, an email, a meeting or a note.

use leptos::prelude::*;

use crate::core::records::ActivityKind;
use crate::core::timeline::{timeline_of, Links};
use crate::state::commands::local_action;
use crate::state::{commands, AppState};
use crate::ui::components::activity_form::{outcome_label, ActivityForm};
use crate::ui::components::local_time::LocalTime;
use crate::ui::text::{label, t, tf, tn};

/// How many entries show before "Show all".
const FIRST_ENTRIES: usize = 50;

/// The activity positions of a record's timeline, newest first, recomputed
/// when the data changes. A page that also derives something from the
/// timeline (the contact's "last contacted") shares this one memo with
/// [`Timeline`] instead of scanning the activities twice.
pub fn timeline_entries(record_id: String) -> Memo<Vec<u32>> {
    let state = AppState::expect();
    Memo::new(move |_| state.data.with(|d| timeline_of(d, &record_id)))
}

#[component]
pub fn Timeline(
    /// The record's activities, from [`timeline_entries`].
    entries: Memo<Vec<u32>>,
    /// Links of activities added here.
    links: Links,
) -> impl IntoView {
    let state = AppState::expect();
    let adding = RwSignal::new(None::<ActivityKind>);
    let show_all = RwSignal::new(false);
    let shown = move || {
        let all = show_all.get();
        entries.with(|e| if all { e.clone() } else { e.iter().take(FIRST_ENTRIES).copied().collect::<Vec<_>>() })
    };
    view! {
        <section class="timeline" aria-labelledby="timeline-heading">
            <h2 id="timeline-heading">{t("work.timeline.title")}</h2>
            <div class="quick-add" role="group" aria-label=t("work.timeline.log")>
                {ActivityKind::ALL
                    .iter()
                    .map(|&k| {
                        let label = match k {
                            ActivityKind::Call => t("work.timeline.log_call"),
                            ActivityKind::Email => t("work.timeline.log_email"),
                            ActivityKind::Meeting => t("work.timeline.log_meeting"),
                            ActivityKind::Note => t("work.timeline.add_note"),
                        };
                        view! {
                            <button type="button" aria-pressed=move || (adding.get() == Some(k)).to_string()
                                on:click=move |_| adding.set(Some(k))>{label}</button>
                        }
                    })
                    .collect_view()}
            </div>
            {move || adding.get().map(|kind| view! { <ActivityForm kind links=links.clone() adding /> })}
            <Show when=move || entries.with(Vec::is_empty)>
                <p class="muted">{t("work.timeline.none")}</p>
            </Show>
            <ol class="timeline-list" aria-label=t("work.activities.title")>
                <For
                    each=shown
                    key=move |&i| state.data.with_untracked(|d| d.activities().all().get(i as usize).map(|a| (a.id.clone(), a.updated)))
                    children=move |i| view! { <TimelineEntry pos=i /> }
                />
            </ol>
            <Show when=move || !show_all.get() && entries.with(|e| e.len() > FIRST_ENTRIES)>
                <button type="button" on:click=move |_| show_all.set(true)>
                    {move || tn("work.timeline.show_all", entries.with(Vec::len))}
                </button>
            </Show>
        </section>
    }
}

#[component]
fn TimelineEntry(pos: u32) -> impl IntoView {
    let state = AppState::expect();
    let Some(a) = state.data.with_untracked(|d| d.activities().all().get(pos as usize).cloned()) else {
        return ().into_any();
    };
    let people = state.data.with_untracked(|d| {
        a.contact_ids.iter().filter_map(|id| d.contact(id)).map(|c| c.display_name()).collect::<Vec<_>>().join(", ")
    });
    let deal =
        a.deal_id.as_ref().and_then(|id| state.data.with_untracked(|d| d.deals().get(id).map(|d| d.title.clone())));
    let mut meta = Vec::new();
    if let Some(m) = a.duration_min {
        meta.push(tf("work.timeline.minutes", &[("n", &m.to_string())]));
    }
    if !a.outcome.is_empty() {
        meta.push(outcome_label(&a.outcome));
    }
    let id = a.id.clone();
    let remove = local_action(move |_: &()| commands::delete_activity(state, id.clone()));
    let kind = label("activity_kind", a.kind.key());
    let heading = if a.subject.is_empty() {
        kind
    } else {
        tf("work.timeline.heading", &[("kind", &kind), ("subject", &a.subject)])
    };
    view! {
        <li class=format!("entry entry-{}", a.kind.key())>
            <p class="entry-head"><strong>{heading.clone()}</strong>" · "<span class="muted"><LocalTime at=a.at />{meta.iter().map(|m| format!(" · {m}")).collect::<String>()}</span></p>
            {(!a.body.is_empty()).then(|| view! { <p class="notes">{a.body.clone()}</p> })}
            <p class="muted small">
                {(!people.is_empty()).then(|| tf("work.timeline.with", &[("people", &people)]) + " ")}
                {deal.map(|title| tf("work.timeline.deal", &[("deal", &title)]))}
            </p>
            <button type="button" class="link-button" aria-label=tf("work.timeline.delete", &[("activity", &heading)])
                disabled=move || remove.pending().get() on:click=move |_| { remove.dispatch(()); }>{t("common.delete")}</button>
        </li>
    }
    .into_any()
}
