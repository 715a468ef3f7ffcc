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
use crate::ui::text::{t, tf};

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
    let choose = step(state, move || d.choose_folder(), |name| tf("backup.auto.backed_up", &[("file", &name)]));
    let allow = step(state, move || d.allow_folder(), |name| tf("backup.auto.resumed", &[("file", &name)]));
    let now = step(state, move || d.back_up_to_folder(), |name| tf("backup.auto.backed_up", &[("file", &name)]));
    let stop = step(
        state,
        move || async move { d.stop_folder().await.map(|()| String::new()) },
        |_| t("backup.auto.stopped").to_string(),
    );
    let is_busy = move || {
        choose.pending().get() || allow.pending().get() || now.pending().get() || stop.pending().get() || d.is_writing()
    };
    let last_automatic = move || {
        d.last_backup().filter(|b| b.place == BackupPlace::Folder).map(|b| {
            tf(
                "backup.auto.last",
                &[
                    ("at", &local_minute(b.at)),
                    ("ago", &days_ago(b.at, state.clock.now())),
                    ("file", &b.file_name),
                    ("size", &byte_size(b.bytes as f64)),
                ],
            )
        })
    };
    let schedule = move || {
        let s = d.settings();
        tf("backup.auto.schedule", &[("minutes", &s.every_minutes.to_string()), ("keep", &s.keep.to_string())])
    };
    view! {
        <section aria-labelledby="automatic-heading" class="card">
            <h2 id="automatic-heading">{t("backup.auto.title")}</h2>
            {move || match d.folder_status() {
                FolderStatus::Unsupported => view! {
                    <p>{t("backup.auto.unsupported")}</p>
                }.into_any(),
                FolderStatus::Off => view! {
                    <p>{t("backup.auto.off")}</p>
                    <button type="button" class="primary" disabled=is_busy on:click=move |_| { choose.dispatch(()); }>
                        {t("backup.auto.choose")}
                    </button>
                }.into_any(),
                FolderStatus::On { name } => view! {
                    <p>{tf("backup.auto.on", &[("folder", &name)])}" "{schedule}</p>
                    <div class="form-actions">
                        <button type="button" disabled=is_busy on:click=move |_| { now.dispatch(()); }>{t("backup.auto.now")}</button>
                        <button type="button" disabled=is_busy on:click=move |_| { stop.dispatch(()); }>{t("backup.auto.stop")}</button>
                    </div>
                }.into_any(),
                FolderStatus::NeedsPermission { name } => view! {
                    <p>{tf("backup.auto.paused", &[("folder", &name)])}</p>
                    <div class="form-actions">
                        <button type="button" class="primary" disabled=is_busy on:click=move |_| { allow.dispatch(()); }>{t("backup.auto.allow")}</button>
                        <button type="button" disabled=is_busy on:click=move |_| { stop.dispatch(()); }>{t("backup.auto.stop")}</button>
                    </div>
                }.into_any(),
            }}
            <Show when=move || d.is_writing()><p class="progress">{t("backup.auto.writing")}</p></Show>
            {move || d.auto_problem().map(|p| view! { <p class="field-error">{p}</p> })}
            {move || last_automatic().map(|text| view! { <p>{text}</p> })}
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
                    state.notify(NoticeKind::Success, t("backup.key.set"));
                }
                Err(e) => state.notify(NoticeKind::Error, e),
            }
        }
    });
    let stop = local_action(move |_: &()| async move {
        match d.forget_key().await {
            Ok(()) => state.notify(NoticeKind::Success, t("backup.key.stopped")),
            Err(e) => state.notify(NoticeKind::Error, e),
        }
    });
    view! {
        <section aria-labelledby="key-heading" class="card">
            <h2 id="key-heading">{t("backup.key.title")}</h2>
            <Show when=move || d.has_key()
                fallback=|| view! { <p>{t("backup.key.none")}</p> }>
                <p>{t("backup.key.some")}</p>
            </Show>
            <Show when=move || !d.has_key() || is_changing.get()
                fallback=move || view! {
                    <div class="form-actions">
                        <button type="button" on:click=move |_| is_changing.set(true)>{t("backup.key.change")}</button>
                        <button type="button" disabled=move || stop.pending().get() on:click=move |_| { stop.dispatch(()); }>{t("backup.key.stop")}</button>
                    </div>
                }>
                <form on:submit=move |ev| { ev.prevent_default(); set.dispatch(()); }>
                    <NewPassphrase label=t("backup.key.label") repeat_label=t("backup.key.repeat_label") id="auto" passphrase repeat problem />
                    <button type="submit" disabled=move || set.pending().get()>{t("backup.key.encrypt")}</button>
                </form>
            </Show>
        </section>
    }
}
