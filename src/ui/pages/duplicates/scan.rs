//! The full duplicate scan, run in slices of about 50 ms with the browser
//! getting a turn in between, on the index the forms and the import preview
//! share. A finished scan keeps the clusters as the engine found them, with
//! the index they refer to: what is shown of them (names, reasons) is made
//! only for the clusters on screen, and the report only when it is exported.

use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::Arc;

use leptos::prelude::*;

use crate::core::dedupe::{Cluster, DedupeIndex, DedupeSettings, Scan};
use crate::state::{timed, yield_to_browser, AppState, SharedDedupeIndex};

/// Pairs compared between two looks at the clock.
const STEP_PAIRS: usize = 4_000;
/// Milliseconds of scanning before the browser gets a turn (50 ms is where
/// a task starts to count as long; shorter slices cost more time in yields).
const SLICE_MS: f64 = 50.0;

/// What a finished scan found: the clusters, best first, and the index and
/// settings they were found with (contact `i` of a cluster is
/// `index.id(i)`).
pub(super) struct Outcome {
    pub(super) index: Arc<DedupeIndex>,
    pub(super) settings: DedupeSettings,
    pub(super) clusters: Vec<Cluster>,
}

impl Outcome {
    /// Whether cluster `c` is probable (else possible).
    pub(super) fn is_probable(&self, c: &Cluster) -> bool {
        c.best_score >= self.settings.threshold_probable
    }

    /// How many distinct contacts the clusters hold.
    pub(super) fn contacts_in_clusters(&self) -> usize {
        let mut members: Vec<u32> = self.clusters.iter().flat_map(|c| c.members.iter().copied()).collect();
        members.sort_unstable();
        members.dedup();
        members.len()
    }
}

#[derive(Clone)]
pub(super) enum ScanState {
    Idle,
    Preparing,
    Running { done: usize, total: usize },
    Done(Arc<Outcome>),
}

/// Runs a whole scan in slices, updating `progress`; `None` when cancelled
/// (or the page was left), `Err` when the contacts changed during the scan.
pub(super) async fn run_scan(
    state: AppState,
    shared: SharedDedupeIndex,
    progress: RwSignal<ScanState>,
    cancelled: Arc<AtomicBool>,
) -> Option<Result<Outcome, String>> {
    yield_to_browser().await;
    // The index the contact forms and the import preview use, with the
    // weights learned from the contacts (built here if the data changed
    // since it was last used).
    let index = timed("dedupe:scan-index", || shared.get());
    let (settings, not_duplicates) =
        state.data.with_untracked(|d| (DedupeSettings::for_app(d.settings()), d.settings().not_duplicates.clone()));
    let mut scan = Scan::new(&index, &settings, &not_duplicates);
    loop {
        let started = js_sys::Date::now();
        timed("dedupe:scan-slice", || {
            while !scan.is_done() && js_sys::Date::now() - started < SLICE_MS {
                scan.step(STEP_PAIRS);
            }
        });
        let p = scan.progress();
        if progress.try_set(ScanState::Running { done: p.done, total: p.total }).is_some() {
            // The page was left: the signal is gone.
            return None;
        }
        if scan.is_done() {
            break;
        }
        yield_to_browser().await;
        if cancelled.load(Ordering::Relaxed) {
            return None;
        }
    }
    let clusters = timed("dedupe:scan-finish", || scan.finish());
    let unchanged = state.data.with_untracked(|d| is_current(&index, d.contacts()));
    if !unchanged {
        return Some(Err(crate::ui::text::t("duplicates.scan.changed").to_string()));
    }
    Some(Ok(Outcome { index, settings, clusters }))
}

/// Whether `index` was built from exactly these contacts, in this order.
pub(super) fn is_current(index: &DedupeIndex, contacts: &[crate::core::records::Contact]) -> bool {
    contacts.len() == index.len() && contacts.iter().zip(0..).all(|(c, i)| c.id == index.id(i))
}
