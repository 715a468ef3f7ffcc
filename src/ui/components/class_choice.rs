//! What to do with all the rows of one class of an import preview (create,
//! update or skip), as a labelled select.

use leptos::prelude::*;

use crate::core::import::plan::{Choice, Choices, ClassKind};

#[component]
pub fn ClassChoice(
    class: ClassKind,
    choices: RwSignal<Choices>,
    /// "What to do with new contacts".
    #[prop(into)]
    label: String,
    /// The text of each choice ("Create new contacts").
    option_text: Callback<Choice, String>,
) -> impl IntoView {
    view! {
        <label>
            {label.clone()} " "
            <select
                aria-label=label
                prop:value=move || choices.get().get(class).key()
                on:change=move |ev| choices.update(|c| c.set(class, Choice::from_key(&event_target_value(&ev))))
            >
                {class.choices().iter().map(|c| view! {
                    <option value=c.key() selected=choices.get_untracked().get(class) == *c>{option_text.run(*c)}</option>
                }).collect_view()}
            </select>
        </label>
    }
}
