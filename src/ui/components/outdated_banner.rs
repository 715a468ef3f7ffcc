//! What a tab shows when a newer version of the app took over the database
//! in another tab: this one stops, to protect the data, and offers a reload.

use leptos::prelude::*;

use crate::ui::text::t;

#[component]
pub fn OutdatedBanner() -> impl IntoView {
    let reload = |_| {
        if let Some(w) = web_sys::window() {
            let _ = w.location().reload();
        }
    };
    view! {
        <div role="alert" class="banner warning">
            <h1>{t("shell.outdated.title")}</h1>
            <p>
                {t("shell.outdated.text")}
            </p>
            <button type="button" on:click=reload>
                {t("shell.reload")}
            </button>
        </div>
    }
}
