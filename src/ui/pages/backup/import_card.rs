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
//! The file's bytes stay in JavaScript memory and are read a window at a
//! time (`storage::backup_file`): the records are checked as they come and
//! the payload's SHA-256 is computed by WebCrypto meanwhile. A decrypted
//! file's plaintext takes the same path. A progress bar shows the phase and
//! how far it is, and the page gets a turn between steps.

use std::sync::Arc;

use leptos::prelude::*;
use leptos_router::components::A;

use crate::core::backup::encrypted::{is_encrypted_backup, read_encrypted_parts};
use crate::core::backup::{Backup, BackupError};
use crate::core::text::excerpt;
use crate::state::commands::local_action;
use crate::state::durability::decrypt_backup;
use crate::state::{take_turn, yield_to_browser, AppState, Clock, NoticeKind};
use crate::storage::backup_file::{read_bytes, BackupFile};
use crate::ui::paths::link;
use crate::ui::text::{t, tf};

use super::errors::{backup_error, encrypted_error};
use super::preview::ImportPreview;
use super::progress::{ImportProgress, Phase};

/// How many of a file's first bytes tell an encrypted backup (see
/// `is_encrypted_backup`).
const HEAD: u32 = 1024;

/// Reads and checks a backup file's bytes (see `core::backup`), in steps of
/// about 40 ms with the browser getting a turn in between.
async fn check_bytes(bytes: js_sys::Uint8Array, clock: Clock, phase: RwSignal<Phase>) -> Result<Backup, BackupError> {
    let mut reading = BackupFile::from_bytes(bytes, clock.today());
    phase.set(Phase::Checking(0.0));
    while !reading.step(40.0) {
        phase.set(Phase::Checking(reading.progress()));
        take_turn().await;
    }
    phase.set(Phase::Checking(1.0));
    reading.finish().await
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

    let phase = RwSignal::new(Phase::Idle);

    // Checks a backup's bytes and shows its preview (or why it cannot be imported).
    let show = move |bytes: js_sys::Uint8Array| async move {
        yield_to_browser().await;
        let checked = check_bytes(bytes, state.clock, phase).await;
        phase.set(Phase::Idle);
        match checked {
            Ok(b) => {
                state.notice.set(None);
                backup.set(Some(Arc::new(b)));
            }
            Err(e) => state.notify(NoticeKind::Error, backup_error(&e)),
        }
    };

    let check = local_action(move |input: &web_sys::HtmlInputElement| {
        let input = input.clone();
        async move {
            backup.set(None);
            is_locked.set(false);
            locked.set_value(None);
            let Some(file) = input.files().and_then(|f| f.get(0)) else { return };
            file_name.set(file.name());
            phase.set(Phase::Reading);
            yield_to_browser().await;
            let bytes = match read_bytes(&file).await {
                Ok(b) => b,
                Err(e) => {
                    phase.set(Phase::Idle);
                    return state.notify(NoticeKind::Error, e);
                }
            };
            let head = bytes.subarray(0, bytes.length().min(HEAD)).to_vec();
            if is_encrypted_backup(&head) {
                // Decryption needs the whole file in wasm; the plaintext then
                // goes through every check of an ordinary backup.
                phase.set(Phase::Idle);
                let bytes = bytes.to_vec();
                // Unknown versions and key derivations are said before any passphrase.
                if let Err(e) = read_encrypted_parts(&bytes) {
                    return state.notify(NoticeKind::Error, encrypted_error(&e));
                }
                state.notice.set(None);
                locked.set_value(Some(bytes));
                is_locked.set(true);
                return;
            }
            show(bytes).await;
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
                // Into JavaScript memory, like a chosen file (the wasm copy goes).
                let bytes = js_sys::Uint8Array::from(&plain[..]);
                drop(plain);
                show(bytes).await;
            }
            Err(e) => state.notify(NoticeKind::Error, e),
        }
    });

    // The sentence around the link to the contact import, in its language's order.
    let (before_link, after_link) = t("backup.import.other_app").split_once("{link}").unwrap_or(("", ""));
    view! {
        <section aria-labelledby="import-heading" class="card">
            <h2 id="import-heading">{t("backup.import.title")}</h2>
            <p>{t("backup.import.intro")}</p>
            <p>{before_link}<A href=link("/import")>{t("backup.import.other_app_link")}</A>{after_link}</p>
            <div class="field">
                <label for="backup-file">{t("backup.import.choose")}</label>
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
            <ImportProgress phase />
            <Show when=move || is_locked.get()>
                <form class="unlock" aria-labelledby="unlock-heading" on:submit=move |ev| {
                    ev.prevent_default();
                    unlock.dispatch(());
                }>
                    <h3 id="unlock-heading">{t("backup.import.encrypted")}</h3>
                    <p>{move || tf("backup.import.enter_passphrase", &[("file", &excerpt(&file_name.get()))])}</p>
                    <div class="field">
                        <label for="unlock-passphrase">{t("backup.import.passphrase")}</label>
                        <input id="unlock-passphrase" type="password" autocomplete="off"
                            prop:value=move || passphrase.get()
                            on:input=move |ev| passphrase.set(event_target_value(&ev)) />
                    </div>
                    <button type="submit" class="primary" disabled=move || unlock.pending().get()>
                        {move || if unlock.pending().get() { t("backup.import.opening") } else { t("backup.import.open") }}
                    </button>
                </form>
            </Show>
            {move || backup.get().map(|b| view! { <ImportPreview backup b file_name phase /> })}
        </section>
    }
}
