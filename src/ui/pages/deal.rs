//! One deal: its details, won/lost/reopen, its timeline and tasks, delete
//! (with undo; activities and tasks are kept and unlinked).

use leptos::prelude::*;
use leptos_router::components::A;
use leptos_router::hooks::{use_navigate, use_params_map};

use crate::core::delete::delete_deal_changes;
use crate::core::records::{Deal, DealStatus};
use crate::core::timeline::Links;
use crate::state::commands::{self, local_action, DealMove};
use crate::state::AppState;
use crate::ui::components::confirm_delete::delete_record;
use crate::ui::components::confirm_delete::ConfirmDelete;
use crate::ui::components::local_time::LocalTime;
use crate::ui::components::tag_chips::TagChips;
use crate::ui::components::tasks_panel::TasksPanel;
use crate::ui::components::timeline::{timeline_entries, Timeline};
use crate::ui::format::{long_date, money};
use crate::ui::paths::link;
use crate::ui::text::{label, t, tf};

/// The reasons offered for a lost deal, stored in English as written here.
const LOST_REASONS: [&str; 6] = ["Price", "Chose a competitor", "No budget", "No decision", "Timing", "Other"]; // not text: stored values, shown through lost_reason_text

/// A lost reason in the person's language; one the person typed elsewhere
/// (an import) is shown as it is.
fn lost_reason_text(reason: &str) -> String {
    match reason {
        "Price" => t("deals.lost.price").to_string(), // not text: the stored value
        "Chose a competitor" => t("deals.lost.competitor").to_string(), // not text: the stored value
        "No budget" => t("deals.lost.no_budget").to_string(), // not text: the stored value
        "No decision" => t("deals.lost.no_decision").to_string(), // not text: the stored value
        "Timing" => t("deals.lost.timing").to_string(), // not text: the stored value
        "Other" => t("deals.lost.other").to_string(), // not text: the stored value
        other => other.to_string(),
    }
}

#[component]
pub fn DealPage() -> impl IntoView {
    let state = AppState::expect();
    let params = use_params_map();
    let deal = Memo::new(move |_| {
        params.with(|p| p.get("id")).and_then(|id| state.data.with(|d| d.deals().get(&id).cloned()))
    });
    view! {
        {move || match deal.get() {
            Some(deal) => view! { <DealDetails deal /> }.into_any(),
            None => view! { <h1>{t("deals.detail.not_found")}</h1><p>{t("deals.detail.may_be_deleted")}</p> }.into_any(),
        }}
    }
}

