//! Creating and editing a deal. A new deal can start from a stage, company or
//! contact given in the URL (`/deals/new?stage=demo&company=…&contact=…`).

use leptos::prelude::*;
use leptos_router::hooks::{use_navigate, use_params_map, use_query_map};

use crate::core::forms::DealTexts;
use crate::core::records::{Deal, DealStatus};
use crate::core::validate::FieldError;
use crate::state::commands::local_action;
use crate::state::commands::{Opened, Unsaved};
use crate::state::{commands, new_id, AppState};
use crate::ui::components::fields::{ErrorText, TextField};
use crate::ui::components::unsaved_edit::{saved_id, UnsavedEdit};
use crate::ui::format::{iso_date, money_input};
use crate::ui::text::{label, t, tf};

#[component]
pub fn DealFormPage() -> impl IntoView {
    let state = AppState::expect();
    let params = use_params_map();
    let query = use_query_map();
    let id = params.with_untracked(|p| p.get("id"));
    let opened = id.as_ref().and_then(|id| commands::open_deal(state, id));
    match (id, opened) {
        (Some(_), None) => {
            view! { <h1>{t("deals.detail.not_found")}</h1><p>{t("deals.form.deleted_elsewhere")}</p> }.into_any()
        }
        (_, Some(opened)) => view! { <DealForm deal=opened.record.clone() opened=Some(opened) /> }.into_any(),
        (None, None) => {
            let deal = state.data.with_untracked(|d| {
                let s = d.settings();
                let stage = query
                    .with_untracked(|q| q.get("stage"))
                    .and_then(|id| s.stage(&id).cloned())
                    .unwrap_or_else(|| s.pipeline[0].clone());
                let mut deal = Deal::blank(new_id(), &stage, &s.currency, state.clock.now());
                let contact = query.with_untracked(|q| q.get("contact")).and_then(|id| d.contact(&id).cloned());
                deal.company_id = query
                    .with_untracked(|q| q.get("company"))
                    .filter(|id| d.company(id).is_some())
                    .or_else(|| contact.as_ref().and_then(|c| c.company_id.clone()));
                if let Some(c) = contact {
                    deal.contact_ids.push(c.id.clone());
                }
                deal
            });
            view! { <DealForm deal opened=None /> }.into_any()
        }
    }
}

