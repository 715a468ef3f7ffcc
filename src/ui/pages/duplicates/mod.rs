//! The Duplicates page: a full scan for possible duplicate contacts, run in
//! slices so the page stays responsive (with a progress bar and Cancel), the
//! clusters best first with each pair's score, review reason and reasons
//! (comparison, level, weight), "Not a duplicate" (remembered in the
//! settings) and "Merge…" per pair, the report as JSON, and the merge
//! history with Undo.

mod scan;
mod scan_results;

use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::Arc;

use leptos::prelude::*;

use crate::core::history::HistoryKind;
use crate::state::{AppState, LastScanRate, NoticeKind, SharedDedupeIndex};
use crate::ui::components::undo_history::{UndoHistory, UndoTexts};
use crate::ui::format::count_of;
use scan::{run_scan, ScanState};
use scan_results::ScanResults;

const HISTORY: UndoTexts = UndoTexts {
    heading: "Merge history",
    heading_id: "merge-history-heading",
    empty: "No merges to undo.",
    done: "Merge undone",
    already: "That was undone already",
    button: undo_name,
    dated: false,
    class: "",
    list_class: "",
};

fn undo_name(label: &str) -> String {
    format!("Undo: {label}")
}

#[component]
pub fn DuplicatesPage() -> impl IntoView {
    let state = AppState::expect();
    let progress = RwSignal::new(ScanState::Idle);
    let cancelled = Arc::new(AtomicBool::new(false));
    on_cleanup({
        let cancelled = Arc::clone(&cancelled);
        move || cancelled.store(true, Ordering::Relaxed)
    });
    let last_rate = LastScanRate::expect();
    let shared = SharedDedupeIndex::expect();
    let start = {
        let cancelled = Arc::clone(&cancelled);
        move |_| {
            cancelled.store(false, Ordering::Relaxed);
            progress.set(ScanState::Preparing);
            let cancelled = Arc::clone(&cancelled);
            leptos::task::spawn_local(async move {
                match run_scan(state, shared, progress, cancelled).await {
                    None => {
                        progress.try_set(ScanState::Idle);
                    }
                    Some(Ok(outcome)) => {
                        // The duplicate rate the Data audit page shows.
                        last_rate.record(outcome.contacts_in_clusters(), outcome.index.len());
                        progress.try_set(ScanState::Done(Arc::new(outcome)));
                    }
                    Some(Err(e)) => {
                        progress.try_set(ScanState::Idle);
                        state.notify(NoticeKind::Error, e);
                    }
                }
            });
        }
    };
    let cancel = {
        let cancelled = Arc::clone(&cancelled);
        move |_| {
            cancelled.store(true, Ordering::Relaxed);
            state.notify(NoticeKind::Success, "Scan cancelled");
        }
    };
    let is_scanning = move || matches!(progress.get(), ScanState::Preparing | ScanState::Running { .. });
    let outcome = move || match progress.get() {
        ScanState::Done(o) => Some(o),
        _ => None,
    };

    view! {
        <h1>"Duplicates"</h1>
        <p>
            "Finds contacts that are probably the same person, and says why. Merging keeps the records you choose and can be undone."
        </p>
        <div class="form-actions">
            <button type="button" class="primary" on:click=start disabled=is_scanning>
                "Scan for duplicates"
            </button>
            <Show when=is_scanning>
                <button type="button" on:click=cancel.clone()>"Cancel scan"</button>
            </Show>
        </div>
        <Show when=is_scanning>
            <div class="field">
                <label for="scan-progress">"Scan progress"</label>
                <progress
                    id="scan-progress"
                    max=move || match progress.get() { ScanState::Running { total, .. } => total.max(1), _ => 1 }
                    value=move || match progress.get() { ScanState::Running { done, .. } => done, _ => 0 }
                ></progress>
                <p class="hint">
                    {move || match progress.get() {
                        ScanState::Running { done, total } => format!("{} of {} compared", done, count_of(total, "contact", "contacts")),
                        _ => "Preparing…".to_string(),
                    }}
                </p>
            </div>
        </Show>
        {move || outcome().map(|o| view! { <ScanResults outcome=o /> })}
        <UndoHistory kind=HistoryKind::Merge texts=HISTORY />
    }
}
