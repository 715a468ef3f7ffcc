//! The import wizard's steps for a CSV file of companies or deals: column
//! mapping, the preview (classes, a choice per class, invalid cells fixed in
//! place) and the import as one undoable transaction. The logic is in
//! `core::import::companies` and `core::import::deals`; contacts have their own steps in `import_page`.

use std::sync::Arc;

use leptos::prelude::*;

use crate::ui::components::cell_fix::CellFix;
use crate::ui::components::class_choice::ClassChoice;

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
use crate::ui::format::{count_of, thousands};

/// Rows listed per class in the preview.
const SHOWN_PER_CLASS: usize = 50;

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum RecordKind {
    Companies,
    Deals,
}

impl RecordKind {
    fn noun(self) -> (&'static str, &'static str) {
        match self {
            RecordKind::Companies => ("company", "companies"),
            RecordKind::Deals => ("deal", "deals"),
        }
    }

    fn labels(self) -> Vec<&'static str> {
        match self {
            RecordKind::Companies => CompanyField::ALL.iter().map(|f| f.label()).collect(),
            RecordKind::Deals => DealField::ALL.iter().map(|f| f.label()).collect(),
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

    fn class_label(self, kind: ClassKind) -> String {
        let (_, many) = self.noun();
        match kind {
            ClassKind::Create => format!("New {many}"),
            ClassKind::Update => format!("Matches of existing {many}"),
            ClassKind::Duplicate => "Repeated rows".to_string(),
            ClassKind::Invalid => "Invalid rows".to_string(),
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
        RowClass::Create => "New".to_string(),
        RowClass::Update { diff, .. } if diff.is_empty() => "Matches an existing record; nothing new".to_string(),
        RowClass::Update { diff, .. } => {
            let changes: Vec<String> =
                diff.iter().map(|f| format!("{}: \"{}\" → \"{}\"", f.field, f.before, f.after)).collect();
            format!("Updates the existing record: {}", changes.join("; "))
        }
        RowClass::Duplicate(DuplicateOf::Row(r)) => format!("Repeats row {r} of the file"),
        RowClass::Duplicate(_) => "Probable duplicate".to_string(),
        RowClass::Invalid { reason, .. } => format!("Invalid: {reason}"),
    };
    for n in notes {
        text.push_str(&format!(". {n}"));
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
    let (one, many) = kind.noun();

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
                    Plan::Companies(Arc::new(plan_companies(d, &cells, &t, state.clock.now())))
                }
                RecordKind::Deals => {
                    let t: Vec<DealField> = t.iter().map(|&i| DealField::ALL[i]).collect();
                    Plan::Deals(Arc::new(plan_deals(d, &cells, &t, state.clock.now())))
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
        state.notify(NoticeKind::Success, "The row was checked again");
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
            if commands::import(state, changes, n, (one, many), &file_name).await {
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
    let (one, _) = kind.noun();
    let mapping_rows = headers
        .iter()
        .enumerate()
        .map(|(i, name)| {
            let sample: Vec<String> =
                rows.iter().filter_map(|r| r.fields.get(i).filter(|v| !v.trim().is_empty()).cloned()).take(3).collect();
            let label = format!("Import column {name} as");
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
            <h2 id="mapping-heading">"Columns"</h2>
            <p>{format!("Choose where each column of the file goes; each row becomes one {one}.")}</p>
            <table class="mapping">
                <thead>
                    <tr><th scope="col">"Column"</th><th scope="col">"Sample values"</th><th scope="col">"Import as"</th></tr>
                </thead>
                <tbody>{mapping_rows}</tbody>
            </table>
            <div class="form-actions">
                <button type="button" class="primary" on:click=move |_| { preview.dispatch(()); }>"Preview import"</button>
                <button type="button" on:click=move |_| on_close.run(())>"Cancel import"</button>
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
    let (_, many) = kind.noun();
    let shown = plan.shown();
    let mut n = [0usize; 4];
    for s in &shown {
        n[ClassKind::ALL.iter().position(|k| *k == s.class.kind()).unwrap_or(0)] += 1;
    }
    let total = shown.len();
    let classes = ClassKind::ALL.into_iter().zip(n).filter(|(_, c)| *c > 0).map(|(class, count)| {
        let heading = format!("{}: {}", kind.class_label(class), thousands(count));
        let select_label = format!("What to do with {}", kind.class_label(class).to_lowercase());
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
        let option_text = Callback::new(move |c: Choice| match c {
            Choice::Create => format!("Create new {many}"),
            Choice::Update => format!("Update the existing {many}"),
            Choice::Skip => "Skip".to_string(),
        });
        view! {
            <section class="import-class" aria-label=kind.class_label(class)>
                <h3>{heading}</h3>
                <ClassChoice class choices label=select_label option_text />
                <table class="import-rows">
                    <thead><tr><th scope="col">"Row"</th><th scope="col">"Name"</th><th scope="col">"Details"</th></tr></thead>
                    <tbody>{body}</tbody>
                </table>
                {(count > SHOWN_PER_CLASS).then(|| view! { <p>{format!("and {} more", thousands(count - SHOWN_PER_CLASS))}</p> })}
            </section>
        }
    }).collect_view();
    view! {
        <section aria-labelledby="preview-heading" class="card">
            <h2 id="preview-heading">"Preview"</h2>
            <p>{format!("{} read. Nothing has been written yet.", count_of(total, "row", "rows"))}</p>
            {classes}
            <div class="form-actions">
                <button type="button" class="primary" on:click=move |_| { import.dispatch(()); } disabled=move || import.pending().get()>
                    {move || if import.pending().get() { "Importing…" } else { "Import" }}
                </button>
            </div>
        </section>
    }
}
