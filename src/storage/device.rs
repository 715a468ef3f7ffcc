//! The `device` store (schema 4): what belongs to this browser alone and is
//! never part of a backup, a snapshot or another tab's journal.
//!
//! | key | value |
//! | --- | --- |
//! | `backup_key` | `{v: 1, key: CryptoKey, iterations, salt: Uint8Array(16)}`: the non-extractable key for automatic encrypted backups (never the passphrase) |
//! | `backup_folder` | `{v: 1, handle: FileSystemDirectoryHandle}`: the automatic-backup folder |
//! | `last_backup` | JSON text of `core::backup::files::LastBackup` |
//! | `backup_settings` | JSON text of `core::backup::files::BackupSettings` (reminder and automatic-backup settings) |
//!
//! The first two are stored by structured clone (IndexedDB keeps a
//! `CryptoKey` non-extractable and a directory handle re-usable after a
//! restart, once permission is granted again). Each write is one small
//! transaction of its own.

use js_sys::{Object, Reflect};
use wasm_bindgen::{JsCast, JsValue};
use web_sys::{FileSystemDirectoryHandle, IdbTransactionMode};

use super::crypto::BackupKey;
use super::engine::Store;
use super::error::StorageError;
use super::folder::BackupFolder;
use super::idb::{committed, done, request, started, store, transaction};
use super::schema::DEVICE;
use crate::core::backup::files::{BackupSettings, LastBackup};

const BACKUP_KEY: &str = "backup_key";
const BACKUP_FOLDER: &str = "backup_folder";
const LAST_BACKUP: &str = "last_backup";
const BACKUP_SETTINGS: &str = "backup_settings";

impl Store {
    async fn device_get(&self, key: &str) -> Result<JsValue, StorageError> {
        let tx = transaction(&self.db, &[DEVICE], IdbTransactionMode::Readonly)?;
        let finished = done(&tx);
        let value = request(started(store(&tx, DEVICE)?.get(&JsValue::from_str(key)))?).await?;
        committed(finished, &tx).await?;
        Ok(value)
    }

    async fn device_put(&self, key: &str, value: &JsValue) -> Result<(), StorageError> {
        let tx = transaction(&self.db, &[DEVICE], IdbTransactionMode::Readwrite)?;
        let finished = done(&tx);
        let put = started(store(&tx, DEVICE)?.put_with_key(value, &JsValue::from_str(key)));
        match put {
            Ok(req) => {
                request(req).await?;
                committed(finished, &tx).await
            }
            Err(e) => {
                let _ = tx.abort();
                let _ = finished.await;
                Err(e)
            }
        }
    }

    async fn device_delete(&self, key: &str) -> Result<(), StorageError> {
        let tx = transaction(&self.db, &[DEVICE], IdbTransactionMode::Readwrite)?;
        let finished = done(&tx);
        request(started(store(&tx, DEVICE)?.delete(&JsValue::from_str(key)))?).await?;
        committed(finished, &tx).await
    }

    /// Keeps the key for automatic encrypted backups (replacing any earlier one).
    pub async fn save_backup_key(&self, key: &BackupKey) -> Result<(), StorageError> {
        self.device_put(BACKUP_KEY, &key.to_stored()).await
    }

    /// The kept key for automatic encrypted backups, if one was set.
    pub async fn backup_key(&self) -> Result<Option<BackupKey>, StorageError> {
        let v = self.device_get(BACKUP_KEY).await?;
        if v.is_undefined() {
            return Ok(None);
        }
        BackupKey::from_stored(&v).map(Some)
    }

    /// Forgets the key: automatic backups are then written unencrypted (or
    /// stopped, as the settings say).
    pub async fn forget_backup_key(&self) -> Result<(), StorageError> {
        self.device_delete(BACKUP_KEY).await
    }

    /// Keeps the automatic-backup folder's handle.
    pub async fn save_backup_folder(&self, folder: &BackupFolder) -> Result<(), StorageError> {
        let o = Object::new();
        let _ = Reflect::set(&o, &"v".into(), &JsValue::from_f64(1.0));
        let _ = Reflect::set(&o, &"handle".into(), folder.handle());
        self.device_put(BACKUP_FOLDER, &o).await
    }

    /// The kept backup folder, if one was chosen. Its permission may need
    /// asking again (`BackupFolder::permission`).
    pub async fn backup_folder(&self) -> Result<Option<BackupFolder>, StorageError> {
        let v = self.device_get(BACKUP_FOLDER).await?;
        if v.is_undefined() {
            return Ok(None);
        }
        let bad = |what: &str| StorageError::Corrupt(format!("The stored backup folder cannot be read ({what})."));
        if Reflect::get(&v, &"v".into()).ok().and_then(|x| x.as_f64()) != Some(1.0) {
            return Err(bad("unknown version"));
        }
        let handle: FileSystemDirectoryHandle = Reflect::get(&v, &"handle".into())
            .ok()
            .and_then(|h| h.dyn_into().ok())
            .ok_or_else(|| bad("no folder handle"))?;
        Ok(Some(BackupFolder::from_handle(handle)))
    }

    pub async fn forget_backup_folder(&self) -> Result<(), StorageError> {
        self.device_delete(BACKUP_FOLDER).await
    }

    /// Records the backup just made (downloaded or written to the folder).
    pub async fn record_backup(&self, last: &LastBackup) -> Result<(), StorageError> {
        self.device_put(LAST_BACKUP, &JsValue::from_str(&last.encode())).await
    }

    /// The last backup made in this browser, if any.
    pub async fn last_backup(&self) -> Result<Option<LastBackup>, StorageError> {
        let v = self.device_get(LAST_BACKUP).await?;
        match v.as_string() {
            None => Ok(None),
            Some(text) => LastBackup::decode(&text).map(Some).map_err(StorageError::Corrupt),
        }
    }

    /// Keeps this browser's backup settings.
    pub async fn save_backup_settings(&self, settings: &BackupSettings) -> Result<(), StorageError> {
        self.device_put(BACKUP_SETTINGS, &JsValue::from_str(&settings.encode())).await
    }

    /// This browser's backup settings, if they were ever saved.
    pub async fn backup_settings(&self) -> Result<Option<BackupSettings>, StorageError> {
        let v = self.device_get(BACKUP_SETTINGS).await?;
        match v.as_string() {
            None => Ok(None),
            Some(text) => BackupSettings::decode(&text).map(Some).map_err(StorageError::Corrupt),
        }
    }
}
