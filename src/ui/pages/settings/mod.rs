//! Settings that are data (they travel in backups and sync between tabs):
//! pipeline stages, what winning a deal does, the deal currency, duplicate
//! detection (see [`duplicates`]), tag colours.

mod duplicates;

use leptos::prelude::*;

use crate::core::lists::all_tags;
use crate::core::pipeline::{add_stage, move_stage, rename_stage, set_stage_probability};
use crate::core::records::LifecycleStage;
use crate::core::records::{Settings, TagColour, TAG_COLOURS};
use crate::state::commands::local_action;
use crate::state::{commands, AppState, NoticeKind};
use crate::ui::components::storage_card::StorageCard;

/// Saves settings changes one at a time: (the new settings or why they
/// could not be made, what to say when saved).
type SaveSettings = Action<(Result<Settings, String>, &'static str), ()>;

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
            return state.notify(NoticeKind::Error, "Enter a probability from 0 to 100");
        };
        save.dispatch((add_stage(&settings.get_untracked(), &new_name.get_untracked(), p, now()), "Stage added"));
        new_name.set(String::new());
    };
    let tags = Memo::new(move |_| state.data.with(all_tags));
    view! {
        <h1>"Settings"</h1>
        <section aria-labelledby="stages-heading" class="card">
            <h2 id="stages-heading">"Pipeline stages"</h2>
            <p class="hint">"Deals move through these columns in order. A deal entering a stage gets its default probability."</p>
            <ol class="stage-list" aria-label="Pipeline stages">
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
                                <label>"Name " <input aria-label=format!("Name of stage {label}") prop:value=move || name.get() on:input=move |ev| name.set(event_target_value(&ev)) /></label>
                                <label>"Probability % " <input inputmode="numeric" size="4" aria-label=format!("Default probability of stage {label}") prop:value=move || probability.get() on:input=move |ev| probability.set(event_target_value(&ev)) /></label>
                                <button type="button" aria-label=format!("Save stage {label}") disabled=is_busy on:click=move |_| {
                                    let s = settings.get_untracked();
                                    let renamed = rename_stage(&s, &id, &name.get_untracked(), now());
                                    let next = renamed.and_then(|s| match probability.get_untracked().trim().parse::<u8>() {
                                        Ok(p) => set_stage_probability(&s, &id, p, now()),
                                        Err(_) => Err("Enter a probability from 0 to 100".to_string()),
                                    });
                                    save.dispatch((next, "Stage saved"));
                                }>"Save"</button>
                                <button type="button" aria-label=format!("Move stage {label} up") disabled=move || i == 0 || is_busy()
                                    on:click=move |_| { save.dispatch((move_stage(&settings.get_untracked(), &id2, -1, now()), "Stage moved")); }>"Up"</button>
                                <button type="button" aria-label=format!("Move stage {label} down") disabled=move || i + 1 == count || is_busy()
                                    on:click=move |_| { save.dispatch((move_stage(&settings.get_untracked(), &id3, 1, now()), "Stage moved")); }>"Down"</button>
                                <button type="button" class="danger" aria-label=format!("Remove stage {label}") disabled=move || count == 1 || is_busy()
                                    on:click=move |_| { remove.dispatch(i); }>"Remove"</button>
                            </li>
                        }
                    }
                />
            </ol>
            <form class="inline-form" aria-label="Add a stage" on:submit=add>
                <div class="field"><label for="f-new-stage">"New stage name"</label>
                    <input id="f-new-stage" prop:value=move || new_name.get() on:input=move |ev| new_name.set(event_target_value(&ev)) /></div>
                <div class="field"><label for="f-new-stage-p">"Default probability %"</label>
                    <input id="f-new-stage-p" inputmode="numeric" prop:value=move || new_probability.get() on:input=move |ev| new_probability.set(event_target_value(&ev)) /></div>
                <button type="submit" disabled=is_busy>"Add stage"</button>
            </form>
        </section>
        <section aria-labelledby="deals-heading" class="card">
            <h2 id="deals-heading">"Deals"</h2>
            <div class="field">
                <label for="f-won-stage">"When a deal is won, move its contacts and company to"</label>
                <select id="f-won-stage" prop:value=move || settings.get().won_stage.key()
                    on:change=move |ev| if let Some(stage) = LifecycleStage::from_key(&event_target_value(&ev)) {
                        let mut s = settings.get_untracked();
                        s.won_stage = stage;
                        s.updated = state.clock.now();
                        save.dispatch((Ok(s), "Saved"));
                    }>
                    {[LifecycleStage::Conversion, LifecycleStage::Retention].iter().map(|s| view! { <option value=s.key()>{s.label()}</option> }).collect_view()}
                </select>
            </div>
            <div class="field">
                <label for="f-currency">"Currency of new deals (ISO code)"</label>
                <input id="f-currency" maxlength="3" prop:value=move || settings.get().currency
                    on:change=move |ev| {
                        let mut s = settings.get_untracked();
                        s.currency = event_target_value(&ev).trim().to_ascii_uppercase();
                        s.updated = state.clock.now();
                        save.dispatch((Ok(s), "Saved"));
                    } />
            </div>
        </section>
        <duplicates::DuplicateDetection settings />
        <StorageCard />
        <section aria-labelledby="tags-heading" class="card">
            <h2 id="tags-heading">"Tag colours"</h2>
            <Show when=move || tags.with(Vec::is_empty)><p class="muted">"No tags in use yet."</p></Show>
            <ul class="plain-list" aria-label="Tags">
                {move || tags.get().into_iter().map(|(tag, n)| {
                    let current = settings.with(|s| s.tag_colour(&tag).to_string());
                    let t = tag.clone();
                    view! {
                        <li>
                            <span class=format!("tag tag-{current}")>{tag.clone()}</span>
                            {format!(" used {} ", crate::ui::format::count_of(n, "time", "times"))}
                            <select aria-label=format!("Colour of tag {tag}") prop:value=current.clone()
                                on:change=move |ev| {
                                    let colour = event_target_value(&ev);
                                    let mut s = settings.get_untracked();
                                    s.tags.retain(|x| x.name != t);
                                    s.tags.push(TagColour { name: t.clone(), colour });
                                    s.updated = state.clock.now();
                                    save.dispatch((Ok(s), "Tag colour saved"));
                                }>
                                {TAG_COLOURS.iter().map(|c| view! { <option value=*c>{*c}</option> }).collect_view()}
                            </select>
                        </li>
                    }
                }).collect_view()}
            </ul>
        </section>
    }
}
