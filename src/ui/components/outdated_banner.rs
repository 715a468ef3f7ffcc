//! What a tab shows when a newer version of the app took over the database
//! in another tab: this one stops, to protect the data, and offers a reload.

use leptos::prelude::*;

#[component]
pub fn OutdatedBanner() -> impl IntoView {
    let reload = |_| {
        if let Some(w) = web_sys::window() {
            let _ = w.location().reload();
        }
    };
    view! {
        <div role="alert" class="banner warning">
            <h1>"A newer version of the CRM is open"</h1>
            <p>
                "The CRM was updated in another tab, so this tab has stopped to protect your data. Reload to continue with the new version."
            </p>
            <button type="button" on:click=reload>
                "Reload"
            </button>
        </div>
    }
}
