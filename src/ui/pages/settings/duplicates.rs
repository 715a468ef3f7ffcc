//! Duplicate detection's settings: the thresholds (percent) that make a
//! pair probable or possible, and the weights each comparison's levels add,
//! learned from the contacts or hand-set, with a reset. Used by the
//! Duplicates scan, the while-typing checks, the import preview and
//! `dedupe_report`.

use leptos::prelude::*;

use super::save_settings;
use crate::core::dedupe::settings::DEFAULT_THRESHOLDS;
use crate::core::dedupe::ComparisonWeights;
use crate::core::records::{DuplicateWeights, Settings};
use crate::state::{AppState, SharedDedupeIndex};

#[component]
pub(super) fn DuplicateDetection(settings: Memo<Settings>) -> impl IntoView {
    view! {
        <section aria-labelledby="dedupe-heading" class="card">
            <h2 id="dedupe-heading">"Duplicate detection"</h2>
            <Thresholds settings />
            <Weights settings />
        </section>
    }
}

/// The two thresholds, in percent.
#[component]
fn Thresholds(settings: Memo<Settings>) -> impl IntoView {
    let state = AppState::expect();
    let save_thresholds = save_settings(state);
    let current = move || settings.with(|s| s.duplicate_thresholds.unwrap_or(DEFAULT_THRESHOLDS));
    let probable = RwSignal::new(current().0.to_string());
    let possible = RwSignal::new(current().1.to_string());
    let save = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let read = |v: RwSignal<String>| v.get_untracked().trim().parse::<u8>().unwrap_or(0);
        let mut s = settings.get_untracked();
        s.duplicate_thresholds = Some((read(probable), read(possible)));
        s.updated = state.clock.now();
        save_thresholds.dispatch((Ok(s), "Duplicate thresholds saved"));
    };
    let reset = move |_| {
        let mut s = settings.get_untracked();
        s.duplicate_thresholds = None;
        s.updated = state.clock.now();
        probable.set(DEFAULT_THRESHOLDS.0.to_string());
        possible.set(DEFAULT_THRESHOLDS.1.to_string());
        save_thresholds.dispatch((Ok(s), "Duplicate thresholds reset to the defaults"));
    };
    view! {
        <p>"Pairs of contacts score from 0 to 100 % alike. From the first threshold they are probable duplicates (flagged while typing and in imports), from the second possible ones (listed by the scan for review)."</p>
        <form on:submit=save class="toolbar">
            <div class="field">
                <label for="f-probable">"Probable duplicate from (%)"</label>
                <input id="f-probable" type="number" min="1" max="100" prop:value=move || probable.get()
                    on:input=move |ev| probable.set(event_target_value(&ev)) />
            </div>
            <div class="field">
                <label for="f-possible">"Possible duplicate from (%)"</label>
                <input id="f-possible" type="number" min="1" max="100" prop:value=move || possible.get()
                    on:input=move |ev| possible.set(event_target_value(&ev)) />
            </div>
            <button type="submit" disabled=move || save_thresholds.pending().get()>"Save thresholds"</button>
            <button type="button" disabled=move || save_thresholds.pending().get() on:click=reset>"Reset to defaults"</button>
        </form>
    }
}

/// The weights in use, each comparison's levels with the hand-set and the
/// used weight in bits, shown on request (the index of every contact is
/// built for it if the data changed since it was last used); and the choice
/// between learning them from the contacts and the hand-set values.
#[component]
fn Weights(settings: Memo<Settings>) -> impl IntoView {
    let state = AppState::expect();
    let shared = SharedDedupeIndex::expect();
    let save = save_settings(state);
    let is_open = RwSignal::new(false);
    let is_hand_set = move || settings.with(|s| s.duplicate_weights == Some(DuplicateWeights::HandSet));
    let choose = move |weights: Option<DuplicateWeights>, done: &'static str| {
        let mut s = settings.get_untracked();
        s.duplicate_weights = weights;
        s.updated = state.clock.now();
        save.dispatch((Ok(s), done));
    };
    // Read when shown, and again after the data (or this choice) changed.
    let table = move || {
        is_open.get().then(|| {
            state.data.track();
            let index = shared.get();
            view! {
                <p>{index.learning().summary(crate::ui::format::locale())}</p>
                <WeightsTable rows=index.weight_table() />
            }
        })
    };
    view! {
        <h3>"Weights of the comparisons"</h3>
        <p class="hint">"Each comparison of two contacts ends in a level, from the same down to different, and each level adds its weight in bits: positive says one person, negative two. The weights are learned from your contacts, starting from hand-set values."</p>
        <div class="form-actions">
            <button type="button" aria-expanded=move || is_open.get().to_string() aria-controls="dedupe-weights"
                on:click=move |_| is_open.update(|o| *o = !*o)>
                {move || if is_open.get() { "Hide the weights" } else { "Show the weights" }}
            </button>
            <Show
                when=is_hand_set
                fallback=move || view! {
                    <button type="button" disabled=move || save.pending().get()
                        on:click=move |_| choose(Some(DuplicateWeights::HandSet), "Duplicate weights reset to the hand-set values")>
                        "Reset weights to hand-set values"
                    </button>
                }
            >
                <button type="button" disabled=move || save.pending().get()
                    on:click=move |_| choose(None, "Duplicate weights will be learned from your contacts")>
                    "Learn weights from my contacts"
                </button>
            </Show>
        </div>
        <div id="dedupe-weights">{table}</div>
    }
}

/// One row per level of every comparison.
#[component]
fn WeightsTable(rows: Vec<ComparisonWeights>) -> impl IntoView {
    let bits = |x: f64| format!("{x:+.1}");
    let rows = rows.into_iter().flat_map(|c| {
        let label = c.label;
        let note = if c.is_learned { "" } else { " (hand-set)" };
        c.levels.into_iter().map(move |l| {
            view! {
                <tr>
                    <th scope="row">{format!("{label}{note}")}</th>
                    <td>{l.label}</td>
                    <td class="num">{bits(l.hand_set)}</td>
                    <td class="num">{bits(l.used)}</td>
                </tr>
            }
        })
    });
    view! {
        <table class="weights" aria-label="Duplicate detection weights">
            <thead>
                <tr>
                    <th scope="col">"Comparison"</th>
                    <th scope="col">"Level"</th>
                    <th scope="col">"Hand-set (bits)"</th>
                    <th scope="col">"In use (bits)"</th>
                </tr>
            </thead>
            <tbody>{rows.collect_view()}</tbody>
        </table>
    }
}
