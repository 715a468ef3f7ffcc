//! The import wizard's steps for a CSV file of companies or deals: column
//! mapping, the preview (classes, a choice per class, invalid cells fixed in
//! place) and the import as one undoable transaction. The logic is in
//! `core::import::companies` and `core::import::deals`; contacts have their own steps in `import_page`.

use std::sync::Arc;

use leptos::prelude::*;

use crate::ui::components::cell_fix::CellFix;
use crate::ui::components::class_choice::ClassChoice;

use super::preview_step::changes;
use crate::core::import::columns::{auto_map_fields, ImportField, PlannedRecord};
use crate::core::import::companies::{build_company_changes, plan_companies, CompanyField};
use crate::core::import::csv::Row;
use crate::core::import::deals::{build_deal_changes, plan_deals, DealField};
use crate::core::import::plan::{
    fixed_cells, CellFixes, Choice, Choices, ClassKind, DuplicateOf, ImportCounts, RowClass,
};
use crate::core::records::Company;
use crate::core::records::Deal;
use crate::state::commands::local_action;
use crate::state::{commands, new_id, yield_to_browser, AppState, NoticeKind};
use crate::ui::format::{locale, thousands};
use crate::ui::text::{t, tf, tn};

/// Rows listed per class in the preview.
const SHOWN_PER_CLASS: usize = 50;

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum RecordKind {
    Companies,
    Deals,
}

impl RecordKind {
    /// The English nouns `commands::import` builds its history label with.
    /// The catalogue's count of these records ("2 companies").
    fn count_key(self) -> &'static str {
        match self {
            RecordKind::Companies => "common.companies",
            RecordKind::Deals => "common.deals",
        }
    }

    fn labels(self) -> Vec<&'static str> {
        match self {
            RecordKind::Companies => CompanyField::ALL.iter().map(|f| f.name(locale())).collect(),
            RecordKind::Deals => DealField::ALL.iter().map(|f| f.name(locale())).collect(),
        }
    }

    /// The automatic mapping, as indices into [`RecordKind::labels`].
    fn auto_map(self, headers: &[String]) -> Vec<usize> {
        fn indices<F: ImportField>(headers: &[String]) -> Vec<usize> {
            auto_map_fields::<F>(headers)
                .into_iter()
                .map(|f| F::ALL.iter().position(|x| *x == f).unwrap_or(0))
                .collect()
        }
        match self {
            RecordKind::Companies => indices::<CompanyField>(headers),
            RecordKind::Deals => indices::<DealField>(headers),
        }
    }

    fn class_label(self, kind: ClassKind) -> &'static str {
        match (self, kind) {
            (RecordKind::Companies, ClassKind::Create) => t("import.records.new_companies"),
            (RecordKind::Deals, ClassKind::Create) => t("import.records.new_deals"),
            (RecordKind::Companies, ClassKind::Update) => t("import.records.matches_companies"),
            (RecordKind::Deals, ClassKind::Update) => t("import.records.matches_deals"),
            (_, ClassKind::Duplicate) => t("import.records.repeated"),
            (_, ClassKind::Invalid) => t("import.class.invalid"),
        }
    }

    /// "What to do with new companies": the name of a class's select.
    fn class_choice_label(self, kind: ClassKind) -> &'static str {
        match (self, kind) {
            (RecordKind::Companies, ClassKind::Create) => t("import.records.choose.new_companies"),
            (RecordKind::Deals, ClassKind::Create) => t("import.records.choose.new_deals"),
            (RecordKind::Companies, ClassKind::Update) => t("import.records.choose.matches_companies"),
            (RecordKind::Deals, ClassKind::Update) => t("import.records.choose.matches_deals"),
            (_, ClassKind::Duplicate) => t("import.records.choose.repeated"),
            (_, ClassKind::Invalid) => t("import.preview.choose.invalid"),
        }
    }

    /// The text of a choice for a class of this file's rows.
    fn choice_text(self, choice: Choice) -> &'static str {
        match (self, choice) {
            (RecordKind::Companies, Choice::Create) => t("import.records.create_companies"),
            (RecordKind::Deals, Choice::Create) => t("import.records.create_deals"),
            (RecordKind::Companies, Choice::Update) => t("import.records.update_companies"),
            (RecordKind::Deals, Choice::Update) => t("import.records.update_deals"),
            (_, Choice::Skip) => t("import.choice.skip"),
        }
    }
}

#[derive(Clone)]
enum Plan {
    Companies(Arc<Vec<PlannedRecord<Company>>>),
    Deals(Arc<Vec<PlannedRecord<Deal>>>),
}

/// One row as the preview shows it.
struct Shown {
    index: usize,
    row: usize,
    name: String,
    class: RowClass,
    notes: Vec<String>,
}