/// The deal form for `deal`: a new one, or the deal as `opened`.
#[component]
fn DealForm(deal: Deal, opened: Option<Opened<Deal>>) -> impl IntoView {
    let state = AppState::expect();
    let navigate = use_navigate();
    let is_new = opened.is_none();
    let unsaved = RwSignal::new(None::<Unsaved>);
    let opened = StoredValue::new(opened);
    let title =
        if is_new { t("deals.new").to_string() } else { tf("contacts.form.edit_title", &[("name", &deal.title)]) };
    let amount_text =
        RwSignal::new(if deal.amount_cents == 0 { String::new() } else { money_input(deal.amount_cents) });
    let close_text = RwSignal::new(deal.expected_close.map(iso_date).unwrap_or_default());
    let probability_text = RwSignal::new(deal.probability.to_string());
    let tags_text = RwSignal::new(deal.tags.join(", "));
    let draft = RwSignal::new(deal);
    let errors = RwSignal::new(Vec::<FieldError>::new());
    let (companies, stages) = state.data.with_untracked(|d| (d.companies_by_name(), d.settings().pipeline.clone()));
    let on_saved = {
        let navigate = navigate.clone();
        Callback::new(move |id: String| navigate(&format!("/deals/{id}"), Default::default()))
    };
    let save = local_action(move |_: &()| async move {
        let texts = DealTexts {
            amount: amount_text.get_untracked(),
            expected_close: close_text.get_untracked(),
            probability: probability_text.get_untracked(),
            tags: tags_text.get_untracked(),
        };
        let opened = opened.get_value();
        let result = commands::save_deal(state, draft.get_untracked(), texts, opened.as_ref()).await;
        if let Some(id) = saved_id(errors, unsaved, result) {
            on_saved.run(id);
        }
    });
    let text = move |get: fn(&Deal) -> &String| Signal::derive(move || draft.with(|d| get(d).clone()));
    let set = move |put: fn(&mut Deal, String)| Callback::new(move |v: String| draft.update(|d| put(d, v)));
    let cancel_href =
        if is_new { "/pipeline".to_string() } else { format!("/deals/{}", draft.with_untracked(|d| d.id.clone())) };
    let on_discard = {
        let navigate = navigate.clone();
        Callback::new(move |()| navigate("/pipeline", Default::default()))
    };
    let cancel = move |_| navigate(&cancel_href, Default::default());
    view! {
        <h1>{title}</h1>
        <form class="record-form" novalidate on:submit=move |ev| { ev.prevent_default(); save.dispatch(()); }>
            <fieldset>
                <legend>{t("deals.form.deal")}</legend>
                <TextField label=t("deals.field.title") field="title" value=text(|d| &d.title) on_input=set(|d, v| d.title = v) errors autocomplete="off" />
                <div class="multi-row">
                    <TextField label=t("deals.field.amount") field="amount_cents" value=amount_text on_input=Callback::new(move |v| amount_text.set(v)) errors />
                    <TextField label=t("deals.field.currency") field="currency" value=text(|d| &d.currency) on_input=set(|d, v| d.currency = v) errors />
                </div>
                <div class="field">
                    <label for="f-stage">{t("contacts.list.col.stage")}</label>
                    <select id="f-stage" prop:value=move || draft.with(|d| d.stage.clone())
                        on:change={
                            let stages = stages.clone();
                            move |ev| {
                                let id = event_target_value(&ev);
                                let p = stages.iter().find(|s| s.id == id).map(|s| s.probability);
                                draft.update(|d| d.stage = id);
                                if let Some(p) = p {
                                    probability_text.set(p.to_string());
                                }
                            }
                        }>
                        {stages.iter().map(|s| view! { <option value=s.id.clone()>{s.name.clone()}</option> }).collect_view()}
                    </select>
                    <ErrorText errors field="stage" />
                </div>
                <TextField label=t("deals.form.probability") field="probability" value=probability_text on_input=Callback::new(move |v| probability_text.set(v)) errors />
                <p class="hint">{t("deals.form.probability_hint")}</p>
                <TextField label=t("deals.form.expected_close") field="expected_close" input_type="date" value=close_text on_input=Callback::new(move |v| close_text.set(v)) errors />
                <TextField label=t("contacts.field.owner") field="owner" value=text(|d| &d.owner) on_input=set(|d, v| d.owner = v) errors />
                <div class="field">
                    <label for="f-status">{t("deals.field.status")}</label>
                    <select id="f-status" prop:value=move || draft.with(|d| d.status.key())
                        on:change=move |ev| if let Some(s) = DealStatus::from_key(&event_target_value(&ev)) {
                            draft.update(|d| {
                                d.status = s;
                                d.closed = if s == DealStatus::Open { None } else { d.closed.or(Some(state.clock.now())) };
                            })
                        }>
                        {DealStatus::ALL.iter().map(|s| view! { <option value=s.key()>{label("deal_status", s.key())}</option> }).collect_view()}
                    </select>
                </div>
                <Show when=move || draft.with(|d| d.status == DealStatus::Lost)>
                    <TextField label=t("deals.detail.lost_reason") field="lost_reason" value=text(|d| &d.lost_reason) on_input=set(|d, v| d.lost_reason = v) errors />
                </Show>
            </fieldset>
            <DealPeople draft companies />
            <fieldset>
                <legend>{t("contacts.form.more")}</legend>
                <TextField label=t("contacts.field.tags") field="tags" value=tags_text on_input=Callback::new(move |v| tags_text.set(v)) errors />
                <div class="field">
                    <label for="f-notes">{t("contacts.field.notes")}</label>
                    <textarea id="f-notes" rows="4" prop:value=move || draft.with(|d| d.notes.clone()) on:input=move |ev| draft.update(|d| d.notes = event_target_value(&ev))></textarea>
                </div>
            </fieldset>
            <UnsavedEdit unsaved errors on_saved on_discard />
            <div class="form-actions">
                <button type="submit" class="primary" disabled=move || save.pending().get() || unsaved.with(Option::is_some)>{move || if save.pending().get() { t("contacts.form.saving") } else { t("deals.form.save") }}</button>
                <button type="button" on:click=cancel>{t("common.cancel")}</button>
            </div>
        </form>
    }
}

