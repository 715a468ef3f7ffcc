//! The preview step of a contacts file: counts per class, a choice per class
//! and the first rows of each class with their own choice, suggested fixes
//! and, for an invalid cell of a CSV file, an input that fixes it.

use std::collections::HashMap;
use std::sync::Arc;

use leptos::prelude::*;

use crate::core::import::contacts_map::Target;
use crate::core::import::contacts_plan::{
    changes_in, counts, outcome_in, PlannedRow, NOTHING_TO_IMPORT, NO_NAME_OR_EMAIL,
};
use crate::core::import::contacts_rows::ContactDraft;
use crate::core::import::plan::{Choice, Choices, ClassKind, DuplicateOf, Reason, RowClass};
use crate::core::import::stored::{stored_fields, StoredValue};
use crate::core::normalize::suggest_contact;
use crate::core::text::excerpt;
use crate::state::AppState;
use crate::ui::components::cell_fix::CellFix;
use crate::ui::components::class_choice::ClassChoice;
use crate::ui::components::suggested_fixes::field_label;

use super::reason_choices::ReasonChoices;
use crate::core::display::number;
use crate::ui::format::{locale, thousands, yearly_date};
use crate::ui::text::{label, t, tf, tn};

/// Rows listed per class in the preview.
const SHOWN_PER_CLASS: usize = 50;

