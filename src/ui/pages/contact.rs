//! One contact: its details, lifecycle history, deals, tasks and timeline,
//! with Edit, Convert (a qualified lead into a deal) and Delete (undoable).

use leptos::prelude::*;

use crate::core::timeline::Links;
use crate::ui::components::confirm_delete::delete_record;
use crate::ui::components::confirm_delete::ConfirmDelete;
use crate::ui::components::local_time::LocalTime;
use crate::ui::components::record_sections::{RecordDeals, StageHistory};
use crate::ui::components::tag_chips::TagChips;
use crate::ui::components::tasks_panel::TasksPanel;
use crate::ui::components::timeline::{timeline_entries, Timeline};
use crate::ui::download::download;
use crate::ui::format::yearly_date;
use crate::ui::paths::link;
use crate::ui::text::{label, t, tf, tn};
use leptos_router::components::A;
use leptos_router::hooks::{use_navigate, use_params_map};

use crate::core::delete::delete_contact_changes;
use crate::core::import::vcard::write_vcard;
use crate::core::lifecycle::{can_convert, converted_deal};
use crate::core::records::ActivityKind;
use crate::core::records::Contact;
use crate::state::commands::local_action;
use crate::state::{commands, AppState};

#[component]
pub fn ContactPage() -> impl IntoView {
    let state = AppState::expect();
    let params = use_params_map();
    let id = move || params.with(|p| p.get("id").unwrap_or_default());
    let contact = Memo::new(move |_| state.data.with(|d| d.contact(&id()).cloned()));
    move || match contact.get() {
        None => view! {
            <h1>{t("contacts.detail.not_found")}</h1>
            <p>{t("contacts.detail.may_be_deleted")} " " <A href=link("/contacts")>{t("contacts.detail.back")}</A></p>
        }
        .into_any(),
        Some(c) => view! { <ContactDetails contact=c /> }.into_any(),
    }
}

