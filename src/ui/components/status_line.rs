//! The status line under the header: "Loading activities…" while the
//! staged load finishes, the last message ("Saved" politely, errors
//! assertively) with its Undo button, and "Dismiss message".

use leptos::prelude::*;

use crate::state::commands::local_action;
use crate::state::{commands, AppState, LoadStatus, NoticeKind};
use crate::ui::text::t;

/// The last message: "Saved" politely, errors assertively.
#[component]
pub fn StatusLine() -> impl IntoView {
    let state = AppState::expect();
    let success = move || state.notice.get().filter(|n| n.kind == NoticeKind::Success).map(|n| n.text);
    let error = move || state.notice.get().filter(|n| n.kind == NoticeKind::Error).map(|n| n.text);
    let undo =
        local_action(move |key: &f64| commands::undo(state, *key, t("notices.undone"), t("notices.undone_already")));
    view! {
        <div class="status-line">
            <Show when=move || state.status.with(|s| *s == LoadStatus::Ready) && !state.is_complete.get()>
                <p class="progress">{t("shell.loading_activities")}</p>
            </Show>
            <p role="status" class="notice success">{success}</p>
            {move || error().map(|text| view! { <div role="alert" class="notice error"><p class="pre">{text}</p></div> })}
            {move || state.notice.with(|n| n.as_ref().and_then(|n| n.undo)).map(|key| view! {
                <button type="button" disabled=move || undo.pending().get() on:click=move |_| {
                    undo.dispatch(key);
                }>{t("common.undo")}</button>
            })}
            <Show when=move || state.notice.with(Option::is_some)>
                <button type="button" class="link-button" on:click=move |_| state.notice.set(None)>
                    {t("shell.dismiss")}
                </button>
            </Show>
        </div>
    }
}
