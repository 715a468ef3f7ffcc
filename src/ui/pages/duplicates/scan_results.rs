//! The clusters a finished scan found, best first: each pair with its score
//! and reasons, "Merge…" and "Not a duplicate"; and "Export report".

use std::sync::Arc;

use leptos::prelude::*;
use leptos_router::components::A;

use super::scan::{ClusterView, MemberView, Outcome, PairView};
use crate::core::display::count_of;
use crate::state::commands::local_action;
use crate::state::{commands, AppState, NoticeKind};
use crate::ui::download::download;
use crate::ui::paths::link;

/// Clusters rendered at first; "Show more" adds as many again.
const PAGE: usize = 100;

/// The clusters of a finished scan, leaving out pairs marked "not a
/// duplicate" and contacts deleted (merged) since.
#[component]
pub(super) fn ScanResults(outcome: Arc<Outcome>) -> impl IntoView {
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
                    key=|c| (c.key.clone(), c.level, c.pairs.len())
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
    let not_duplicate = local_action(move |_: &()| commands::mark_not_duplicate(state, a.clone(), b.clone()));
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
