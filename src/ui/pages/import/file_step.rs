//! The first step of an import: what the file holds (contacts, companies or
//! deals), the file itself, and the progress of reading and checking it.

use leptos::prelude::*;

use super::records::RecordKind;
use super::wizard::{Step, Wizard};
use crate::ui::text::t;

#[component]
pub fn FileStep(
    wizard: Wizard,
    read: Action<web_sys::HtmlInputElement, ()>,
    /// Whether a file is being read, checked or imported (the choices wait).
    #[prop(into)]
    is_busy: Signal<bool>,
) -> impl IntoView {
    let Wizard { step, progress, cancel, holds, input_ref, .. } = wizard;
    view! {
        <section aria-labelledby="import-file-heading" class="card">
            <h2 id="import-file-heading">{t("import.file.heading")}</h2>
            <p>{t("import.file.intro")}</p>
            <fieldset class="import-kind" disabled=move || is_busy.get()>
                <legend>{t("import.file.holds")}</legend>
                {[
                    (None, t("import.file.holds_contacts")),
                    (Some(RecordKind::Companies), t("import.file.holds_companies")),
                    (Some(RecordKind::Deals), t("import.file.holds_deals")),
                ]
                    .into_iter()
                    .map(|(k, label)| view! {
                        <label>
                            <input type="radio" name="import-kind" prop:checked=move || holds.get() == k
                                on:change=move |_| { wizard.reset(); holds.set(k); } />
                            {label}
                        </label>
                    })
                    .collect_view()}
            </fieldset>
            <div class="field">
                <label for="import-file">{t("import.file.choose")}</label>
                <input
                    id="import-file"
                    type="file"
                    accept=".csv,.tsv,.txt,.vcf,.vcard,text/csv,text/vcard"
                    node_ref=input_ref
                    disabled=move || is_busy.get()
                    on:change=move |ev| {
                        let input: web_sys::HtmlInputElement = event_target(&ev);
                        read.dispatch(input);
                    }
                />
            </div>
            <Show when=move || matches!(step.get(), Step::Reading | Step::Checking)>
                <div class="toolbar">
                    <label for="import-progress">
                        {move || if step.get() == Step::Reading { t("import.file.reading") } else { t("import.file.checking") }}
                    </label>
                    <progress id="import-progress" max="1" prop:value=move || progress.get()></progress>
                    <button type="button" on:click=move |_| cancel.set_value(true)>{t("common.cancel")}</button>
                </div>
            </Show>
        </section>
    }
}
