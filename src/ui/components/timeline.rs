//! The activity timeline of a contact, company or deal, newest first, with
//! quick-add buttons for a call, an email, a meeting or a note.

use leptos::prelude::*;

use crate::core::forms::ActivityTexts;
use crate::core::records::{ActivityKind, DealStatus};
use crate::core::timeline::{deals_of, timeline_of, Links};
use crate::core::validate::FieldError;
use crate::state::{commands, AppState};
use crate::ui::components::fields::{show_errors, ErrorText};
use crate::ui::format::{local_input, local_minute, parse_local_input};

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
            <h2 id="timeline-heading">"Timeline"</h2>
            <div class="quick-add" role="group" aria-label="Log an activity">
                {ActivityKind::ALL
                    .iter()
                    .map(|&k| {
                        let label = match k {
                            ActivityKind::Call => "Log call",
                            ActivityKind::Email => "Log email",
                            ActivityKind::Meeting => "Log meeting",
                            ActivityKind::Note => "Add note",
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
                <p class="muted">"No activities yet."</p>
            </Show>
            <ol class="timeline-list" aria-label="Activities">
                <For
                    each=shown
                    key=move |&i| state.data.with_untracked(|d| d.activities().all().get(i as usize).map(|a| (a.id.clone(), a.updated)))
                    children=move |i| view! { <TimelineEntry pos=i /> }
                />
            </ol>
            <Show when=move || !show_all.get() && entries.with(|e| e.len() > FIRST_ENTRIES)>
                <button type="button" on:click=move |_| show_all.set(true)>
                    {move || format!("Show all {} activities", entries.with(Vec::len))}
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
    let mut meta = vec![local_minute(a.at)];
    if let Some(m) = a.duration_min {
        meta.push(format!("{m} min"));
    }
    if !a.outcome.is_empty() {
        meta.push(a.outcome.clone());
    }
    let id = a.id.clone();
    let remove = Action::new_local(move |_: &()| commands::delete_activity(state, id.clone()));
    let heading =
        if a.subject.is_empty() { a.kind.label().to_string() } else { format!("{}: {}", a.kind.label(), a.subject) };
    view! {
        <li class=format!("entry entry-{}", a.kind.key())>
            <p class="entry-head"><strong>{heading.clone()}</strong>" · "<span class="muted">{meta.join(" · ")}</span></p>
            {(!a.body.is_empty()).then(|| view! { <p class="notes">{a.body.clone()}</p> })}
            <p class="muted small">
                {(!people.is_empty()).then(|| format!("With {people}. "))}
                {deal.map(|t| format!("Deal: {t}."))}
            </p>
            <button type="button" class="link-button" aria-label=format!("Delete activity {heading}")
                disabled=move || remove.pending().get() on:click=move |_| { remove.dispatch(()); }>"Delete"</button>
        </li>
    }
    .into_any()
}

/// The inline form for a new activity of one kind.
#[component]
fn ActivityForm(kind: ActivityKind, links: Links, adding: RwSignal<Option<ActivityKind>>) -> impl IntoView {
    let state = AppState::expect();
    let at = RwSignal::new(local_input(state.clock.now()));
    let duration = RwSignal::new(String::new());
    let outcome = RwSignal::new(String::new());
    let subject = RwSignal::new(String::new());
    let body = RwSignal::new(String::new());
    let errors = RwSignal::new(Vec::<FieldError>::new());
    // On a contact or company page, the activity can also be filed under one
    // of their deals (preselected when there is exactly one open deal).
    let deal_choices: Vec<(String, String, bool)> = match &links.deal_id {
        Some(_) => Vec::new(),
        None => {
            let owner = links.contact_ids.first().or(links.company_id.as_ref()).cloned().unwrap_or_default();
            state.data.with_untracked(|d| {
                deals_of(d, &owner)
                    .into_iter()
                    .filter_map(|i| d.deals().all().get(i as usize))
                    .map(|x| (x.id.clone(), x.title.clone(), x.status == DealStatus::Open))
                    .collect()
            })
        }
    };
    let mut open = deal_choices.iter().filter(|c| c.2);
    let deal = RwSignal::new(match (open.next(), open.next()) {
        (Some(only), None) => Some(only.0.clone()),
        _ => None,
    });
    let save = Action::new_local(move |_: &()| {
        let links = links.clone();
        async move {
            let mut a = commands::blank_activity(state, kind);
            a.contact_ids = links.contact_ids;
            a.company_id = links.company_id;
            a.deal_id = links.deal_id.or(deal.get_untracked());
            let texts = ActivityTexts {
                at: parse_local_input(&at.get_untracked()),
                duration: duration.get_untracked(),
                outcome: outcome.get_untracked(),
                subject: subject.get_untracked(),
                body: body.get_untracked(),
            };
            match commands::log_activity(state, a, texts).await {
                Err(errs) => show_errors(errors, errs),
                Ok(saved) => {
                    errors.set(Vec::new());
                    if saved {
                        adding.set(None);
                    }
                }
            }
        }
    });
    view! {
        <form class="inline-form" aria-label=format!("New {}", kind.label().to_lowercase()) novalidate
            on:submit=move |ev| { ev.prevent_default(); save.dispatch(()); }>
            <div class="field">
                <label for="f-at">"When"</label>
                <input id="f-at" type="datetime-local" prop:value=move || at.get() on:input=move |ev| at.set(event_target_value(&ev)) />
                <ErrorText errors field="at" />
            </div>
            {kind.has_duration().then(|| view! {
                <div class="field">
                    <label for="f-duration_min">"Duration (minutes)"</label>
                    <input id="f-duration_min" inputmode="numeric" prop:value=move || duration.get() on:input=move |ev| duration.set(event_target_value(&ev)) />
                    <ErrorText errors field="duration_min" />
                </div>
            })}
            {(!kind.outcomes().is_empty()).then(|| view! {
                <div class="field">
                    <label for="f-outcome">"Outcome"</label>
                    <select id="f-outcome" prop:value=move || outcome.get() on:change=move |ev| outcome.set(event_target_value(&ev))>
                        <option value="">"—"</option>
                        {kind.outcomes().iter().map(|o| view! { <option value=*o>{*o}</option> }).collect_view()}
                    </select>
                </div>
            })}
            {(!deal_choices.is_empty()).then(|| view! {
                <div class="field">
                    <label for="f-activity-deal">"Deal"</label>
                    <select id="f-activity-deal" prop:value=move || deal.get().unwrap_or_default()
                        on:change=move |ev| { let v = event_target_value(&ev); deal.set((!v.is_empty()).then_some(v)); }>
                        <option value="">"No deal"</option>
                        {deal_choices.iter().map(|(id, title, _)| view! { <option value=id.clone()>{title.clone()}</option> }).collect_view()}
                    </select>
                </div>
            })}
            <div class="field">
                <label for="f-subject">"Subject"</label>
                <input id="f-subject" prop:value=move || subject.get() on:input=move |ev| subject.set(event_target_value(&ev)) />
                <ErrorText errors field="subject" />
            </div>
            <div class="field">
                <label for="f-body">{if kind == ActivityKind::Note { "Note" } else { "Details" }}</label>
                <textarea id="f-body" rows="3" prop:value=move || body.get() on:input=move |ev| body.set(event_target_value(&ev))></textarea>
                <ErrorText errors field="body" />
            </div>
            <div class="form-actions">
                <button type="submit" class="primary" disabled=move || save.pending().get()>{format!("Save {}", kind.label().to_lowercase())}</button>
                <button type="button" on:click=move |_| adding.set(None)>"Cancel"</button>
            </div>
        </form>
    }
}