/// Who the deal is with: its company, its contacts (each with "Remove") and
/// a search that adds one.
#[component]
fn DealPeople(draft: RwSignal<Deal>, companies: Vec<(String, String)>) -> impl IntoView {
    let state = AppState::expect();
    let contact_names = move || {
        state.data.with(|d| {
            draft.with(|x| {
                x.contact_ids
                    .iter()
                    .map(|id| {
                        (
                            id.clone(),
                            d.contact(id).map_or(t("deals.form.deleted_contact").to_string(), |c| c.display_name()),
                        )
                    })
                    .collect::<Vec<_>>()
            })
        })
    };
    let contact_query = RwSignal::new(String::new());
    let contact_hits = move || {
        let q = contact_query.get();
        if q.trim().len() < 2 {
            return Vec::new();
        }
        state.data.with(|d| {
            let order: Vec<u32> = (0..d.contacts().len() as u32).collect();
            d.filter_contacts(&order, &q)
                .into_iter()
                .take(8)
                .map(|i| {
                    let c = &d.contacts()[i as usize];
                    (c.id.clone(), c.display_name(), c.primary_email().unwrap_or_default().to_string())
                })
                .collect::<Vec<_>>()
        })
    };
    view! {
        <fieldset>
            <legend>{t("deals.form.who")}</legend>
            <div class="field">
                <label for="f-company_id">{t("contacts.field.company")}</label>
                <select id="f-company_id" prop:value=move || draft.with(|d| d.company_id.clone().unwrap_or_default())
                    on:change=move |ev| { let v = event_target_value(&ev); draft.update(|d| d.company_id = (!v.is_empty()).then_some(v)); }>
                    <option value="">{t("contacts.form.no_company")}</option>
                    {companies.into_iter().map(|(id, name)| view! { <option value=id>{name}</option> }).collect_view()}
                </select>
            </div>
            <ul class="plain-list" aria-label=t("deals.form.contacts")>
                <For each=contact_names key=|(id, _)| id.clone() let:c>
                    <li>
                        {c.1.clone()}" "
                        <button type="button" class="link-button" aria-label=tf("deals.form.remove_contact", &[("name", &c.1)])
                            on:click={ let id = c.0.clone(); move |_| draft.update(|d| d.contact_ids.retain(|x| *x != id)) }>{t("contacts.form.remove")}</button>
                    </li>
                </For>
            </ul>
            <div class="field">
                <label for="f-add-contact">{t("deals.form.add_contact")}</label>
                <input id="f-add-contact" type="search" placeholder=t("deals.form.add_contact_placeholder") prop:value=move || contact_query.get()
                    on:input=move |ev| contact_query.set(event_target_value(&ev)) />
            </div>
            <ul class="plain-list" aria-label=t("deals.form.matching_contacts")>
                {move || contact_hits().into_iter().map(|(id, name, email)| view! {
                    <li>
                        <button type="button" class="link-button" on:click=move |_| {
                            let id = id.clone();
                            draft.update(|d| if !d.contact_ids.contains(&id) { d.contact_ids.push(id) });
                            contact_query.set(String::new());
                        }>{tf("deals.form.add_name", &[("name", &name)])}</button>
                        " "<span class="muted">{email}</span>
                    </li>
                }).collect_view()}
            </ul>
        </fieldset>
    }
}
