//! The inline form for a new activity on a record's timeline: when, how long,
//! the outcome, the deal it is filed under, a subject and text.

use leptos::prelude::*;

use crate::core::forms::ActivityTexts;
use crate::core::records::{ActivityKind, DealStatus};
use crate::core::timeline::{deals_of, Links};
use crate::core::validate::FieldError;
use crate::state::commands::local_action;
use crate::state::{commands, AppState};
use crate::ui::components::fields::{was_saved, ErrorText};
use crate::ui::format::{local_input, parse_local_input};
use crate::ui::text::{label, t};

/// An activity's outcome as shown: the outcomes the forms offer are stored
/// in English (`ActivityKind::outcomes`) and shown in the person's language
/// (`label.outcome.<outcome>`); any other text is shown as it was typed.
pub fn outcome_label(outcome: &str) -> String {
    label("outcome", outcome)
}

/// The inline form for a new activity of one kind.
#[component]
pub fn ActivityForm(kind: ActivityKind, links: Links, adding: RwSignal<Option<ActivityKind>>) -> impl IntoView {
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
    let save = local_action(move |_: &()| {
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
            if was_saved(errors, commands::log_activity(state, a, texts).await) {
                adding.set(None);
            }
        }
    });
    let (form_name, save_name) = match kind {
        ActivityKind::Call => (t("work.activity_form.new.call"), t("work.activity_form.save.call")),
        ActivityKind::Email => (t("work.activity_form.new.email"), t("work.activity_form.save.email")),
        ActivityKind::Meeting => (t("work.activity_form.new.meeting"), t("work.activity_form.save.meeting")),
        ActivityKind::Note => (t("work.activity_form.new.note"), t("work.activity_form.save.note")),
    };
    view! {
        <form class="inline-form" aria-label=form_name novalidate
            on:submit=move |ev| { ev.prevent_default(); save.dispatch(()); }>
            <div class="field">
                <label for="f-at">{t("work.activities.when")}</label>
                <input id="f-at" type="datetime-local" prop:value=move || at.get() on:input=move |ev| at.set(event_target_value(&ev)) />
                <ErrorText errors field="at" />
            </div>
            {kind.has_duration().then(|| view! {
                <div class="field">
                    <label for="f-duration_min">{t("work.activity_form.duration")}</label>
                    <input id="f-duration_min" inputmode="numeric" prop:value=move || duration.get() on:input=move |ev| duration.set(event_target_value(&ev)) />
                    <ErrorText errors field="duration_min" />
                </div>
            })}
            {(!kind.outcomes().is_empty()).then(|| view! {
                <div class="field">
                    <label for="f-outcome">{t("work.activity_form.outcome")}</label>
                    <select id="f-outcome" prop:value=move || outcome.get() on:change=move |ev| outcome.set(event_target_value(&ev))>
                        <option value="">"—"</option>
                        {kind.outcomes().iter().map(|o| view! { <option value=*o>{outcome_label(o)}</option> }).collect_view()}
                    </select>
                </div>
            })}
            {(!deal_choices.is_empty()).then(|| view! {
                <div class="field">
                    <label for="f-activity-deal">{t("work.activity_form.deal")}</label>
                    <select id="f-activity-deal" prop:value=move || deal.get().unwrap_or_default()
                        on:change=move |ev| { let v = event_target_value(&ev); deal.set((!v.is_empty()).then_some(v)); }>
                        <option value="">{t("work.activity_form.no_deal")}</option>
                        {deal_choices.iter().map(|(id, title, _)| view! { <option value=id.clone()>{title.clone()}</option> }).collect_view()}
                    </select>
                </div>
            })}
            <div class="field">
                <label for="f-subject">{t("work.activities.subject")}</label>
                <input id="f-subject" prop:value=move || subject.get() on:input=move |ev| subject.set(event_target_value(&ev)) />
                <ErrorText errors field="subject" />
            </div>
            <div class="field">
                <label for="f-body">{if kind == ActivityKind::Note { t("work.activity_form.note") } else { t("work.activity_form.details") }}</label>
                <textarea id="f-body" rows="3" prop:value=move || body.get() on:input=move |ev| body.set(event_target_value(&ev))></textarea>
                <ErrorText errors field="body" />
            </div>
            <div class="form-actions">
                <button type="submit" class="primary" disabled=move || save.pending().get()>{save_name}</button>
                <button type="button" on:click=move |_| adding.set(None)>{t("common.cancel")}</button>
            </div>
        </form>
    }
}
