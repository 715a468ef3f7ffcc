//! Creating and editing a contact, with validation next to each field.

use leptos::prelude::*;
use leptos_router::hooks::{use_navigate, use_params_map};

use crate::core::forms::{ContactTexts, DateParts};
use crate::core::normalize::{apply_to_contact, suggest_contact, Suggestion};
use crate::core::records::LeadStatus;
use crate::core::records::{Address, AddressKind, Contact, Email, EmailKind, Phone, PhoneKind};
use crate::core::validate::FieldError;
use crate::state::commands::local_action;
use crate::state::commands::{Opened, Unsaved};
use crate::state::{commands, new_id, AppState};
use crate::ui::components::address_rows::AddressRows;
use crate::ui::components::date_fields::DateFields;
use crate::ui::components::duplicate_hint::DuplicateHint;
use crate::ui::components::fields::{ErrorText, LifecycleStageField, TextField};
use crate::ui::components::important_dates::ImportantDates;
use crate::ui::components::kinded_rows::{KindedRows, RowText};
use crate::ui::components::suggested_fixes::SuggestedFixes;
use crate::ui::components::unsaved_edit::{saved_id, UnsavedEdit};
use crate::ui::text::{label, t, tf};

#[component]
pub fn ContactFormPage() -> impl IntoView {
    let state = AppState::expect();
    let params = use_params_map();
    let id = params.with_untracked(|p| p.get("id"));
    let opened = id.as_ref().and_then(|id| commands::open_contact(state, id));
    match (id, opened) {
        (Some(_), None) => view! {
            <h1>{t("contacts.detail.not_found")}</h1>
            <p>{t("contacts.form.deleted_elsewhere")}</p>
        }
        .into_any(),
        (_, opened) => view! { <ContactForm opened /> }.into_any(),
    }
}

#[component]
fn ContactForm(opened: Option<Opened<Contact>>) -> impl IntoView {
    let state = AppState::expect();
    let navigate = use_navigate();
    let is_new = opened.is_none();
    let mut initial = opened.as_ref().map(|o| o.record.clone()).unwrap_or_else(|| {
        let mut c = Contact::blank(new_id(), state.clock.now());
        c.emails.push(Email::default());
        c.phones.push(Phone::default());
        c
    });
    if initial.emails.is_empty() {
        initial.emails.push(Email::default());
    }
    let title = if is_new {
        t("contacts.new").to_string()
    } else {
        tf("contacts.form.edit_title", &[("name", &initial.display_name())])
    };
    let tags_text = RwSignal::new(initial.tags.join(", "));
    let birthday_parts = RwSignal::new(DateParts::of(initial.birthday));
    let date_parts = RwSignal::new(
        initial.important_dates.iter().map(|d| RwSignal::new(DateParts::of(Some(d.date)))).collect::<Vec<_>>(),
    );
    let cadence_text = RwSignal::new(initial.cadence_days.map(|n| n.to_string()).unwrap_or_default());
    let draft = RwSignal::new(initial);
    let errors = RwSignal::new(Vec::<FieldError>::new());
    let unsaved = RwSignal::new(None::<Unsaved>);
    let opened = StoredValue::new(opened);
    let companies = state.data.with_untracked(|d| d.companies_by_name());
    let on_saved = {
        let navigate = navigate.clone();
        Callback::new(move |id: String| navigate(&format!("/contacts/{id}"), Default::default()))
    };

    let save = local_action(move |_: &()| async move {
        let texts = ContactTexts {
            tags: tags_text.get_untracked(),
            birthday: birthday_parts.get_untracked(),
            important_dates: date_parts.with_untracked(|all| all.iter().map(|p| p.get_untracked()).collect()),
            cadence_days: cadence_text.get_untracked(),
        };
        let opened = opened.get_value();
        let result = commands::save_contact(state, draft.get_untracked(), texts, opened.as_ref()).await;
        if let Some(id) = saved_id(errors, unsaved, result) {
            on_saved.run(id);
        }
    });

    let text = move |get: fn(&Contact) -> &String| Signal::derive(move || draft.with(|d| get(d).clone()));
    let set = move |put: fn(&mut Contact, String)| Callback::new(move |v: String| draft.update(|d| put(d, v)));
    let cancel_href =
        if is_new { "/contacts".to_string() } else { format!("/contacts/{}", draft.with_untracked(|d| d.id.clone())) };
    let on_discard = {
        let navigate = navigate.clone();
        Callback::new(move |()| navigate("/contacts", Default::default()))
    };
    let cancel = move |_| navigate(&cancel_href, Default::default());
    let addresses_len = move || draft.with(|d| d.addresses.len());

    view! {
        <h1>{title}</h1>
        <form
            class="record-form"
            novalidate
            on:submit=move |ev| {
                ev.prevent_default();
                save.dispatch(());
            }
        >
            <NameAndRole draft companies errors />

            <DuplicateHint draft />

            <EmailRows draft errors />
            <PhoneRows draft errors />

            <fieldset>
                <legend>{t("contacts.form.addresses")}</legend>
                <For each=move || 0..addresses_len() key=|i| *i let:i>
                    <AddressRows draft i errors />
                </For>
                <button type="button" on:click=move |_| draft.update(|d| d.addresses.push(Address { kind: AddressKind::Work, ..Default::default() }))>
                    {t("contacts.form.add_address")}
                </button>
            </fieldset>

            <fieldset>
                <legend>{t("contacts.form.more")}</legend>
                <TextField label=t("contacts.field.tags") field="tags" value=tags_text on_input=Callback::new(move |v| tags_text.set(v)) errors />
                <p class="hint">{t("contacts.form.tags_hint")}</p>
                <DateFields label=t("contacts.field.birthday") field="birthday" value=birthday_parts errors />
                <TextField label=t("contacts.form.cadence") field="cadence_days" value=cadence_text on_input=Callback::new(move |v| cadence_text.set(v)) errors />
                <ImportantDates draft dates=date_parts errors />
                <TextField label=t("contacts.field.source") field="source" value=text(|d| &d.source) on_input=set(|d, v| d.source = v) errors />
                <div class="field">
                    <label for="f-notes">{t("contacts.field.notes")}</label>
                    <textarea
                        id="f-notes"
                        rows="5"
                        prop:value=move || draft.with(|d| d.notes.clone())
                        on:input=move |ev| draft.update(|d| d.notes = event_target_value(&ev))
                    ></textarea>
                    <ErrorText errors field="notes" />
                </div>
            </fieldset>

            <SuggestedFixes
                suggestions=Signal::derive(move || {
                    let country = state.data.with(|d| d.settings().default_country.clone());
                    draft.with(|d| suggest_contact(d, &country))
                })
                on_accept=Callback::new(move |s: Suggestion| draft.update(|d| {
                    apply_to_contact(d, &s);
                }))
            />
            <UnsavedEdit unsaved errors on_saved on_discard />
            <div class="form-actions">
                <button type="submit" class="primary" disabled=move || save.pending().get() || unsaved.with(Option::is_some)>
                    {move || if save.pending().get() { t("contacts.form.saving") } else { t("common.save") }}
                </button>
                <button type="button" on:click=cancel>{t("common.cancel")}</button>
            </div>
        </form>
    }
}

