//! Creating and editing a company.

use leptos::prelude::*;
use leptos_router::hooks::{use_navigate, use_params_map};

use crate::core::dedupe::companies::CompanyKeys;
use crate::core::normalize::{apply_to_company, suggest_company, Suggestion};
use crate::core::records::{Address, Company, CompanySize};
use crate::core::validate::FieldError;
use crate::state::commands::local_action;
use crate::state::commands::{Opened, Unsaved};
use crate::state::{commands, new_id, AppState};
use crate::ui::components::duplicate_hint::company_match_reason;
use crate::ui::components::fields::{ErrorText, LifecycleStageField, TextField};
use crate::ui::components::suggested_fixes::SuggestedFixes;
use crate::ui::components::unsaved_edit::{saved_id, UnsavedEdit};
use crate::ui::paths::link;
use crate::ui::text::{label, t, tf};

#[component]
pub fn CompanyFormPage() -> impl IntoView {
    let state = AppState::expect();
    let params = use_params_map();
    let id = params.with_untracked(|p| p.get("id"));
    let opened = id.as_ref().and_then(|id| commands::open_company(state, id));
    match (id, opened) {
        (Some(_), None) => {
            view! { <h1>{t("companies.detail.not_found")}</h1><p>{t("companies.form.deleted_elsewhere")}</p> }
                .into_any()
        }
        (_, opened) => view! { <CompanyForm opened /> }.into_any(),
    }
}

