//! When to back up, in this browser: the reminder (after N days or M
//! changes since the last backup) and, where the browser can write to a
//! folder, how often automatic backups are written and how many are kept.

use leptos::prelude::*;

use crate::core::backup::files::BackupSettings;
use crate::core::validate::FieldError;
use crate::state::commands::local_action;
use crate::state::durability::FolderStatus;
use crate::state::{AppState, Durability, NoticeKind};
use crate::ui::components::fields::{was_saved, TextField};
use crate::ui::text::t;

#[component]
pub fn ScheduleCard() -> impl IntoView {
    let state = AppState::expect();
    let d = Durability::expect();
    let current = d.settings();
    let days = RwSignal::new(current.reminder.days.to_string());
    let changes = RwSignal::new(current.reminder.changes.to_string());
    let every = RwSignal::new(current.every_minutes.to_string());
    let keep = RwSignal::new(current.keep.to_string());
    // The stored settings arrive after the page may have opened.
    Effect::new(move |_| {
        let s = d.settings();
        days.set(s.reminder.days.to_string());
        changes.set(s.reminder.changes.to_string());
        every.set(s.every_minutes.to_string());
        keep.set(s.keep.to_string());
    });
    let errors = RwSignal::new(Vec::<FieldError>::new());
    let save = local_action(move |_: &()| {
        let read = |s: RwSignal<String>| s.get_untracked();
        let settings = BackupSettings::from_texts(&read(days), &read(changes), &read(every), &read(keep));
        async move {
            let settings = match settings {
                Ok(s) => s,
                Err(errs) => {
                    state.notify(NoticeKind::Error, t("backup.schedule.fix"));
                    was_saved(errors, Err(errs));
                    return;
                }
            };
            was_saved(errors, Ok(true));
            match d.save_settings(settings).await {
                Ok(()) => state.notify(NoticeKind::Success, t("backup.schedule.saved")),
                Err(e) => state.notify(NoticeKind::Error, e),
            }
        }
    });
    let is_automatic = move || d.folder_status() != FolderStatus::Unsupported;
    let input = |s: RwSignal<String>| Callback::new(move |v| s.set(v));
    view! {
        <section aria-labelledby="schedule-heading" class="card">
            <h2 id="schedule-heading">{t("backup.schedule.title")}</h2>
            <p>{t("backup.schedule.intro")}</p>
            <form on:submit=move |ev| { ev.prevent_default(); save.dispatch(()); }>
                <div class="multi-row">
                    <TextField label=t("backup.schedule.days") field="reminder_days" value=days on_input=input(days) errors />
                    <TextField label=t("backup.schedule.changes") field="reminder_changes" value=changes on_input=input(changes) errors />
                </div>
                <Show when=is_automatic>
                    <div class="multi-row">
                        <TextField label=t("backup.schedule.every") field="every_minutes" value=every on_input=input(every) errors />
                        <TextField label=t("backup.schedule.keep") field="keep" value=keep on_input=input(keep) errors />
                    </div>
                </Show>
                <button type="submit" disabled=move || save.pending().get()>{t("backup.schedule.save")}</button>
            </form>
        </section>
    }
}