/// "Email 2", "Email 2 type", "Remove email 2".
fn email_text(which: RowText, n: usize) -> String {
    let n = n.to_string();
    let key = match which {
        RowText::Value => "contacts.form.email_n",
        RowText::Kind => "contacts.form.email_n_type",
        RowText::Remove => "contacts.form.remove_email_n",
    };
    tf(key, &[("n", &n)])
}

/// "Phone 2", "Phone 2 type", "Remove phone 2".
fn phone_text(which: RowText, n: usize) -> String {
    let n = n.to_string();
    let key = match which {
        RowText::Value => "contacts.form.phone_n",
        RowText::Kind => "contacts.form.phone_n_type",
        RowText::Remove => "contacts.form.remove_phone_n",
    };
    tf(key, &[("n", &n)])
}

/// The contact's email addresses, each with its kind.
#[component]
fn EmailRows(draft: RwSignal<Contact>, errors: RwSignal<Vec<FieldError>>) -> impl IntoView {
    view! {
        <KindedRows
            legend=t("contacts.form.emails") add=t("contacts.form.add_email") row_text=email_text list="emails" part="address" input_type="email"
            kinds=EmailKind::ALL.iter().map(|k| (k.key(), label("email_kind", k.key()))).collect()
            len=Signal::derive(move || draft.with(|d| d.emails.len()))
            text=Callback::new(move |i: usize| draft.with(|d| d.emails.get(i).map(|e| e.address.clone()).unwrap_or_default()))
            kind=Callback::new(move |i: usize| draft.with(|d| d.emails.get(i).map(|e| e.kind.key()).unwrap_or_default()))
            on_text=Callback::new(move |(i, v): (usize, String)| draft.update(|d| if let Some(e) = d.emails.get_mut(i) { e.address = v }))
            on_kind=Callback::new(move |(i, k): (usize, String)| if let Some(k) = EmailKind::from_key(&k) {
                draft.update(|d| if let Some(e) = d.emails.get_mut(i) { e.kind = k })
            })
            on_remove=Callback::new(move |i: usize| draft.update(|d| if i < d.emails.len() { d.emails.remove(i); }))
            on_add=Callback::new(move |()| draft.update(|d| d.emails.push(Email::default())))
            errors
        />
    }
}

