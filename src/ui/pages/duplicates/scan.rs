//! The full duplicate scan, run in slices of about 50 ms with the browser
//! getting a turn in between, on the index the forms and the import preview
//! share; and what a finished scan found, as the page shows it.

use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::Arc;

use leptos::prelude::*;

use crate::core::dedupe::{report, DedupeSettings, Scan};
use crate::state::{timed, yield_to_browser, AppState, SharedDedupeIndex};

/// Pairs compared between two looks at the clock.
const STEP_PAIRS: usize = 4_000;
/// Milliseconds of scanning before the browser gets a turn (50 ms is where
/// a task starts to count as long; shorter slices cost more time in yields).
const SLICE_MS: f64 = 50.0;

/// One contact of a cluster, as shown.
#[derive(Clone, Debug, PartialEq)]
pub(super) struct MemberView {
    pub(super) id: String,
    pub(super) name: String,
    pub(super) email: String,
}

/// One scored pair of a cluster, as shown.
#[derive(Clone, Debug, PartialEq)]
pub(super) struct PairView {
    pub(super) a: MemberView,
    pub(super) b: MemberView,
    pub(super) score: f64,
    pub(super) reasons: String,
}

#[derive(Clone, Debug, PartialEq)]
pub(super) struct ClusterView {
    pub(super) key: String,
    pub(super) level: &'static str,
    pub(super) pairs: Vec<PairView>,
}

/// What a finished scan found, and its report for "Export report".
#[derive(Clone, Debug, PartialEq)]
pub(super) struct Outcome {
    pub(super) clusters: Vec<ClusterView>,
    pub(super) report: String,
}

#[derive(Clone, Debug, PartialEq)]
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
    // The index the contact forms and the import preview use (built here if
    // the data changed since they last did).
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
    Some(state.data.with_untracked(|d| {
        let contacts = d.contacts();
        let unchanged = contacts.len() == index.len()
            && clusters.iter().flat_map(|c| &c.members).all(|&i| contacts[i as usize].id == index.id(i));
        if !unchanged {
            return Err("The contacts changed during the scan. Scan again.".to_string());
        }
        let member = |i: u32| {
            let c = &contacts[i as usize];
            MemberView {
                id: c.id.clone(),
                name: c.display_name(),
                email: c.primary_email().unwrap_or_default().to_string(),
            }
        };
        let views = clusters
            .iter()
            .map(|c| ClusterView {
                key: index.id(c.members[0]).to_string(),
                level: if c.best_score >= settings.threshold_probable { "Probable" } else { "Possible" },
                pairs: c
                    .pairs
                    .iter()
                    .map(|p| PairView {
                        a: member(p.a),
                        b: member(p.b),
                        score: p.score,
                        reasons: p.reasons.iter().map(ToString::to_string).collect::<Vec<_>>().join("; "),
                    })
                    .collect(),
            })
            .collect();
        let json = timed("dedupe:scan-report", || report(contacts, &index, &settings, &clusters));
        Ok(Outcome { clusters: views, report: serde_json::to_string_pretty(&json).unwrap_or_default() + "\n" })
    }))
}
