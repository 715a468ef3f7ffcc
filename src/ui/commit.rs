//! What every page does around a write: commit the user action, then say so
//! and move on, or say what went wrong and stay.

use chrono::{DateTime, Utc};
use leptos::prelude::*;
use leptos_router::hooks::use_navigate;
use leptos_router::NavigateOptions;

use crate::core::changes::Change;
use crate::core::dataset::Dataset;
use crate::core::delete::Unlinked;
use crate::core::history::HistoryKind;
use crate::state::{now, AppState, NoticeKind};

/// Writes `changes` as one user action (one transaction). After the commit it
/// shows `done` and navigates to `to`; if the write failed it shows why and
/// stays, with nothing changed.
pub async fn commit_then_go(
    state: AppState,
    changes: Vec<Change>,
    done: String,
    to: &str,
    navigate: impl Fn(&str, NavigateOptions),
) {
    match state.commit(changes).await {
        Ok(()) => {
            state.notify(NoticeKind::Success, done);
            navigate(to, Default::default());
        }
        Err(e) => state.notify(NoticeKind::Error, e.to_string()),
    }
}

/// Writes a delete (or another undoable action) with its undo entry in one
/// transaction, then says what happened with an "Undo" button and navigates
/// to `to`.
pub async fn undoable_then_go(
    state: AppState,
    changes: Vec<Change>,
    label: String,
    to: &str,
    navigate: impl Fn(&str, NavigateOptions),
) {
    match state.commit_undoable(changes, HistoryKind::Delete, label.clone()).await {
        Ok(key) => {
            state.notify_undoable(label, key);
            navigate(to, Default::default());
        }
        Err(e) => state.notify(NoticeKind::Error, e.to_string()),
    }
}

/// Commits `changes` and says `done`, or says what went wrong.
pub async fn commit_and_say(state: AppState, changes: Vec<Change>, done: impl Into<String>) -> bool {
    match state.commit(changes).await {
        Ok(()) => {
            state.notify(NoticeKind::Success, done);
            true
        }
        Err(e) => {
            state.notify(NoticeKind::Error, e.to_string());
            false
        }
    }
}

/// How a record kind is deleted: its changes (the record, and the links to it
/// removed from other records) and what is kept and unlinked.
pub type DeletePlan = fn(&Dataset, &str, DateTime<Utc>) -> (Vec<Change>, Unlinked);

/// The delete of one record, undoable: the action that commits it and then
/// goes to `to`, and the confirmation text, which follows the records linked
/// to it. `what` names the record in both ("Alan Turing", "the deal Roof").
pub fn delete_record(plan: DeletePlan, id: String, what: String, to: &'static str) -> (Action<(), ()>, Signal<String>) {
    let state = AppState::expect();
    let navigate = use_navigate();
    let message = Signal::derive({
        let (id, what) = (id.clone(), what.clone());
        move || {
            let (_, n) = state.data.with(|d| plan(d, &id, now()));
            format!("Delete {what}? {}", n.describe()).trim_end().to_string()
        }
    });
    let action = Action::new_local(move |_: &()| {
        let (navigate, id, what) = (navigate.clone(), id.clone(), what.clone());
        async move {
            let (changes, n) = state.data.with_untracked(|d| plan(d, &id, now()));
            let label = format!("Deleted {what}. {}", n.describe()).trim_end().to_string();
            undoable_then_go(state, changes, label, to, navigate).await;
        }
    });
    (action, message)
}
