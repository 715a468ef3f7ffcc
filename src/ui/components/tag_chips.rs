//! Tags shown as coloured chips, in the colour the settings give each tag.

use leptos::prelude::*;

use crate::state::AppState;
use crate::ui::text::{t, tf};

#[component]
pub fn TagChips(tags: Vec<String>) -> impl IntoView {
    let state = AppState::expect();
    let chips = state.data.with_untracked(|d| {
        tags.iter().map(|t| (t.clone(), d.settings().tag_colour(t).to_string())).collect::<Vec<_>>()
    });
    view! {
        <span class="tags">
            {chips
                .into_iter()
                .map(|(t, colour)| view! { <span class=format!("tag tag-{colour}")>{t}</span> })
                .collect_view()}
        </span>
    }
}

/// A select of every tag in use, for filtering lists ("" = any tag).
#[component]
pub fn TagFilter(value: RwSignal<String>) -> impl IntoView {
    let state = AppState::expect();
    let tags = Memo::new(move |_| state.data.with(crate::core::lists::all_tags));
    view! {
        <label>
            {t("contacts.tags.filter")}
            " "
            <select prop:value=move || value.get() on:change=move |ev| value.set(event_target_value(&ev))>
                <option value="">{t("contacts.tags.any")}</option>
                {move || {
                    tags.get()
                        .into_iter()
                        .map(|(tag, n)| view! { <option value=tag.clone()>{tf("contacts.tags.with_count", &[("tag", &tag), ("n", &crate::ui::format::thousands(n))])}</option> })
                        .collect_view()
                }}
            </select>
        </label>
    }
}
