//! Exporting everything as one backup file, optionally encrypted with a
//! passphrase (typed twice, with a strength hint; never kept).

use leptos::prelude::*;

use crate::state::commands::local_action;
use crate::state::durability::Encryption;
use crate::state::{AppState, Durability};
use crate::ui::components::new_passphrase::{checked, forget, NewPassphrase};
use crate::ui::download::download_backup;
use crate::ui::text::{t, tf, tn};

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
            tf(
                "backup.export.summary",
                &[
                    ("contacts", &tn("common.contacts", d.contacts().len())),
                    ("companies", &tn("common.companies", d.companies().len())),
                    ("deals", &tn("common.deals", d.deals().len())),
                    ("activities", &tn("common.activities", d.activities().len())),
                    ("tasks", &tn("common.tasks", d.tasks().len())),
                ],
            )
        })
    };
    view! {
        <section aria-labelledby="export-heading" class="card">
            <h2 id="export-heading">{t("backup.export.title")}</h2>
            <p>{summary}</p>
            <form on:submit=move |ev| { ev.prevent_default(); export.dispatch(()); }>
                <label class="checkbox">
                    <input type="checkbox" prop:checked=move || is_encrypted.get()
                        on:change=move |ev| is_encrypted.set(event_target_checked(&ev)) />
                    {t("backup.export.encrypt")}
                </label>
                <Show when=move || is_encrypted.get()>
                    <p class="hint">{t("backup.export.encrypt_hint")}</p>
                    <NewPassphrase label=t("backup.export.passphrase") repeat_label=t("backup.export.repeat") id="export" passphrase repeat problem />
                </Show>
                <button type="submit" disabled=move || export.pending().get()>{t("backup.export.button")}</button>
                <Show when=move || export.pending().get()>
                    <p class="progress">{move || if is_encrypted.get() { t("backup.export.encrypting") } else { t("backup.export.preparing") }}</p>
                </Show>
            </form>
        </section>
    }
}
