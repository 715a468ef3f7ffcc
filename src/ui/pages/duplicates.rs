//! The Duplicates page: a full scan for possible duplicate contacts, run in
//! slices so the page stays responsive (with a progress bar and Cancel), the
//! clusters best first with each pair's score and reasons, "Not a duplicate"
//! (remembered in the settings) and "Merge…" per pair, the report as JSON,
//! and the merge history with Undo.

use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::Arc;

use leptos::prelude::*;
use leptos_router::components::A;

use crate::core::dedupe::{report, DedupeSettings, Scan};
use crate::core::display::count_of;
use crate::core::history::HistoryKind;
use crate::state::{commands, timed, yield_to_browser, AppState, LastScanRate, NoticeKind, SharedDedupeIndex};
use crate::ui::download::download;
use crate::ui::paths::link;

/// Pairs compared between two looks at the clock.
const STEP_PAIRS: usize = 4_000;
/// Milliseconds of scanning before the browser gets a turn (50 ms is where
/// a task starts to count as long; shorter slices cost more time in yields).
const SLICE_MS: f64 = 50.0;
/// Clusters rendered at first; "Show more" adds as many again.
const PAGE: usize = 100;

/// One contact of a cluster, as shown.
#[derive(Clone, Debug, PartialEq)]
struct MemberView {
    id: String,
    name: String,
    email: String,
}

/// One scored pair of a cluster, as shown.
#[derive(Clone, Debug, PartialEq)]
struct PairView {
    a: MemberView,
    b: MemberView,
    score: f64,
    reasons: String,
}

#[derive(Clone, Debug, PartialEq)]
struct ClusterView {
    key: String,
    level: &'static str,
    pairs: Vec<PairView>,
}

/// What a finished scan found, and its report for "Export report".
#[derive(Clone, Debug, PartialEq)]
struct Outcome {
    clusters: Vec<ClusterView>,
    report: String,
}

#[derive(Clone, Debug, PartialEq)]
enum ScanState {
    Idle,
    Preparing,
    Running { done: usize, total: usize },
    Done(Arc<Outcome>),
}

/// Runs a whole scan in slices, updating `progress`; `None` when cancelled
/// (or the page was left), `Err` when the contacts changed during the scan.
async fn run_scan(
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
                        let mut members: Vec<&str> = outcome
                            .clusters
                            .iter()
                            .flat_map(|c| c.pairs.iter().flat_map(|p| [p.a.id.as_str(), p.b.id.as_str()]))
                            .collect();
                        members.sort_unstable();
                        members.dedup();
                        let total = state.data.with_untracked(|d| d.contacts().len());
                        last_rate.record(members.len(), total);
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
        <MergeHistory />
    }
}

/// The clusters of a finished scan, leaving out pairs marked "not a
/// duplicate" and contacts deleted (merged) since.
#[component]
fn ScanResults(outcome: Arc<Outcome>) -> impl IntoView {
    let state = AppState::expect();
    let shown = RwSignal::new(PAGE);
    let report_text = outcome.report.clone();
    let export = move |_| {
        let name = format!("crm-duplicates-{}.json", state.clock.today().format("%Y-%m-%d"));
        match download(&name, "application/json", &report_text) {
            Ok(()) => state.notify(NoticeKind::Success, format!("Exported {name}")),
            Err(e) => state.notify(NoticeKind::Error, format!("The report could not be downloaded: {e}")),
        }
    };
    let clusters = outcome.clusters.clone();
    let visible = Memo::new(move |_| {
        state.data.with(|d| {
            let not_dup = &d.settings().not_duplicates;
            let keep = |p: &PairView| {
                let pair =
                    if p.a.id <= p.b.id { (p.a.id.clone(), p.b.id.clone()) } else { (p.b.id.clone(), p.a.id.clone()) };
                d.contact(&p.a.id).is_some() && d.contact(&p.b.id).is_some() && not_dup.binary_search(&pair).is_err()
            };
            clusters
                .iter()
                .filter_map(|c| {
                    let pairs: Vec<PairView> = c.pairs.iter().filter(|p| keep(p)).cloned().collect();
                    (!pairs.is_empty()).then(|| ClusterView { pairs, ..c.clone() })
                })
                .collect::<Vec<_>>()
        })
    });
    let total = move || visible.with(Vec::len);
    view! {
        <section aria-labelledby="found-heading">
            <h2 id="found-heading">"Possible duplicates"</h2>
            <p role="status">{move || format!("{} found", count_of(total(), "group of possible duplicates", "groups of possible duplicates"))}</p>
            <button type="button" on:click=export>"Export report"</button>
            <ol class="duplicate-clusters">
                <For
                    each=move || visible.with(|v| v.iter().take(shown.get()).cloned().collect::<Vec<_>>())
                    key=|c| (c.key.clone(), c.pairs.len())
                    let:cluster
                >
                    <li>
                        <p><strong>{cluster.level}</strong>" duplicates, best score "{format!("{:.2}", cluster.pairs.first().map_or(0.0, |p| p.score))}</p>
                        <ul>
                            {cluster.pairs.into_iter().map(|p| view! { <PairRow pair=p /> }).collect_view()}
                        </ul>
                    </li>
                </For>
            </ol>
            <Show when=move || { total() > shown.get() }>
                <button type="button" on:click=move |_| shown.update(|n| *n += PAGE)>"Show more"</button>
            </Show>
        </section>
    }
}