/// Counts per class, a choice per class and the first rows of each class,
/// each with its own choice; invalid cells of a CSV file can be fixed here.
#[component]
pub fn PreviewStep(
    plan: Arc<Vec<PlannedRow>>,
    choices: RwSignal<Choices>,
    row_choices: RwSignal<HashMap<usize, Choice>>,
    apply_fixes: RwSignal<bool>,
    /// The CSV file's headers (`None` for vCard files, whose cells can't be fixed here).
    headers: Option<Vec<String>>,
    /// The CSV file's column targets, which say what a cell to fix expects.
    #[prop(optional)]
    targets: Vec<Target>,
    on_fix: Callback<(usize, usize, String)>,
) -> impl IntoView {
    let n = counts(&plan);
    let is_vcard = headers.is_none();
    let state = AppState::expect();
    let country = state.data.with_untracked(|d| d.settings().default_country.clone());
    // The reason the row lists are filtered by (passing UI state).
    let filter = RwSignal::new(None::<Reason>);
    let rows_plan = plan.clone();
    let classes = move || {
        let want = filter.get();
        ClassKind::ALL.into_iter().zip(n).filter(|(_, c)| *c > 0).map(|(kind, count)| {
        let matching = |r: &PlannedRow| r.class.kind() == kind && want.is_none_or(|w| r.has_reason(w));
        let listed = rows_plan.iter().filter(|r| matching(r)).count();
        let rows: Vec<(usize, PlannedRow)> = rows_plan
            .iter()
            .enumerate()
            .filter(|(_, r)| matching(r))
            .take(SHOWN_PER_CLASS)
            .map(|(i, r)| (i, r.clone()))
            .collect();
        let heading = tf("import.preview.class_count", &[("class", kind.name(locale())), ("count", &thousands(count))]);
        let select_label = t(match kind {
            ClassKind::Create => "import.preview.choose.create",
            ClassKind::Update => "import.preview.choose.update",
            ClassKind::Duplicate => "import.preview.choose.duplicate",
            ClassKind::Invalid => "import.preview.choose.invalid",
        });
        let headers = headers.clone();
        view! {
            <section class="import-class" aria-label=kind.name(locale())>
                <h3>{heading}</h3>
                <ClassChoice class=kind choices label=select_label option_text=Callback::new(|c: Choice| c.name(locale()).to_string()) />
                <table class="import-rows">
                    <thead>
                        <tr>
                            <th scope="col">{t("import.preview.row")}</th>
                            <th scope="col">{t("import.preview.name")}</th>
                            <th scope="col">{t("import.preview.email")}</th>
                            <th scope="col">{t("import.preview.details")}</th>
                            <th scope="col">{t("import.preview.fixes")}</th>
                            <th scope="col">{t("import.preview.this_row")}</th>
                        </tr>
                    </thead>
                    <tbody>
                        {rows.into_iter().map(|(i, r)| {
                            let d = &r.source.contact;
                            let name = format!("{} {}", d.given_name, d.family_name).trim().to_string();
                            let email = d.emails.first().map(|e| e.address.clone()).unwrap_or_default();
                            let row_label = tf("import.preview.row_choice", &[("row", &r.source.row.to_string())]);
                            // The invalid cell, else the first cell a note is about (an unreadable date...).
                            let column = match &r.class {
                                RowClass::Invalid { column: Some(c), .. } => Some(*c),
                                _ => r.source.notes.iter().find_map(|n| n.column),
                            };
                            let fixable = column.zip(headers.as_ref()).map(|(c, h)| {
                                let expects = targets.get(c).map(|t| t.expects_in(locale())).unwrap_or_default();
                                (c, h.get(c).cloned().unwrap_or_default(), expects)
                            });
                            let row_number = r.source.row;
                            let fixes = suggest_contact(&d.clone().into_contact(String::new(), state.clock.now(), None), &country);
                            let fixes = (!fixes.is_empty()).then(|| {
                                let list: Vec<String> = fixes
                                    .iter()
                                    .map(|f| {
                                        tf(
                                            "import.preview.fix",
                                            &[("field", &field_label(&f.field)), ("current", &f.current), ("suggested", &f.suggested)],
                                        )
                                    })
                                    .collect();
                                list.join("; ")
                            });
                            // What happens to each value that could not be used as it is (kept in the
                            // imported extras, stored without its year...): said on the row, never silent.
                            let notes: Vec<String> = r.source.notes.iter().map(|n| n.message.render(locale())).collect();
                            let stored = stored_view(&r.source.contact, r.source.company_name.as_deref());
                            view! {
                                <tr>
                                    <td>{row_number}</td>
                                    <td>{name}</td>
                                    <td>{email}</td>
                                    <td>
                                        <span>{details(&r.class)}</span>
                                        // What happens to the row under the choice now made for it or its group.
                                        <span class="row-outcome">{
                                            let row = r.clone();
                                            move || {
                                                let choice = row_choices.with(|m| m.get(&i).copied()).unwrap_or_else(|| choices.with(|c| c.get(kind)));
                                                let name_of = |id: &str| state.data.with_untracked(|d| d.contact(id).map(|c| c.display_name()).unwrap_or_default());
                                                outcome_in(locale(), &row, choice, name_of)
                                            }
                                        }</span>
                                        {(!notes.is_empty()).then(|| view! {
                                            <ul class="row-notes">{notes.into_iter().map(|n| view! { <li>{n}</li> }).collect_view()}</ul>
                                        })}
                                        {stored}
                                        {fixable.map(|(column, header, expects)| view! { <CellFix row=i row_number column header expects on_fix /> })}
                                    </td>
                                    <td class="row-fixes">{fixes}</td>
                                    <td>
                                        <select
                                            aria-label=row_label
                                            prop:value=move || row_choices.with(|m| m.get(&i).map_or("", |c| c.key()))
                                            on:change=move |ev| {
                                                let v = event_target_value(&ev);
                                                row_choices.update(|m| {
                                                    if v.is_empty() {
                                                        m.remove(&i);
                                                    } else {
                                                        m.insert(i, Choice::from_key(&v));
                                                    }
                                                });
                                            }
                                        >
                                            <option value="">{t("import.preview.as_group")}</option>
                                            {kind.choices().iter().map(|c| view! { <option value=c.key()>{c.name(locale())}</option> }).collect_view()}
                                        </select>
                                    </td>
                                </tr>
                            }
                        }).collect_view()}
                    </tbody>
                </table>
                {(listed > SHOWN_PER_CLASS).then(|| view! { <p>{tn("import.preview.more", listed - SHOWN_PER_CLASS)}</p> })}
            </section>
        }
    }).collect_view()
    };
    // A vCard file has cards, not rows: "3 cards read".
    let read_key = if is_vcard { "import.preview.read_cards" } else { "import.preview.read" };
    view! {
        <section aria-labelledby="preview-heading" class="card">
            <h2 id="preview-heading">{t("import.preview.heading")}</h2>
            <p>{tn(read_key, plan.len())}</p>
            <label class="check">
                <input type="checkbox" prop:checked=move || apply_fixes.get()
                    on:change=move |ev| apply_fixes.set(event_target_checked(&ev)) />
                {t("import.preview.apply_fixes")}
            </label>
            <ul class="import-counts">
                {ClassKind::ALL
                    .into_iter()
                    .zip(n)
                    .map(|(k, c)| view! { <li>{tf("import.preview.class_count", &[("class", k.name(locale())), ("count", &thousands(c))])}</li> })
                    .collect_view()}
            </ul>
            <ReasonChoices plan=plan.clone() row_choices filter />
            {classes}
        </section>
    }
}

