//! Settings → Storage (issue 12): whether the browser promised to keep the
//! data (and what that means), how much is used and still available, the
//! records per kind, the last backup, and how to keep the data safe in this
//! browser.

use leptos::prelude::*;
use leptos::task::spawn_local;
use leptos_router::components::A;

use crate::core::backup::files::BackupPlace;
use crate::state::commands::local_action;
use crate::state::{AppState, Durability, NoticeKind};
use crate::ui::format::local_minute;
use crate::ui::format::{byte_size, count_of, days_ago};
use crate::ui::paths::link;

#[component]
pub fn StorageCard() -> impl IntoView {
    let state = AppState::expect();
    let d = Durability::expect();
    // Fresh figures each time the card is shown.
    spawn_local(d.refresh_usage());
    let ask = local_action(move |_: &()| async move {
        match d.ask_persistence().await {
            Ok(true) => state.notify(NoticeKind::Success, "The browser will keep the data until you delete it"),
            Ok(false) => state.notify(
                NoticeKind::Error,
                "The browser did not promise to keep the data. Installing the app or bookmarking it can help; keep backups.",
            ),
            Err(e) => state.notify(NoticeKind::Error, e),
        }
    });
    let persistence = move || {
        match d.persisted() {
        Some(true) => "Persistent: the browser keeps this data until you delete it.",
        Some(false) => "Best effort: the browser may delete this data by itself when the device runs short of space (Safari also after seven days without a visit, unless the app is installed).",
        None => "Unknown: this browser does not say whether it will keep the data.",
    }
    };
    let usage = move || match d.usage() {
        Some(u) => format!("{} used, {} available.", byte_size(u.used), byte_size(u.available)),
        None => "The browser gives no estimate.".to_string(),
    };
    let records = move || {
        state.data.with(|data| {
            [
                count_of(data.contacts().len(), "contact", "contacts"),
                count_of(data.companies().len(), "company", "companies"),
                count_of(data.deals().len(), "deal", "deals"),
                count_of(data.activities().len(), "activity", "activities"),
                count_of(data.tasks().len(), "task", "tasks"),
            ]
            .join(", ")
        })
    };
    let last = move || match d.last_backup() {
        Some(b) => format!(
            "{} ({}): {}, {}{}.",
            local_minute(b.at),
            days_ago(b.at, state.clock.now()),
            b.file_name,
            byte_size(b.bytes as f64),
            match (b.place, b.is_encrypted) {
                (BackupPlace::Download, true) => ", downloaded, encrypted",
                (BackupPlace::Download, false) => ", downloaded",
                (BackupPlace::Folder, true) => ", automatic, encrypted",
                (BackupPlace::Folder, false) => ", automatic",
            }
        ),
        None => "None made in this browser yet.".to_string(),
    };
    view! {
        <section aria-labelledby="storage-heading" class="card">
            <h2 id="storage-heading">"Storage"</h2>
            <dl class="facts">
                <dt>"Kept by the browser"</dt>
                <dd>{persistence}
                    <Show when=move || d.persisted() == Some(false)>
                        " "<button type="button" disabled=move || ask.pending().get()
                            on:click=move |_| { ask.dispatch(()); }>"Ask the browser to keep the data"</button>
                    </Show>
                </dd>
                <dt>"Space"</dt>
                <dd>{usage}</dd>
                <dt>"Records"</dt>
                <dd>{records}</dd>
                <dt>"Last backup"</dt>
                <dd>{last}</dd>
            </dl>
            <h3>"Keeping the data safe in this browser"</h3>
            <ul>
                <li>"Everything is stored only in this browser on this device. Clearing the browser's data for this site, or a private window closing, deletes it."</li>
                <li>"Make backups: download one from the " <A href=link("/backup")>"Backup page"</A>
                    " (encrypted with a passphrase if you like), or let the app write them to a folder by itself where the browser allows it."</li>
                <li>"Install the app (the browser's Install or Add to Home Screen): installed apps are kept longer and open offline."</li>
                <li>"Keep a backup file somewhere else too: another disk or your own cloud storage."</li>
            </ul>
        </section>
    }
}
