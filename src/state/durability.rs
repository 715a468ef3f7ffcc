//! What keeps the one copy of the data safe in this browser (issue 12): the
//! persistence request and the storage figures (Settings → Storage), the
//! last backup and the reminder to make one, backup files made for a
//! download (encrypted or not), and this browser's backup settings. The
//! automatic backups to a folder are in `auto_backup.rs`, on the same
//! context.
//!
//! [`Durability`] is provided once at the root, after [`AppState`]; it reads
//! what the `device` store keeps once the database is open. The browser is
//! asked to keep the data (`navigator.storage.persist()`) after the first
//! write this session that leaves data behind, never for an empty app.

use std::cell::{Cell, RefCell};
use std::rc::Rc;

use chrono::{DateTime, Utc};
use leptos::prelude::*;
use leptos::task::spawn_local;

use super::text::{error_text, tf};
use super::AppState;
use crate::core::backup::export_backup;
use crate::core::backup::files::{backup_age, download_file_name, BackupAge, BackupPlace, BackupSettings, LastBackup};
use crate::storage::crypto::{self, BackupKey};
use crate::storage::folder::{self, BackupFolder};
use crate::storage::persistence;
use crate::storage::StorageError;
use crate::APP_VERSION;

/// Where automatic backups to a folder stand.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum FolderStatus {
    /// This browser cannot write to a folder: reminders and downloads instead.
    Unsupported,
    /// No folder chosen.
    Off,
    /// Backups are written to the folder of this name.
    On { name: String },
    /// The browser needs a click to allow the folder again (after a restart).
    NeedsPermission { name: String },
}

/// How much this site stores, as the browser estimates it, in bytes.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Usage {
    pub used: f64,
    pub available: f64,
}

/// A backup file made to be downloaded.
#[derive(Clone, Debug)]
pub struct BackupFile {
    pub name: String,
    pub bytes: Vec<u8>,
    pub is_encrypted: bool,
    pub at: DateTime<Utc>,
}

/// How a backup being made is encrypted.
#[derive(Clone, Debug)]
pub enum Encryption {
    None,
    /// With this passphrase (never kept).
    Passphrase(String),
    /// With the key kept for automatic backups, if one is set.
    SavedKey,
}

/// What the context keeps besides signals: browser handles and the
/// automatic backups' timing.
#[derive(Default)]
pub(super) struct Inner {
    pub(super) folder: RefCell<Option<BackupFolder>>,
    pub(super) key: RefCell<Option<BackupKey>>,
    has_asked_persistence: Cell<bool>,
    /// When this tab last changed data that no automatic backup holds yet.
    pub(super) changed_at: Cell<Option<DateTime<Utc>>>,
    pub(super) is_scheduled: Cell<bool>,
    /// When this tab last wrote an automatic backup.
    pub(super) last_folder_write: Cell<Option<DateTime<Utc>>>,
}

/// The durability context. Cheap to copy.
#[derive(Clone, Copy)]
pub struct Durability {
    pub(super) state: AppState,
    persisted: RwSignal<Option<bool>>,
    usage: RwSignal<Option<Usage>>,
    pub(super) last_backup: RwSignal<Option<LastBackup>>,
    pub(super) settings: RwSignal<BackupSettings>,
    pub(super) folder: RwSignal<FolderStatus>,
    pub(super) has_key: RwSignal<bool>,
    /// Why the last automatic backup failed, until one succeeds.
    pub(super) auto_problem: RwSignal<Option<String>>,
    pub(super) is_writing: RwSignal<bool>,
    age: Memo<BackupAge>,
    pub(super) inner: StoredValue<Rc<Inner>, LocalStorage>,
}

impl Durability {
    /// Creates the context, provides it, and reads the `device` store once
    /// the database is open.
    pub fn provide(state: AppState) -> Durability {
        let last_backup = RwSignal::new(None::<LastBackup>);
        let age = Memo::new(move |_| {
            let last = last_backup.with(|l| l.as_ref().map(|l| l.at));
            state.data.with(|d| backup_age(d, last))
        });
        let d = Durability {
            state,
            persisted: RwSignal::new(None),
            usage: RwSignal::new(None),
            last_backup,
            settings: RwSignal::new(BackupSettings::default()),
            folder: RwSignal::new(if folder::is_supported() { FolderStatus::Off } else { FolderStatus::Unsupported }),
            has_key: RwSignal::new(false),
            auto_problem: RwSignal::new(None),
            is_writing: RwSignal::new(false),
            age,
            inner: StoredValue::new_local(Rc::new(Inner::default())),
        };
        provide_context(d);
        state.on_write(move || d.after_write());
        // Read the device store once the database is open (a one-off load,
        // not a derivation: the effect only starts it).
        Effect::new(move |started: Option<bool>| {
            if started == Some(true) || !state.is_ready() {
                return started.unwrap_or(false);
            }
            spawn_local(async move { d.load().await });
            true
        });
        d
    }

    pub fn expect() -> Durability {
        expect_context::<Durability>()
    }

    async fn load(self) {
        if let Ok(p) = persistence::is_persisted().await {
            self.persisted.set(Some(p));
        }
        let Ok(store) = self.state.store() else { return };
        match store.last_backup().await {
            Ok(last) => self.last_backup.set(last),
            Err(e) => self.auto_problem.set(Some(error_text(&e))),
        }
        match store.backup_settings().await {
            Ok(Some(s)) => self.settings.set(s),
            Ok(None) => {}
            Err(e) => self.auto_problem.set(Some(tf("notices.backup.settings_unread", &[("error", &error_text(&e))]))),
        }
        if let Ok(Some(key)) = store.backup_key().await {
            *self.inner().key.borrow_mut() = Some(key);
            self.has_key.set(true);
        }
        drop(store);
        self.load_folder().await;
    }