/// What the preview says about a row beyond its name and email.
pub fn details(class: &RowClass) -> String {
    let state = AppState::expect();
    match class {
        RowClass::Create => t("import.details.new_contact").into(),
        RowClass::Update { id, diff } => {
            let name = state.data.with_untracked(|d| d.contact(id).map(|c| c.display_name()).unwrap_or_default());
            if diff.is_empty() {
                tf("import.details.matches", &[("name", &name)])
            } else {
                tf("import.details.updates", &[("name", &name), ("changes", &changes(diff))])
            }
        }
        RowClass::Duplicate(DuplicateOf::Existing { id, score }) => {
            let name = state.data.with_untracked(|d| d.contact(id).map(|c| c.display_name()).unwrap_or_default());
            let alike = number::percent(locale(), *score, 0);
            tf("import.details.duplicate_of", &[("name", &name), ("alike", &alike)])
        }
        RowClass::Duplicate(DuplicateOf::Row(row)) => {
            tf("import.details.duplicate_of_row", &[("row", &row.to_string())])
        }
        RowClass::Invalid { reason, .. } => {
            let reason = match reason.as_str() {
                NOTHING_TO_IMPORT => t("import.invalid.nothing"),
                NO_NAME_OR_EMAIL => t("import.invalid.no_name_or_email"),
                other => other,
            };
            tf("import.details.invalid", &[("reason", reason)])
        }
    }
}

/// The fields an update changes: `Tags: "a" → "a, b"; Notes: …`.
pub fn changes(diff: &[crate::core::import::plan::FieldDiff]) -> String {
    changes_in(locale(), diff)
}

/// What the row's contact will hold, field by field, folded under "What
/// will be stored" (core::import::stored): dates in the person's locale,
/// kinds and fields named from the catalogue.
fn stored_view(draft: &ContactDraft, company: Option<&str>) -> impl IntoView {
    let items = stored_fields(draft, company)
        .into_iter()
        .map(|s| {
            let mut name = t(s.field).to_string();
            if let Some((kind, key)) = s.kind {
                name = format!("{name} ({})", label(kind, key));
            }
            if let Some(own) = &s.label {
                name = format!("{name}: {own}");
            }
            let value = match s.value {
                StoredValue::Text(text) => excerpt(&text).into_owned(),
                StoredValue::Date(d) => yearly_date(d),
            };
            view! { <dt>{name}</dt><dd>{value}</dd> }
        })
        .collect_view();
    view! {
        <details class="row-stored">
            <summary>{t("stored.heading")}</summary>
            <dl>{items}</dl>
        </details>
    }
}
