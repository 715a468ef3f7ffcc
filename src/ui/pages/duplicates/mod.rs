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
use crate::ui::text::{t, tf, tn};
use scan::{run_scan, ScanState};
use scan_results::ScanResults;

/// The merge history's texts, in the person's language.
fn history() -> UndoTexts {
    UndoTexts {
        heading: t("duplicates.history.title"),
        heading_id: "merge-history-heading",
        empty: t("duplicates.history.empty"),
        done: t("duplicates.history.done"),
        already: t("duplicates.history.already"),
        button: undo_name,
        dated: false,
        class: "",
        list_class: "",
    }
}

fn undo_name(label: &str) -> String {
    tf("duplicates.history.undo", &[("label", label)])
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
            state.notify(NoticeKind::Success, t("duplicates.scan.cancelled"));
        }
    };
    let is_scanning = move || matches!(progress.get(), ScanState::Preparing | ScanState::Running { .. });
    let outcome = move || match progress.get() {
        ScanState::Done(o) => Some(o),
        _ => None,
    };

    view! {
        <h1>{t("audit.duplicates.title")}</h1>
        <p>
            {t("duplicates.intro")}
        </p>
        <div class="form-actions">
            <button type="button" class="primary" on:click=start disabled=is_scanning>
                {t("duplicates.scan.start")}
            </button>
            <Show when=is_scanning>
                <button type="button" on:click=cancel.clone()>{t("duplicates.scan.cancel")}</button>
            </Show>
        </div>
        <Show when=is_scanning>
            <div class="field">
                <label for="scan-progress">{t("duplicates.scan.progress")}</label>
                <progress
                    id="scan-progress"
                    max=move || match progress.get() { ScanState::Running { total, .. } => total.max(1), _ => 1 }
                    value=move || match progress.get() { ScanState::Running { done, .. } => done, _ => 0 }
                ></progress>
                <p class="hint">
                    {move || match progress.get() {
                        ScanState::Running { done, total } => {
                            tf("duplicates.scan.compared", &[("done", &crate::ui::format::thousands(done)), ("contacts", &tn("common.contacts", total))])
                        }
                        _ => t("duplicates.scan.preparing").to_string(),
                    }}
                </p>
            </div>
        </Show>
        {move || outcome().map(|o| view! { <ScanResults outcome=o /> })}
        <UndoHistory kind=HistoryKind::Merge texts=history() />
    }
}
