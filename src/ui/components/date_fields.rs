//! A birthday or yearly date typed as a day, a month and a year that may be
//! left empty (issue 14: dates without a year are first-class).

use leptos::prelude::*;

use crate::core::forms::DateParts;
use crate::core::validate::FieldError;
use crate::ui::components::fields::{ErrorText, TextField};
use crate::ui::text::{label as kind_label, tf};

/// Day, month and optional year of one date. Errors for `field` show under
/// the group; `core::forms::DateParts::read` decides what the parts mean.
#[component]
pub fn DateFields(
    /// What the date is ("Birthday", "Date 1").
    #[prop(into)]
    label: String,
    /// The validation path the date edits ("birthday").
    #[prop(into)]
    field: String,
    value: RwSignal<DateParts>,
    errors: RwSignal<Vec<FieldError>>,
) -> impl IntoView {
    let month_id = format!("f-{}-month", field.replace(['[', ']', '.'], "-"));
    view! {
        <fieldset class="date-fields">
            <legend>{label.clone()}</legend>
            <TextField
                label=tf("contacts.date.day", &[("label", &label)])
                field=format!("{field}.day")
                input_type="number"
                value=Signal::derive(move || value.with(|v| v.day.clone()))
                on_input=Callback::new(move |v: String| value.update(|p| p.day = v))
                errors
            />
            <div class="field">
                <label for=month_id.clone()>{tf("contacts.date.month", &[("label", &label)])}</label>
                <select
                    id=month_id
                    prop:value=move || value.with(|v| v.month.clone())
                    on:change=move |ev| value.update(|p| p.month = event_target_value(&ev))
                >
                    <option value="">"—"</option>
                    {(1..=12).map(|m| {
                        let m = m.to_string();
                        view! { <option value=m.clone()>{kind_label("month", &m)}</option> }
                    }).collect_view()}
                </select>
            </div>
            <TextField
                label=tf("contacts.date.year", &[("label", &label)])
                field=format!("{field}.year")
                input_type="number"
                value=Signal::derive(move || value.with(|v| v.year.clone()))
                on_input=Callback::new(move |v: String| value.update(|p| p.year = v))
                errors
            />
            <ErrorText errors field=field />
        </fieldset>
    }
}
