//! The light/dark theme choice, remembered in this browser (`state::prefs`).

use leptos::prelude::*;

use crate::state::prefs;
use crate::ui::text::t;

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
            {t("shell.theme")}
            " "
            <select
                prop:value=move || theme.get()
                on:change=move |ev| theme.set(event_target_value(&ev))
            >
                <option value="system">{t("shell.theme.system")}</option>
                <option value="light">{t("shell.theme.light")}</option>
                <option value="dark">{t("shell.theme.dark")}</option>
            </select>
        </label>
    }
}
