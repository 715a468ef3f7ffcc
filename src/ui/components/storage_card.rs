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
use crate::ui::format::{byte_size, days_ago};
use crate::ui::paths::link;
use crate::ui::text::{t, tf, tn};

#[component]
pub fn StorageCard() -> impl IntoView {
    let state = AppState::expect();
    let d = Durability::expect();
    // Fresh figures each time the card is shown.
    spawn_local(d.refresh_usage());
    let ask = local_action(move |_: &()| async move {
        match d.ask_persistence().await {
            Ok(true) => state.notify(NoticeKind::Success, t("settings.storage.kept")),
            Ok(false) => state.notify(NoticeKind::Error, t("settings.storage.not_kept")),
            Err(e) => state.notify(NoticeKind::Error, e),
        }
    });
    let persistence = move || match d.persisted() {
        Some(true) => t("settings.storage.persistent"),
        Some(false) => t("settings.storage.best_effort"),
        None => t("settings.storage.unknown"),
    };
    let usage = move || match d.usage() {
        Some(u) => {
            tf("settings.storage.usage", &[("used", &byte_size(u.used)), ("available", &byte_size(u.available))])
        }
        None => t("settings.storage.no_estimate").to_string(),
    };
    let records = move || {
        state.data.with(|data| {
            [
                tn("common.contacts", data.contacts().len()),
                tn("common.companies", data.companies().len()),
                tn("common.deals", data.deals().len()),
                tn("common.activities", data.activities().len()),
                tn("common.tasks", data.tasks().len()),
            ]
            .join(", ")
        })
    };
    let last = move || match d.last_backup() {
        Some(b) => tf(
            match (b.place, b.is_encrypted) {
                (BackupPlace::Download, true) => "settings.storage.last.downloaded_encrypted",
                (BackupPlace::Download, false) => "settings.storage.last.downloaded",
                (BackupPlace::Folder, true) => "settings.storage.last.automatic_encrypted",
                (BackupPlace::Folder, false) => "settings.storage.last.automatic",
            },
            &[
                ("at", &local_minute(b.at)),
                ("ago", &days_ago(b.at, state.clock.now())),
                ("file", &b.file_name),
                ("size", &byte_size(b.bytes as f64)),
            ],
        ),
        None => t("settings.storage.last.none").to_string(),
    };
    // The sentence around the link to the Backup page, in its language's order.
    let (before_link, after_link) = t("settings.storage.safe.backups").split_once("{link}").unwrap_or(("", ""));
    view! {
        <section aria-labelledby="storage-heading" class="card">
            <h2 id="storage-heading">{t("settings.storage.title")}</h2>
            <dl class="facts">
                <dt>{t("settings.storage.kept_by")}</dt>
                <dd>{persistence}
                    <Show when=move || d.persisted() == Some(false)>
                        " "<button type="button" disabled=move || ask.pending().get()
                            on:click=move |_| { ask.dispatch(()); }>{t("settings.storage.ask")}</button>
                    </Show>
                </dd>
                <dt>{t("settings.storage.space")}</dt>
                <dd>{usage}</dd>
                <dt>{t("settings.storage.records")}</dt>
                <dd>{records}</dd>
                <dt>{t("settings.storage.last")}</dt>
                <dd>{last}</dd>
            </dl>
            <h3>{t("settings.storage.safe")}</h3>
            <ul>
                <li>{t("settings.storage.safe.only_here")}</li>
                <li>{before_link}<A href=link("/backup")>{t("settings.storage.safe.backups_link")}</A>{after_link}</li>
                <li>{t("settings.storage.safe.install")}</li>
                <li>{t("settings.storage.safe.elsewhere")}</li>
            </ul>
        </section>
    }
}
