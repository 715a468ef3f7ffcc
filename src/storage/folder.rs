//! Automatic backups to a folder the person chose, with the File System
//! Access API (Chromium-based browsers on the desktop). Where the browser
//! lacks it, [`is_supported`] is false and the UI falls back to a reminder
//! with a one-click download.
//!
//! The folder's handle is kept in IndexedDB (`Store::save_backup_folder`),
//! so it survives a restart; the browser then asks for permission again,
//! which must come from a click ([`BackupFolder::request_permission`]).
//!
//! `showDirectoryPicker`, `queryPermission` and `requestPermission` are
//! called through `js_sys::Reflect`: web-sys has the first only behind
//! `--cfg=web_sys_unstable_apis` (which every cargo, clippy and trunk
//! command would then need) and the other two not at all. Everything else
//! (the handles, writable streams, directory listing) is stable web-sys.
//!
//! A file is written through `createWritable`, which writes to a temporary
//! file and replaces the target only on `close()`: a crash mid-write leaves
//! the previous files as they were, never half a backup.

use js_sys::{Array, Function, Object, Promise, Reflect, Uint8Array};
use wasm_bindgen::{JsCast, JsValue};
use wasm_bindgen_futures::JsFuture;
use web_sys::{
    FileSystemDirectoryHandle, FileSystemFileHandle, FileSystemGetFileOptions, FileSystemWritableFileStream,
};

use super::error::StorageError;
use crate::core::backup::files::files_to_prune;

/// Whether this browser can write backups to a folder by itself.
pub fn is_supported() -> bool {
    web_sys::window().is_some_and(|w| Reflect::has(&w, &"showDirectoryPicker".into()).unwrap_or(false))
}

/// The browser's answer about access to the folder.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Permission {
    Granted,
    /// Ask again, from a click (after a restart, browsers reset it).
    Prompt,
    Denied,
}

fn folder_error(e: &JsValue) -> StorageError {
    match e.dyn_ref::<web_sys::DomException>() {
        Some(d) if d.name() == "AbortError" => StorageError::Cancelled,
        Some(d) if d.name() == "NotAllowedError" || d.name() == "SecurityError" => {
            StorageError::NotAllowed(d.message())
        }
        Some(d) if d.name() == "NotFoundError" => {
            StorageError::Failed("the backup folder was moved or deleted; choose it again".into())
        }
        _ => StorageError::from_js(e),
    }
}

async fn settle(promise: Result<Promise, JsValue>) -> Result<JsValue, StorageError> {
    JsFuture::from(promise.map_err(|e| folder_error(&e))?).await.map_err(|e| folder_error(&e))
}

/// Calls `target[method](arg)` and returns its promise.
fn call1(target: &JsValue, method: &str, arg: &JsValue) -> Result<Promise, JsValue> {
    let f: Function = Reflect::get(target, &method.into())?.dyn_into()?;
    f.call1(target, arg)?.dyn_into()
}

fn readwrite() -> Object {
    let o = Object::new();
    let _ = Reflect::set(&o, &"mode".into(), &"readwrite".into());
    o
}

/// A folder for automatic backups.
#[derive(Clone, Debug)]
pub struct BackupFolder {
    handle: FileSystemDirectoryHandle,
}

impl BackupFolder {
    /// Asks the person to choose a folder (must be called from a click).
    /// `Err(Cancelled)` when they close the picker.
    pub async fn choose() -> Result<BackupFolder, StorageError> {
        if !is_supported() {
            return Err(StorageError::Unsupported("no File System Access API: backups are downloaded instead".into()));
        }
        let window: JsValue = web_sys::window().ok_or_else(|| StorageError::Unsupported("no window".into()))?.into();
        let options = readwrite();
        // The picker opens where it was last used for this purpose.
        let _ = Reflect::set(&options, &"id".into(), &"crm-backups".into());
        let _ = Reflect::set(&options, &"startIn".into(), &"documents".into());
        let handle = settle(call1(&window, "showDirectoryPicker", &options)).await?;
        Ok(BackupFolder { handle: handle.unchecked_into() })
    }

    /// A folder from a handle obtained elsewhere (tests use the origin-private
    /// file system, which needs no picker).
    #[doc(hidden)]
    pub fn from_handle(handle: FileSystemDirectoryHandle) -> BackupFolder {
        BackupFolder { handle }
    }

    /// The origin-private file system's root (no picker, no permission prompt):
    /// browser tests write "backups" there.
    #[doc(hidden)]
    pub async fn private_root() -> Result<BackupFolder, StorageError> {
        let storage =
            web_sys::window().ok_or_else(|| StorageError::Unsupported("no window".into()))?.navigator().storage();
        let handle = settle(Ok(storage.get_directory())).await?;
        Ok(BackupFolder { handle: handle.unchecked_into() })
    }

