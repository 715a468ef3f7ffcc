//! The preview of a checked backup: what the file holds, what importing it
//! would add, update or remove (replace all, or merge with the newer record
//! winning), the Import button, and the write's progress.
//!
//! The preview keeps no handle on the checked backup once it is drawn (the
//! plan reads it from the `backup` signal), so a replace import takes the
//! file's records into the store without copying them.

use std::sync::Arc;

use leptos::prelude::*;

use crate::core::backup::{plan_import, Backup, BackupWarning, ImportMode, KindPlan};
use crate::core::text::excerpt;
use crate::state::commands::local_action;
use crate::state::{commands, yield_to_browser, AppState};
use crate::ui::format::{thousands, zoned_minute};
use crate::ui::text::{t, tf, tn};

use super::progress::Phase;

/// "adds 3 contacts, updates 2, leaves 5 as stored"; `count` is the
/// catalogue key of the kind's count ("common.contacts").
fn describe(plan: KindPlan, count: &str) -> String {
    let mut parts = vec![tf("backup.preview.adds", &[("count", &tn(count, plan.added))])];
    if plan.updated > 0 {
        parts.push(tf("backup.preview.updates", &[("n", &thousands(plan.updated))]));
    }
    if plan.unchanged > 0 {
        parts.push(tf("backup.preview.leaves", &[("n", &thousands(plan.unchanged))]));
    }
    if plan.removed > 0 {
        parts.push(tf("backup.preview.removes", &[("n", &thousands(plan.removed))]));
    }
    parts.join(", ")
}

/// `backup` (set to `None` when imported or cancelled) is the checked file
/// `b`, named `file_name`; the write reports to `phase`.
#[component]
pub fn ImportPreview(
    backup: RwSignal<Option<Arc<Backup>>>,
    b: Arc<Backup>,
    file_name: RwSignal<String>,
    phase: RwSignal<Phase>,
) -> impl IntoView {
    let state = AppState::expect();
    let mode = RwSignal::new(ImportMode::Replace);
    let import = local_action(move |_: &()| async move {
        // Taken out of the signal without telling the preview (it stays on
        // screen), so the import owns the only handle and copies nothing.
        let Some(b) = backup.try_update_untracked(Option::take).flatten() else { return };
        let how = mode.get_untracked();
        phase.set(Phase::Writing(0.0));
        yield_to_browser().await;
        let progress = move |done: usize, total: usize| phase.set(Phase::Writing(done as f64 / total.max(1) as f64));
        match commands::import_backup(state, b, how, &file_name.get_untracked(), &progress).await {
            Ok(()) => backup.set(None),
            // Nothing was written: the preview stays as it is, to try again.
            Err(b) => backup.update_untracked(|kept| *kept = Some(b)),
        }
        phase.set(Phase::Idle);
    });
    let plan = move || backup.with(|b| b.as_ref().map(|b| state.data.with(|d| plan_import(d, b, mode.get()))));
    let exported = b.exported_at.map(zoned_minute).unwrap_or_else(|| t("backup.preview.unknown").into());
    view! {
        <section aria-labelledby="preview-heading" class="preview">
            <h3 id="preview-heading">{t("backup.preview.title")}</h3>
            <p>{tf(
                "backup.preview.holds",
                &[
                    ("file", &excerpt(&file_name.get_untracked())),
                    ("contacts", &tn("common.contacts", b.data.contacts().len())),
                    ("companies", &tn("common.companies", b.data.companies().len())),
                    ("deals", &tn("common.deals", b.data.deals().len())),
                    ("activities", &tn("common.activities", b.data.activities().len())),
                    ("tasks", &tn("common.tasks", b.data.tasks().len())),
                    ("exported", &exported),
                    ("version", &b.app_version.as_deref().map(excerpt).unwrap_or_else(|| t("backup.preview.unknown").into())),
                ],
            )}</p>
            {(!b.warnings.is_empty()).then(|| view! {
                <ul class="warnings">{b.warnings.iter().map(|w| view! { <li>{warning_text(*w)}</li> }).collect_view()}</ul>
            })}
            <fieldset>
                <legend>{t("backup.preview.how")}</legend>
                <label class="radio">
                    <input type="radio" name="import-mode" value="replace"
                        prop:checked=move || mode.get() == ImportMode::Replace
                        on:change=move |_| mode.set(ImportMode::Replace) />
                    {t("backup.preview.replace")}
                </label>
                <label class="radio">
                    <input type="radio" name="import-mode" value="merge"
                        prop:checked=move || mode.get() == ImportMode::Merge
                        on:change=move |_| mode.set(ImportMode::Merge) />
                    {t("backup.preview.merge")}
                </label>
            </fieldset>
            {move || plan().map(|p| {
                view! {
                    <ul class="plan">
                        <li>{tf("backup.preview.contacts", &[("plan", &describe(p.contacts, "common.contacts"))])}</li>
                        <li>{tf("backup.preview.companies", &[("plan", &describe(p.companies, "common.companies"))])}</li>
                        <li>{tf("backup.preview.deals", &[("plan", &describe(p.deals, "common.deals"))])}</li>
                        <li>{tf("backup.preview.activities", &[("plan", &describe(p.activities, "common.activities"))])}</li>
                        <li>{tf("backup.preview.tasks", &[("plan", &describe(p.tasks, "common.tasks"))])}</li>
                        <li>{match (p.settings.updated, p.settings.unchanged) {
                            (1, _) => t("backup.preview.settings_replaced"),
                            (_, 1) => t("backup.preview.settings_kept"),
                            _ => t("backup.preview.settings_none"),
                        }}</li>
                    </ul>
                }
            })}
            <div class="form-actions">
                <button type="button" class="primary" on:click=move |_| { import.dispatch(()); } disabled=move || import.pending().get()>
                    {move || if import.pending().get() { t("backup.preview.importing") } else { t("backup.preview.import") }}
                </button>
                <button type="button" on:click=move |_| backup.set(None) disabled=move || import.pending().get()>{t("backup.preview.cancel")}</button>
            </div>
        </section>
    }
}

/// A backup's warning in the person's language.
fn warning_text(w: BackupWarning) -> String {
    match w {
        BackupWarning::UnknownCompanies(n) => tn("backup.warning.unknown_companies", n),
        BackupWarning::UnknownLinks(n) => tn("backup.warning.unknown_links", n),
    }
}
