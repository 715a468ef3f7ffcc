//! Fixing one cell in an import preview: an input named for the cell, what
//! it expects with an example, and a button that checks the row again.

use leptos::prelude::*;

use crate::ui::text::{t, tf};

/// An input to fix an invalid cell, and the button that checks the row again.
#[component]
pub fn CellFix(
    row: usize,
    row_number: usize,
    column: usize,
    header: String,
    /// What the cell should hold, with an example ("an email address, like
    /// jane.roe@example.com"); see `core::import::contacts_map::Target::expects`.
    #[prop(optional, into)]
    expects: String,
    on_fix: Callback<(usize, usize, String)>,
) -> impl IntoView {
    let value = RwSignal::new(String::new());
    let row_text = row_number.to_string();
    let input_label = tf("import.cell_fix.input", &[("column", &header), ("row", &row_text)]);
    let button_label = tf("import.cell_fix.button_label", &[("row", &row_text)]);
    let hint_id = format!("cell-fix-{row}-{column}-hint");
    let has_hint = !expects.is_empty();
    view! {
        <span class="cell-fix">
            <input type="text" aria-label=input_label prop:value=move || value.get()
                aria-describedby=has_hint.then(|| hint_id.clone())
                on:input=move |ev| value.set(event_target_value(&ev)) />
            {has_hint.then(|| view! { <span class="hint" id=hint_id.clone()>{tf("import.cell_fix.expected", &[("expects", &expects)])}</span> })}
            <button type="button" aria-label=button_label on:click=move |_| on_fix.run((row, column, value.get_untracked()))>
                {t("import.cell_fix.check_again")}
            </button>
        </span>
    }
}
