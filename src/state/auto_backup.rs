//! Automatic backups to a folder (where the browser has the File System
//! Access API), on the [`Durability`] context: choosing the folder, asking
//! for its permission again after a restart (one click), the key that
//! encrypts them, and when they are written.
//!
//! After a change made in this tab, a backup is written once the data has
//! been quiet for [`QUIET`] and at least the settings' "every N minutes"
//! after the last automatic backup (of any tab: the device store's record is
//! read again just before writing). The folder keeps the newest K automatic
//! backups (`BackupFolder::write_backup`). Each tab backs up only after its
//! own changes, so two open tabs do not write the same backup twice.

use chrono::{DateTime, Duration, Utc};
use leptos::prelude::*;
use leptos::task::spawn_local;

use super::durability::{Durability, FolderStatus};
use super::text::{error_text, t, tf};
use crate::core::backup::files::{automatic_file_name, next_automatic_backup, BackupPlace, LastBackup};
use crate::storage::crypto::BackupKey;
use crate::storage::folder::{BackupFolder, Permission};
use crate::storage::StorageError;

/// How long the data must be quiet after a change before a backup is written.
pub const QUIET: Duration = Duration::seconds(5);

/// Waits `ms` milliseconds (a timer, so the page stays responsive).
async fn sleep_ms(ms: i64) {
    let ms = ms.clamp(0, i64::from(i32::MAX)) as i32;
    let promise = js_sys::Promise::new(&mut |resolve, _| {
        if let Some(w) = web_sys::window() {
            let _ = w.set_timeout_with_callback_and_timeout_and_arguments_0(&resolve, ms);
        }
    });
    let _ = wasm_bindgen_futures::JsFuture::from(promise).await;
}

impl Durability {
    /// Where automatic backups stand.
    pub fn folder_status(&self) -> FolderStatus {
        self.folder.get()
    }

    /// Whether a key for encrypted automatic backups is set.
    pub fn has_key(&self) -> bool {
        self.has_key.get()
    }

    /// Why the last automatic backup failed, until one succeeds.
    pub fn auto_problem(&self) -> Option<String> {
        self.auto_problem.get()
    }

    /// Whether a backup is being written to the folder now.
    pub fn is_writing(&self) -> bool {
        self.is_writing.get()
    }

    /// Reads the kept folder and whether the browser still allows it.
    pub(super) async fn load_folder(self) {
        if self.folder.get_untracked() == FolderStatus::Unsupported {
            return;
        }
        let Ok(store) = self.state.store() else { return };
        let folder = match store.backup_folder().await {
            Ok(Some(f)) => f,
            Ok(None) => return,
            Err(e) => return self.auto_problem.set(Some(error_text(&e))),
        };
        drop(store);
        let name = folder.name();
        let status = match folder.permission().await {
            Ok(Permission::Granted) => FolderStatus::On { name },
            _ => FolderStatus::NeedsPermission { name },
        };
        *self.inner().folder.borrow_mut() = Some(folder);
        self.folder.set(status);
    }

    /// Asks the person for a folder (from a click), keeps it, and writes the
    /// first backup there at once.
    pub async fn choose_folder(self) -> Result<String, String> {
        let folder = BackupFolder::choose().await.map_err(|e| error_text(&e))?;
        let store = self.state.store().map_err(|e| error_text(&e))?;
        store.save_backup_folder(&folder).await.map_err(|e| error_text(&e))?;
        drop(store);
        let name = folder.name();
        *self.inner().folder.borrow_mut() = Some(folder);
        self.folder.set(FolderStatus::On { name });
        self.back_up_to_folder().await
    }

    /// Asks the browser to allow the kept folder again (from one click; the
    /// browser shows its own prompt), then catches up with a backup.
    pub async fn allow_folder(self) -> Result<String, String> {
        let Some(folder) = self.inner().folder.borrow().clone() else {
            return Err(t("notices.backup.no_folder").into());
        };
        match folder.request_permission().await.map_err(|e| error_text(&e))? {
            Permission::Granted => {
                self.folder.set(FolderStatus::On { name: folder.name() });
                self.back_up_to_folder().await
            }
            _ => Err(tf("notices.backup.not_allowed", &[("folder", &folder.name())])),
        }
    }

    /// Stops automatic backups and forgets the folder (its files stay).
    pub async fn stop_folder(self) -> Result<(), String> {
        let store = self.state.store().map_err(|e| error_text(&e))?;
        store.forget_backup_folder().await.map_err(|e| error_text(&e))?;
        *self.inner().folder.borrow_mut() = None;
        self.folder.set(FolderStatus::Off);
        self.auto_problem.set(None);
        Ok(())
    }

