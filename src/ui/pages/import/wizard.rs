//! The state of the contacts import wizard, and what its steps do: read the
//! file, check every row, fix a cell, import. Nothing is written before the
//! import itself, which is one undoable transaction.
//!
//! Large files are read and checked in slices, yielding to the browser in
//! between, so the progress bar moves and Cancel works. The mapping chosen
//! for a list of headers is remembered (`state::prefs`) and offered again.

use std::collections::HashMap;
use std::sync::Arc;

use leptos::prelude::*;
use wasm_bindgen_futures::JsFuture;

use super::preview_step::details;
use super::records::RecordKind;
use crate::core::dedupe::{DedupeIndex, DedupeSettings};
use crate::core::import::contacts_map::{auto_map, Mapping, Target};
use crate::core::import::contacts_plan::{build_changes_tidied, PlannedRow, Planner, SourceRow};
use crate::core::import::contacts_rows::{map_row, MapOptions};
use crate::core::import::csv::{CsvOptions, CsvReader, Row};
use crate::core::import::plan::{fixed_cells, CellFixes, Choice, Choices};
use crate::core::import::values::{guess_date_order, has_ambiguous_dates, DateOrder};
use crate::core::import::vcard::{parse_vcard_bytes, VcardContact};
use crate::state::commands::local_action;
use crate::state::{commands, new_id, prefs, yield_to_browser, AppState, NoticeKind, SharedDedupeIndex};
use crate::ui::format::locale;
use crate::ui::text::{t, tf};

/// Rows read or checked between two yields to the browser.
const SLICE: usize = 5_000;

