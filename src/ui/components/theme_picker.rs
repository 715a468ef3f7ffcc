//! The light/dark theme choice, remembered in this browser (`state::prefs`).

use leptos::prelude::*;

use crate::state::prefs;

fn apply(theme: &str) {
    if let Some(root) = web_sys::window().and_then(|w| w.document()).and_then(|d| d.document_element()) {
        let _ = root.set_attribute("data-theme", theme);
    }
}

#[component]
pub fn ThemePicker() -> impl IntoView {
    let theme = RwSignal::new(prefs::theme().unwrap_or_else(|| "system".into()));
    Effect::new(move |_| {
        let t = theme.get();
        apply(&t);
        prefs::save_theme(&t);
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
