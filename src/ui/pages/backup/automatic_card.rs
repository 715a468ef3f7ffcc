//! Automatic backups to a folder (where the browser can write to one), and
//! the passphrase that encrypts automatic and one-click backups.

use leptos::prelude::*;

use crate::core::backup::files::BackupPlace;
use crate::state::commands::local_action;
use crate::state::durability::FolderStatus;
use crate::state::{AppState, Durability, NoticeKind};
use crate::ui::components::new_passphrase::{checked, forget, NewPassphrase};
use crate::ui::format::local_minute;
use crate::ui::format::{byte_size, days_ago};

/// Runs a durability step from a button and says how it went.
fn step<F>(state: AppState, run: impl Fn() -> F + 'static, done: impl Fn(String) -> String + 'static) -> Action<(), ()>
where
    F: std::future::Future<Output = Result<String, String>> + 'static,
{
    let done = std::rc::Rc::new(done);
    local_action(move |_: &()| {
        let work = run();
        let done = done.clone();
        async move {
            match work.await {
                Ok(what) => state.notify(NoticeKind::Success, done(what)),
                Err(e) => state.notify(NoticeKind::Error, e),
            }
        }
    })
}

#[component]
pub fn AutomaticCard() -> impl IntoView {
    let state = AppState::expect();
    let d = Durability::expect();
    let choose = step(state, move || d.choose_folder(), |name| format!("Backed up to the folder: {name}"));
    let allow = step(state, move || d.allow_folder(), |name| format!("Automatic backups resumed: {name}"));
    let now = step(state, move || d.back_up_to_folder(), |name| format!("Backed up to the folder: {name}"));
    let stop = step(
        state,
        move || async move { d.stop_folder().await.map(|()| String::new()) },
        |_| "Automatic backups stopped; the files already written stay in the folder".to_string(),
    );
    let is_busy = move || {
        choose.pending().get() || allow.pending().get() || now.pending().get() || stop.pending().get() || d.is_writing()
    };
    let last_automatic = move || {
        d.last_backup().filter(|b| b.place == BackupPlace::Folder).map(|b| {
            format!(
                "Last automatic backup: {} ({}), {}, {}.",
                local_minute(b.at),
                days_ago(b.at, state.clock.now()),
                b.file_name,
                byte_size(b.bytes as f64)
            )
        })
    };
    let schedule = move || {
        let s = d.settings();
        format!(
            "A backup is written a few seconds after you change something, at most every {} minutes; the newest {} are kept and older automatic backups deleted (other files in the folder are never touched).",
            s.every_minutes, s.keep
        )
    };
    view! {
        <section aria-labelledby="automatic-heading" class="card">
            <h2 id="automatic-heading">"Automatic backups"</h2>
            {move || match d.folder_status() {
                FolderStatus::Unsupported => view! {
                    <p>"This browser cannot write backups to a folder by itself (that needs Chrome, Edge or another Chromium-based browser on a computer). The app reminds you to download one instead; the reminder's timing is below."</p>
                }.into_any(),
                FolderStatus::Off => view! {
                    <p>"Let the app write a backup file to a folder of your choice by itself, for example a folder your own cloud storage copies elsewhere."</p>
                    <button type="button" class="primary" disabled=is_busy on:click=move |_| { choose.dispatch(()); }>
                        "Back up automatically to a folder…"
                    </button>
                }.into_any(),
                FolderStatus::On { name } => view! {
                    <p>{format!("Backups go to the folder “{name}”. ")}{schedule}</p>
                    <div class="form-actions">
                        <button type="button" disabled=is_busy on:click=move |_| { now.dispatch(()); }>"Back up to the folder now"</button>
                        <button type="button" disabled=is_busy on:click=move |_| { stop.dispatch(()); }>"Stop automatic backups"</button>
                    </div>
                }.into_any(),
                FolderStatus::NeedsPermission { name } => view! {
                    <p>{format!("Backups to the folder “{name}” are paused: after a restart the browser asks once more before the app may write there.")}</p>
                    <div class="form-actions">
                        <button type="button" class="primary" disabled=is_busy on:click=move |_| { allow.dispatch(()); }>"Allow writing to the folder"</button>
                        <button type="button" disabled=is_busy on:click=move |_| { stop.dispatch(()); }>"Stop automatic backups"</button>
                    </div>
                }.into_any(),
            }}
            <Show when=move || d.is_writing()><p class="progress">"Writing a backup to the folder…"</p></Show>
            {move || d.auto_problem().map(|p| view! { <p class="field-error">{p}</p> })}
            {move || last_automatic().map(|t| view! { <p>{t}</p> })}
        </section>
    }
}

/// The passphrase for automatic (and one-click) backups: kept only as a
/// key the browser will not hand out.
#[component]
pub fn KeyCard() -> impl IntoView {
    let state = AppState::expect();
    let d = Durability::expect();
    let passphrase = RwSignal::new(String::new());
    let repeat = RwSignal::new(String::new());
    let problem = RwSignal::new(None);
    let is_changing = RwSignal::new(false);
    let set = local_action(move |_: &()| {
        let p = checked(passphrase, repeat, problem);
        async move {
            let Some(p) = p else { return };
            match d.set_key(&p).await {
                Ok(()) => {
                    forget(passphrase, repeat);
                    is_changing.set(false);
                    state.notify(NoticeKind::Success, "Automatic and one-click backups are encrypted from now on");
                }
                Err(e) => state.notify(NoticeKind::Error, e),
            }
        }
    });
    let stop = local_action(move |_: &()| async move {
        match d.forget_key().await {
            Ok(()) => state.notify(NoticeKind::Success, "Automatic and one-click backups are no longer encrypted"),
            Err(e) => state.notify(NoticeKind::Error, e),
        }
    });
    view! {
        <section aria-labelledby="key-heading" class="card">
            <h2 id="key-heading">"Encrypting automatic and one-click backups"</h2>
            <Show when=move || d.has_key()
                fallback=|| view! { <p>"Automatic backups and the reminder's one-click downloads are not encrypted. Set a passphrase to encrypt them."</p> }>
                <p>"They are encrypted with the passphrase you set. The app keeps only a key the browser will not hand out, never the passphrase: to open such a file elsewhere, you need the passphrase."</p>
            </Show>
            <Show when=move || !d.has_key() || is_changing.get()
                fallback=move || view! {
                    <div class="form-actions">
                        <button type="button" on:click=move |_| is_changing.set(true)>"Change the passphrase"</button>
                        <button type="button" disabled=move || stop.pending().get() on:click=move |_| { stop.dispatch(()); }>"Stop encrypting"</button>
                    </div>
                }>
                <form on:submit=move |ev| { ev.prevent_default(); set.dispatch(()); }>
                    <NewPassphrase label="Passphrase for automatic backups" id="auto" passphrase repeat problem />
                    <button type="submit" disabled=move || set.pending().get()>"Encrypt automatic backups"</button>
                </form>
            </Show>
        </section>
    }
}
