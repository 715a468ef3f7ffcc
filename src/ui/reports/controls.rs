//! The controls every report shares: the period picker with its comparison,
//! and the filters. Their values live in `state::ReportControls`.

use leptos::prelude::*;

use crate::core::reports::period::{period_text, PeriodChoice};
use crate::state::ReportControls;
use crate::ui::format::locale;
use crate::ui::text::t;

/// A message core gives as a catalogue key (`period_of`'s errors).
fn t_owned(key: &str) -> String {
    crate::core::i18n::text(locale(), key).to_string()
}

#[component]
pub fn ReportControlsForm() -> impl IntoView {
    let controls = ReportControls::expect();
    let (options, tags, company_names) = (controls.options, controls.tags, controls.company_names);
    let select = move |label: &'static str, any: &'static str, value: RwSignal<String>, list: Signal<Vec<String>>| {
        view! {
            <label>
                {label}
                <select prop:value=move || value.get() on:change=move |ev| value.set(event_target_value(&ev))>
                    <option value="">{any}</option>
                    {move || list.get().into_iter().map(|v| view! { <option value=v.clone()>{v.clone()}</option> }).collect_view()}
                </select>
            </label>
        }
    };
    let owners = Signal::derive(move || options.with(|o| o.owners.clone()));
    let sources = Signal::derive(move || options.with(|o| o.sources.clone()));
    let countries = Signal::derive(move || options.with(|o| o.countries.clone()));
    let tag_list = Signal::derive(move || tags.get());
    // The company names (thousands) go into the page once the field is used.
    let show_names = RwSignal::new(false);
    let company_unknown = move || {
        let filter = controls.filter.get();
        filter.company_id.as_deref().is_some_and(|id| id.starts_with("(unknown)"))
    };
    view! {
        <form class="report-controls" on:submit=|ev| ev.prevent_default()>
            <fieldset>
                <legend>{t("reports.controls.period")}</legend>
                <label>
                    {t("reports.controls.period")}
                    <select
                        prop:value=move || controls.choice.get().key()
                        on:change=move |ev| controls.choice.set(PeriodChoice::from_key(&event_target_value(&ev)))
                    >
                        {PeriodChoice::ALL
                            .into_iter()
                            .map(|c| view! { <option value=c.key()>{c.name(locale())}</option> })
                            .collect_view()}
                    </select>
                </label>
                <Show when=move || controls.choice.get() == PeriodChoice::Custom>
                    <label>
                        {t("reports.controls.from")}
                        <input type="date" prop:value=move || controls.from.get()
                            on:change=move |ev| controls.from.set(event_target_value(&ev)) />
                    </label>
                    <label>
                        {t("reports.controls.to")}
                        <input type="date" prop:value=move || controls.to.get()
                            on:change=move |ev| controls.to.set(event_target_value(&ev)) />
                    </label>
                </Show>
                <label class="check">
                    <input type="checkbox" prop:checked=move || controls.compare.get()
                        on:change=move |ev| controls.compare.set(event_target_checked(&ev)) />
                    {t("reports.controls.compare")}
                </label>
                <p class="muted period-text" aria-live="polite">
                    {move || match controls.period.get() {
                        Ok(p) => period_text(locale(), &p, controls.compare.get()),
                        Err(key) => t_owned(&key),
                    }}
                </p>
            </fieldset>
            <fieldset>
                <legend>{t("reports.controls.filters")}</legend>
                {select(t("reports.controls.owner"), t("reports.controls.any_owner"), controls.owner, owners)}
                {select(t("reports.controls.tag"), t("reports.controls.any_tag"), controls.tag, tag_list)}
                {select(t("reports.controls.source"), t("reports.controls.any_source"), controls.source, sources)}
                <label>
                    {t("reports.controls.company")}
                    <input type="search" list="report-companies" placeholder=t("reports.controls.any_company")
                        on:focus=move |_| show_names.set(true)
                        prop:value=move || controls.company.get()
                        on:change=move |ev| controls.company.set(event_target_value(&ev)) />
                </label>
                <datalist id="report-companies">
                    {move || {
                        show_names
                            .get()
                            .then(|| company_names.get().into_iter().map(|n| view! { <option value=n /> }).collect_view())
                    }}
                </datalist>
                {select(t("reports.controls.country"), t("reports.controls.any_country"), controls.country, countries)}
                <Show when=company_unknown>
                    <p class="field-error" role="alert">{t("reports.controls.unknown_company")}</p>
                </Show>
            </fieldset>
        </form>
    }
}
