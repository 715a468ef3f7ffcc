//! "A new version is ready — Reload": shown in the app shell once a new
//! build of the app has installed and waits (`state::pwa`). Reload lets it
//! take over and reloads the tab, so every file switches at once; until
//! then the tab keeps running the version it loaded.

use leptos::prelude::*;

use crate::state::pwa;
use crate::ui::text::t;

#[component]
pub fn UpdatePrompt() -> impl IntoView {
    let is_ready = pwa::is_update_ready();
    let is_reloading = RwSignal::new(false);
    // The live region is always there, so its message is announced when it
    // appears.
    view! {
        <div role="status" class="update-slot">
            <Show when=move || is_ready.get()>
                <div class="banner update">
                    <p>{t("shell.update.ready")}</p>
                    <button type="button" class="primary" disabled=move || is_reloading.get()
                        on:click=move |_| {
                            is_reloading.set(true);
                            pwa::apply_update();
                        }>
                        {move || if is_reloading.get() { t("shell.reloading") } else { t("shell.reload") }}
                    </button>
                </div>
            </Show>
        </div>
    }
}