    pub(super) fn inner(&self) -> Rc<Inner> {
        self.inner.get_value()
    }

    /// Whether the browser promised to keep the data (`None` until known,
    /// or where the browser has no Storage API).
    pub fn persisted(&self) -> Option<bool> {
        self.persisted.get()
    }

    /// The last storage estimate ([`refresh_usage`](Self::refresh_usage)).
    pub fn usage(&self) -> Option<Usage> {
        self.usage.get()
    }

    /// The last backup made in this browser.
    pub fn last_backup(&self) -> Option<LastBackup> {
        self.last_backup.get()
    }

    pub fn settings(&self) -> BackupSettings {
        self.settings.get()
    }

    /// How far the data is from its last backup.
    pub fn age(&self) -> BackupAge {
        self.age.get()
    }

    /// Whether to remind the person to back up (the settings' days or
    /// changes since the last backup).
    pub fn is_reminder_due(&self) -> bool {
        let policy = self.settings.with(|s| s.reminder);
        self.age.with(|a| a.is_due(self.state.clock.now(), policy))
    }

    /// Asks the browser for fresh figures: persistence, usage and quota.
    pub async fn refresh_usage(self) {
        if let Ok(p) = persistence::is_persisted().await {
            self.persisted.set(Some(p));
        }
        if let Ok(e) = persistence::estimate().await {
            self.usage.set(Some(Usage { used: e.usage, available: e.available() }));
        }
    }

    /// Asks the browser to keep the data (from a click: Firefox then asks
    /// the person). Returns whether it is persistent now.
    pub async fn ask_persistence(self) -> Result<bool, String> {
        self.inner().has_asked_persistence.set(true);
        let granted = persistence::request_persistence().await.map_err(|e| error_text(&e))?;
        self.persisted.set(Some(granted));
        Ok(granted)
    }

    /// After each write of this tab: the first that leaves data behind asks
    /// for persistence; automatic backups are scheduled.
    fn after_write(self) {
        let inner = self.inner();
        let has_data = self.state.data.with_untracked(|d| !d.is_empty());
        if has_data && !inner.has_asked_persistence.get() && self.persisted.get_untracked() != Some(true) {
            inner.has_asked_persistence.set(true);
            spawn_local(async move {
                if let Ok(granted) = persistence::request_persistence().await {
                    self.persisted.set(Some(granted));
                }
            });
        }
        self.schedule_automatic(self.state.clock.now());
    }

    /// Makes a backup file of everything stored, encrypted as asked.
    pub async fn make_backup(self, encryption: Encryption) -> Result<BackupFile, String> {
        let at = self.state.clock.now();
        let text = self.export_text(at).await;
        let key = match &encryption {
            Encryption::SavedKey => self.inner().key.borrow().clone(),
            _ => None,
        };
        let (bytes, is_encrypted) = match (encryption, key) {
            (Encryption::Passphrase(p), _) => (crypto::encrypt(text.as_bytes(), &p).await, true),
            (Encryption::SavedKey, Some(key)) => (key.encrypt(text.as_bytes()).await, true),
            _ => (Ok(text.into_bytes()), false),
        };
        let bytes = bytes.map_err(|e| tf("notices.backup.not_encrypted", &[("error", &error_text(&e))]))?;
        Ok(BackupFile { name: download_file_name(self.state.clock.today(), is_encrypted), bytes, is_encrypted, at })
    }

    /// The backup text of everything, once all of it is in memory.
    pub(super) async fn export_text(self, at: DateTime<Utc>) -> String {
        self.state.until_complete().await;
        self.state.data.with_untracked(|d| export_backup(d, APP_VERSION, at))
    }

    /// Records a backup the person downloaded (its date and size are shown
    /// in Settings → Storage and reset the reminder).
    pub async fn record_download(self, file: &BackupFile) -> Result<(), String> {
        let last = LastBackup {
            at: file.at,
            bytes: file.bytes.len() as u64,
            file_name: file.name.clone(),
            is_encrypted: file.is_encrypted,
            place: BackupPlace::Download,
        };
        self.record(last).await.map_err(|e| error_text(&e))
    }

    pub(super) async fn record(self, last: LastBackup) -> Result<(), StorageError> {
        // Shown at once, even if keeping the record fails.
        self.last_backup.set(Some(last.clone()));
        self.state.store()?.record_backup(&last).await
    }

    /// Saves this browser's backup settings.
    pub async fn save_settings(self, settings: BackupSettings) -> Result<(), String> {
        let store = self.state.store().map_err(|e| error_text(&e))?;
        store.save_backup_settings(&settings).await.map_err(|e| error_text(&e))?;
        self.settings.set(settings);
        Ok(())
    }
}

/// Decrypts an encrypted backup file with `passphrase`: the backup file
/// inside, or a message ("damaged or wrong passphrase", an unknown format).
pub async fn decrypt_backup(bytes: &[u8], passphrase: &str) -> Result<Vec<u8>, String> {
    crypto::decrypt(bytes, passphrase).await.map_err(|e| error_text(&e))
}
