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
            <h1>"Contact not found"</h1>
            <p>"It may have been deleted. " <A href=link("/contacts")>"Back to contacts"</A></p>
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
                    state.notify(crate::state::NoticeKind::Error, format!("The vCard could not be downloaded: {e}"));
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
                        <p class="converted">"Converted — " <A href=link(&format!("/deals/{deal_id}"))>"see deal"</A></p>
                    }.into_any(),
                    None => view! {
                        <button type="button" class="primary" disabled=move || convert.pending().get() on:click=move |_| { convert.dispatch(()); }>"Convert to deal"</button>
                    }.into_any(),
                })}
                <button type="button" on:click=edit>"Edit"</button>
                <button type="button" on:click=download_vcard>"Download vCard"</button>
                <button type="button" class="danger" on:click=move |_| confirming.set(true)>"Delete"</button>
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
            {row("Name prefix", contact.name_prefix.clone())}
            {row("Name suffix", contact.name_suffix.clone())}
            {row("Nickname", contact.nickname.clone())}
            {row("Job title", contact.job_title.clone())}
            {row("Department", contact.department.clone())}
            {company.map(|(cid, name)| view! {
                <dt>"Company"</dt>
                <dd>{match name {
                    Some(n) => view! { <A href=link(&format!("/companies/{cid}"))>{n}</A> }.into_any(),
                    None => view! { <span>"Unknown company"</span> }.into_any(),
                }}</dd>
            })}
            <dt>"Lifecycle stage"</dt>
            <dd>{contact.lifecycle_stage.label()}</dd>
            {contact.lead_status.map(|s| view! { <dt>"Lead status"</dt><dd>{s.label()}</dd> })}
            <dt>"Last contacted"</dt>
            <dd>{move || match last() {
                Some(at) => view! { <LocalTime at /> }.into_any(),
                None => "Never".into_any(),
            }}</dd>
            {contact.cadence_days.map(|n| view! { <dt>"Keep in touch"</dt><dd>{every_days(n)}</dd> })}
            {row("Owner", contact.owner.clone())}
            {contact.emails.iter().map(|e| view! {
                <dt>{format!("Email ({})", e.kind.label())}</dt>
                <dd><a href=format!("mailto:{}", e.address)>{e.address.clone()}</a></dd>
            }).collect_view()}
            {contact.phones.iter().map(|p| view! {
                <dt>{format!("Phone ({})", p.kind.label())}</dt>
                <dd><a href=format!("tel:{}", p.number.replace(' ', ""))>{p.number.clone()}</a></dd>
            }).collect_view()}
            {contact.addresses.iter().map(|a| view! {
                <dt>{format!("Address ({})", a.kind.label())}</dt>
                <dd>{address_line(a)}</dd>
            }).collect_view()}
            {(!contact.tags.is_empty()).then(|| view! { <dt>"Tags"</dt><dd><TagChips tags=contact.tags.clone() /></dd> })}
            {row("Birthday", contact.birthday.map(yearly_date).unwrap_or_default())}
            {contact.important_dates.iter().map(|d| view! { <dt>{d.label.clone()}</dt><dd>{yearly_date(d.date)}</dd> }).collect_view()}
            {row("Source", contact.source.clone())}
            <dt>"Added"</dt><dd><LocalTime at=contact.created /></dd>
            <dt>"Updated"</dt><dd><LocalTime at=contact.updated /></dd>
        </dl>
        {(!contact.notes.is_empty()).then(|| view! { <h2>"Notes"</h2><p class="notes">{contact.notes.clone()}</p> })}
        <StageHistory history=contact.stage_history.clone() />
        <RecordDeals record_id=contact.id.clone() new_deal_query=format!("contact={}", contact.id) />
        <TasksPanel record_id=contact.id.clone() links=links.clone() />
        <Timeline entries links />
    }
}

/// "Every day", "Every 14 days".
fn every_days(n: u32) -> String {
    if n == 1 {
        "Every day".to_string()
    } else {
        format!("Every {n} days")
    }
}

/// An address on one line; a country no table knows (kept as an import found
/// it) is marked "(unrecognised country)".
fn address_line(a: &crate::core::records::Address) -> String {
    use crate::core::countries::{country_name, describe_country};
    if a.country.is_empty() || country_name(&a.country).is_some() {
        return a.one_line();
    }
    let shown = crate::core::records::Address { country: describe_country(&a.country), ..a.clone() };
    shown.one_line()
}
