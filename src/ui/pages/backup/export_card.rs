//! Exporting everything as one backup file, optionally encrypted with a
//! passphrase (typed twice, with a strength hint; never kept).

use leptos::prelude::*;

use crate::state::commands::local_action;
use crate::state::durability::Encryption;
use crate::state::{AppState, Durability};
use crate::ui::components::new_passphrase::{checked, forget, NewPassphrase};
use crate::ui::download::download_backup;
use crate::ui::format::count_of;

#[component]
pub fn ExportCard() -> impl IntoView {
    let state = AppState::expect();
    let d = Durability::expect();
    let is_encrypted = RwSignal::new(false);
    let passphrase = RwSignal::new(String::new());
    let repeat = RwSignal::new(String::new());
    let problem = RwSignal::new(None);
    let export = local_action(move |_: &()| {
        let encryption = if is_encrypted.get_untracked() {
            checked(passphrase, repeat, problem).map(Encryption::Passphrase)
        } else {
            Some(Encryption::None)
        };
        async move {
            let Some(encryption) = encryption else { return };
            if download_backup(state, d, encryption).await {
                forget(passphrase, repeat);
            }
        }
    });
    let summary = move || {
        state.data.with(|d| {
            format!(
                "Download everything ({}, {}, {}, {}, {} and the settings) as one JSON file. Keep it somewhere safe: this browser is the only other copy.",
                count_of(d.contacts().len(), "contact", "contacts"),
                count_of(d.companies().len(), "company", "companies"),
                count_of(d.deals().len(), "deal", "deals"),
                count_of(d.activities().len(), "activity", "activities"),
                count_of(d.tasks().len(), "task", "tasks"),
            )
        })
    };
    view! {
        <section aria-labelledby="export-heading" class="card">
            <h2 id="export-heading">"Export"</h2>
            <p>{summary}</p>
            <form on:submit=move |ev| { ev.prevent_default(); export.dispatch(()); }>
                <label class="checkbox">
                    <input type="checkbox" prop:checked=move || is_encrypted.get()
                        on:change=move |ev| is_encrypted.set(event_target_checked(&ev)) />
                    "Encrypt with a passphrase"
                </label>
                <Show when=move || is_encrypted.get()>
                    <p class="hint">"The file is encrypted with AES-256-GCM under a key derived from the passphrase (PBKDF2, 600,000 rounds). The app imports it with the passphrase, and so does the command-line tool in the app's source."</p>
                    <NewPassphrase label="Passphrase" id="export" passphrase repeat problem />
                </Show>
                <button type="submit" disabled=move || export.pending().get()>"Export backup"</button>
                <Show when=move || export.pending().get()>
                    <p class="progress">{move || if is_encrypted.get() { "Encrypting…" } else { "Preparing the file…" }}</p>
                </Show>
            </form>
        </section>
    }
}
