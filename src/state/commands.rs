//! Named commands: every write a person can make, in one place. Each one
//! reads the clock itself, builds its change list with `core`, writes it as
//! one transaction through [`AppState`] (with its undo entry where the action
//! can be undone), and says how it went in the status line.
//!
//! Components run them from an `Action` made by [`local_action`], so the
//! button that started one shows it is pending and cannot submit twice. A command
//! returns whether it wrote (so a form can move on); a form's command
//! returns the field errors instead when the record is not valid, and then
//! nothing is written.

use std::future::Future;
use std::pin::Pin;
use std::rc::Rc;
use std::sync::Arc;

use chrono::{DateTime, Utc};
use leptos::prelude::*;

use super::text::{error_text, list, stage_error, t, tf, tn, tnf};
use super::{new_id, AppState, NoticeKind};
use crate::core::audit::{fix_all, Fixable};
use crate::core::backup::{apply_import, Backup, ImportMode};
use crate::core::changes::Change;
use crate::core::dataset::Dataset;
use crate::core::dedupe::{merge_changes, FieldChoices};
use crate::core::delete::Unlinked;
use crate::core::forms::{finish_activity, finish_task, ActivityTexts};
use crate::core::history::HistoryKind;
use crate::core::import::plan::ImportCounts;
use crate::core::lifecycle::{convert_lead, lose_deal, move_deal, reopen_deal, win_deal};
use crate::core::normalize::{apply_to_company, apply_to_contact};
use crate::core::pipeline::remove_stage;
use crate::core::records::{Activity, ActivityKind, Contact, Settings, Task};
use crate::core::tasks::{complete_task, reopen_task};
use crate::core::text::excerpt;
use crate::core::validate::{validate_settings, FieldError};

mod edits;

pub use edits::{
    open_company, open_contact, open_deal, resolve_conflicts, save_as_new, save_company, save_contact, save_deal,
    ConflictField, FormSave, Opened, Unsaved,
};

/// A boxed future of an action, so that every action is one type.
type LocalFuture<O> = Pin<Box<dyn Future<Output = O>>>;
/// An action's work behind a shared pointer, its type erased.
type Work<I, O> = Rc<dyn Fn(&I) -> LocalFuture<O>>;

