//! Form fields with their label and their error shown next to them.
//!
//! A field's error comes from a `core::validate::FieldError` with the same
//! `field` path; the input gets `aria-invalid` and `aria-describedby`.

use leptos::prelude::*;

use crate::core::records::LifecycleStage;
use crate::core::validate::FieldError;
use crate::ui::text::{label, t, tf};

/// The DOM id for a field path: `emails[0].address` → `f-emails-0-address`.
pub fn field_id(field: &str) -> String {
    let mut id = String::from("f-");
    for c in field.chars() {
        id.push(if c.is_ascii_alphanumeric() { c } else { '-' });
    }
    id.trim_end_matches('-').replace("--", "-")
}

pub fn error_of(errors: RwSignal<Vec<FieldError>>, field: &str) -> Option<String> {
    errors.with(|es| es.iter().find(|e| e.field == field).map(|e| message_text(&e.message)))
}

/// A validation message of `core::validate` or `core::forms` in the
/// person's language. Core writes them in English (files and the native
/// tools read them too); a message this list does not know is shown as it
/// is.
pub fn message_text(message: &str) -> String {
    use crate::core::forms as f;
    use crate::core::validate as v;
    let tag_message = format!("A tag has 1 to {} characters and no comma", v::MAX_TAG_LEN); // not text: core's message
    let key = match message {
        v::MSG_NEED_NAME => "fields.error.need_name",
        v::MSG_EMAIL => "fields.error.email",
        v::MSG_PHONE => "fields.error.phone",
        v::MSG_DOMAIN => "fields.error.domain",
        v::MSG_NEED_TITLE => "fields.error.need_title",
        v::MSG_UPDATED => "fields.error.updated",
        v::MSG_CURRENCY => "fields.error.currency",
        v::MSG_COUNTRY => "fields.error.country",
        v::MSG_BIRTHDAY_FUTURE => "fields.error.birthday_future",
        v::MSG_BIRTHDAY_1900 => "fields.error.birthday_1900",
        v::MSG_AMOUNT => "fields.error.amount",
        v::MSG_PROBABILITY => "fields.error.probability",
        v::MSG_STAGE => "fields.error.stage",
        v::MSG_CLOSED_NEEDED => "fields.error.closed_needed",
        v::MSG_CLOSED_OPEN => "fields.error.closed_open",
        v::MSG_CLOSED_BEFORE => "fields.error.closed_before",
        v::MSG_DURATION => "fields.error.duration",
        v::MSG_NO_DURATION => "fields.error.no_duration",
        v::MSG_EMPTY_NOTE => "fields.error.empty_note",
        v::MSG_CADENCE => "fields.error.cadence",
        v::MSG_DATE_LABEL => "fields.error.date_label",
        v::MSG_HISTORY_ORDER => "fields.error.history_order",
        v::MSG_NEED_STAGES => "fields.error.need_stages",
        v::MSG_STAGE_ID => "fields.error.stage_id",
        v::MSG_STAGE_NAME => "fields.error.stage_name",
        v::MSG_TAG_COLOUR => "fields.error.tag_colour",
        v::MSG_NOT_DUPLICATE_PAIR => "fields.error.not_duplicate_pair",
        v::MSG_WON_STAGE => "fields.error.won_stage",
        f::MSG_DATE => "fields.error.date",
        f::MSG_DAYS => "fields.error.days",
        f::MSG_AMOUNT_TEXT => "fields.error.amount_text",
        f::MSG_PROBABILITY_TEXT => "fields.error.probability_text",
        f::MSG_WHEN => "fields.error.when",
        f::MSG_MINUTES => "fields.error.minutes",
        f::MSG_DAY_MONTH => "fields.error.day_month",
        f::MSG_NO_SUCH_DAY => "fields.error.no_such_day",
        f::MSG_YEAR => "fields.error.year",
        "Choose a company from the list" => "fields.error.choose_company", // not text: core's message, matched
        "Enter the company's name" => "fields.error.company_name",         // not text: core's message, matched
        "Choose contacts from the list" => "fields.error.choose_contacts", // not text: core's message, matched
        "Choose a contact from the list" => "fields.error.choose_contact", // not text: core's message, matched
        "Choose a deal from the list" => "fields.error.choose_deal",       // not text: core's message, matched
        "The id must be a lower-case UUID" => "fields.error.id",           // not text: core's message, matched
        m if m == tag_message => {
            return tf("fields.error.tag", &[("max", &v::MAX_TAG_LEN.to_string())]);
        }
        m => {
            let max = m.strip_prefix("Use at most ").and_then(|r| r.strip_suffix(" characters")); // not text: core's message, matched
            return match max {
                Some(max) => tf("fields.error.too_long", &[("max", max)]),
                None => m.to_string(),
            };
        }
    };
    t(key).to_string()
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
