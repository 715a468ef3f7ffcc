//! Creating and editing a contact, with validation next to each field.

use std::time::Duration;

use leptos::prelude::*;
use leptos_router::components::A;
use leptos_router::hooks::{use_navigate, use_params_map};

use crate::core::dedupe::check_one;
use crate::core::forms::ContactTexts;
use crate::core::normalize::{apply_to_contact, suggest_contact, Suggestion};
use crate::core::records::LeadStatus;
use crate::core::records::{Address, AddressKind, Contact, Email, EmailKind, ImportantDate, Phone, PhoneKind};
use crate::core::validate::FieldError;
use crate::state::{commands, new_id, timed, AppState, Clock, SharedDedupeIndex};
use crate::ui::components::fields::{field_id, show_errors, ErrorText, LifecycleStageField, TextField};
use crate::ui::components::suggested_fixes::SuggestedFixes;
use crate::ui::format::{iso_date, parse_iso_date};
use crate::ui::paths::link;

#[component]
pub fn ContactFormPage() -> impl IntoView {
    let state = AppState::expect();
    let params = use_params_map();
    let id = params.with_untracked(|p| p.get("id"));
    let existing = id.as_ref().and_then(|id| state.data.with_untracked(|d| d.contact(id).cloned()));
    match (id, existing) {
        (Some(_), None) => view! {
            <h1>"Contact not found"</h1>
            <p>"It may have been deleted in another tab."</p>
        }
        .into_any(),
        (_, existing) => view! { <ContactForm existing /> }.into_any(),
    }
}

