//! An in-browser CRM. Layers, each depending only on the ones after it:
//!
//! - `ui`: the Leptos app shell, routes, pages and components.
//! - `state`: reactive glue: the app context, commands that write, sync.
//! - `storage`: IndexedDB (packed chunks + journal), BroadcastChannel.
//! - `core`: the pure domain: types, validation, search, formats, demo data.
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