    /// Derives and keeps the key that encrypts automatic (and one-click)
    /// backups; the passphrase itself is not kept.
    pub async fn set_key(self, passphrase: &str) -> Result<(), String> {
        let key = BackupKey::derive(passphrase).await.map_err(|e| error_text(&e))?;
        let store = self.state.store().map_err(|e| error_text(&e))?;
        store.save_backup_key(&key).await.map_err(|e| error_text(&e))?;
        *self.inner().key.borrow_mut() = Some(key);
        self.has_key.set(true);
        Ok(())
    }

    /// Forgets the key: later backups are not encrypted.
    pub async fn forget_key(self) -> Result<(), String> {
        let store = self.state.store().map_err(|e| error_text(&e))?;
        store.forget_backup_key().await.map_err(|e| error_text(&e))?;
        *self.inner().key.borrow_mut() = None;
        self.has_key.set(false);
        Ok(())
    }

    /// Writes a backup to the folder now; returns the file's name.
    pub async fn back_up_to_folder(self) -> Result<String, String> {
        let result = self.write_to_folder().await;
        match &result {
            Ok(_) => self.auto_problem.set(None),
            Err(e) => self.auto_problem.set(Some(e.clone())),
        }
        result
    }

    async fn write_to_folder(self) -> Result<String, String> {
        let Some(folder) = self.inner().folder.borrow().clone() else {
            return Err(t("notices.backup.no_folder").into());
        };
        if folder.permission().await.map_err(|e| error_text(&e))? != Permission::Granted {
            self.folder.set(FolderStatus::NeedsPermission { name: folder.name() });
            return Err(tf("notices.backup.paused", &[("folder", &folder.name())]));
        }
        self.is_writing.set(true);
        let inner = self.inner();
        inner.changed_at.set(None);
        let at = self.state.clock.now();
        let text = self.export_text(at).await;
        let key = inner.key.borrow().clone();
        let bytes = match &key {
            Some(key) => key.encrypt(text.as_bytes()).await,
            None => Ok(text.into_bytes()),
        };
        let name = automatic_file_name(at, key.is_some());
        let keep = self.settings.get_untracked().keep as usize;
        let written = match bytes {
            Ok(bytes) => folder.write_backup(&name, &bytes, keep).await.map(|_| bytes.len()),
            Err(e) => Err(e),
        };
        self.is_writing.set(false);
        let size = match written {
            Ok(size) => size,
            Err(e) => {
                if matches!(e, StorageError::NotAllowed(_)) {
                    self.folder.set(FolderStatus::NeedsPermission { name: folder.name() });
                }
                // The change is still not backed up.
                inner.changed_at.set(Some(at));
                return Err(tf("notices.backup.failed", &[("error", &error_text(&e))]));
            }
        };
        inner.last_folder_write.set(Some(at));
        let last = LastBackup {
            at,
            bytes: size as u64,
            file_name: name.clone(),
            is_encrypted: key.is_some(),
            place: BackupPlace::Folder,
        };
        self.record(last).await.map_err(|e| tf("notices.backup.not_noted", &[("error", &error_text(&e))]))?;
        Ok(name)
    }

    /// Notes a change at `now` and makes sure a backup is scheduled.
    pub(super) fn schedule_automatic(self, now: DateTime<Utc>) {
        if !matches!(self.folder.get_untracked(), FolderStatus::On { .. }) {
            return;
        }
        let inner = self.inner();
        inner.changed_at.set(Some(now));
        if !inner.is_scheduled.replace(true) {
            spawn_local(async move {
                self.run_schedule().await;
                self.inner().is_scheduled.set(false);
            });
        }
    }

    /// Waits until the next backup is due and writes it, while changes
    /// keep coming; ends when everything changed is backed up.
    async fn run_schedule(self) {
        loop {
            let inner = self.inner();
            let Some(changed) = inner.changed_at.get() else { return };
            if !matches!(self.folder.get_untracked(), FolderStatus::On { .. }) {
                return;
            }
            // Another tab's automatic backup counts too.
            let stored = self.state.store().ok();
            let others = match stored {
                Some(store) => store.last_backup().await.ok().flatten(),
                None => None,
            };
            let others = others.filter(|l| l.place == BackupPlace::Folder).map(|l| l.at);
            if others.is_some_and(|at| at > changed + Duration::seconds(1)) {
                // Another tab backed up after this change (it had heard of it).
                inner.changed_at.set(None);
                return;
            }
            let last_written = inner.last_folder_write.get().max(others);
            let settings = self.settings.get_untracked();
            let due = next_automatic_backup(changed, last_written, &settings, QUIET);
            let wait = (due - self.state.clock.now()).num_milliseconds();
            if wait > 0 {
                // In steps of at most a minute, so a change of the settings
                // or a new change is seen.
                sleep_ms(wait.min(60_000)).await;
                continue;
            }
            if self.back_up_to_folder().await.is_err() {
                // Said on the Backup page and in the header; retried after
                // the next change (or at once, once allowed again).
                return;
            }
        }
    }
}