#[component]
fn ContactForm(existing: Option<Contact>) -> impl IntoView {
    let state = AppState::expect();
    let navigate = use_navigate();
    let is_new = existing.is_none();
    let mut initial = existing.unwrap_or_else(|| {
        let mut c = Contact::blank(new_id(), state.clock.now());
        c.emails.push(Email::default());
        c.phones.push(Phone::default());
        c
    });
    if initial.emails.is_empty() {
        initial.emails.push(Email::default());
    }
    let title = if is_new { "New contact".to_string() } else { format!("Edit {}", initial.display_name()) };
    let tags_text = RwSignal::new(initial.tags.join(", "));
    let birthday_text = RwSignal::new(initial.birthday.map(iso_date).unwrap_or_default());
    let cadence_text = RwSignal::new(initial.cadence_days.map(|n| n.to_string()).unwrap_or_default());
    let draft = RwSignal::new(initial);
    let errors = RwSignal::new(Vec::<FieldError>::new());
    let companies = state.data.with_untracked(|d| d.companies_by_name());

    let save = Action::new_local(move |_: &()| {
        let navigate = navigate.clone();
        async move {
            let texts = ContactTexts {
                tags: tags_text.get_untracked(),
                birthday: birthday_text.get_untracked(),
                cadence_days: cadence_text.get_untracked(),
            };
            let draft = draft.get_untracked();
            let id = draft.id.clone();
            match commands::save_contact(state, draft, texts, is_new).await {
                Err(errs) => show_errors(errors, errs),
                Ok(saved) => {
                    errors.set(Vec::new());
                    if saved {
                        navigate(&format!("/contacts/{id}"), Default::default());
                    }
                }
            }
        }
    });

    let text = move |get: fn(&Contact) -> &String| Signal::derive(move || draft.with(|d| get(d).clone()));
    let set = move |put: fn(&mut Contact, String)| Callback::new(move |v: String| draft.update(|d| put(d, v)));
    let cancel_href =
        if is_new { "/contacts".to_string() } else { format!("/contacts/{}", draft.with_untracked(|d| d.id.clone())) };
    let cancel = {
        let navigate = use_navigate();
        move |_| navigate(&cancel_href, Default::default())
    };
    let looks_like = looks_like(state, draft);
    let emails_len = move || draft.with(|d| d.emails.len());
    let phones_len = move || draft.with(|d| d.phones.len());
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
            <fieldset>
                <legend>"Name and role"</legend>
                <TextField label="Given name" field="given_name" value=text(|d| &d.given_name) on_input=set(|d, v| d.given_name = v) errors autocomplete="off" />
                <TextField label="Family name" field="family_name" value=text(|d| &d.family_name) on_input=set(|d, v| d.family_name = v) errors autocomplete="off" />
                <TextField label="Job title" field="job_title" value=text(|d| &d.job_title) on_input=set(|d, v| d.job_title = v) errors />
                <div class="field">
                    <label for="f-company_id">"Company"</label>
                    <select
                        id="f-company_id"
                        prop:value=move || draft.with(|d| d.company_id.clone().unwrap_or_default())
                        on:change=move |ev| {
                            let v = event_target_value(&ev);
                            draft.update(|d| d.company_id = (!v.is_empty()).then_some(v));
                        }
                    >
                        <option value="">"No company"</option>
                        {companies.into_iter().map(|(id, name)| view! { <option value=id>{name}</option> }).collect_view()}
                    </select>
                    <ErrorText errors field="company_id" />
                </div>
                <LifecycleStageField
                    value=Signal::derive(move || draft.with(|d| d.lifecycle_stage))
                    on_change=Callback::new(move |s| draft.update(|d| d.lifecycle_stage = s))
                />
                <div class="field">
                    <label for="f-lead_status">"Lead status"</label>
                    <select
                        id="f-lead_status"
                        prop:value=move || draft.with(|d| d.lead_status.map_or("", |s| s.key()))
                        on:change=move |ev| draft.update(|d| d.lead_status = LeadStatus::from_key(&event_target_value(&ev)))
                    >
                        <option value="">"Not a lead"</option>
                        {LeadStatus::ALL.iter().map(|s| view! { <option value=s.key()>{s.label()}</option> }).collect_view()}
                    </select>
                </div>
                <TextField label="Owner" field="owner" value=text(|d| &d.owner) on_input=set(|d, v| d.owner = v) errors />
            </fieldset>

            <div role="status" aria-live="polite" class="duplicate-hint">
                {move || looks_like.get().map(|(id, text)| view! {
                    <p>{text} " — " <A href=link(&format!("/contacts/{id}"))>"open it?"</A></p>
                })}
            </div>

            <fieldset>
                <legend>"Email addresses"</legend>
                <For each=move || 0..emails_len() key=|i| *i let:i>
                    <div class="multi-row">
                        <TextField
                            label=format!("Email {}", i + 1)
                            field=format!("emails[{i}].address")
                            input_type="email"
                            value=Signal::derive(move || draft.with(|d| d.emails.get(i).map(|e| e.address.clone()).unwrap_or_default()))
                            on_input=Callback::new(move |v: String| draft.update(|d| if let Some(e) = d.emails.get_mut(i) { e.address = v }))
                            errors
                        />
                        <div class="field">
                            <label for=field_id(&format!("emails[{i}].kind"))>{format!("Email {} type", i + 1)}</label>
                            <select
                                id=field_id(&format!("emails[{i}].kind"))
                                prop:value=move || draft.with(|d| d.emails.get(i).map(|e| e.kind.key()).unwrap_or_default())
                                on:change=move |ev| {
                                    if let Some(k) = EmailKind::from_key(&event_target_value(&ev)) {
                                        draft.update(|d| if let Some(e) = d.emails.get_mut(i) { e.kind = k });
                                    }
                                }
                            >
                                {EmailKind::ALL.iter().map(|k| view! { <option value=k.key()>{k.label()}</option> }).collect_view()}
                            </select>
                        </div>
                        <button type="button" class="link-button" aria-label=format!("Remove email {}", i + 1)
                            on:click=move |_| draft.update(|d| { if i < d.emails.len() { d.emails.remove(i); } })>
                            "Remove"
                        </button>
                    </div>
                </For>
                <button type="button" on:click=move |_| draft.update(|d| d.emails.push(Email::default()))>"Add email"</button>
            </fieldset>

            <fieldset>
                <legend>"Phone numbers"</legend>
                <For each=move || 0..phones_len() key=|i| *i let:i>
                    <div class="multi-row">
                        <TextField
                            label=format!("Phone {}", i + 1)
                            field=format!("phones[{i}].number")
                            input_type="tel"
                            value=Signal::derive(move || draft.with(|d| d.phones.get(i).map(|p| p.number.clone()).unwrap_or_default()))
                            on_input=Callback::new(move |v: String| draft.update(|d| if let Some(p) = d.phones.get_mut(i) { p.number = v }))
                            errors
                        />
                        <div class="field">
                            <label for=field_id(&format!("phones[{i}].kind"))>{format!("Phone {} type", i + 1)}</label>
                            <select
                                id=field_id(&format!("phones[{i}].kind"))
                                prop:value=move || draft.with(|d| d.phones.get(i).map(|p| p.kind.key()).unwrap_or_default())
                                on:change=move |ev| {
                                    if let Some(k) = PhoneKind::from_key(&event_target_value(&ev)) {
                                        draft.update(|d| if let Some(p) = d.phones.get_mut(i) { p.kind = k });
                                    }
                                }
                            >
                                {PhoneKind::ALL.iter().map(|k| view! { <option value=k.key()>{k.label()}</option> }).collect_view()}
                            </select>
                        </div>
                        <button type="button" class="link-button" aria-label=format!("Remove phone {}", i + 1)
                            on:click=move |_| draft.update(|d| { if i < d.phones.len() { d.phones.remove(i); } })>
                            "Remove"
                        </button>
                    </div>
                </For>
                <button type="button" on:click=move |_| draft.update(|d| d.phones.push(Phone::default()))>"Add phone"</button>
            </fieldset>

            <fieldset>
                <legend>"Postal addresses"</legend>
                <For each=move || 0..addresses_len() key=|i| *i let:i>
                    <AddressRows draft i errors />
                </For>
                <button type="button" on:click=move |_| draft.update(|d| d.addresses.push(Address { kind: AddressKind::Work, ..Default::default() }))>
                    "Add address"
                </button>
            </fieldset>

            <fieldset>
                <legend>"More"</legend>
                <TextField label="Tags" field="tags" value=tags_text on_input=Callback::new(move |v| tags_text.set(v)) errors />
                <p class="hint">"Separate tags with commas."</p>
                <TextField label="Birthday" field="birthday" input_type="date" value=birthday_text on_input=Callback::new(move |v| birthday_text.set(v)) errors />
                <TextField label="Keep in touch every (days)" field="cadence_days" value=cadence_text on_input=Callback::new(move |v| cadence_text.set(v)) errors />
                <ImportantDates draft errors />
                <TextField label="Source" field="source" value=text(|d| &d.source) on_input=set(|d, v| d.source = v) errors />
                <div class="field">
                    <label for="f-notes">"Notes"</label>
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
            <div class="form-actions">
                <button type="submit" class="primary" disabled=move || save.pending().get()>
                    {move || if save.pending().get() { "Saving…" } else { "Save" }}
                </button>
                <button type="button" on:click=cancel>"Cancel"</button>
            </div>
        </form>
    }
}

