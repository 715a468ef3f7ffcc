//! The contact import wizard: choose a CSV or vCard file, map its columns,
//! preview every row (create, update, duplicate, invalid) and import it as
//! one undoable transaction. Nothing is written before the last step.
//!
//! Large files are read and checked in slices, yielding to the browser in
//! between, so the progress bar moves and Cancel works. The mapping chosen
//! for a list of headers is kept in localStorage and offered again.

use std::collections::HashMap;
use std::sync::Arc;

use gloo_storage::{LocalStorage, Storage};
use leptos::prelude::*;
use wasm_bindgen_futures::JsFuture;

use crate::ui::format::{count_of, local_minute, thousands};
mod records;

use crate::core::dedupe::{DedupeIndex, DedupeSettings};
use crate::core::history::HistoryKind;
use crate::core::import::contacts_map::{auto_map, AddressPart, Target};
use crate::core::import::contacts_plan::{build_changes_tidied, counts, PlannedRow, Planner, SourceRow};
use crate::core::import::contacts_rows::{map_row_with, MapOptions};
use crate::core::import::csv::{CsvOptions, CsvReader, Row};
use crate::core::import::plan::{fixed_cells, CellFixes, Choice, Choices, ClassKind, DuplicateOf, RowClass};
use crate::core::import::values::guess_date_order;
use crate::core::import::vcard::{parse_vcard_bytes, VcardContact};
use crate::core::normalize::suggest_contact;
use crate::state::{commands, new_id, yield_to_browser, AppState, NoticeKind, SharedDedupeIndex};
use crate::ui::components::cell_fix::CellFix;
use crate::ui::components::suggested_fixes::field_label;
use records::{RecordImport, RecordKind};

/// Rows read or checked between two yields to the browser.
const SLICE: usize = 5_000;
/// Rows listed per class in the preview.
const SHOWN_PER_CLASS: usize = 50;
const MAPPING_KEY_PREFIX: &str = "crm.import-mapping.";

/// The rows of the chosen file.
enum FileRows {
    Csv { headers: Vec<String>, rows: Vec<Row> },
    Vcard(Vec<VcardContact>),
}

impl FileRows {
    fn len(&self) -> usize {
        match self {
            FileRows::Csv { rows, .. } => rows.len(),
            FileRows::Vcard(cards) => cards.len(),
        }
    }

    /// Row `i` as a contact; CSV rows go through the column targets, with
    /// the cells the user fixed in the preview (by row index and column).
    fn source(&self, i: usize, targets: &[Target], options: &MapOptions, fixes: &Fixes) -> SourceRow {
        match self {
            FileRows::Csv { headers, rows } => {
                let r = &rows[i];
                let fields = fixed_cells(&r.fields, i, fixes);
                let m = map_row_with(&fields, targets, options);
                let problem = m.problems.first().map(|p| {
                    let header = headers.get(p.column).map(String::as_str).unwrap_or_default();
                    (Some(p.column), format!("{} (column {} \"{header}\")", p.message, p.column + 1))
                });
                SourceRow { row: r.row, contact: m.contact, company_name: m.company_name, problem }
            }
            FileRows::Vcard(cards) => {
                let c = &cards[i];
                SourceRow {
                    row: c.line,
                    contact: c.contact.clone(),
                    company_name: c.org.clone(),
                    problem: c.problems.first().map(|p| (None, p.clone())),
                }
            }
        }
    }
}

/// Cells fixed in the preview.
type Fixes = CellFixes;