/// An `Action::new_local` that runs `work` (a command, and what the
/// component does after it); its pending state disables the button that
/// dispatches it. The work's type is erased before it reaches Leptos, so all
/// actions with the same input and output share one copy of the action
/// machinery in the app's download instead of one per button.
pub fn local_action<I, O, Fu>(work: impl Fn(&I) -> Fu + 'static) -> Action<I, O>
where
    I: 'static,
    O: 'static,
    Fu: Future<Output = O> + 'static,
{
    erased_action(Rc::new(move |i: &I| Box::pin(work(i)) as LocalFuture<O>))
}

fn erased_action<I: 'static, O: 'static>(work: Work<I, O>) -> Action<I, O> {
    Action::new_local(move |i: &I| work(i))
}

/// Writes `changes` as one user action and says `done`, or what went wrong.
/// Nothing to write is nothing said.
pub async fn save(state: AppState, changes: Vec<Change>, done: impl Into<String>) -> bool {
    if changes.is_empty() {
        return false;
    }
    match state.commit(changes).await {
        Ok(()) => {
            state.notify(NoticeKind::Success, done);
            true
        }
        Err(e) => {
            state.notify(NoticeKind::Error, error_text(&e));
            false
        }
    }
}

/// Writes `changes` with the history entry that undoes them, in one
/// transaction, then says `label` with an "Undo" button. `failed` starts the
/// error message ("Nothing was imported.").
async fn save_undoable(state: AppState, changes: Vec<Change>, kind: HistoryKind, label: String, failed: &str) -> bool {
    match state.commit_undoable(changes, kind, label.clone()).await {
        Ok(key) => {
            state.notify_undoable(label, key);
            true
        }
        Err(e) => {
            state.notify(NoticeKind::Error, format!("{failed} {}", error_text(&e)).trim_start().to_string());
            false
        }
    }
}

/// "Please fix 2 fields before saving.", and the errors for the form.
fn invalid<T>(state: AppState, errors: Vec<FieldError>) -> Result<T, Vec<FieldError>> {
    let n = errors.len();
    state.notify(NoticeKind::Error, tn("notices.fix_fields", n));
    Err(errors)
}

/// Adds a task from a quick-add form: `draft` holds its links and priority.
pub async fn add_task(state: AppState, draft: Task, title: String, due: String) -> Result<bool, Vec<FieldError>> {
    match finish_task(draft, &title, &due) {
        Ok(record) => Ok(save(state, vec![Change::PutTask { record }], t("notices.task_added")).await),
        Err(errs) => invalid(state, errs),
    }
}

/// Logs an activity from a timeline's form: `draft` holds its kind and links.
pub async fn log_activity(state: AppState, draft: Activity, texts: ActivityTexts) -> Result<bool, Vec<FieldError>> {
    let kind = draft.kind;
    match finish_activity(draft, &texts) {
        Ok(record) => Ok(save(
            state,
            vec![Change::PutActivity { record }],
            tf(
                "notices.activity_logged",
                &[("kind", &crate::core::i18n::label(super::locale(), "activity_kind", kind.key()))],
            ),
        )
        .await),
        Err(errs) => invalid(state, errs),
    }
}

/// A blank activity of `kind` with a new id, stamped now, for a form.
pub fn blank_activity(state: AppState, kind: ActivityKind) -> Activity {
    Activity::blank(new_id(), kind, state.clock.now())
}

/// How a record kind is deleted: its changes (the record, and the links to
/// it removed from other records) and what is kept and unlinked.
pub type DeletePlan = fn(&Dataset, &str, DateTime<Utc>) -> (Vec<Change>, Unlinked);

/// What deleting record `id` will do, for the confirmation: "Delete Ada?
/// 2 deals will be kept and unlinked." `what` names the record.
pub fn delete_message(state: AppState, plan: DeletePlan, id: &str, what: &str) -> String {
    let (_, n) = state.data.with(|d| plan(d, id, state.clock.now()));
    tf("notices.delete.confirm", &[("what", what), ("unlinked", &unlinked(&n))]).trim_end().to_string()
}

/// Deletes record `id` with `plan`, undoably (the delete and its undo entry
/// in one transaction).
pub async fn delete_record(state: AppState, plan: DeletePlan, id: &str, what: &str) -> bool {
    let (changes, n) = state.data.with_untracked(|d| plan(d, id, state.clock.now()));
    let label = tf("notices.delete.done", &[("what", what), ("unlinked", &unlinked(&n))]).trim_end().to_string();
    save_undoable(state, changes, HistoryKind::Delete, label, "").await
}

/// Undoes history entry `key` as one user action, saying `done` (or
/// `already` when another tab undid it first).
pub async fn undo(state: AppState, key: f64, done: &str, already: &str) {
    match state.undo(key).await {
        Ok(true) => state.notify(NoticeKind::Success, done),
        Ok(false) => state.notify(NoticeKind::Error, already),
        Err(e) => state.notify(NoticeKind::Error, error_text(&e)),
    }
}

/// Converts a qualified lead into a deal; the new deal's id when written.
pub async fn convert_to_deal(state: AppState, contact_id: String) -> Option<String> {
    let deal_id = new_id();
    match state.data.with_untracked(|d| convert_lead(d, &contact_id, deal_id.clone(), state.clock.now())) {
        Ok(changes) => save(state, changes, t("notices.converted")).await.then_some(deal_id),
        Err(e) => {
            state.notify(NoticeKind::Error, super::text::t(e.key()));
            None
        }
    }
}

/// Where a deal goes on the board, or how it closes.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum DealMove {
    Stage(String),
    Won,
    Lost(String),
    Reopen,
}

/// Moves a deal to a stage, wins, loses (with a reason) or reopens it.
pub async fn move_deal_to(state: AppState, deal_id: String, to: DealMove) {
    let now = state.clock.now();
    let (changes, done) = state.data.with_untracked(|d| match &to {
        DealMove::Stage(stage) => {
            let name = d.settings().stage(stage).map(|s| s.name.clone()).unwrap_or_default();
            (move_deal(d, &deal_id, stage, now).into_iter().collect(), tf("notices.deal.moved", &[("stage", &name)]))
        }
        DealMove::Won => (win_deal(d, &deal_id, now), t("notices.deal.won").to_string()),
        DealMove::Lost(reason) => (lose_deal(d, &deal_id, reason, now), t("notices.deal.lost").to_string()),
        DealMove::Reopen => (reopen_deal(d, &deal_id, now), t("notices.deal.reopened").to_string()),
    });
    save(state, changes, done).await;
}

/// Marks a task done (logging an activity of `log`'s kind, if any) or, when
/// it is done, open again.
pub async fn toggle_task(state: AppState, task_id: String, is_done: bool, log: Option<ActivityKind>) {
    let now = state.clock.now();
    let changes = state.data.with_untracked(|d| {
        if is_done {
            reopen_task(d, &task_id, now)
        } else {
            complete_task(d, &task_id, log.map(|k| (k, new_id())), now)
        }
    });
    save(state, changes, if is_done { t("notices.task.reopened") } else { t("notices.task.done") }).await;
}

pub async fn delete_activity(state: AppState, id: String) {
    save(state, vec![Change::DeleteActivity { id }], t("notices.activity_deleted")).await;
}

