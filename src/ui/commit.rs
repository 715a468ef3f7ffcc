//! What every page does around a write: commit the user action, then say so
//! and move on, or say what went wrong and stay.

use leptos_router::NavigateOptions;

use crate::core::changes::Change;
use crate::core::history::HistoryKind;
use crate::state::{AppState, NoticeKind};

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
