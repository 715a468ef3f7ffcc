//! The delete of one record from its page: the action that runs the
//! command and then leaves the page, and the confirmation text.

use leptos::prelude::*;
use leptos_router::hooks::use_navigate;

use crate::state::commands::{self, DeletePlan};
use crate::state::AppState;

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
    let action = Action::new_local(move |_: &()| {
        let (navigate, id, what) = (navigate.clone(), id.clone(), what.clone());
        async move {
            if commands::delete_record(state, plan, &id, &what).await {
                navigate(to, Default::default());
            }
        }
    });
    (action, message)
}