/// Remembers that contacts `a` and `b` are not the same person.
pub async fn mark_not_duplicate(state: AppState, a: String, b: String) {
    let next = state.data.with_untracked(|d| d.settings().with_not_duplicate(&a, &b, state.clock.now()));
    save(state, vec![Change::PutSettings { record: next }], t("notices.not_duplicate")).await;
}

/// Merges contact `removed` into `survivor` with the person's choices, as
/// one undoable transaction.
pub async fn merge(state: AppState, survivor: Contact, removed: Contact, choices: FieldChoices) -> bool {
    let now = state.clock.now();
    let changes = match state.data.with_untracked(|d| merge_changes(d, &survivor.id, &removed.id, &choices, now)) {
        Ok(c) => c,
        Err(_) => {
            // Core says why in English (one contact twice, or one gone); the
            // two contacts are on the page, so "no longer exists" is the case.
            let key = if survivor.id == removed.id { "notices.merge.itself" } else { "notices.merge.gone" };
            state.notify(NoticeKind::Error, t(key));
            return false;
        }
    };
    let label = tf("notices.merged", &[("removed", &removed.display_name()), ("survivor", &survivor.display_name())]);
    save_undoable(state, changes, HistoryKind::Merge, label, "").await
}

/// Applies one suggested fix of the data audit, if its record still has the
/// value.
pub async fn fix_value(state: AppState, f: Fixable) {
    let now = state.clock.now();
    let change = state.data.with_untracked(|d| {
        if f.company {
            let mut c = d.companies().get(f.position as usize)?.clone();
            apply_to_company(&mut c, &f.suggestion).then(|| {
                c.updated = now;
                Change::PutCompany { record: c }
            })
        } else {
            let mut c = d.contacts().get(f.position as usize)?.clone();
            apply_to_contact(&mut c, &f.suggestion).then(|| {
                c.updated = now;
                Change::PutContact { record: c }
            })
        }
    });
    save(state, change.into_iter().collect(), t("notices.fixed")).await;
}

/// Applies every suggested fix for `reason` in one transaction.
pub async fn fix_every(state: AppState, reason: crate::core::normalize::FixReason) {
    let now = state.clock.now();
    let changes: Vec<Change> = state.data.with_untracked(|d| {
        let (contacts, companies) = fix_all(d, reason, &d.settings().default_country);
        contacts
            .into_iter()
            .map(|mut record| {
                record.updated = now;
                Change::PutContact { record }
            })
            .chain(companies.into_iter().map(|mut record| {
                record.updated = now;
                Change::PutCompany { record }
            }))
            .collect()
    });
    let n = changes.len();
    save(state, changes, tn("notices.fixed_records", n)).await;
}

/// Saves new settings, validated first; `next` is the settings change a
/// control made (or why it could not be made).
pub async fn save_settings(state: AppState, next: Result<Settings, String>, done: &str) {
    let next = match next {
        Ok(s) => s,
        Err(e) => return state.notify(NoticeKind::Error, e),
    };
    if let Some(e) = validate_settings(&next).first() {
        return state.notify(NoticeKind::Error, super::text::field_error(&e.message));
    }
    save(state, vec![Change::PutSettings { record: next }], done).await;
}

/// The current settings changed by `edit` (stamped now), for [`save_settings`].
pub fn edited_settings(state: AppState, edit: impl FnOnce(&mut Settings)) -> Settings {
    let mut s = state.data.with_untracked(|d| d.settings().clone());
    edit(&mut s);
    s.updated = state.clock.now();
    s
}

/// Removes a pipeline stage; its open deals move to the stage before it.
pub async fn remove_pipeline_stage(state: AppState, stage_id: String) {
    match state.data.with_untracked(|d| remove_stage(d, &stage_id, state.clock.now())) {
        Ok(changes) => {
            save(state, changes, t("notices.stage_removed")).await;
        }
        Err(e) => state.notify(NoticeKind::Error, stage_error(&e)),
    }
}

/// Writes an import (its change list, counted in `n`) as one undoable
/// transaction, saying "Imported contacts.csv: added 3 contacts, …".
/// `count_key` is the catalogue count of the file's records ("common.contacts").
pub async fn import(state: AppState, changes: Vec<Change>, n: ImportCounts, count_key: &str, file_name: &str) -> bool {
    if changes.is_empty() {
        state.notify(NoticeKind::Error, t("notices.import.nothing_chosen"));
        return false;
    }
    let mut parts = vec![tnf("notices.import.added", n.created, &[("count", &tn(count_key, n.created))])];
    if n.updated > 0 {
        parts.push(tnf("notices.import.updated", n.updated, &[("count", &tn(count_key, n.updated))]));
    }
    if n.companies > 0 {
        parts.push(tnf("notices.import.created", n.companies, &[("count", &tn("common.companies", n.companies))]));
    }
    let label = tf("notices.import.done", &[("file", &excerpt(file_name)), ("parts", &parts.join(", "))]);
    save_undoable(state, changes, HistoryKind::Import, label, t("notices.import.nothing")).await
}

