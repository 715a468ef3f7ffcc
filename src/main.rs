//! The browser entry point: mounts the app. Everything else is in the library.

#[cfg(target_arch = "wasm32")]
fn main() {
    crm::ui::mount();
}

#[cfg(not(target_arch = "wasm32"))]
fn main() {
    eprintln!("The CRM runs in the browser: see README.md (trunk serve).");
}
