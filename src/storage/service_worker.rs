//! Registers the service worker (`sw.js`, written by `scripts/post-build.mjs`
//! from `pwa/service-worker.js`) and tells the app when a new version is
//! ready. See docs/durability.md.
//!
//! A new build's service worker installs in the background and then waits;
//! [`register`]'s callback runs once it is waiting (or once another tab has
//! switched to it), and the UI shows "A new version is ready — Reload".
//! [`apply_update`] lets the waiting version take over and reloads this tab
//! when it controls the page, so every file of the page comes from one build.
//!
//! Release builds only: a debug build (`trunk serve` without `--release`)
//! unregisters the app's service worker instead, so a development loop
//! always loads the files just built.

use std::cell::{Cell, RefCell};
use std::rc::Rc;

use js_sys::{Array, Object, Reflect};
use wasm_bindgen::closure::Closure;
use wasm_bindgen::{JsCast, JsValue};
use wasm_bindgen_futures::{spawn_local, JsFuture};
use web_sys::{ServiceWorker, ServiceWorkerContainer, ServiceWorkerRegistration, ServiceWorkerState};

/// The service worker's URL, relative to the page's base (`<base href>`),
/// so under `/crm/` it is `/crm/sw.js` with the scope `/crm/`.
const SCRIPT: &str = "sw.js";
/// How often a long-open tab asks the server for a new version.
const CHECK_EVERY_MS: i32 = 60 * 60 * 1000;

struct Shared {
    on_update_ready: Box<dyn Fn()>,
    is_applying: Cell<bool>,
    has_notified: Cell<bool>,
}

impl Shared {
    fn notify(&self) {
        if !self.has_notified.replace(true) {
            (self.on_update_ready)();
        }
    }
}

thread_local! {
    static SHARED: RefCell<Option<Rc<Shared>>> = const { RefCell::new(None) };
}

fn container() -> Option<ServiceWorkerContainer> {
    let navigator = web_sys::window()?.navigator();
    // Absent on plain-http pages and in some private modes.
    if !Reflect::has(&navigator, &"serviceWorker".into()).unwrap_or(false) {
        return None;
    }
    Some(navigator.service_worker())
}

fn reload() {
    if let Some(w) = web_sys::window() {
        let _ = w.location().reload();
    }
}

/// Keeps a closure alive for the page's lifetime (handlers registered once).
fn handler(f: impl FnMut() + 'static) -> JsValue {
    Closure::<dyn FnMut()>::new(f).into_js_value()
}

/// Registers the service worker and calls `on_update_ready` (at most once)
/// when a new version is waiting to take over, or another tab has already
/// switched to it. Does nothing where service workers are unavailable.
pub fn register(on_update_ready: impl Fn() + 'static) {
    let Some(container) = container() else { return };
    if cfg!(debug_assertions) {
        spawn_local(unregister_ours(container));
        return;
    }
    let shared = Rc::new(Shared {
        on_update_ready: Box::new(on_update_ready),
        is_applying: Cell::new(false),
        has_notified: Cell::new(false),
    });
    SHARED.with(|s| *s.borrow_mut() = Some(shared.clone()));
    let had_controller = container.controller().is_some();
    container.set_oncontrollerchange(Some(
        handler({
            let shared = shared.clone();
            move || {
                if shared.is_applying.get() {
                    reload();
                } else if had_controller {
                    // Another tab switched to the new version: this tab's
                    // files are the old build's, so offer a reload.
                    shared.notify();
                }
                // Otherwise: the first install took control; nothing changed.
            }
        })
        .unchecked_ref(),
    ));
    spawn_local(async move {
        // A stubbed `register` (a privacy extension, Playwright's
        // `serviceWorkers: 'block'`) may resolve with nothing.
        let Some(reg) = JsFuture::from(container.register(SCRIPT)).await.ok().filter(|r| r.is_object()) else {
            return;
        };
        let reg: ServiceWorkerRegistration = reg.unchecked_into();
        watch(&reg, &shared);
        if let Some(w) = web_sys::window() {
            let check = handler({
                let reg = reg.clone();
                move || {
                    if let Ok(p) = reg.update() {
                        // A failed check (offline) is retried next time.
                        spawn_local(async move {
                            let _ = JsFuture::from(p).await;
                        });
                    }
                }
            });
            let _ = w.set_interval_with_callback_and_timeout_and_arguments_0(check.unchecked_ref(), CHECK_EVERY_MS);
        }
    });
}

/// Notifies when a new version is (or becomes) installed next to an active one.
fn watch(reg: &ServiceWorkerRegistration, shared: &Rc<Shared>) {
    if reg.waiting().is_some() && reg.active().is_some() {
        shared.notify();
    }
    let on_found = handler({
        let reg = reg.clone();
        let shared = shared.clone();
        move || {
            let Some(worker) = reg.installing() else { return };
            let on_state = handler({
                let reg = reg.clone();
                let shared = shared.clone();
                let worker = worker.clone();
                move || {
                    // Installed while another version is active: it waits.
                    if worker.state() == ServiceWorkerState::Installed && reg.active().is_some() {
                        shared.notify();
                    }
                }
            });
            worker.set_onstatechange(Some(on_state.unchecked_ref()));
        }
    });
    reg.set_onupdatefound(Some(on_found.unchecked_ref()));
}

/// Switches to the new version: the waiting service worker takes over and
/// this tab reloads once it controls the page. When no version is waiting
/// (another tab switched already), this just reloads.
pub fn apply_update() {
    let Some(container) = container() else { return reload() };
    spawn_local(async move {
        let reg = JsFuture::from(container.get_registration()).await.ok().filter(|r| !r.is_undefined());
        let waiting: Option<ServiceWorker> =
            reg.and_then(|r| r.unchecked_into::<ServiceWorkerRegistration>().waiting());
        let Some(waiting) = waiting else { return reload() };
        SHARED.with(|s| {
            if let Some(shared) = s.borrow().as_ref() {
                shared.is_applying.set(true);
            }
        });
        // Reload when it is active, also if this page was not controlled
        // (after a hard reload) and so never sees `controllerchange`.
        let on_state = handler({
            let worker = waiting.clone();
            move || {
                if worker.state() == ServiceWorkerState::Activated {
                    reload();
                }
            }
        });
        waiting.set_onstatechange(Some(on_state.unchecked_ref()));
        let message = Object::new();
        let _ = Reflect::set(&message, &"type".into(), &"SKIP_WAITING".into());
        if waiting.post_message(&message).is_err() {
            reload();
        }
    });
}

/// Debug builds: removes the app's service worker (its scope is the page's
/// base URL), so stale release files never shadow a development build.
async fn unregister_ours(container: ServiceWorkerContainer) {
    let base = web_sys::window().and_then(|w| w.document()).and_then(|d| d.base_uri().ok().flatten());
    let Ok(list) = JsFuture::from(container.get_registrations()).await else { return };
    for reg in Array::from(&list).iter() {
        let reg: ServiceWorkerRegistration = reg.unchecked_into();
        if Some(reg.scope()) == base {
            if let Ok(p) = reg.unregister() {
                let _ = JsFuture::from(p).await;
            }
        }
    }
}
