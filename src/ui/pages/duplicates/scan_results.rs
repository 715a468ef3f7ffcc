//! The clusters a finished scan found, best first: each pair with its score,
//! why it needs a person's judgement (possible pairs), and its reasons as a
//! table of comparison, level and weight; "Merge…" and "Not a duplicate";
//! and "Export report". Names and reasons are made only for the clusters
//! shown ("Show more" adds more).

use std::sync::Arc;

use leptos::prelude::*;
use leptos_router::components::A;

use super::scan::{is_current, Outcome};
use crate::core::dedupe::{report, Candidate, Reason};
use crate::state::commands::local_action;
use crate::state::{commands, AppState, NoticeKind};
use crate::ui::components::duplicate_hint::{comparison_name, level_name, review_text, signed_bits};
use crate::ui::download::download;
use crate::ui::paths::link;
use crate::ui::text::{t, tf, tn};

/// Clusters rendered at first; "Show more" adds as many again.
const PAGE: usize = 100;

/// A cluster still to show: its position in the outcome and the positions
/// of its pairs that are neither marked "not a duplicate" nor gone.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
struct Shown {
    cluster: usize,
    pairs: Vec<usize>,
}

/// The clusters of a finished scan, leaving out pairs marked "not a
/// duplicate" and contacts deleted (merged) since.
#[component]
pub(super) fn ScanResults(outcome: Arc<Outcome>) -> impl IntoView {
    let state = AppState::expect();
    let shown = RwSignal::new(PAGE);
    let export = {
        let outcome = Arc::clone(&outcome);
        move |_| export_report(state, &outcome)
    };
    let visible = {
        let outcome = Arc::clone(&outcome);
        Memo::new(move |_| {
            state.data.with(|d| {
                let not_dup = &d.settings().not_duplicates;
                let index = &outcome.index;
                let keep = |p: &Candidate| {
                    let (a, b) = (index.id(p.a), index.id(p.b));
                    let (x, y) = if a <= b { (a, b) } else { (b, a) };
                    d.contact(a).is_some()
                        && d.contact(b).is_some()
                        && not_dup.binary_search_by(|(p, q)| (p.as_str(), q.as_str()).cmp(&(x, y))).is_err()
                };
                outcome
                    .clusters
                    .iter()
                    .enumerate()
                    .filter_map(|(i, c)| {
                        let pairs: Vec<usize> = (0..c.pairs.len()).filter(|&j| keep(&c.pairs[j])).collect();
                        (!pairs.is_empty()).then_some(Shown { cluster: i, pairs })
                    })
                    .collect::<Vec<_>>()
            })
        })
    };
    let total = move || visible.with(Vec::len);
    let cluster_view = move |s: Shown| {
        let c = &outcome.clusters[s.cluster];
        let level =
            if outcome.is_probable(c) { t("duplicates.results.probable") } else { t("duplicates.results.possible") };
        let best = s.pairs.first().map_or(0.0, |&j| c.pairs[j].score);
        let pairs =
            s.pairs.iter().map(|&j| view! { <PairRow outcome=Arc::clone(&outcome) cluster=s.cluster pair=j /> });
        view! {
            <li>
                <p>{tf("duplicates.results.cluster", &[("level", level), ("score", &score(best))])}</p>
                <ul>{pairs.collect_view()}</ul>
            </li>
        }
    };
    view! {
        <section aria-labelledby="found-heading">
            <h2 id="found-heading">{t("duplicates.results.title")}</h2>
            <p role="status">{move || tn("duplicates.results.found", total())}</p>
            <button type="button" on:click=export>{t("duplicates.results.export")}</button>
            <ol class="duplicate-clusters">
                <For
                    each=move || visible.with(|v| v.iter().take(shown.get()).cloned().collect::<Vec<_>>())
                    key=|s| s.clone()
                    children=cluster_view
                />
            </ol>
            <Show when=move || { total() > shown.get() }>
                <button type="button" on:click=move |_| shown.update(|n| *n += PAGE)>{t("duplicates.results.show_more")}</button>
            </Show>
        </section>
    }
}

/// A score with two decimals, in the person's number format.
fn score(x: f64) -> String {
    crate::core::display::number::decimal(crate::ui::format::locale(), x, 2)
}