/// Imports a checked backup file, replacing everything or merging (newer
/// wins), in one transaction, calling `progress(chunks written, chunks)` as
/// it writes. A replace takes the file's records without copying them when
/// `b` is the only handle on them. When nothing was imported, the backup
/// comes back (so its preview can stay).
pub async fn import_backup(
    state: AppState,
    b: Arc<Backup>,
    mode: ImportMode,
    file_name: &str,
    progress: &dyn Fn(usize, usize),
) -> Result<(), Arc<Backup>> {
    // Said before the records move into the store (a replace takes them).
    let done = tf("notices.backup.imported", &[("counts", &backup_counts(&b.data)), ("file", &excerpt(file_name))]);
    let result = match mode {
        ImportMode::Replace => {
            let Backup { format_version, schema_version, app_version, exported_at, data, has_settings, warnings } =
                Arc::try_unwrap(b).unwrap_or_else(|b| (*b).clone());
            let mut data = data;
            if !has_settings {
                // A file from before settings existed keeps the stored ones.
                let record = state.data.with_untracked(|d| d.settings().clone());
                data.apply(&Change::PutSettings { record });
            }
            state.replace_all_with(data, progress).await.map_err(|e| {
                let back = Backup {
                    format_version,
                    schema_version,
                    app_version,
                    exported_at,
                    data: e.data,
                    has_settings,
                    warnings,
                };
                (e.error, Arc::new(back))
            })
        }
        ImportMode::Merge => {
            state.rewrite(|current| apply_import(current, &b, ImportMode::Merge)).await.map_err(|e| (e, b))
        }
    };
    match result {
        Ok(()) => {
            state.notify(NoticeKind::Success, done);
            Ok(())
        }
        Err((e, b)) => {
            state.notify(NoticeKind::Error, tf("notices.import.failed", &[("error", &error_text(&e))]));
            Err(b)
        }
    }
}

/// What a backup holds, every kind named: "8 contacts, 4 companies, 3
/// deals, 12 activities and no tasks".
pub fn backup_counts(data: &Dataset) -> String {
    let kinds = [
        (data.contacts().len(), "common.contacts", "common.contacts.none"),
        (data.companies().len(), "common.companies", "common.companies.none"),
        (data.deals().len(), "common.deals", "common.deals.none"),
        (data.activities().len(), "common.activities", "common.activities.none"),
        (data.tasks().len(), "common.tasks", "common.tasks.none"),
    ];
    let parts: Vec<String> =
        kinds.iter().map(|&(n, some, none)| if n == 0 { t(none).to_string() } else { tn(some, n) }).collect();
    list(&parts)
}

/// "3 contacts and 2 deals will be kept and unlinked.", or nothing when no
/// record links to the one deleted.
fn unlinked(n: &Unlinked) -> String {
    let kinds = [
        (n.contacts, "common.contacts"),
        (n.deals, "common.deals"),
        (n.activities, "common.activities"),
        (n.tasks, "common.tasks"),
    ];
    let parts: Vec<String> = kinds.iter().filter(|(n, _)| *n > 0).map(|&(n, key)| tn(key, n)).collect();
    if parts.is_empty() {
        return String::new();
    }
    let total = n.contacts + n.deals + n.activities + n.tasks;
    tnf("notices.delete.unlinked", total, &[("list", &list(&parts))])
}

/// Loads `demo` (the demo records) as the data, keeping anything another tab
/// saved meanwhile, in one transaction.
pub async fn load_demo(state: AppState, demo: Dataset, n: usize) {
    let result = state
        .rewrite(move |current| {
            let mut data = demo.clone();
            if !current.is_empty() {
                for change in every_record(current) {
                    data.apply(&change);
                }
            }
            data
        })
        .await;
    match result {
        Ok(()) => state.notify(NoticeKind::Success, tn("notices.demo_loaded", n)),
        Err(e) => state.notify(NoticeKind::Error, error_text(&e)),
    }
}

/// Every record of `data` as puts, to lay over other data.
fn every_record(data: &Dataset) -> Vec<Change> {
    let r = data.to_parts();
    let mut out: Vec<Change> = Vec::new();
    out.extend(r.companies.into_iter().map(|record| Change::PutCompany { record }));
    out.extend(r.contacts.into_iter().map(|record| Change::PutContact { record }));
    out.extend(r.deals.into_iter().map(|record| Change::PutDeal { record }));
    out.extend(r.activities.into_iter().map(|record| Change::PutActivity { record }));
    out.extend(r.tasks.into_iter().map(|record| Change::PutTask { record }));
    out.extend(r.settings.map(|record| Change::PutSettings { record }));
    out
}
