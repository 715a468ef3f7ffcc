//! The light/dark theme choice, remembered in localStorage.

use gloo_storage::{LocalStorage, Storage};
use leptos::prelude::*;

const THEME_KEY: &str = "crm.theme";

fn apply(theme: &str) {
    if let Some(root) = web_sys::window().and_then(|w| w.document()).and_then(|d| d.document_element()) {
        let _ = root.set_attribute("data-theme", theme);
    }
}

#[component]
pub fn ThemePicker() -> impl IntoView {
    let theme = RwSignal::new(LocalStorage::get::<String>(THEME_KEY).unwrap_or_else(|_| "system".into()));
    Effect::new(move |_| {
        let t = theme.get();
        apply(&t);
        let _ = LocalStorage::set(THEME_KEY, &t);
    });
    view! {
        <label class="theme-picker">
            "Theme "
            <select
                prop:value=move || theme.get()
                on:change=move |ev| theme.set(event_target_value(&ev))
            >
                <option value="system">"System"</option>
                <option value="light">"Light"</option>
                <option value="dark">"Dark"</option>
            </select>
        </label>
    }
}
