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
use crate::ui::components::duplicate_hint::{comparison_name, level_name, signed_bits};
use crate::ui::text::{t, tf};

#[component]
pub(super) fn DuplicateDetection(settings: Memo<Settings>) -> impl IntoView {
    view! {
        <section aria-labelledby="dedupe-heading" class="card">
            <h2 id="dedupe-heading">{t("duplicates.settings.title")}</h2>
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
        save_thresholds.dispatch((Ok(s), t("duplicates.settings.thresholds_saved")));
    };
    let reset = move |_| {
        let mut s = settings.get_untracked();
        s.duplicate_thresholds = None;
        s.updated = state.clock.now();
        probable.set(DEFAULT_THRESHOLDS.0.to_string());
        possible.set(DEFAULT_THRESHOLDS.1.to_string());
        save_thresholds.dispatch((Ok(s), t("duplicates.settings.thresholds_reset")));
    };
    view! {
        <p>{t("duplicates.settings.thresholds_intro")}</p>
        <form on:submit=save class="toolbar">
            <div class="field">
                <label for="f-probable">{t("duplicates.settings.probable_from")}</label>
                <input id="f-probable" type="number" min="1" max="100" prop:value=move || probable.get()
                    on:input=move |ev| probable.set(event_target_value(&ev)) />
            </div>
            <div class="field">
                <label for="f-possible">{t("duplicates.settings.possible_from")}</label>
                <input id="f-possible" type="number" min="1" max="100" prop:value=move || possible.get()
                    on:input=move |ev| possible.set(event_target_value(&ev)) />
            </div>
            <button type="submit" disabled=move || save_thresholds.pending().get()>{t("duplicates.settings.save_thresholds")}</button>
            <button type="button" disabled=move || save_thresholds.pending().get() on:click=reset>{t("duplicates.settings.reset_thresholds")}</button>
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
        <h3>{t("duplicates.settings.weights_title")}</h3>
        <p class="hint">{t("duplicates.settings.weights_intro")}</p>
        <div class="form-actions">
            <button type="button" aria-expanded=move || is_open.get().to_string() aria-controls="dedupe-weights"
                on:click=move |_| is_open.update(|o| *o = !*o)>
                {move || if is_open.get() { t("duplicates.settings.hide_weights") } else { t("duplicates.settings.show_weights") }}
            </button>
            <Show
                when=is_hand_set
                fallback=move || view! {
                    <button type="button" disabled=move || save.pending().get()
                        on:click=move |_| choose(Some(DuplicateWeights::HandSet), t("duplicates.settings.weights_reset"))>
                        {t("duplicates.settings.reset_weights")}
                    </button>
                }
            >
                <button type="button" disabled=move || save.pending().get()
                    on:click=move |_| choose(None, t("duplicates.settings.weights_learned"))>
                    {t("duplicates.settings.learn_weights")}
                </button>
            </Show>
        </div>
        <div id="dedupe-weights">{table}</div>
    }
}

/// One row per level of every comparison.
#[component]
fn WeightsTable(rows: Vec<ComparisonWeights>) -> impl IntoView {
    let rows = rows.into_iter().flat_map(|c| {
        let name = comparison_name(c.comparison);
        let label =
            if c.is_learned { name.to_string() } else { tf("duplicates.settings.hand_set_note", &[("name", name)]) };
        let comparison = c.comparison;
        c.levels.into_iter().map(move |l| {
            view! {
                <tr>
                    <th scope="row">{label.clone()}</th>
                    <td>{level_name(l.level, comparison)}</td>
                    <td class="num">{signed_bits(l.hand_set)}</td>
                    <td class="num">{signed_bits(l.used)}</td>
                </tr>
            }
        })
    });
    view! {
        <table class="weights" aria-label=t("duplicates.settings.weights_table")>
            <thead>
                <tr>
                    <th scope="col">{t("duplicates.table.comparison")}</th>
                    <th scope="col">{t("duplicates.table.level")}</th>
                    <th scope="col">{t("duplicates.table.hand_set")}</th>
                    <th scope="col">{t("duplicates.table.in_use")}</th>
                </tr>
            </thead>
            <tbody>{rows.collect_view()}</tbody>
        </table>
    }
}
