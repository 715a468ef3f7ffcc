//! A contact's yearly dates ("Work anniversary") with add and remove.

use leptos::prelude::*;

use crate::core::records::{Contact, ImportantDate};
use crate::core::validate::FieldError;
use crate::state::Clock;
use crate::ui::components::fields::TextField;
use crate::ui::format::{iso_date, parse_iso_date};

/// The list of yearly dates ("Work anniversary") with add and remove.
#[component]
pub fn ImportantDates(draft: RwSignal<Contact>, errors: RwSignal<Vec<FieldError>>) -> impl IntoView {
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