impl Plan {
    fn shown(&self) -> Vec<Shown> {
        fn of<T>(rows: &[PlannedRecord<T>], name: impl Fn(&T) -> String) -> Vec<Shown> {
            rows.iter()
                .enumerate()
                .map(|(index, r)| Shown {
                    index,
                    row: r.row,
                    name: r.record.as_ref().map(&name).unwrap_or_default(),
                    class: r.class.clone(),
                    notes: r.notes.clone(),
                })
                .collect()
        }
        match self {
            Plan::Companies(rows) => of(rows, |c| c.name.clone()),
            Plan::Deals(rows) => of(rows, |d| d.title.clone()),
        }
    }
}

fn details(class: &RowClass, notes: &[String]) -> String {
    let mut text = match class {
        RowClass::Create => t("import.records.new").to_string(),
        RowClass::Update { diff, .. } if diff.is_empty() => t("import.records.matches_nothing_new").to_string(),
        RowClass::Update { diff, .. } => tf("import.records.updates", &[("changes", &changes(diff))]),
        RowClass::Duplicate(DuplicateOf::Row(r)) => tf("import.records.repeats_row", &[("row", &r.to_string())]),
        RowClass::Duplicate(_) => t("import.records.probable_duplicate").to_string(),
        RowClass::Invalid { reason, .. } => tf("import.details.invalid", &[("reason", reason)]),
    };
    for n in notes {
        text = tf("import.records.with_note", &[("details", &text), ("note", n)]);
    }
    text
}

/// Mapping, preview and import of a companies or deals file.
#[component]
pub fn RecordImport(
    kind: RecordKind,
    file_name: String,
    headers: Vec<String>,
    rows: Arc<Vec<Row>>,
    on_close: Callback<()>,
) -> impl IntoView {
    let state = AppState::expect();
    let targets = RwSignal::new(kind.auto_map(&headers));
    let fixes = StoredValue::new(CellFixes::new());
    let plan = RwSignal::new(None::<Plan>);
    let choices = RwSignal::new(Choices::default());
    let count_key = kind.count_key();

    // Plans every row (with the cells fixed so far); fast enough to redo
    // after each fix for the files people import companies and deals from.
    let run_plan = {
        let rows = rows.clone();
        move || {
            let t = targets.get_untracked();
            let cells: Vec<(usize, Vec<String>)> = fixes.with_value(|fx| {
                rows.iter().enumerate().map(|(i, r)| (r.row, fixed_cells(&r.fields, i, fx).into_owned())).collect()
            });
            let p = state.data.with_untracked(|d| match kind {
                RecordKind::Companies => {
                    let t: Vec<CompanyField> = t.iter().map(|&i| CompanyField::ALL[i]).collect();
                    Plan::Companies(Arc::new(plan_companies(d, &cells, &t, state.clock.now(), locale())))
                }
                RecordKind::Deals => {
                    let t: Vec<DealField> = t.iter().map(|&i| DealField::ALL[i]).collect();
                    Plan::Deals(Arc::new(plan_deals(d, &cells, &t, state.clock.now(), locale())))
                }
            });
            plan.set(Some(p));
        }
    };
    let preview = {
        let run_plan = run_plan.clone();
        local_action(move |_: &()| {
            let run_plan = run_plan.clone();
            async move {
                yield_to_browser().await;
                run_plan();
            }
        })
    };
    let fix = Callback::new(move |(i, c, v): (usize, usize, String)| {
        fixes.update_value(|f| {
            f.insert((i, c), v);
        });
        run_plan();
        state.notify(NoticeKind::Success, t("import.records.checked_again"));
    });
    let import = local_action(move |_: &()| {
        let file_name = file_name.clone();
        async move {
            let Some(p) = plan.get_untracked() else { return };
            let chosen = choices.get_untracked();
            let (changes, n): (_, ImportCounts) = state.data.with_untracked(|d| match &p {
                Plan::Companies(rows) => build_company_changes(d, rows, &chosen, state.clock.now(), new_id),
                Plan::Deals(rows) => build_deal_changes(d, rows, &chosen, state.clock.now(), new_id),
            });
            if commands::import(state, changes, n, count_key, &file_name).await {
                on_close.run(());
            }
        }
    });

    view! {
        <RecordsMapping kind headers=headers.clone() rows targets plan preview on_close />
        {move || plan.get().map(|p| view! { <RecordsPreview kind plan=p headers=headers.clone() choices fix import /> })}
    }
}