#[component]
fn ContactDetails(contact: Contact) -> impl IntoView {
    let state = AppState::expect();
    let navigate = use_navigate();
    let confirming = RwSignal::new(false);
    let name = contact.display_name();
    let id = contact.id.clone();
    let company = contact
        .company_id
        .as_ref()
        .map(|cid| (cid.clone(), state.data.with_untracked(|d| d.company(cid).map(|c| c.name.clone()))));
    let (delete, delete_message) = delete_record(delete_contact_changes, id.clone(), name.clone(), "/contacts");
    let convert = local_action({
        let navigate = navigate.clone();
        let id = id.clone();
        move |_: &()| {
            let (navigate, id) = (navigate.clone(), id.clone());
            async move {
                if let Some(deal_id) = commands::convert_to_deal(state, id).await {
                    navigate(&format!("/deals/{deal_id}"), Default::default());
                }
            }
        }
    });
    // Derived from the timeline (newest first): the latest call, email or
    // meeting that has happened. Notes are not contact.
    let entries = timeline_entries(contact.id.clone());
    let last = move || {
        let t = state.clock.now();
        state.data.with(|d| {
            entries.with(|e| {
                e.iter()
                    .filter_map(|&i| d.activities().all().get(i as usize))
                    .find(|a| a.kind != ActivityKind::Note && a.at <= t)
                    .map(|a| a.at)
            })
        })
    };
    let links = Links::of_contact(&contact);
    let is_lead = can_convert(&contact);
    // A qualified lead with a deal was converted: link to that deal rather
    // than offer a second conversion (another deal comes from "New deal").
    let converted = {
        let id = id.clone();
        Memo::new(move |_| state.data.with(|d| converted_deal(d, &id).map(|deal| deal.id.clone())))
    };
    let edit = {
        let id = id.clone();
        move |_| navigate(&format!("/contacts/{id}/edit"), Default::default())
    };
    let download_vcard = {
        let id = id.clone();
        move |_| {
            let card = state
                .data
                .with_untracked(|d| d.contact(&id).map(|c| (c.display_name(), write_vcard(c, d.company_name_of(c)))));
            if let Some((name, card)) = card {
                if let Err(e) = download(&format!("{name}.vcf"), "text/vcard", &card) {
                    state.notify(
                        crate::state::NoticeKind::Error,
                        tf("contacts.detail.vcard_failed", &[("error", &e.to_string())]),
                    );
                }
            }
        }
    };
    let row =
        |label: &'static str, value: String| (!value.is_empty()).then(|| view! { <dt>{label}</dt><dd>{value}</dd> });
    view! {
        <div class="page-header">
            <h1>{name.clone()}</h1>
            <div class="actions">
                {move || is_lead.then(|| match converted.get() {
                    Some(deal_id) => view! {
                        <p class="converted">{t("contacts.detail.converted")} " — " <A href=link(&format!("/deals/{deal_id}"))>{t("contacts.detail.see_deal")}</A></p>
                    }.into_any(),
                    None => view! {
                        <button type="button" class="primary" disabled=move || convert.pending().get() on:click=move |_| { convert.dispatch(()); }>{t("contacts.detail.convert")}</button>
                    }.into_any(),
                })}
                <button type="button" on:click=edit>{t("common.edit")}</button>
                <button type="button" on:click=download_vcard>{t("contacts.detail.download_vcard")}</button>
                <button type="button" class="danger" on:click=move |_| confirming.set(true)>{t("common.delete")}</button>
            </div>
        </div>
        <ConfirmDelete
            open=confirming
            message=delete_message
            is_pending=delete.pending()
            on_confirm=Callback::new(move |()| {
                delete.dispatch(());
            })
        />
        <dl class="details">
            {row(t("contacts.field.name_prefix"), contact.name_prefix.clone())}
            {row(t("contacts.field.name_suffix"), contact.name_suffix.clone())}
            {row(t("contacts.field.nickname"), contact.nickname.clone())}
            {row(t("contacts.field.job_title"), contact.job_title.clone())}
            {row(t("contacts.field.department"), contact.department.clone())}
            {company.map(|(cid, name)| view! {
                <dt>{t("contacts.field.company")}</dt>
                <dd>{match name {
                    Some(n) => view! { <A href=link(&format!("/companies/{cid}"))>{n}</A> }.into_any(),
                    None => view! { <span>{t("contacts.detail.unknown_company")}</span> }.into_any(),
                }}</dd>
            })}
            <dt>{t("contacts.field.lifecycle_stage")}</dt>
            <dd>{label("lifecycle", contact.lifecycle_stage.key())}</dd>
            {contact.lead_status.map(|s| view! { <dt>{t("contacts.field.lead_status")}</dt><dd>{label("lead_status", s.key())}</dd> })}
            <dt>{t("contacts.detail.last_contacted")}</dt>
            <dd>{move || match last() {
                Some(at) => view! { <LocalTime at /> }.into_any(),
                None => t("contacts.detail.never").into_any(),
            }}</dd>
            {contact.cadence_days.map(|n| view! { <dt>{t("contacts.field.keep_in_touch")}</dt><dd>{every_days(n)}</dd> })}
            {row(t("contacts.field.owner"), contact.owner.clone())}
            {contact.emails.iter().map(|e| view! {
                <dt>{tf("contacts.detail.email_of_kind", &[("kind", &label("email_kind", e.kind.key()))])}</dt>
                <dd><a href=format!("mailto:{}", e.address)>{e.address.clone()}</a></dd>
            }).collect_view()}
            {contact.phones.iter().map(|p| view! {
                <dt>{tf("contacts.detail.phone_of_kind", &[("kind", &label("phone_kind", p.kind.key()))])}</dt>
                <dd><a href=format!("tel:{}", p.number.replace(' ', ""))>{p.number.clone()}</a></dd>
            }).collect_view()}
            {contact.addresses.iter().map(|a| view! {
                <dt>{tf("contacts.detail.address_of_kind", &[("kind", &label("address_kind", a.kind.key()))])}</dt>
                <dd>{address_line(a)}</dd>
            }).collect_view()}
            {(!contact.tags.is_empty()).then(|| view! { <dt>{t("contacts.field.tags")}</dt><dd><TagChips tags=contact.tags.clone() /></dd> })}
            {row(t("contacts.field.birthday"), contact.birthday.map(yearly_date).unwrap_or_default())}
            {contact.important_dates.iter().map(|d| view! { <dt>{d.label.clone()}</dt><dd>{yearly_date(d.date)}</dd> }).collect_view()}
            {row(t("contacts.field.source"), contact.source.clone())}
            <dt>{t("contacts.detail.added")}</dt><dd><LocalTime at=contact.created /></dd>
            <dt>{t("contacts.detail.updated")}</dt><dd><LocalTime at=contact.updated /></dd>
        </dl>
        {(!contact.notes.is_empty()).then(|| view! { <h2>{t("contacts.field.notes")}</h2><p class="notes">{contact.notes.clone()}</p> })}
        <StageHistory history=contact.stage_history.clone() />
        <RecordDeals record_id=contact.id.clone() new_deal_query=format!("contact={}", contact.id) />
        <TasksPanel record_id=contact.id.clone() links=links.clone() />
        <Timeline entries links />
    }
}

/// "Every day", "Every 14 days".
fn every_days(n: u32) -> String {
    tn("contacts.detail.every_days", n as usize)
}

/// An address on one line; a country no table knows (kept as an import found
/// it) is marked "(unrecognised country)".
fn address_line(a: &crate::core::records::Address) -> String {
    use crate::core::countries::country_name;
    if a.country.is_empty() || country_name(&a.country).is_some() {
        return a.one_line();
    }
    let shown = crate::core::records::Address {
        country: tf("contacts.detail.unrecognised_country", &[("country", a.country.trim())]),
        ..a.clone()
    };
    shown.one_line()
}
