//! The undo history of one kind of action (imports, merges): newest first,
//! each with an Undo button that undoes it as one transaction.

use leptos::prelude::*;

use crate::core::history::HistoryKind;
use crate::state::commands::local_action;
use crate::state::{commands, AppState};
use crate::ui::format::local_minute;
use crate::ui::text::t;

/// What the list says, and how an entry's button is named.
#[derive(Clone, Copy)]
pub struct UndoTexts {
    pub heading: &'static str,
    /// The heading's element id (the section is labelled by it).
    pub heading_id: &'static str,
    /// "No imports to undo."
    pub empty: &'static str,
    /// What the status line says after an undo, and when another tab undid
    /// it first.
    pub done: &'static str,
    pub already: &'static str,
    /// The button's accessible name for an entry's label.
    pub button: fn(&str) -> String,
    /// Whether each entry shows when it happened.
    pub dated: bool,
    /// The section's and the list's classes.
    pub class: &'static str,
    pub list_class: &'static str,
}

#[component]
pub fn UndoHistory(kind: HistoryKind, texts: UndoTexts) -> impl IntoView {
    let state = AppState::expect();
    let entries = LocalResource::new(move || {
        state.data.track();
        async move {
            state
                .history()
                .await
                .map(|list| list.into_iter().filter(|(_, e)| e.kind == kind).collect::<Vec<_>>())
                .map_err(|e| e.to_string())
        }
    });
    let undo = local_action(move |key: &f64| commands::undo(state, *key, texts.done, texts.already));
    view! {
        <section aria-labelledby=texts.heading_id class=texts.class>
            <h2 id=texts.heading_id>{texts.heading}</h2>
            <Transition fallback=|| view! { <p>{t("common.loading")}</p> }>
                {move || entries.get().map(|r| match r {
                    Err(e) => view! { <p role="alert">{e}</p> }.into_any(),
                    Ok(list) if list.is_empty() => view! { <p>{texts.empty}</p> }.into_any(),
                    Ok(list) => view! {
                        <ul class=texts.list_class>
                            {list.into_iter().map(|(key, e)| {
                                let name = (texts.button)(&e.label);
                                let text = if texts.dated { format!("{} — {}", local_minute(e.at), e.label) } else { e.label };
                                view! {
                                    <li>
                                        <span>{text}</span>
                                        " "
                                        <button type="button" aria-label=name disabled=move || undo.pending().get()
                                            on:click=move |_| { undo.dispatch(key); }>
                                            {t("common.undo")}
                                        </button>
                                    </li>
                                }
                            }).collect_view()}
                        </ul>
                    }.into_any(),
                })}
            </Transition>
        </section>
    }
}
