//! An in-browser CRM. Layers, each depending only on the ones after it:
//!
//! - `ui`: the Leptos app shell, routes, pages and components.
//! - `state`: reactive glue: `AppState` (the dataset as a signal), the
//!   contexts pages share, and the named commands that write.
//! - `storage`: the only code touching IndexedDB (packed chunks + journal),
//!   BroadcastChannel and localStorage.
//! - `core`: the pure domain: records, validation, search, formats, imports,
//!   duplicates, reports, demo data.
//!
//! ARCHITECTURE.md has the code map, the load and save flows and the
//! invariants.
//!
//! `core` is plain Rust and builds everywhere; the other layers exist only in
//! the wasm build (their crates are wasm-only dependencies), so a native
//! `cargo test` builds and tests `core` alone.

pub mod core;

#[cfg(target_arch = "wasm32")]
pub mod state;
#[cfg(target_arch = "wasm32")]
pub mod storage;
#[cfg(target_arch = "wasm32")]
pub mod ui;

/// The version written into backups.
pub const APP_VERSION: &str = env!("CARGO_PKG_VERSION");
