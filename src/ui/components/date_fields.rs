//! A birthday or yearly date typed as a day, a month and a year that may be
//! left empty (issue 14: dates without a year are first-class).

use leptos::prelude::*;

use crate::core::forms::DateParts;
use crate::core::validate::FieldError;
use crate::ui::components::fields::{ErrorText, TextField};

const MONTHS: [&str; 12] = [
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
];

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
                label=format!("{label} day")
                field=format!("{field}.day")
                input_type="number"
                value=Signal::derive(move || value.with(|v| v.day.clone()))
                on_input=Callback::new(move |v: String| value.update(|p| p.day = v))
                errors
            />
            <div class="field">
                <label for=month_id.clone()>{format!("{label} month")}</label>
                <select
                    id=month_id
                    prop:value=move || value.with(|v| v.month.clone())
                    on:change=move |ev| value.update(|p| p.month = event_target_value(&ev))
                >
                    <option value="">"—"</option>
                    {MONTHS.iter().enumerate().map(|(i, m)| view! { <option value=(i + 1).to_string()>{*m}</option> }).collect_view()}
                </select>
            </div>
            <TextField
                label=format!("{label} year (optional)")
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
