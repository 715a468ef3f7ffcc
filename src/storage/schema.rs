//! The IndexedDB schema and its numbered upgrade steps.
//!
//! Each step takes a database at version `n - 1` to version `n` inside the
//! `versionchange` transaction, so an upgrade either completes or leaves the
//! previous version untouched. Steps never drop data. A browser test opens a
//! database at every previous version and upgrades it.
//!
//! 1. `meta` and `chunks` (packed records, each a JSON string under a text key).
//! 2. `journal` (auto-increment keys, one JSON change list per user action),
//!    so that a save writes one small entry instead of rewriting a chunk.
//!    Version 1 data needs no conversion: its chunks stay as they are and its
//!    `meta` gains the journal's bookkeeping lazily (absent means zero).
//! 3. `history` (auto-increment keys, one undo entry per delete, merge or
//!    import, written in the same transaction as the action). Records of
//!    schema 2 need no conversion: chunks of format 1 are still read, and the
//!    next compaction writes them in format 2.
//! 4. `device` (explicit text keys): what belongs to this browser and never
//!    goes into a backup or another tab's data: the key for automatic
//!    encrypted backups (a non-extractable `CryptoKey`), the backup folder's
//!    handle, and the record of the last backup. Nothing else changes.
//! 5. Chunks are written as bytes (a `Uint8Array` holding chunk format 3,
//!    `core::snapshot::binary`) instead of JSON text: about half the size,
//!    and read without turning text into UTF-8 and parsing it. No store
//!    changes and nothing is converted here: text chunks of formats 1 and 2
//!    are read as they are, and the next snapshot (an import, demo data, a
//!    compaction) writes bytes. The version still changes, so that a tab of
//!    an older version, which cannot read bytes, is told to reload instead
//!    of reading the new chunks.

use wasm_bindgen::JsValue;
use web_sys::{IdbDatabase, IdbObjectStoreParameters};

use super::error::StorageError;

pub const SCHEMA_VERSION: u32 = 5;
pub const META: &str = "meta";
pub const CHUNKS: &str = "chunks";
pub const JOURNAL: &str = "journal";
pub const HISTORY: &str = "history";
pub const DEVICE: &str = "device";
/// The key of the one `meta` record.
pub const META_KEY: &str = "state";

/// Runs upgrade step `version` (taking the database from `version - 1`).
pub fn upgrade_step(db: &IdbDatabase, version: u32) -> Result<(), StorageError> {
    let err = |e: JsValue| StorageError::from_js(&e);
    match version {
        1 => {
            db.create_object_store(META).map_err(err)?;
            db.create_object_store(CHUNKS).map_err(err)?;
        }
        2 => {
            let params = IdbObjectStoreParameters::new();
            params.set_auto_increment(true);
            db.create_object_store_with_optional_parameters(JOURNAL, &params).map_err(err)?;
        }
        3 => {
            let params = IdbObjectStoreParameters::new();
            params.set_auto_increment(true);
            db.create_object_store_with_optional_parameters(HISTORY, &params).map_err(err)?;
        }
        4 => {
            db.create_object_store(DEVICE).map_err(err)?;
        }
        // Chunks of format 3 (bytes) from now on; older text chunks stay.
        5 => {}
        v => return Err(StorageError::Failed(format!("there is no upgrade step {v}"))),
    }
    Ok(())
}
