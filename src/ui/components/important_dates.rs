//! A contact's yearly dates ("Work anniversary") with add and remove.

use leptos::prelude::*;

use crate::core::forms::DateParts;
use crate::core::records::{Contact, ImportantDate, YearlyDate};
use crate::core::validate::FieldError;
use crate::state::Clock;
use crate::ui::components::date_fields::DateFields;
use crate::ui::components::fields::TextField;
use crate::ui::text::{t, tf};

/// The list of yearly dates ("Work anniversary") with add and remove. The
/// labels live in the draft; the dates as typed in `dates`, one per date,
/// read when the form is saved (a date may lack its year).
#[component]
pub fn ImportantDates(
    draft: RwSignal<Contact>,
    dates: RwSignal<Vec<RwSignal<DateParts>>>,
    errors: RwSignal<Vec<FieldError>>,
) -> impl IntoView {
    let clock = Clock::expect();
    let len = move || draft.with(|d| d.important_dates.len());
    view! {
        <For each=move || 0..len() key=|i| *i let:i>
            <div class="multi-row">
                <TextField
                    label=tf("contacts.form.date_n_label", &[("n", &(i + 1).to_string())])
                    field=format!("important_dates[{i}].label")
                    value=Signal::derive(move || draft.with(|d| d.important_dates.get(i).map(|x| x.label.clone()).unwrap_or_default()))
                    on_input=Callback::new(move |v: String| draft.update(|d| if let Some(x) = d.important_dates.get_mut(i) { x.label = v }))
                    errors
                />
                {move || dates.with(|all| all.get(i).copied()).map(|value| view! {
                    <DateFields label=tf("contacts.form.date_n", &[("n", &(i + 1).to_string())]) field=format!("important_dates[{i}].date") value errors />
                })}
                <button type="button" class="link-button" aria-label=tf("contacts.form.remove_date_n", &[("n", &(i + 1).to_string())])
                    on:click=move |_| {
                        draft.update(|d| { if i < d.important_dates.len() { d.important_dates.remove(i); } });
                        dates.update(|all| { if i < all.len() { all.remove(i); } });
                    }>
                    {t("contacts.form.remove")}
                </button>
            </div>
        </For>
        <button type="button" on:click=move |_| {
            let today = YearlyDate::full(clock.today());
            draft.update(|d| d.important_dates.push(ImportantDate { label: String::new(), date: today }));
            dates.update(|all| all.push(RwSignal::new(DateParts::of(Some(today)))));
        }>
            {t("contacts.form.add_date")}
        </button>
    }
}
