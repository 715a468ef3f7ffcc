//! Storage: the only code that touches IndexedDB, BroadcastChannel and
//! localStorage (CI fails if another layer names them).
//!
//! Layout (schema version [`schema::SCHEMA_VERSION`], see `docs/storage.md`):
//! the dataset is kept as packed chunks of 1,000 records in `chunks` (bytes
//! since schema 5, JSON text before),
//! plus an append-only `journal` of change lists, one entry per user action;
//! `meta` holds the snapshot generation and the last journal key folded into
//! the chunks; `history` holds undo entries for deletes, merges and imports;
//! `device` holds what belongs to this browser alone (the automatic-backup
//! key and folder, the last backup). Loading reads everything in one
//! read-only transaction.
//!
//! Besides IndexedDB, this layer holds the other browser storage APIs the
//! app's durability needs: reading a chosen backup file (`backup_file`), WebCrypto for encrypted backups (`crypto`), the
//! File System Access API for automatic backups (`folder`), the Storage API
//! for persistence and estimates (`persistence`), and the service worker's
//! registration (`service_worker`).
//!
//! Invariants:
//! - Every user action is exactly one readwrite transaction; nothing but
//!   IndexedDB requests is awaited while it is open, and callers learn of
//!   success only after `complete` fired.
//! - Readwrite transactions over the same stores are serialised by the
//!   browser, so a transaction that reads the journal tail and then writes is
//!   atomic with respect to other tabs: that is the lock for compaction and
//!   imports (no Web Locks needed).
//! - Changes are applied to memory only after their transaction committed.

pub mod backup_file;
mod broadcast;
pub mod crypto;
mod device;
mod engine;
mod error;
pub mod folder;
mod idb;
pub mod persistence;
pub mod prefs;
pub mod schema;
pub mod service_worker;

pub use broadcast::Announcer;
pub use engine::{
    Appended, ChunkStream, Loaded, NotWritten, Rest, Snapshot, SnapshotBase, Staged, Store, Synced, Undone,
};
pub use error::StorageError;
