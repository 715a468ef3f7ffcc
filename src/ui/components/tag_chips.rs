//! Tags shown as coloured chips, in the colour the settings give each tag.

use leptos::prelude::*;

use crate::state::AppState;

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
            "Tag "
            <select prop:value=move || value.get() on:change=move |ev| value.set(event_target_value(&ev))>
                <option value="">"Any tag"</option>
                {move || {
                    tags.get()
                        .into_iter()
                        .map(|(t, n)| view! { <option value=t.clone()>{format!("{t} ({n})")}</option> })
                        .collect_view()
                }}
            </select>
        </label>
    }
}
