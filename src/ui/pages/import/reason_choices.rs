//! The preview's rows by reason ("Date without a year: 212 rows"): a choice
//! for all rows with one reason at once, and a filter that lists only them.

use std::collections::HashMap;
use std::sync::Arc;

use leptos::prelude::*;

use crate::core::import::contacts_plan::{choices_for_reason, choose_for_reason, reason_counts, PlannedRow};
use crate::core::import::plan::{Choice, Reason};
use crate::ui::format::{locale, thousands};
use crate::ui::text::{t, tf, tnf};

/// One line per reason some row has, with its count, a select that applies a
/// choice to every row with it, and a filter for the row lists below.
#[component]
pub fn ReasonChoices(
    plan: Arc<Vec<PlannedRow>>,
    row_choices: RwSignal<HashMap<usize, Choice>>,
    /// The reason the row lists are filtered by; `None` shows every row.
    filter: RwSignal<Option<Reason>>,
) -> impl IntoView {
    let counts = reason_counts(&plan);
    if counts.is_empty() {
        return None;
    }
    let said = RwSignal::new(String::new());
    let filter_options: Vec<(Reason, usize)> = counts.clone();
    let lines = counts
        .into_iter()
        .map(|(reason, n)| {
            let offered = choices_for_reason(&plan, reason);
            let plan = plan.clone();
            let label = tf("import.reasons.choice_label", &[("reason", reason.name(locale()))]);
            view! {
                <tr>
                    <th scope="row">{reason.name(locale())}</th>
                    <td>{thousands(n)}</td>
                    <td>
                        <select
                            aria-label=label
                            on:change=move |ev| {
                                let v = event_target_value(&ev);
                                let choice = (!v.is_empty()).then(|| Choice::from_key(&v));
                                let mut applied = 0;
                                row_choices.update(|m| applied = choose_for_reason(&plan, reason, choice, m));
                                said.set(match choice {
                                    Some(c) => tnf(
                                        "import.reasons.applied",
                                        applied,
                                        &[("reason", reason.name(locale())), ("choice", c.name(locale()))],
                                    ),
                                    None => tnf("import.reasons.reset", applied, &[("reason", reason.name(locale()))]),
                                });
                            }
                        >
                            <option value="">{t("import.reasons.as_group")}</option>
                            {offered
                                .into_iter()
                                .map(|c| view! { <option value=c.key()>{c.name(locale())}</option> })
                                .collect_view()}
                        </select>
                    </td>
                </tr>
            }
        })
        .collect_view();
    Some(view! {
        <section class="import-reasons" aria-labelledby="reasons-heading">
            <h3 id="reasons-heading">{t("import.reasons.heading")}</h3>
            <table class="import-rows">
                <thead>
                    <tr>
                        <th scope="col">{t("import.reasons.reason")}</th>
                        <th scope="col">{t("import.reasons.rows")}</th>
                        <th scope="col">{t("import.reasons.choice")}</th>
                    </tr>
                </thead>
                <tbody>{lines}</tbody>
            </table>
            <p role="status">{move || said.get()}</p>
            <div class="field">
                <label for="reason-filter">{t("import.reasons.filter")}</label>
                <select
                    id="reason-filter"
                    prop:value=move || filter.get().map_or("", |r| r.key())
                    on:change=move |ev| filter.set(Reason::from_key(&event_target_value(&ev)))
                >
                    <option value="">{t("import.reasons.any")}</option>
                    {filter_options.into_iter().map(|(r, n)| view! {
                        <option value=r.key()>{tf("import.reasons.option", &[("reason", r.name(locale())), ("count", &thousands(n))])}</option>
                    }).collect_view()}
                </select>
            </div>
        </section>
    })
}
