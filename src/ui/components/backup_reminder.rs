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
use crate::ui::format::{count_of, days_ago};
use crate::ui::paths::link;

/// "No backup for 9 days; 57 records changed since." or, with none yet,
/// "No backup yet: 57 records exist only in this browser."
fn reminder_text(state: AppState, d: Durability) -> String {
    let age = d.age();
    let changes = count_of(age.changes as usize, "record", "records");
    match (age.has_backup, age.since) {
        (true, Some(since)) => format!("Last backup {}; {changes} changed since.", days_ago(since, state.clock.now())),
        _ => format!("No backup yet: {changes} exist only in this browser."),
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
            Ok(name) => state.notify(NoticeKind::Success, format!("Automatic backups resumed: {name}")),
            Err(e) => state.notify(NoticeKind::Error, e),
        }
    });
    move || match d.folder_status() {
        FolderStatus::NeedsPermission { name } => Some(
            view! {
                <div class="backup-nudge">
                    <span>{format!("Automatic backups to “{name}” are paused.")}</span>
                    <button type="button" disabled=move || allow.pending().get()
                        on:click=move |_| { allow.dispatch(()); }>"Resume automatic backups"</button>
                </div>
            }
            .into_any(),
        ),
        _ if d.is_reminder_due() => Some(
            view! {
                <div class="backup-nudge">
                    <span>{move || reminder_text(state, d)}</span>
                    <button type="button" disabled=move || download.pending().get()
                        on:click=move |_| { download.dispatch(()); }>"Back up now"</button>
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
                <h2 id="reminder-heading">"Back up your data"</h2>
                <p>{move || reminder_text(state, d)} " Your records are kept only in this browser: a backup file is the copy that survives a lost device or cleared browser data."</p>
                <div class="form-actions">
                    <button type="button" class="primary" disabled=move || download.pending().get()
                        on:click=move |_| { download.dispatch(()); }>
                        {move || if d.has_key() { "Download an encrypted backup" } else { "Download a backup" }}
                    </button>
                    <A href=link("/backup")>
                        {move || if can_automate() { "Back up automatically or change reminders" } else { "Backup options" }}
                    </A>
                </div>
            </section>
        </Show>
    }
}
