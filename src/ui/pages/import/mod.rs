//! The import wizard: choose a CSV or vCard file, map its columns, preview
//! every row (create, update, duplicate, invalid) and import it as one
//! undoable transaction. Nothing is written before the last step.
//!
//! One small component per step: [`FileStep`], [`MappingStep`] and
//! [`PreviewStep`] for contacts, [`RecordImport`] (its own mapping and
//! preview) for companies and deals, and the import history. The wizard's
//! state and actions are in [`wizard`].

mod file_step;
mod mapping_step;
mod preview_step;
mod reason_choices;
mod records;
mod wizard;

use leptos::prelude::*;

use crate::core::history::HistoryKind;
use crate::state::{AppState, SharedDedupeIndex};
use crate::ui::components::undo_history::{UndoHistory, UndoTexts};
use crate::ui::text::{t, tf};
use file_step::FileStep;
use mapping_step::MappingStep;
use preview_step::PreviewStep;
use records::{RecordImport, RecordKind};
use wizard::{FileRows, Step, Wizard};

fn history() -> UndoTexts {
    UndoTexts {
        heading: t("import.history.heading"),
        heading_id: "import-history-heading",
        empty: t("import.history.empty"),
        done: t("import.history.done"),
        already: t("import.history.already"),
        button: undo_name,
        dated: true,
        class: "card",
        list_class: "import-history",
    }
}

fn undo_name(label: &str) -> String {
    tf("import.history.undo", &[("label", label)])
}

#[component]
pub fn ImportPage() -> impl IntoView {
    let state = AppState::expect();
    let w = Wizard::new();
    let check = w.check_action(state, SharedDedupeIndex::expect());
    let read = w.read_action(state, check);
    let import = w.import_action(state);
    let is_busy = Signal::derive(move || w.is_working() || import.pending().get());
    let (step, plan, file) = (w.step, w.plan, w.file);
    view! {
        <h1>
            {move || match w.holds.get() {
                None => t("import.heading.contacts"),
                Some(RecordKind::Companies) => t("import.heading.companies"),
                Some(RecordKind::Deals) => t("import.heading.deals"),
            }}
        </h1>
        <FileStep wizard=w read is_busy />
        <Show when=move || step.get() == Step::Mapping>
            <MappingStep headers=w.headers samples=w.samples targets=w.targets date_order=w.date_order
                dates_undecided=Signal::derive(move || { w.targets.track(); w.dates_undecided() }) />
            <div class="form-actions">
                <button type="button" class="primary" on:click=move |_| { check.dispatch(()); }>{t("import.preview")}</button>
                <button type="button" on:click=move |_| w.reset()>{t("import.cancel")}</button>
            </div>
        </Show>
        {move || (step.get() == Step::Preview).then(|| plan.get()).flatten().map(|p| view! {
            <PreviewStep plan=p choices=w.choices row_choices=w.row_choices apply_fixes=w.apply_fixes headers=w.csv_headers() targets=w.targets.get_untracked()
                on_fix=Callback::new(move |(i, c, v): (usize, usize, String)| w.fix(state, i, c, v)) />
            <div class="form-actions">
                <button type="button" class="primary" on:click=move |_| { import.dispatch(()); } disabled=move || import.pending().get()>
                    {move || if import.pending().get() { t("import.importing") } else { t("import.import") }}
                </button>
                {move || file.with_value(|f| matches!(f.as_deref(), Some(FileRows::Csv { .. }))).then(|| view! {
                    <button type="button" on:click=move |_| step.set(Step::Mapping)>{t("import.back_to_mapping")}</button>
                })}
                <button type="button" on:click=move |_| w.reset()>{t("import.cancel")}</button>
            </div>
        })}
        {move || (step.get() == Step::Records).then(|| w.records.get()).flatten().map(|(k, headers, rows)| view! {
            <RecordImport kind=k file_name=w.file_name.get_untracked() headers rows on_close=Callback::new(move |()| w.reset()) />
        })}
        <UndoHistory kind=HistoryKind::Import texts=history() />
    }
}