#[component]
fn CompanyForm(opened: Option<Opened<Company>>) -> impl IntoView {
    let state = AppState::expect();
    let navigate = use_navigate();
    let is_new = opened.is_none();
    let mut initial =
        opened.as_ref().map(|o| o.record.clone()).unwrap_or_else(|| Company::blank(new_id(), state.clock.now()));
    if initial.address.is_none() {
        initial.address = Some(Address::default());
    }
    let title = if is_new {
        t("companies.new").to_string()
    } else {
        tf("contacts.form.edit_title", &[("name", &initial.name)])
    };
    let tags_text = RwSignal::new(initial.tags.join(", "));
    let draft = RwSignal::new(initial);
    let errors = RwSignal::new(Vec::<FieldError>::new());
    // "Looks like Acme Ltd, acme.com — open it?" while typing: the keys of
    // every company are built once per data change, a lookup is O(1).
    let keys = Memo::new_with_compare(
        move |_| state.data.with(|d| std::sync::Arc::new(CompanyKeys::new(d.companies()))),
        |a: Option<&std::sync::Arc<CompanyKeys>>, b: Option<&std::sync::Arc<CompanyKeys>>| match (a, b) {
            (Some(a), Some(b)) => !std::sync::Arc::ptr_eq(a, b),
            _ => true,
        },
    );
    let looks_like = Memo::new(move |_| {
        let (name, domain, id) = draft.with(|d| (d.name.clone(), d.domain.clone(), d.id.clone()));
        let probe = Company { name, domain, id, ..Company::blank(String::new(), state.clock.now()) };
        state.data.with(|d| {
            keys.with(|k| k.lookup(d.companies(), &probe)).and_then(|(i, reason)| {
                d.companies().get(i as usize).map(|c| {
                    let reason = company_match_reason(&reason);
                    let text = if c.domain.is_empty() {
                        tf("companies.hint.looks_like", &[("name", &c.name), ("reason", &reason)])
                    } else {
                        tf(
                            "companies.hint.looks_like_domain",
                            &[("name", &c.name), ("domain", &c.domain), ("reason", &reason)],
                        )
                    };
                    (c.id.clone(), text)
                })
            })
        })
    });

    let unsaved = RwSignal::new(None::<Unsaved>);
    let opened = StoredValue::new(opened);
    let on_saved = {
        let navigate = navigate.clone();
        Callback::new(move |id: String| navigate(&format!("/companies/{id}"), Default::default()))
    };
    let save = local_action(move |_: &()| async move {
        let opened = opened.get_value();
        let result =
            commands::save_company(state, draft.get_untracked(), tags_text.get_untracked(), opened.as_ref()).await;
        if let Some(id) = saved_id(errors, unsaved, result) {
            on_saved.run(id);
        }
    });

    let text = move |get: fn(&Company) -> &String| Signal::derive(move || draft.with(|d| get(d).clone()));
    let set = move |put: fn(&mut Company, String)| Callback::new(move |v: String| draft.update(|d| put(d, v)));
    let addr = move |get: fn(&Address) -> &String| {
        Signal::derive(move || draft.with(|d| d.address.as_ref().map(|a| get(a).clone()).unwrap_or_default()))
    };
    let set_addr = move |put: fn(&mut Address, String)| {
        Callback::new(move |v: String| draft.update(|d| put(d.address.get_or_insert_with(Address::default), v)))
    };
    let cancel_href = if is_new {
        "/companies".to_string()
    } else {
        format!("/companies/{}", draft.with_untracked(|d| d.id.clone()))
    };
    let on_discard = {
        let navigate = navigate.clone();
        Callback::new(move |()| navigate("/companies", Default::default()))
    };
    let cancel = move |_| navigate(&cancel_href, Default::default());
    view! {
        <h1>{title}</h1>
        <form class="record-form" novalidate on:submit=move |ev| { ev.prevent_default(); save.dispatch(()); }>
            <fieldset>
                <legend>{t("contacts.field.company")}</legend>
                <TextField label=t("companies.field.name") field="name" value=text(|d| &d.name) on_input=set(|d, v| d.name = v) errors autocomplete="organization" />
                <TextField label=t("companies.field.domain") field="domain" value=text(|d| &d.domain) on_input=set(|d, v| d.domain = v) errors />
                <TextField label=t("companies.field.industry") field="industry" value=text(|d| &d.industry) on_input=set(|d, v| d.industry = v) errors />
                <div class="field">
                    <label for="f-size">{t("companies.field.size")}</label>
                    <select
                        id="f-size"
                        prop:value=move || draft.with(|d| d.size.map(|s| s.key()).unwrap_or_default())
                        on:change=move |ev| draft.update(|d| d.size = CompanySize::from_key(&event_target_value(&ev)))
                    >
                        <option value="">{t("companies.form.size_unknown")}</option>
                        {CompanySize::ALL.iter().map(|s| view! { <option value=s.key()>{label("company_size", s.key())}</option> }).collect_view()}
                    </select>
                </div>
                <LifecycleStageField
                    value=Signal::derive(move || draft.with(|d| d.lifecycle_stage))
                    on_change=Callback::new(move |s| draft.update(|d| d.lifecycle_stage = s))
                />
            </fieldset>
            <div role="status" aria-live="polite" class="duplicate-hint">
                {move || looks_like.get().map(|(id, text)| view! {
                    <p>{text} " — " <a href=link(&format!("/companies/{id}"))>{t("contacts.hint.open")}</a></p>
                })}
            </div>
            <fieldset>
                <legend>{t("companies.field.address")}</legend>
                <TextField label=t("companies.form.street") field="address.street" value=addr(|a| &a.street) on_input=set_addr(|a, v| a.street = v) errors />
                <TextField label=t("companies.form.city") field="address.city" value=addr(|a| &a.city) on_input=set_addr(|a, v| a.city = v) errors />
                <TextField label=t("companies.form.region") field="address.region" value=addr(|a| &a.region) on_input=set_addr(|a, v| a.region = v) errors />
                <TextField label=t("companies.form.postal_code") field="address.postal_code" value=addr(|a| &a.postal_code) on_input=set_addr(|a, v| a.postal_code = v) errors />
                <TextField label=t("companies.form.country") field="address.country" value=addr(|a| &a.country) on_input=set_addr(|a, v| a.country = v.trim().to_ascii_uppercase()) errors />
            </fieldset>
            <fieldset>
                <legend>{t("contacts.form.more")}</legend>
                <TextField label=t("contacts.field.tags") field="tags" value=tags_text on_input=Callback::new(move |v| tags_text.set(v)) errors />
                <div class="field">
                    <label for="f-notes">{t("contacts.field.notes")}</label>
                    <textarea id="f-notes" rows="5"
                        prop:value=move || draft.with(|d| d.notes.clone())
                        on:input=move |ev| draft.update(|d| d.notes = event_target_value(&ev))></textarea>
                    <ErrorText errors field="notes" />
                </div>
            </fieldset>
            <SuggestedFixes
                suggestions=Signal::derive(move || draft.with(suggest_company))
                on_accept=Callback::new(move |s: Suggestion| draft.update(|d| {
                    apply_to_company(d, &s);
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
