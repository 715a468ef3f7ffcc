//! Export and import of JSON backups. An import is checked completely and
//! previewed before anything is written; the write is one transaction.
//!
//! The file is read a window at a time (`storage::backup_file`): its bytes
//! stay in JavaScript memory, the records are checked as they come, and the
//! payload's SHA-256 is computed by WebCrypto meanwhile. A progress bar shows
//! the phase and how far it is, and the page gets a turn between steps.

use std::sync::Arc;

use leptos::prelude::*;
use leptos_router::components::A;

use crate::core::backup::{export_backup, plan_import, Backup, BackupError, ImportMode, KindPlan};
use crate::state::commands::local_action;
use crate::state::{commands, take_turn, yield_to_browser, AppState, Clock, NoticeKind};
use crate::storage::backup_file::BackupFile;
use crate::ui::download::download;
use crate::ui::format::{count_of, thousands};
use crate::ui::paths::link;
use crate::APP_VERSION;

/// What the import is doing, for its progress bar.
#[derive(Clone, Copy, Debug, PartialEq)]
enum Phase {
    Idle,
    Reading,
    /// How much of the file is checked, 0 to 1.
    Checking(f64),
    /// How much of the data is written, 0 to 1.
    Writing(f64),
}

impl Phase {
    fn text(self) -> String {
        let pct = |share: f64| (share * 100.0).floor().clamp(0.0, 100.0);
        match self {
            Phase::Idle => String::new(),
            Phase::Reading => "Reading the file…".into(),
            Phase::Checking(share) => format!("Checking the file… {} %", pct(share)),
            Phase::Writing(share) => format!("Writing… {} %", pct(share)),
        }
    }

    fn share(self) -> Option<f64> {
        match self {
            Phase::Checking(share) | Phase::Writing(share) => Some(share),
            Phase::Idle | Phase::Reading => None,
        }
    }
}

/// Reads and checks a backup file (see `core::backup`), in steps of about
/// 40 ms with the browser getting a turn in between.
async fn check_file(file: &web_sys::File, clock: Clock, phase: RwSignal<Phase>) -> Result<Backup, String> {
    let mut reading = BackupFile::open(file, clock.today()).await?;
    while !reading.step(40.0) {
        phase.set(Phase::Checking(reading.progress()));
        take_turn().await;
    }
    phase.set(Phase::Checking(1.0));
    reading.finish().await.map_err(|e: BackupError| e.to_string())
}

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

#[component]
pub fn BackupPage() -> impl IntoView {
    let state = AppState::expect();
    let backup = RwSignal::new(None::<Arc<Backup>>);
    let file_name = RwSignal::new(String::new());
    let mode = RwSignal::new(ImportMode::Replace);

    let export = move |_| {
        let text = state.data.with_untracked(|d| export_backup(d, APP_VERSION, state.clock.now()));
        let name = format!("crm-backup-{}.json", state.clock.today().format("%Y-%m-%d"));
        match download(&name, "application/json", &text) {
            Ok(()) => state.notify(NoticeKind::Success, format!("Exported {name}")),
            Err(e) => state.notify(NoticeKind::Error, format!("The backup could not be downloaded: {e}")),
        }
    };

    let phase = RwSignal::new(Phase::Idle);

    let check = local_action(move |input: &web_sys::HtmlInputElement| {
        let input = input.clone();
        async move {
            backup.set(None);
            let Some(file) = input.files().and_then(|f| f.get(0)) else { return };
            file_name.set(file.name());
            phase.set(Phase::Reading);
            yield_to_browser().await;
            let checked = check_file(&file, state.clock, phase).await;
            phase.set(Phase::Idle);
            match checked {
                Ok(b) => {
                    state.notice.set(None);
                    backup.set(Some(Arc::new(b)));
                }
                Err(e) => state.notify(NoticeKind::Error, e),
            }
        }
    });

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
            // Nothing was written: the preview stays, to try again.
            Err(b) => backup.set(Some(b)),
        }
        phase.set(Phase::Idle);
    });

    let plan = move || backup.with(|b| b.as_ref().map(|b| state.data.with(|d| plan_import(d, b, mode.get()))));

    view! {
        <h1>"Backup"</h1>
        <section aria-labelledby="export-heading" class="card">
            <h2 id="export-heading">"Export"</h2>
            <p>
                {move || state.data.with(|d| format!(
                    "Download everything ({}, {}, {}, {}, {} and the settings) as one JSON file. Keep it somewhere safe: this browser is the only other copy.",
                    count_of(d.contacts().len(), "contact", "contacts"),
                    count_of(d.companies().len(), "company", "companies"),
                    count_of(d.deals().len(), "deal", "deals"),
                    count_of(d.activities().len(), "activity", "activities"),
                    count_of(d.tasks().len(), "task", "tasks"),
                ))}
            </p>
            <button type="button" on:click=export>"Export backup"</button>
        </section>
        <section aria-labelledby="import-heading" class="card">
            <h2 id="import-heading">"Import"</h2>
            <p>"The file is checked completely and previewed before anything is written. If anything is wrong, nothing changes."</p>
            <p>"Contacts from another app (CSV or vCard) go through the " <A href=link("/import")>"contact import"</A> "."</p>
            <div class="field">
                <label for="backup-file">"Choose backup file"</label>
                <input
                    id="backup-file"
                    type="file"
                    accept=".json,application/json"
                    on:change=move |ev| {
                        let input: web_sys::HtmlInputElement = event_target(&ev);
                        check.dispatch(input.clone());
                        }
                />
            </div>
            <Show when=move || phase.get() != Phase::Idle>
                <div class="import-progress">
                    <p id="backup-progress-text" class="progress" aria-live="polite">{move || phase.get().text()}</p>
                    {move || match phase.get().share() {
                        Some(share) => view! {
                            <progress aria-labelledby="backup-progress-text" max="100" value=(share * 100.0).round()></progress>
                        }.into_any(),
                        None => view! { <progress aria-labelledby="backup-progress-text"></progress> }.into_any(),
                    }}
                </div>
            </Show>
            {move || backup.get().map(|b| {
                let exported = b.exported_at.map(|t| t.format("%Y-%m-%d %H:%M UTC").to_string()).unwrap_or_else(|| "unknown".into());
                view! {
                    <section aria-labelledby="preview-heading" class="preview">
                        <h3 id="preview-heading">"Import preview"</h3>
                        <p>{format!(
                            "{}: {}, {}, {}, {} and {}, exported {} by app version {}.",
                            file_name.get_untracked(),
                            count_of(b.data.contacts().len(), "contact", "contacts"),
                            count_of(b.data.companies().len(), "company", "companies"),
                            count_of(b.data.deals().len(), "deal", "deals"),
                            count_of(b.data.activities().len(), "activity", "activities"),
                            count_of(b.data.tasks().len(), "task", "tasks"),
                            exported,
                            b.app_version.clone().unwrap_or_else(|| "unknown".into()),
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
                        {move || plan().map(|p| view! {
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
                        })}
                        <div class="form-actions">
                            <button type="button" class="primary" on:click=move |_| { import.dispatch(()); } disabled=move || import.pending().get()>
                                {move || if import.pending().get() { "Importing…" } else { "Import" }}
                            </button>
                            <button type="button" on:click=move |_| backup.set(None)>"Cancel import"</button>
                        </div>
                    </section>
                }
            })}
        </section>
    }
}
