//! A list of values that each have a kind, as a contact's emails and phone
//! numbers do: per row a text field, a select of its kind and "Remove", and a
//! button that adds a row. One component serves both lists.

use leptos::prelude::*;

use crate::core::validate::FieldError;
use crate::ui::components::fields::{field_id, TextField};

/// The rows of one list. Rows are named for people by `noun` ("Email 2",
/// "Email 2 type", "Remove email 2", "Add email") and for validation by
/// `list` and `part` (`emails[1].address`).
#[component]
pub fn KindedRows(
    /// "Email addresses".
    legend: &'static str,
    /// "Email".
    noun: &'static str,
    /// "emails".
    list: &'static str,
    /// "address".
    part: &'static str,
    input_type: &'static str,
    /// The kinds offered: (key, label).
    kinds: Vec<(&'static str, &'static str)>,
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
    let lower = noun.to_lowercase();
    let remove_noun = lower.clone();
    view! {
        <fieldset>
            <legend>{legend}</legend>
            <For each=move || 0..len.get() key=|i| *i let:i>
                <div class="multi-row">
                    <TextField
                        label=format!("{noun} {}", i + 1)
                        field=format!("{list}[{i}].{part}")
                        input_type=input_type
                        value=Signal::derive(move || text.run(i))
                        on_input=Callback::new(move |v: String| on_text.run((i, v)))
                        errors
                    />
                    <div class="field">
                        <label for=field_id(&format!("{list}[{i}].kind"))>{format!("{noun} {} type", i + 1)}</label>
                        <select
                            id=field_id(&format!("{list}[{i}].kind"))
                            prop:value=move || kind.run(i)
                            on:change=move |ev| on_kind.run((i, event_target_value(&ev)))
                        >
                            {kinds.iter().map(|(key, label)| view! { <option value=*key>{*label}</option> }).collect_view()}
                        </select>
                    </div>
                    <button type="button" class="link-button" aria-label=format!("Remove {remove_noun} {}", i + 1)
                        on:click=move |_| on_remove.run(i)>
                        "Remove"
                    </button>
                </div>
            </For>
            <button type="button" on:click=move |_| on_add.run(())>{format!("Add {lower}")}</button>
        </fieldset>
    }
}
