//! Importing a backup file: read as bytes, opened with its passphrase when
//! it is encrypted, checked completely and previewed before anything is
//! written; the write is one transaction.
//!
//! An encrypted file's envelope is checked before the passphrase is asked
//! for (an unknown version or key derivation says so at once); a wrong
//! passphrase or a damaged file says "damaged or wrong passphrase" and
//! changes nothing. The decrypted backup then goes through every check of
//! an ordinary one.
//!
//! The payload's SHA-256 is computed by WebCrypto, several times faster than
//! in wasm; core's own SHA-256 is the fallback where WebCrypto is missing
//! (pages not served securely).

use std::sync::Arc;

use leptos::prelude::*;
use leptos_router::components::A;
use wasm_bindgen::JsCast;
use wasm_bindgen_futures::JsFuture;

use crate::core::backup::encrypted::{is_encrypted_backup, read_encrypted_parts};
use crate::core::backup::{check_backup, payload_sha256, read_envelope, Backup, BackupError};
use crate::core::text::excerpt;
use crate::state::commands::local_action;
use crate::state::durability::decrypt_backup;
use crate::state::{yield_to_browser, AppState, Clock, NoticeKind};
use crate::ui::paths::link;

use super::preview::ImportPreview;

async fn read_file(input: &web_sys::HtmlInputElement) -> Option<(String, Result<Vec<u8>, String>)> {
    let file = input.files()?.get(0)?;
    let name = file.name();
    let bytes = JsFuture::from(file.array_buffer())
        .await
        .map(|b| js_sys::Uint8Array::new(&b).to_vec())
        .map_err(|_| "The file could not be read.".to_string());
    Some((name, bytes))
}

/// Invalid UTF-8 becomes U+FFFD, as `File.text()` does; the checks then fail.
fn into_text(bytes: Vec<u8>) -> String {
    String::from_utf8(bytes).unwrap_or_else(|e| String::from_utf8_lossy(e.as_bytes()).into_owned())
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

#[component]
pub fn ImportCard() -> impl IntoView {
    let state = AppState::expect();
    let backup = RwSignal::new(None::<Arc<Backup>>);
    let file_name = RwSignal::new(String::new());
    // An encrypted file waiting for its passphrase.
    let locked = StoredValue::new_local(None::<Vec<u8>>);
    let is_locked = RwSignal::new(false);
    let passphrase = RwSignal::new(String::new());

    // Checks a backup's text and shows its preview (or why it cannot be imported).
    let show = move |text: String| async move {
        yield_to_browser().await;
        match check_file(&text, state.clock).await {
            Ok(b) => {
                state.notice.set(None);
                backup.set(Some(Arc::new(b)));
            }
            Err(e) => state.notify(NoticeKind::Error, e.to_string()),
        }
    };

    let check = local_action(move |input: &web_sys::HtmlInputElement| {
        let input = input.clone();
        async move {
            backup.set(None);
            is_locked.set(false);
            locked.set_value(None);
            let Some((name, bytes)) = read_file(&input).await else { return };
            file_name.set(name);
            let bytes = match bytes {
                Ok(b) => b,
                Err(e) => return state.notify(NoticeKind::Error, e),
            };
            if is_encrypted_backup(&bytes) {
                // Unknown versions and key derivations are said before any passphrase.
                if let Err(e) = read_encrypted_parts(&bytes) {
                    return state.notify(NoticeKind::Error, e.to_string());
                }
                state.notice.set(None);
                locked.set_value(Some(bytes));
                is_locked.set(true);
                return;
            }
            show(into_text(bytes)).await;
        }
    });

    let unlock = local_action(move |_: &()| async move {
        let Some(bytes) = locked.get_value() else { return };
        let p = passphrase.get_untracked();
        passphrase.set(String::new());
        yield_to_browser().await;
        match decrypt_backup(&bytes, &p).await {
            Ok(plain) => {
                is_locked.set(false);
                locked.set_value(None);
                show(into_text(plain)).await;
            }
            Err(e) => state.notify(NoticeKind::Error, e),
        }
    });

    view! {
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
            <Show when=move || is_locked.get()>
                <form class="unlock" aria-labelledby="unlock-heading" on:submit=move |ev| {
                    ev.prevent_default();
                    unlock.dispatch(());
                }>
                    <h3 id="unlock-heading">"This backup is encrypted"</h3>
                    <p>{move || format!("Enter the passphrase {} was encrypted with.", excerpt(&file_name.get()))}</p>
                    <div class="field">
                        <label for="unlock-passphrase">"Passphrase for this file"</label>
                        <input id="unlock-passphrase" type="password" autocomplete="off"
                            prop:value=move || passphrase.get()
                            on:input=move |ev| passphrase.set(event_target_value(&ev)) />
                    </div>
                    <button type="submit" class="primary" disabled=move || unlock.pending().get()>
                        {move || if unlock.pending().get() { "Opening…" } else { "Open the backup" }}
                    </button>
                </form>
            </Show>
            {move || backup.get().map(|b| view! { <ImportPreview backup b file_name /> })}
        </section>
    }
}
