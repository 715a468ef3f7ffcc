//! The inline confirmation shown before a record is deleted. It takes focus
//! on its "Cancel" button (so Enter never deletes by accident) and closes on
//! Escape. [`delete_record`] gives a record page the action and message.

use leptos::html::Button;
use leptos::prelude::*;
use leptos_router::hooks::use_navigate;

use crate::state::commands::{self, local_action, DeletePlan};
use crate::state::AppState;
use crate::ui::text::t;

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
                aria-label=t("common.confirm_delete.group")
                on:keydown=move |ev| {
                    if ev.key() == crate::ui::app::ESCAPE {
                        open.set(false);
                    }
                }
            >
                <p>{move || message.get()}</p>
                <button type="button" class="danger" on:click=move |_| on_confirm.run(()) disabled=move || is_pending.get()>
                    {t("common.confirm_delete")}
                </button>
                <button type="button" node_ref=cancel on:click=move |_| open.set(false)>
                    {t("common.cancel")}
                </button>
            </div>
        </Show>
    }
}

/// The delete of one record, undoable: the action that deletes it and then
/// goes to `to`, and the confirmation text, which follows the records linked
/// to it. `what` names the record in both ("Alan Turing", "the deal Roof").
pub fn delete_record(plan: DeletePlan, id: String, what: String, to: &'static str) -> (Action<(), ()>, Signal<String>) {
    let state = AppState::expect();
    let navigate = use_navigate();
    let message = Signal::derive({
        let (id, what) = (id.clone(), what.clone());
        move || commands::delete_message(state, plan, &id, &what)
    });
    let action = local_action(move |_: &()| {
        let (navigate, id, what) = (navigate.clone(), id.clone(), what.clone());
        async move {
            if commands::delete_record(state, plan, &id, &what).await {
                navigate(to, Default::default());
            }
        }
    });
    (action, message)
}