/// The contact's phone numbers, each with its kind.
#[component]
fn PhoneRows(draft: RwSignal<Contact>, errors: RwSignal<Vec<FieldError>>) -> impl IntoView {
    view! {
        <KindedRows
            legend=t("contacts.form.phones") add=t("contacts.form.add_phone") row_text=phone_text list="phones" part="number" input_type="tel"
            kinds=PhoneKind::ALL.iter().map(|k| (k.key(), label("phone_kind", k.key()))).collect()
            len=Signal::derive(move || draft.with(|d| d.phones.len()))
            text=Callback::new(move |i: usize| draft.with(|d| d.phones.get(i).map(|p| p.number.clone()).unwrap_or_default()))
            kind=Callback::new(move |i: usize| draft.with(|d| d.phones.get(i).map(|p| p.kind.key()).unwrap_or_default()))
            on_text=Callback::new(move |(i, v): (usize, String)| draft.update(|d| if let Some(p) = d.phones.get_mut(i) { p.number = v }))
            on_kind=Callback::new(move |(i, k): (usize, String)| if let Some(k) = PhoneKind::from_key(&k) {
                draft.update(|d| if let Some(p) = d.phones.get_mut(i) { p.kind = k })
            })
            on_remove=Callback::new(move |i: usize| draft.update(|d| if i < d.phones.len() { d.phones.remove(i); }))
            on_add=Callback::new(move |()| draft.update(|d| d.phones.push(Phone::default())))
            errors
        />
    }
}

/// Names, job, company, lifecycle stage, lead status and owner.
#[component]
fn NameAndRole(
    draft: RwSignal<Contact>,
    companies: Vec<(String, String)>,
    errors: RwSignal<Vec<FieldError>>,
) -> impl IntoView {
    let text = move |get: fn(&Contact) -> &String| Signal::derive(move || draft.with(|d| get(d).clone()));
    let set = move |put: fn(&mut Contact, String)| Callback::new(move |v: String| draft.update(|d| put(d, v)));
    view! {
        <fieldset>
            <legend>{t("contacts.form.name_and_role")}</legend>
            <TextField label=t("contacts.field.name_prefix") field="name_prefix" value=text(|d| &d.name_prefix) on_input=set(|d, v| d.name_prefix = v) errors autocomplete="off" />
            <TextField label=t("contacts.field.given_name") field="given_name" value=text(|d| &d.given_name) on_input=set(|d, v| d.given_name = v) errors autocomplete="off" />
            <TextField label=t("contacts.field.family_name") field="family_name" value=text(|d| &d.family_name) on_input=set(|d, v| d.family_name = v) errors autocomplete="off" />
            <TextField label=t("contacts.field.name_suffix") field="name_suffix" value=text(|d| &d.name_suffix) on_input=set(|d, v| d.name_suffix = v) errors autocomplete="off" />
            <TextField label=t("contacts.field.nickname") field="nickname" value=text(|d| &d.nickname) on_input=set(|d, v| d.nickname = v) errors autocomplete="off" />
            <TextField label=t("contacts.field.job_title") field="job_title" value=text(|d| &d.job_title) on_input=set(|d, v| d.job_title = v) errors />
            <TextField label=t("contacts.field.department") field="department" value=text(|d| &d.department) on_input=set(|d, v| d.department = v) errors />
            <div class="field">
                <label for="f-company_id">{t("contacts.field.company")}</label>
                <select
                    id="f-company_id"
                    prop:value=move || draft.with(|d| d.company_id.clone().unwrap_or_default())
                    on:change=move |ev| {
                        let v = event_target_value(&ev);
                        draft.update(|d| d.company_id = (!v.is_empty()).then_some(v));
                    }
                >
                    <option value="">{t("contacts.form.no_company")}</option>
                    {companies.into_iter().map(|(id, name)| view! { <option value=id>{name}</option> }).collect_view()}
                </select>
                <ErrorText errors field="company_id" />
            </div>
            <LifecycleStageField
                value=Signal::derive(move || draft.with(|d| d.lifecycle_stage))
                on_change=Callback::new(move |s| draft.update(|d| d.lifecycle_stage = s))
            />
            <div class="field">
                <label for="f-lead_status">{t("contacts.field.lead_status")}</label>
                <select
                    id="f-lead_status"
                    prop:value=move || draft.with(|d| d.lead_status.map_or("", |s| s.key()))
                    on:change=move |ev| draft.update(|d| d.lead_status = LeadStatus::from_key(&event_target_value(&ev)))
                >
                    <option value="">{t("contacts.form.not_a_lead")}</option>
                    {LeadStatus::ALL.iter().map(|s| view! { <option value=s.key()>{label("lead_status", s.key())}</option> }).collect_view()}
                </select>
            </div>
            <TextField label=t("contacts.field.owner") field="owner" value=text(|d| &d.owner) on_input=set(|d, v| d.owner = v) errors />
        </fieldset>
    }
}