/// How long typing must pause before the draft is looked up.
const CHECK_DELAY: Duration = Duration::from_millis(300);

/// The best existing contact the draft looks like, as its id and "Looks like
/// Jane Roe, jane@example.com", checked after typing pauses.
fn looks_like(state: AppState, draft: RwSignal<Contact>) -> ReadSignal<Option<(String, String)>> {
    let shared = SharedDedupeIndex::expect();
    let (found, set_found) = signal(None::<(String, String)>);
    let pending = StoredValue::new_local(None::<TimeoutHandle>);
    // The effect only schedules the lookup; the result is this form's own
    // hint, read nowhere else.
    Effect::new(move |_| {
        draft.track();
        if let Some(h) = pending.get_value() {
            h.clear();
        }
        let check = move || {
            let Some(d) = draft.try_get_untracked() else { return };
            let is_blank = d.given_name.trim().is_empty()
                && d.family_name.trim().is_empty()
                && d.emails.iter().all(|e| e.address.trim().is_empty())
                && d.phones.iter().all(|p| p.number.trim().is_empty());
            if is_blank {
                set_found.try_set(None);
                return;
            }
            // An edited contact may have pairs marked "not a duplicate".
            let is_dismissed = |other: &str| {
                let pair = if d.id.as_str() <= other {
                    (d.id.clone(), other.to_string())
                } else {
                    (other.to_string(), d.id.clone())
                };
                state.data.with_untracked(|data| data.settings().not_duplicates.binary_search(&pair).is_ok())
            };
            // The index is built (once per data change) before the check is timed.
            let i = shared.get();
            let best = timed("dedupe:check", || {
                check_one(&i, &d).into_iter().map(|c| i.id(c.b).to_string()).find(|id| !is_dismissed(id))
            });
            let hint = best.and_then(|id| {
                state.data.with_untracked(|data| {
                    data.contact(&id).map(|c| {
                        let text = match c.primary_email() {
                            Some(e) if e != c.display_name() => format!("Looks like {}, {e}", c.display_name()),
                            _ => format!("Looks like {}", c.display_name()),
                        };
                        (id.clone(), text)
                    })
                })
            });
            set_found.try_set(hint);
        };
        pending.set_value(set_timeout_with_handle(check, CHECK_DELAY).ok());
    });
    on_cleanup(move || {
        if let Some(h) = pending.try_get_value().flatten() {
            h.clear();
        }
    });
    found
}

