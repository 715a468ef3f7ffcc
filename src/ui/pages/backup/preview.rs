//! The preview of a checked backup: what the file holds, what importing it
//! would add, update or remove (replace all, or merge with the newer record
//! winning), the Import button, and the write's progress.
//!
//! The preview keeps no handle on the checked backup once it is drawn (the
//! plan reads it from the `backup` signal), so a replace import takes the
//! file's records into the store without copying them.

use std::sync::Arc;

use leptos::prelude::*;

use crate::core::backup::{plan_import, Backup, ImportMode, KindPlan};
use crate::core::text::excerpt;
use crate::state::commands::local_action;
use crate::state::{commands, yield_to_browser, AppState};
use crate::ui::format::{count_of, thousands, zoned_minute};

use super::progress::Phase;

fn describe(plan: KindPlan, one: &str, many: &str) -> String {
    let mut parts = vec![format!("adds {}", count_of(plan.added, one, many))];
    if plan.updated > 0 {
        parts.push(format!("updates {}", thousands(plan.updated)));
    }
    if plan.unchanged > 0 {
        parts.push(format!("leaves {} as stored", thousands(plan.unchanged)));
    }
    if plan.removed > 0 {
        parts.push(format!("removes {} not in the file", thousands(plan.removed)));
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
    let exported = b.exported_at.map(zoned_minute).unwrap_or_else(|| "unknown".into());
    view! {
        <section aria-labelledby="preview-heading" class="preview">
            <h3 id="preview-heading">"Import preview"</h3>
            <p>{format!(
                "{}: {}, {}, {}, {} and {}, exported {} by app version {}.",
                excerpt(&file_name.get_untracked()),
                count_of(b.data.contacts().len(), "contact", "contacts"),
                count_of(b.data.companies().len(), "company", "companies"),
                count_of(b.data.deals().len(), "deal", "deals"),
                count_of(b.data.activities().len(), "activity", "activities"),
                count_of(b.data.tasks().len(), "task", "tasks"),
                exported,
                b.app_version.as_deref().map(excerpt).unwrap_or_else(|| "unknown".into()),
            )}</p>
            {(!b.warnings.is_empty()).then(|| view! {
                <ul class="warnings">{b.warnings.iter().map(|w| view! { <li>{w.clone()}</li> }).collect_view()}</ul>
            })}
            <fieldset>
                <legend>"How to import"</legend>
                <label class="radio">
                    <input type="radio" name="import-mode" value="replace"
                        prop:checked=move || mode.get() == ImportMode::Replace
                        on:change=move |_| mode.set(ImportMode::Replace) />
                    "Replace all data"
                </label>
                <label class="radio">
                    <input type="radio" name="import-mode" value="merge"
                        prop:checked=move || mode.get() == ImportMode::Merge
                        on:change=move |_| mode.set(ImportMode::Merge) />
                    "Merge (newer wins)"
                </label>
            </fieldset>
            {move || plan().map(|p| {
                view! {
                    <ul class="plan">
                        <li>{format!("Contacts: {}.", describe(p.contacts, "contact", "contacts"))}</li>
                        <li>{format!("Companies: {}.", describe(p.companies, "company", "companies"))}</li>
                        <li>{format!("Deals: {}.", describe(p.deals, "deal", "deals"))}</li>
                        <li>{format!("Activities: {}.", describe(p.activities, "activity", "activities"))}</li>
                        <li>{format!("Tasks: {}.", describe(p.tasks, "task", "tasks"))}</li>
                        <li>{match (p.settings.updated, p.settings.unchanged) {
                            (1, _) => "Settings: replaced by the file's.",
                            (_, 1) => "Settings: kept as stored.",
                            _ => "Settings: the file has none; kept as stored.",
                        }}</li>
                    </ul>
                }
            })}
            <div class="form-actions">
                <button type="button" class="primary" on:click=move |_| { import.dispatch(()); } disabled=move || import.pending().get()>
                    {move || if import.pending().get() { "Importing…" } else { "Import" }}
                </button>
                <button type="button" on:click=move |_| backup.set(None) disabled=move || import.pending().get()>"Cancel import"</button>
            </div>
        </section>
    }
}
