//! The app as an installed, offline web app: whether a new version is ready.
//!
//! [`start`] registers the service worker once, from `ui::mount`. When a new
//! build has installed and waits, [`is_update_ready`] turns true; the UI then
//! shows "A new version is ready — Reload", whose button calls
//! [`apply_update`] (the new version takes over and the tab reloads, so all
//! files switch at once).

use leptos::prelude::*;

use crate::storage::service_worker;

thread_local! {
    // App-wide and created before the app mounts, so it is not owned by any
    // component (it lives as long as the page).
    static UPDATE_READY: RwSignal<bool> = RwSignal::new(false);
}

/// Registers the service worker (release builds; see `storage::service_worker`).
pub fn start() {
    let ready = UPDATE_READY.with(|s| *s);
    service_worker::register(move || ready.set(true));
}

/// True once a new version of the app is installed and waiting (or another
/// tab has switched to it).
pub fn is_update_ready() -> Signal<bool> {
    UPDATE_READY.with(|s| s.read_only().into())
}

/// Switches to the new version and reloads this tab.
pub fn apply_update() {
    service_worker::apply_update();
}