/// The inputs of one postal address.
#[component]
fn AddressRows(draft: RwSignal<Contact>, i: usize, errors: RwSignal<Vec<FieldError>>) -> impl IntoView {
    let part = move |get: fn(&Address) -> &String| {
        Signal::derive(move || draft.with(|d| d.addresses.get(i).map(|a| get(a).clone()).unwrap_or_default()))
    };
    let put = move |set: fn(&mut Address, String)| {
        Callback::new(move |v: String| {
            draft.update(|d| {
                if let Some(a) = d.addresses.get_mut(i) {
                    set(a, v)
                }
            })
        })
    };
    let n = i + 1;
    view! {
        <div class="address-block">
            <TextField label=format!("Address {n} street") field=format!("addresses[{i}].street") value=part(|a| &a.street) on_input=put(|a, v| a.street = v) errors />
            <TextField label=format!("Address {n} city") field=format!("addresses[{i}].city") value=part(|a| &a.city) on_input=put(|a, v| a.city = v) errors />
            <TextField label=format!("Address {n} region") field=format!("addresses[{i}].region") value=part(|a| &a.region) on_input=put(|a, v| a.region = v) errors />
            <TextField label=format!("Address {n} postal code") field=format!("addresses[{i}].postal_code") value=part(|a| &a.postal_code) on_input=put(|a, v| a.postal_code = v) errors />
            <TextField label=format!("Address {n} country") field=format!("addresses[{i}].country") value=part(|a| &a.country) on_input=put(|a, v| a.country = v.trim().to_ascii_uppercase()) errors />
            <button type="button" class="link-button" aria-label=format!("Remove address {n}")
                on:click=move |_| draft.update(|d| { if i < d.addresses.len() { d.addresses.remove(i); } })>
                "Remove"
            </button>
        </div>
    }
}

/// The list of yearly dates ("Work anniversary") with add and remove.
#[component]
fn ImportantDates(draft: RwSignal<Contact>, errors: RwSignal<Vec<FieldError>>) -> impl IntoView {
    let clock = Clock::expect();
    let len = move || draft.with(|d| d.important_dates.len());
    view! {
        <For each=move || 0..len() key=|i| *i let:i>
            <div class="multi-row">
                <TextField
                    label=format!("Date {} label", i + 1)
                    field=format!("important_dates[{i}].label")
                    value=Signal::derive(move || draft.with(|d| d.important_dates.get(i).map(|x| x.label.clone()).unwrap_or_default()))
                    on_input=Callback::new(move |v: String| draft.update(|d| if let Some(x) = d.important_dates.get_mut(i) { x.label = v }))
                    errors
                />
                <TextField
                    label=format!("Date {}", i + 1)
                    field=format!("important_dates[{i}].date")
                    input_type="date"
                    value=Signal::derive(move || draft.with(|d| d.important_dates.get(i).map(|x| iso_date(x.date)).unwrap_or_default()))
                    on_input=Callback::new(move |v: String| if let Some(date) = parse_iso_date(&v) {
                        draft.update(|d| if let Some(x) = d.important_dates.get_mut(i) { x.date = date })
                    })
                    errors
                />
                <button type="button" class="link-button" aria-label=format!("Remove date {}", i + 1)
                    on:click=move |_| draft.update(|d| { if i < d.important_dates.len() { d.important_dates.remove(i); } })>
                    "Remove"
                </button>
            </div>
        </For>
        <button type="button" on:click=move |_| draft.update(|d| d.important_dates.push(ImportantDate { label: String::new(), date: clock.today() }))>
            "Add a yearly date"
        </button>
    }
}
