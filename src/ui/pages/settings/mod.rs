//! Settings that are data (they travel in backups and sync between tabs):
//! pipeline stages, what winning a deal does, the deal currency, duplicate
//! detection (see [`duplicates`]), tag colours; and the language of this
//! browser (a preference, not data: `state::prefs`).

mod duplicates;

use leptos::prelude::*;

use crate::core::display::Locale;
use crate::core::lists::all_tags;
use crate::core::pipeline::{add_stage, move_stage, rename_stage, set_stage_probability, StageError};
use crate::core::records::LifecycleStage;
use crate::core::records::{Settings, TagColour, TAG_COLOURS};
use crate::state::commands::local_action;
use crate::state::text::stage_error;
use crate::state::{browser_locale, commands, prefs, AppState, NoticeKind};
use crate::ui::components::storage_card::StorageCard;
use crate::ui::text::{label, t, tf, tn};

/// Saves settings changes one at a time: (the new settings or why they
/// could not be made, what to say when saved).
type SaveSettings = Action<(Result<Settings, String>, &'static str), ()>;

/// A stage command's result with its error said in the person's language.
fn said(result: Result<Settings, StageError>) -> Result<Settings, String> {
    result.map_err(|e| stage_error(&e))
}

fn save_settings(state: AppState) -> SaveSettings {
    local_action(move |(next, done): &(Result<Settings, String>, &'static str)| {
        let (next, done) = (next.clone(), *done);
        commands::save_settings(state, next, done)
    })
}

#[component]
pub fn SettingsPage() -> impl IntoView {
    let state = AppState::expect();
    let settings = Memo::new(move |_| state.data.with(|d| d.settings().clone()));
    let save = save_settings(state);
    // The stage at a position of the list, read when the button is pressed.
    let remove = local_action(move |i: &usize| {
        let id = settings.with_untracked(|s| s.pipeline.get(*i).map(|p| p.id.clone()));
        async move {
            if let Some(id) = id {
                commands::remove_pipeline_stage(state, id).await;
            }
        }
    });
    let now = move || state.clock.now();
    let is_busy = move || save.pending().get() || remove.pending().get();
    let new_name = RwSignal::new(String::new());
    let new_probability = RwSignal::new("50".to_string());
    let add = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let Ok(p) = new_probability.get_untracked().trim().parse::<u8>() else {
            return state.notify(NoticeKind::Error, t("settings.stages.probability_range"));
        };
        save.dispatch((
            said(add_stage(&settings.get_untracked(), &new_name.get_untracked(), p, now())),
            t("settings.stages.added"),
        ));
        new_name.set(String::new());
    };
    let tags = Memo::new(move |_| state.data.with(all_tags));
    view! {
        <h1>{t("settings.title")}</h1>
        <LanguageCard />
        <section aria-labelledby="stages-heading" class="card">
            <h2 id="stages-heading">{t("settings.stages")}</h2>
            <p class="hint">{t("settings.stages.hint")}</p>
            <ol class="stage-list" aria-label=t("settings.stages")>
                <For
                    each={move || settings.get().pipeline.into_iter().enumerate().collect::<Vec<_>>()}
                    key=|(i, s)| (*i, s.clone())
                    children=move |(i, stage)| {
                        let count = settings.with_untracked(|s| s.pipeline.len());
                        let name = RwSignal::new(stage.name.clone());
                        let probability = RwSignal::new(stage.probability.to_string());
                        let id = stage.id.clone();
                        let (id2, id3) = (id.clone(), id.clone());
                        let label = stage.name.clone();
                        view! {
                            <li class="stage-item">
                                <label>{t("settings.stages.name")}" " <input aria-label=tf("settings.stages.name_of", &[("stage", &label)]) prop:value=move || name.get() on:input=move |ev| name.set(event_target_value(&ev)) /></label>
                                <label>{t("settings.stages.probability")}" " <input inputmode="numeric" size="4" aria-label=tf("settings.stages.probability_of", &[("stage", &label)]) prop:value=move || probability.get() on:input=move |ev| probability.set(event_target_value(&ev)) /></label>
                                <button type="button" aria-label=tf("settings.stages.save", &[("stage", &label)]) disabled=is_busy on:click=move |_| {
                                    let s = settings.get_untracked();
                                    let renamed = said(rename_stage(&s, &id, &name.get_untracked(), now()));
                                    let next = renamed.and_then(|s| match probability.get_untracked().trim().parse::<u8>() {
                                        Ok(p) => said(set_stage_probability(&s, &id, p, now())),
                                        Err(_) => Err(t("settings.stages.probability_range").to_string()),
                                    });
                                    save.dispatch((next, t("settings.stages.saved")));
                                }>{t("common.save")}</button>
                                <button type="button" aria-label=tf("settings.stages.up_of", &[("stage", &label)]) disabled=move || i == 0 || is_busy()
                                    on:click=move |_| { save.dispatch((said(move_stage(&settings.get_untracked(), &id2, -1, now())), t("settings.stages.moved"))); }>{t("settings.stages.up")}</button>
                                <button type="button" aria-label=tf("settings.stages.down_of", &[("stage", &label)]) disabled=move || i + 1 == count || is_busy()
                                    on:click=move |_| { save.dispatch((said(move_stage(&settings.get_untracked(), &id3, 1, now())), t("settings.stages.moved"))); }>{t("settings.stages.down")}</button>
                                <button type="button" class="danger" aria-label=tf("settings.stages.remove_of", &[("stage", &label)]) disabled=move || count == 1 || is_busy()
                                    on:click=move |_| { remove.dispatch(i); }>{t("settings.stages.remove")}</button>
                            </li>
                        }
                    }
                />
            </ol>
            <form class="inline-form" aria-label=t("settings.stages.add_form") on:submit=add>
                <div class="field"><label for="f-new-stage">{t("settings.stages.new_name")}</label>
                    <input id="f-new-stage" prop:value=move || new_name.get() on:input=move |ev| new_name.set(event_target_value(&ev)) /></div>
                <div class="field"><label for="f-new-stage-p">{t("settings.stages.new_probability")}</label>
                    <input id="f-new-stage-p" inputmode="numeric" prop:value=move || new_probability.get() on:input=move |ev| new_probability.set(event_target_value(&ev)) /></div>
                <button type="submit" disabled=is_busy>{t("settings.stages.add")}</button>
            </form>
        </section>
        <section aria-labelledby="deals-heading" class="card">
            <h2 id="deals-heading">{t("settings.deals")}</h2>
            <div class="field">
                <label for="f-won-stage">{t("settings.deals.won_stage")}</label>
                <select id="f-won-stage" prop:value=move || settings.get().won_stage.key()
                    on:change=move |ev| if let Some(stage) = LifecycleStage::from_key(&event_target_value(&ev)) {
                        let mut s = settings.get_untracked();
                        s.won_stage = stage;
                        s.updated = state.clock.now();
                        save.dispatch((Ok(s), t("notices.saved")));
                    }>
                    {[LifecycleStage::Conversion, LifecycleStage::Retention].iter().map(|s| view! { <option value=s.key()>{label("lifecycle", s.key())}</option> }).collect_view()}
                </select>
            </div>
            <div class="field">
                <label for="f-currency">{t("settings.deals.currency")}</label>
                <input id="f-currency" maxlength="3" prop:value=move || settings.get().currency
                    on:change=move |ev| {
                        let mut s = settings.get_untracked();
                        s.currency = event_target_value(&ev).trim().to_ascii_uppercase();
                        s.updated = state.clock.now();
                        save.dispatch((Ok(s), t("notices.saved")));
                    } />
            </div>
        </section>
        <duplicates::DuplicateDetection settings />
        <StorageCard />
        <section aria-labelledby="tags-heading" class="card">
            <h2 id="tags-heading">{t("settings.tags")}</h2>
            <Show when=move || tags.with(Vec::is_empty)><p class="muted">{t("settings.tags.none")}</p></Show>
            <ul class="plain-list" aria-label=t("settings.tags.list")>
                {move || tags.get().into_iter().map(|(tag, n)| {
                    let current = settings.with(|s| s.tag_colour(&tag).to_string());
                    let name = tag.clone();
                    view! {
                        <li>
                            <span class=format!("tag tag-{current}")>{tag.clone()}</span>
                            " "{tn("settings.tags.used", n)}" "
                            <select aria-label=tf("settings.tags.colour_of", &[("tag", &tag)]) prop:value=current.clone()
                                on:change=move |ev| {
                                    let colour = event_target_value(&ev);
                                    let mut s = settings.get_untracked();
                                    s.tags.retain(|x| x.name != name);
                                    s.tags.push(TagColour { name: name.clone(), colour });
                                    s.updated = state.clock.now();
                                    save.dispatch((Ok(s), t("settings.tags.saved")));
                                }>
                                {TAG_COLOURS.iter().map(|c| view! { <option value=*c>{label("tag_colour", c)}</option> }).collect_view()}
                            </select>
                        </li>
                    }
                }).collect_view()}
            </ul>
        </section>
    }
}

/// The language of this browser: the browser's own (named in the option),
/// or one of ours by its own name. A change reloads the page, since every
/// text is read in the language chosen at start (the data is in IndexedDB;
/// nothing is lost).
#[component]
fn LanguageCard() -> impl IntoView {
    let chosen = prefs::language().unwrap_or_default();
    let browser = tf("settings.language.browser", &[("language", browser_locale().name())]);
    let choose = move |ev: leptos::ev::Event| {
        let tag = event_target_value(&ev);
        prefs::save_language(Some(tag.as_str()).filter(|t| !t.is_empty()));
        if let Some(w) = web_sys::window() {
            let _ = w.location().reload();
        }
    };
    view! {
        <section aria-labelledby="language-heading" class="card">
            <h2 id="language-heading">{t("settings.language")}</h2>
            <div class="field">
                <label for="f-language">{t("settings.language.label")}</label>
                <select id="f-language" prop:value=chosen on:change=choose>
                    <option value="">{browser}</option>
                    {Locale::ALL
                        .iter()
                        .map(|l| view! { <option value=l.tag() lang=l.tag()>{l.name()}</option> })
                        .collect_view()}
                </select>
            </div>
            <p class="hint">{t("settings.language.hint")}</p>
        </section>
    }
}
