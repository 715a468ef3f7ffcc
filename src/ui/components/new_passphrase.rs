//! Choosing a passphrase: typed twice (hidden), with a strength hint while
//! typing and the rules checked by `core::backup::passphrase`. Used by the
//! encrypted export and by the key for automatic backups. The passphrase
//! lives only in these two signals and is cleared once used.

use leptos::prelude::*;

use crate::core::backup::passphrase::{check_new_passphrase, strength, Strength, MIN_CHARS};
use crate::ui::text::{t, tf};

/// Two password fields, `label` and `repeat_label` ("Repeat passphrase";
/// `id` prefixes their ids), and the strength hint. `problem` shows what [`checked`] found.
#[component]
pub fn NewPassphrase(
    #[prop(into)] label: String,
    #[prop(into)] repeat_label: String,
    id: &'static str,
    passphrase: RwSignal<String>,
    repeat: RwSignal<String>,
    problem: RwSignal<Option<(&'static str, String)>>,
) -> impl IntoView {
    let first = format!("{id}-passphrase");
    let second = format!("{id}-repeat");
    let hint_id = format!("{id}-hint");
    let error_of = move |field: &'static str| {
        move || problem.get().filter(|(f, _)| *f == field).map(|(_, m)| view! { <p class="field-error">{m}</p> })
    };
    let hint = move || passphrase.with(|p| (!p.is_empty()).then(|| strength_hint(strength(p))));
    view! {
        <div class="field">
            <label for=first.clone()>{label.clone()}</label>
            <input id=first type="password" autocomplete="new-password" aria-describedby=hint_id.clone()
                aria-invalid=move || problem.with(|p| p.as_ref().is_some_and(|(f, _)| *f == "passphrase")).then_some("true")
                prop:value=move || passphrase.get()
                on:input=move |ev| { passphrase.set(event_target_value(&ev)); problem.set(None); } />
            <p class="hint" id=hint_id aria-live="polite">{hint}</p>
            {error_of("passphrase")}
        </div>
        <div class="field">
            <label for=second.clone()>{repeat_label}</label>
            <input id=second type="password" autocomplete="new-password"
                aria-invalid=move || problem.with(|p| p.as_ref().is_some_and(|(f, _)| *f == "repeat")).then_some("true")
                prop:value=move || repeat.get()
                on:input=move |ev| { repeat.set(event_target_value(&ev)); problem.set(None); } />
            {error_of("repeat")}
        </div>
        <p class="hint">{t("backup.passphrase.forgotten")}</p>
    }
}

/// The passphrase if it may be used (long enough, typed twice the same);
/// otherwise notes the problem for [`NewPassphrase`] and returns `None`.
pub fn checked(
    passphrase: RwSignal<String>,
    repeat: RwSignal<String>,
    problem: RwSignal<Option<(&'static str, String)>>,
) -> Option<String> {
    let (p, r) = (passphrase.get_untracked(), repeat.get_untracked());
    match check_new_passphrase(&p, &r) {
        Ok(()) => Some(p),
        Err((field, _)) => {
            let message = match field {
                "repeat" => t("backup.passphrase.differ").to_string(),
                _ => tf("backup.passphrase.too_short", &[("n", &MIN_CHARS.to_string())]),
            };
            problem.set(Some((field, message)));
            None
        }
    }
}

/// Clears both fields once the passphrase was used.
pub fn forget(passphrase: RwSignal<String>, repeat: RwSignal<String>) {
    passphrase.set(String::new());
    repeat.set(String::new());
}

/// What a passphrase's strength means, said while typing.
fn strength_hint(s: Strength) -> &'static str {
    match s {
        Strength::TooShort => t("backup.passphrase.strength.too_short"),
        Strength::Weak => t("backup.passphrase.strength.weak"),
        Strength::Fair => t("backup.passphrase.strength.fair"),
        Strength::Strong => t("backup.passphrase.strength.strong"),
    }
}