    /// A folder inside this one, created if missing (tests keep their files apart).
    #[doc(hidden)]
    pub async fn subfolder(&self, name: &str) -> Result<BackupFolder, StorageError> {
        let options = web_sys::FileSystemGetDirectoryOptions::new();
        options.set_create(true);
        let handle = settle(Ok(self.handle.get_directory_handle_with_options(name, &options))).await?;
        Ok(BackupFolder { handle: handle.unchecked_into() })
    }

    /// The folder's name as the person's file manager shows it.
    pub fn name(&self) -> String {
        self.handle.name()
    }

    pub(super) fn handle(&self) -> &FileSystemDirectoryHandle {
        &self.handle
    }

    async fn ask(&self, method: &str) -> Result<Permission, StorageError> {
        let answer = settle(call1(&self.handle, method, &readwrite())).await?;
        Ok(match answer.as_string().as_deref() {
            Some("granted") => Permission::Granted,
            Some("denied") => Permission::Denied,
            _ => Permission::Prompt,
        })
    }

    /// Whether the app may write to the folder now. Browsers without the
    /// permission methods (handles from the private file system in some
    /// versions) count as granted.
    pub async fn permission(&self) -> Result<Permission, StorageError> {
        if !Reflect::has(&self.handle, &"queryPermission".into()).unwrap_or(false) {
            return Ok(Permission::Granted);
        }
        self.ask("queryPermission").await
    }

    /// Asks the browser for write access again (after a restart); must be
    /// called from a click. One click: the browser shows its own prompt.
    pub async fn request_permission(&self) -> Result<Permission, StorageError> {
        if !Reflect::has(&self.handle, &"requestPermission".into()).unwrap_or(false) {
            return Ok(Permission::Granted);
        }
        self.ask("requestPermission").await
    }

    /// Writes `bytes` as the file `name`, replacing one of that name.
    pub async fn write_file(&self, name: &str, bytes: &[u8]) -> Result<(), StorageError> {
        let options = FileSystemGetFileOptions::new();
        options.set_create(true);
        let file: FileSystemFileHandle =
            settle(Ok(self.handle.get_file_handle_with_options(name, &options))).await?.unchecked_into();
        let writable: FileSystemWritableFileStream = settle(Ok(file.create_writable())).await?.unchecked_into();
        // A JS copy of the bytes: a view on wasm memory could move while the
        // write is pending.
        let chunk = Uint8Array::from(bytes);
        let written = match writable.write_with_buffer_source(&chunk) {
            Ok(p) => settle(Ok(p)).await.map(|_| ()),
            Err(e) => Err(folder_error(&e)),
        };
        match written {
            Ok(()) => settle(Ok(writable.close())).await.map(|_| ()),
            Err(e) => {
                // Discard the temporary file; the old one stays.
                let _ = JsFuture::from(writable.abort()).await;
                Err(e)
            }
        }
    }

    /// Reads the file `name` (tests, and checking a backup that was written).
    pub async fn read_file(&self, name: &str) -> Result<Vec<u8>, StorageError> {
        let file: FileSystemFileHandle = settle(Ok(self.handle.get_file_handle(name))).await?.unchecked_into();
        let blob: web_sys::Blob = settle(Ok(file.get_file())).await?.unchecked_into();
        let buffer = settle(Ok(blob.array_buffer())).await?;
        Ok(Uint8Array::new(&buffer).to_vec())
    }

    /// The names of the files directly in the folder (not its subfolders).
    pub async fn file_names(&self) -> Result<Vec<String>, StorageError> {
        let entries = self.handle.entries();
        let mut names = Vec::new();
        loop {
            let step = settle(entries.next()).await?;
            if Reflect::get(&step, &"done".into()).ok().and_then(|d| d.as_bool()).unwrap_or(true) {
                break;
            }
            let pair: Array = Reflect::get(&step, &"value".into()).map_err(|e| folder_error(&e))?.unchecked_into();
            let kind = Reflect::get(&pair.get(1), &"kind".into()).ok().and_then(|k| k.as_string());
            if kind.as_deref() == Some("file") {
                if let Some(name) = pair.get(0).as_string() {
                    names.push(name);
                }
            }
        }
        names.sort();
        Ok(names)
    }

    pub async fn remove_file(&self, name: &str) -> Result<(), StorageError> {
        settle(Ok(self.handle.remove_entry(name))).await.map(|_| ())
    }

    /// Writes one automatic backup and then deletes the oldest automatic
    /// backups beyond the newest `keep` (only files named like automatic
    /// backups; see `core::backup::files`). Returns the names removed. A
    /// failure to remove an old file does not undo the new one.
    pub async fn write_backup(&self, name: &str, bytes: &[u8], keep: usize) -> Result<Vec<String>, StorageError> {
        self.write_file(name, bytes).await?;
        let stale = files_to_prune(&self.file_names().await?, keep);
        let mut removed = Vec::with_capacity(stale.len());
        for old in stale {
            if self.remove_file(&old).await.is_ok() {
                removed.push(old);
            }
        }
        Ok(removed)
    }
}
