//! Reminders to back up (issue 12): in the header on every page, and as a
//! card on the dashboard, once the settings' days or changes have passed
//! since the last backup; each with a one-click download (encrypted when a
//! key for automatic backups is set). The header also asks, with one click,
//! to allow the automatic-backup folder again after a restart.

use leptos::prelude::*;
use leptos_router::components::A;

use crate::state::commands::local_action;
use crate::state::durability::{Encryption, FolderStatus};
use crate::state::{AppState, Durability, NoticeKind};
use crate::ui::download::download_backup;
use crate::ui::format::days_ago;
use crate::ui::paths::link;
use crate::ui::text::{t, tf, tn, tnf};

/// "No backup for 9 days; 57 records changed since." or, with none yet,
/// "No backup yet: 57 records exist only in this browser."
fn reminder_text(state: AppState, d: Durability) -> String {
    let age = d.age();
    let n = age.changes as usize;
    let records = tn("common.records", n);
    match (age.has_backup, age.since) {
        (true, Some(since)) => {
            tnf("backup.reminder.since", n, &[("ago", &days_ago(since, state.clock.now())), ("records", &records)])
        }
        _ => tnf("backup.reminder.none", n, &[("records", &records)]),
    }
}

/// The one-click download, shared by the header and the dashboard.
fn one_click(state: AppState, d: Durability) -> Action<(), bool> {
    local_action(move |_: &()| {
        let encryption = if d.has_key() { Encryption::SavedKey } else { Encryption::None };
        download_backup(state, d, encryption)
    })
}

/// In the header: "Resume automatic backups" when the folder needs
/// allowing again, else "Back up now" when a backup is due.
#[component]
pub fn BackupNudge() -> impl IntoView {
    let state = AppState::expect();
    let d = Durability::expect();
    let download = one_click(state, d);
    let allow = local_action(move |_: &()| async move {
        match d.allow_folder().await {
            Ok(name) => state.notify(NoticeKind::Success, tf("backup.auto.resumed", &[("file", &name)])),
            Err(e) => state.notify(NoticeKind::Error, e),
        }
    });
    move || match d.folder_status() {
        FolderStatus::NeedsPermission { name } => Some(
            view! {
                <div class="backup-nudge">
                    <span>{tf("backup.reminder.paused", &[("folder", &name)])}</span>
                    <button type="button" disabled=move || allow.pending().get()
                        on:click=move |_| { allow.dispatch(()); }>{t("backup.reminder.resume")}</button>
                </div>
            }
            .into_any(),
        ),
        _ if d.is_reminder_due() => Some(
            view! {
                <div class="backup-nudge">
                    <span>{move || reminder_text(state, d)}</span>
                    <button type="button" disabled=move || download.pending().get()
                        on:click=move |_| { download.dispatch(()); }>{t("backup.reminder.now")}</button>
                </div>
            }
            .into_any(),
        ),
        _ => None,
    }
}

/// On the dashboard: why to back up, a one-click download and where the
/// backup options are.
#[component]
pub fn BackupReminderCard() -> impl IntoView {
    let state = AppState::expect();
    let d = Durability::expect();
    let download = one_click(state, d);
    let can_automate = move || matches!(d.folder_status(), FolderStatus::Off);
    view! {
        <Show when=move || d.is_reminder_due()>
            <section class="card reminder" aria-labelledby="reminder-heading">
                <h2 id="reminder-heading">{t("backup.reminder.title")}</h2>
                <p>{move || reminder_text(state, d)}" "{t("backup.reminder.why")}</p>
                <div class="form-actions">
                    <button type="button" class="primary" disabled=move || download.pending().get()
                        on:click=move |_| { download.dispatch(()); }>
                        {move || if d.has_key() { t("backup.reminder.download_encrypted") } else { t("backup.reminder.download") }}
                    </button>
                    <A href=link("/backup")>
                        {move || if can_automate() { t("backup.reminder.automate") } else { t("backup.reminder.options") }}
                    </A>
                </div>
            </section>
        </Show>
    }
}