/// The columns of the file with sample values and where each one goes.
#[component]
fn RecordsMapping(
    kind: RecordKind,
    headers: Vec<String>,
    rows: Arc<Vec<Row>>,
    targets: RwSignal<Vec<usize>>,
    plan: RwSignal<Option<Plan>>,
    preview: Action<(), ()>,
    on_close: Callback<()>,
) -> impl IntoView {
    let labels = kind.labels();
    let mapping_rows = headers
        .iter()
        .enumerate()
        .map(|(i, name)| {
            let sample: Vec<String> =
                rows.iter().filter_map(|r| r.fields.get(i).filter(|v| !v.trim().is_empty()).cloned()).take(3).collect();
            let label = tf("import.mapping.column_label", &[("column", name)]);
            let labels = labels.clone();
            view! {
                <tr>
                    <th scope="row">{name.clone()}</th>
                    <td>{sample.join(" · ")}</td>
                    <td>
                        <select
                            aria-label=label
                            prop:value=move || targets.with(|t| t.get(i).copied().unwrap_or(0)).to_string()
                            on:change=move |ev| {
                                let v = event_target_value(&ev).parse::<usize>().unwrap_or(0);
                                targets.update(|t| if let Some(x) = t.get_mut(i) { *x = v });
                                plan.set(None);
                            }
                        >
                            {labels
                                .iter()
                                .enumerate()
                                .map(|(j, l)| {
                                    let selected = targets.with_untracked(|t| t.get(i) == Some(&j));
                                    view! { <option value=j.to_string() selected=selected>{*l}</option> }
                                })
                                .collect_view()}
                        </select>
                    </td>
                </tr>
            }
        })
        .collect_view();
    view! {
        <section aria-labelledby="mapping-heading" class="card">
            <h2 id="mapping-heading">{t("import.mapping.heading")}</h2>
            <p>
                {match kind {
                    RecordKind::Companies => t("import.mapping.records_intro_companies"),
                    RecordKind::Deals => t("import.mapping.records_intro_deals"),
                }}
            </p>
            <table class="mapping">
                <thead>
                    <tr>
                        <th scope="col">{t("import.mapping.column")}</th>
                        <th scope="col">{t("import.mapping.samples")}</th>
                        <th scope="col">{t("import.mapping.import_as")}</th>
                    </tr>
                </thead>
                <tbody>{mapping_rows}</tbody>
            </table>
            <div class="form-actions">
                <button type="button" class="primary" on:click=move |_| { preview.dispatch(()); }>{t("import.preview")}</button>
                <button type="button" on:click=move |_| on_close.run(())>{t("import.cancel")}</button>
            </div>
        </section>
    }
}

/// Counts per class, a choice per class, the first rows of each class (an
/// invalid cell fixable in place), and the Import button.
#[component]
fn RecordsPreview(
    kind: RecordKind,
    plan: Plan,
    headers: Vec<String>,
    choices: RwSignal<Choices>,
    fix: Callback<(usize, usize, String)>,
    import: Action<(), ()>,
) -> impl IntoView {
    let shown = plan.shown();
    let mut n = [0usize; 4];
    for s in &shown {
        n[ClassKind::ALL.iter().position(|k| *k == s.class.kind()).unwrap_or(0)] += 1;
    }
    let total = shown.len();
    let classes = ClassKind::ALL.into_iter().zip(n).filter(|(_, c)| *c > 0).map(|(class, count)| {
        let heading = tf("import.preview.class_count", &[("class", kind.class_label(class)), ("count", &thousands(count))]);
        let select_label = kind.class_choice_label(class);
        let rows: Vec<&Shown> = shown.iter().filter(|s| s.class.kind() == class).take(SHOWN_PER_CLASS).collect();
        let body = rows.into_iter().map(|s| {
            let fixable = match &s.class {
                RowClass::Invalid { column: Some(c), .. } => Some((*c, headers.get(*c).cloned().unwrap_or_default())),
                _ => None,
            };
            let (index, row_number) = (s.index, s.row);
            view! {
                <tr>
                    <td>{s.row}</td>
                    <td>{s.name.clone()}</td>
                    <td>
                        <span>{details(&s.class, &s.notes)}</span>
                        {fixable.map(|(column, header)| view! {
                            <CellFix row=index row_number column header on_fix=fix />
                        })}
                    </td>
                </tr>
            }
        }).collect_view();
        let option_text = Callback::new(move |c: Choice| kind.choice_text(c).to_string());
        view! {
            <section class="import-class" aria-label=kind.class_label(class)>
                <h3>{heading}</h3>
                <ClassChoice class choices label=select_label option_text />
                <table class="import-rows">
                    <thead>
                        <tr>
                            <th scope="col">{t("import.preview.row")}</th>
                            <th scope="col">{t("import.preview.name")}</th>
                            <th scope="col">{t("import.preview.details")}</th>
                        </tr>
                    </thead>
                    <tbody>{body}</tbody>
                </table>
                {(count > SHOWN_PER_CLASS).then(|| view! { <p>{tn("import.preview.more", count - SHOWN_PER_CLASS)}</p> })}
            </section>
        }
    }).collect_view();
    view! {
        <section aria-labelledby="preview-heading" class="card">
            <h2 id="preview-heading">{t("import.preview.heading")}</h2>
            <p>{tn("import.preview.read", total)}</p>
            {classes}
            <div class="form-actions">
                <button type="button" class="primary" on:click=move |_| { import.dispatch(()); } disabled=move || import.pending().get()>
                    {move || if import.pending().get() { t("import.importing") } else { t("import.import") }}
                </button>
            </div>
        </section>
    }
}