/// A member's name and, when it has one, its email.
fn describe(m: &MemberView) -> String {
    if m.email.is_empty() || m.name == m.email {
        m.name.clone()
    } else {
        format!("{} ({})", m.name, m.email)
    }
}

#[component]
fn PairRow(pair: PairView) -> impl IntoView {
    let state = AppState::expect();
    let both = format!("{} and {}", pair.a.name, pair.b.name);
    let (a, b) = (pair.a.id.clone(), pair.b.id.clone());
    let not_duplicate = Action::new_local(move |_: &()| commands::mark_not_duplicate(state, a.clone(), b.clone()));
    let merge_href = link(&format!("/duplicates/merge?a={}&b={}", pair.a.id, pair.b.id));
    view! {
        <li class="duplicate-pair">
            <p>
                <A href=link(&format!("/contacts/{}", pair.a.id))>{describe(&pair.a)}</A>
                " and "
                <A href=link(&format!("/contacts/{}", pair.b.id))>{describe(&pair.b)}</A>
                {format!(": score {:.2}", pair.score)}
            </p>
            <p class="hint">{format!("Reasons: {}", pair.reasons)}</p>
            <div class="form-actions">
                <A href=merge_href attr:class="button" attr:aria-label=format!("Merge {both}…")>"Merge…"</A>
                <button type="button" aria-label=format!("Not a duplicate: {both}") disabled=move || not_duplicate.pending().get()
                    on:click=move |_| { not_duplicate.dispatch(()); }>
                    "Not a duplicate"
                </button>
            </div>
        </li>
    }
}

/// Merges from the undo history, newest first, each with Undo.
#[component]
fn MergeHistory() -> impl IntoView {
    let state = AppState::expect();
    let entries = LocalResource::new(move || {
        state.data.track();
        async move {
            state
                .history()
                .await
                .map(|list| list.into_iter().filter(|(_, e)| e.kind == HistoryKind::Merge).collect::<Vec<_>>())
        }
    });
    let undo =
        Action::new_local(move |key: &f64| commands::undo(state, *key, "Merge undone", "That was undone already"));
    view! {
        <section aria-labelledby="merge-history-heading">
            <h2 id="merge-history-heading">"Merge history"</h2>
            <Transition fallback=|| view! { <p>"Loading…"</p> }>
                {move || entries.get().map(|r| match r {
                    Err(e) => view! { <p role="alert">{e.to_string()}</p> }.into_any(),
                    Ok(list) if list.is_empty() => view! { <p>"No merges to undo."</p> }.into_any(),
                    Ok(list) => view! {
                        <ul>
                            {list.into_iter().map(|(key, e)| {
                                let label = e.label.clone();
                                view! {
                                    <li>
                                        {e.label}
                                        " "
                                        <button type="button" aria-label=format!("Undo: {label}") disabled=move || undo.pending().get() on:click=move |_| { undo.dispatch(key); }>"Undo"</button>
                                    </li>
                                }
                            }).collect_view()}
                        </ul>
                    }.into_any(),
                })}
            </Transition>
        </section>
    }
}
