//! Export and import of JSON backups. An import is checked completely and
//! previewed before anything is written; the write is one transaction.
//!
//! The file is read as bytes (copying bytes into wasm is much cheaper than
//! encoding a 50 MB JS string), and the payload's SHA-256 is computed by
//! WebCrypto, several times faster than in wasm; core's own SHA-256 is the
//! fallback where WebCrypto is missing (pages not served securely).

use std::sync::Arc;

use leptos::prelude::*;
use leptos_router::components::A;
use wasm_bindgen::JsCast;
use wasm_bindgen_futures::JsFuture;

use crate::core::backup::{
    check_backup, export_backup, payload_sha256, plan_import, read_envelope, Backup, BackupError, ImportMode, KindPlan,
};
use crate::state::commands::local_action;
use crate::state::{commands, yield_to_browser, AppState, Clock, NoticeKind};
use crate::ui::download::download;
use crate::ui::format::{count_of, thousands};
use crate::ui::paths::link;
use crate::APP_VERSION;

async fn read_file(input: &web_sys::HtmlInputElement) -> Option<(String, Result<String, String>)> {
    let file = input.files()?.get(0)?;
    let name = file.name();
    let bytes = JsFuture::from(file.array_buffer()).await.map_err(|_| "The file could not be read.".to_string());
    let text = bytes.map(|b| {
        let bytes = js_sys::Uint8Array::new(&b).to_vec();
        // Invalid UTF-8 becomes U+FFFD, as `File.text()` does; the checks then fail.
        String::from_utf8(bytes).unwrap_or_else(|e| String::from_utf8_lossy(e.as_bytes()).into_owned())
    });
    Some((name, text))
}

/// The hex SHA-256 of `text` by WebCrypto, or `None` where it is unavailable.
async fn web_sha256(text: &str) -> Option<String> {
    let global = js_sys::global();
    let crypto = js_sys::Reflect::get(&global, &"crypto".into()).ok()?;
    let subtle = js_sys::Reflect::get(&crypto, &"subtle".into()).ok().filter(|s| s.is_object())?;
    let digest: js_sys::Function = js_sys::Reflect::get(&subtle, &"digest".into()).ok()?.dyn_into().ok()?;
    let data = js_sys::Uint8Array::from(text.as_bytes());
    let promise: js_sys::Promise = digest.call2(&subtle, &"SHA-256".into(), &data).ok()?.dyn_into().ok()?;
    let hash = js_sys::Uint8Array::new(&JsFuture::from(promise).await.ok()?).to_vec();
    Some(hash.iter().map(|b| format!("{b:02x}")).collect())
}

/// Reads and checks a backup file completely (see `core::backup`).
async fn check_file(text: &str, clock: Clock) -> Result<Backup, BackupError> {
    let envelope = read_envelope(text)?;
    let digest = match web_sha256(envelope.payload()).await {
        Some(d) => d,
        None => payload_sha256(envelope.payload()),
    };
    check_backup(envelope, &digest, clock.today())
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

    let check = local_action(move |input: &web_sys::HtmlInputElement| {
        let input = input.clone();
        async move {
            backup.set(None);
            let Some((name, text)) = read_file(&input).await else { return };
            file_name.set(name);
            let text = match text {
                Ok(t) => t,
                Err(e) => return state.notify(NoticeKind::Error, e),
            };
            yield_to_browser().await;
            match check_file(&text, state.clock).await {
                Ok(b) => {
                    state.notice.set(None);
                    backup.set(Some(Arc::new(b)));
                }
                Err(e) => state.notify(NoticeKind::Error, e.to_string()),
            }
        }
    });

    let import = local_action(move |_: &()| async move {
        let Some(b) = backup.get_untracked() else { return };
        let how = mode.get_untracked();
        yield_to_browser().await;
        if commands::import_backup(state, &b, how, &file_name.get_untracked()).await {
            backup.set(None);
        }
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
            <Show when=move || check.pending().get()>
                <p class="progress">"Checking the file…"</p>
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
