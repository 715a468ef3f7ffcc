//! A list of values that each have a kind, as a contact's emails and phone
//! numbers do: per row a text field, a select of its kind and "Remove", and a
//! button that adds a row. One component serves both lists.

use leptos::prelude::*;

use crate::core::validate::FieldError;
use crate::ui::components::fields::{field_id, TextField};
use crate::ui::text::t;

/// Which name of a row `row_text` is asked for.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum RowText {
    /// The row's value ("Email 2").
    Value,
    /// The row's kind ("Email 2 type").
    Kind,
    /// The row's remove button ("Remove email 2").
    Remove,
}

/// The rows of one list. Rows are named for people by `row_text` ("Email 2",
/// "Email 2 type", "Remove email 2"; the number counts from 1) and for
/// validation by `list` and `part` (`emails[1].address`).
#[component]
pub fn KindedRows(
    /// "Email addresses".
    legend: &'static str,
    /// "Add email".
    add: &'static str,
    /// The names of row `n` (from 1), from the catalogue.
    row_text: fn(RowText, usize) -> String,
    /// "emails".
    list: &'static str,
    /// "address".
    part: &'static str,
    input_type: &'static str,
    /// The kinds offered: (key, label).
    kinds: Vec<(&'static str, String)>,
    #[prop(into)] len: Signal<usize>,
    /// Row `i`'s text and kind key.
    text: Callback<usize, String>,
    kind: Callback<usize, &'static str>,
    on_text: Callback<(usize, String)>,
    on_kind: Callback<(usize, String)>,
    on_remove: Callback<usize>,
    on_add: Callback<()>,
    errors: RwSignal<Vec<FieldError>>,
) -> impl IntoView {
    view! {
        <fieldset>
            <legend>{legend}</legend>
            <For each=move || 0..len.get() key=|i| *i let:i>
                <div class="multi-row">
                    <TextField
                        label=row_text(RowText::Value, i + 1)
                        field=format!("{list}[{i}].{part}")
                        input_type=input_type
                        value=Signal::derive(move || text.run(i))
                        on_input=Callback::new(move |v: String| on_text.run((i, v)))
                        errors
                    />
                    <div class="field">
                        <label for=field_id(&format!("{list}[{i}].kind"))>{row_text(RowText::Kind, i + 1)}</label>
                        <select
                            id=field_id(&format!("{list}[{i}].kind"))
                            prop:value=move || kind.run(i)
                            on:change=move |ev| on_kind.run((i, event_target_value(&ev)))
                        >
                            {kinds.iter().map(|(key, label)| view! { <option value=*key>{label.clone()}</option> }).collect_view()}
                        </select>
                    </div>
                    <button type="button" class="link-button" aria-label=row_text(RowText::Remove, i + 1)
                        on:click=move |_| on_remove.run(i)>
                        {t("contacts.form.remove")}
                    </button>
                </div>
            </For>
            <button type="button" on:click=move |_| on_add.run(())>{add}</button>
        </fieldset>
    }
}