#[component]
fn DealDetails(deal: Deal) -> impl IntoView {
    let state = AppState::expect();
    let navigate = use_navigate();
    let confirming = RwSignal::new(false);
    let losing = RwSignal::new(false);
    let lost_reason = RwSignal::new(String::new());
    let id = deal.id.clone();
    let (stage_name, company, people) = state.data.with_untracked(|d| {
        let stage = d.settings().stage(&deal.stage).map_or_else(|| deal.stage.clone(), |s| s.name.clone());
        let company = deal.company_id.as_ref().and_then(|id| d.company(id)).map(|c| (c.id.clone(), c.name.clone()));
        let people: Vec<(String, String)> =
            deal.contact_ids.iter().filter_map(|id| d.contact(id)).map(|c| (c.id.clone(), c.display_name())).collect();
        (stage, company, people)
    });
    let (delete, delete_message) = delete_record(
        delete_deal_changes,
        id.clone(),
        tf("deals.detail.delete_what", &[("title", &deal.title)]),
        "/pipeline",
    );
    // Won, lost (with a reason) or open again: one action for the three.
    let outcome =
        local_action(move |(id, to): &(String, DealMove)| commands::move_deal_to(state, id.clone(), to.clone()));
    let close = {
        let id = id.clone();
        move |to: DealMove| {
            outcome.dispatch((id.clone(), to));
        }
    };
    let (won, reopened, lost) = (close.clone(), close.clone(), close);
    let confirm_lost = move |_| {
        lost(DealMove::Lost(lost_reason.get_untracked()));
        losing.set(false);
    };
    let edit = {
        let id = id.clone();
        move |_| navigate(&format!("/deals/{id}/edit"), Default::default())
    };
    let status = deal.status;
    let weighted = crate::core::pipeline::weighted_cents(deal.amount_cents, deal.probability);
    let links = Links::of_deal(&deal);
    view! {
        <div class="page-header">
            <h1>{deal.title.clone()}</h1>
            <div class="actions">
                {(status == DealStatus::Open).then(|| view! {
                    <button type="button" class="primary" disabled=move || outcome.pending().get() on:click=move |_| won(DealMove::Won)>{t("deals.detail.mark_won")}</button>
                    <button type="button" on:click=move |_| losing.set(true)>{t("deals.detail.mark_lost")}</button>
                })}
                {(status != DealStatus::Open).then(|| view! { <button type="button" disabled=move || outcome.pending().get() on:click=move |_| reopened(DealMove::Reopen)>{t("deals.detail.reopen")}</button> })}
                <button type="button" on:click=edit>{t("common.edit")}</button>
                <button type="button" class="danger" on:click=move |_| confirming.set(true)>{t("common.delete")}</button>
            </div>
        </div>
        <Show when=move || losing.get()>
            <div class="confirm" role="group" aria-label=t("deals.detail.lost_group")>
                <label for="f-lost-reason">{t("deals.detail.lost_reason")}</label>
                <select id="f-lost-reason" prop:value=move || lost_reason.get() on:change=move |ev| lost_reason.set(event_target_value(&ev))>
                    <option value="">"—"</option>
                    {LOST_REASONS.iter().map(|r| view! { <option value=*r>{lost_reason_text(r)}</option> }).collect_view()}
                </select>
                <button type="button" class="danger" disabled=move || outcome.pending().get() on:click=confirm_lost.clone()>{t("deals.detail.confirm_lost")}</button>
                <button type="button" on:click=move |_| losing.set(false)>{t("common.cancel")}</button>
            </div>
        </Show>
        <ConfirmDelete open=confirming message=delete_message is_pending=delete.pending() on_confirm=Callback::new(move |()| { delete.dispatch(()); }) />
        <dl class="details">
            <dt>{t("deals.field.status")}</dt><dd>{label("deal_status", deal.status.key())}{(!deal.lost_reason.is_empty()).then(|| format!(" ({})", lost_reason_text(&deal.lost_reason)))}</dd>
            <dt>{t("contacts.list.col.stage")}</dt><dd>{stage_name}</dd>
            <dt>{t("deals.field.amount")}</dt><dd>{money(deal.amount_cents, &deal.currency)}</dd>
            <dt>{t("deals.field.probability")}</dt><dd>{tf("deals.detail.probability", &[("p", &deal.probability.to_string()), ("weighted", &money(weighted, &deal.currency))])}</dd>
            {deal.expected_close.map(|d| view! { <dt>{t("deals.field.expected_close")}</dt><dd>{long_date(d)}</dd> })}
            {company.map(|(cid, name)| view! { <dt>{t("contacts.field.company")}</dt><dd><A href=link(&format!("/companies/{cid}"))>{name}</A></dd> })}
            {(!people.is_empty()).then(|| view! {
                <dt>{t("contacts.list.title")}</dt>
                <dd>{people.into_iter().map(|(cid, name)| view! { <A href=link(&format!("/contacts/{cid}"))>{name}</A>" " }).collect_view()}</dd>
            })}
            {(!deal.owner.is_empty()).then(|| view! { <dt>{t("contacts.field.owner")}</dt><dd>{deal.owner.clone()}</dd> })}
            {(!deal.tags.is_empty()).then(|| view! { <dt>{t("contacts.field.tags")}</dt><dd><TagChips tags=deal.tags.clone() /></dd> })}
            <dt>{t("deals.detail.created")}</dt><dd><LocalTime at=deal.created /></dd>
            {deal.closed.map(|at| view! { <dt>{t("deals.detail.closed")}</dt><dd><LocalTime at /></dd> })}
        </dl>
        {(!deal.notes.is_empty()).then(|| view! { <h2>{t("contacts.field.notes")}</h2><p class="notes">{deal.notes.clone()}</p> })}
        <TasksPanel record_id=deal.id.clone() links=links.clone() />
        <Timeline entries=timeline_entries(deal.id.clone()) links />
    }
}