/// What checking the rows used, kept to classify a fixed row again.
struct CheckContext {
    options: MapOptions,
    index: Arc<DedupeIndex>,
    probable: f64,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Step {
    Choose,
    Reading,
    Mapping,
    Checking,
    Preview,
    /// A companies or deals file: its own mapping and preview.
    Records,
}

/// The targets offered in every column's select, plus `extra` ones.
fn target_choices(extra: &[Target]) -> Vec<Target> {
    let mut out = vec![Target::Ignore, Target::GivenName, Target::MiddleName, Target::FamilyName, Target::FullName];
    for slot in 1..=3 {
        out.push(Target::Email { slot, kind: None });
        out.push(Target::EmailType { slot });
    }
    for slot in 1..=3 {
        out.push(Target::Phone { slot, kind: None });
        out.push(Target::PhoneType { slot });
    }
    for part in
        [AddressPart::Street, AddressPart::City, AddressPart::Region, AddressPart::PostalCode, AddressPart::Country]
    {
        out.push(Target::Address { slot: 1, part, kind: None });
    }
    out.push(Target::AddressType { slot: 1 });
    out.extend([
        Target::Company,
        Target::JobTitle,
        Target::Website,
        Target::Birthday,
        Target::Tags,
        Target::Notes,
        Target::Source,
        Target::LifecycleStage,
    ]);
    for t in extra {
        if !out.contains(t) {
            out.push(*t);
        }
    }
    out
}

fn mapping_key(headers: &[String]) -> String {
    format!("{MAPPING_KEY_PREFIX}{}", headers.join("\u{1f}"))
}

/// The mapping saved for these headers, if it still fits them.
fn saved_mapping(headers: &[String]) -> Option<Vec<Target>> {
    LocalStorage::get::<Vec<Target>>(mapping_key(headers)).ok().filter(|t| t.len() == headers.len())
}

async fn read_bytes(input: &web_sys::HtmlInputElement) -> Option<(String, Result<Vec<u8>, String>)> {
    let file = input.files()?.get(0)?;
    let name = file.name();
    let bytes = JsFuture::from(file.array_buffer())
        .await
        .map(|b| js_sys::Uint8Array::new(&b).to_vec())
        .map_err(|_| "The file could not be read.".to_string());
    Some((name, bytes))
}

fn looks_like_vcard(name: &str, bytes: &[u8]) -> bool {
    let name = name.to_lowercase();
    if name.ends_with(".vcf") || name.ends_with(".vcard") {
        return true;
    }
    let start: Vec<u8> = bytes
        .iter()
        .skip_while(|b| matches!(b, 0xEF | 0xBB | 0xBF | b' ' | b'\r' | b'\n' | b'\t'))
        .take(11)
        .map(u8::to_ascii_uppercase)
        .collect();
    start == b"BEGIN:VCARD"
}

#[component]
pub fn ImportPage() -> impl IntoView {
    let state = AppState::expect();
    let shared = SharedDedupeIndex::expect();
    let step = RwSignal::new(Step::Choose);
    let progress = RwSignal::new(0.0f64);
    let cancel = StoredValue::new(false);
    let file_name = RwSignal::new(String::new());
    let file = StoredValue::new(None::<Arc<FileRows>>);
    let headers = RwSignal::new(Vec::<String>::new());
    let samples = RwSignal::new(Vec::<Vec<String>>::new());
    let targets = RwSignal::new(Vec::<Target>::new());
    let plan = RwSignal::new(None::<Arc<Vec<PlannedRow>>>);
    let choices = RwSignal::new(Choices::default());
    // Choices made for single rows (by row index), applied when importing.
    let row_choices = RwSignal::new(HashMap::<usize, Choice>::new());
    // "Apply suggested fixes": names, email case, phones in international form.
    let apply_fixes = RwSignal::new(true);
    let fixes = StoredValue::new(Fixes::new());
    let context = StoredValue::new(None::<Arc<CheckContext>>);
    // What the file holds: contacts (`None`), companies or deals.
    let holds = RwSignal::new(None::<RecordKind>);
    let records = RwSignal::new(None::<(RecordKind, Vec<String>, Arc<Vec<Row>>)>);
    let input_ref = NodeRef::<leptos::html::Input>::new();

    let reset = move || {
        step.set(Step::Choose);
        file.set_value(None);
        plan.set(None);
        headers.set(Vec::new());
        choices.set(Choices::default());
        row_choices.set(HashMap::new());
        fixes.set_value(Fixes::new());
        context.set_value(None);
        records.set(None);
        if let Some(input) = input_ref.get_untracked() {
            input.set_value("");
        }
    };
    let fail = move |msg: String| {
        reset();
        state.notify(NoticeKind::Error, format!("Nothing was imported. {msg}"));
    };

    let check = Action::new_local(move |_: &()| async move {
        let Some(f) = file.get_value() else { return };
        let back = if matches!(*f, FileRows::Csv { .. }) { Step::Mapping } else { Step::Choose };
        step.set(Step::Checking);
        progress.set(0.0);
        cancel.set_value(false);
        let targets = targets.get_untracked();
        if let FileRows::Csv { headers, .. } = &*f {
            let _ = LocalStorage::set(mapping_key(headers), &targets);
        }
        let data = state.data.get_untracked();
        let country = data.settings().default_country.clone();
        let date_order = match &*f {
            FileRows::Csv { rows, .. } => {
                let birthday: Vec<usize> = (0..targets.len()).filter(|&i| targets[i] == Target::Birthday).collect();
                guess_date_order(rows.iter().take(1_000).flat_map(|r| birthday.iter().filter_map(|&i| r.fields.get(i))))
            }
            FileRows::Vcard(_) => None,
        };
        let options = MapOptions { default_country: country.clone(), date_order };
        let settings = DedupeSettings::for_app(data.settings());
        yield_to_browser().await;
        let index = shared.get();
        let mut planner = Planner::new(&data, &index, settings.threshold_probable, state.clock.now());
        let all_fixes = fixes.get_value();
        let total = f.len();
        let mut out = Vec::with_capacity(total);
        let mut start = 0;
        while start < total {
            if cancel.get_value() {
                step.set(back);
                return;
            }
            let end = (start + SLICE).min(total);
            out.extend((start..end).map(|i| planner.plan(f.source(i, &targets, &options, &all_fixes))));
            start = end;
            progress.set(start as f64 / total as f64);
            yield_to_browser().await;
        }
        drop(planner);
        context.set_value(Some(Arc::new(CheckContext { options, index, probable: settings.threshold_probable })));
        row_choices.set(HashMap::new());
        plan.set(Some(Arc::new(out)));
        step.set(Step::Preview);
    });

    // A cell fixed in the preview: the row is mapped and classified again.
    let fix = move |i: usize, column: usize, value: String| {
        let (Some(f), Some(ctx)) = (file.get_value(), context.get_value()) else { return };
        fixes.update_value(|x| {
            x.insert((i, column), value);
        });
        let source = fixes.with_value(|x| f.source(i, &targets.get_untracked(), &ctx.options, x));
        let row_number = source.row;
        let mut class = None;
        state.data.with_untracked(|d| {
            plan.update(|p| {
                if let Some(rows) = p.as_mut().map(Arc::make_mut) {
                    let mut planner = Planner::new(d, &ctx.index, ctx.probable, state.clock.now());
                    rows[i] = planner.replan(&rows[..i], source);
                    class = Some(rows[i].class.clone());
                }
            })
        });
        row_choices.update(|c| {
            c.remove(&i);
        });
        if let Some(class) = class {
            state.notify(NoticeKind::Success, format!("Row {row_number} checked again: {}", details(&class)));
        }
    };

    let read = Action::new_local(move |input: &web_sys::HtmlInputElement| {
        let input = input.clone();
        async move {
            plan.set(None);
            let Some((name, bytes)) = read_bytes(&input).await else { return };
            file_name.set(name.clone());
            step.set(Step::Reading);
            progress.set(0.0);
            cancel.set_value(false);
            state.notice.set(None);
            let bytes = match bytes {
                Ok(b) => b,
                Err(e) => return fail(e),
            };
            if bytes.iter().all(u8::is_ascii_whitespace) {
                return fail("The file is empty.".into());
            }
            yield_to_browser().await;
            if looks_like_vcard(&name, &bytes) {
                if holds.get_untracked().is_some() {
                    return fail("A vCard file holds contacts: choose \"Contacts\" above.".into());
                }
                match parse_vcard_bytes(&bytes) {
                    Ok(cards) if !cards.is_empty() => {
                        file.set_value(Some(Arc::new(FileRows::Vcard(cards))));
                        check.dispatch(());
                    }
                    Ok(_) => fail("The file holds no cards.".into()),
                    Err(e) => fail(e.to_string()),
                }
                return;
            }
            let mut reader = match CsvReader::from_bytes(&bytes, &CsvOptions::default()) {
                Ok(r) => r,
                Err(e) => return fail(e.to_string()),
            };
            drop(bytes);
            let mut rows = Vec::new();
            while !reader.is_done() {
                if cancel.get_value() {
                    reset();
                    state.notify(NoticeKind::Success, "Import cancelled. Nothing was written.");
                    return;
                }
                match reader.next_rows(SLICE) {
                    Ok(r) if r.is_empty() => break,
                    Ok(mut r) => rows.append(&mut r),
                    Err(e) => return fail(e.to_string()),
                }
                progress.set(reader.progress());
                yield_to_browser().await;
            }
            if rows.is_empty() {
                return fail("The file has a header row but no rows of data.".into());
            }
            let names = reader.headers().to_vec();
            if let Some(k) = holds.get_untracked() {
                records.set(Some((k, names, Arc::new(rows))));
                step.set(Step::Records);
                return;
            }
            targets.set(saved_mapping(&names).unwrap_or_else(|| auto_map(&names)));
            let shown: Vec<Vec<String>> = (0..names.len())
                .map(|c| {
                    rows.iter()
                        .filter_map(|r| r.fields.get(c).filter(|v| !v.trim().is_empty()).cloned())
                        .take(3)
                        .collect()
                })
                .collect();
            samples.set(shown);
            headers.set(names.clone());
            file.set_value(Some(Arc::new(FileRows::Csv { headers: names, rows })));
            step.set(Step::Mapping);
        }
    });

    let history = LocalResource::new(move || {
        state.data.track();
        async move {
            state
                .history()
                .await
                .map(|h| h.into_iter().filter(|(_, e)| e.kind == HistoryKind::Import).collect::<Vec<_>>())
                .map_err(|e| e.to_string())
        }
    });

    let import = Action::new_local(move |_: &()| async move {
        let Some(mut p) = plan.get_untracked() else { return };
        let chosen = choices.get_untracked();
        let per_row = row_choices.get_untracked();
        if !per_row.is_empty() {
            let rows = Arc::make_mut(&mut p);
            for (&i, &c) in &per_row {
                if let Some(r) = rows.get_mut(i) {
                    r.choice = Some(c);
                }
            }
        }
        yield_to_browser().await;
        let tidy = apply_fixes.get_untracked();
        let (changes, n) = state.data.with_untracked(|d| {
            let country = d.settings().default_country.clone();
            build_changes_tidied(d, &p, &chosen, state.clock.now(), new_id, tidy.then_some(country.as_str()))
        });
        let name = file_name.get_untracked();
        if commands::import(state, changes, n, ("contact", "contacts"), &name).await {
            reset();
        }
    });

    let undo = Action::new_local(move |key: &f64| {
        commands::undo(state, *key, "Import undone", "That import was undone already")
    });

    let is_busy = move || matches!(step.get(), Step::Reading | Step::Checking) || import.pending().get();

    view! {
        <h1>
            {move || match holds.get() {
                None => "Import contacts",
                Some(RecordKind::Companies) => "Import companies",
                Some(RecordKind::Deals) => "Import deals",
            }}
        </h1>
        <section aria-labelledby="import-file-heading" class="card">
            <h2 id="import-file-heading">"File"</h2>
            <p>
                "Import contacts from a CSV file (Google Contacts, Outlook, HubSpot, Pipedrive, a spreadsheet) or a vCard file (Apple Contacts, iCloud). You see a preview of every row before anything is written, and the whole import can be undone."
            </p>
            <fieldset class="import-kind" disabled=is_busy>
                <legend>"The file holds"</legend>
                {[(None, "Contacts"), (Some(RecordKind::Companies), "Companies"), (Some(RecordKind::Deals), "Deals")]
                    .into_iter()
                    .map(|(k, label)| view! {
                        <label>
                            <input type="radio" name="import-kind" prop:checked=move || holds.get() == k
                                on:change=move |_| { reset(); holds.set(k); } />
                            {label}
                        </label>
                    })
                    .collect_view()}
            </fieldset>
            <div class="field">
                <label for="import-file">"Choose file to import"</label>
                <input
                    id="import-file"
                    type="file"
                    accept=".csv,.tsv,.txt,.vcf,.vcard,text/csv,text/vcard"
                    node_ref=input_ref
                    disabled=is_busy
                    on:change=move |ev| {
                        let input: web_sys::HtmlInputElement = event_target(&ev);
                        read.dispatch(input);
                    }
                />
            </div>
            <Show when=move || matches!(step.get(), Step::Reading | Step::Checking)>
                <div class="toolbar">
                    <label for="import-progress">
                        {move || if step.get() == Step::Reading { "Reading the file" } else { "Checking the rows" }}
                    </label>
                    <progress id="import-progress" max="1" prop:value=move || progress.get()></progress>
                    <button type="button" on:click=move |_| cancel.set_value(true)>"Cancel"</button>
                </div>
            </Show>
        </section>
        <Show when=move || step.get() == Step::Mapping>
            <MappingStep headers samples targets />
            <div class="form-actions">
                <button type="button" class="primary" on:click=move |_| { check.dispatch(()); }>"Preview import"</button>
                <button type="button" on:click=move |_| reset()>"Cancel import"</button>
            </div>
        </Show>
        {move || (step.get() == Step::Preview).then(|| plan.get()).flatten().map(|p| view! {
            <PreviewStep plan=p choices row_choices apply_fixes headers=file.with_value(|f| match f.as_deref() {
                Some(FileRows::Csv { headers, .. }) => Some(headers.clone()),
                _ => None,
            }) on_fix=Callback::new(move |(i, c, v): (usize, usize, String)| fix(i, c, v)) />
            <div class="form-actions">
                <button type="button" class="primary" on:click=move |_| { import.dispatch(()); } disabled=move || import.pending().get()>
                    {move || if import.pending().get() { "Importing…" } else { "Import" }}
                </button>
                {move || file.with_value(|f| matches!(f.as_deref(), Some(FileRows::Csv { .. }))).then(|| view! {
                    <button type="button" on:click=move |_| step.set(Step::Mapping)>"Back to mapping"</button>
                })}
                <button type="button" on:click=move |_| reset()>"Cancel import"</button>
            </div>
        })}
        {move || (step.get() == Step::Records).then(|| records.get()).flatten().map(|(k, headers, rows)| view! {
            <RecordImport kind=k file_name=file_name.get_untracked() headers rows on_close=Callback::new(move |()| reset()) />
        })}
        <section aria-labelledby="import-history-heading" class="card">
            <h2 id="import-history-heading">"Import history"</h2>
            <Suspense fallback=|| view! { <p>"Loading…"</p> }>
                {move || history.get().map(|h| match h {
                    Err(e) => view! { <p role="alert">{e}</p> }.into_any(),
                    Ok(list) if list.is_empty() => view! { <p>"No imports to undo."</p> }.into_any(),
                    Ok(list) => view! {
                        <ul class="import-history">
                            {list.into_iter().map(|(key, e)| {
                                let name = format!("Undo {}", e.label);
                                view! {
                                    <li>
                                        <span>{format!("{} — {}", local_minute(e.at), e.label)}</span>
                                        " "
                                        <button type="button" aria-label=name on:click=move |_| { undo.dispatch(key); } disabled=move || undo.pending().get()>
                                            "Undo"
                                        </button>
                                    </li>
                                }
                            }).collect_view()}
                        </ul>
                    }.into_any(),
                })}
            </Suspense>
        </section>
    }
}

/// The columns of a CSV file with sample values and where each one goes.
#[component]
fn MappingStep(
    headers: RwSignal<Vec<String>>,
    samples: RwSignal<Vec<Vec<String>>>,
    targets: RwSignal<Vec<Target>>,
) -> impl IntoView {
    let options = Memo::new(move |_| target_choices(&targets.read()));
    view! {
        <section aria-labelledby="mapping-heading" class="card">
            <h2 id="mapping-heading">"Columns"</h2>
            <p>"Choose where each column of the file goes. Columns set to \"Don't import\" are left out."</p>
            <table class="mapping">
                <thead>
                    <tr><th scope="col">"Column"</th><th scope="col">"Sample values"</th><th scope="col">"Import as"</th></tr>
                </thead>
                <tbody>
                    {move || headers.get().into_iter().enumerate().map(|(i, name)| {
                        let sample = samples.with(|s| s.get(i).map(|v| v.join(" · ")).unwrap_or_default());
                        let label = format!("Import column {name} as");
                        view! {
                            <tr>
                                <th scope="row">{name}</th>
                                <td>{sample}</td>
                                <td>
                                    <select
                                        aria-label=label
                                        prop:value=move || {
                                            let t = targets.with(|t| t.get(i).copied().unwrap_or(Target::Ignore));
                                            options.with(|o| o.iter().position(|x| *x == t).unwrap_or(0)).to_string()
                                        }
                                        on:change=move |ev| {
                                            let choice = event_target_value(&ev).parse::<usize>().ok();
                                            let t = choice.and_then(|c| options.with_untracked(|o| o.get(c).copied())).unwrap_or(Target::Ignore);
                                            targets.update(|ts| if let Some(x) = ts.get_mut(i) { *x = t });
                                        }
                                    >
                                        {move || options.get().into_iter().enumerate().map(|(j, t)| {
                                            let selected = targets.with_untracked(|ts| ts.get(i) == Some(&t));
                                            view! { <option value=j.to_string() selected=selected>{t.label()}</option> }
                                        }).collect_view()}
                                    </select>
                                </td>
                            </tr>
                        }
                    }).collect_view()}
                </tbody>
            </table>
        </section>
    }
}

/// Counts per class, a choice per class and the first rows of each class,
/// each with its own choice; invalid cells of a CSV file can be fixed here.
#[component]
fn PreviewStep(
    plan: Arc<Vec<PlannedRow>>,
    choices: RwSignal<Choices>,
    row_choices: RwSignal<HashMap<usize, Choice>>,
    apply_fixes: RwSignal<bool>,
    /// The CSV file's headers (`None` for vCard files, whose cells can't be fixed here).
    headers: Option<Vec<String>>,
    on_fix: Callback<(usize, usize, String)>,
) -> impl IntoView {
    let n = counts(&plan);
    let state = AppState::expect();
    let country = state.data.with_untracked(|d| d.settings().default_country.clone());
    let classes = ClassKind::ALL.into_iter().zip(n).filter(|(_, c)| *c > 0).map(|(kind, count)| {
        let rows: Vec<(usize, PlannedRow)> = plan
            .iter()
            .enumerate()
            .filter(|(_, r)| r.class.kind() == kind)
            .take(SHOWN_PER_CLASS)
            .map(|(i, r)| (i, r.clone()))
            .collect();
        let heading = format!("{}: {}", kind.label(), thousands(count));
        let select_label = format!("What to do with {}", kind.label().to_lowercase());
        let headers = headers.clone();
        view! {
            <section class="import-class" aria-label=kind.label()>
                <h3>{heading}</h3>
                <label>
                    {select_label.clone()} " "
                    <select
                        aria-label=select_label
                        prop:value=move || choices.get().get(kind).key()
                        on:change=move |ev| choices.update(|c| c.set(kind, Choice::from_key(&event_target_value(&ev))))
                    >
                        {kind.choices().iter().map(|c| view! {
                            <option value=c.key() selected=choices.get_untracked().get(kind) == *c>{c.label()}</option>
                        }).collect_view()}
                    </select>
                </label>
                <table class="import-rows">
                    <thead>
                        <tr>
                            <th scope="col">"Row"</th><th scope="col">"Name"</th><th scope="col">"Email"</th>
                            <th scope="col">"Details"</th><th scope="col">"This row"</th>
                        </tr>
                    </thead>
                    <tbody>
                        {rows.into_iter().map(|(i, r)| {
                            let d = &r.source.contact;
                            let name = format!("{} {}", d.given_name, d.family_name).trim().to_string();
                            let email = d.emails.first().map(|e| e.address.clone()).unwrap_or_default();
                            let row_label = format!("What to do with row {}", r.source.row);
                            let fixable = match (&r.class, &headers) {
                                (RowClass::Invalid { column: Some(c), .. }, Some(h)) => Some((*c, h.get(*c).cloned().unwrap_or_default())),
                                _ => None,
                            };
                            let row_number = r.source.row;
                            let fixes = suggest_contact(&d.clone().into_contact(String::new(), state.clock.now(), None), &country);
                            let fixes = (!fixes.is_empty()).then(|| {
                                let list: Vec<String> = fixes
                                    .iter()
                                    .map(|f| format!("{} \"{}\" → \"{}\"", field_label(&f.field), f.current, f.suggested))
                                    .collect();
                                format!("Suggested fixes: {}", list.join("; "))
                            });
                            view! {
                                <tr>
                                    <td>{row_number}</td>
                                    <td>{name}</td>
                                    <td>{email}</td>
                                    <td>
                                        <span>{details(&r.class)}</span>
                                        {fixes.map(|f| view! { <span class="row-fixes">" " {f}</span> })}
                                        {fixable.map(|(column, header)| view! { <CellFix row=i row_number column header on_fix /> })}
                                    </td>
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
                                            <option value="">"As for its group"</option>
                                            {kind.choices().iter().map(|c| view! { <option value=c.key()>{c.label()}</option> }).collect_view()}
                                        </select>
                                    </td>
                                </tr>
                            }
                        }).collect_view()}
                    </tbody>
                </table>
                {(count > SHOWN_PER_CLASS).then(|| view! { <p>{format!("and {} more", thousands(count - SHOWN_PER_CLASS))}</p> })}
            </section>
        }
    }).collect_view();
    view! {
        <section aria-labelledby="preview-heading" class="card">
            <h2 id="preview-heading">"Preview"</h2>
            <p>{format!("{} read. Nothing has been written yet.", count_of(plan.len(), "row", "rows"))}</p>
            <label class="check">
                <input type="checkbox" prop:checked=move || apply_fixes.get()
                    on:change=move |ev| apply_fixes.set(event_target_checked(&ev)) />
                "Apply suggested fixes (name capitals and spaces, email case, phone numbers in international form)"
            </label>
            <ul class="import-counts">
                {ClassKind::ALL.into_iter().zip(n).map(|(k, c)| view! { <li>{format!("{}: {}", k.label(), thousands(c))}</li> }).collect_view()}
            </ul>
            {classes}
        </section>
    }
}

/// What the preview says about a row beyond its name and email.
fn details(class: &RowClass) -> String {
    let state = AppState::expect();
    match class {
        RowClass::Create => "New contact".into(),
        RowClass::Update { id, diff } => {
            let name = state.data.with_untracked(|d| d.contact(id).map(|c| c.display_name()).unwrap_or_default());
            if diff.is_empty() {
                format!("Matches {name}; nothing new")
            } else {
                let changes: Vec<String> =
                    diff.iter().map(|f| format!("{}: \"{}\" → \"{}\"", f.field, f.before, f.after)).collect();
                format!("Updates {name}: {}", changes.join("; "))
            }
        }
        RowClass::Duplicate(DuplicateOf::Existing { id, score }) => {
            let name = state.data.with_untracked(|d| d.contact(id).map(|c| c.display_name()).unwrap_or_default());
            format!("Probable duplicate of {name} ({:.0}% alike)", score * 100.0)
        }
        RowClass::Duplicate(DuplicateOf::Row(row)) => format!("Probable duplicate of row {row} of the file"),
        RowClass::Invalid { reason, .. } => format!("Invalid: {reason}"),
    }
}
