//! What an edit form shows when its save needs the person's decision
//! (issue 12, two tabs): the fields another tab changed too, each with both
//! values and a choice between them, or that the record was deleted in
//! another tab, with "Save as a new …" (its links restored) and "Discard my
//! changes". Shared by the contact, company and deal forms.

use leptos::prelude::*;

use crate::core::edit::EditKind;
use crate::core::validate::FieldError;
use crate::state::commands::local_action;
use crate::state::commands::{self, ConflictField, FormSave, Unsaved};
use crate::state::{AppState, NoticeKind};
use crate::ui::components::fields::was_saved;
use crate::ui::text::{t, tf, tn};

/// What a form does with its save command's answer: shows field errors,
/// keeps a decision to make in `unsaved`, or returns the saved record's id.
pub fn saved_id(
    errors: RwSignal<Vec<FieldError>>,
    unsaved: RwSignal<Option<Unsaved>>,
    result: Result<FormSave, Vec<FieldError>>,
) -> Option<String> {
    let outcome = result.map(|o| match o {
        FormSave::Saved(id) => Some(id),
        FormSave::NotSaved => None,
        FormSave::Unsaved(u) => {
            unsaved.set(Some(u));
            None
        }
    });
    match outcome {
        Ok(Some(id)) => {
            was_saved(errors, Ok(true));
            unsaved.set(None);
            Some(id)
        }
        Ok(None) => None,
        Err(errs) => {
            was_saved(errors, Err(errs));
            None
        }
    }
}

/// The decision a form's save is waiting for, if any. `on_saved` gets the
/// saved record's id; `on_discard` leaves the form.
#[component]
pub fn UnsavedEdit(
    unsaved: RwSignal<Option<Unsaved>>,
    errors: RwSignal<Vec<FieldError>>,
    on_saved: Callback<String>,
    on_discard: Callback<()>,
) -> impl IntoView {
    move || {
        unsaved.get().map(|u| match u {
            Unsaved::Conflicts { fields, .. } => {
                view! { <ConflictChoices unsaved errors fields on_saved /> }.into_any()
            }
            Unsaved::Deleted { kind, .. } => {
                view! { <DeletedElsewhere unsaved errors kind on_saved on_discard /> }.into_any()
            }
        })
    }
}

/// Focuses a panel's heading when it appears, so keyboard and screen reader
/// users land on the decision.
fn focus_heading(node: NodeRef<leptos::html::H2>) {
    Effect::new(move |_| {
        if let Some(h) = node.get() {
            let _ = h.focus();
        }
    });
}

#[component]
fn ConflictChoices(
    unsaved: RwSignal<Option<Unsaved>>,
    errors: RwSignal<Vec<FieldError>>,
    fields: Vec<ConflictField>,
    on_saved: Callback<String>,
) -> impl IntoView {
    let state = AppState::expect();
    // The fields where the person takes the other tab's value.
    let take_theirs = RwSignal::new(Vec::<String>::new());
    let save = local_action(move |_: &()| async move {
        let Some(Unsaved::Conflicts { kind, conflict, links, .. }) = unsaved.get_untracked() else { return };
        let chosen = take_theirs.get_untracked();
        let result = commands::resolve_conflicts(state, kind, &conflict, &chosen, &links).await;
        if let Some(id) = saved_id(errors, unsaved, result) {
            on_saved.run(id);
        }
    });
    let heading = NodeRef::new();
    focus_heading(heading);
    let n = fields.len();
    view! {
        <section class="card conflict" aria-labelledby="conflict-heading">
            <h2 id="conflict-heading" tabindex="-1" node_ref=heading>{t("common.unsaved.changed")}</h2>
            <p>{tn("common.unsaved.changed_text", n)}</p>
            {fields.into_iter().map(|f| {
                let group = format!("conflict-{}", f.field);
                let (keep, take) = (f.field.clone(), f.field.clone());
                view! {
                    <fieldset class="conflict-field">
                        <legend>{f.label}</legend>
                        <label class="radio">
                            <input type="radio" name=group.clone() checked
                                on:change=move |_| take_theirs.update(|t| t.retain(|x| *x != keep)) />
                            {tf("common.unsaved.keep_mine", &[("value", &f.mine)])}
                        </label>
                        <label class="radio">
                            <input type="radio" name=group
                                on:change=move |_| take_theirs.update(|t| if !t.contains(&take) { t.push(take.clone()) }) />
                            {tf("common.unsaved.take_theirs", &[("value", &f.theirs)])}
                        </label>
                    </fieldset>
                }
            }).collect_view()}
            <div class="form-actions">
                <button type="button" class="primary" disabled=move || save.pending().get()
                    on:click=move |_| { save.dispatch(()); }>
                    {move || if save.pending().get() { t("common.saving") } else { t("common.unsaved.save_choices") }}
                </button>
                <button type="button" on:click=move |_| {
                    unsaved.set(None);
                    state.notify(NoticeKind::Error, t("common.unsaved.not_saved"));
                }>{t("common.unsaved.back")}</button>
            </div>
        </section>
    }
}

#[component]
fn DeletedElsewhere(
    unsaved: RwSignal<Option<Unsaved>>,
    errors: RwSignal<Vec<FieldError>>,
    kind: EditKind,
    on_saved: Callback<String>,
    on_discard: Callback<()>,
) -> impl IntoView {
    let state = AppState::expect();
    let save = local_action(move |_: &()| async move {
        let Some(Unsaved::Deleted { kind, record, links }) = unsaved.get_untracked() else { return };
        let result = commands::save_as_new(state, kind, &record, &links).await;
        if let Some(id) = saved_id(errors, unsaved, result) {
            on_saved.run(id);
        }
    });
    let heading = NodeRef::new();
    focus_heading(heading);
    view! {
        <section class="card conflict" aria-labelledby="deleted-heading">
            <h2 id="deleted-heading" tabindex="-1" node_ref=heading>{t("common.unsaved.deleted")}</h2>
            <p>{t(match kind {
                EditKind::Contact => "common.unsaved.deleted_text.contact",
                EditKind::Company => "common.unsaved.deleted_text.company",
                EditKind::Deal => "common.unsaved.deleted_text.deal",
            })}</p>
            <div class="form-actions">
                <button type="button" class="primary" disabled=move || save.pending().get()
                    on:click=move |_| { save.dispatch(()); }>
                    {t(match kind {
                        EditKind::Contact => "common.unsaved.save_new.contact",
                        EditKind::Company => "common.unsaved.save_new.company",
                        EditKind::Deal => "common.unsaved.save_new.deal",
                    })}
                </button>
                <button type="button" on:click=move |_| {
                    unsaved.set(None);
                    state.notify(NoticeKind::Success, t("common.unsaved.discarded"));
                    on_discard.run(());
                }>{t("common.unsaved.discard")}</button>
            </div>
        </section>
    }
}
