//! The inline confirmation shown before a record is deleted. It takes focus
//! on its "Cancel" button (so Enter never deletes by accident) and closes on
//! Escape.

use leptos::html::Button;
use leptos::prelude::*;

#[component]
pub fn ConfirmDelete(
    /// Whether the confirmation is showing.
    open: RwSignal<bool>,
    /// What will happen, in a sentence.
    #[prop(into)]
    message: Signal<String>,
    /// Whether the delete is running (disables the button).
    #[prop(into)]
    is_pending: Signal<bool>,
    on_confirm: Callback<()>,
) -> impl IntoView {
    let cancel = NodeRef::<Button>::new();
    Effect::new(move |_| {
        if open.get() {
            if let Some(button) = cancel.get() {
                let _ = button.focus();
            }
        }
    });
    view! {
        <Show when=move || open.get()>
            <div
                class="confirm"
                role="group"
                aria-label="Confirm deletion"
                on:keydown=move |ev| {
                    if ev.key() == "Escape" {
                        open.set(false);
                    }
                }
            >
                <p>{move || message.get()}</p>
                <button type="button" class="danger" on:click=move |_| on_confirm.run(()) disabled=move || is_pending.get()>
                    "Confirm delete"
                </button>
                <button type="button" node_ref=cancel on:click=move |_| open.set(false)>
                    "Cancel"
                </button>
            </div>
        </Show>
    }
}
