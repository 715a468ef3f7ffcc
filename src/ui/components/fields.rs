//! Form fields with their label and their error shown next to them.
//!
//! A field's error comes from a `core::validate::FieldError` with the same
//! `field` path; the input gets `aria-invalid` and `aria-describedby`.

use leptos::prelude::*;

use crate::core::records::LifecycleStage;
use crate::core::validate::FieldError;
use crate::ui::text::{label, t};

/// The DOM id for a field path: `emails[0].address` → `f-emails-0-address`.
pub fn field_id(field: &str) -> String {
    let mut id = String::from("f-");
    for c in field.chars() {
        id.push(if c.is_ascii_alphanumeric() { c } else { '-' });
    }
    id.trim_end_matches('-').replace("--", "-")
}

pub fn error_of(errors: RwSignal<Vec<FieldError>>, field: &str) -> Option<String> {
    errors.with(|es| es.iter().find(|e| e.field == field).map(|e| crate::state::text::field_error(&e.message)))
}

/// Moves focus to the first field with an error, so keyboard and screen
/// reader users land on it.
fn focus_first_error(errors: &[FieldError]) {
    let Some(first) = errors.first() else { return };
    let id = field_id(&first.field);
    if let Some(el) = web_sys::window().and_then(|w| w.document()).and_then(|d| d.get_element_by_id(&id)) {
        use wasm_bindgen::JsCast;
        if let Some(el) = el.dyn_ref::<web_sys::HtmlElement>() {
            let _ = el.focus();
        }
    }
}

/// Shows validation errors next to their fields and focuses the first, so
/// keyboard and screen reader users land on it (the command that refused
/// the record has said how many there are).
fn show_errors(errors: RwSignal<Vec<FieldError>>, errs: Vec<FieldError>) {
    focus_first_error(&errs);
    errors.set(errs);
}

/// What a form does with its command's answer: shows the field errors
/// (focusing the first) or clears them. True when the record was saved.
pub fn was_saved(errors: RwSignal<Vec<FieldError>>, result: Result<bool, Vec<FieldError>>) -> bool {
    match result {
        Err(errs) => {
            show_errors(errors, errs);
            false
        }
        Ok(saved) => {
            errors.set(Vec::new());
            saved
        }
    }
}

/// The error text under a field, if any.
#[component]
pub fn ErrorText(errors: RwSignal<Vec<FieldError>>, #[prop(into)] field: String) -> impl IntoView {
    let id = format!("{}-error", field_id(&field));
    move || error_of(errors, &field).map(|msg| view! { <p class="field-error" id=id.clone()>{msg}</p> })
}

/// A labelled one-line input bound to a string.
#[component]
pub fn TextField(
    #[prop(into)] label: String,
    /// The validation path this input edits.
    #[prop(into)]
    field: String,
    #[prop(into)] value: Signal<String>,
    on_input: Callback<String>,
    errors: RwSignal<Vec<FieldError>>,
    #[prop(default = "text")] input_type: &'static str,
    #[prop(optional)] autocomplete: &'static str,
) -> impl IntoView {
    let id = field_id(&field);
    let error_id = format!("{id}-error");
    let invalid = {
        let field = field.clone();
        move || error_of(errors, &field).is_some()
    };
    let described = {
        let invalid = invalid.clone();
        move || invalid().then(|| error_id.clone())
    };
    view! {
        <div class="field">
            <label for=id.clone()>{label}</label>
            <input
                id=id
                type=input_type
                autocomplete=(!autocomplete.is_empty()).then_some(autocomplete)
                prop:value=move || value.get()
                on:input=move |ev| on_input.run(event_target_value(&ev))
                aria-invalid=move || invalid().then_some("true")
                aria-describedby=described
            />
            <ErrorText errors field />
        </div>
    }
}

/// The "Lifecycle stage" select, shared by the contact and company forms.
#[component]
pub fn LifecycleStageField(
    #[prop(into)] value: Signal<LifecycleStage>,
    on_change: Callback<LifecycleStage>,
) -> impl IntoView {
    view! {
        <div class="field">
            <label for="f-lifecycle_stage">{t("contacts.field.lifecycle_stage")}</label>
            <select
                id="f-lifecycle_stage"
                prop:value=move || value.get().key()
                on:change=move |ev| {
                    if let Some(s) = LifecycleStage::from_key(&event_target_value(&ev)) {
                        on_change.run(s);
                    }
                }
            >
                {LifecycleStage::ALL.into_iter().map(|s| view! { <option value=s.key()>{label("lifecycle", s.key())}</option> }).collect_view()}
            </select>
        </div>
    }
}