/// The file's name and bytes, or why it could not be read.
async fn read_bytes(input: &web_sys::HtmlInputElement) -> Option<(String, Result<Vec<u8>, String>)> {
    let file = input.files()?.get(0)?;
    let name = file.name();
    let bytes = JsFuture::from(file.array_buffer())
        .await
        .map(|b| js_sys::Uint8Array::new(&b).to_vec())
        .map_err(|_| t("import.error.unreadable").to_string());
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

/// The rows of the chosen file.
pub enum FileRows {
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
    /// The column targets with the file's headers (which name the columns in
    /// the imported extras); `None` for a vCard.
    fn mapping(&self, targets: &[Target]) -> Option<Mapping> {
        match self {
            FileRows::Csv { headers, .. } => Some(Mapping::new(headers.clone(), targets.to_vec())),
            FileRows::Vcard(_) => None,
        }
    }

    /// Row `i` as a contact; CSV rows go through `mapping` (from
    /// [`FileRows::mapping`]), with the cells the user fixed in the preview
    /// (by row index and column). Cards are numbered by their place in the file.
    fn source(&self, i: usize, mapping: Option<&Mapping>, options: &MapOptions, fixes: &CellFixes) -> SourceRow {
        match (self, mapping) {
            (FileRows::Csv { rows, .. }, Some(mapping)) => {
                let r = &rows[i];
                let fields = fixed_cells(&r.fields, i, fixes);
                let m = map_row(&fields, mapping, options);
                SourceRow { row: r.row, contact: m.contact, company_name: m.company_name, notes: m.notes }
            }
            (FileRows::Csv { rows, .. }, None) => {
                SourceRow { row: rows[i].row, contact: Default::default(), company_name: None, notes: Vec::new() }
            }
            (FileRows::Vcard(cards), _) => {
                let c = &cards[i];
                SourceRow {
                    row: c.card,
                    contact: c.contact.clone(),
                    company_name: c.org.clone(),
                    notes: c.problems.clone(),
                }
            }
        }
    }
}

/// What checking the rows used, kept to classify a fixed row again.
pub struct CheckContext {
    options: MapOptions,
    index: Arc<DedupeIndex>,
    probable: f64,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Step {
    Choose,
    Reading,
    Mapping,
    Checking,
    Preview,
    /// A companies or deals file: its own mapping and preview.
    Records,
}

/// A companies or deals file: what it holds, its headers and rows.
pub type RecordsFile = (RecordKind, Vec<String>, Arc<Vec<Row>>);

/// The wizard's state: which step shows, the file, the mapping, the plan and
/// the choices. Cheap to copy.
#[derive(Clone, Copy)]
pub struct Wizard {
    pub step: RwSignal<Step>,
    pub progress: RwSignal<f64>,
    pub cancel: StoredValue<bool>,
    pub file_name: RwSignal<String>,
    pub file: StoredValue<Option<Arc<FileRows>>>,
    pub headers: RwSignal<Vec<String>>,
    pub samples: RwSignal<Vec<Vec<String>>>,
    pub targets: RwSignal<Vec<Target>>,
    pub plan: RwSignal<Option<Arc<Vec<PlannedRow>>>>,
    pub choices: RwSignal<Choices>,
    /// Choices made for single rows (by row index), applied when importing.
    pub row_choices: RwSignal<HashMap<usize, Choice>>,
    /// "Apply suggested fixes": names, email case, phones in international form.
    pub apply_fixes: RwSignal<bool>,
    pub fixes: StoredValue<CellFixes>,
    /// The order of day and month the person chose for dates such as
    /// 3/2/1984 (`None`: as the file settles it, if it does).
    pub date_order: RwSignal<Option<DateOrder>>,
    pub context: StoredValue<Option<Arc<CheckContext>>>,
    /// What the file holds: contacts (`None`), companies or deals.
    pub holds: RwSignal<Option<RecordKind>>,
    pub records: RwSignal<Option<RecordsFile>>,
    pub input_ref: NodeRef<leptos::html::Input>,
}

impl Wizard {
    pub fn new() -> Wizard {
        Wizard {
            step: RwSignal::new(Step::Choose),
            progress: RwSignal::new(0.0),
            cancel: StoredValue::new(false),
            file_name: RwSignal::new(String::new()),
            file: StoredValue::new(None),
            headers: RwSignal::new(Vec::new()),
            samples: RwSignal::new(Vec::new()),
            targets: RwSignal::new(Vec::new()),
            plan: RwSignal::new(None),
            choices: RwSignal::new(Choices::default()),
            row_choices: RwSignal::new(HashMap::new()),
            apply_fixes: RwSignal::new(true),
            fixes: StoredValue::new(CellFixes::new()),
            date_order: RwSignal::new(None),
            context: StoredValue::new(None),
            holds: RwSignal::new(None),
            records: RwSignal::new(None),
            input_ref: NodeRef::new(),
        }
    }

    /// Back to choosing a file, forgetting everything about the last one.
    pub fn reset(self) {
        self.step.set(Step::Choose);
        self.file.set_value(None);
        self.plan.set(None);
        self.headers.set(Vec::new());
        self.choices.set(Choices::default());
        self.row_choices.set(HashMap::new());
        self.fixes.set_value(CellFixes::new());
        self.date_order.set(None);
        self.context.set_value(None);
        self.records.set(None);
        if let Some(input) = self.input_ref.get_untracked() {
            input.set_value("");
        }
    }

    fn fail(self, state: AppState, msg: String) {
        self.reset();
        state.notify(NoticeKind::Error, tf("import.error.nothing_imported", &[("reason", &msg)]));
    }

    /// Whether a file is being read or checked (or the import written).
    pub fn is_working(self) -> bool {
        matches!(self.step.get(), Step::Reading | Step::Checking)
    }

    /// The CSV file's headers (`None` for a vCard file, whose cells cannot
    /// be fixed in the preview).
    pub fn csv_headers(self) -> Option<Vec<String>> {
        self.file.with_value(|f| match f.as_deref() {
            Some(FileRows::Csv { headers, .. }) => Some(headers.clone()),
            _ => None,
        })
    }

    /// Runs `f` over the cells of every date column (birthday, anniversary,
    /// events) of the first 1,000 rows of a CSV file; every date column tells
    /// the file's date order, not only the birthday. `None` for a vCard file.
    pub fn date_cells<R>(self, f: impl FnOnce(&mut dyn Iterator<Item = &String>) -> Option<R>) -> Option<R> {
        let targets = self.targets.get_untracked();
        let dates: Vec<usize> = (0..targets.len())
            .filter(|&i| matches!(targets[i], Target::Birthday | Target::Anniversary | Target::Event { .. }))
            .collect();
        self.file.with_value(|file| match file.as_deref() {
            Some(FileRows::Csv { rows, .. }) => {
                f(&mut rows.iter().take(1_000).flat_map(|r| dates.iter().filter_map(|&i| r.fields.get(i))))
            }
            _ => None,
        })
    }

    /// Whether the file has dates such as 3/2/1984 that nothing in it
    /// settles, so the mapping page asks for the order.
    pub fn dates_undecided(self) -> bool {
        self.date_cells(|cells| {
            let cells: Vec<&String> = cells.collect();
            Some(guess_date_order(cells.iter()).is_none() && has_ambiguous_dates(cells.iter()))
        })
        .unwrap_or(false)
    }

    /// Maps and classifies every row (in slices, with progress and Cancel),
    /// then shows the preview.
    pub fn check_action(self, state: AppState, shared: SharedDedupeIndex) -> Action<(), ()> {
        let w = self;
        local_action(move |_: &()| async move {
            let Some(f) = w.file.get_value() else { return };
            let back = if matches!(*f, FileRows::Csv { .. }) { Step::Mapping } else { Step::Choose };
            w.step.set(Step::Checking);
            w.progress.set(0.0);
            w.cancel.set_value(false);
            let targets = w.targets.get_untracked();
            if let FileRows::Csv { headers, .. } = &*f {
                prefs::save_mapping(headers, &targets);
            }
            let data = state.data.get_untracked();
            let country = data.settings().default_country.clone();
            // The person's choice, else what the file's date columns settle.
            let date_order = w.date_order.get_untracked().or_else(|| w.date_cells(|cells| guess_date_order(cells)));
            let options = MapOptions { default_country: country.clone(), date_order, today: Some(state.clock.today()) };
            let mapping = f.mapping(&targets);
            let settings = DedupeSettings::for_app(data.settings());
            yield_to_browser().await;
            let index = shared.get();
            let mut planner = Planner::new(&data, &index, settings.threshold_probable, state.clock.now());
            let all_fixes = w.fixes.get_value();
            let total = f.len();
            let mut out = Vec::with_capacity(total);
            let mut start = 0;
            while start < total {
                if w.cancel.get_value() {
                    w.step.set(back);
                    return;
                }
                let end = (start + SLICE).min(total);
                out.extend((start..end).map(|i| planner.plan(f.source(i, mapping.as_ref(), &options, &all_fixes))));
                start = end;
                w.progress.set(start as f64 / total as f64);
                yield_to_browser().await;
            }
            drop(planner);
            w.context.set_value(Some(Arc::new(CheckContext { options, index, probable: settings.threshold_probable })));
            w.row_choices.set(HashMap::new());
            w.plan.set(Some(Arc::new(out)));
            w.step.set(Step::Preview);
        })
    }

    /// A cell fixed in the preview: the row is mapped and classified again,
    /// as the row after the ones before it.
    pub fn fix(self, state: AppState, i: usize, column: usize, value: String) {
        let w = self;
        let (Some(f), Some(ctx)) = (w.file.get_value(), w.context.get_value()) else { return };
        w.fixes.update_value(|x| {
            x.insert((i, column), value);
        });
        let mapping = f.mapping(&w.targets.get_untracked());
        let source = w.fixes.with_value(|x| f.source(i, mapping.as_ref(), &ctx.options, x));
        let row_number = source.row;
        let mut class = None;
        state.data.with_untracked(|d| {
            w.plan.update(|p| {
                if let Some(rows) = p.as_mut().map(Arc::make_mut) {
                    let mut planner = Planner::new(d, &ctx.index, ctx.probable, state.clock.now());
                    rows[i] = planner.replan(&rows[..i], source);
                    class = Some(rows[i].class.clone());
                }
            })
        });
        w.row_choices.update(|c| {
            c.remove(&i);
        });
        if let Some(class) = class {
            let said = tf("import.checked_again", &[("row", &row_number.to_string()), ("details", &details(&class))]);
            state.notify(NoticeKind::Success, said);
        }
    }

    /// Reads the chosen file (in slices, with progress and Cancel): a vCard
    /// file goes straight to checking, a CSV file to the mapping step (or to
    /// the companies or deals import).
    pub fn read_action(self, state: AppState, check: Action<(), ()>) -> Action<web_sys::HtmlInputElement, ()> {
        let w = self;
        local_action(move |input: &web_sys::HtmlInputElement| {
            let input = input.clone();
            async move {
                w.plan.set(None);
                let Some((name, bytes)) = read_bytes(&input).await else { return };
                w.file_name.set(name.clone());
                w.step.set(Step::Reading);
                w.progress.set(0.0);
                w.cancel.set_value(false);
                state.notice.set(None);
                let bytes = match bytes {
                    Ok(b) => b,
                    Err(e) => return w.fail(state, e),
                };
                if bytes.iter().all(u8::is_ascii_whitespace) {
                    return w.fail(state, t("import.error.empty").into());
                }
                yield_to_browser().await;
                if looks_like_vcard(&name, &bytes) {
                    if w.holds.get_untracked().is_some() {
                        return w.fail(state, t("import.error.vcard_holds_contacts").into());
                    }
                    match parse_vcard_bytes(&bytes) {
                        Ok(cards) if !cards.is_empty() => {
                            w.file.set_value(Some(Arc::new(FileRows::Vcard(cards))));
                            check.dispatch(());
                        }
                        Ok(_) => w.fail(state, t("import.error.no_cards").into()),
                        Err(e) => w.fail(state, e.message(locale())),
                    }
                    return;
                }
                let mut reader = match CsvReader::from_bytes(&bytes, &CsvOptions::default()) {
                    Ok(r) => r,
                    Err(e) => return w.fail(state, e.message(locale())),
                };
                drop(bytes);
                let mut rows = Vec::new();
                while !reader.is_done() {
                    if w.cancel.get_value() {
                        w.reset();
                        state.notify(NoticeKind::Success, t("import.cancelled"));
                        return;
                    }
                    match reader.next_rows(SLICE) {
                        Ok(r) if r.is_empty() => break,
                        Ok(mut r) => rows.append(&mut r),
                        Err(e) => return w.fail(state, e.message(locale())),
                    }
                    w.progress.set(reader.progress());
                    yield_to_browser().await;
                }
                if rows.is_empty() {
                    return w.fail(state, t("import.error.no_data_rows").into());
                }
                let names = reader.headers().to_vec();
                if let Some(k) = w.holds.get_untracked() {
                    w.records.set(Some((k, names, Arc::new(rows))));
                    w.step.set(Step::Records);
                    return;
                }
                w.targets.set(prefs::saved_mapping(&names).unwrap_or_else(|| auto_map(&names)));
                let shown: Vec<Vec<String>> = (0..names.len())
                    .map(|c| {
                        rows.iter()
                            .filter_map(|r| r.fields.get(c).filter(|v| !v.trim().is_empty()).cloned())
                            .take(3)
                            .collect()
                    })
                    .collect();
                w.samples.set(shown);
                w.headers.set(names.clone());
                w.file.set_value(Some(Arc::new(FileRows::Csv { headers: names, rows })));
                w.step.set(Step::Mapping);
            }
        })
    }

    /// Writes the import as one undoable transaction with the choices made.
    pub fn import_action(self, state: AppState) -> Action<(), ()> {
        let w = self;
        local_action(move |_: &()| async move {
            let Some(mut p) = w.plan.get_untracked() else { return };
            let chosen = w.choices.get_untracked();
            let per_row = w.row_choices.get_untracked();
            if !per_row.is_empty() {
                let rows = Arc::make_mut(&mut p);
                for (&i, &c) in &per_row {
                    if let Some(r) = rows.get_mut(i) {
                        r.choice = Some(c);
                    }
                }
            }
            yield_to_browser().await;
            let tidy = w.apply_fixes.get_untracked();
            let (changes, n) = state.data.with_untracked(|d| {
                let country = d.settings().default_country.clone();
                build_changes_tidied(d, &p, &chosen, state.clock.now(), new_id, tidy.then_some(country.as_str()))
            });
            let name = w.file_name.get_untracked();
            if commands::import(state, changes, n, "common.contacts", &name).await {
                w.reset();
            }
        })
    }
}
