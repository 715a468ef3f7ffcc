//! Fixing one invalid cell in an import preview: an input named for the
//! cell and a button that checks the row again.

use leptos::prelude::*;

/// An input to fix an invalid cell, and the button that checks the row again.
#[component]
pub fn CellFix(
    row: usize,
    row_number: usize,
    column: usize,
    header: String,
    on_fix: Callback<(usize, usize, String)>,
) -> impl IntoView {
    let value = RwSignal::new(String::new());
    let input_label = format!("Fix {header} on row {row_number}");
    let button_label = format!("Check row {row_number} again");
    view! {
        <span class="cell-fix">
            <input type="text" aria-label=input_label prop:value=move || value.get()
                on:input=move |ev| value.set(event_target_value(&ev)) />
            <button type="button" aria-label=button_label on:click=move |_| on_fix.run((row, column, value.get_untracked()))>
                "Check again"
            </button>
        </span>
    }
}