/// Downloads the report of the scan as JSON (see `core::dedupe::report`),
/// made now from the contacts the scan read, if they are still as they were.
fn export_report(state: AppState, outcome: &Outcome) {
    let name = format!("crm-duplicates-{}.json", state.clock.today().format("%Y-%m-%d"));
    let text = state.data.with_untracked(|d| {
        is_current(&outcome.index, d.contacts()).then(|| {
            let json = report(d.contacts(), &outcome.index, &outcome.settings, &outcome.clusters);
            serde_json::to_string_pretty(&json).unwrap_or_default() + "\n"
        })
    });
    let Some(text) = text else {
        return state.notify(NoticeKind::Error, t("duplicates.results.export_stale"));
    };
    match download(&name, "application/json", &text) {
        Ok(()) => state.notify(NoticeKind::Success, tf("duplicates.results.exported", &[("file", &name)])),
        Err(e) => state.notify(NoticeKind::Error, tf("duplicates.results.export_failed", &[("error", &e.to_string())])),
    }
}

/// A contact of a pair, as shown: its id, and its name with its email.
fn describe(state: AppState, id: &str) -> (String, String) {
    state.data.with_untracked(|d| match d.contact(id) {
        Some(c) => {
            let name = c.display_name();
            let email = c.primary_email().unwrap_or_default();
            let text = if email.is_empty() || name == email { name.clone() } else { format!("{name} ({email})") };
            (name, text)
        }
        None => (t("duplicates.results.deleted").to_string(), t("duplicates.results.deleted").to_string()),
    })
}

/// One pair of a cluster: the two contacts, the score, the review reason of
/// a pair held for a person's judgement, the reasons, and the actions.
#[component]
fn PairRow(outcome: Arc<Outcome>, cluster: usize, pair: usize) -> impl IntoView {
    let state = AppState::expect();
    let p = &outcome.clusters[cluster].pairs[pair];
    let (a, b) = (outcome.index.id(p.a).to_string(), outcome.index.id(p.b).to_string());
    let ((name_a, text_a), (name_b, text_b)) = (describe(state, &a), describe(state, &b));
    let both = tf("duplicates.results.both", &[("a", &name_a), ("b", &name_b)]);
    let merge_href = link(&format!("/duplicates/merge?a={a}&b={b}"));
    let (href_a, href_b) = (link(&format!("/contacts/{a}")), link(&format!("/contacts/{b}")));
    let not_duplicate = local_action(move |_: &()| commands::mark_not_duplicate(state, a.clone(), b.clone()));
    let review = p.review.map(
        |r| view! { <p class="review"><strong>{t("duplicates.results.needs_review")}</strong>" "{review_text(r)}</p> },
    );
    view! {
        <li class="duplicate-pair">
            <p>
                <A href=href_a>{text_a}</A>
                " "{t("duplicates.results.and")}" "
                <A href=href_b>{text_b}</A>
                {tf("duplicates.results.score", &[("score", &score(p.score))])}
            </p>
            {review}
            <ReasonsTable reasons=p.reasons.clone() label=tf("duplicates.results.reasons", &[("both", &both)]) />
            <div class="form-actions">
                <A href=merge_href attr:class="button" attr:aria-label=tf("duplicates.results.merge_pair", &[("both", &both)])>{t("duplicates.results.merge")}</A>
                <button type="button" aria-label=tf("duplicates.results.not_duplicate_pair", &[("both", &both)]) disabled=move || not_duplicate.pending().get()
                    on:click=move |_| { not_duplicate.dispatch(()); }>
                    {t("duplicates.results.not_duplicate")}
                </button>
            </div>
        </li>
    }
}

/// A pair's evidence: each comparison with the level it reached and the
/// weight that added (in bits: positive for one person, negative against),
/// and notes on how the names were read.
#[component]
fn ReasonsTable(reasons: Vec<Reason>, label: String) -> impl IntoView {
    let rows = reasons.into_iter().filter_map(|r| {
        let (comparison, level, weight) = match r {
            Reason::Compared { comparison, level, weight, detail } => {
                let name = level_name(level, comparison);
                let level = if detail.is_empty() { name.to_string() } else { format!("{name} ({detail})") };
                (comparison_name(comparison).to_string(), level, signed_bits(weight))
            }
            Reason::NamesSwapped => (
                t("duplicates.results.names").to_string(),
                t("duplicates.results.names_swapped").to_string(),
                String::new(),
            ),
            Reason::NamesResplit => (
                t("duplicates.results.names").to_string(),
                t("duplicates.results.names_resplit").to_string(),
                String::new(),
            ),
            // Shown above the table.
            Reason::Review { .. } => return None,
        };
        Some(view! { <tr><th scope="row">{comparison}</th><td>{level}</td><td class="num">{weight}</td></tr> })
    });
    view! {
        <table class="reasons" aria-label=label>
            <thead><tr><th scope="col">{t("duplicates.table.comparison")}</th><th scope="col">{t("duplicates.table.level")}</th><th scope="col">{t("duplicates.table.weight")}</th></tr></thead>
            <tbody>{rows.collect_view()}</tbody>
        </table>
    }
}
